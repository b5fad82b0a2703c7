package airflow

import (
	"cmp"
	"slices"
	"strings"

	"github.com/daglint/daglint/internal/pyparse"
)

type frameKind int

const (
	frameDAG frameKind = iota
	frameGroup
	frameUnknown // a context daglint cannot see (plain function body, unknown DAG object)
)

// frame is an enclosing context that may supply default_args.
type frame struct {
	kind     frameKind
	defaults Value // Dict of default_args when known
	known    bool
	id       pyparse.Range // the DAG / TaskGroup construction, to compare contexts
	as       string        // the name a `with ... as name` binds to it, if any
	// args are the arguments defaults gives every operator of the frame,
	// made on first use; no one changes an Arg once made, so the
	// operators share them.
	args []*Arg
}

// defaultArgs returns the arguments the frame's default_args give.
func (f *frame) defaultArgs() []*Arg {
	if f.args == nil && len(f.defaults.Entries()) > 0 {
		f.args = entryArgs(f.defaults.Entries(), FromDefaultArgs)
	}
	return f.args
}

type callSite struct {
	call   *pyparse.Call
	scope  *Scope
	shadow map[string]bool
	ctx    []*frame
}

type decorated struct {
	kind   OperatorKind // TaskDocker or KubernetesPodOperator (@task.kubernetes)
	fn     *pyparse.FuncDef
	dec    pyparse.Expr  // the decorator expression (`task.docker(...)` or `task.docker`)
	call   *pyparse.Call // the decorator call, nil when bare
	callee pyparse.Expr
	scope  *Scope
	ctx    []*frame
}

type builder struct {
	m           *Model
	sites       []callSite
	classes     *classes
	decorated   []decorated
	invocations map[string][][]*frame // contexts of the calls of each plain name, from sites on first use
	overridden  map[string]bool
	podSeen     map[*pyparse.Call]bool // containers of pod overrides already added
	kinds       map[string]kindOf      // operatorKind's answers, by dotted callee
	calls       indexCalls
	subDescs    map[*opClass]*subclassDesc
}

// templateAttrs are class attributes that name parameters without setting
// them.
var templateAttrs = map[string]bool{"template_fields": true, "template_ext": true, "template_fields_renderers": true}

// subclassText is the source of a subclass that may set parameters: the
// class without its template_fields-like assignments, which name
// parameters (docker_conn_id among them) but give them no value.
func subclassText(f *pyparse.File, c *pyparse.ClassDef) string {
	var b strings.Builder
	at := c.Start
	for _, st := range c.Body {
		as, ok := st.(*pyparse.Assign)
		if !ok || len(as.Targets) != 1 {
			continue
		}
		if n, ok := as.Targets[0].(*pyparse.Name); ok && templateAttrs[n.ID] {
			b.WriteString(f.Text(pyparse.Range{Start: at, End: as.Start}))
			at = as.End
		}
	}
	b.WriteString(f.Text(pyparse.Range{Start: at, End: c.End}))
	return b.String()
}

// kindOf is one answer of operatorKind.
type kindOf struct {
	kind     OperatorKind
	sub      *opClass
	provider string
	ok       bool
}

// operatorKind recognises an operator class expression: an operator
// daglint knows, a provider subclass of KubernetesPodOperator (provider is
// its name) or an operator subclass of the project. The answer for a
// dotted name (`x`, `a.b.C`) depends on the name alone (the file's imports
// and classes, the project's modules), and a file calls the same names
// over and over (`self.log.info`), so it is worked out once per name.
func (b *builder) operatorKind(e pyparse.Expr) (kind OperatorKind, sub *opClass, provider string, ok bool) {
	key := dottedName(e)
	if key == "" {
		return b.findOperatorKind(e)
	}
	if k, seen := b.kinds[key]; seen {
		return k.kind, k.sub, k.provider, k.ok
	}
	kind, sub, provider, ok = b.findOperatorKind(e)
	if b.kinds == nil {
		b.kinds = map[string]kindOf{}
	}
	b.kinds[key] = kindOf{kind, sub, provider, ok}
	return kind, sub, provider, ok
}

func (b *builder) findOperatorKind(e pyparse.Expr) (kind OperatorKind, sub *opClass, provider string, ok bool) {
	if n, isName := e.(*pyparse.Name); isName && b.classes.byName[n.ID] != nil {
		// `class DockerOperator(DockerOperator)`: the file's own class
		// shadows the import it extends.
		if oc := b.classes.analyse(b.classes.byName[n.ID], 0); oc != nil {
			return oc.kind, oc, oc.provider, true
		}
	}
	// Otherwise a callee is recognised as a base is (depth -1: the
	// lookup starts at depth 0).
	kind, provider, sub, ok = b.classes.baseKind(e, -1)
	return kind, sub, provider, ok
}

