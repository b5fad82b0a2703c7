package pyparse

import (
	"github.com/daglint/daglint/internal/pyparse/internal/scan"
)

// Expressions, following CPython's Grammar/python.gram from star_expressions
// down to atom. Binary operators use precedence climbing; every recursive
// entry (unary operators, brackets, lambda, conditional) counts depth.

// startsExpr reports whether a token of kind k can begin an expression.
func startsExpr(k scan.Kind) bool {
	switch k {
	case scan.Name, scan.Number, scan.String, scan.FStringStart, scan.LPar, scan.LSqb, scan.LBrace,
		scan.Minus, scan.Plus, scan.Tilde, scan.Star, scan.Ellipsis,
		scan.KwNot, scan.KwLambda, scan.KwAwait, scan.KwNone, scan.KwTrue, scan.KwFalse, scan.KwYield:
		return true
	}
	return false
}

// starExprs parses star_expressions: one expression, or a tuple when a
// comma follows (CPython's unparenthesised tuple spans its elements).
func (p *parser) starExprs() Expr { return p.starList(false) }

// starList parses star_expressions, or star_named_expressions (a match
// subject) when named.
func (p *parser) starList(named bool) Expr {
	elt := p.starExpr
	if named {
		elt = p.starNamed
	}
	first := elt()
	if p.kind() != scan.Comma || p.bad {
		return first
	}
	base := len(p.scratch)
	p.scratch = append(p.scratch, first)
	end := first.Span().End
	for p.got(scan.Comma) {
		end = p.prevEnd()
		if !startsExpr(p.kind()) || p.kind() == scan.KwYield {
			break
		}
		x := elt()
		p.scratch = append(p.scratch, x)
		end = x.Span().End
		if p.bad {
			break
		}
	}
	return p.tuple(base, first.Span().Start, end)
}

// tuple builds a tuple Seq from p.scratch[base:] and pops them.
func (p *parser) tuple(base, start, end int) *Seq {
	return p.seq("tuple", base, start, end)
}

// seq builds a Seq of kind from p.scratch[base:] and pops them.
func (p *parser) seq(kind string, base, start, end int) *Seq {
	q := p.a.seqs.new()
	q.Kind = kind
	q.Range = Range{start, end}
	q.Elts = p.exprList(p.scratch[base:])
	p.scratch = p.scratch[:base]
	return q
}

// starExpr is star_expression: `*bitwise_or` or an expression (no `:=`,
// as in statements).
func (p *parser) starExpr() Expr {
	if p.kind() == scan.Star {
		return p.starred()
	}
	return p.expr()
}

// starNamed is star_named_expression, the elements of displays: `*x`, an
// expression or `name := value`.
func (p *parser) starNamed() Expr {
	if p.kind() == scan.Star {
		return p.starred()
	}
	return p.namedExpr()
}

func (p *parser) starred() Expr {
	t := p.next()
	v := p.bitOr()
	s := p.a.stars.new()
	s.Range = Range{int(t.Start), v.Span().End}
	s.Value = v
	return s
}

// namedExpr is named_expression: `NAME := expression` or an expression.
func (p *parser) namedExpr() Expr {
	x := p.expr()
	if p.kind() != scan.ColonEqual || p.bad {
		return x
	}
	op := p.next()
	n, ok := x.(*Name)
	if !ok {
		p.invalidWalrus(x, op)
		n = p.a.names.new()
		n.Range = x.Span()
	}
	p.checkDebugName(n.ID, n.Range)
	v := p.expr()
	ne := p.a.named.new()
	ne.Range, ne.Target, ne.Value = Range{x.Span().Start, v.Span().End}, n, v
	p.walruses++
	return ne
}

