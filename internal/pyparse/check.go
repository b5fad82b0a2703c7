package pyparse

import "slices"

// Symbol table checks that need a whole scope: a name declared global or
// nonlocal after the scope used or bound it. They run only when the file
// has global or nonlocal statements.

// use flags of a name within one scope.
const (
	useLoad = 1 << iota
	useStore
	useParam
	useGlobal
	useNonlocal
)

// scopeUses is one function scope's names, for nonlocal lookups.
type scopeUses struct {
	uses  map[string]uint8
	outer *scopeUses
}

// checkScopes runs the global/nonlocal declaration checks on the module and
// every function and class body.
func (p *parser) checkScopes(body []Stmt) {
	if len(p.scopeDecls) == 0 {
		return
	}
	p.checkScope(body, nil, nil, false)
}

// checkScope checks one scope's statements in source order and recurses
// into the scopes nested in them.
func (p *parser) checkScope(body []Stmt, params []*Param, outer *scopeUses, function bool) {
	uses := map[string]uint8{}
	p.firstDecl = map[string]*OtherStmt{}
	self := &scopeUses{uses: uses, outer: outer}
	if !function {
		self = outer // a class or the module is no enclosing scope for nonlocal
	}
	var pendingNonlocal []*OtherStmt
	for _, pr := range params {
		uses[pr.Name] |= useParam
	}
	var nested [][]Stmt
	var nestedParams [][]*Param
	var nestedFunc []bool
	var visit func(n Node, store bool) bool
	visit = func(n Node, store bool) bool {
		switch n := n.(type) {
		case *Name:
			if store {
				uses[n.ID] |= useStore
			} else {
				uses[n.ID] |= useLoad
			}
			return false
		case *FuncDef:
			uses[n.Name] |= useStore
			for _, d := range n.Decorators {
				Inspect(d, func(x Node) bool { return visit(x, false) })
			}
			for _, pr := range n.Params {
				if pr.Default != nil {
					Inspect(pr.Default, func(x Node) bool { return visit(x, false) })
				}
			}
			nested = append(nested, n.Body)
			nestedParams = append(nestedParams, n.Params)
			nestedFunc = append(nestedFunc, true)
			return false
		case *ClassDef:
			uses[n.Name] |= useStore
			for _, x := range n.Decorators {
				Inspect(x, func(x Node) bool { return visit(x, false) })
			}
			for _, x := range n.Bases {
				Inspect(x, func(x Node) bool { return visit(x, false) })
			}
			nested = append(nested, n.Body)
			nestedParams = append(nestedParams, nil)
			nestedFunc = append(nestedFunc, false)
			return false
		case *Lambda:
			return false
		case *OtherExpr:
			return !n.Kind.IsComprehension()
		case *Assign:
			for _, t := range n.Targets {
				Inspect(t, func(x Node) bool { return visit(x, true) })
			}
			if n.Op != "=" {
				for _, t := range n.Targets {
					Inspect(t, func(x Node) bool { return visit(x, false) })
				}
			}
			if n.Annotation != nil {
				Inspect(n.Annotation, func(x Node) bool { return visit(x, false) })
			}
			if n.Value != nil {
				Inspect(n.Value, func(x Node) bool { return visit(x, false) })
			}
			return false
		case *Attribute, *Subscript:
			if store {
				// a.b = v and a[i] = v read a.
				for _, ch := range Children(n) {
					Inspect(ch, func(x Node) bool { return visit(x, false) })
				}
				return false
			}
		case *Compound:
			for _, t := range n.Targets {
				Inspect(t, func(x Node) bool { return visit(x, true) })
			}
		case *WithItem:
			if n.As != nil {
				Inspect(n.As, func(x Node) bool { return visit(x, true) })
			}
			if n.Expr != nil {
				Inspect(n.Expr, func(x Node) bool { return visit(x, false) })
			}
			return false
		case *NamedExpr:
			if n.Target != nil {
				uses[n.Target.ID] |= useStore
			}
			if n.Value != nil {
				Inspect(n.Value, func(x Node) bool { return visit(x, false) })
			}
			return false
		case *Import:
			for _, a := range n.Names {
				uses[bindName(a)] |= useStore
			}
		case *ImportFrom:
			for _, a := range n.Names {
				uses[bindName(a)] |= useStore
			}
		case *OtherStmt:
			if n.Kind == StmtDelete {
				for _, t := range n.Exprs {
					Inspect(t, func(x Node) bool { return visit(x, true) })
				}
				return false
			}
			if n.Kind == StmtGlobal || n.Kind == StmtNonlocal {
				p.checkDecl(n, uses)
				if n.Kind == StmtNonlocal && function {
					pendingNonlocal = append(pendingNonlocal, n)
				}
				return false
			}
		}
		return true
	}
	for _, s := range body {
		Inspect(s, func(x Node) bool { return visit(x, false) })
	}
	for _, st := range pendingNonlocal {
		for _, name := range st.Names {
			// __class__ is the implicit cell of a method's class.
			if name != "__class__" && !boundIn(outer, name) {
				p.errorAt(st.Range, tierSymtable, "no binding for nonlocal '"+shortName(name)+"' found")
			}
		}
	}
	for i, b := range nested {
		p.checkScope(b, nestedParams[i], self, nestedFunc[i])
	}
}

