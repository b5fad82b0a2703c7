package pyparse

import (
	"strings"

	"github.com/daglint/daglint/internal/pyparse/internal/scan"
)

// stmtList parses statements until EOF, or until the Dedent closing the
// block when inBlock. After a statement fails it resynchronises at the next
// logical line; an indented block that follows a broken line is parsed as
// part of the current one, so that its statements are still analysed.
func (p *parser) stmtList(inBlock bool) []Stmt {
	base := len(p.sstack)
	defer func() { p.sstack = p.sstack[:base] }()
	recovered := false
	for {
		switch p.kind() {
		case scan.EOF:
			return p.a.stmts.copy(p.sstack[base:])
		case scan.Dedent:
			if inBlock {
				return p.a.stmts.copy(p.sstack[base:])
			}
			p.next()
			continue
		case scan.Newline:
			p.next()
			continue
		case scan.Indent:
			t := p.next()
			if !recovered {
				// CPython points at the last blank of the indentation.
				p.fail(Range{max(int(t.Start), int(t.End)-1), int(t.End)}, "unexpected indent")
				p.bad = false
			}
			if p.enter() {
				p.sstack = append(p.sstack, p.stmtList(true)...)
			} else {
				p.bad = false
				p.skipBlock()
			}
			p.leave()
			p.got(scan.Dedent)
			continue
		}
		start := p.i
		nscratch, nparts, nkws := len(p.scratch), len(p.pstack), len(p.kstack)
		nstmts := len(p.sstack)
		p.level = 0
		p.stmtStart = int(p.cur().Start)
		p.statement()
		if p.futureOK {
			p.futureOK = keepsFuture(p.sstack[nstmts:], nstmts == 0 && !inBlock)
		}
		recovered = false
		if p.bad {
			p.bad = false
			p.scratch, p.pstack, p.kstack = p.scratch[:nscratch], p.pstack[:nparts], p.kstack[:nkws]
			p.resync(start)
			recovered = true
		}
	}
}

// keepsFuture reports whether future imports may still follow ss: they
// are future imports, or the module's docstring.
func keepsFuture(ss []Stmt, first bool) bool {
	for i, s := range ss {
		switch s := s.(type) {
		case *ImportFrom:
			if s.Module == "__future__" && s.Level == 0 {
				continue
			}
		case *ExprStmt:
			if _, ok := s.X.(*Str); ok && first && i == 0 {
				continue
			}
		}
		return false
	}
	return true
}

// skipBlock skips tokens up to the Dedent closing the current block.
func (p *parser) skipBlock() {
	level := 0
	for p.kind() != scan.EOF {
		switch p.kind() {
		case scan.Indent:
			level++
		case scan.Dedent:
			if level == 0 {
				return
			}
			level--
		}
		p.next()
	}
}

// resync skips the rest of a broken logical line.
func (p *parser) resync(start int) {
	if p.i == start && p.kind() != scan.EOF && p.kind() != scan.Dedent && p.kind() != scan.Indent {
		p.next()
	}
	for {
		switch p.kind() {
		case scan.EOF, scan.Indent, scan.Dedent:
			return
		case scan.Newline:
			p.next()
			return
		}
		p.next()
	}
}

// statement parses one statement (a line of simple statements or a
// compound statement) and pushes it onto p.sstack.
func (p *parser) statement() {
	t := p.cur()
	switch t.Kind {
	case scan.KwDef, scan.KwClass, scan.At:
		p.push(p.definition(nil))
		return
	case scan.KwAsync:
		switch p.peek(1) {
		case scan.KwDef:
			p.push(p.definition(nil))
			return
		case scan.KwFor, scan.KwWith:
			p.next()
			if p.fn == nil || !p.fn.async {
				p.errorAt(Range{int(t.Start), int(p.cur().End)}, tierCompile, "'async "+p.curText()+"' outside async function")
			}
			if p.kind() == scan.KwFor {
				p.push(p.forStmt(t))
				return
			}
			p.push(p.withStmt(t))
			return
		default:
			p.next()
			p.failHere("")
			return
		}
	case scan.KwIf:
		p.push(p.ifStmt())
		return
	case scan.KwWhile:
		p.push(p.whileStmt())
		return
	case scan.KwFor:
		p.push(p.forStmt(t))
		return
	case scan.KwTry:
		p.push(p.tryStmt())
		return
	case scan.KwWith:
		p.push(p.withStmt(t))
		return
	case scan.Name:
		if p.isSoft("match") && p.looksLikeMatch() {
			p.push(p.matchStmt())
			return
		}
	}
	p.simpleStmts()
}