func (b *builder) stmts(body []pyparse.Stmt, sc *Scope, ctx []*frame) {
	for _, st := range body {
		switch st := st.(type) {
		case *pyparse.With:
			inner := ctx
			for _, it := range st.Items {
				b.expr(it.Expr, sc, nil, ctx)
				if fr := b.contextFrame(it.Expr, sc); fr != nil {
					if n, ok := it.As.(*pyparse.Name); ok {
						fr.as = n.ID
					}
					inner = appendFrame(inner, fr)
				}
			}
			b.stmts(st.Body, sc, inner)
		case *pyparse.FuncDef:
			b.funcDef(st, sc, ctx)
		case *pyparse.ClassDef:
			for _, d := range st.Decorators {
				b.expr(d, sc, nil, ctx)
			}
			for _, e := range st.Bases {
				b.expr(e, sc, nil, ctx)
			}
			b.stmts(st.Body, sc, ctx)
		case *pyparse.Assign:
			b.expr(st.Value, sc, nil, ctx)
		case *pyparse.ExprStmt:
			b.expr(st.X, sc, nil, ctx)
		case *pyparse.Return:
			b.expr(st.Value, sc, nil, ctx)
		case *pyparse.Compound:
			for _, e := range st.Exprs {
				b.expr(e, sc, nil, ctx)
			}
			for _, blk := range st.Blocks {
				b.stmts(blk, sc, ctx)
			}
		case *pyparse.OtherStmt:
			for _, e := range st.Exprs {
				b.expr(e, sc, nil, ctx)
			}
		}
	}
}

func appendFrame(ctx []*frame, fr *frame) []*frame {
	out := make([]*frame, 0, len(ctx)+1)
	return append(append(out, ctx...), fr)
}

func (b *builder) funcDef(fn *pyparse.FuncDef, sc *Scope, ctx []*frame) {
	inner := ctx
	for _, d := range fn.Decorators {
		b.expr(d, sc, nil, ctx)
		call, callee := decoratorParts(d)
		switch classify(b.m.imports.qualName(callee)) {
		case symDAGDecorator:
			inner = appendFrame(inner, b.frameFromCall(call, frameDAG, sc, d.Span()))
		case symTaskGroupDecorator:
			inner = appendFrame(inner, b.frameFromCall(call, frameGroup, sc, d.Span()))
		case symTaskDocker:
			b.decorated = append(b.decorated, decorated{kind: TaskDocker, fn: fn, dec: d, call: call, callee: callee, scope: sc, ctx: ctx})
		default:
			if isTaskKubernetes(b.m.imports.qualName(callee)) {
				b.decorated = append(b.decorated, decorated{kind: KubernetesPodOperator, fn: fn, dec: d, call: call, callee: callee, scope: sc, ctx: ctx})
			}
		}
	}
	if len(inner) == 0 {
		// A plain function's operators take the DAG context of wherever the
		// function is called at run time: unknown here.
		inner = []*frame{{kind: frameUnknown}}
	}
	for _, p := range fn.Params {
		b.expr(p.Default, sc, nil, ctx)
	}
	child := newLazyScope(sc, fn)
	b.stmts(fn.Body, child, inner)
}

// decoratorParts splits `@x(...)` into its call and callee, `@x` into (nil, x).
func decoratorParts(d pyparse.Expr) (*pyparse.Call, pyparse.Expr) {
	if c, ok := d.(*pyparse.Call); ok {
		return c, c.Func
	}
	return nil, d
}

