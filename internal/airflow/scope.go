package airflow

import "github.com/daglint/daglint/internal/pyparse"

// bindKind says how a name was bound. It is a byte, so that it and cond
// share a word of binding.
type bindKind uint8

const (
	bindAssign bindKind = iota // name = value, name: T = value
	bindWithAs                 // with value as name
	bindOther                  // augmented assignment, loop target, parameter, def, class, unpacking ...
	bindImport                 // import or from-import: imp names what it brings in
)

type binding struct {
	kind bindKind
	// cond is set on a binding made inside an if, try, for, while or match
	// block: the name may not be bound at all.
	cond  bool
	value pyparse.Expr
	imp   *importRef // bindImport only
}

// Scope is a module or function namespace with the bindings made in it.
type Scope struct {
	Parent *Scope
	Func   *pyparse.FuncDef // nil for the module
	// names maps each name bound in the scope to its first binding in
	// slab, and rebound the few names bound more than once to all their
	// bindings, in order (see add and bound): most names are bound once,
	// and an index is a smaller map value than a list.
	names   map[string]int
	rebound map[string][]binding
	slab    []binding       // fill makes it as big as bindHint says
	globals map[string]bool // names declared global in this function
	stars   []*importRef    // `from m import *` of the module scope
	inBlock int             // depth of compound blocks collect is in
	// refSlab holds the importRefs not yet handed out (see newRefs).
	refSlab []importRef
	// noWalrus is set when the file holds no := expression, so that
	// collect need not look for one.
	noWalrus bool
	// lazy is set on a function scope of the linted file whose bindings
	// are collected on first lookup (see load): most functions hold no
	// operator call, so their names are never looked up.
	lazy bool
}

// newModuleScope returns the module scope of f.
func newModuleScope(f *pyparse.File) *Scope {
	noWalrus := true
	for _, n := range f.Index().Outline {
		if _, ok := n.(*pyparse.NamedExpr); ok {
			noWalrus = false
			break
		}
	}
	return makeScope(nil, nil, f.Body, noWalrus)
}

// newScope returns the scope of the function fn of the file of parent.
func newScope(parent *Scope, fn *pyparse.FuncDef, body []pyparse.Stmt) *Scope {
	return makeScope(parent, fn, body, parent != nil && parent.noWalrus)
}

// newLazyScope is newScope for a function of the linted file, whose
// bindings are collected when a lookup first reads them. Such a scope is
// read by the goroutine that builds the file's model only (the shared
// models of imported modules have none).
func newLazyScope(parent *Scope, fn *pyparse.FuncDef) *Scope {
	return &Scope{Parent: parent, Func: fn, noWalrus: parent.noWalrus, lazy: true}
}

func makeScope(parent *Scope, fn *pyparse.FuncDef, body []pyparse.Stmt, noWalrus bool) *Scope {
	s := &Scope{Parent: parent, Func: fn, noWalrus: noWalrus}
	s.fill(body)
	return s
}

// fill collects the bindings of the scope, whose function (if any) has the
// body given.
func (s *Scope) fill(body []pyparse.Stmt) {
	// globals stays nil (reads as empty) until a global statement needs it.
	n, imports := bindHint(body)
	if s.Func != nil {
		n += len(s.Func.Params)
	}
	s.names = make(map[string]int, n)
	s.slab = make([]binding, 0, n)
	if imports > 0 {
		s.refSlab = make([]importRef, imports) // see newRefs
	}
	if s.Func != nil {
		for _, p := range s.Func.Params {
			s.bind(p.Name, bindOther, nil)
		}
	}
	s.collect(body)
}

// load collects the bindings of a lazy scope, once.
func (s *Scope) load() {
	if s.lazy {
		s.lazy = false
		s.fill(s.Func.Body)
	}
}

func (s *Scope) bind(name string, k bindKind, v pyparse.Expr) {
	if name == "" {
		return
	}
	s.add(name, binding{kind: k, value: v, cond: s.inBlock > 0})
}

// add appends b to the bindings of name.
func (s *Scope) add(name string, b binding) {
	i, ok := s.names[name]
	if !ok {
		s.names[name] = len(s.slab)
		s.slab = append(s.slab, b)
		return
	}
	bs, ok := s.rebound[name]
	if !ok {
		if s.rebound == nil {
			s.rebound = map[string][]binding{}
		}
		bs = []binding{s.slab[i]}
	}
	s.rebound[name] = append(bs, b)
}

// bound returns the bindings of name made in the scope, in order; nil when
// there are none. The list is not to be changed.
func (s *Scope) bound(name string) []binding {
	i, ok := s.names[name]
	if !ok {
		return nil
	}
	if bs, ok := s.rebound[name]; ok {
		return bs
	}
	return s.slab[i : i+1 : i+1]
}

