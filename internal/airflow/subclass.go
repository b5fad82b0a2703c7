package airflow

import (
	"maps"
	"strings"

	"github.com/daglint/daglint/internal/pyparse"
)

// ClassRef is a class definition and the model of the module defining it.
// Values in the class (the keywords its __init__ passes on, its parameter
// defaults) resolve in that module's scope.
type ClassRef struct {
	Def    *pyparse.ClassDef
	Module *Model
}

// ClassFinder supplies classes defined in other modules of the project: the
// module index implements it, and Build uses none (each file is then an
// island). The Module of a returned ClassRef must have been built with
// BuildWith and that module's own finder, so that its bases resolve in turn;
// a module whose BuildWith has not returned yet (an import cycle) must not
// be returned: answer false instead.
type ClassFinder interface {
	// FindClass returns the class definition that dotted, a name as written
	// in the module being built (a base in a class statement or the callee
	// of a call: "AcmeDockerOperator", "ops.AcmeDockerOperator"), denotes
	// through that module's imports. ok is false when it is no class of a
	// project module daglint can read.
	FindClass(dotted string) (ClassRef, bool)
}

// maxInheritDepth bounds the classes one inheritance chain follows, so that
// cycles between modules (or a hostile chain) end.
const maxInheritDepth = 32

// opClass is a class that derives, directly or through other classes, from
// an operator daglint knows.
type opClass struct {
	kind   OperatorKind
	def    *pyparse.ClassDef
	module *Model
	// parent is the operator class this one extends, nil when that is the
	// operator kind itself or a provider class (provider).
	parent   *opClass
	provider string // the KubernetesPodOperator family class extended, if any
	init     *initInfo
	// unchecked is set when a class of the chain takes keywords that
	// daglint cannot list (no __init__ it can read, *args, a mixin with its
	// own __init__ ...).
	unchecked bool
	// open is set when the chain may pass arguments daglint cannot see.
	open bool
}

// initInfo is what a subclass's __init__ does with its keywords.
type initInfo struct {
	params  map[string]*pyparse.Param
	kwargs  string // the **kwargs parameter, "" without
	varargs string // the *args parameter, "" without
	// super is the one super().__init__(...) / Base.__init__(self, ...)
	// call, nil when there is none or more than one.
	super    *pyparse.Call
	forwards bool // super passes **kwargs on
	scope    *Scope
	popped   map[string]bool // kwargs.pop("name") / del kwargs["name"] before super()
	// set and setDefault hold kwargs["name"] = v and
	// kwargs.setdefault("name", v) before super().
	set, setDefault map[string]kwargsEdit
	mutated         bool // kwargs changed in another way before super()
}

// classes holds the operator subclasses of one module. BuildWith analyses
// every class of the module before it returns and then seals the set: a
// finished Model never changes, so the module index may share it between
// files and goroutines.
type classes struct {
	m      *Model
	finder ClassFinder
	byName map[string]*pyparse.ClassDef
	order  []*pyparse.ClassDef // every class of the module, in source order
	done   map[*pyparse.ClassDef]*opClass
	busy   map[*pyparse.ClassDef]bool
	sealed bool
}

// analyseAll analyses every class of the module (bases first, as they are
// usually written) and seals the set.
func (c *classes) analyseAll() {
	for _, def := range c.order {
		c.analyse(def, 0)
	}
	c.sealed = true
}

func newClasses(m *Model, finder ClassFinder) *classes {
	// The maps are made on first write (most DAG files define no class).
	c := &classes{m: m, finder: finder}
	// Class definitions are statements: the file's index lists them all,
	// in source order.
	for _, s := range m.File.Index().Stmts {
		if n, ok := s.(*pyparse.ClassDef); ok {
			c.order = append(c.order, n)
			if c.byName == nil {
				c.byName = map[string]*pyparse.ClassDef{}
			}
			if c.byName[n.Name] == nil {
				c.byName[n.Name] = n
			}
		}
	}
	return c
}

