package pyparse

import (
	"github.com/daglint/daglint/internal/pyparse/internal/scan"
)

// call parses the argument list of fn(...). A call whose argument list is
// cut by a syntax error keeps the arguments before it and is Recovered.
func (p *parser) call(start int, fn Expr) Expr {
	open := p.next()
	c := p.a.calls.new()
	c.Func = fn
	if !p.enterBracket() {
		c.Range = Range{start, int(open.End)}
		c.ArgsRange = p.rng(open)
		c.Recovered = true
		return c
	}
	defer p.leave()
	c.Args, c.Keywords = p.arguments(open, scan.RPar)
	end := p.closeBracket(scan.RPar, open)
	c.Recovered = p.bad
	c.Range = Range{start, end}
	c.ArgsRange = Range{int(open.Start), end}
	if !p.bad {
		p.checkKeywords(c.Keywords)
	}
	return c
}

// arguments parses call arguments up to close (not consumed). It checks
// their order as CPython's invalid_arguments rules do.
func (p *parser) arguments(open scan.Token, close scan.Kind) ([]Expr, []*Keyword) {
	base := len(p.scratch)
	kbase := len(p.kstack)
	haveKw, haveDouble := false, false
	n := 0
	var genexp Expr
	pending := "" // an order error, reported once the arguments are read
	argStart := int(p.cur().Start)
	level := p.level
	broken := false // an argument failed: the statement stays broken
	nerr := -1      // errors recorded before the first broken argument
	defer func() {
		if broken {
			p.bad = true
			p.errs = p.errs[:nerr]
		}
	}()
	for !p.bad && p.kind() != close {
		n++
		switch {
		case p.kind() == scan.DoubleStar:
			st := p.next()
			v := p.expr()
			k := p.a.kws.new()
			k.Range = Range{int(st.Start), p.prevEnd()} // with the value's closing parenthesis, as in CPython
			k.NameRange = Range{int(st.Start), int(st.Start)}
			k.Value = v
			p.kstack = append(p.kstack, k)
			if !haveDouble {
				haveDouble = true
			}
		case p.kind() == scan.Star:
			st := p.next()
			v := p.expr()
			s := p.a.stars.new()
			s.Range = Range{int(st.Start), p.valueEnd(v)}
			s.Value = v
			if haveDouble && !p.bad {
				// CPython points at the arguments before the `*`.
				p.fail(Range{argStart, p.prevEndBefore(int(st.Start))}, "iterable argument unpacking follows keyword argument unpacking")
			}
			p.scratch = append(p.scratch, s)
		case p.kind() == scan.Name && p.peek(1) == scan.Equal:
			nt := p.next()
			p.next()
			v := p.expr()
			k := p.a.kws.new()
			k.Range = Range{int(nt.Start), p.prevEnd()}
			k.Name = p.text(nt)
			k.NameRange = p.rng(nt)
			p.checkDebugName(k.Name, Range{p.stmtStart, p.stmtStart})
			k.Value = v
			p.kstack = append(p.kstack, k)
			if !haveKw {
				haveKw = true
			}
		default:
			x := p.namedExpr()
			if p.bad {
				p.scratch = append(p.scratch, x)
				break
			}
			if p.kind() == scan.Equal {
				p.badKeyword(x)
				p.scratch = append(p.scratch, x)
				break
			}
			if p.kind() == scan.KwFor || p.kind() == scan.KwAsync {
				gb := len(p.scratch)
				p.scratch = append(p.scratch, x)
				p.comprehension()
				end := p.prevEnd()
				r := Range{x.Span().Start, end}
				if n == 1 && p.kind() == close {
					r = Range{int(open.Start), int(p.cur().End)}
				}
				g := p.otherFrom(ExprGenerator, r, gb)
				p.scratch = append(p.scratch, g)
				if genexp == nil {
					genexp = g
				}
				break
			}
			switch {
			case pending != "":
			case haveDouble:
				pending = "positional argument follows keyword argument unpacking"
			case haveKw:
				pending = "positional argument follows keyword argument"
			}
			p.scratch = append(p.scratch, x)
		}
		if !p.bad && p.kind() != scan.Comma && p.kind() != close {
			p.argJunk(kbase, base)
		}
		if p.bad && !p.trial {
			if !broken {
				nerr = len(p.errs)
			}
			if p.skipArgument(level) {
				broken = true
				continue
			}
		}
		if p.bad || !p.got(scan.Comma) {
			break
		}
	}
	if pending != "" && !p.bad {
		// CPython raises it at the token after the arguments.
		p.fail(p.errRange(p.cur()), pending)
	}
	if !p.bad && p.kind() != close {
		p.argJunk(kbase, base)
	}
	if genexp != nil && (n > 1 || p.tok[p.i-1].Kind == scan.Comma) && !p.bad {
		p.fail(genexp.Span(), "Generator expression must be parenthesized")
	}
	args := p.exprList(p.scratch[base:])
	p.scratch = p.scratch[:base]
	kws := p.a.kwlists.copy(p.kstack[kbase:])
	p.kstack = p.kstack[:kbase]
	return args, kws
}

