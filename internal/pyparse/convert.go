package pyparse

import (
	"strings"
)

// maxDepth bounds how deep conversion nests expressions and blocks; deeper
// subtrees become truncated OtherExpr / OtherStmt nodes.
const maxDepth = 200

// conv converts one flattened tree-sitter tree into daglint's syntax view.
type conv struct {
	t     *kindTables
	n     []rawNode
	src   []byte
	s     string // src as a string: identifiers and literals are substrings of it
	depth int
	// limit is the index of the first node not to convert or scan: the
	// statements of the root before it are used, the rest is parsed again.
	limit int
}

func (c *conv) kind(i int) kind       { return c.t.kindOf(c.n[i].sym) }
func (c *conv) fieldOf(i int) field   { return c.t.fields[c.n[i].field] }
func (c *conv) named(i int) bool      { return c.n[i].flags&flagNamed != 0 }
func (c *conv) end(i int) int         { return int(c.n[i].next) }
func (c *conv) rng(i int) Range       { return Range{int(c.n[i].start), int(c.n[i].end)} }
func (c *conv) text(i int) string     { return c.s[c.n[i].start:c.n[i].end] }
func (c *conv) isTrivia(i int) bool   { k := c.kind(i); return k == kComment || k == kLineContinuation }
func (c *conv) class(i int) nodeClass { return c.t.classOf(c.n[i].sym) }

// child returns the first child of i with field f, or -1.
func (c *conv) child(i int, f field) int {
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		if c.fieldOf(ch) == f {
			return ch
		}
	}
	return -1
}

// childKind returns the first child of i of kind k, or -1.
func (c *conv) childKind(i int, k kind) int {
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		if c.kind(ch) == k {
			return ch
		}
	}
	return -1
}

// firstNamed returns the first named child of i that is not a comment, or -1.
func (c *conv) firstNamed(i int) int {
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		if c.named(ch) && !c.isTrivia(ch) {
			return ch
		}
	}
	return -1
}

// lastNamed returns the last named child of i that is not a comment, or -1.
func (c *conv) lastNamed(i int) int {
	last := -1
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		if c.named(ch) && !c.isTrivia(ch) {
			last = ch
		}
	}
	return last
}

// ---------------------------------------------------------------- statements

// body converts the statements of a module, block or ERROR node.
func (c *conv) body(i int) []Stmt {
	if c.depth >= maxDepth {
		return []Stmt{&OtherStmt{Range: c.rng(i), Kind: "truncated"}}
	}
	c.depth++
	var out []Stmt
	if c.kind(i) == kError {
		out = c.errorStmts(i, out)
	} else {
		for ch, e := i+1, min(c.end(i), c.limit); ch < e; ch = c.end(ch) {
			out = c.stmtInto(ch, out)
		}
	}
	c.depth--
	return out
}

// stmtInto appends the statements node i stands for to out.
func (c *conv) stmtInto(i int, out []Stmt) []Stmt {
	if !c.named(i) || c.isTrivia(i) {
		return out
	}
	switch c.kind(i) {
	case kError:
		return c.errorStmts(i, out)
	case kBlock, kModule:
		return append(out, c.body(i)...)
	case kArgumentList:
		return c.recoverCall(i, out)
	}
	if c.class(i) == classExpr {
		return append(out, &ExprStmt{Range: c.rng(i), X: c.expr(i)})
	}
	if s := c.stmt(i); s != nil {
		out = append(out, s)
	}
	return out
}

// stmt converts one statement node.
func (c *conv) stmt(i int) Stmt {
	if c.depth >= maxDepth {
		return &OtherStmt{Range: c.rng(i), Kind: "truncated"}
	}
	c.depth++
	s := c.stmt1(i)
	c.depth--
	return s
}