// lookup returns the operator subclass a class expression of this module
// names (a class of the module itself, else one the finder supplies), or nil.
func (c *classes) lookup(e pyparse.Expr, depth int) *opClass {
	if depth > maxInheritDepth {
		return nil
	}
	if n, ok := e.(*pyparse.Name); ok {
		if def := c.byName[n.ID]; def != nil {
			return c.analyse(def, depth)
		}
	}
	if c.finder == nil || strings.HasPrefix(c.m.imports.qualName(e), "airflow.") {
		return nil // Airflow's own classes are data, not project modules
	}
	var ref ClassRef
	var ok bool
	if f, isExpr := c.finder.(classExprFinder); isExpr {
		if !isDotted(e) {
			return nil
		}
		ref, ok = f.findClassExpr(e)
	} else {
		dotted := dottedName(e)
		if dotted == "" {
			return nil
		}
		ref, ok = c.finder.FindClass(dotted)
	}
	if !ok || ref.Def == nil || ref.Module == nil || ref.Module.classes == nil {
		return nil
	}
	return ref.Module.classes.analyse(ref.Def, depth+1)
}

// analyse returns the class as an operator subclass, or nil when none of its
// bases is an operator.
func (c *classes) analyse(def *pyparse.ClassDef, depth int) *opClass {
	if oc, ok := c.done[def]; ok {
		return oc
	}
	if c.sealed || c.busy[def] || depth > maxInheritDepth {
		return nil // a cycle: the class derives from itself
	}
	if c.busy == nil {
		c.busy = map[*pyparse.ClassDef]bool{}
		c.done = map[*pyparse.ClassDef]*opClass{}
	}
	c.busy[def] = true
	defer delete(c.busy, def)
	var oc *opClass
	for i, base := range def.Bases {
		kind, provider, parent, ok := c.baseKind(base, depth)
		if !ok {
			continue
		}
		oc = &opClass{kind: kind, def: def, module: c.m, parent: parent, provider: provider}
		if parent != nil {
			oc.unchecked, oc.open = parent.unchecked, parent.open
		}
		for j, other := range def.Bases {
			if j != i && c.definesInit(other) {
				// A mixin's __init__ runs in the method resolution order
				// too: daglint does not follow it.
				oc.unchecked, oc.open = true, true
			}
		}
		break
	}
	if oc != nil {
		if fn := initMethod(def); fn != nil {
			oc.init = c.readInit(def, fn)
			if oc.init.super == nil || oc.init.mutated || oc.init.kwargs == "" || !oc.init.forwards {
				oc.unchecked = true
			}
			if oc.init.super == nil || oc.init.mutated {
				oc.open = true
			}
		}
	}
	c.done[def] = oc
	return oc
}

// baseKind recognises a base class: an operator daglint knows, a provider
// subclass of KubernetesPodOperator, or an operator subclass of the project.
func (c *classes) baseKind(base pyparse.Expr, depth int) (OperatorKind, string, *opClass, bool) {
	q := c.m.className(base)
	if k, ok := symbolKind(classify(q)); ok {
		return k, "", nil, true
	}
	if name, ok := kpoFamilyClass(q); ok {
		return KubernetesPodOperator, name, nil, true
	}
	if p := c.lookup(base, depth+1); p != nil {
		return p.kind, p.provider, p, true
	}
	return 0, "", nil, false
}

// definesInit reports whether a base that is a class of this module defines
// __init__.
func (c *classes) definesInit(base pyparse.Expr) bool {
	n, ok := base.(*pyparse.Name)
	if !ok || c.byName[n.ID] == nil {
		return false
	}
	return initMethod(c.byName[n.ID]) != nil
}

// symbolKind maps an operator symbol to its kind.
func symbolKind(s symbol) (OperatorKind, bool) {
	switch s {
	case symDockerOperator:
		return DockerOperator, true
	case symDockerSwarmOperator:
		return DockerSwarmOperator, true
	case symKubernetesPodOperator:
		return KubernetesPodOperator, true
	}
	return 0, false
}

// initMethod returns the class's own __init__, or nil (the last one wins,
// as in Python).
func initMethod(def *pyparse.ClassDef) *pyparse.FuncDef {
	var fn *pyparse.FuncDef
	for _, st := range def.Body {
		if f, ok := st.(*pyparse.FuncDef); ok && f.Name == "__init__" {
			fn = f
		}
	}
	return fn
}

// kwargsEdit is one change an __init__ makes to its **kwargs dict.
type kwargsEdit struct {
	at    int           // offset, to keep only the changes before super().__init__
	kind  int           // editPop, editSet, editDefault or editOther
	key   string        // the constant key, for pop, set and setdefault
	value pyparse.Expr  // the value set
	keyAt pyparse.Range // the key expression
}

