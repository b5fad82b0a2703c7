package pyparse

import (
	"strconv"

	"github.com/daglint/daglint/internal/pyparse/internal/scan"
)

// block parses the `: body` of a compound statement whose header started at
// token hdr (its keyword names the statement in CPython's messages). A
// missing ':' before the line end is reported and the body parsed anyway.
func (p *parser) block(hdr scan.Token, what string) []Stmt {
	if p.bad {
		return nil
	}
	if !p.got(scan.Colon) {
		if p.kind() != scan.Newline {
			p.failHere("expected ':'")
			return nil
		}
		nl := p.cur()
		p.errorAt(Range{int(nl.Start), int(nl.Start)}, tierParse, "expected ':'")
	}
	p.futureOK = false
	if !p.got(scan.Newline) {
		// Simple statements on the header's line.
		if p.kind() == scan.EOF {
			p.failHere("")
			return nil
		}
		base := len(p.sstack)
		p.simpleStmts()
		body := p.a.stmts.copy(p.sstack[base:])
		p.sstack = p.sstack[:base]
		return body
	}
	if p.kind() != scan.Indent {
		r := p.errRange(p.cur())
		line := 1 + countLines(p.src[:hdr.Start])
		p.errorAt(r, tierParse, "expected an indented block after "+what+" on line "+strconv.Itoa(line))
		return nil
	}
	p.next()
	if !p.enter() {
		p.bad = false
		p.skipBlock()
		p.leave()
		p.got(scan.Dedent)
		return nil
	}
	body := p.stmtList(true)
	p.leave()
	p.got(scan.Dedent)
	return body
}

// countLines counts line ends in b ("\r\n", "\r" and "\n" each end a line).
func countLines(b []byte) int {
	n := 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '\n':
			n++
		case '\r':
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			n++
		}
	}
	return n
}

// definition parses decorators and the def or class they decorate.
func (p *parser) definition(_ []Expr) Stmt {
	start := int(p.cur().Start)
	var decos []Expr
	for p.kind() == scan.At && !p.bad {
		p.next()
		decos = p.a.exprs.add(decos, p.namedExpr())
		if !p.bad && !p.got(scan.Newline) {
			p.failHere("")
		}
	}
	if p.bad {
		es := p.otherStmt(StmtError, Range{start, p.prevEnd()})
		es.Exprs = p.exprList(decos)
		return es
	}
	switch p.kind() {
	case scan.KwClass:
		return p.classDef(start, decos)
	case scan.KwDef:
		return p.funcDef(start, decos, false)
	case scan.KwAsync:
		if p.peek(1) == scan.KwDef {
			p.next()
			return p.funcDef(start, decos, true)
		}
	}
	p.failHere("")
	es := p.otherStmt(StmtError, Range{start, p.prevEnd()})
	es.Exprs = p.exprList(decos)
	return es
}

func (p *parser) funcDef(start int, decos []Expr, async bool) Stmt {
	kw := p.next()
	fd := p.a.funcs.new()
	fd.Decorators, fd.Async = decos, async
	fd.Range = Range{start, int(kw.End)}
	var ok bool
	if fd.Name, fd.NameRange, ok = p.defName(); !ok {
		return fd
	}
	if !p.got(scan.LPar) {
		p.failHere("expected '('")
		return fd
	}
	fd.Params = p.params(scan.RPar, true)
	if !p.bad {
		p.expect(scan.RPar)
	}
	if !p.bad && p.got(scan.RArrow) {
		fd.Returns = p.expr()
	}
	fd.End = p.prevEnd()
	what := "function definition"
	fn, loops, class := p.fn, p.loops, p.class
	p.fn = p.a.fns.new()
	p.fn.async, p.fn.outer = async, fn
	p.loops, p.class = 0, 0
	fd.Body = p.block(kw, what)
	if f := p.fn; f.async && f.hasYield && f.retValue != nil {
		p.errorAt(f.retValue.Range, tierCompile, "'return' with value in async generator")
	}
	p.fn, p.loops, p.class = fn, loops, class
	fd.End = max(fd.End, stmtsEnd(fd.Body))
	return fd
}

// defName parses the name of a def or class and its type parameters.
func (p *parser) defName() (string, Range, bool) {
	if p.kind() != scan.Name {
		p.failHere("")
		return "", Range{}, false
	}
	n := p.next()
	name := p.text(n)
	p.checkDebugName(name, Range{p.stmtStart, p.stmtStart})
	if p.kind() == scan.LSqb {
		p.typeParams()
	}
	return name, p.rng(n), true
}

