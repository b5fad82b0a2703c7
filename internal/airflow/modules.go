package airflow

import (
	"sort"
	"strings"

	"github.com/daglint/daglint/internal/pyparse"
)

// Modules is the module index of a project: it finds the modules a file's
// imports name. Implementations are safe for concurrent use.
type Modules interface {
	// Import returns the module `import dotted` names (level 0), or the one
	// `from <level dots><dotted> import ...` names in the file at from
	// (dotted may then be empty: the package of from itself); nil when the
	// project has no single module of that name.
	Import(from string, level int, dotted string) *Module
	// Sub returns the submodule name of the package m, or nil.
	Sub(m *Module, name string) *Module
	// Model returns the analysed module (see BuildModule), or nil for a
	// namespace package and for a module that cannot be read or does not
	// parse (importing it fails, so nothing it defines is known).
	Model(m *Module) *Model
}

// Module is one module or package of a project.
type Module struct {
	// Path is the module's file (__init__.py for a regular package), "" for
	// a namespace package.
	Path string
	// Dirs are the package's folders: one for a regular package, its
	// portions for a namespace package; nil for a plain module.
	Dirs []string
}

// Origin is where a value imported from another module of the project is
// defined. A value that crosses modules is relocated: every range it and
// its entries carry is the expression that refers to it in the importing
// file (so findings, suppressions and fixes stay in that file), and Origin
// keeps the definition for the related location.
type Origin struct {
	File *pyparse.File
	Def  pyparse.Range
}

// BuildModule analyses an imported module for name resolution only (its
// scope and imports, no operator calls). The model is never written
// afterwards, so many files may resolve names through it at once.
func BuildModule(f *pyparse.File, mods Modules) *Model {
	m := &Model{File: f, imports: collectImports(f), mutated: mutatedNames(f), mods: mods, shared: true}
	m.module = newModuleScope(f)
	return m
}

// ProjectImports decides, one import at a time, whether a file imports a
// module of the project: the driver's textual prefilter and the model's
// shortcut both ask it. Each distinct module (an absolute import's head, a
// relative import as written) is looked up in the index once. Imports of
// airflow itself never count: the model never looks for project classes
// under that name (a tree that holds the airflow package itself would
// otherwise have every file import the project).
type ProjectImports struct {
	mods Modules
	from string
	seen map[string]bool
}

// NewProjectImports returns the test for the file at from in the project
// mods (not nil).
func NewProjectImports(mods Modules, from string) *ProjectImports {
	return &ProjectImports{mods: mods, from: from, seen: map[string]bool{}}
}

// Names reports whether `from <level dots><dotted> import ...` (level 0:
// `import dotted`) names a module of the project, false for a module asked
// about before.
func (t *ProjectImports) Names(level int, dotted string) bool {
	key := strings.Repeat(".", level) + dotted
	if level == 0 {
		dotted, _, _ = strings.Cut(dotted, ".")
		key = dotted
	}
	if key == "" || key == "airflow" || t.seen[key] {
		return false
	}
	t.seen[key] = true
	return t.mods.Import(t.from, level, dotted) != nil
}

// Foreign returns the project modules some value of the file was imported
// from, directly or through other modules, sorted by path.
func (m *Model) Foreign() []*Model {
	out := make([]*Model, 0, len(m.foreign))
	for _, f := range m.foreign {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File.Path < out[j].File.Path })
	return out
}

// addForeign records that values of the file came from the module of fm
// (an imported module's shared model records nothing).
func (m *Model) addForeign(fm *Model) {
	if m.shared {
		return
	}
	if m.foreign == nil {
		m.foreign = map[*pyparse.File]*Model{}
	}
	if m.foreign[fm.File] == nil {
		m.foreign[fm.File] = fm
	}
}

// importOf returns the module the import ref of m's file names
// (Modules.Import). The linted file's model keeps the answers: it
// evaluates its imported names over and over (each operator that reads
// IMAGE follows `from common.config import IMAGE` again), and the index
// answers the same while the file is linted. A shared model, which many
// files read at once, asks the index each time.
func (m *Model) importOf(ref *importRef) *Module {
	if m.shared {
		return m.mods.Import(m.File.Path, ref.level, ref.module)
	}
	k := importKey{ref.level, ref.module}
	if mod, ok := m.imported[k]; ok {
		return mod
	}
	mod := m.mods.Import(m.File.Path, ref.level, ref.module)
	if m.imported == nil {
		m.imported = map[importKey]*Module{}
	}
	m.imported[k] = mod
	return mod
}

