package pyparse

import (
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/daglint/daglint/internal/pyparse/internal/scan"
)

// chunks lists the chunks a slab handed out for one file, so that
// File.Release can clear them and keep them as spares for the next file
// parsed into the same arena, which takes them before allocating.
type chunks[T any] struct {
	used  [][]T
	spare [][]T
	bytes int // the size of used and spare together
}

// get returns a zeroed chunk of at least least values: a spare, or a new
// one of n values.
func (c *chunks[T]) get(least, n int) []T {
	var x []T
	if k := len(c.spare); k > 0 && len(c.spare[k-1]) >= least {
		x = c.spare[k-1]
		c.spare = c.spare[:k-1]
	} else {
		x = make([]T, n)
		c.bytes += n * int(unsafe.Sizeof(*new(T)))
	}
	c.used = append(c.used, x)
	return x
}

// release clears every chunk handed out and keeps them as spares; it
// returns the bytes held. The last tail values of the last chunk were
// never handed out, so they are still zero.
func (c *chunks[T]) release(tail int) int {
	for i, x := range c.used {
		if i == len(c.used)-1 {
			clear(x[:len(x)-tail])
		} else {
			clear(x)
		}
		c.spare = append(c.spare, x)
		c.used[i] = nil
	}
	c.used = c.used[:0]
	return c.bytes
}

// slab hands out values of T from chunks, so that a file's nodes cost a few
// large allocations instead of one each. Chunks double from 8 to 128
// values, so a small file does not pay for large chunks.
type slab[T any] struct {
	free []T
	next int
	chunks[T]
}

const slabChunk = 128

func (s *slab[T]) new() *T {
	if len(s.free) == 0 {
		s.next = min(max(2*s.next, 8), slabChunk)
		s.free = s.get(1, s.next)
	}
	x := &s.free[0]
	s.free = s.free[1:]
	return x
}

func (s *slab[T]) release() int {
	tail := len(s.free)
	s.free, s.next = nil, 0
	return s.chunks.release(tail)
}

// sliceSlab hands out exact-length slices cut from shared chunks.
type sliceSlab[T any] struct {
	free []T
	next int
	chunks[T]
}

func (s *sliceSlab[T]) copy(xs []T) []T {
	n := len(xs)
	if n == 0 {
		return nil
	}
	if n > slabChunk {
		return append([]T(nil), xs...)
	}
	out := s.cut(n)
	copy(out, xs)
	return out
}

// add appends x to xs, a list built one item at a time, growing it within
// the slab: only a list longer than a chunk goes to the heap.
func (s *sliceSlab[T]) add(xs []T, x T) []T {
	if len(xs) < cap(xs) || len(xs) >= slabChunk {
		return append(xs, x)
	}
	out := s.cut(max(2*len(xs), 2))[:len(xs)]
	copy(out, xs)
	return append(out, x)
}

// cut returns n zeroed values of the current chunk, n at most slabChunk.
func (s *sliceSlab[T]) cut(n int) []T {
	if n > len(s.free) {
		s.next = min(max(2*s.next, 4*n, 16), 4*slabChunk)
		s.free = s.get(n, s.next)
	}
	out := s.free[:n:n]
	s.free = s.free[n:]
	return out
}

func (s *sliceSlab[T]) release() int {
	tail := len(s.free)
	s.free, s.next = nil, 0
	return s.chunks.release(tail)
}

// arena allocates the nodes of one file. File.Release hands it back to
// arenas for the next file; a file never released leaves it to the GC.
type arena struct {
	names       slab[Name]
	attrs       slab[Attribute]
	calls       slab[Call]
	kws         slab[Keyword]
	strs        slab[Str]
	lits        slab[strLit]
	parts       slab[StrPart]
	nums        slab[Num]
	consts      slab[Const]
	dicts       slab[Dict]
	items       slab[DictItem]
	seqs        slab[Seq]
	binops      slab[BinOp]
	subs        slab[Subscript]
	stars       slab[Starred]
	others      slab[OtherExpr]
	named       slab[NamedExpr]
	lambdas     slab[Lambda]
	params      slab[Param]
	assigns     slab[Assign]
	estmts      slab[ExprStmt]
	ostmts      slab[OtherStmt]
	funcs       slab[FuncDef]
	classes     slab[ClassDef]
	compounds   slab[Compound]
	withs       slab[With]
	withItems   slab[WithItem]
	returns     slab[Return]
	imports     slab[Import]
	importFroms slab[ImportFrom]
	aliases     slab[Alias]
	fns         slab[funcCtx]
	exprs       sliceSlab[Expr]
	stmts       sliceSlab[Stmt]
	blocks      sliceSlab[[]Stmt]
	kwlists     sliceSlab[*Keyword]
	partList    sliceSlab[*StrPart]
	itemLists   sliceSlab[*DictItem]
	paramLists  sliceSlab[*Param]
	withLists   sliceSlab[*WithItem]
	aliasLists  sliceSlab[*Alias]
	nameLists   sliceSlab[string]
	// comments and index are the backing arrays of a released file's
	// Comments and Index lists, cleared, for the next file's.
	comments []Comment
	index    atomic.Pointer[Index]
	// all lists the slabs above, for release.
	all []interface{ release() int }
}

