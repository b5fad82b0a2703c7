// Package airflow turns a parsed DAG file into what Airflow will do with it:
// which calls are Docker or Kubernetes operator calls, where each argument's
// value comes from (call, partial/expand, **mapping, default_args of the DAG,
// @dag or TaskGroup), and what strings resolve to.
package airflow

import (
	"strings"
	"sync"

	"github.com/daglint/daglint/internal/pyparse"
)

// ArgSource says where an argument's value was given. It is a byte, so
// that it and Mapped share a word of Arg.
type ArgSource uint8

// Argument sources, from the call outwards.
const (
	FromCall        ArgSource = iota // a keyword of the constructor call
	FromPartial                      // a keyword of .partial(...)
	FromExpand                       // a keyword of .expand(...): the value is mapped over
	FromDecorator                    // a keyword of @task.docker(...)
	FromMapping                      // an entry of a **mapping the file defines
	FromDefaultArgs                  // an entry of default_args (call, TaskGroup, DAG or @dag)
	FromSubclass                     // a keyword an operator subclass passes to super().__init__, or a default of its own parameter
)

// String names the source for messages.
func (s ArgSource) String() string {
	switch s {
	case FromCall:
		return "call"
	case FromPartial:
		return "partial"
	case FromExpand:
		return "expand"
	case FromDecorator:
		return "decorator"
	case FromMapping:
		return "mapping"
	case FromSubclass:
		return "subclass"
	}
	return "default_args"
}

// Arg is the effective value of one operator parameter.
type Arg struct {
	Name  string
	Value Value
	// Expr is the value expression where it reaches the operator: the
	// keyword's value at the call, or the entry's value in a mapping or
	// default_args. Its range is the argument's primary location.
	Expr pyparse.Expr
	// KeyRange is the keyword name or the mapping key.
	KeyRange pyparse.Range
	Source   ArgSource
	// Mapped is set for .expand() arguments: Value is the list mapped over.
	Mapped bool
	// Origin is set when the value was written in another module (a
	// subclass's super().__init__ keyword there): Expr and KeyRange then
	// point at the callee in this file.
	Origin *ArgOrigin
}

// ArgOrigin is where, in another module, an argument's value was written.
type ArgOrigin struct {
	Module *Model
	// Expr is the value expression in Module; Def the definition it
	// reached the keyword through (zero when written there).
	Expr pyparse.Expr
	Def  pyparse.Range
}

// Loc is the argument's primary location.
func (a *Arg) Loc() pyparse.Range { return a.Expr.Span() }

// Candidates returns the values the parameter may take: the elements of an
// expanded list, or the value itself.
func (a *Arg) Candidates() []Value {
	if a.Mapped {
		if a.Value.Kind == List {
			return a.Value.Elems()
		}
		return nil
	}
	return []Value{a.Value}
}

// KeywordSite is a keyword written at an operator call, partial, expand or
// @task.docker decorator.
type KeywordSite struct {
	Name      string
	NameRange pyparse.Range
	Value     pyparse.Expr
	Source    ArgSource
}

// OpCall is one Docker or Kubernetes operator call site.
type OpCall struct {
	Kind OperatorKind
	// Callee is the operator name (or the decorator) as written.
	Callee     pyparse.Range
	CalleeText string
	// Call is the constructor call, or the decorator call for @task.docker
	// (nil for a bare `@task.docker`). With partial/expand it is the
	// partial call.
	Call    *pyparse.Call
	Partial *pyparse.Call
	Expand  *pyparse.Call
	Func    *pyparse.FuncDef // the decorated function of @task.docker
	// Subclass is the class defined in this file the call instantiates,
	// when that is an operator subclass of the project.
	Subclass *pyparse.ClassDef
	// Class names the class the call instantiates when it is not Kind
	// itself: a project subclass (defined in this file or another module),
	// a provider subclass of KubernetesPodOperator ("GKEStartPodOperator")
	// or "@task.kubernetes". Empty otherwise.
	Class string
	// PodOverride is the k8s.V1Container(...) of an executor_config pod
	// override: such a call (Kind KubernetesPodOperator) holds only the
	// container's image and image_pull_policy.
	PodOverride *pyparse.Call
	// Args holds the effective value of each parameter Airflow will see.
	Args  map[string]*Arg
	Scope *Scope
	// open is set when some source of arguments could not be resolved: any
	// parameter may be set by it.
	open bool
	text string // the subclass's source, for MaybeSet
	// project is set for a project subclass; extra holds the parameters
	// the classes between the call and Kind add (project or provider);
	// unchecked is set when those classes may take keywords daglint
	// cannot list; templates when a project class sets template_fields.
	project, unchecked, templates bool
	extra                         nameSet
}

// IsSubclass reports whether the call instantiates an operator subclass
// defined in the project (this file or another module).
func (c *OpCall) IsSubclass() bool { return c.project }