func (c *conv) stmt1(i int) Stmt {
	r := c.rng(i)
	switch c.kind(i) {
	case kExpressionStatement:
		return c.exprStmt(i)
	case kImportStatement:
		im := &Import{Range: r}
		for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
			if c.fieldOf(ch) == fName {
				im.Names = append(im.Names, c.alias(ch))
			}
		}
		return im
	case kImportFromStatement, kFutureImportStatement:
		return c.importFrom(i)
	case kWithStatement:
		return c.with(i)
	case kFunctionDefinition:
		return c.funcDef(i, r, nil)
	case kClassDefinition:
		return c.classDef(i, r, nil)
	case kDecoratedDefinition:
		var decos []Expr
		def := -1
		for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
			switch {
			case c.kind(ch) == kDecorator:
				if x := c.firstNamed(ch); x >= 0 {
					decos = append(decos, c.expr(x))
				}
			case c.fieldOf(ch) == fDefinition:
				def = ch
			}
		}
		switch {
		case def >= 0 && c.kind(def) == kFunctionDefinition:
			return c.funcDef(def, r, decos)
		case def >= 0 && c.kind(def) == kClassDefinition:
			return c.classDef(def, r, decos)
		}
		return &OtherStmt{Range: r, Kind: "decorated", Exprs: decos}
	case kReturnStatement:
		ret := &Return{Range: r}
		if x := c.firstNamed(i); x >= 0 {
			ret.Value = c.expr(x)
		}
		return ret
	case kIfStatement:
		return c.ifStmt(i)
	case kForStatement, kWhileStatement:
		return c.loop(i)
	case kTryStatement:
		return c.try(i)
	case kMatchStatement:
		return c.match(i)
	case kGlobalStatement, kNonlocalStatement:
		o := &OtherStmt{Range: r, Kind: stmtKindName(c.t.nameOf(c.n[i].sym))}
		for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
			if c.kind(ch) == kIdentifier {
				o.Names = append(o.Names, c.text(ch))
			}
		}
		return o
	}
	// pass, break, continue, raise, del, assert, print, exec, type alias and
	// anything unexpected: keep the expressions for traversal.
	o := &OtherStmt{Range: r, Kind: stmtKindName(c.t.nameOf(c.n[i].sym))}
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		if c.named(ch) && !c.isTrivia(ch) {
			if c.kind(ch) == kBlock {
				continue
			}
			o.Exprs = append(o.Exprs, c.expr(ch))
		}
	}
	return o
}

// stmtKindName turns "raise_statement" into "raise" and "type_alias_statement"
// into "type".
func stmtKindName(name string) string {
	switch name {
	case "type_alias_statement":
		return "type"
	case "delete_statement":
		return "del"
	}
	return strings.TrimSuffix(name, "_statement")
}

func (c *conv) exprStmt(i int) Stmt {
	r := c.rng(i)
	first, count := -1, 0
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		if c.named(ch) && !c.isTrivia(ch) {
			if first < 0 {
				first = ch
			}
			count++
		}
	}
	if first < 0 {
		return &OtherStmt{Range: r, Kind: "empty"}
	}
	if count == 1 {
		switch c.kind(first) {
		case kAssignment, kAugmentedAssignment:
			return c.assign(first, r)
		}
		return &ExprStmt{Range: r, X: c.expr(first)}
	}
	// `a, b` as a statement is a tuple.
	return &ExprStmt{Range: r, X: c.seq(i, "tuple", Range{int(c.n[first].start), r.End})}
}

// assign converts an assignment chain `a = b = v`, `a: T = v` or `a += v`.
func (c *conv) assign(i int, r Range) Stmt {
	a := &Assign{Range: r, Op: "="}
	for cur := i; cur >= 0; {
		next := -1
		for ch, e := cur+1, c.end(cur); ch < e; ch = c.end(ch) {
			switch c.fieldOf(ch) {
			case fLeft:
				a.Targets = append(a.Targets, c.expr(ch))
			case fType:
				a.Annotation = c.expr(ch)
			case fOperator:
				a.Op = c.text(ch)
			case fRight:
				if k := c.kind(ch); (k == kAssignment || k == kAugmentedAssignment) && a.Op == "=" {
					next = ch
				} else {
					a.Value = c.expr(ch)
				}
			}
		}
		cur = next
	}
	return a
}

// alias converts a dotted_name or aliased_import.
func (c *conv) alias(i int) *Alias {
	a := &Alias{Range: c.rng(i)}
	switch c.kind(i) {
	case kAliasedImport:
		if n := c.child(i, fName); n >= 0 {
			a.Name = c.dotted(n)
		}
		if n := c.child(i, fAlias); n >= 0 {
			a.AsName = c.text(n)
		}
	case kWildcardImport:
		a.Name = "*"
	default:
		a.Name = c.dotted(i)
	}
	return a
}