// contextFrame returns the frame a `with` item opens, or nil when it is not a
// DAG or TaskGroup.
func (b *builder) contextFrame(e pyparse.Expr, sc *Scope) *frame {
	for hops := 0; hops < 4; hops++ {
		switch x := e.(type) {
		case *pyparse.Call:
			switch classify(b.m.imports.qualName(x.Func)) {
			case symDAG:
				return b.frameFromCall(x, frameDAG, sc, x.Range)
			case symTaskGroup:
				return b.frameFromCall(x, frameGroup, sc, x.Range)
			}
			if n, ok := x.Func.(*pyparse.Name); ok && b.m.imports.qualName(x.Func) == "" && (n.ID == "DAG" || n.ID == "TaskGroup") {
				// A snippet that uses DAG / TaskGroup without importing it.
				kind := frameDAG
				if n.ID == "TaskGroup" {
					kind = frameGroup
				}
				return b.frameFromCall(x, kind, sc, x.Range)
			}
			if x.Keyword("default_args") != nil {
				// A DAG-like class daglint does not know, given default_args.
				return b.frameFromCall(x, frameDAG, sc, x.Range)
			}
			if looksLikeDAG(b.m.File.Text(x.Func.Span())) {
				return &frame{kind: frameUnknown, id: x.Range}
			}
			return nil
		case *pyparse.Name:
			bnd, ok := sc.lookup(x.ID, nil)
			if !ok || bnd.value == nil || (bnd.kind != bindAssign && bnd.kind != bindWithAs) {
				if looksLikeDAG(x.ID) {
					return &frame{kind: frameUnknown, id: x.Range}
				}
				return nil
			}
			e = bnd.value
		default:
			if looksLikeDAG(b.m.File.Text(e.Span())) {
				return &frame{kind: frameUnknown, id: e.Span()}
			}
			return nil
		}
	}
	return nil
}

// looksLikeDAG reports whether a name suggests a DAG or task group object.
func looksLikeDAG(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "dag") || strings.Contains(l, "taskgroup") || strings.Contains(l, "task_group")
}

// frameFromCall builds the frame of a DAG / TaskGroup construction (call nil:
// a bare decorator, which has no default_args).
func (b *builder) frameFromCall(call *pyparse.Call, kind frameKind, sc *Scope, id pyparse.Range) *frame {
	fr := &frame{kind: kind, known: true, defaults: Value{Kind: Dict}, id: id}
	if call == nil {
		return fr
	}
	for _, kw := range call.Keywords {
		if kw.Name == "" {
			fr.known = false // **kwargs may carry default_args
		}
	}
	if kw := call.Keyword("default_args"); kw != nil {
		v := b.m.Resolve(kw.Value, sc)
		if v.Kind != Dict || v.Partial {
			fr.known = false
		} else {
			fr.defaults = v
		}
	}
	return fr
}

func (b *builder) expr(e pyparse.Expr, sc *Scope, shadow map[string]bool, ctx []*frame) {
	if e == nil {
		return
	}
	// Without a shadow e is a statement's expression (or a lambda's
	// default), which no call encloses; see indexCalls.
	if shadow == nil {
		if calls, ok := b.calls.in(e.Span()); ok {
			for _, c := range calls {
				b.site(c, sc, nil, ctx)
			}
			return
		}
	}
	pyparse.Inspect(e, func(n pyparse.Node) bool {
		switch n := n.(type) {
		case *pyparse.Call:
			b.site(n, sc, shadow, ctx)
		case *pyparse.Lambda:
			sh := extend(shadow, nil)
			for _, p := range n.Params {
				sh[p.Name] = true
				b.expr(p.Default, sc, shadow, ctx)
			}
			b.expr(n.Body, sc, sh, ctx)
			return false
		case *pyparse.OtherExpr:
			if n.Kind.IsComprehension() {
				sh := extend(shadow, nil)
				for _, ch := range n.Children {
					if o, ok := ch.(*pyparse.OtherExpr); ok && o.Kind == pyparse.ExprComprehensionFor && len(o.Children) > 0 {
						targetNames(o.Children[0], sh)
					}
				}
				for _, ch := range n.Children {
					b.expr(ch, sc, sh, ctx)
				}
				return false
			}
		}
		return true
	})
}

// site records a call met by expr.
func (b *builder) site(n *pyparse.Call, sc *Scope, shadow map[string]bool, ctx []*frame) {
	b.sites = append(b.sites, callSite{call: n, scope: sc, shadow: shadow, ctx: ctx})
	if f, ok := n.Func.(*pyparse.Attribute); ok && f.Attr == "override" {
		if nm, ok := f.Value.(*pyparse.Name); ok {
			if b.overridden == nil {
				b.overridden = map[string]bool{}
			}
			b.overridden[nm.ID] = true
		}
	}
}