// prevEndBefore is the end of the last token that ends at or before off,
// skipping a comma.
func (p *parser) prevEndBefore(off int) int {
	j := p.i - 1
	for j > 0 && (int(p.tok[j].Start) >= off || p.tok[j].Kind == scan.Comma) {
		j--
	}
	return int(p.tok[j].End)
}

// argJunk reports what follows the last argument when it is neither a
// comma nor the closing bracket.
func (p *parser) argJunk(kbase, base int) {
	var last Expr
	if len(p.scratch) > base {
		last = p.scratch[len(p.scratch)-1]
	}
	if kws := p.kstack[kbase:]; len(kws) > 0 && (last == nil || kws[len(kws)-1].End > last.Span().End) {
		last = kws[len(kws)-1].Value
	}
	if last != nil {
		p.bracketJunk(last)
	} else {
		p.failHere("")
	}
}

// skipArgument skips the rest of a broken argument up to the comma that
// ends it, so that the arguments after it are still read (a broken call
// keeps its intact keywords). It reports whether it found that comma; at
// the closing bracket or the end of the line the call ends.
func (p *parser) skipArgument(level int) bool {
	for {
		depth := p.level - level
		switch k := p.kind(); {
		case k == scan.EOF || k == scan.Newline || k == scan.Indent || k == scan.Dedent:
			return false
		case isClose(k) && depth <= 0:
			return false
		case k == scan.Comma && depth == 0:
			p.next()
			p.bad = false
			return true
		case k == scan.Name && depth == 0 && p.peek(1) == scan.Equal && lineStart(p.src, int(p.cur().Start)):
			// A keyword on a line of its own: the break was on a line above
			// (an unterminated string ate the comma).
			p.bad = false
			return true
		}
		p.next()
	}
}

// badKeyword reports `expr=value` in a call where expr is not a name.
func (p *parser) badKeyword(x Expr) {
	switch x := x.(type) {
	case *Const:
		if x.Value != "..." {
			p.fail(x.Span(), "cannot assign to "+x.Value)
			return
		}
	case *Str, *Num:
		p.fail(Range{x.Span().Start, int(p.cur().End)}, "expression cannot contain assignment, perhaps you meant \"==\"?")
		return
	}
	p.fail(Range{x.Span().Start, int(p.cur().End)}, "expression cannot contain assignment, perhaps you meant \"==\"?")
}

// checkKeywords reports a keyword argument given twice (a compiler error).
func (p *parser) checkKeywords(kws []*Keyword) {
	if len(kws) < 2 {
		return
	}
	if len(kws) > 32 {
		seen := make(map[string]bool, len(kws))
		for _, k := range kws {
			if k.Name == "" {
				continue
			}
			if seen[k.Name] {
				p.errorAt(k.Range, tierCompile, "keyword argument repeated: "+shortName(k.Name))
				return
			}
			seen[k.Name] = true
		}
		return
	}
	for i, k := range kws {
		if k.Name == "" {
			continue
		}
		for _, prev := range kws[:i] {
			if prev.Name == k.Name {
				p.errorAt(k.Range, tierCompile, "keyword argument repeated: "+shortName(k.Name))
				return
			}
		}
	}
}

