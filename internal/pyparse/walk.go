package pyparse

import (
	"slices"
	"unsafe"
)

// Children returns the direct children of n in source order.
func Children(n Node) []Node {
	return appendChildren(nil, n)
}

// appendExprs appends the non-nil expressions of es to dst.
func appendExprs(dst []Node, es ...Expr) []Node {
	for _, e := range es {
		if e != nil {
			dst = append(dst, e)
		}
	}
	return dst
}

// appendStmts appends the statements of ss to dst.
func appendStmts(dst []Node, ss []Stmt) []Node {
	for _, s := range ss {
		dst = append(dst, s)
	}
	return dst
}

// appendChildren appends the direct children of n to dst in source order.
// Inspect uses it on its own stack, so visiting a node allocates nothing.
func appendChildren(dst []Node, n Node) []Node {
	switch n := n.(type) {
	case *Assign:
		dst = appendExprs(dst, n.Targets...)
		dst = appendExprs(dst, n.Annotation, n.Value)
	case *ExprStmt:
		dst = appendExprs(dst, n.X)
	case *Import:
		for _, a := range n.Names {
			dst = append(dst, a)
		}
	case *ImportFrom:
		for _, a := range n.Names {
			dst = append(dst, a)
		}
	case *With:
		for _, it := range n.Items {
			dst = append(dst, it)
		}
		dst = appendStmts(dst, n.Body)
	case *WithItem:
		dst = appendExprs(dst, n.Expr, n.As)
	case *FuncDef:
		dst = appendExprs(dst, n.Decorators...)
		for _, p := range n.Params {
			dst = append(dst, p)
		}
		dst = appendExprs(dst, n.Returns)
		dst = appendStmts(dst, n.Body)
	case *Param:
		dst = appendExprs(dst, n.Annotation, n.Default)
	case *ClassDef:
		dst = appendExprs(dst, n.Decorators...)
		dst = appendExprs(dst, n.Bases...)
		for _, k := range n.Keywords {
			dst = append(dst, k)
		}
		dst = appendStmts(dst, n.Body)
	case *Return:
		dst = appendExprs(dst, n.Value)
	case *Compound:
		dst = appendExprs(dst, n.Targets...)
		dst = appendExprs(dst, n.Exprs...)
		for _, b := range n.Blocks {
			dst = appendStmts(dst, b)
		}
	case *OtherStmt:
		dst = appendExprs(dst, n.Exprs...)
	case *Attribute:
		dst = appendExprs(dst, n.Value)
	case *Keyword:
		dst = appendExprs(dst, n.Value)
	case *Call:
		dst = appendExprs(dst, n.Func)
		dst = appendExprs(dst, n.Args...)
		for _, k := range n.Keywords {
			dst = append(dst, k)
		}
	case *Str:
		for _, p := range n.Parts {
			if p.Expr != nil {
				dst = append(dst, p)
			}
		}
	case *StrPart:
		dst = appendExprs(dst, n.Expr)
	case *Dict:
		for _, it := range n.Items {
			dst = append(dst, it)
		}
	case *DictItem:
		dst = appendExprs(dst, n.Key, n.Value)
	case *Seq:
		dst = appendExprs(dst, n.Elts...)
	case *BinOp:
		dst = appendExprs(dst, n.Left, n.Right)
	case *Subscript:
		dst = appendExprs(dst, n.Value, n.Index)
	case *Starred:
		dst = appendExprs(dst, n.Value)
	case *NamedExpr:
		if n.Target != nil {
			dst = append(dst, n.Target)
		}
		dst = appendExprs(dst, n.Value)
	case *Lambda:
		for _, p := range n.Params {
			dst = append(dst, p)
		}
		dst = appendExprs(dst, n.Body)
	case *OtherExpr:
		dst = appendExprs(dst, n.Children...)
	}
	return dst
}

// inspectStack is the initial capacity of Inspect's stack; deeper or wider
// trees grow it.
const inspectStack = 64

// Inspect visits n and its descendants in source order (pre-order). When f
// returns false the children of that node are skipped. It uses an explicit
// stack, so no input can overflow the goroutine stack, and pushes children
// straight onto it, so a walk allocates only when the stack grows.
func Inspect(n Node, f func(Node) bool) {
	if n == nil {
		return
	}
	var buf [inspectStack]Node
	stack := append(buf[:0], n)
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !f(cur) {
			continue
		}
		// Children go on in source order and are then reversed, so the
		// first child is popped first.
		base := len(stack)
		stack = appendChildren(stack, cur)
		slices.Reverse(stack[base:])
	}
}

// InspectFile visits every statement of f and its descendants in source order.
func InspectFile(f *File, fn func(Node) bool) {
	for _, s := range f.Body {
		Inspect(s, fn)
	}
}