// stmtsEnd is the end of the last statement of ss, 0 for none.
func stmtsEnd(ss []Stmt) int {
	if len(ss) == 0 {
		return 0
	}
	return ss[len(ss)-1].Span().End
}

func (p *parser) classDef(start int, decos []Expr) Stmt {
	kw := p.next()
	cd := p.a.classes.new()
	cd.Decorators = decos
	cd.Range = Range{start, int(kw.End)}
	var ok bool
	if cd.Name, cd.NameRange, ok = p.defName(); !ok {
		return cd
	}
	if p.kind() == scan.LPar {
		open := p.next()
		if p.enterBracket() {
			cd.Bases, cd.Keywords = p.arguments(open, scan.RPar)
			for _, b := range cd.Bases {
				if g, ok := b.(*OtherExpr); ok && g.Kind == ExprGenerator && len(g.Children) > 1 && !p.bad {
					clause := g.Children[1].Span()
					p.fail(Range{clause.Start, clause.Start + 3}, "invalid syntax")
				}
			}
			p.closeBracket(scan.RPar, open)
			if !p.bad {
				p.checkKeywords(cd.Keywords)
			}
		}
		p.leave()
	}
	cd.End = p.prevEnd()
	loops := p.loops
	p.loops = 0
	p.class++
	fn := p.fn
	cd.Body = p.block(kw, "class definition")
	p.class--
	p.fn = fn
	p.loops = loops
	cd.End = max(cd.End, stmtsEnd(cd.Body))
	return cd
}

// compound returns a new Compound of kind k starting at start.
func (p *parser) compound(k CompoundKind, start int) *Compound {
	c := p.a.compounds.new()
	c.Kind, c.Range = k, Range{start, start}
	return c
}

func (p *parser) addBlock(c *Compound, b []Stmt) {
	c.Blocks = p.a.blocks.add(c.Blocks, b)
	c.End = max(c.End, p.prevEnd(), stmtsEnd(b))
}

func (p *parser) ifStmt() Stmt {
	kw := p.next()
	c := p.compound(CompoundIf, int(kw.Start))
	c.Exprs = p.a.exprs.add(c.Exprs, p.condition())
	p.addBlock(c, p.block(kw, "'if' statement"))
	for !p.bad && p.kind() == scan.KwElif {
		kw := p.next()
		c.Exprs = p.a.exprs.add(c.Exprs, p.condition())
		p.addBlock(c, p.block(kw, "'elif' statement"))
	}
	p.elseClause(c)
	return c
}

// elseClause parses the optional else block of if, while and for.
func (p *parser) elseClause(c *Compound) {
	if !p.bad && p.kind() == scan.KwElse {
		kw := p.next()
		p.addBlock(c, p.block(kw, "'else' statement"))
	}
}

// condition parses the condition of if, elif or while; `if x = 3:` gets
// CPython's hint.
func (p *parser) condition() Expr {
	x := p.namedExpr()
	if p.bad || p.kind() != scan.Equal || p.peek(1) == scan.Equal {
		return x
	}
	if _, ok := x.(*Name); ok {
		p.bracketJunk(x)
		return x
	}
	name := exprName(x)
	switch x.(type) {
	case *Attribute:
		name = "attribute"
	case *Subscript:
		name = "subscript"
	}
	if name != "" && !isDisplay(x) {
		p.fail(x.Span(), "cannot assign to "+name+" here. Maybe you meant '==' instead of '='?")
	}
	return x
}

func (p *parser) whileStmt() Stmt {
	kw := p.next()
	c := p.compound(CompoundWhile, int(kw.Start))
	c.Exprs = p.a.exprs.add(c.Exprs, p.condition())
	p.loops++
	p.addBlock(c, p.block(kw, "'while' statement"))
	p.loops--
	p.elseClause(c)
	return c
}

func (p *parser) forStmt(start scan.Token) Stmt {
	kw := p.next()
	c := p.compound(CompoundFor, int(start.Start))
	target := p.targetList(scan.KwIn)
	p.checkTarget(target, targetFor)
	c.Targets = p.a.exprs.add(c.Targets, target)
	if p.bad {
		return c
	}
	if !p.got(scan.KwIn) {
		p.failHere("")
		return c
	}
	c.Exprs = p.a.exprs.add(c.Exprs, p.starExprs())
	p.loops++
	p.addBlock(c, p.block(kw, "'for' statement"))
	p.loops--
	p.elseClause(c)
	return c
}

