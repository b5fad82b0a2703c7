package pyparse

import (
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/daglint/daglint/internal/pyparse/internal/scan"
)

// chunks lists the chunks of a slab: list[:n] are those handed out for the
// file being parsed, list[n:] spares that File.Release cleared, which the
// next file parsed into the arena takes before allocating. free is what
// the slab has not yet handed out of the last chunk.
type chunks[T any] struct {
	list [][]T
	n    int
	free []T
}

// get returns a zeroed chunk of at least need values: a spare, or a new
// one of first values or twice the last, at most most.
func (c *chunks[T]) get(need, first, most int) []T {
	if c.n < len(c.list) && len(c.list[c.n]) >= need {
		c.n++
		return c.list[c.n-1]
	}
	size := max(need, first)
	if c.n > 0 {
		size = max(size, 2*len(c.list[c.n-1]))
	}
	x := make([]T, min(size, max(most, need)))
	// The new chunk goes to list[n], the spare there (too small) after it.
	c.list = append(c.list, x)
	last := len(c.list) - 1
	c.list[c.n], c.list[last] = c.list[last], c.list[c.n]
	c.n++
	return x
}

// firstChunk is the size of a slab's first chunk: a few hundred bytes, so
// that a small file does not pay for large chunks of nodes it has one of.
func firstChunk[T any]() int {
	return min(max(256/int(unsafe.Sizeof(*new(T))), 1), 8)
}

// release clears every chunk handed out, keeping them as spares, and
// returns the bytes the slab holds. The free values of the last chunk
// handed out were never used, so they are still zero.
func (c *chunks[T]) release() int {
	tail := len(c.free)
	c.free = nil
	size := 0
	for i, x := range c.list {
		switch {
		case i == c.n-1:
			clear(x[:len(x)-tail])
		case i < c.n:
			clear(x)
		}
		size += len(x)
	}
	c.n = 0
	return size * int(unsafe.Sizeof(*new(T)))
}

// slab hands out values of T from chunks, so that a file's nodes cost a few
// large allocations instead of one each. Chunks double up to 128 values.
type slab[T any] struct {
	chunks[T]
}

const slabChunk = 128

func (s *slab[T]) new() *T {
	if len(s.free) == 0 {
		s.free = s.get(1, firstChunk[T](), slabChunk)
	}
	x := &s.free[0]
	s.free = s.free[1:]
	return x
}

// sliceSlab hands out exact-length slices cut from shared chunks.
type sliceSlab[T any] struct {
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
		s.free = s.get(n, max(4*n, 16), 4*slabChunk)
	}
	out := s.free[:n:n]
	s.free = s.free[n:]
	return out
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
	return &arena{}
}

// release clears the arena's chunks and pools it, unless it grew too large.
func (a *arena) release() {
	n := a.names.release() + a.attrs.release() + a.calls.release() + a.kws.release() +
		a.strs.release() + a.lits.release() + a.parts.release() + a.nums.release() +
		a.consts.release() + a.dicts.release() + a.items.release() + a.seqs.release() +
		a.binops.release() + a.subs.release() + a.stars.release() + a.others.release() +
		a.named.release() + a.lambdas.release() + a.params.release() + a.assigns.release() +
		a.estmts.release() + a.ostmts.release() + a.funcs.release() + a.classes.release() +
		a.compounds.release() + a.withs.release() + a.withItems.release() + a.returns.release() +
		a.imports.release() + a.importFroms.release() + a.aliases.release() + a.fns.release() +
		a.exprs.release() + a.stmts.release() + a.blocks.release() + a.kwlists.release() +
		a.partList.release() + a.itemLists.release() + a.paramLists.release() +
		a.withLists.release() + a.aliasLists.release() + a.nameLists.release()
	n += cap(a.comments) * int(unsafe.Sizeof(Comment{}))
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