const (
	editPop     = iota // kwargs.pop("k") / del kwargs["k"]
	editSet            // kwargs["k"] = v
	editDefault        // kwargs.setdefault("k", v)
	editOther          // update(), clear(), a computed key, rebinding kwargs ...
)

// readInit reads what __init__ does with its keywords.
func (c *classes) readInit(def *pyparse.ClassDef, fn *pyparse.FuncDef) *initInfo {
	ii := &initInfo{params: map[string]*pyparse.Param{}, popped: map[string]bool{},
		set: map[string]kwargsEdit{}, setDefault: map[string]kwargsEdit{},
		scope: newScope(c.m.module, fn, fn.Body)}
	for i, p := range fn.Params {
		switch {
		case p.Star == 2:
			ii.kwargs = p.Name
		case p.Star == 1:
			ii.varargs = p.Name
		case p.Star == 0 && i > 0 && p.Name != "":
			ii.params[p.Name] = p
		}
	}
	supers := 0
	var edits []kwargsEdit
	for _, st := range fn.Body {
		pyparse.Inspect(st, func(n pyparse.Node) bool {
			switch n := n.(type) {
			case *pyparse.FuncDef, *pyparse.ClassDef, *pyparse.Lambda:
				return false
			case *pyparse.Call:
				if c.isSuperInit(def, n) {
					supers++
					ii.super = n
				}
				if e, ok := c.kwargsCall(ii, n); ok {
					edits = append(edits, e)
				}
			case *pyparse.Assign:
				for _, t := range n.Targets {
					switch {
					case isNamed(t, ii.kwargs):
						edits = append(edits, kwargsEdit{at: n.Start, kind: editOther})
					case isSubscriptOf(t, ii.kwargs):
						edits = append(edits, c.keyEdit(ii, n.Start, editSet, t.(*pyparse.Subscript).Index, n.Value))
					}
				}
			case *pyparse.OtherStmt:
				if n.Kind == pyparse.StmtDelete {
					for _, e := range n.Exprs {
						if s, ok := e.(*pyparse.Subscript); ok && isNamed(s.Value, ii.kwargs) {
							edits = append(edits, c.keyEdit(ii, n.Start, editPop, s.Index, nil))
						}
					}
				}
			}
			return true
		})
	}
	if supers != 1 {
		ii.super = nil
	}
	if ii.super != nil {
		for _, kw := range ii.super.Keywords {
			if kw.Name == "" && isNamed(kw.Value, ii.kwargs) {
				ii.forwards = true
			}
		}
	}
	for _, e := range edits {
		if ii.super != nil && e.at >= ii.super.Start {
			continue // after the call: the operator has its arguments already
		}
		switch e.kind {
		case editPop:
			ii.popped[e.key] = true
		case editSet:
			ii.set[e.key] = e
		case editDefault:
			ii.setDefault[e.key] = e
		default:
			ii.mutated = true
		}
	}
	return ii
}

// arg is the argument a set or setdefault of **kwargs gives.
func (e kwargsEdit) arg(r *resolver) *Arg {
	return &Arg{Name: e.key, Value: r.eval(e.value), Expr: e.value, KeyRange: e.keyAt, Source: FromSubclass}
}

// kwargsCall returns the change a method call makes to **kwargs, if it is
// one.
func (c *classes) kwargsCall(ii *initInfo, call *pyparse.Call) (kwargsEdit, bool) {
	at, ok := call.Func.(*pyparse.Attribute)
	if !ok || ii.kwargs == "" || !isNamed(at.Value, ii.kwargs) {
		return kwargsEdit{}, false
	}
	switch at.Attr {
	case "get", "copy", "items", "keys", "values":
		return kwargsEdit{}, false
	case "pop":
		if len(call.Args) > 0 {
			return c.keyEdit(ii, call.Start, editPop, call.Args[0], nil), true
		}
	case "setdefault":
		if len(call.Args) == 2 {
			return c.keyEdit(ii, call.Start, editDefault, call.Args[0], call.Args[1]), true
		}
	}
	return kwargsEdit{at: call.Start, kind: editOther}, true // update, clear ...
}

// keyEdit is a change of one key of **kwargs, or editOther when the key is
// not a string constant.
func (c *classes) keyEdit(ii *initInfo, at, kind int, key, value pyparse.Expr) kwargsEdit {
	v := c.m.Resolve(key, ii.scope)
	if v.Kind != String {
		return kwargsEdit{at: at, kind: editOther}
	}
	return kwargsEdit{at: at, kind: kind, key: v.Str, value: value, keyAt: key.Span()}
}