// KeywordsKnown reports whether daglint knows every keyword the call's class
// accepts: Kind's parameters plus AddedParam. It is false for a project
// subclass whose __init__ does not pass **kwargs on to the one
// super().__init__(...) call, changes kwargs in place, or inherits an
// __init__ of a mixin; and for an executor_config pod override.
func (c *OpCall) KeywordsKnown() bool { return !c.unchecked && c.PodOverride == nil }

// AddedParam reports whether a class between the call and its operator Kind
// (a project subclass's __init__, a provider subclass such as
// GKEStartPodOperator, @task.kubernetes) declares the parameter name.
func (c *OpCall) AddedParam(name string) bool { return c.extra[name] }

// OwnTemplateFields reports whether a project subclass of the call's chain
// sets template_fields itself (then it chooses what is templated).
func (c *OpCall) OwnTemplateFields() bool { return c.templates }

// EachKeyword calls yield with every keyword written at the call sites, in
// order (the call's, the partial's, then the expand's; the decorator's of
// @task.docker), until yield returns false. The sites are read where they
// are written, so that no list of them is built: rules range over it
// (`for k := range op.EachKeyword`).
func (c *OpCall) EachKeyword(yield func(KeywordSite) bool) {
	src := FromCall
	switch {
	case c.Func != nil:
		src = FromDecorator
	case c.Partial != nil:
		src = FromPartial
	}
	if !eachKeyword(c.Call, src, yield) {
		return
	}
	if c.Expand != nil && c.Expand.Func.(*pyparse.Attribute).Attr != "expand_kwargs" { // which takes a list of keyword dicts
		eachKeyword(c.Expand, FromExpand, yield)
	}
}

// eachKeyword yields the named keywords of call (nil: none) as sites of
// src; it returns false when yield did.
func eachKeyword(call *pyparse.Call, src ArgSource, yield func(KeywordSite) bool) bool {
	if call == nil {
		return true
	}
	for _, kw := range call.Keywords {
		if kw.Name != "" && !yield(KeywordSite{Name: kw.Name, NameRange: kw.NameRange, Value: kw.Value, Source: src}) {
			return false
		}
	}
	return true
}

// Arg returns the effective argument name, or nil when none is known.
func (c *OpCall) Arg(name string) *Arg { return c.Args[name] }

// Open reports whether arguments may come from somewhere daglint could not
// resolve (`**kwargs` of unknown content, default_args built at run time, an
// unknown DAG context ...).
func (c *OpCall) Open() bool { return c.open }

// MaybeSet reports whether name may be set on the operator: a known argument,
// an unresolved source of arguments, or a same-file subclass that mentions it.
func (c *OpCall) MaybeSet(name string) bool {
	if c.Args[name] != nil || c.open {
		return true
	}
	return c.text != "" && strings.Contains(c.text, name)
}

// IsDocker reports whether the call runs a Docker container (not Kubernetes).
func (c *OpCall) IsDocker() bool { return c.Kind != KubernetesPodOperator }

// Model is the semantic view of one file shared by all rules.
type Model struct {
	File  *pyparse.File
	Calls []*OpCall

	imports *imports
	module  *Scope
	classes *classes // operator subclasses, all analysed before buildModel returns
	// mutated holds names changed in place anywhere in the file.
	mutated map[string]bool
	// reads indexes ConfigParser reads, built on first use.
	reads     *readIndex
	readsOnce sync.Once
	// mods finds the project modules the file imports; nil when none are known.
	mods Modules
	// imported holds, on the linted file's model, the modules its
	// imports name (see importOf).
	imported map[importKey]*Module
	// foreign holds the project modules values were imported from.
	foreign map[*pyparse.File]*Model
	// shared is set on an imported module's model, which many files read
	// at once: it records nothing.
	shared bool
	// withClasses is, on an imported module's model, the model of its
	// classes (moduleClasses), built on first use.
	withClasses classesOf
}

// Module returns the module scope.
func (m *Model) Module() *Scope { return m.module }

// QualName returns the dotted name e refers to through the file's imports, or "".
func (m *Model) QualName(e pyparse.Expr) string { return m.imports.qualName(e) }

// CoreAirflow110 reports whether the call's operator was imported from
// Airflow 1.10's own modules (airflow.operators.docker_operator,
// airflow.contrib.operators...) rather than from a provider package.
func (m *Model) CoreAirflow110(op *OpCall) bool {
	if op.Call == nil {
		return false
	}
	fn := op.Call.Func
	if at, ok := fn.(*pyparse.Attribute); ok && at.Attr == "partial" {
		fn = at.Value
	}
	q := m.QualName(fn)
	return strings.HasPrefix(q, "airflow.operators.") || strings.HasPrefix(q, "airflow.contrib.")
}

