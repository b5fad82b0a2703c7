package pyparse

// Symbol table checks that need a whole scope: a name declared global or
// nonlocal after the scope used or bound it. They run only when the file
// has global or nonlocal statements.

// use flags of a name within one scope.
const (
	useLoad = 1 << iota
	useStore
	useParam
)

// checkScopes runs the global/nonlocal declaration checks on the module and
// every function and class body.
func (p *parser) checkScopes(body []Stmt) {
	if len(p.scopeDecls) == 0 {
		return
	}
	p.checkScope(body, nil)
}

// checkScope checks one scope's statements in source order and recurses
// into the scopes nested in them.
func (p *parser) checkScope(body []Stmt, params []*Param) {
	uses := map[string]uint8{}
	for _, pr := range params {
		uses[pr.Name] |= useParam
	}
	var nested [][]Stmt
	var nestedParams [][]*Param
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
		case *Import:
			for _, a := range n.Names {
				uses[bindName(a)] |= useStore
			}
		case *ImportFrom:
			for _, a := range n.Names {
				uses[bindName(a)] |= useStore
			}
		case *OtherStmt:
			if n.Kind == StmtGlobal || n.Kind == StmtNonlocal {
				p.checkDecl(n, uses)
				return false
			}
		}
		return true
	}
	for _, s := range body {
		Inspect(s, func(x Node) bool { return visit(x, false) })
	}
	for i, b := range nested {
		p.checkScope(b, nestedParams[i])
	}
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
	for _, name := range st.Names {
		u := uses[name]
		switch {
		case u&useParam != 0:
			p.errorAt(st.Range, tierSymtable, "name '"+name+"' is parameter and "+kw)
		case u&useStore != 0:
			p.errorAt(st.Range, tierSymtable, "name '"+name+"' is assigned to before "+kw+" declaration")
		case u&useLoad != 0:
			p.errorAt(st.Range, tierSymtable, "name '"+name+"' is used prior to "+kw+" declaration")
		}
	}
}