// indexCalls finds the calls of an expression in the file's index instead
// of walking it: most of a DAG file's nodes are the operator calls'
// arguments, which the index has already walked.
//
// In a file without syntax errors every node's range holds those of its
// descendants and no other's, so the calls of an expression that no call
// encloses (a call starts where its callee does) are those whose range
// starts inside its range; when the index lists the calls by
// where they start (its pre-order does, but for `f(k=g(), *h())`, whose
// keywords are walked after the arguments written behind them), those are
// one run of the list, in the order Inspect meets them. An expression
// holding a lambda or comprehension is walked as before: the calls inside
// see the names those bind shadowed.
type indexCalls struct {
	calls  []*pyparse.Call // nil: walk every expression
	scopes []pyparse.Expr
}

func newIndexCalls(f *pyparse.File) indexCalls {
	ix := f.Index()
	if len(f.Errors) > 0 || !byStart(ix.Calls) || !byStart(ix.Scopes) {
		return indexCalls{}
	}
	return indexCalls{calls: ix.Calls, scopes: ix.Scopes}
}

// byStart reports whether nodes are in the order of their start offsets.
func byStart[N pyparse.Node](nodes []N) bool {
	return slices.IsSortedFunc(nodes, func(x, y N) int { return cmp.Compare(x.Span().Start, y.Span().Start) })
}

// in returns the calls whose range starts inside r; ok is false when the
// expression of r must be walked instead.
func (ic indexCalls) in(r pyparse.Range) (calls []*pyparse.Call, ok bool) {
	if ic.calls == nil || startsIn(ic.scopes, r) {
		return nil, false
	}
	i := firstAt(ic.calls, r.Start)
	return ic.calls[i:firstAt(ic.calls, r.End)], true
}

// firstAt returns the index of the first node starting at or after off.
func firstAt[N pyparse.Node](nodes []N, off int) int {
	i, _ := slices.BinarySearchFunc(nodes, off, func(n N, off int) int {
		if n.Span().Start < off {
			return -1
		}
		return 1 // the first at or after off
	})
	return i
}

// startsIn reports whether a node of nodes starts inside r.
func startsIn[N pyparse.Node](nodes []N, r pyparse.Range) bool {
	i := firstAt(nodes, r.Start)
	return i < len(nodes) && nodes[i].Span().Start < r.End
}

func extend(m map[string]bool, names []string) map[string]bool {
	out := make(map[string]bool, len(m)+len(names))
	for k := range m {
		out[k] = true
	}
	for _, n := range names {
		out[n] = true
	}
	return out
}

func targetNames(e pyparse.Expr, into map[string]bool) {
	pyparse.Inspect(e, func(n pyparse.Node) bool {
		if nm, ok := n.(*pyparse.Name); ok {
			into[nm.ID] = true
		}
		return true
	})
}

// finish turns the collected call sites and decorated functions into OpCalls.
func (b *builder) finish() {
	type pair struct {
		partial *pyparse.Call
		site    callSite
	}
	consumed := map[*pyparse.Call]bool{}
	expands := map[*pyparse.Call]pair{}
	for _, s := range b.sites {
		at, ok := s.call.Func.(*pyparse.Attribute)
		if !ok || (at.Attr != "expand" && at.Attr != "expand_kwargs") {
			continue
		}
		p := b.partialCall(at.Value, s)
		if p == nil {
			continue
		}
		consumed[p] = true
		expands[s.call] = pair{partial: p, site: s}
	}
	for _, s := range b.sites {
		if consumed[s.call] {
			continue
		}
		if pr, ok := expands[s.call]; ok {
			b.opFromCall(pr.partial, s.call, s)
			continue
		}
		if at, ok := s.call.Func.(*pyparse.Attribute); ok && at.Attr == "partial" {
			if _, _, _, ok := b.operatorKind(at.Value); ok {
				b.opFromCall(s.call, nil, s)
			}
			continue
		}
		if _, _, _, ok := b.operatorKind(s.call.Func); ok {
			b.opFromCall(s.call, nil, s)
		}
		b.podOverrides(s)
	}
	for _, d := range b.decorated {
		b.opFromDecorator(d)
	}
	slices.SortStableFunc(b.m.Calls, func(x, y *OpCall) int { return cmp.Compare(x.Callee.Start, y.Callee.Start) })
}

// partialCall returns the `Op.partial(...)` call e is (directly or through a
// name), or nil.
func (b *builder) partialCall(e pyparse.Expr, s callSite) *pyparse.Call {
	if n, ok := e.(*pyparse.Name); ok {
		bnd, ok := s.scope.lookup(n.ID, s.shadow)
		if !ok || bnd.kind != bindAssign {
			return nil
		}
		e = bnd.value
	}
	c, ok := e.(*pyparse.Call)
	if !ok {
		return nil
	}
	at, ok := c.Func.(*pyparse.Attribute)
	if !ok || at.Attr != "partial" {
		return nil
	}
	if _, _, _, ok := b.operatorKind(at.Value); !ok {
		return nil
	}
	return c
}