// isSuperInit reports whether call is super().__init__(...),
// super(Cls, self).__init__(...) or Base.__init__(self, ...) for a base of def.
func (c *classes) isSuperInit(def *pyparse.ClassDef, call *pyparse.Call) bool {
	at, ok := call.Func.(*pyparse.Attribute)
	if !ok || at.Attr != "__init__" {
		return false
	}
	if sc, ok := at.Value.(*pyparse.Call); ok {
		n, ok := sc.Func.(*pyparse.Name)
		return ok && n.ID == "super" && len(sc.Keywords) == 0 && (len(sc.Args) == 0 || len(sc.Args) == 2)
	}
	text := c.m.File.Text(at.Value.Span())
	for _, b := range def.Bases {
		if c.m.File.Text(b.Span()) == text {
			return len(call.Args) > 0 && isNamed(call.Args[0], "self")
		}
	}
	return false
}

func isNamed(e pyparse.Expr, name string) bool {
	n, ok := e.(*pyparse.Name)
	return ok && name != "" && n.ID == name
}

func isSubscriptOf(e pyparse.Expr, name string) bool {
	s, ok := e.(*pyparse.Subscript)
	return ok && isNamed(s.Value, name)
}

// chainParams returns the parameters the classes of the chain declare
// (their __init__ parameters and the names they pop from **kwargs), and the
// provider class the chain ends in, if any.
func (oc *opClass) chainParams() (nameSet, string) {
	out := nameSet{}
	provider := ""
	for c := oc; c != nil; c = c.parent {
		provider = c.provider
		if c.init == nil {
			continue
		}
		for n := range c.init.params {
			out[n] = true
		}
		for n := range c.init.popped {
			out[n] = true
		}
	}
	return out, provider
}

// inherit turns the arguments given at a call of the subclass (call,
// partial, expand, mappings, default_args) into the arguments the operator
// receives: each __init__ of the chain, from the called class outwards,
// consumes its own parameters, passes on **kwargs and adds the keywords it
// gives super().__init__. callee is the class expression at the call, where
// values written in another module are located.
func (oc *opClass) inherit(caller *Model, op *OpCall, in map[string]*Arg, callee pyparse.Expr) map[string]*Arg {
	for c := oc; c != nil; c = c.parent {
		if c.init != nil {
			in = c.pass(caller, op, in, callee)
		}
	}
	return in
}

// pass applies one __init__.
func (oc *opClass) pass(caller *Model, op *OpCall, in map[string]*Arg, callee pyparse.Expr) map[string]*Arg {
	ii := oc.init
	// Every argument given stays: one passed on through **kwargs reaches the
	// operator as it is (default_args entries too: Airflow fills each
	// __init__'s parameters from them again), and one the subclass consumes
	// is still an argument of the task, which it uses in ways daglint does
	// not follow. The keywords given to super().__init__ replace them.
	out := maps.Clone(in)
	if ii.super == nil {
		return out
	}
	r := &resolver{m: oc.module, scope: ii.scope}
	if ii.mutated && ii.forwards {
		// kwargs may hold anything now: what passes through it is unknown.
		for name, a := range out {
			if a.Source != FromDefaultArgs && ii.params[name] == nil {
				cp := *a
				cp.Value = Value{Expr: a.Expr}
				out[name] = &cp
			}
		}
	}
	if ii.forwards {
		for name, e := range ii.setDefault {
			if a := out[name]; a == nil || a.Source == FromDefaultArgs || ii.params[name] != nil {
				out[name] = oc.located(caller, e.arg(r), callee)
			}
		}
		for _, e := range ii.set {
			out[e.key] = oc.located(caller, e.arg(r), callee)
		}
	}
	for i, a := range ii.super.Args {
		if st, ok := a.(*pyparse.Starred); ok && isNamed(st.Value, ii.varargs) {
			continue // *args passes on the call's positional arguments (already open)
		}
		if i == 0 && isNamed(a, "self") {
			continue // Base.__init__(self, ...)
		}
		op.open = true // a positional argument daglint does not map to a parameter
	}
	for _, kw := range ii.super.Keywords {
		if kw.Name == "" {
			if isNamed(kw.Value, ii.kwargs) {
				continue
			}
			v := r.eval(kw.Value)
			if v.Kind != Dict || v.Partial {
				op.open = true
			}
			for _, e := range v.Entries() {
				out[e.Key] = oc.located(caller, entryArg(e, FromSubclass), callee)
			}
			continue
		}
		if n, ok := kw.Value.(*pyparse.Name); ok && ii.params[n.ID] != nil {
			out[kw.Name] = oc.param(caller, op, in, kw, ii.params[n.ID], callee)
			continue
		}
		a := &Arg{Name: kw.Name, Value: r.eval(kw.Value), Expr: kw.Value, KeyRange: kw.NameRange, Source: FromSubclass}
		out[kw.Name] = oc.located(caller, a, callee)
	}
	return out
}