func (p *parser) push(s Stmt) { p.sstack = append(p.sstack, s) }

// simpleStmts parses `stmt; stmt; ...` up to the end of the line,
// pushing them onto p.sstack.
func (p *parser) simpleStmts() {
	for {
		s := p.simpleStmt()
		if s != nil {
			p.push(s)
		}
		if p.bad {
			return
		}
		if p.got(scan.Semi) {
			if p.kind() == scan.Newline || p.kind() == scan.EOF {
				p.got(scan.Newline)
				return
			}
			continue
		}
		if p.got(scan.Newline) || p.kind() == scan.EOF {
			return
		}
		p.stmtJunk(s)
		return
	}
}

// stmtJunk reports the token after a complete simple statement.
func (p *parser) stmtJunk(s Stmt) {
	if es, ok := s.(*ExprStmt); ok {
		if n, ok := es.X.(*Name); ok && (n.ID == "print" || n.ID == "exec") && startsExpr(p.kind()) {
			if x, ok := p.try(p.starExprs); ok {
				p.fail(Range{n.Start, x.Span().End}, "Missing parentheses in call to '"+n.ID+"'. Did you mean "+n.ID+"(...)?")
				return
			}
		}
	}
	p.failHere("")
}

// simpleStmt parses one simple statement.
func (p *parser) simpleStmt() Stmt {
	t := p.cur()
	switch t.Kind {
	case scan.KwPass, scan.KwBreak, scan.KwContinue:
		p.next()
		kind := StmtPass
		switch t.Kind {
		case scan.KwBreak:
			kind = StmtBreak
			if p.loops == 0 {
				p.errorAt(p.rng(t), tierCompile, "'break' outside loop")
			}
		case scan.KwContinue:
			kind = StmtContinue
			if p.loops == 0 {
				p.errorAt(p.rng(t), tierCompile, "'continue' not properly in loop")
			}
		}
		return p.otherStmt(kind, p.rng(t))
	case scan.KwReturn:
		p.next()
		r := p.a.returns.new()
		r.Range = p.rng(t)
		if startsExpr(p.kind()) {
			r.Value = p.starExprs()
			r.End = r.Value.Span().End
		}
		if p.fn == nil || p.class > 0 {
			p.errorAt(r.Range, tierCompile, "'return' outside function")
		} else if r.Value != nil && p.fn.retValue == nil {
			p.fn.retValue = r
		}
		return r
	case scan.KwImport:
		return p.importStmt()
	case scan.KwFrom:
		return p.fromImport()
	case scan.KwRaise:
		p.next()
		o := p.otherStmt(StmtRaise, p.rng(t))
		if startsExpr(p.kind()) {
			x := p.expr()
			o.End = x.Span().End
			if p.got(scan.KwFrom) {
				c := p.expr()
				o.End = c.Span().End
				o.Exprs = p.exprList([]Expr{x, c})
			} else {
				o.Exprs = p.exprList([]Expr{x})
			}
		}
		return o
	case scan.KwDel:
		p.next()
		x := p.targetList(scan.Newline)
		p.checkTarget(x, targetDel)
		o := p.otherStmt(StmtDelete, Range{int(t.Start), x.Span().End})
		if q, ok := x.(*Seq); ok && q.Kind == "tuple" && q.Start == x.Span().Start && p.s[q.Start] != '(' {
			o.Exprs = q.Elts
		} else {
			o.Exprs = p.exprList([]Expr{x})
		}
		return o
	case scan.KwAssert:
		p.next()
		x := p.expr()
		o := p.otherStmt(StmtAssert, Range{int(t.Start), x.Span().End})
		if !p.bad && p.got(scan.Comma) {
			m := p.expr()
			o.End = m.Span().End
			o.Exprs = p.exprList([]Expr{x, m})
		} else {
			o.Exprs = p.exprList([]Expr{x})
		}
		return o
	case scan.KwGlobal, scan.KwNonlocal:
		return p.globalStmt()
	case scan.Name:
		if p.isSoft("type") && p.peek(1) == scan.Name && (p.peek(2) == scan.Equal || p.peek(2) == scan.LSqb) {
			return p.typeAlias()
		}
	}
	return p.exprStatement()
}