// opFromCall builds the OpCall of a constructor call, or of a partial call
// (call = the partial) with its expand call.
func (b *builder) opFromCall(call, expand *pyparse.Call, s callSite) {
	classExpr := call.Func
	var partial *pyparse.Call
	if at, ok := call.Func.(*pyparse.Attribute); ok && at.Attr == "partial" {
		classExpr = at.Value
		partial = call
	}
	kind, sub, provider, _ := b.operatorKind(classExpr)
	op := &OpCall{
		Kind:       kind,
		Class:      provider,
		extra:      kpoFamilyData().params[provider],
		Callee:     classExpr.Span(),
		CalleeText: b.m.File.Text(classExpr.Span()),
		Call:       call,
		Partial:    partial,
		Expand:     expand,
		Scope:      s.scope,
		Args:       make(map[string]*Arg, argsHint(s.ctx, call, expand)),
	}
	if sub != nil {
		b.describeSubclass(op, sub)
	}
	r := &resolver{m: b.m, scope: s.scope, shadow: s.shadow}
	first := FromCall
	if partial != nil {
		first = FromPartial
	}
	b.applyContext(op, r, s.ctx, call)
	b.applyOwnDefaults(op, r, call)
	b.applyKeywords(op, r, call, first)
	if expand != nil {
		at := expand.Func.(*pyparse.Attribute)
		if at.Attr == "expand_kwargs" {
			op.open = true // a list of kwargs dicts, usually from XCom
		} else {
			b.applyKeywords(op, r, expand, FromExpand)
		}
	}
	if sub != nil {
		op.Args = sub.inherit(b.m, op, op.Args, classExpr)
	}
	b.m.Calls = append(b.m.Calls, op)
}

func (b *builder) opFromDecorator(d decorated) {
	op := &OpCall{
		Kind:       d.kind,
		Callee:     d.callee.Span(),
		CalleeText: b.m.File.Text(d.callee.Span()),
		Call:       d.call,
		Func:       d.fn,
		Scope:      d.scope,
		Args:       map[string]*Arg{},
	}
	r := &resolver{m: b.m, scope: d.scope}
	ctx := d.ctx
	if !hasKnownFrame(ctx) {
		// Defined outside any DAG context: the operator is created where the
		// function is called, so take that context when it is unambiguous.
		ctx = b.invocationContext(d.fn.Name)
	}
	if b.overridden[d.fn.Name] {
		op.open = true
	}
	if d.kind == KubernetesPodOperator {
		op.Class = "@task.kubernetes"
		op.extra = taskKubernetesParams()
	}
	b.applyContext(op, r, ctx, d.call)
	if d.call != nil {
		b.applyOwnDefaults(op, r, d.call)
		b.applyKeywords(op, r, d.call, FromDecorator)
	}
	b.m.Calls = append(b.m.Calls, op)
}

func hasKnownFrame(ctx []*frame) bool {
	for _, f := range ctx {
		if f.kind != frameUnknown {
			return true
		}
	}
	return false
}

// invocationContext returns the context shared by every call of the named
// function, or an unknown frame when there is none or they differ.
func (b *builder) invocationContext(name string) []*frame {
	if b.invocations == nil {
		b.invocations = map[string][][]*frame{}
		for _, s := range b.sites {
			if f, ok := s.call.Func.(*pyparse.Name); ok {
				b.invocations[f.ID] = append(b.invocations[f.ID], s.ctx)
			}
		}
	}
	inv := b.invocations[name]
	unknown := []*frame{{kind: frameUnknown}}
	if len(inv) == 0 {
		return unknown
	}
	for _, c := range inv[1:] {
		if !sameContext(c, inv[0]) {
			return unknown
		}
	}
	return inv[0]
}

func sameContext(a, b []*frame) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].kind != b[i].kind || a[i].id != b[i].id {
			return false
		}
	}
	return true
}