// bindTarget records the names an assignment target binds.
func (s *Scope) bindTarget(t pyparse.Expr, k bindKind, v pyparse.Expr) {
	switch t := t.(type) {
	case *pyparse.Name:
		s.bind(t.ID, k, v)
	case *pyparse.Seq:
		for _, e := range t.Elts {
			s.bindTarget(e, bindOther, nil)
		}
	case *pyparse.Starred:
		s.bindTarget(t.Value, bindOther, nil)
	}
	// Attribute and subscript targets bind no name (mutations are found by
	// mutatedNames).
}

// bindHint is about how many names collect binds in body: one per
// assignment target, import name, with target, definition and loop target
// it will meet. A DAG file binds most of its names inside `with DAG(...)`
// and imports several per statement, so the statements of the body alone
// would leave the map to grow two or three times. imports is the number of
// imported names (and `*`) among them, for which collectImport needs as
// many importRefs.
func bindHint(body []pyparse.Stmt) (n, imports int) {
	add := func(names, imported int) {
		n, imports = n+names, imports+imported
	}
	for _, st := range body {
		switch st := st.(type) {
		case *pyparse.Assign:
			n += len(st.Targets)
		case *pyparse.Import:
			add(len(st.Names), len(st.Names))
		case *pyparse.ImportFrom:
			add(len(st.Names), len(st.Names))
		case *pyparse.With:
			n += len(st.Items)
			add(bindHint(st.Body))
		case *pyparse.FuncDef, *pyparse.ClassDef:
			n++
		case *pyparse.Compound:
			n += len(st.Targets)
			for _, b := range st.Blocks {
				add(bindHint(b))
			}
		}
	}
	return n, imports
}

// collect records the bindings of a body, descending into compound
// statements but not into nested functions and classes (their own scopes).
func (s *Scope) collect(body []pyparse.Stmt) {
	for _, st := range body {
		switch st := st.(type) {
		case *pyparse.Assign:
			k := bindAssign
			if st.Op != "" && st.Op != "=" {
				k = bindOther
			}
			for _, t := range st.Targets {
				s.bindTarget(t, k, st.Value)
			}
			s.collectWalrus(st.Value)
		case *pyparse.ExprStmt:
			s.collectWalrus(st.X)
		case *pyparse.Import, *pyparse.ImportFrom:
			s.collectImport(st)
		case *pyparse.With:
			for _, it := range st.Items {
				if it.As != nil {
					s.bindTarget(it.As, bindWithAs, it.Expr)
				}
			}
			s.collect(st.Body)
		case *pyparse.FuncDef:
			s.bind(st.Name, bindOther, nil)
		case *pyparse.ClassDef:
			s.bind(st.Name, bindOther, nil)
		case *pyparse.Compound:
			for _, t := range st.Targets {
				s.bindTarget(t, bindOther, nil)
			}
			s.inBlock++
			for _, b := range st.Blocks {
				s.collect(b)
			}
			s.inBlock--
		case *pyparse.OtherStmt:
			if st.Kind == pyparse.StmtGlobal {
				if s.globals == nil {
					s.globals = map[string]bool{}
				}
				for _, n := range st.Names {
					s.globals[n] = true
				}
			}
			if st.Kind == pyparse.StmtNonlocal {
				for _, n := range st.Names {
					s.bind(n, bindOther, nil)
				}
			}
		}
	}
}

// collectWalrus records `name := value` bindings inside an expression.
func (s *Scope) collectWalrus(e pyparse.Expr) {
	if e == nil || s.noWalrus {
		return
	}
	pyparse.Inspect(e, func(n pyparse.Node) bool {
		switch n := n.(type) {
		case *pyparse.NamedExpr:
			if n.Target != nil {
				s.bind(n.Target.ID, bindOther, nil)
			}
		case *pyparse.Lambda:
			return false
		}
		return true
	})
}

func headName(dotted string) string {
	for i := 0; i < len(dotted); i++ {
		if dotted[i] == '.' {
			return dotted[:i]
		}
	}
	return dotted
}

// lookup finds the single binding of name visible from s. ok is false when the
// name is unbound, bound more than once, or shadowed by a comprehension or
// lambda variable: the value is then unknown and never guessed.
func (s *Scope) lookup(name string, shadow map[string]bool) (binding, bool) {
	b, _, ok := s.lookupAt(name, shadow)
	return b, ok
}

// lookupAt is lookup that also returns the scope name is bound in as seen
// from s (nil when it is unbound or shadowed; see find).
func (s *Scope) lookupAt(name string, shadow map[string]bool) (binding, *Scope, bool) {
	sc, bs := s.find(name, shadow)
	if len(bs) != 1 {
		return binding{}, sc, false
	}
	return bs[0], sc, bs[0].kind != bindOther
}

// find returns the scope name is bound in as seen from s and its bindings
// there; nil when the name is unbound or shadowed.
func (s *Scope) find(name string, shadow map[string]bool) (*Scope, []binding) {
	if shadow[name] {
		return nil, nil
	}
	for sc := s; sc != nil; sc = sc.Parent {
		sc.load()
		if sc.globals[name] {
			continue
		}
		if bs := sc.bound(name); bs != nil {
			return sc, bs
		}
	}
	return nil, nil
}