func (p *parser) otherStmt(k StmtKind, r Range) *OtherStmt {
	o := p.a.ostmts.new()
	o.Kind = k
	o.Range = r
	return o
}

// exprStatement parses an expression statement or an assignment.
func (p *parser) exprStatement() Stmt {
	if !startsExpr(p.kind()) {
		p.failAtom()
		return nil
	}
	x := p.annotatedRHS()
	if p.bad {
		return p.exprStmt(x)
	}
	switch k := p.kind(); {
	case k == scan.Equal:
		return p.assignChain(x)
	case k == scan.Colon:
		p.next()
		p.checkAnnTarget(x)
		a := p.a.assigns.new()
		a.Targets = p.exprList([]Expr{x})
		a.Annotation = p.expr()
		a.Op = "="
		a.Range = Range{x.Span().Start, a.Annotation.Span().End}
		if !p.bad && p.got(scan.Equal) {
			a.Value = p.rhs()
			a.Range.End = a.Value.Span().End
		}
		return a
	case isAugOp(k):
		op := p.next()
		p.checkAugTarget(x)
		a := p.a.assigns.new()
		a.Targets = p.exprList([]Expr{x})
		a.Op = p.text(op)
		a.Value = p.rhs()
		a.Range = Range{x.Span().Start, a.Value.Span().End}
		return a
	}
	return p.exprStmt(x)
}

func (p *parser) exprStmt(x Expr) Stmt {
	es := p.a.estmts.new()
	es.X = x
	es.Range = x.Span()
	return es
}

// annotatedRHS parses a yield expression or star_expressions.
func (p *parser) annotatedRHS() Expr {
	if p.kind() == scan.KwYield {
		return p.yieldExpr()
	}
	return p.starExprs()
}

// rhs parses the right-hand side of an assignment: yield or star_expressions.
func (p *parser) rhs() Expr {
	if p.kind() == scan.KwYield {
		return p.yieldExpr()
	}
	if !startsExpr(p.kind()) {
		p.failAtom()
		return p.errExpr(int(p.cur().Start))
	}
	return p.annotatedRHS()
}

// assignChain parses `= value` after the first target: `a = b = value`.
func (p *parser) assignChain(first Expr) Stmt {
	a := p.a.assigns.new()
	a.Op = "="
	base := len(p.scratch)
	p.scratch = append(p.scratch, first)
	var value Expr
	for !p.bad && p.got(scan.Equal) {
		value = p.rhs()
		if p.kind() == scan.Equal {
			p.scratch = append(p.scratch, value)
		}
	}
	if value == nil {
		value = p.errExpr(p.prevEnd())
	}
	targets := p.scratch[base:]
	for i, t := range targets {
		ctx := targetAssign
		if i == len(targets)-1 && p.hereHint(t, value) {
			ctx = targetAssignHere
		}
		p.checkTarget(t, ctx)
	}
	a.Targets = p.exprList(p.scratch[base:])
	p.scratch = p.scratch[:base]
	a.Value = value
	a.Range = Range{first.Span().Start, value.Span().End}
	return a
}

// hereHint reports whether CPython's invalid_named_expression rule words
// the error for an invalid last target t: t and value are both plain
// operands (bitwise_or), t is not a list, tuple, generator or True, False,
// None: "cannot assign to X here. Maybe you meant '==' instead of '='?".
func (p *parser) hereHint(t, value Expr) bool {
	if isDisplay(t) || !isOperand(t) {
		return false
	}
	switch v := value.(type) {
	case *Lambda, *Starred:
		return false
	case *OtherExpr:
		switch v.Kind {
		case ExprYield, ExprYieldFrom, ExprNot:
			return false
		}
	case *Seq:
		if len(v.Elts) > 0 && v.Start == v.Elts[0].Span().Start {
			_, star := v.Elts[0].(*Starred)
			return !star
		}
	}
	return true
}