// maxPooledArena is the most node memory a released arena may hold and
// still be kept for reuse: the arena of a huge file is left to the GC, so
// the pool stays small.
const maxPooledArena = 4 << 20

// arenas holds the released arenas.
var arenas sync.Pool

// newArena returns a released arena, or a new one.
func newArena() *arena {
	if a, ok := arenas.Get().(*arena); ok {
		return a
	}
	a := &arena{}
	a.all = []interface{ release() int }{
		&a.names, &a.attrs, &a.calls, &a.kws, &a.strs, &a.lits, &a.parts, &a.nums,
		&a.consts, &a.dicts, &a.items, &a.seqs, &a.binops, &a.subs, &a.stars, &a.others,
		&a.named, &a.lambdas, &a.params, &a.assigns, &a.estmts, &a.ostmts, &a.funcs,
		&a.classes, &a.compounds, &a.withs, &a.withItems, &a.returns, &a.imports,
		&a.importFroms, &a.aliases, &a.fns, &a.exprs, &a.stmts, &a.blocks, &a.kwlists,
		&a.partList, &a.itemLists, &a.paramLists, &a.withLists, &a.aliasLists, &a.nameLists,
	}
	return a
}

// release clears the arena's chunks and pools it, unless it grew too large.
func (a *arena) release() {
	n := cap(a.comments) * int(unsafe.Sizeof(Comment{}))
	for _, s := range a.all {
		n += s.release()
	}
	if ix := a.index.Load(); ix != nil {
		n += ix.bytes()
	}
	if n > maxPooledArena {
		return
	}
	arenas.Put(a)
}

// strLit is a plain string literal with its one part, allocated together.
type strLit struct {
	s    Str
	part StrPart
	slot [1]*StrPart
}

// errTier orders errors the way CPython finds them: the tokenizer and parser
// first, then the symbol table, then the compiler.
type errTier uint8

const (
	tierParse errTier = iota
	tierSymtable
	tierCompile
)

type perr struct {
	SyntaxError
	tier errTier
}

// parser is a recursive-descent parser over the scanner's tokens.
type parser struct {
	// utf8Source: string literals must be UTF-8 (no other coding declared);
	// sawBadUTF8: that error was reported once.
	utf8Source, sawBadUTF8 bool
	src                    []byte
	s                      string // src as a string: names and literal text are substrings of it
	tok                    []scan.Token
	i                      int // current token
	// stmtStart is where the current statement starts, and lambdaStart
	// where the lambda whose parameters are being read starts (else -1):
	// CPython's compiler reports some errors there.
	stmtStart, lambdaStart int
	// level is the bracket level at the current token within the statement.
	level int
	a     *arena
	errs  []perr
	// parseErrs counts the parser errors recorded (also those a lookahead
	// took back).
	parseErrs int

	// bad is set by fail: the current statement cannot be parsed further;
	// every loop stops and the statement list resynchronises.
	bad bool
	// depth counts nested expressions and blocks being parsed.
	depth int
	// work counts parse steps; tests use it to prove linear work.
	work int

	fn    *funcCtx // innermost function, nil at module level
	loops int      // loops enclosing the current statement within fn
	class int      // >0 directly in a class body (no function between)
	// futureOK is true while `from __future__` imports may still come.
	futureOK bool
	scratch  []Expr
	// pre is a primary expr parsed ahead, for power to take as its operand.
	pre Expr
	// awaits, walruses and comps count await expressions, `:=` and
	// comprehension clauses, for the checks after the parse.
	awaits, walruses, comps int
	// compSpans and yieldAt are where the comprehensions are and where the
	// yields start, so that the check for a yield inside a comprehension
	// walks the file only when one may be.
	compSpans []Range
	yieldAt   []int
	// debugMsg is the message for binding __debug__ in the target checked.
	debugMsg string
	// hasOr is set when the case pattern being parsed has an or-pattern.
	hasOr bool
	// trial is set while try looks ahead.
	trial bool
	// escErr is an escape error of the string being parsed.
	escErr string
	// Stacks of the lists being built; each list is copied into the arena
	// when complete, so building one allocates nothing.
	pstack []*StrPart
	kstack []*Keyword
	sstack []Stmt
	// scopeDecls lists the global and nonlocal statements, for checkScopes.
	scopeDecls []*OtherStmt
	firstDecl  map[string]*OtherStmt // of the scope checkScope is in
}

// funcCtx is what the checks need to know about the enclosing function.
type funcCtx struct {
	async    bool
	hasYield bool
	retValue *Return // the first `return value`
	outer    *funcCtx
}

// maxDepth bounds nested expressions and blocks, like CPython's parser and
// compiler limits (CPython runs out of parser stack or compiler recursion
// between 2,000 and 3,000 nested nodes, also for left-nested chains such as
// a.b.b... or a+a+a...): deeper input is a syntax error, never a stack
// overflow or a tree too deep for the compiler.
const maxDepth = 2500