// invalidWalrus reports a `:=` whose target is not a name.
func (p *parser) invalidWalrus(x Expr, op scan.Token) {
	switch x.(type) {
	case *Subscript:
		p.fail(x.Span(), "cannot use assignment expressions with subscript")
	case *Attribute:
		p.fail(x.Span(), "cannot use assignment expressions with attribute")
	default:
		if name := exprName(x); name != "" {
			p.fail(x.Span(), "cannot use assignment expressions with "+name)
		} else {
			p.fail(p.rng(op), "invalid syntax")
		}
	}
}

// atomStart marks the tokens that start a primary (no prefix operator).
var atomStart = [scan.NumKinds]bool{
	scan.Name: true, scan.Number: true, scan.String: true, scan.FStringStart: true,
	scan.LPar: true, scan.LSqb: true, scan.LBrace: true, scan.Ellipsis: true,
	scan.KwNone: true, scan.KwTrue: true, scan.KwFalse: true,
}

// exprEnd marks the tokens that end an expression at every precedence
// level: after a primary, none of them continues it.
var exprEnd = [scan.NumKinds]bool{
	scan.Comma: true, scan.RPar: true, scan.RSqb: true, scan.RBrace: true, scan.Newline: true,
	scan.Colon: true, scan.Equal: true, scan.Semi: true, scan.EOF: true, scan.KwFor: true,
	scan.KwAs: true, scan.KwElse: true, scan.ColonEqual: true, scan.Exclamation: true,
	scan.RArrow: true, scan.KwAsync: true, scan.KwFrom: true,
}

// expr is expression: a conditional expression, a lambda or a disjunction.
// A primary followed by a token that ends every level (the usual case:
// `f(a, b=c)`) is returned without descending the precedence levels; else
// it is handed down to power through p.pre.
func (p *parser) expr() Expr {
	k := p.kind()
	if atomStart[k] {
		x := p.primary()
		if exprEnd[p.kind()] || p.bad {
			return x
		}
		p.pre = x
	} else if k == scan.KwLambda {
		return p.lambda()
	}
	if !p.enter() {
		p.leave()
		return p.errExpr(int(p.cur().Start))
	}
	defer p.leave()
	x := p.disjunction()
	if p.kind() != scan.KwIf || p.bad {
		return x
	}
	p.next()
	cond := p.disjunction()
	if !p.got(scan.KwElse) {
		if !p.bad && p.kind() != scan.Colon {
			p.fail(Range{x.Span().Start, cond.Span().End}, "expected 'else' after 'if' expression")
		}
		p.failHere("")
		return x
	}
	alt := p.expr()
	return p.other(ExprIfExp, Range{x.Span().Start, alt.Span().End}, x, cond, alt)
}

// other builds an OtherExpr.
func (p *parser) other(k ExprKind, r Range, kids ...Expr) *OtherExpr {
	o := p.a.others.new()
	o.Kind = k
	o.Range = r
	if k.IsComprehension() {
		p.compSpans = append(p.compSpans, r)
	}
	o.Children = p.exprList(kids)
	return o
}

// otherFrom builds an OtherExpr from p.scratch[base:] and pops them.
func (p *parser) otherFrom(k ExprKind, r Range, base int) *OtherExpr {
	o := p.a.others.new()
	o.Kind = k
	o.Range = r
	if k.IsComprehension() {
		p.compSpans = append(p.compSpans, r)
	}
	o.Children = p.exprList(p.scratch[base:])
	p.scratch = p.scratch[:base]
	return o
}

func (p *parser) disjunction() Expr {
	x := p.conjunction()
	if p.kind() != scan.KwOr || p.bad {
		return x
	}
	base := len(p.scratch)
	p.scratch = append(p.scratch, x)
	for !p.bad && p.got(scan.KwOr) {
		p.scratch = append(p.scratch, p.conjunction())
	}
	end := p.scratch[len(p.scratch)-1].Span().End
	return p.otherFrom(ExprBoolOp, Range{x.Span().Start, end}, base)
}