// dotted returns a dotted name without the spaces or comments it may contain.
func (c *conv) dotted(i int) string {
	if c.kind(i) != kDottedName {
		return c.text(i)
	}
	t := c.text(i)
	if !strings.ContainsAny(t, " \t\r\n\\#") {
		return t
	}
	var b strings.Builder
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		if c.kind(ch) == kIdentifier {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(c.text(ch))
		}
	}
	return b.String()
}

func (c *conv) importFrom(i int) Stmt {
	im := &ImportFrom{Range: c.rng(i)}
	if c.kind(i) == kFutureImportStatement {
		im.Module = "__future__"
	}
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		switch {
		case c.fieldOf(ch) == fModuleName:
			if c.kind(ch) == kRelativeImport {
				for g, ge := ch+1, c.end(ch); g < ge; g = c.end(g) {
					switch c.kind(g) {
					case kImportPrefix:
						im.Level = strings.Count(c.text(g), ".")
					case kDottedName:
						im.Module = c.dotted(g)
					}
				}
			} else {
				im.Module = c.dotted(ch)
			}
		case c.fieldOf(ch) == fName, c.kind(ch) == kWildcardImport:
			im.Names = append(im.Names, c.alias(ch))
		}
	}
	return im
}

func (c *conv) with(i int) Stmt {
	w := &With{Range: c.rng(i)}
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		if c.kind(ch) == kError {
			w.Body = c.errorStmts(ch, w.Body)
			continue
		}
		switch {
		case c.kind(ch) == kWithClause:
			for it, ie := ch+1, c.end(ch); it < ie; it = c.end(it) {
				if c.kind(it) == kWithItem {
					w.Items = append(w.Items, c.withItem(it))
				}
			}
		case c.fieldOf(ch) == fBody:
			w.Body = append(w.Body, c.body(ch)...)
		}
	}
	return w
}

func (c *conv) withItem(i int) *WithItem {
	it := &WithItem{Range: c.rng(i)}
	v := c.child(i, fValue)
	if v < 0 {
		v = c.firstNamed(i)
	}
	if v < 0 {
		return it
	}
	if c.kind(v) == kAsPattern {
		if x := c.firstNamed(v); x >= 0 {
			it.Expr = c.expr(x)
		}
		if a := c.child(v, fAlias); a >= 0 {
			if c.kind(a) == kAsPatternTarget {
				if x := c.firstNamed(a); x >= 0 {
					a = x
				}
			}
			it.As = c.expr(a)
		}
		return it
	}
	it.Expr = c.expr(v)
	return it
}

func (c *conv) funcDef(i int, r Range, decos []Expr) Stmt {
	fd := &FuncDef{Range: r, Decorators: decos}
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		if c.kind(ch) == kError {
			fd.Body = c.errorStmts(ch, fd.Body)
			continue
		}
		switch c.fieldOf(ch) {
		case fName:
			fd.Name, fd.NameRange = c.text(ch), c.rng(ch)
		case fParameters:
			fd.Params = c.params(ch)
		case fBody:
			fd.Body = append(fd.Body, c.body(ch)...)
		}
	}
	return fd
}

// params converts a parameters or lambda_parameters node.
func (c *conv) params(i int) []*Param {
	var out []*Param
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		if !c.named(ch) || c.isTrivia(ch) {
			continue
		}
		p := &Param{Range: c.rng(ch)}
		switch c.kind(ch) {
		case kKeywordSeparator, kPositionalSeparator:
			continue
		case kDefaultParameter, kTypedDefaultParameter:
			if n := c.child(ch, fName); n >= 0 {
				p.Name = c.text(n)
			}
			if v := c.child(ch, fValue); v >= 0 {
				p.Default = c.expr(v)
			}
		case kTypedParameter:
			if n := c.firstNamed(ch); n >= 0 {
				c.paramName(n, p)
			}
		default:
			c.paramName(ch, p)
		}
		out = append(out, p)
	}
	return out
}

// paramName fills p's name and star count from an identifier or splat pattern.
func (c *conv) paramName(i int, p *Param) {
	switch c.kind(i) {
	case kListSplatPattern, kDictionarySplatPattern:
		p.Star = 1
		if c.kind(i) == kDictionarySplatPattern {
			p.Star = 2
		}
		if n := c.firstNamed(i); n >= 0 {
			p.Name = c.text(n)
		}
	default:
		p.Name = c.text(i)
	}
}