// importKey is an import as importOf looks it up.
type importKey struct {
	level  int
	module string
}

// importRef is what an import statement binds a name to.
type importRef struct {
	level  int
	module string // dotted module as written ("" in `from . import x`)
	name   string // the imported name; "" when the name is bound to the module
}

// collectImport records the names an import statement binds.
func (s *Scope) collectImport(st pyparse.Stmt) {
	switch st := st.(type) {
	case *pyparse.Import:
		refs := s.newRefs(len(st.Names))
		for i, a := range st.Names {
			if a.AsName != "" {
				refs[i] = importRef{module: a.Name}
				s.bindImport(a.AsName, &refs[i])
			} else {
				h := headName(a.Name)
				refs[i] = importRef{module: h}
				s.bindImport(h, &refs[i])
			}
		}
	case *pyparse.ImportFrom:
		refs := s.newRefs(len(st.Names))
		for i, a := range st.Names {
			refs[i] = importRef{level: st.Level, module: st.Module, name: a.Name}
			ref := &refs[i]
			switch {
			case a.Name == "*":
				if s.Func == nil {
					s.stars = append(s.stars, ref)
				}
			case a.AsName != "":
				s.bindImport(a.AsName, ref)
			default:
				s.bindImport(a.Name, ref)
			}
		}
	}
}

// newRefs returns n zero importRefs for an import statement, taken from the
// block fill made for the scope's imports (see bindHint), so that the
// import statements of a file cost one allocation together.
func (s *Scope) newRefs(n int) []importRef {
	if len(s.refSlab) < n {
		return make([]importRef, n) // bindHint missed this one
	}
	refs := s.refSlab[:n:n]
	s.refSlab = s.refSlab[n:]
	return refs
}

// bindImport binds name to an import. The same import twice (`import a.b`
// and `import a.c` both bind a to the package a; a file that repeats
// `from m import X`) is one binding, not two.
func (s *Scope) bindImport(name string, ref *importRef) {
	for _, b := range s.bound(name) {
		if b.kind == bindImport && *b.imp == *ref {
			return
		}
	}
	s.add(name, binding{kind: bindImport, imp: ref, cond: s.inBlock > 0})
}

// member is what a name of a module stands for: a module, or a value.
type member struct {
	mod   *Module
	val   Value
	found bool // the name is a module or defined in the module
	// defIn is the module whose own statement binds the name (an
	// assignment, class or def, not an import), defName the name there.
	defIn   *Model
	defName string
}

func unknownMember(use pyparse.Expr) member {
	return member{val: Value{Expr: use}, found: true}
}

// over reports whether r has spent its budgets.
func (r *resolver) over() bool { return r.depth > maxResolveDepth || r.steps > maxResolveSteps }

// sink is the model whose file the resolution started in.
func (r *resolver) sink() *Model {
	if r.home != nil {
		return r.home
	}
	return r.m
}

// child returns a resolver evaluating in the module scope of m, with r's
// budgets (given back by r.join).
func (r *resolver) child(m *Model) *resolver {
	return &resolver{m: m, scope: m.module, home: r.sink(), depth: r.depth + 1, steps: r.steps}
}

func (r *resolver) join(c *resolver) { r.steps = c.steps }

// follow resolves an import binding of r's module; use is the expression
// of the importing file that refers to it.
func (r *resolver) follow(ref *importRef, use pyparse.Expr) member {
	if r.m.mods == nil || r.over() {
		return member{}
	}
	r.steps++
	mod := r.m.importOf(ref)
	if mod == nil {
		return member{}
	}
	if ref.name == "" {
		return member{mod: mod, found: true}
	}
	if r.m.mods.Model(mod) == r.m {
		// `from . import tags` in a package's __init__.py: the name is
		// not bound yet, so it is the submodule.
		if sub := r.m.mods.Sub(mod, ref.name); sub != nil {
			return member{mod: sub, found: true}
		}
		return member{}
	}
	return r.memberOf(mod, ref.name, use)
}