func (p *parser) conjunction() Expr {
	x := p.inversion()
	if p.kind() != scan.KwAnd || p.bad {
		return x
	}
	base := len(p.scratch)
	p.scratch = append(p.scratch, x)
	for !p.bad && p.got(scan.KwAnd) {
		p.scratch = append(p.scratch, p.inversion())
	}
	end := p.scratch[len(p.scratch)-1].Span().End
	return p.otherFrom(ExprBoolOp, Range{x.Span().Start, end}, base)
}

func (p *parser) inversion() Expr {
	if p.pre != nil || p.kind() != scan.KwNot {
		return p.comparison()
	}
	t := p.next()
	if !p.enter() {
		p.leave()
		return p.errExpr(int(t.Start))
	}
	x := p.inversion()
	p.leave()
	return p.other(ExprNot, Range{int(t.Start), x.Span().End}, x)
}

// compareOp consumes a comparison operator and reports whether there was one.
func (p *parser) compareOp() bool {
	switch p.kind() {
	case scan.EqEqual, scan.LessEqual, scan.GreaterEqual, scan.Less, scan.Greater, scan.KwIn:
		p.next()
		return true
	case scan.NotEqual:
		if p.curText() == "<>" {
			p.failHere("invalid syntax")
			return false
		}
		p.next()
		return true
	case scan.KwNot:
		if p.peek(1) == scan.KwIn {
			p.next()
			p.next()
			return true
		}
	case scan.KwIs:
		p.next()
		p.got(scan.KwNot)
		return true
	}
	return false
}

func (p *parser) comparison() Expr {
	x := p.bitOr()
	if p.bad {
		return x
	}
	base := -1
	for !p.bad && p.compareOp() {
		if base < 0 {
			base = len(p.scratch)
			p.scratch = append(p.scratch, x)
		}
		p.scratch = append(p.scratch, p.bitOr())
	}
	if base < 0 {
		return x
	}
	end := p.scratch[len(p.scratch)-1].Span().End
	return p.otherFrom(ExprCompare, Range{x.Span().Start, end}, base)
}

// binPrec returns the precedence of a binary operator token, 0 for none.
func binPrec(k scan.Kind) int {
	switch k {
	case scan.VBar:
		return 1
	case scan.Circumflex:
		return 2
	case scan.Amper:
		return 3
	case scan.LeftShift, scan.RightShift:
		return 4
	case scan.Plus, scan.Minus:
		return 5
	case scan.Star, scan.Slash, scan.DoubleSlash, scan.Percent, scan.At:
		return 6
	}
	return 0
}

func (p *parser) bitOr() Expr { return p.binary(1) }

// binary parses binary operators of precedence min and above.
func (p *parser) binary(min int) Expr {
	x := p.factor()
	for n := 1; !p.bad && p.chain(n); n++ {
		prec := binPrec(p.kind())
		if prec < min || prec == 0 {
			return x
		}
		op := p.next()
		y := p.binary(prec + 1)
		b := p.a.binops.new()
		b.Range = Range{x.Span().Start, y.Span().End}
		b.Op = p.text(op)
		b.Left, b.Right = x, y
		x = b
	}
	return x
}

// factor is `+x`, `-x`, `~x` or power.
func (p *parser) factor() Expr {
	if p.pre != nil {
		return p.power()
	}
	switch p.kind() {
	case scan.Plus, scan.Minus, scan.Tilde:
	default:
		return p.power()
	}
	t := p.next()
	if !p.enter() {
		p.leave()
		return p.errExpr(int(t.Start))
	}
	x := p.factor()
	p.leave()
	return p.other(ExprUnary, Range{int(t.Start), x.Span().End}, x)
}