func (c *conv) classDef(i int, r Range, decos []Expr) Stmt {
	cd := &ClassDef{Range: r, Decorators: decos}
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		if c.kind(ch) == kError {
			cd.Body = c.errorStmts(ch, cd.Body)
			continue
		}
		switch c.fieldOf(ch) {
		case fName:
			cd.Name, cd.NameRange = c.text(ch), c.rng(ch)
		case fSuperclasses:
			cd.Bases, cd.Keywords = c.arguments(ch)
		case fBody:
			cd.Body = append(cd.Body, c.body(ch)...)
		}
	}
	return cd
}

func (c *conv) ifStmt(i int) Stmt {
	cp := &Compound{Range: c.rng(i), Kind: "if"}
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		if c.kind(ch) == kError {
			cp.Blocks = append(cp.Blocks, c.errorStmts(ch, nil))
			continue
		}
		switch c.fieldOf(ch) {
		case fCondition:
			cp.Exprs = append(cp.Exprs, c.expr(ch))
		case fConsequence:
			cp.Blocks = append(cp.Blocks, c.body(ch))
		case fAlternative:
			for g, ge := ch+1, c.end(ch); g < ge; g = c.end(g) {
				switch c.fieldOf(g) {
				case fCondition:
					cp.Exprs = append(cp.Exprs, c.expr(g))
				case fConsequence, fBody:
					cp.Blocks = append(cp.Blocks, c.body(g))
				}
			}
		}
	}
	return cp
}

func (c *conv) loop(i int) Stmt {
	cp := &Compound{Range: c.rng(i), Kind: "for"}
	if c.kind(i) == kWhileStatement {
		cp.Kind = "while"
	}
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		if c.kind(ch) == kError {
			cp.Blocks = append(cp.Blocks, c.errorStmts(ch, nil))
			continue
		}
		switch c.fieldOf(ch) {
		case fLeft:
			cp.Targets = append(cp.Targets, c.expr(ch))
		case fRight, fCondition:
			cp.Exprs = append(cp.Exprs, c.expr(ch))
		case fBody:
			cp.Blocks = append(cp.Blocks, c.body(ch))
		case fAlternative:
			if b := c.child(ch, fBody); b >= 0 {
				cp.Blocks = append(cp.Blocks, c.body(b))
			}
		}
	}
	return cp
}

func (c *conv) try(i int) Stmt {
	cp := &Compound{Range: c.rng(i), Kind: "try"}
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		if c.kind(ch) == kError {
			cp.Blocks = append(cp.Blocks, c.errorStmts(ch, nil))
			continue
		}
		switch c.kind(ch) {
		case kBlock:
			cp.Blocks = append(cp.Blocks, c.body(ch))
		case kExceptClause, kExceptGroupClause:
			for g, ge := ch+1, c.end(ch); g < ge; g = c.end(g) {
				if !c.named(g) || c.isTrivia(g) {
					continue
				}
				switch {
				case c.kind(g) == kBlock:
					cp.Blocks = append(cp.Blocks, c.body(g))
				case c.fieldOf(g) == fAlias:
					cp.Targets = append(cp.Targets, c.expr(g))
				case c.kind(g) == kAsPattern:
					if x := c.firstNamed(g); x >= 0 {
						cp.Exprs = append(cp.Exprs, c.expr(x))
					}
					if a := c.child(g, fAlias); a >= 0 {
						if x := c.firstNamed(a); x >= 0 {
							cp.Targets = append(cp.Targets, c.expr(x))
						}
					}
				default:
					cp.Exprs = append(cp.Exprs, c.expr(g))
				}
			}
		case kElseClause, kFinallyClause:
			if b := c.childKind(ch, kBlock); b >= 0 {
				cp.Blocks = append(cp.Blocks, c.body(b))
			}
		}
	}
	return cp
}

func (c *conv) match(i int) Stmt {
	cp := &Compound{Range: c.rng(i), Kind: "match"}
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		if c.kind(ch) == kError {
			cp.Blocks = append(cp.Blocks, c.errorStmts(ch, nil))
			continue
		}
		switch c.fieldOf(ch) {
		case fSubject:
			cp.Exprs = append(cp.Exprs, c.expr(ch))
		case fBody:
			for cl, ce := ch+1, c.end(ch); cl < ce; cl = c.end(cl) {
				if c.kind(cl) != kCaseClause {
					continue
				}
				for g, ge := cl+1, c.end(cl); g < ge; g = c.end(g) {
					switch c.fieldOf(g) {
					case fGuard:
						if x := c.firstNamed(g); x >= 0 {
							cp.Exprs = append(cp.Exprs, c.expr(x))
						}
					case fConsequence:
						cp.Blocks = append(cp.Blocks, c.body(g))
					}
				}
			}
		}
	}
	return cp
}