// memberOf resolves `mod.name` as the importing file sees it: a name the
// module defines (or star-imports), else a submodule.
func (r *resolver) memberOf(mod *Module, name string, use pyparse.Expr) member {
	r.steps++
	if r.over() {
		return unknownMember(use)
	}
	if m := r.m.mods.Model(mod); m != nil {
		c := r.child(m)
		mb, ok := c.moduleName(name, use)
		r.join(c)
		if ok {
			return mb
		}
	} else if mod.Path != "" {
		return unknownMember(use) // a module that cannot be imported
	}
	if len(mod.Dirs) > 0 {
		if sub := r.m.mods.Sub(mod, name); sub != nil {
			return member{mod: sub, found: true}
		}
	}
	return member{}
}

// moduleName resolves a module-level name of r's module (a foreign one);
// ok is false when the module does not define it.
func (r *resolver) moduleName(name string, use pyparse.Expr) (member, bool) {
	bs := r.m.module.bound(name)
	stars := r.starsProviding(name)
	switch {
	case len(bs) == 0 && len(stars) == 0:
		return member{}, false
	case len(bs)+len(stars) > 1:
		return unknownMember(use), true // reassigned, or star imports that may differ
	case len(stars) == 1:
		return r.memberOf(stars[0], name, use), true
	}
	b := bs[0]
	if b.cond {
		// Bound only if a condition held (`if ENV == "prod":`): importing
		// the name may fail, or find another module's. Never guessed.
		return unknownMember(use), true
	}
	switch b.kind {
	case bindImport:
		mb := r.follow(b.imp, use)
		if !mb.found {
			return unknownMember(use), true
		}
		return mb, true
	case bindOther:
		return member{val: Value{Expr: use}, found: true, defIn: r.m, defName: name}, true
	case bindAssign:
		v := r.eval(b.value)
		if v.Def == (pyparse.Range{}) {
			v.Def = b.value.Span()
		}
		if (v.Kind == Dict || v.Kind == List) && r.m.mutated[name] {
			v.Partial = true
		}
		r.sink().addForeign(r.m)
		return member{val: relocate(v, use, r.m.File), found: true, defIn: r.m, defName: name}, true
	}
	return unknownMember(use), true
}

// starsProviding returns the modules star-imported into r's module that
// define name (names starting with "_" are never star-imported). A star
// import of a module that is not the project's cannot be looked into and
// is passed over.
func (r *resolver) starsProviding(name string) []*Module {
	stars := r.m.module.stars
	if len(stars) == 0 || r.m.mods == nil || strings.HasPrefix(name, "_") {
		return nil
	}
	var out []*Module
	for _, ref := range stars {
		mod := r.m.importOf(ref)
		if mod != nil && r.provides(mod, name, 0) {
			out = append(out, mod)
		}
	}
	return out
}

// provides reports whether `from mod import *` binds name.
func (r *resolver) provides(mod *Module, name string, hops int) bool {
	r.steps++
	if hops > 8 || r.over() {
		return false
	}
	m := r.m.mods.Model(mod)
	if m == nil {
		return false
	}
	c := r.child(m)
	defer r.join(c)
	if all := m.module.bound("__all__"); len(all) == 1 && all[0].kind == bindAssign {
		v := c.eval(all[0].value)
		if v.Kind == List && !v.Partial {
			for _, e := range v.Elems() {
				if e.Kind == String && e.Str == name {
					return true
				}
			}
			return false
		}
	}
	if m.module.bound(name) != nil {
		return true
	}
	for _, ref := range m.module.stars {
		if sub := m.importOf(ref); sub != nil && c.provides(sub, name, hops+1) {
			return true
		}
	}
	return false
}

// crossModule resolves a name bound by an import of a project module, or
// provided by a star import of one; handled is false when the name is none
// of these (the caller resolves it as before). b, at and ok are what
// lookupAt gave for the name.
func (r *resolver) crossModule(x *pyparse.Name, b binding, at *Scope, ok bool) (v Value, handled bool) {
	if r.m.mods == nil {
		return Value{}, false
	}
	var provs []*Module
	if at == nil || at == r.m.module {
		provs = r.starsProviding(x.ID)
	}
	stars := len(provs)
	switch {
	case at == nil && stars == 1:
		mb := r.memberOf(provs[0], x.ID, x)
		if mb.mod != nil || !mb.found {
			return Value{Expr: x}, true
		}
		v = mb.val
	case stars > 0:
		return Value{Expr: x}, true // a local name and a star import, or two star imports
	case ok && b.kind == bindImport:
		mb := r.follow(b.imp, x)
		if !mb.found {
			return Value{}, false
		}
		if mb.mod != nil {
			return Value{Expr: x}, true // a module as a value
		}
		v = mb.val
	default:
		return Value{}, false
	}
	if (v.Kind == Dict || v.Kind == List) && r.m.mutated[x.ID] {
		v.Partial = true
	}
	return v, true
}

