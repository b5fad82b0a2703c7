package pyparse

// Children returns the direct children of n in source order.
func Children(n Node) []Node {
	var out []Node
	addE := func(es ...Expr) {
		for _, e := range es {
			if e != nil {
				out = append(out, e)
			}
		}
	}
	addS := func(ss []Stmt) {
		for _, s := range ss {
			out = append(out, s)
		}
	}
	switch n := n.(type) {
	case *Assign:
		addE(n.Targets...)
		addE(n.Annotation, n.Value)
	case *ExprStmt:
		addE(n.X)
	case *Import:
		for _, a := range n.Names {
			out = append(out, a)
		}
	case *ImportFrom:
		for _, a := range n.Names {
			out = append(out, a)
		}
	case *With:
		for _, it := range n.Items {
			out = append(out, it)
		}
		addS(n.Body)
	case *WithItem:
		addE(n.Expr, n.As)
	case *FuncDef:
		addE(n.Decorators...)
		for _, p := range n.Params {
			out = append(out, p)
		}
		addS(n.Body)
	case *Param:
		addE(n.Default)
	case *ClassDef:
		addE(n.Decorators...)
		addE(n.Bases...)
		for _, k := range n.Keywords {
			out = append(out, k)
		}
		addS(n.Body)
	case *Return:
		addE(n.Value)
	case *Compound:
		addE(n.Targets...)
		addE(n.Exprs...)
		for _, b := range n.Blocks {
			addS(b)
		}
	case *OtherStmt:
		addE(n.Exprs...)
	case *Attribute:
		addE(n.Value)
	case *Keyword:
		addE(n.Value)
	case *Call:
		addE(n.Func)
		addE(n.Args...)
		for _, k := range n.Keywords {
			out = append(out, k)
		}
	case *Str:
		for _, p := range n.Parts {
			if p.Expr != nil {
				out = append(out, p)
			}
		}
	case *StrPart:
		addE(n.Expr)
	case *Dict:
		for _, it := range n.Items {
			out = append(out, it)
		}
	case *DictItem:
		addE(n.Key, n.Value)
	case *Seq:
		addE(n.Elts...)
	case *BinOp:
		addE(n.Left, n.Right)
	case *Subscript:
		addE(n.Value, n.Index)
	case *Starred:
		addE(n.Value)
	case *NamedExpr:
		if n.Target != nil {
			out = append(out, n.Target)
		}
		addE(n.Value)
	case *Lambda:
		for _, p := range n.Params {
			out = append(out, p)
		}
		addE(n.Body)
	case *OtherExpr:
		addE(n.Children...)
	}
	return out
}

// Inspect visits n and its descendants in source order (pre-order). When f
// returns false the children of that node are skipped. It uses an explicit
// stack, so no input can overflow the goroutine stack.
func Inspect(n Node, f func(Node) bool) {
	if n == nil {
		return
	}
	stack := []Node{n}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !f(cur) {
			continue
		}
		kids := Children(cur)
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, kids[i])
		}
	}
}

// InspectFile visits every statement of f and its descendants in source order.
func InspectFile(f *File, fn func(Node) bool) {
	for _, s := range f.Body {
		Inspect(s, fn)
	}
}