// param is the argument a keyword `name=param` of super().__init__ passes
// on: what the call gave the parameter (default_args included), else its
// default when no unresolved source could have given it, else unknown.
func (oc *opClass) param(caller *Model, op *OpCall, in map[string]*Arg, kw *pyparse.Keyword, p *pyparse.Param, callee pyparse.Expr) *Arg {
	if a := in[p.Name]; a != nil {
		cp := *a
		cp.Name = kw.Name
		return &cp
	}
	a := &Arg{Name: kw.Name, Expr: kw.Value, KeyRange: kw.NameRange, Source: FromSubclass}
	if p.Default != nil && !op.open {
		a.Value = oc.module.Resolve(p.Default, nil)
		a.Expr, a.KeyRange = p.Default, p.Range
	} else {
		a.Value = Value{Expr: kw.Value}
	}
	return oc.located(caller, a, callee)
}

// located keeps an argument written in the calling module as it is. One
// written in another module is relocated (see relocate) to the callee of
// the call, where a finding names the value: every range it and its
// entries carry becomes the callee's, and the definition in the other
// module becomes the value's Origin (a related location with its own file).
func (oc *opClass) located(caller *Model, a *Arg, callee pyparse.Expr) *Arg {
	if oc.module == caller {
		return a
	}
	v := a.Value
	if v.Expr == nil {
		v.Expr = a.Expr
	}
	return &Arg{Name: a.Name, Value: relocate(v, callee, oc.module.File), Expr: callee, KeyRange: callee.Span(), Source: a.Source,
		Origin: &ArgOrigin{Module: oc.module, Expr: a.Expr, Def: a.Value.Def}}
}

// describeSubclass records on op what the subclass chain tells about the
// call: the class, the parameters it adds, whether they are all known, its
// source for MaybeSet, and whether it picks its own template fields.
func (b *builder) describeSubclass(op *OpCall, sub *opClass) {
	op.project = true
	op.Class = sub.def.Name
	if sub.module == b.m {
		op.Subclass = sub.def
	}
	d := b.subclassDesc(sub)
	op.extra = d.extra // shared by the calls of the class: never written
	op.unchecked = sub.unchecked
	if sub.open {
		op.open = true
	}
	op.text = d.text
	op.templates = d.templates
}

// subclassDesc is what describeSubclass takes from a subclass chain, the
// same for every call of the class.
type subclassDesc struct {
	extra     nameSet
	text      string
	templates bool
}

// subclassDesc returns the description of the chain of sub, worked out on
// the first call of the class in the file: the chain's parameters and its
// source (the whole text of each class) are not copied again per call.
func (b *builder) subclassDesc(sub *opClass) *subclassDesc {
	if d := b.subDescs[sub]; d != nil {
		return d
	}
	d := &subclassDesc{}
	extra, provider := sub.chainParams()
	if provider != "" {
		extra.add(setNames(kpoFamilyData().params[provider]))
	}
	d.extra = extra
	var text strings.Builder
	for c := sub; c != nil; c = c.parent {
		if c.module.File != b.m.File {
			b.m.addForeign(c.module) // its values reach the call: its secrets count
		}
		text.WriteString(subclassText(c.module.File, c.def))
		if setsTemplateFields(c.def) {
			d.templates = true
		}
	}
	d.text = text.String()
	if b.subDescs == nil {
		b.subDescs = map[*opClass]*subclassDesc{}
	}
	b.subDescs[sub] = d
	return d
}

// setsTemplateFields reports whether the class body assigns template_fields.
func setsTemplateFields(def *pyparse.ClassDef) bool {
	for _, st := range def.Body {
		if as, ok := st.(*pyparse.Assign); ok {
			for _, t := range as.Targets {
				if isNamed(t, "template_fields") {
					return true
				}
			}
		}
	}
	return false
}