// msgTooComplex is the error for nesting past maxDepth (CPython: a
// MemoryError or RecursionError while compiling).
const msgTooComplex = "too complex: expressions nested too deeply"

func (p *parser) kind() scan.Kind { return p.tok[p.i].Kind }

func (p *parser) peek(n int) scan.Kind {
	if p.i+n >= len(p.tok) {
		return scan.EOF
	}
	return p.tok[p.i+n].Kind
}

func (p *parser) cur() scan.Token { return p.tok[p.i] }

func (p *parser) text(t scan.Token) string { return p.s[t.Start:t.End] }

func (p *parser) curText() string { t := p.tok[p.i]; return p.s[t.Start:t.End] }

func (p *parser) rng(t scan.Token) Range { return Range{int(t.Start), int(t.End)} }

// next consumes the current token and returns it. EOF is never consumed.
func (p *parser) next() scan.Token {
	t := p.tok[p.i]
	if t.Kind != scan.EOF {
		p.i++
	}
	p.work++
	p.level += int(levelStep[t.Kind])
	return t
}

// levelStep is how a token changes the bracket level.
var levelStep = [scan.NumKinds]int8{
	scan.LPar: 1, scan.LSqb: 1, scan.LBrace: 1,
	scan.RPar: -1, scan.RSqb: -1, scan.RBrace: -1,
}

// got consumes the current token when it is of kind k.
func (p *parser) got(k scan.Kind) bool {
	if p.tok[p.i].Kind == k {
		p.next()
		return true
	}
	return false
}

// isSoft reports whether the current token is the soft keyword kw.
func (p *parser) isSoft(kw string) bool {
	t := p.tok[p.i]
	return t.Kind == scan.Name && p.s[t.Start:t.End] == kw
}

// prevEnd is the end of the last consumed token.
func (p *parser) prevEnd() int {
	if p.i == 0 {
		return 0
	}
	return int(p.tok[p.i-1].End)
}

// errorAt records a syntax error without stopping the parse.
func (p *parser) errorAt(r Range, tier errTier, msg string) {
	p.record(perr{SyntaxError{Range: r, Msg: msg}, tier})
}

// record keeps an error, up to scan.MaxErrors of them (CPython reports
// one): error-dense input costs no more than clean input. The first parser
// error is always kept, as it decides what is reported first.
func (p *parser) record(e perr) {
	if len(p.errs) >= scan.MaxErrors && (e.tier != tierParse || p.parseErrs > 0) {
		return
	}
	if e.tier == tierParse {
		p.parseErrs++
	}
	p.errs = append(p.errs, e)
}

// fail records msg at r as the current statement's error (the first one
// wins) and stops the statement.
func (p *parser) fail(r Range, msg string) {
	if p.bad {
		return
	}
	p.bad = true
	p.record(perr{SyntaxError{Range: r, Msg: msg}, tierParse})
}

// failHere reports "invalid syntax" (or msg) at the current token.
func (p *parser) failHere(msg string) {
	if msg == "" {
		msg = "invalid syntax"
	}
	p.fail(p.errRange(p.cur()), msg)
}

// errRange is where an error at token t is reported: its range, or an
// empty range for the zero-width layout tokens. At the end of the file that
// is the end of the last line, before its line terminator, as CPython does.
func (p *parser) errRange(t scan.Token) Range {
	r := p.rng(t)
	switch t.Kind {
	case scan.Newline, scan.EOF, scan.Dedent, scan.Indent:
		r.End = r.Start
		if r.Start == len(p.src) && r.Start > 0 {
			n := r.Start
			if p.src[n-1] == '\n' {
				n--
				if n > 0 && p.src[n-1] == '\r' {
					n--
				}
			} else if p.src[n-1] == '\r' {
				n--
			}
			r = Range{n, n}
		}
	}
	return r
}

// expect consumes a token of kind k or fails.
func (p *parser) expect(k scan.Kind) bool {
	if p.got(k) {
		return true
	}
	p.failHere("")
	return false
}

// errExpr is the placeholder for a missing expression at off.
func (p *parser) errExpr(off int) Expr {
	o := p.a.others.new()
	o.Range = Range{off, off}
	o.Kind = ExprError
	return o
}

// enter counts one level of nesting and fails past maxDepth.
func (p *parser) enter() bool {
	p.depth++
	if p.depth > maxDepth {
		t := p.cur()
		p.fail(p.rng(t), msgTooComplex)
		return false
	}
	return true
}

func (p *parser) leave() { p.depth-- }

// chain checks a left-nested chain of n trailers or operators built in a
// loop: together with the nesting around it, it must stay within maxDepth.
func (p *parser) chain(n int) bool {
	if p.depth+n > maxDepth {
		p.fail(p.rng(p.cur()), msgTooComplex)
		return false
	}
	return true
}

// exprs copies xs into the arena.
func (p *parser) exprList(xs []Expr) []Expr { return p.a.exprs.copy(xs) }
