package airflow

import (
	"strings"
	"sync/atomic"

	"github.com/daglint/daglint/internal/pyparse"
)

// moduleClasses is the ClassFinder of a file built with a module index: a
// class name the file imports is followed (ImportedName) to the project
// module that defines it, whose classes are analysed in a model of their own
// (built once per module and kept on the module's shared model), so a
// subclass in plugins/ counts in every DAG file that imports it.
type moduleClasses struct {
	m     *Model
	chain *classChain
}

// classChain is the modules whose classes are being analysed, outermost
// first: a class lookup that comes back to one of them is an import cycle
// and answers false; a model built while the chain cut such a lookup is not
// kept, since another entry point could see more.
type classChain struct {
	files []*pyparse.File
	cut   bool
}

// classesOf holds, on an imported module's shared model, the model with its
// classes analysed (see moduleClasses).
type classesOf = atomic.Pointer[Model]

func (c moduleClasses) FindClass(dotted string) (ClassRef, bool) {
	e := dottedExpr(dotted)
	if e == nil {
		return ClassRef{}, false
	}
	return c.findClassExpr(e)
}

// classExprFinder is a ClassFinder that also takes the name as the
// expression it is written as (a Name / Attribute chain): classes.lookup
// then need not spell it out for FindClass to build it again.
type classExprFinder interface {
	findClassExpr(e pyparse.Expr) (ClassRef, bool)
}

// findClassExpr is FindClass of the name e spells; ImportedName reads only
// its names, so the expression as written serves as well as one rebuilt.
func (c moduleClasses) findClassExpr(e pyparse.Expr) (ClassRef, bool) {
	def, name, ok := c.m.ImportedName(e)
	if !ok || def == nil {
		return ClassRef{}, false
	}
	chain := c.chain
	if chain == nil {
		chain = &classChain{files: []*pyparse.File{c.m.File}}
	}
	for _, f := range chain.files {
		if f == def.File {
			chain.cut = true
			return ClassRef{}, false
		}
	}
	cm := def.withClasses.Load()
	if cm == nil {
		inner := &classChain{files: append(append([]*pyparse.File(nil), chain.files...), def.File)}
		cm = buildClasses(def, inner)
		if inner.cut {
			chain.cut = true
		} else {
			def.withClasses.CompareAndSwap(nil, cm)
		}
	}
	cd := cm.classes.byName[name]
	if cd == nil {
		return ClassRef{}, false
	}
	return ClassRef{Def: cd, Module: cm}, true
}

// buildClasses analyses the classes of an imported module (def, a model of
// BuildModule) in a model of their own, looking their bases up through the
// same index. Operator calls of the module are not collected: it is read,
// not linted.
func buildClasses(def *Model, chain *classChain) *Model {
	m := &Model{File: def.File, imports: def.imports, mutated: def.mutated, mods: def.mods, shared: true}
	m.module = def.module // a Scope is not written after newScope
	m.classes = newClasses(m, moduleClasses{m: m, chain: chain})
	m.classes.analyseAll()
	return m
}

// dottedExpr builds the Name / Attribute chain "a.b.C" spells, or nil.
func dottedExpr(dotted string) pyparse.Expr {
	parts := strings.Split(dotted, ".")
	var e pyparse.Expr
	for i, p := range parts {
		if p == "" {
			return nil
		}
		if i == 0 {
			e = &pyparse.Name{ID: p}
			continue
		}
		e = &pyparse.Attribute{Value: e, Attr: p}
	}
	return e
}