// importedAttr resolves `mod.NAME` (and `pkg.mod.NAME`) where mod is an
// imported project module; ok is false when the expression is no such
// attribute.
func (r *resolver) importedAttr(x *pyparse.Attribute) (Value, bool) {
	mb, ok := r.importedMember(x)
	if !ok {
		return Value{}, false
	}
	if mb.mod != nil {
		return Value{Expr: x}, true
	}
	v := mb.val
	if (v.Kind == Dict || v.Kind == List) && r.m.mutated[dottedName(x)] {
		v.Partial = true // `settings.ARGS["k"] = v` in this file
	}
	return v, true
}

// dottedName returns the text of a name or a chain of attributes of a
// name (`a.b.c`), else "".
func dottedName(e pyparse.Expr) string {
	switch x := e.(type) {
	case *pyparse.Name:
		return x.ID
	case *pyparse.Attribute:
		if base := dottedName(x.Value); base != "" {
			return base + "." + x.Attr
		}
	}
	return ""
}

// isDotted reports whether dottedName(e) is not "", without spelling it.
func isDotted(e pyparse.Expr) bool {
	for {
		switch x := e.(type) {
		case *pyparse.Name:
			return true
		case *pyparse.Attribute:
			e = x.Value
		default:
			return false
		}
	}
}

// importedMember resolves the module or name `mod.NAME` stands for; ok is
// false when the expression is no attribute of an imported project module.
func (r *resolver) importedMember(x *pyparse.Attribute) (member, bool) {
	if r.m.mods == nil {
		return member{}, false
	}
	var attrs []string
	var e pyparse.Expr = x
	for {
		at, ok := e.(*pyparse.Attribute)
		if !ok {
			break
		}
		attrs = append(attrs, at.Attr)
		e = at.Value
	}
	base, ok := e.(*pyparse.Name)
	if !ok {
		return member{}, false
	}
	b, ok := r.scope.lookup(base.ID, r.shadow)
	if !ok || b.kind != bindImport {
		return member{}, false
	}
	mb := r.follow(b.imp, x)
	for i := len(attrs) - 1; i >= 0; i-- {
		if mb.mod == nil {
			return member{}, false // an attribute of a value: resolved as before
		}
		mb = r.memberOf(mb.mod, attrs[i], x)
	}
	return mb, mb.found
}

// ImportedName follows e, a name (or `module.Name`) that an import of a
// project module brings into the file, through re-exports and star
// imports, to the module whose own statement binds it (a class, a def, an
// assignment): that module's model (see BuildModule) and the name there.
// ok is false when e is no such name, or the chain cannot be followed
// (a module that is missing or does not parse, an ambiguous name, the
// resolution budget).
func (m *Model) ImportedName(e pyparse.Expr) (def *Model, name string, ok bool) {
	if m.mods == nil {
		return nil, "", false
	}
	r := &resolver{m: m, scope: m.module}
	var mb member
	switch x := e.(type) {
	case *pyparse.Name:
		b, at, bound := m.module.lookupAt(x.ID, nil)
		switch {
		case bound && b.kind == bindImport:
			mb = r.follow(b.imp, x)
		case at == nil:
			if provs := r.starsProviding(x.ID); len(provs) == 1 {
				mb = r.memberOf(provs[0], x.ID, x)
			}
		}
	case *pyparse.Attribute:
		mb, _ = r.importedMember(x)
	}
	if mb.defIn == nil {
		return nil, "", false
	}
	return mb.defIn, mb.defName, true
}