func (p *parser) tryStmt() Stmt {
	kw := p.next()
	c := p.compound(CompoundTry, int(kw.Start))
	p.addBlock(c, p.block(kw, "'try' statement"))
	handlers := 0
	star := -1
	for !p.bad && p.kind() == scan.KwExcept {
		kw := p.next()
		handlers++
		isStar := p.got(scan.Star)
		if star >= 0 && isStar != (star == 1) {
			p.fail(p.rng(kw), "cannot have both 'except' and 'except*' on the same 'try'")
			break
		}
		star = 0
		if isStar {
			star = 1
		}
		what := "'except' statement"
		if isStar {
			what = "'except*' statement"
		}
		if p.kind() != scan.Colon && p.kind() != scan.Newline {
			x := p.expr()
			if !p.bad && p.kind() == scan.Comma {
				base := len(p.scratch)
				p.scratch = append(p.scratch, x)
				end := x.Span().End
				for !p.bad && p.got(scan.Comma) {
					e := p.expr()
					p.scratch = append(p.scratch, e)
					end = e.Span().End
				}
				x = p.tuple(base, x.Span().Start, end)
				if p.kind() == scan.KwAs && !p.bad {
					p.fail(x.Span(), "multiple exception types must be parenthesized when using 'as'")
				}
			}
			c.Exprs = p.a.exprs.add(c.Exprs, x)
			if !p.bad && p.got(scan.KwAs) {
				if p.kind() != scan.Name {
					p.failHere("")
					break
				}
				n := p.next()
				name := p.a.names.new()
				name.Range = p.rng(n)
				name.ID = p.text(n)
				p.checkDebugName(name.ID, name.Range)
				c.Targets = p.a.exprs.add(c.Targets, name)
			}
		} else if isStar {
			p.failHere("expected one or more exception types")
			break
		}
		p.addBlock(c, p.block(kw, what))
	}
	if !p.bad && p.kind() == scan.KwElse {
		kw := p.next()
		if handlers == 0 {
			p.fail(p.rng(kw), "expected 'except' or 'finally' block")
		}
		p.addBlock(c, p.block(kw, "'else' statement"))
	}
	if !p.bad && p.kind() == scan.KwFinally {
		kw := p.next()
		p.addBlock(c, p.block(kw, "'finally' statement"))
		handlers++
	}
	if handlers == 0 && !p.bad {
		p.failHere("expected 'except' or 'finally' block")
	}
	return c
}

func (p *parser) withStmt(start scan.Token) Stmt {
	kw := p.next()
	w := p.a.withs.new()
	w.Range = Range{int(start.Start), int(kw.End)}
	if p.kind() == scan.LPar && p.parenthesisedWith() {
		open := p.next()
		p.enterBracket()
		for !p.bad && p.kind() != scan.RPar {
			w.Items = p.a.withLists.add(w.Items, p.withItem())
			if !p.got(scan.Comma) {
				break
			}
		}
		p.closeBracket(scan.RPar, open)
		p.leave()
	} else {
		for !p.bad {
			w.Items = p.a.withLists.add(w.Items, p.withItem())
			if !p.got(scan.Comma) {
				break
			}
		}
	}
	w.End = p.prevEnd()
	w.Body = p.block(kw, "'with' statement")
	w.End = max(w.End, p.prevEnd(), stmtsEnd(w.Body))
	return w
}

// parenthesisedWith looks ahead from `(` to its closing bracket and reports
// whether a ':' follows it, with an `as` or a comma directly inside: the
// parenthesised form of with items (otherwise the brackets belong to the
// first item's expression).
func (p *parser) parenthesisedWith() bool {
	depth := 0
	inside := false
	for j := p.i; j < len(p.tok); j++ {
		switch p.tok[j].Kind {
		case scan.LPar, scan.LSqb, scan.LBrace:
			depth++
		case scan.RPar, scan.RSqb, scan.RBrace:
			depth--
			if depth == 0 {
				return inside && j+1 < len(p.tok) && (p.tok[j+1].Kind == scan.Colon || p.tok[j+1].Kind == scan.Newline)
			}
		case scan.KwAs, scan.Comma:
			if depth == 1 {
				inside = true
			}
		case scan.Newline, scan.EOF:
			return false
		}
	}
	return false
}

func (p *parser) withItem() *WithItem {
	x := p.expr()
	it := p.a.withItems.new()
	it.Range, it.Expr = x.Span(), x
	if !p.bad && p.got(scan.KwAs) {
		t := p.targetElt()
		p.checkTarget(t, targetWith)
		it.As = t
		it.End = t.Span().End
	}
	return it
}