// power is `await primary ** factor`.
func (p *parser) power() Expr {
	var x Expr
	if p.pre != nil {
		x, p.pre = p.pre, nil
	} else if p.kind() == scan.KwAwait {
		t := p.next()
		p.awaits++
		if !p.enter() {
			p.leave()
			return p.errExpr(int(t.Start))
		}
		v := p.primary()
		p.leave()
		x = p.other(ExprAwait, Range{int(t.Start), v.Span().End}, v)
	} else {
		x = p.primary()
	}
	if p.kind() != scan.DoubleStar || p.bad {
		return x
	}
	op := p.next()
	if !p.enter() {
		p.leave()
		return x
	}
	y := p.factor()
	p.leave()
	b := p.a.binops.new()
	b.Range = Range{x.Span().Start, y.Span().End}
	b.Op = p.text(op)
	b.Left, b.Right = x, y
	return b
}

// primary is an atom followed by attribute, call and subscript trailers.
// A trailer's node starts where the primary does, at the opening
// parenthesis when the atom is parenthesised, as in CPython's ast.
func (p *parser) primary() Expr {
	start := int(p.cur().Start)
	x := p.atom()
	for n := 1; !p.bad && p.chain(n); n++ {
		switch p.kind() {
		case scan.Dot:
			p.next()
			if p.kind() != scan.Name {
				p.failHere("")
				return x
			}
			t := p.next()
			a := p.a.attrs.new()
			a.Range = Range{start, int(t.End)}
			a.Value = x
			a.Attr = p.text(t)
			a.AttrRange = p.rng(t)
			x = a
		case scan.LPar:
			x = p.call(start, x)
		case scan.LSqb:
			x = p.subscript(start, x)
		default:
			return x
		}
	}
	return x
}

// atom parses names, literals and bracketed displays.
func (p *parser) atom() Expr {
	t := p.cur()
	switch t.Kind {
	case scan.Name:
		p.next()
		n := p.a.names.new()
		n.Range = p.rng(t)
		n.ID = p.text(t)
		return n
	case scan.Number:
		p.next()
		n := p.a.nums.new()
		n.Range = p.rng(t)
		n.Text = p.text(t)
		return n
	case scan.String, scan.FStringStart:
		return p.strings()
	case scan.KwTrue, scan.KwFalse, scan.KwNone, scan.Ellipsis:
		p.next()
		c := p.a.consts.new()
		c.Range = p.rng(t)
		c.Value = p.text(t)
		return c
	case scan.LPar:
		return p.paren()
	case scan.LSqb:
		return p.list()
	case scan.LBrace:
		return p.brace()
	}
	p.failAtom()
	return p.errExpr(int(t.Start))
}

// failAtom reports the token that cannot start an expression.
func (p *parser) failAtom() {
	t := p.cur()
	switch {
	case t.Kind == scan.Illegal:
		p.fail(Range{int(t.Start), int(t.Start) + 1}, "invalid syntax")
	case t.Kind >= scan.KwFalse && p.isKeywordAsName():
		p.fail(p.rng(t), "invalid syntax")
	default:
		p.failHere("")
	}
}

// isKeywordAsName reports a keyword used where a name is expected.
func (p *parser) isKeywordAsName() bool { return true }

// enterBracket counts a bracket level.
func (p *parser) enterBracket() bool {
	if !p.enter() {
		p.leave()
		return false
	}
	return true
}