// applyContext fills arguments from default_args of the enclosing DAG (or the
// DAG passed as dag=) and task groups, outermost first.
func (b *builder) applyContext(op *OpCall, r *resolver, ctx []*frame, call *pyparse.Call) {
	var dagFrames, groupFrames []*frame
	for _, f := range ctx {
		switch f.kind {
		case frameDAG:
			dagFrames = append(dagFrames, f)
		case frameGroup:
			groupFrames = append(groupFrames, f)
		default:
			op.open = true
		}
	}
	if call != nil {
		if kw := call.Keyword("dag"); kw != nil {
			dagFrames = nil
			if fr := aliasFrame(ctx, kw.Value); fr != nil {
				dagFrames = []*frame{fr}
			} else if fr := b.contextFrame(kw.Value, r.scope); fr != nil && fr.kind == frameDAG {
				dagFrames = []*frame{fr}
			} else {
				op.open = true
			}
		}
	}
	for _, f := range append(dagFrames, groupFrames...) {
		if !f.known {
			op.open = true
			continue
		}
		for _, a := range f.defaultArgs() {
			op.Args[a.Name] = a
		}
	}
}

// aliasFrame returns the innermost enclosing DAG frame that `with DAG(...) as
// name` bound to the name e, or nil. `dag=dag` inside that block is the same
// DAG as the context (DAG.__enter__ returns the DAG itself), whatever other
// blocks of the file reuse the name.
func aliasFrame(ctx []*frame, e pyparse.Expr) *frame {
	n, ok := e.(*pyparse.Name)
	if !ok {
		return nil
	}
	for i := len(ctx) - 1; i >= 0; i-- {
		if ctx[i].kind == frameDAG && ctx[i].as == n.ID {
			return ctx[i]
		}
	}
	return nil
}

func entryArg(e *Entry, src ArgSource) *Arg {
	a := new(Arg)
	setEntryArg(a, e, src)
	return a
}

// entryArgs returns the arguments of entries, allocated together.
func entryArgs(entries []*Entry, src ArgSource) []*Arg {
	block := make([]Arg, len(entries))
	out := make([]*Arg, len(entries))
	for i, e := range entries {
		setEntryArg(&block[i], e, src)
		out[i] = &block[i]
	}
	return out
}

func setEntryArg(a *Arg, e *Entry, src ArgSource) {
	x := e.ValueExpr
	if x == nil {
		x = e.Value.Expr
	}
	*a = Arg{Name: e.Key, Value: e.Value, Expr: x, KeyRange: e.KeyRange, Source: src}
}

// argsHint is about how many arguments an operator call will have: those
// of its context's default_args and its keywords.
func argsHint(ctx []*frame, call, expand *pyparse.Call) int {
	n := len(call.Keywords)
	if expand != nil {
		n += len(expand.Keywords)
	}
	for _, f := range ctx {
		n += len(f.defaults.Entries())
	}
	return n
}

// applyOwnDefaults fills arguments from the operator's own default_args=.
func (b *builder) applyOwnDefaults(op *OpCall, r *resolver, call *pyparse.Call) {
	kw := call.Keyword("default_args")
	if kw == nil {
		return
	}
	v := r.eval(kw.Value)
	if v.Kind != Dict || v.Partial {
		op.open = true
		return
	}
	for _, a := range entryArgs(v.Entries(), FromDefaultArgs) {
		op.Args[a.Name] = a
	}
}

// applyKeywords fills arguments from a call's keywords and **mappings.
func (b *builder) applyKeywords(op *OpCall, r *resolver, call *pyparse.Call, src ArgSource) {
	for i, a := range call.Args {
		if _, star := a.(*pyparse.Starred); !star && i == 0 && src == FromCall && op.Kind == DockerOperator && op.Class == "" {
			// Airflow 1.10's DockerOperator takes image as its first positional parameter.
			op.Args["image"] = &Arg{Name: "image", Value: r.eval(a), Expr: a, KeyRange: a.Span(), Source: src}
			continue
		}
		op.open = true
	}
	var block []Arg // the keywords' arguments, allocated together
	for i, kw := range call.Keywords {
		if kw.Name == "" {
			v := r.eval(kw.Value)
			if v.Kind != Dict {
				op.open = true
				continue
			}
			if v.Partial {
				op.open = true
			}
			for _, a := range entryArgs(v.Entries(), FromMapping) {
				op.Args[a.Name] = a
			}
			continue
		}
		if kw.Name == "default_args" || kw.Name == "dag" {
			continue
		}
		if len(block) == 0 {
			block = make([]Arg, len(call.Keywords)-i)
		}
		a := &block[0]
		block = block[1:]
		*a = Arg{Name: kw.Name, Value: r.eval(kw.Value), Expr: kw.Value, KeyRange: kw.NameRange, Source: src, Mapped: src == FromExpand}
		op.Args[kw.Name] = a
	}
}