// ImportedQualName returns the dotted name a name imported from a project
// module stands for once its re-exports are followed to a module outside
// the project: with `from common.ops import DockerOperator`, where
// common/ops.py imports it from the Docker provider, it is that provider's
// dotted name; `ops.DockerOperator` with `import common.ops as ops` is
// followed the same way. "" when e is not such a name, or it is defined in
// the project (see ImportedName) or cannot be followed.
func (m *Model) ImportedQualName(e pyparse.Expr) string {
	if m.mods == nil {
		return ""
	}
	cur, ref, inside := m.reexportStart(e)
	if ref == nil {
		return ""
	}
	for hops := 0; hops < maxResolveDepth; hops++ {
		mod := cur.importOf(ref)
		if mod == nil {
			if ref.level > 0 || ref.name == "" || !inside {
				return "" // not followed through the project
			}
			return ref.module + "." + ref.name
		}
		inside = true
		next := m.mods.Model(mod)
		if ref.name == "" || next == nil || next == cur {
			return ""
		}
		bs := next.module.bound(ref.name)
		if len(bs) != 1 || bs[0].kind != bindImport {
			return ""
		}
		cur, ref = next, bs[0].imp
	}
	return ""
}

// reexportStart returns the import ImportedQualName follows first for e:
// the file's own import of a name, or, for `mod.Name` where mod is a
// project module the file imports, that module's import of Name (inside is
// then set: the chain is in the project already). ref is nil when e is
// neither.
func (m *Model) reexportStart(e pyparse.Expr) (cur *Model, ref *importRef, inside bool) {
	switch x := e.(type) {
	case *pyparse.Name:
		b, ok := m.module.lookup(x.ID, nil)
		if !ok || b.kind != bindImport {
			return nil, nil, false
		}
		return m, b.imp, false
	case *pyparse.Attribute:
		r := &resolver{m: m, scope: m.module}
		var mb member
		switch v := x.Value.(type) {
		case *pyparse.Name:
			if b, ok := m.module.lookup(v.ID, nil); ok && b.kind == bindImport {
				mb = r.follow(b.imp, v)
			}
		case *pyparse.Attribute:
			mb, _ = r.importedMember(v)
		}
		if mb.mod == nil {
			return nil, nil, false
		}
		mm := m.mods.Model(mb.mod)
		if mm == nil {
			return nil, nil, false
		}
		bs := mm.module.bound(x.Attr)
		if len(bs) != 1 || bs[0].kind != bindImport {
			return nil, nil, false
		}
		return mm, bs[0].imp, true
	}
	return nil, nil, false
}

// className returns the dotted name a class expression (a callee, a base)
// refers to: through the file's imports, or, for a name imported from a
// project module that re-exports an Airflow name (`from common.ops import
// DockerOperator`, common/ops.py importing it from the Docker provider),
// that Airflow name (ImportedQualName), so that it is recognised as the
// operator itself. The re-export is followed only for names of the file
// that an import of a project module binds, when they are used as classes:
// the modules it reads are those the subclass lookup reads anyway.
func (m *Model) className(e pyparse.Expr) string {
	q := m.imports.qualName(e)
	if m.mods == nil || strings.HasPrefix(q, "airflow.") {
		return q
	}
	if rq := m.ImportedQualName(e); strings.HasPrefix(rq, "airflow.") {
		return rq
	}
	return q
}

// relocate moves a value defined in the module file into the importing
// file: every range becomes that of use, and the definition moves to
// Origin (kept when the value came from further away).
func relocate(v Value, use pyparse.Expr, file *pyparse.File) Value {
	span := use.Span()
	out := v
	var x valueExtra
	if v.extra != nil {
		x = *v.extra // shared with v: changed in a copy
	}
	if x.origin == nil {
		def := v.Def
		if def == (pyparse.Range{}) && v.Expr != nil {
			def = v.Expr.Span()
		}
		x.origin = &Origin{File: file, Def: def}
	}
	if x.read != (pyparse.Range{}) {
		x.read = span
	}
	if x.entries != nil {
		x.entries = make([]*Entry, len(v.Entries()))
		for i, e := range v.Entries() {
			x.entries[i] = &Entry{Key: e.Key, KeyRange: span, Item: span, ValueExpr: use, Value: relocate(e.Value, use, file)}
		}
	}
	if x.elems != nil {
		x.elems = make([]Value, len(v.Elems()))
		for i, el := range v.Elems() {
			x.elems[i] = relocate(el, use, file)
		}
	}
	out.extra = &x
	out.Expr = use
	out.Def = pyparse.Range{}
	return out
}