// Build analyses a parsed file on its own: operator subclasses count when
// the file defines them.
func Build(f *pyparse.File) *Model { return buildModel(f, nil, nil, true) }

// BuildWith analyses a parsed file whose imports of project modules mods
// resolves (nil: none), so that names imported from them resolve as if
// they were defined in the file, and operator subclasses defined in them
// count as the file's own.
func BuildWith(f *pyparse.File, mods Modules) *Model { return buildModel(f, mods, nil, true) }

// BuildWithClasses analyses a parsed file, taking operator subclasses that
// the file imports from other modules of the project from classes (nil:
// none). The file's own classes are all analysed before it returns (their
// bases in other modules looked up then), and the Model does not change
// afterwards.
func BuildWithClasses(f *pyparse.File, classes ClassFinder) *Model {
	return buildModel(f, nil, classes, true)
}

// buildModel builds the model; with shortcut, a file that imports nothing
// from Airflow and nothing from the project's modules gets no operator calls
// without the walk that looks for them (a plain module costs its imports and
// module scope only). The shortcut test checks that it changes nothing.
func buildModel(f *pyparse.File, mods Modules, classes ClassFinder, shortcut bool) *Model {
	m := &Model{File: f, imports: collectImports(f), mutated: mutatedNames(f), mods: mods}
	if classes == nil && mods != nil {
		classes = moduleClasses{m: m}
	}
	m.module = newModuleScope(f)
	if shortcut && !m.imports.fromAirflow() && (classes == nil || mods != nil && !m.importsProject()) {
		return m // classes comes from mods when it is not given
	}
	m.classes = newClasses(m, classes)
	m.classes.analyseAll()
	sc := scratchPool.Get().(*scratch)
	b := &builder{m: m, classes: m.classes, sites: sc.sitesFor(len(f.Index().Calls)), kinds: sc.kinds, calls: newIndexCalls(f)}
	b.stmts(f.Body, m.module, nil)
	b.finish()
	sc.keep(b)
	return m
}

// scratch is the working memory of a builder that no model keeps: the
// next file the goroutine builds reuses it (a worker builds file after
// file, and each file's would otherwise be garbage once built).
type scratch struct {
	sites []callSite
	kinds map[string]kindOf
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// sitesFor returns an empty list of call sites with room for n.
func (sc *scratch) sitesFor(n int) []callSite {
	if cap(sc.sites) < n {
		sc.sites = make([]callSite, 0, n)
	}
	return sc.sites[:0]
}

// keep empties what b used (so that it holds on to nothing of its file)
// and puts it back in the pool.
func (sc *scratch) keep(b *builder) {
	clear(b.sites)
	clear(b.kinds)
	sc.sites, sc.kinds = b.sites[:0], b.kinds
	scratchPool.Put(sc)
}

// importsProject reports whether the file imports a module of the project
// (see ProjectImports): its classes may be operators.
func (m *Model) importsProject() bool {
	test := NewProjectImports(m.mods, m.File.Path)
	for _, r := range m.imports.relative {
		if test.Names(r.level, r.module) {
			return true
		}
	}
	for _, q := range m.imports.alias {
		if test.Names(0, q) {
			return true
		}
	}
	for _, q := range m.imports.star {
		if test.Names(0, q) {
			return true
		}
	}
	return false
}

// mutatingMethods change a dict or list in place.
var mutatingMethods = map[string]bool{
	"update": true, "setdefault": true, "pop": true, "popitem": true, "clear": true,
	"append": true, "extend": true, "insert": true, "remove": true, "__setitem__": true,
}

// mutatedNames returns the names whose value the file changes in place
// (`d["k"] = v`, `d.update(...)`, `del d["k"]`): a dict bound to such a name
// may hold other keys than its literal shows, so it resolves as partial.
func mutatedNames(f *pyparse.File) map[string]bool {
	var out map[string]bool // made on first use: most files change nothing in place
	mark := func(e pyparse.Expr) {
		if d := dottedName(e); d != "" {
			if out == nil {
				out = map[string]bool{}
			}
			out[d] = true // a name, or `module.NAME` of an imported module
		}
	}
	ix := f.Index()
	for _, s := range ix.Stmts {
		switch n := s.(type) {
		case *pyparse.Assign:
			for _, t := range n.Targets {
				if s, ok := t.(*pyparse.Subscript); ok {
					mark(s.Value)
				}
			}
		case *pyparse.OtherStmt:
			if n.Kind == pyparse.StmtDelete {
				for _, e := range n.Exprs {
					pyparse.Inspect(e, func(x pyparse.Node) bool {
						if s, ok := x.(*pyparse.Subscript); ok {
							mark(s.Value)
						}
						return true
					})
				}
			}
		}
	}
	for _, n := range ix.Calls {
		if at, ok := n.Func.(*pyparse.Attribute); ok && mutatingMethods[at.Attr] {
			mark(at.Value)
		}
	}
	return out
}