// boundIn reports whether an enclosing function scope binds name.
func boundIn(s *scopeUses, name string) bool {
	for ; s != nil; s = s.outer {
		u := s.uses[name]
		if u&useGlobal != 0 {
			return false
		}
		if u&(useStore|useParam|useNonlocal) != 0 {
			return true
		}
	}
	return false
}

// bindName is the name an import binds.
func bindName(a *Alias) string {
	if a.AsName != "" {
		return a.AsName
	}
	for i := 0; i < len(a.Name); i++ {
		if a.Name[i] == '.' {
			return a.Name[:i]
		}
	}
	return a.Name
}

// checkDecl reports the names of a global or nonlocal statement that the
// scope already used.
func (p *parser) checkDecl(st *OtherStmt, uses map[string]uint8) {
	kw := "global"
	if st.Kind == StmtNonlocal {
		kw = "nonlocal"
	}
	flag := uint8(useGlobal)
	other := uint8(useNonlocal)
	if st.Kind == StmtNonlocal {
		flag, other = useNonlocal, useGlobal
	}
	for _, name := range st.Names {
		u := uses[name]
		uses[name] |= flag
		if u&(useGlobal|useNonlocal) == 0 {
			p.firstDecl[name] = st
		}
		switch {
		case u&other != 0:
			r := st.Range
			if first := p.firstDecl[name]; first != nil {
				r = first.Range
			}
			p.errorAt(r, tierSymtable, "name '"+shortName(name)+"' is nonlocal and global")
		case u&useParam != 0:
			p.errorAt(st.Range, tierSymtable, "name '"+shortName(name)+"' is parameter and "+kw)
		case u&useStore != 0:
			p.errorAt(st.Range, tierSymtable, "name '"+shortName(name)+"' is assigned to before "+kw+" declaration")
		case u&useLoad != 0:
			p.errorAt(st.Range, tierSymtable, "name '"+shortName(name)+"' is used prior to "+kw+" declaration")
		}
	}
}

// awaitCtx is what an await expression's position allows.
type awaitCtx uint8

const (
	awaitModule   awaitCtx = iota // module or class body: no await
	awaitFunc                     // a def or lambda that is not async
	awaitAsync                    // an async def
	awaitGenexp                   // a generator expression: await makes it asynchronous
	awaitSyncComp                 // a list, set or dict comprehension in a non-async function
)

// checkAwaits reports await where CPython's compiler rejects it. Generator
// expressions may await anywhere; other comprehensions only in an async
// function; the first iterable of a comprehension belongs to the scope
// around it.
func (p *parser) checkAwaits(body []Stmt) {
	for _, s := range body {
		p.awaitIn(s, awaitModule)
	}
}

func (p *parser) awaitIn(n Node, ctx awaitCtx) {
	Inspect(n, func(x Node) bool {
		switch x := x.(type) {
		case *FuncDef:
			for _, d := range x.Decorators {
				p.awaitIn(d, ctx)
			}
			for _, pr := range x.Params {
				if pr.Default != nil {
					p.awaitIn(pr.Default, ctx)
				}
			}
			inner := awaitFunc
			if x.Async {
				inner = awaitAsync
			}
			for _, s := range x.Body {
				p.awaitIn(s, inner)
			}
			return false
		case *ClassDef:
			for _, e := range x.Decorators {
				p.awaitIn(e, ctx)
			}
			for _, e := range x.Bases {
				p.awaitIn(e, ctx)
			}
			for _, s := range x.Body {
				p.awaitIn(s, awaitModule)
			}
			return false
		case *Lambda:
			for _, pr := range x.Params {
				if pr.Default != nil {
					p.awaitIn(pr.Default, ctx)
				}
			}
			p.awaitIn(x.Body, awaitFunc)
			return false
		case *OtherExpr:
			switch {
			case x.Kind == ExprAwait:
				p.awaitAt(x, ctx)
			case x.Kind.IsComprehension():
				p.awaitComp(x, ctx)
				return false
			}
		}
		return true
	})
}