// paren parses `( ... )`: a parenthesised expression (the inner node, with
// its own range), a tuple, a generator expression or a yield.
func (p *parser) paren() Expr {
	open := p.next()
	if !p.enterBracket() {
		return p.errExpr(int(open.Start))
	}
	defer p.leave()
	if p.kind() == scan.RPar {
		cl := p.next()
		q := p.a.seqs.new()
		q.Kind = "tuple"
		q.Range = Range{int(open.Start), int(cl.End)}
		return q
	}
	if p.kind() == scan.KwYield {
		y := p.yieldExpr()
		p.closeBracket(scan.RPar, open)
		return y
	}
	first := p.starNamed()
	if p.bad {
		return first
	}
	switch p.kind() {
	case scan.RPar:
		p.next()
		if _, star := first.(*Starred); star {
			p.fail(first.Span(), "cannot use starred expression here")
		}
		return first
	case scan.KwFor, scan.KwAsync:
		base := len(p.scratch)
		p.scratch = append(p.scratch, first)
		p.comprehension()
		end := p.closeBracket(scan.RPar, open)
		return p.otherFrom(ExprGenerator, Range{int(open.Start), end}, base)
	case scan.Comma:
		base := len(p.scratch)
		p.scratch = append(p.scratch, first)
		p.seqRest(scan.RPar)
		if !p.bad && p.kind() != scan.RPar {
			p.bracketJunk(p.scratch[len(p.scratch)-1])
		}
		end := p.closeBracket(scan.RPar, open)
		return p.tuple(base, int(open.Start), end)
	}
	p.bracketJunk(first)
	return first
}

// seqRest parses `, elt, elt [,]` up to the closing bracket, pushing the
// elements onto p.scratch.
func (p *parser) seqRest(close scan.Kind) {
	for !p.bad && p.got(scan.Comma) {
		if p.kind() == close {
			return
		}
		p.scratch = append(p.scratch, p.starNamed())
	}
}