// isOperand reports whether x parses as a bitwise_or operand: not a
// comparison, boolean operator, not, conditional, lambda or walrus.
func isOperand(x Expr) bool {
	switch x := x.(type) {
	case *Lambda, *NamedExpr, *Starred:
		return false
	case *OtherExpr:
		switch x.Kind {
		case ExprCompare, ExprBoolOp, ExprNot, ExprIfExp, ExprYield, ExprYieldFrom:
			return false
		}
	}
	return true
}

func isAugOp(k scan.Kind) bool {
	switch k {
	case scan.PlusEqual, scan.MinEqual, scan.StarEqual, scan.SlashEqual, scan.PercentEqual,
		scan.AmperEqual, scan.VBarEqual, scan.CircumflexEqual, scan.LeftShiftEqual,
		scan.RightShiftEqual, scan.DoubleStarEqual, scan.DoubleSlashEqual, scan.AtEqual:
		return true
	}
	return false
}

// dottedName parses `a.b.c` and returns it without spaces.
func (p *parser) dottedName() (string, Range, bool) {
	if p.kind() != scan.Name {
		p.failHere("")
		return "", Range{}, false
	}
	t := p.next()
	r := p.rng(t)
	for p.kind() == scan.Dot && p.peek(1) == scan.Name {
		p.next()
		r.End = int(p.next().End)
	}
	name := p.s[r.Start:r.End]
	if strings.ContainsAny(name, " \t\r\n\\#\f") {
		var b strings.Builder
		for _, c := range name {
			switch c {
			case ' ', '\t', '\r', '\n', '\\', '\f':
			default:
				b.WriteRune(c)
			}
		}
		name = b.String()
	}
	return name, r, true
}

func (p *parser) importStmt() Stmt {
	t := p.next()
	im := p.a.imports.new()
	im.Range = p.rng(t)
	for !p.bad {
		name, r, ok := p.dottedName()
		if !ok {
			break
		}
		al := p.a.aliases.new()
		al.Range, al.Name = r, name
		if !p.asName(al) {
			break
		}
		im.Names = p.a.aliasLists.add(im.Names, al)
		im.End = al.End
		if !p.got(scan.Comma) {
			break
		}
	}
	p.futureOK = false
	p.checkImportDebug(im.Names, false)
	return im
}

// checkImportDebug reports an import that binds __debug__: the as-name, or
// else the name (its first component for `import a.b`).
func (p *parser) checkImportDebug(names []*Alias, from bool) {
	for _, al := range names {
		bound := al.AsName
		if bound == "" {
			bound = al.Name
			if !from {
				bound, _, _ = strings.Cut(bound, ".")
			}
		}
		p.checkDebugName(bound, Range{p.stmtStart, p.stmtStart})
	}
}

// asName parses an optional `as name` into al; false when the name is
// missing.
func (p *parser) asName(al *Alias) bool {
	if !p.got(scan.KwAs) {
		return true
	}
	if p.kind() != scan.Name {
		p.failHere("")
		return false
	}
	n := p.next()
	al.AsName = p.text(n)
	al.End = int(n.End)
	return true
}