// looksLikeMatch tells the soft keyword `match` starting a match statement
// from a name: `match x:` followed by a line end.
func (p *parser) looksLikeMatch() bool {
	switch p.peek(1) {
	case scan.Newline, scan.EOF, scan.Equal, scan.Dot, scan.Colon, scan.RPar, scan.Comma, scan.Semi:
		return false
	}
	if isAugOp(p.peek(1)) || (binPrec(p.peek(1)) > 0 && p.peek(1) != scan.Star && p.peek(1) != scan.Minus) {
		return false
	}
	depth := 0
	for j := p.i + 1; j < len(p.tok); j++ {
		switch p.tok[j].Kind {
		case scan.LPar, scan.LSqb, scan.LBrace:
			depth++
		case scan.RPar, scan.RSqb, scan.RBrace:
			depth--
		case scan.Colon:
			if depth == 0 {
				return j+1 < len(p.tok) && p.tok[j+1].Kind == scan.Newline
			}
		case scan.Newline:
			// `match x` without its ':' before an indented `case`.
			return depth == 0 && j+2 < len(p.tok) && p.tok[j+1].Kind == scan.Indent &&
				p.tok[j+2].Kind == scan.Name && p.text(p.tok[j+2]) == "case"
		case scan.EOF:
			return false
		}
	}
	return false
}

func (p *parser) matchStmt() Stmt {
	kw := p.next()
	c := p.compound(CompoundMatch, int(kw.Start))
	c.Exprs = p.a.exprs.add(c.Exprs, p.starList(true))
	if !p.bad && p.kind() == scan.Newline {
		p.failHere("expected ':'")
		return c
	}
	if !p.expect(scan.Colon) || !p.expect(scan.Newline) {
		return c
	}
	if p.kind() != scan.Indent {
		line := 1 + countLines(p.src[:kw.Start])
		p.fail(p.errRange(p.cur()), "expected an indented block after 'match' statement on line "+strconv.Itoa(line))
		return c
	}
	p.next()
	var last irref // the previous case's pattern, when it catches everything
	for !p.bad && p.isSoft("case") {
		if last.ok {
			p.unreachable(last)
		}
		ck := p.next()
		start := len(c.Targets)
		p.hasOr = false
		last = p.pattern(c)
		if !p.hasOr {
			p.checkCaptures(c.Targets[start:])
		}
		if !p.bad && p.got(scan.KwIf) {
			c.Exprs = p.a.exprs.add(c.Exprs, p.namedExpr())
			last = irref{}
		}
		p.addBlock(c, p.block(ck, "'case' statement"))
	}
	if !p.bad && p.kind() != scan.Dedent && p.kind() != scan.EOF {
		p.failHere("")
		return c
	}
	p.got(scan.Dedent)
	return c
}

// pattern parses a case pattern (open sequence, or, as), adding the names
// it captures to c.Targets.
func (p *parser) pattern(c *Compound) irref {
	ir := p.asPattern(c, true)
	for !p.bad && p.got(scan.Comma) {
		ir = irref{}
		if p.kind() == scan.Colon || p.kind() == scan.KwIf {
			break
		}
		p.asPattern(c, true)
	}
	return ir
}

// irref describes a pattern that matches anything: a capture (name) or
// the wildcard (name ""), at r.
type irref struct {
	ok   bool
	name string
	r    Range
}

// unreachable reports a pattern that catches everything before others (a
// compiler error).
func (p *parser) unreachable(ir irref) {
	msg := "wildcard makes remaining patterns unreachable"
	if ir.name != "" {
		msg = "name capture '" + shortName(ir.name) + "' makes remaining patterns unreachable"
	}
	p.errorAt(ir.r, tierCompile, msg)
}

// checkCaptures reports a name captured twice in one pattern.
func (p *parser) checkCaptures(names []Expr) {
	if len(names) > 64 {
		return
	}
	for i, a := range names {
		for _, b := range names[:i] {
			if a.(*Name).ID == b.(*Name).ID {
				p.errorAt(a.Span(), tierCompile, "multiple assignments to name '"+shortName(a.(*Name).ID)+"' in pattern")
				return
			}
		}
	}
}