// bracketJunk reports what follows a complete expression inside brackets
// when it is neither a comma nor the closing bracket, with CPython's hints.
func (p *parser) bracketJunk(x Expr) {
	if p.bad {
		return
	}
	k := p.kind()
	if k == scan.Equal {
		if _, ok := x.(*Name); ok && p.peek(1) != scan.Equal {
			y, ok := p.try(func() Expr {
				p.next()
				if !startsExpr(p.kind()) {
					p.failHere("")
				}
				y := p.bitOr()
				if k := p.kind(); k == scan.Equal || k == scan.ColonEqual {
					p.failHere("")
				}
				return y
			})
			if ok {
				p.fail(Range{x.Span().Start, y.Span().End}, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?")
				return
			}
		} else if name := exprName(x); name != "" && !isDisplay(x) {
			p.fail(x.Span(), "cannot assign to "+name+" here. Maybe you meant '==' instead of '='?")
			return
		}
	}
	if startsExpr(k) && k != scan.Star && k != scan.Minus && k != scan.Plus && k != scan.KwNot && !p.legacyCommaCase(x) {
		if y, ok := p.try(p.expr); ok {
			p.fail(Range{x.Span().Start, y.Span().End}, "invalid syntax. Perhaps you forgot a comma?")
			return
		}
	}
	p.failHere("")
}

// try runs parse as a lookahead for an error message: it reports whether
// parse succeeded and restores the position and the errors either way. A
// lookahead inside a lookahead always fails, so that error messages never
// cost more than one extra reading of the statement.
func (p *parser) try(parse func() Expr) (Expr, bool) {
	if p.trial {
		return nil, false
	}
	save, level, nerr := p.i, p.level, len(p.errs)
	ns, np, nk := len(p.scratch), len(p.pstack), len(p.kstack)
	p.trial = true
	x := parse()
	ok := !p.bad
	p.trial, p.bad = false, false
	p.i, p.level, p.errs = save, level, p.errs[:nerr]
	p.scratch, p.pstack, p.kstack = p.scratch[:ns], p.pstack[:np], p.kstack[:nk]
	return x, ok
}

// seqJunk reports what follows the elements p.scratch[base:] of a display:
// `[x, y for ...]` gets CPython's hint.
func (p *parser) seqJunk(base int) {
	elts := p.scratch[base:]
	if (p.kind() == scan.KwFor || p.kind() == scan.KwAsync) && len(elts) > 1 {
		p.fail(Range{elts[0].Span().Start, elts[len(elts)-1].Span().End}, "did you forget parentheses around the comprehension target?")
		return
	}
	p.bracketJunk(elts[len(elts)-1])
}

// legacyCommaCase is CPython's exception to "Perhaps you forgot a comma?":
// a name directly followed by a string (a prefix typo) or a soft keyword.
func (p *parser) legacyCommaCase(x Expr) bool {
	n, ok := x.(*Name)
	if !ok {
		return false
	}
	if p.kind() == scan.String || p.kind() == scan.FStringStart {
		return true
	}
	switch n.ID {
	case "match", "case", "type", "_":
		return true
	}
	return false
}

// isDisplay reports the expressions CPython's invalid_named_expression
// leaves to other rules (list, tuple, generator, True, None, False).
func isDisplay(x Expr) bool {
	switch x := x.(type) {
	case *Seq:
		return x.Kind != "set"
	case *Const:
		return x.Value != "..."
	case *OtherExpr:
		return x.Kind == ExprGenerator
	}
	return false
}

// closeBracket consumes the closing bracket of open and returns its end.
func (p *parser) closeBracket(k scan.Kind, open scan.Token) int {
	if p.bad {
		return p.prevEnd()
	}
	if p.kind() == k {
		return int(p.next().End)
	}
	p.failHere("")
	return p.prevEnd()
}

// list parses `[...]`: a list display or a list comprehension.
func (p *parser) list() Expr {
	open := p.next()
	if !p.enterBracket() {
		return p.errExpr(int(open.Start))
	}
	defer p.leave()
	base := len(p.scratch)
	if p.kind() != scan.RSqb {
		first := p.starNamed()
		p.scratch = append(p.scratch, first)
		if !p.bad && (p.kind() == scan.KwFor || p.kind() == scan.KwAsync) {
			p.comprehension()
			end := p.closeBracket(scan.RSqb, open)
			return p.otherFrom(ExprListComp, Range{int(open.Start), end}, base)
		}
		p.seqRest(scan.RSqb)
		if !p.bad && p.kind() != scan.RSqb {
			p.seqJunk(base)
		}
	}
	end := p.closeBracket(scan.RSqb, open)
	return p.seq("list", base, int(open.Start), end)
}

// brace parses `{...}`: a dict or set display or comprehension.
func (p *parser) brace() Expr {
	open := p.next()
	if !p.enterBracket() {
		return p.errExpr(int(open.Start))
	}
	defer p.leave()
	if p.kind() == scan.RBrace {
		cl := p.next()
		d := p.a.dicts.new()
		d.Range = Range{int(open.Start), int(cl.End)}
		return d
	}
	if p.kind() == scan.DoubleStar {
		return p.dictRest(open, nil)
	}
	first := p.starNamed()
	if p.bad {
		return first
	}
	if p.kind() == scan.Colon {
		if _, star := first.(*Starred); !star {
			return p.dictRest(open, first)
		}
	}
	base := len(p.scratch)
	p.scratch = append(p.scratch, first)
	if p.kind() == scan.KwFor || p.kind() == scan.KwAsync {
		p.comprehension()
		end := p.closeBracket(scan.RBrace, open)
		return p.otherFrom(ExprSetComp, Range{int(open.Start), end}, base)
	}
	p.seqRest(scan.RBrace)
	if !p.bad && p.kind() != scan.RBrace {
		p.seqJunk(base)
	}
	end := p.closeBracket(scan.RBrace, open)
	return p.seq("set", base, int(open.Start), end)
}

// dictRest parses a dict display or comprehension after `{`; key is the
// first key when already parsed.
func (p *parser) dictRest(open scan.Token, key Expr) Expr {
	var items []*DictItem
	broken, nerr, level := false, 0, p.level
	defer func() {
		if broken {
			p.bad = true
			p.errs = p.errs[:nerr]
		}
	}()
	for !p.bad {
		var it *DictItem
		if key == nil && p.kind() == scan.DoubleStar {
			st := p.next()
			v := p.bitOr()
			it = p.a.items.new()
			it.Range = Range{int(st.Start), v.Span().End}
			it.Value = v
		} else {
			if key == nil {
				key = p.expr()
			}
			if !p.bad && p.kind() != scan.Colon {
				p.dictJunk(key)
			}
		}
		if it == nil && !p.bad {
			colon := p.next()
			switch p.kind() {
			case scan.Star:
				p.failHere("cannot use a starred expression in a dictionary value")
			case scan.Comma, scan.RBrace:
				p.fail(p.rng(colon), "expression expected after dictionary key and ':'")
			}
			v := p.expr()
			it = p.a.items.new()
			it.Range = Range{key.Span().Start, v.Span().End}
			it.Key, it.Value = key, v
			if len(items) == 0 && !p.bad && (p.kind() == scan.KwFor || p.kind() == scan.KwAsync) {
				base := len(p.scratch)
				p.scratch = append(p.scratch, key, v)
				p.comprehension()
				end := p.closeBracket(scan.RBrace, open)
				return p.otherFrom(ExprDictComp, Range{int(open.Start), end}, base)
			}
		}
		key = nil
		if it != nil {
			items = p.a.itemLists.add(items, it)
		}
		if p.bad && !p.trial {
			// Keep the entries after a broken one (see arguments).
			if !broken {
				nerr = len(p.errs)
			}
			broken = true
			if p.skipArgument(level) {
				continue
			}
		}
		if p.bad || !p.got(scan.Comma) || p.kind() == scan.RBrace {
			break
		}
	}
	if !p.bad && p.kind() != scan.RBrace && len(items) > 0 {
		p.bracketJunk(items[len(items)-1].Value)
	}
	end := p.closeBracket(scan.RBrace, open)
	d := p.a.dicts.new()
	d.Range = Range{int(open.Start), end}
	d.Items = items
	return d
}

// dictJunk reports a dict entry without its ':'.
func (p *parser) dictJunk(key Expr) {
	if p.kind() == scan.Comma || p.kind() == scan.RBrace {
		p.fail(Range{key.Span().End, key.Span().End}, "':' expected after dictionary key")
		return
	}
	p.bracketJunk(key)
}

// comprehension parses the `for ... in ... if ...` clauses, pushing one
// ExprComprehensionFor per clause onto p.scratch.
func (p *parser) comprehension() {
	for !p.bad && (p.kind() == scan.KwFor || (p.kind() == scan.KwAsync && p.peek(1) == scan.KwFor)) {
		start := p.next()
		if start.Kind == scan.KwAsync {
			p.next()
		}
		target := p.targetList(scan.KwIn)
		p.checkTarget(target, targetFor)
		if p.bad {
			return
		}
		if !p.got(scan.KwIn) {
			p.failHere("")
			return
		}
		base := len(p.scratch)
		p.scratch = append(p.scratch, target, p.disjunction())
		for !p.bad && p.got(scan.KwIf) {
			p.scratch = append(p.scratch, p.disjunction())
		}
		end := p.scratch[len(p.scratch)-1].Span().End
		clause := p.otherFrom(ExprComprehensionFor, Range{int(start.Start), end}, base)
		p.comps++
		p.scratch = append(p.scratch, clause)
	}
}

// targetList parses star_targets up to stop (`in` for for loops): bitwise
// expressions separated by commas, a tuple when there is a comma.
func (p *parser) targetList(stop scan.Kind) Expr {
	first := p.targetElt()
	if p.kind() != scan.Comma || p.bad {
		return first
	}
	base := len(p.scratch)
	p.scratch = append(p.scratch, first)
	end := first.Span().End
	for !p.bad && p.got(scan.Comma) {
		end = p.prevEnd()
		if p.kind() == stop || !startsExpr(p.kind()) {
			break
		}
		x := p.targetElt()
		p.scratch = append(p.scratch, x)
		end = x.Span().End
	}
	return p.tuple(base, first.Span().Start, end)
}

func (p *parser) targetElt() Expr {
	if p.kind() == scan.Star {
		return p.starred()
	}
	return p.bitOr()
}

// yieldExpr parses `yield`, `yield x, y` or `yield from x`.
func (p *parser) yieldExpr() Expr {
	t := p.next()
	p.checkYield(t)
	if p.got(scan.KwFrom) {
		x := p.expr()
		return p.other(ExprYieldFrom, Range{int(t.Start), x.Span().End}, x)
	}
	if !startsExpr(p.kind()) {
		return p.other(ExprYield, p.rng(t))
	}
	x := p.starExprs()
	return p.other(ExprYield, Range{int(t.Start), x.Span().End}, x)
}

// lambda parses `lambda params: body`.
func (p *parser) lambda() Expr {
	t := p.next()
	if !p.enter() {
		p.leave()
		return p.errExpr(int(t.Start))
	}
	defer p.leave()
	l := p.a.lambdas.new()
	outerLambda := p.lambdaStart
	p.lambdaStart = int(t.Start)
	l.Params = p.params(scan.Colon, false)
	p.lambdaStart = outerLambda
	if p.bad {
		l.Range = Range{int(t.Start), p.prevEnd()}
		l.Body = p.errExpr(p.prevEnd())
		return l
	}
	if !p.got(scan.Colon) {
		p.failHere("")
		l.Range = Range{int(t.Start), p.prevEnd()}
		l.Body = p.errExpr(p.prevEnd())
		return l
	}
	fn, loops, class := p.fn, p.loops, p.class
	p.fn = p.a.fns.new()
	p.fn.outer = fn
	p.loops, p.class = 0, 0
	l.Body = p.expr()
	p.fn, p.loops, p.class = fn, loops, class
	l.Range = Range{int(t.Start), l.Body.Span().End}
	return l
}

// subscript parses `x[...]`: several indices or slices become a tuple Seq
// spanning them.
func (p *parser) subscript(start int, x Expr) Expr {
	open := p.next()
	if !p.enterBracket() {
		return x
	}
	defer p.leave()
	first := p.sliceItem()
	idx := first
	if !p.bad && p.kind() == scan.Comma {
		base := len(p.scratch)
		p.scratch = append(p.scratch, first)
		end := first.Span().End
		for !p.bad && p.got(scan.Comma) {
			end = p.prevEnd()
			if p.kind() == scan.RSqb {
				break
			}
			it := p.sliceItem()
			p.scratch = append(p.scratch, it)
			end = it.Span().End
		}
		idx = p.tuple(base, first.Span().Start, end)
	}
	if !p.bad && p.kind() != scan.RSqb {
		p.bracketJunk(idx)
	}
	end := p.closeBracket(scan.RSqb, open)
	s := p.a.subs.new()
	s.Range = Range{start, end}
	s.Value = x
	s.Index = idx
	return s
}

// sliceItem parses one index: an expression, a starred expression or a
// slice `a:b:c`.
func (p *parser) sliceItem() Expr {
	start := int(p.cur().Start)
	var lower Expr
	if p.kind() != scan.Colon {
		lower = p.starNamed()
		if p.kind() != scan.Colon || p.bad {
			return lower
		}
		if _, star := lower.(*Starred); star {
			p.failHere("")
			return lower
		}
	}
	base := len(p.scratch)
	if lower != nil {
		p.scratch = append(p.scratch, lower)
	}
	end := int(p.next().End) // first ':'
	if k := p.kind(); k != scan.Colon && k != scan.Comma && k != scan.RSqb {
		u := p.expr()
		p.scratch = append(p.scratch, u)
		end = u.Span().End
	}
	if !p.bad && p.kind() == scan.Colon {
		end = int(p.next().End)
		if k := p.kind(); k != scan.Comma && k != scan.RSqb {
			s := p.expr()
			p.scratch = append(p.scratch, s)
			end = s.Span().End
		}
	}
	return p.otherFrom(ExprSlice, Range{start, end}, base)
}