// errorStmts flattens an ERROR node into statements so that the rest of a
// broken file can still be linted. Expressions become ExprStmts; a callee
// left at the end of the error region right before an intact argument list
// becomes a recovered Call.
func (c *conv) errorStmts(i int, out []Stmt) []Stmt {
	if c.depth >= maxDepth {
		return out
	}
	c.depth++
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		if !c.named(ch) || c.isTrivia(ch) {
			continue
		}
		switch k := c.kind(ch); {
		case k == kArgumentList || k == kParameters:
			out = c.recoverCall(ch, out)
		case k == kError:
			out = c.errorStmts(ch, out)
		case k == kBlock || k == kModule:
			out = append(out, c.body(ch)...)
		case k == kKeywordArgument:
			if v := c.child(ch, fValue); v >= 0 {
				out = append(out, &ExprStmt{Range: c.rng(v), X: c.expr(v)})
			}
		case c.class(ch) == classExpr:
			out = append(out, &ExprStmt{Range: c.rng(ch), X: c.expr(ch)})
		case c.class(ch) == classStmt:
			if s := c.stmt(ch); s != nil {
				out = append(out, s)
			}
		default:
			// Clauses and other helper nodes: look inside.
			out = c.errorStmts(ch, out)
		}
	}
	c.depth--
	return out
}

// recoverCall handles an argument list found loose in an ERROR node: when the
// statement before it is a bare name or attribute ending right before the
// list, the two become a recovered Call.
func (c *conv) recoverCall(args int, out []Stmt) []Stmt {
	if len(out) > 0 {
		if es, ok := out[len(out)-1].(*ExprStmt); ok {
			if fn := calleeEnd(es.X); fn != nil && onlySpace(c.src, fn.Span().End, int(c.n[args].start)) {
				call := &Call{Range: Range{fn.Span().Start, int(c.n[args].end)}, Func: fn, ArgsRange: c.rng(args), Recovered: true}
				if c.kind(args) == kParameters {
					call.Args, call.Keywords = c.paramsAsArgs(args)
				} else {
					call.Args, call.Keywords = c.arguments(args)
				}
				out[len(out)-1] = &ExprStmt{Range: call.Range, X: call}
				return out
			}
		}
	}
	if c.kind(args) == kParameters {
		return out
	}
	pos, kws := c.arguments(args)
	o := &OtherExpr{Range: c.rng(args), Kind: "error", Children: pos}
	for _, k := range kws {
		o.Children = append(o.Children, k.Value)
	}
	return append(out, &ExprStmt{Range: o.Range, X: o})
}

// paramsAsArgs reads a parameters node that tree-sitter built from what
// was a call's argument list (`f(a, b=1, **k)` after a broken line).
func (c *conv) paramsAsArgs(i int) ([]Expr, []*Keyword) {
	var args []Expr
	var kws []*Keyword
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		switch c.kind(ch) {
		case kIdentifier, kListSplatPattern:
			args = append(args, c.expr(ch))
		case kDefaultParameter:
			n, v := c.child(ch, fName), c.child(ch, fValue)
			if n >= 0 && v >= 0 && c.kind(n) == kIdentifier {
				kws = append(kws, &Keyword{Range: c.rng(ch), Name: c.text(n), NameRange: c.rng(n), Value: c.expr(v)})
			}
		case kDictionarySplatPattern:
			if v := c.firstNamed(ch); v >= 0 {
				kws = append(kws, &Keyword{Range: c.rng(ch), NameRange: Range{int(c.n[ch].start), int(c.n[ch].start)}, Value: c.expr(v)})
			}
		}
	}
	return args, kws
}

// calleeEnd returns x when it can be the callee of a recovered call.
func calleeEnd(x Expr) Expr {
	switch x.(type) {
	case *Name, *Attribute:
		return x
	}
	return nil
}

func onlySpace(src []byte, from, to int) bool {
	if from > to || to > len(src) || from < 0 {
		return false
	}
	for _, b := range src[from:to] {
		switch b {
		case ' ', '\t', '\r', '\n', '\f', '\\':
		default:
			return false
		}
	}
	return true
}