// sameNames reports whether two alternatives of an or-pattern capture the
// same names.
func sameNames(a, b []Expr) bool {
	if len(a) != len(b) || len(a) > 64 {
		return len(a) == len(b)
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			if x.(*Name).ID == y.(*Name).ID {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// asPattern parses `or_pattern [as NAME]` or, when star, `*NAME`.
func (p *parser) asPattern(c *Compound, star bool) irref {
	if star && p.kind() == scan.Star {
		p.next()
		if p.kind() != scan.Name {
			p.failHere("")
			return irref{}
		}
		p.capture(c, p.next())
		return irref{}
	}
	first := len(c.Targets)
	ir := p.closedPattern(c)
	for !p.bad && p.kind() == scan.VBar {
		p.next()
		p.hasOr = true
		if ir.ok {
			p.unreachable(ir)
		}
		start := len(c.Targets)
		at := int(p.cur().Start)
		ir = p.closedPattern(c)
		if alt := c.Targets[start:]; !sameNames(c.Targets[first:start], alt) {
			r := Range{at, at}
			if len(alt) > 0 {
				r = alt[0].Span()
			}
			p.errorAt(r, tierCompile, "alternative patterns bind different names")
		}
		c.Targets = c.Targets[:start] // one alternative's names stand for all
	}
	if !p.bad && p.got(scan.KwAs) {
		if p.kind() != scan.Name {
			p.failHere("invalid pattern target")
			return irref{}
		}
		if p.isSoft("_") {
			p.failHere("cannot use '_' as a target")
			return irref{}
		}
		p.capture(c, p.next())
	}
	return ir
}

// capture records a capture name (not the wildcard `_`).
func (p *parser) capture(c *Compound, t scan.Token) {
	if p.text(t) == "_" {
		return
	}
	n := p.a.names.new()
	n.Range = p.rng(t)
	n.ID = p.text(t)
	c.Targets = p.a.exprs.add(c.Targets, n)
}

// closedPattern parses literal, capture, wildcard, value, group, sequence,
// mapping and class patterns.
func (p *parser) closedPattern(c *Compound) irref {
	if !p.enter() {
		p.leave()
		return irref{}
	}
	defer p.leave()
	switch p.kind() {
	case scan.Name:
		t := p.next()
		if p.kind() != scan.Dot && p.kind() != scan.LPar {
			p.capture(c, t)
			name := p.text(t)
			if name == "_" {
				name = ""
			}
			return irref{ok: true, name: name, r: p.rng(t)}
		}
		for p.got(scan.Dot) {
			if !p.expect(scan.Name) {
				return irref{}
			}
		}
		if p.kind() == scan.LPar {
			open := p.next()
			keywords := false
			for !p.bad && p.kind() != scan.RPar {
				if p.kind() == scan.Name && p.peek(1) == scan.Equal {
					p.next()
					p.next()
					keywords = true
				} else if keywords {
					p.failHere("positional patterns follow keyword patterns")
					return irref{}
				}
				p.asPattern(c, false)
				if !p.got(scan.Comma) {
					break
				}
			}
			p.closeBracket(scan.RPar, open)
		}
	case scan.LPar, scan.LSqb:
		open := p.next()
		close := scan.RPar
		if open.Kind == scan.LSqb {
			close = scan.RSqb
		}
		var group irref // `(p)` is p itself
		for n := 0; !p.bad && p.kind() != close; n++ {
			ir := p.asPattern(c, true)
			if n == 0 && open.Kind == scan.LPar && p.kind() == close {
				group = ir
			}
			if !p.got(scan.Comma) {
				break
			}
		}
		p.closeBracket(close, open)
		return group
	case scan.LBrace:
		open := p.next()
		for !p.bad && p.kind() != scan.RBrace {
			if p.got(scan.DoubleStar) {
				if p.kind() != scan.Name || p.isSoft("_") {
					p.failHere("")
					return irref{}
				}
				p.capture(c, p.next())
				if p.got(scan.Comma) && p.kind() != scan.RBrace {
					p.failHere("") // the **rest entry must come last
					return irref{}
				}
				break
			} else {
				p.patternValue()
				if !p.expect(scan.Colon) {
					return irref{}
				}
				p.asPattern(c, false)
			}
			if !p.got(scan.Comma) {
				break
			}
		}
		p.closeBracket(scan.RBrace, open)
	default:
		p.patternValue()
	}
	return irref{}
}

// patternValue parses a literal or dotted value of a pattern: numbers
// (signed, complex), strings, None, True, False, a.b.
func (p *parser) patternValue() {
	switch p.kind() {
	case scan.Minus, scan.Number:
		p.got(scan.Minus)
		p.expect(scan.Number)
		if !p.bad && (p.kind() == scan.Plus || p.kind() == scan.Minus) {
			p.next()
			p.expect(scan.Number)
		}
	case scan.String, scan.FStringStart:
		p.strings()
	case scan.KwNone, scan.KwTrue, scan.KwFalse:
		p.next()
	case scan.Name:
		p.next()
		for !p.bad && p.got(scan.Dot) {
			p.expect(scan.Name)
		}
	default:
		p.failHere("")
	}
}