// Index lists the nodes of a file in source order, as InspectFile visits
// them: the statements, calls and string literals each apart, and those
// with the dict displays, := expressions and parameters together (the
// nodes the rules that look at every binding filter). It is built by one
// walk and shared: the model, the rules and the driver filter these lists
// instead of each walking the whole file again (go/analysis's inspect
// pass). Names, attributes, numbers and the other leaves, most of a file's
// nodes, are not listed.
type Index struct {
	Outline []Node  // every statement, call, dict, := expression and parameter, pre-order
	Stmts   []Stmt  // every statement at any depth, pre-order
	Calls   []*Call // every call, pre-order
	Strs    []*Str  // every string literal (f-string fields included), pre-order
	// Scopes lists every lambda and comprehension (generator expressions
	// included), pre-order: the expressions whose names hide the
	// enclosing scope's.
	Scopes []Expr
}

// Index returns the file's index, walking the file on first use. Safe for
// concurrent use: a module the project index shares between workers may be
// indexed by several at once (each walk gives the same index; one is kept).
func (f *File) Index() *Index {
	if ix := f.index.Load(); ix != nil {
		return ix
	}
	// A file has fewer nodes than tokens (`f(a, b)` is 6 tokens, 4 nodes)
	// and, in DAG repositories and Airflow's tree, at most a statement per
	// 6 tokens, a call per 12 and a string per 4 (the outline about the
	// first two together), so the lists rarely grow.
	n := f.tokens
	var ix *Index
	if f.arena != nil {
		// A released file's lists, taken by one walk only.
		ix = f.arena.index.Swap(nil)
	}
	if ix == nil {
		ix = &Index{}
	}
	ix.Outline = slices.Grow(ix.Outline, n/4+8)
	ix.Stmts = slices.Grow(ix.Stmts, n/6+4)
	ix.Calls = slices.Grow(ix.Calls, n/12+4)
	ix.Strs = slices.Grow(ix.Strs, n/4+4)
	ix.walk(f.Body)
	if !f.index.CompareAndSwap(nil, ix) {
		return f.index.Load()
	}
	return ix
}

// walk adds the nodes of body to the index in InspectFile's order. It is
// Inspect's loop (the same stack, so the same order and the same bound on
// depth) with the filtering inlined: no callback per node, and a type
// switch of concrete types only, which is a few comparisons where a case
// of an interface type (Stmt) costs a lookup for every node reaching it.
// TestIndex checks the lists against InspectFile's walk.
func (ix *Index) walk(body []Stmt) {
	var buf [inspectStack]Node
	for _, s := range body {
		stack := append(buf[:0], Node(s))
		for len(stack) > 0 {
			cur := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch n := cur.(type) {
			case *Name, *Attribute, *Keyword, *StrPart, *Num, *Const, *Seq, *BinOp,
				*Subscript, *Starred, *DictItem, *WithItem, *Alias:
				// Most nodes: not listed.
			case *Call:
				ix.Calls = append(ix.Calls, n)
				ix.Outline = append(ix.Outline, n)
			case *Str:
				ix.Strs = append(ix.Strs, n)
			case *Dict, *NamedExpr, *Param:
				ix.Outline = append(ix.Outline, n)
			case *Lambda:
				ix.Scopes = append(ix.Scopes, n)
			case *OtherExpr:
				if n.Kind.IsComprehension() {
					ix.Scopes = append(ix.Scopes, n)
				}
			case *Assign:
				ix.addStmt(n)
			case *ExprStmt:
				ix.addStmt(n)
			case *Import:
				ix.addStmt(n)
			case *ImportFrom:
				ix.addStmt(n)
			case *With:
				ix.addStmt(n)
			case *FuncDef:
				ix.addStmt(n)
			case *ClassDef:
				ix.addStmt(n)
			case *Return:
				ix.addStmt(n)
			case *Compound:
				ix.addStmt(n)
			case *OtherStmt:
				ix.addStmt(n)
			default:
				// A node type not named above.
				if n, ok := n.(Stmt); ok {
					ix.addStmt(n)
				}
			}
			base := len(stack)
			stack = appendChildren(stack, cur)
			slices.Reverse(stack[base:])
		}
	}
}

func (ix *Index) addStmt(s Stmt) {
	ix.Stmts = append(ix.Stmts, s)
	ix.Outline = append(ix.Outline, s)
}

// clear empties the index's lists, keeping their backing arrays for reuse.
func (ix *Index) clear() {
	clear(ix.Outline[:cap(ix.Outline)])
	clear(ix.Stmts[:cap(ix.Stmts)])
	clear(ix.Calls[:cap(ix.Calls)])
	clear(ix.Strs[:cap(ix.Strs)])
	clear(ix.Scopes[:cap(ix.Scopes)])
	ix.Outline, ix.Stmts, ix.Calls, ix.Strs, ix.Scopes = ix.Outline[:0], ix.Stmts[:0], ix.Calls[:0], ix.Strs[:0], ix.Scopes[:0]
}

// bytes is the size of the index's backing arrays.
func (ix *Index) bytes() int {
	const iface, ptr = int(unsafe.Sizeof(Node(nil))), int(unsafe.Sizeof((*Call)(nil)))
	return (cap(ix.Outline)+cap(ix.Stmts)+cap(ix.Scopes))*iface + (cap(ix.Calls)+cap(ix.Strs))*ptr
}