// awaitComp checks a comprehension: its first iterable in ctx, the rest in
// the comprehension's own context.
func (p *parser) awaitComp(c *OtherExpr, ctx awaitCtx) {
	inner := ctx
	switch {
	case c.Kind == ExprGenerator:
		inner = awaitGenexp
	case ctx != awaitAsync:
		inner = awaitSyncComp
	}
	first := true
	for _, ch := range c.Children {
		clause, ok := ch.(*OtherExpr)
		if !ok || clause.Kind != ExprComprehensionFor {
			p.awaitComprehended(ch, c, inner)
			continue
		}
		for i, part := range clause.Children {
			if i == 1 && first {
				p.awaitIn(part, ctx)
			} else {
				p.awaitComprehended(part, c, inner)
			}
		}
		first = false
	}
}

// awaitComprehended checks a part of comprehension c evaluated inside it.
func (p *parser) awaitComprehended(n Node, c *OtherExpr, inner awaitCtx) {
	if inner != awaitSyncComp {
		p.awaitIn(n, inner)
		return
	}
	found := false
	Inspect(n, func(x Node) bool {
		if o, ok := x.(*OtherExpr); ok && o.Kind == ExprAwait {
			found = true
		}
		return !found
	})
	if found {
		p.errorAt(c.Range, tierCompile, "asynchronous comprehension outside of an asynchronous function")
	}
}

func (p *parser) awaitAt(x *OtherExpr, ctx awaitCtx) {
	switch ctx {
	case awaitModule:
		p.errorAt(x.Range, tierCompile, "'await' outside function")
	case awaitFunc:
		p.errorAt(x.Range, tierCompile, "'await' outside async function")
	}
}

// checkWalrus reports the symbol table's errors for `:=` in
// comprehensions: rebinding an iteration variable (also of an enclosing
// comprehension), use in an iterable expression, use in a comprehension
// directly in a class body. It runs only when the file has both.
func (p *parser) checkWalrus(body []Stmt) {
	for _, s := range body {
		p.walrusIn(s, nil, false, false)
	}
}

// walrusIn walks n; iters are the iteration variables of the enclosing
// comprehensions, inClass tells that the innermost function-like scope is a
// class body, inIter that n is part of a comprehension's iterable.
func (p *parser) walrusIn(n Node, iters []string, inClass, inIter bool) {
	Inspect(n, func(x Node) bool {
		switch x := x.(type) {
		case *FuncDef:
			for _, d := range x.Decorators {
				p.walrusIn(d, iters, inClass, inIter)
			}
			for _, s := range x.Body {
				p.walrusIn(s, nil, false, false)
			}
			return false
		case *ClassDef:
			for _, s := range x.Body {
				p.walrusIn(s, nil, true, false)
			}
			return false
		case *Lambda:
			p.walrusIn(x.Body, nil, false, false)
			return false
		case *NamedExpr:
			switch {
			case inIter:
				p.errorAt(x.Range, tierSymtable, "assignment expression cannot be used in a comprehension iterable expression")
			case slices.Contains(iters, x.Target.ID):
				p.errorAt(x.Target.Range, tierSymtable, "assignment expression cannot rebind comprehension iteration variable '"+shortName(x.Target.ID)+"'")
			case inClass && len(iters) > 0:
				p.errorAt(x.Target.Range, tierSymtable, "assignment expression within a comprehension cannot be used in a class body")
			}
		case *OtherExpr:
			if x.Kind.IsComprehension() {
				p.walrusComp(x, iters, inClass, inIter)
				return false
			}
		}
		return true
	})
}

// walrusComp walks a comprehension: the first iterable belongs to the
// scope around it, the rest sees the comprehension's iteration variables.
func (p *parser) walrusComp(c *OtherExpr, iters []string, inClass, inIter bool) {
	inner := slices.Clone(iters)
	for _, ch := range c.Children {
		if clause, ok := ch.(*OtherExpr); ok && clause.Kind == ExprComprehensionFor && len(clause.Children) > 0 {
			Inspect(clause.Children[0], func(x Node) bool {
				if n, ok := x.(*Name); ok {
					inner = append(inner, n.ID)
				}
				return true
			})
		}
	}
	first := true
	for _, ch := range c.Children {
		clause, ok := ch.(*OtherExpr)
		if !ok || clause.Kind != ExprComprehensionFor {
			p.walrusIn(ch, inner, inClass, inIter)
			continue
		}
		for i, part := range clause.Children {
			switch {
			case i == 1 && first:
				p.walrusIn(part, iters, inClass, true)
			case i == 1:
				p.walrusIn(part, inner, inClass, true)
			case i > 1:
				p.walrusIn(part, inner, inClass, inIter)
			}
		}
		first = false
	}
}