func (p *parser) fromImport() Stmt {
	t := p.next()
	im := p.a.importFroms.new()
	im.Range = p.rng(t)
	for p.kind() == scan.Dot || p.kind() == scan.Ellipsis {
		d := p.next()
		im.Level += int(d.End - d.Start)
	}
	if p.kind() != scan.KwImport || im.Level == 0 {
		name, _, ok := p.dottedName()
		if !ok {
			return im
		}
		im.Module = name
	}
	if !p.expect(scan.KwImport) {
		return im
	}
	future := im.Module == "__future__" && im.Level == 0
	if future {
		defer p.checkFuture(im)
	}
	if !future {
		p.futureOK = false
	}
	if p.kind() == scan.Star {
		s := p.next()
		im.Names = []*Alias{{Range: p.rng(s), Name: "*"}}
		im.End = int(s.End)
		if p.fn != nil || p.class > 0 {
			p.errorAt(p.rng(s), tierSymtable, "import * only allowed at module level")
		}
		return im
	}
	paren := p.got(scan.LPar)
	for !p.bad {
		if p.kind() != scan.Name {
			p.failHere("")
			break
		}
		n := p.next()
		al := p.a.aliases.new()
		al.Range, al.Name = p.rng(n), p.text(n)
		if !p.asName(al) {
			break
		}
		im.Names = p.a.aliasLists.add(im.Names, al)
		im.End = al.End
		if !p.got(scan.Comma) {
			break
		}
		if paren && p.kind() == scan.RPar {
			break
		}
		if !paren && (p.kind() == scan.Newline || p.kind() == scan.EOF) {
			p.fail(p.errRange(p.cur()), "trailing comma not allowed without surrounding parentheses")
		}
	}
	if paren && !p.bad {
		if cl := p.cur(); p.expect(scan.RPar) {
			im.End = int(cl.End)
		}
	}
	p.checkImportDebug(im.Names, true)
	return im
}

// futureFeatures are the names `from __future__ import` accepts.
var futureFeatures = map[string]bool{
	"nested_scopes": true, "generators": true, "division": true, "absolute_import": true,
	"with_statement": true, "print_function": true, "unicode_literals": true,
	"barry_as_FLUFL": true, "generator_stop": true, "annotations": true,
}

// checkFuture reports a misplaced future import or an unknown feature (the
// compiler's future.c checks, made before the symbol table).
func (p *parser) checkFuture(im *ImportFrom) {
	if !p.futureOK {
		p.errorAt(im.Range, tierSymtable, "from __future__ imports must occur at the beginning of the file")
		return
	}
	for _, a := range im.Names {
		switch {
		case a.Name == "braces":
			p.errorAt(im.Range, tierSymtable, "not a chance")
			return
		case !futureFeatures[a.Name]:
			p.errorAt(im.Range, tierSymtable, "future feature "+shortName(a.Name)+" is not defined")
			return
		}
	}
}

func (p *parser) globalStmt() Stmt {
	t := p.next()
	kind := StmtGlobal
	if t.Kind == scan.KwNonlocal {
		kind = StmtNonlocal
	}
	o := p.otherStmt(kind, p.rng(t))
	for !p.bad {
		if p.kind() != scan.Name {
			p.failHere("")
			break
		}
		n := p.next()
		o.Names = p.a.nameLists.add(o.Names, p.text(n))
		o.End = int(n.End)
		if !p.got(scan.Comma) {
			break
		}
	}
	if kind == StmtNonlocal && p.fn == nil && !p.bad {
		p.errorAt(o.Range, tierSymtable, "nonlocal declaration not allowed at module level")
	}
	p.scopeDecls = append(p.scopeDecls, o)
	return o
}

// typeAlias parses `type X[T] = value`.
func (p *parser) typeAlias() Stmt {
	t := p.next()
	n := p.next()
	name := p.a.names.new()
	name.Range = p.rng(n)
	name.ID = p.text(n)
	if p.kind() == scan.LSqb {
		p.typeParams()
	}
	o := p.otherStmt(StmtTypeAlias, Range{int(t.Start), int(n.End)})
	if !p.expect(scan.Equal) {
		return o
	}
	v := p.expr()
	o.End = v.Span().End
	o.Exprs = p.exprList([]Expr{name, v})
	return o
}

// typeParams parses `[T: bound = default, *Ts, **P]` (discarded).
func (p *parser) typeParams() {
	p.next()
	for !p.bad && p.kind() != scan.RSqb {
		p.got(scan.Star)
		p.got(scan.DoubleStar)
		if p.kind() != scan.Name {
			p.failHere("")
			return
		}
		p.next()
		if p.got(scan.Colon) {
			p.expr()
		}
		if p.got(scan.Equal) {
			if p.kind() == scan.Star {
				p.starred()
			} else {
				p.expr()
			}
		}
		if !p.got(scan.Comma) {
			break
		}
	}
	p.expect(scan.RSqb)
}