// params parses a parameter list up to close (not consumed): `)` for def,
// `:` for lambda. Annotations are parsed only when annotated is set. It
// checks what CPython's grammar and symbol table check: defaults order,
// bare `*`, duplicates.
func (p *parser) params(close scan.Kind, annotated bool) []*Param {
	var out []*Param
	star := false     // after * or *args
	defaults := false // a positional parameter had a default
	var bareStar Range
	bare := false
	slash := false
	for !p.bad && p.kind() != close {
		t := p.cur()
		switch t.Kind {
		case scan.Slash:
			p.next()
			switch {
			case len(out) == 0 && !star:
				p.fail(p.rng(t), "at least one argument must precede /")
			case slash:
				p.fail(p.rng(t), "/ may appear only once")
			case star:
				p.fail(p.rng(t), "/ must be ahead of *")
			case p.kind() == scan.Star:
				p.fail(p.rng(p.cur()), "expected comma between / and *")
			}
			slash = true
		case scan.Star, scan.DoubleStar:
			p.next()
			if t.Kind == scan.Star && (p.kind() == scan.Comma || p.kind() == close) {
				if star {
					p.fail(p.rng(t), "* argument may appear only once")
					break
				}
				star, bare, bareStar = true, true, p.rng(t)
				break
			}
			pr := p.param(annotated, t.Kind == scan.Star)
			if pr == nil {
				break
			}
			pr.Range.Start = int(t.Start)
			pr.Star = 1
			if t.Kind == scan.DoubleStar {
				pr.Star = 2
			} else if star {
				p.fail(p.rng(t), "* argument may appear only once")
			}
			if pr.Default != nil && !p.bad {
				msg := "var-positional argument cannot have default value"
				if pr.Star == 2 {
					msg = "var-keyword argument cannot have default value"
				}
				p.fail(p.equalBefore(pr.Default.Span().Start), msg)
			}
			out = p.a.paramLists.add(out, pr)
			if pr.Star == 1 {
				star, bare = true, false
			} else if !p.bad && p.kind() == scan.Comma && p.peek(1) != close {
				p.next()
				p.fail(p.rng(p.cur()), "arguments cannot follow var-keyword argument")
			}
		case scan.Name:
			pr := p.param(annotated, false)
			if pr == nil {
				break
			}
			if len(out) > 0 && out[len(out)-1].Star == 2 && !p.bad {
				p.fail(pr.Range, "arguments cannot follow var-keyword argument")
			}
			if !star {
				if pr.Default != nil {
					defaults = true
				} else if defaults && !p.bad {
					p.fail(pr.Range, "parameter without a default follows parameter with a default")
				}
			}
			bare = false
			out = p.a.paramLists.add(out, pr)
		case scan.LPar:
			if close == scan.Colon {
				p.failHere("Lambda expression parameters cannot be parenthesized")
			} else {
				p.failHere("Function parameters cannot be parenthesized")
			}
		default:
			p.failHere("")
		}
		if p.bad || !p.got(scan.Comma) {
			break
		}
	}
	if bare && !p.bad {
		p.fail(bareStar, "named arguments must follow bare *")
	}
	p.checkDuplicateParams(out)
	return out
}

// equalBefore returns the range of the '=' that precedes off.
func (p *parser) equalBefore(off int) Range {
	i := off - 1
	for i > 0 && p.src[i] != '=' {
		i--
	}
	return Range{i, i + 1}
}

// param parses `name[: annotation][= default]`.
func (p *parser) param(annotated, starred bool) *Param {
	if p.kind() != scan.Name {
		p.failHere("")
		return nil
	}
	t := p.next()
	pr := p.a.params.new()
	pr.Range, pr.Name = p.rng(t), p.text(t)
	if annotated && p.got(scan.Colon) {
		var a Expr
		if starred && p.kind() == scan.Star {
			a = p.starExpr()
		} else {
			a = p.expr()
		}
		pr.Annotation = a
		pr.Range.End = a.Span().End
	}
	if p.kind() == scan.Equal {
		eq := p.next()
		if starred {
			p.fail(p.rng(eq), "var-positional argument cannot have default value")
			return pr
		}
		if k := p.kind(); k == scan.Comma || k == scan.RPar || k == scan.Colon {
			p.fail(p.rng(eq), "expected default value expression")
			return pr
		}
		pr.Default = p.expr()
		pr.Range.End = pr.Default.Span().End
	}
	at := p.stmtStart // CPython reports it at the def, or at the lambda
	if p.lambdaStart >= 0 {
		at = p.lambdaStart
	}
	p.checkDebugName(pr.Name, Range{at, at})
	return pr
}

// checkDuplicateParams reports a parameter name used twice (a symbol table
// error).
func (p *parser) checkDuplicateParams(ps []*Param) {
	for i, a := range ps {
		for _, b := range ps[:i] {
			if a.Name == b.Name {
				r := a.Range
				r.End = r.Start + len(a.Name)
				if a.Star > 0 {
					r.Start += a.Star
					r.End += a.Star
				}
				p.errorAt(r, tierSymtable, "duplicate argument '"+shortName(a.Name)+"' in function definition")
				return
			}
		}
		if i > 64 {
			return
		}
	}
}

// valueEnd is where an argument whose value is v ends: past the last token
// consumed for it, so a parenthesised value's ')' belongs to the keyword
// (`help=("...")`), as in CPython's ast; v's own end after a syntax error.
func (p *parser) valueEnd(v Expr) int {
	if e := p.prevEnd(); e >= v.Span().End && !p.bad {
		return e
	}
	return v.Span().End
}
