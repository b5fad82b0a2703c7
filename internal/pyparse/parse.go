// Package pyparse is daglint's Python parser: a tokenizer (internal/scan)
// and a recursive-descent parser written after CPython's grammar, in pure
// Go. It turns a source file into daglint's own small syntax view (File,
// statements, expressions, comments, line table) and reports the syntax
// errors CPython would, at CPython's positions. See docs/parser.md.
package pyparse

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/daglint/daglint/internal/pyparse/internal/scan"
	"github.com/daglint/daglint/internal/source"
)

// maxSource is the largest input parsed: offsets are int32.
const maxSource = 1<<31 - 1

// Parser parses Python files, reusing its buffers from one file to the
// next. A Parser is not safe for concurrent use: give each goroutine its own.
type Parser struct {
	res    scan.Result
	toks   []scan.Token
	ntoks  int // tokens of the last file parsed, after recovery rescans
	closed bool
	// scanned: res already holds the scan of the next file (ParseIf).
	scanned bool
	// stacks keeps the parser's stacks between files (empty and cleared,
	// so they hold no node of a file parsed before).
	stacks parser
}

// NewParser returns a Parser for Python 3 sources.
func NewParser() *Parser { return &Parser{} }

// Close releases the parser's buffers. A closed Parser returns files
// without statements.
func (p *Parser) Close() {
	p.closed = true
	p.res = scan.Result{}
	p.toks = nil
}

var parserPool = sync.Pool{New: func() any { return NewParser() }}

// Parse parses one Python file with a pooled Parser. It never fails: syntax
// errors are listed in File.Errors and the rest of the file is still parsed
// where the parser recovered.
func Parse(path string, src []byte) *File {
	p := parserPool.Get().(*Parser)
	f := p.Parse(path, src)
	parserPool.Put(p)
	return f
}

// Parse parses src, the content of the file at path. Positions are byte
// offsets into src, also when src starts with a UTF-8 byte order mark or
// uses "\r\n" or a lone "\r" as line ends.
func (pp *Parser) Parse(path string, src []byte) *File {
	f, _ := pp.parse(path, src)
	return f
}

// parse parses src and also returns the parser's work: the tokens it
// consumed, counted again when a failed statement is read twice.
func (pp *Parser) parse(path string, src []byte) (*File, int) {
	f := &File{Path: path, Src: src, Lines: source.NewLines(src)}
	if pp.closed {
		return f, 0
	}
	if len(src) > maxSource {
		f.Errors = append(f.Errors, SyntaxError{Msg: "file too large to parse"})
		return f, 0
	}
	if !pp.scanned {
		scan.Scan(src, &pp.res)
	}
	pp.scanned = false
	toks := pp.res.Tokens
	scanErrs := pp.res.Errors
	if spliced, errs, ok := pp.rescanTriple(src); ok {
		toks, scanErrs = spliced, errs
	}
	if unclosed := neverClosed(toks, scanErrs); unclosed >= 0 {
		pp.toks = relayout(src, toks, unclosed, scanErrs, pp.toks[:0])
		toks = pp.toks
	}
	pp.ntoks = len(toks)
	f.tokens = len(toks)
	f.arena = newArena()
	p := &pp.stacks
	*p = parser{src: src, s: string(src), tok: toks, a: f.arena, futureOK: true, lambdaStart: -1,
		scratch: p.scratch, pstack: p.pstack, kstack: p.kstack, sstack: p.sstack,
		errs: p.errs, compSpans: p.compSpans, yieldAt: p.yieldAt, scopeDecls: p.scopeDecls}
	defer p.keepStacks()
	f.text = p.s
	var codingErr *SyntaxError
	p.utf8Source, codingErr = sourceCoding(src)
	if codingErr != nil {
		p.errorAt(codingErr.Range, tierParse, codingErr.Msg)
	}
	f.Body = p.stmtList(false)
	p.checkScopes(f.Body)
	if p.awaits > 0 {
		p.checkAwaits(f.Body)
	}
	if p.walruses > 0 && p.comps > 0 {
		p.checkWalrus(f.Body)
	}
	if len(p.yieldAt) > 0 && p.comps > 0 && p.yieldInComprehension() {
		p.checkComprehensionYields(f)
	}
	if n := len(pp.res.Comments); n > 0 {
		f.Comments = slices.Grow(f.arena.comments[:0], n)
		f.arena.comments = nil
	}
	for _, c := range pp.res.Comments {
		r := Range{int(c[0]), int(c[1])}
		f.Comments = append(f.Comments, Comment{Range: r, Text: p.s[r.Start:r.End]})
	}
	f.Errors = mergeErrors(scanErrs, p.errs)
	return f, p.work
}

// keepStacks empties the parser once its file is parsed, keeping only the
// backing arrays of its stacks, cleared, for the next file.
func (p *parser) keepStacks() {
	*p = parser{
		scratch:    emptied(p.scratch),
		pstack:     emptied(p.pstack),
		kstack:     emptied(p.kstack),
		sstack:     emptied(p.sstack),
		errs:       emptied(p.errs),
		compSpans:  emptied(p.compSpans),
		yieldAt:    emptied(p.yieldAt),
		scopeDecls: emptied(p.scopeDecls),
	}
}

// emptied clears s up to its capacity and returns it empty; a stack that
// a pathological file grew past maxKeptStack is dropped instead, so that
// no later file pays for clearing it.
func emptied[T any](s []T) []T {
	if cap(s) > maxKeptStack {
		return nil
	}
	clear(s[:cap(s)])
	return s[:0]
}

const maxKeptStack = 1 << 12

// rescanTriple recovers from an unterminated triple-quoted string, which
// the scanner runs to the end of the file: the string is cut at the end of
// its first line and the rest of the file is scanned again, so that the
// statements after a broken docstring are still parsed. The rescan's errors
// follow the first scan's.
func (pp *Parser) rescanTriple(src []byte) ([]scan.Token, []scan.Error, bool) {
	toks, errs := pp.res.Tokens, pp.res.Errors
	at := -1
	for _, e := range errs {
		if strings.HasPrefix(e.Msg, "unterminated triple-quoted string") {
			at = int(e.Start)
			break
		}
	}
	if at < 0 {
		return nil, nil, false
	}
	k := -1
	for i, t := range toks {
		if t.Kind == scan.String && int(t.Start) <= at && at < int(t.End) {
			k = i
			break
		}
	}
	if k < 0 {
		return nil, nil, false
	}
	eol := at
	for eol < len(src) && src[eol] != '\n' && src[eol] != '\r' {
		eol++
	}
	next := eol
	if next < len(src) && src[next] == '\r' {
		next++
	}
	if next < len(src) && src[next] == '\n' {
		next++
	}
	if next >= len(src) {
		return nil, nil, false
	}
	var rest scan.Result
	scan.Scan(src[next:], &rest)
	spliced := make([]scan.Token, 0, k+1+len(rest.Tokens))
	spliced = append(spliced, toks[:k+1]...)
	spliced[k].End = int32(eol)
	for _, t := range rest.Tokens {
		t.Start += int32(next)
		t.End += int32(next)
		spliced = append(spliced, t)
	}
	allErrs := append([]scan.Error(nil), errs...)
	for _, e := range rest.Errors {
		e.Start += int32(next)
		e.End += int32(next)
		allErrs = append(allErrs, e)
	}
	return relayoutFrom(src, spliced, k+1, true, allErrs, nil), allErrs, true
}

// mergeErrors puts the error CPython reports first at index 0, followed by
// the other tokenizer and parser errors in source order. Symbol table and
// compiler errors count only when the file parses.
func mergeErrors(scanErrs []scan.Error, perrs []perr) []SyntaxError {
	var parseErrs, later []SyntaxError
	for _, e := range perrs {
		if e.tier == tierParse {
			parseErrs = append(parseErrs, e.SyntaxError)
		}
	}
	sort.SliceStable(parseErrs, func(i, j int) bool { return parseErrs[i].Start < parseErrs[j].Start })
	if len(parseErrs) == 0 && len(scanErrs) == 0 {
		for _, tier := range []errTier{tierSymtable, tierCompile} {
			for _, e := range perrs {
				if e.tier == tier {
					later = append(later, e.SyntaxError)
				}
			}
			if len(later) > 0 {
				sort.SliceStable(later, func(i, j int) bool { return later[i].Start < later[j].Start })
				return later
			}
		}
		return nil
	}
	all := make([]SyntaxError, 0, len(parseErrs)+len(scanErrs))
	for _, e := range scanErrs {
		all = append(all, SyntaxError{Range: Range{int(e.Start), max(int(e.Start), int(e.End))}, Msg: e.Msg})
	}
	var first SyntaxError
	if i := pickScanError(scanErrs, parseErrs); i >= 0 {
		first = all[i] // all holds just the scanner's errors, in their order
	} else {
		first = parseErrs[0]
	}
	all = append(all, parseErrs...)
	sort.SliceStable(all, func(i, j int) bool { return all[i].Start < all[j].Start })
	out := make([]SyntaxError, 0, len(all))
	out = append(out, first)
	for _, e := range all {
		if e != first {
			out = append(out, e)
		}
	}
	return out
}

// pickScanError returns the index of the tokenizer error CPython reports
// instead of the first parser error, or -1 for the parser error. CPython
// stops at a tokenizer error the parser reaches; after a parser error it
// tokenizes the rest of the file and reports an error found there instead,
// except indentation errors; an unclosed bracket wins when the parser
// error comes after it.
func pickScanError(scanErrs []scan.Error, parseErrs []SyntaxError) int {
	if len(parseErrs) == 0 {
		return 0
	}
	at := int32(parseErrs[0].Start)
	for i, e := range scanErrs {
		if e.Start <= at && !isNeverClosed(e) {
			return i
		}
	}
	for i, e := range scanErrs {
		if !isNeverClosed(e) && e.Class == "SyntaxError" {
			return i
		}
	}
	for i, e := range scanErrs {
		if isNeverClosed(e) && e.Start <= at {
			return i
		}
	}
	return -1
}

func isNeverClosed(e scan.Error) bool { return strings.HasSuffix(e.Msg, "was never closed") }

func isOpen(k scan.Kind) bool  { return k == scan.LPar || k == scan.LSqb || k == scan.LBrace }
func isClose(k scan.Kind) bool { return k == scan.RPar || k == scan.RSqb || k == scan.RBrace }

// neverClosed returns the index of the outermost bracket token that is
// never closed, or -1. Every token after it was scanned inside brackets, so
// the scanner emitted no line structure for the rest of the file.
func neverClosed(toks []scan.Token, errs []scan.Error) int {
	if len(errs) == 0 {
		return -1 // an unclosed bracket is always a tokenizer error
	}
	depth := 0
	outer := -1
	for i, t := range toks {
		switch {
		case isOpen(t.Kind):
			if depth == 0 {
				outer = i
			}
			depth++
		case isClose(t.Kind):
			if depth > 0 {
				depth--
			}
		}
	}
	if depth == 0 {
		return -1
	}
	return outer
}

// relayout copies toks into out, rebuilding the line structure (NEWLINE,
// INDENT, DEDENT) after the never-closed bracket at index unclosed, so that
// the statements after a broken line are parsed as statements: a line that
// starts at or left of the broken statement's indentation with a token that
// can start a statement ends the bracket. It is linear in the tokens.
func relayout(src []byte, toks []scan.Token, unclosed int, errs []scan.Error, out []scan.Token) []scan.Token {
	return relayoutFrom(src, toks, unclosed, false, errs, out)
}

// relayoutFrom rebuilds the line structure of toks[from:] from the line
// starts; lineAtFrom tells whether toks[from] starts a line of its own. A
// line that starts inside a never-closed bracket ends it when it starts a
// statement at or left of the current indentation, or right after a ':' or
// an unterminated string (the body of a compound statement whose header
// lost its bracket or its quote).
func relayoutFrom(src []byte, toks []scan.Token, unclosed int, lineAtFrom bool, errs []scan.Error, out []scan.Token) []scan.Token {
	var cut map[int32]bool // starts of unterminated strings
	for _, e := range errs {
		if strings.HasPrefix(e.Msg, "unterminated string") {
			if cut == nil {
				cut = map[int32]bool{}
			}
			cut[e.Start] = true
		}
	}
	// The indentation stack at the bracket, from the scanner's tokens.
	indents := []int{0}
	for _, t := range toks[:unclosed] {
		switch t.Kind {
		case scan.Indent:
			indents = append(indents, column(src, int(t.End)))
		case scan.Dedent:
			if len(indents) > 1 {
				indents = indents[:len(indents)-1]
			}
		}
	}
	// nc marks the brackets that are never closed.
	nc := make([]bool, len(toks))
	var stack []int
	for j := unclosed; j < len(toks); j++ {
		switch k := toks[j].Kind; {
		case isOpen(k):
			stack = append(stack, j)
		case isClose(k) && len(stack) > 0:
			stack = stack[:len(stack)-1]
		}
	}
	for _, j := range stack {
		nc[j] = true
	}
	out = append(out, toks[:unclosed]...)
	var open []bool // brackets open since the last line break; true: never closed
	depth := 0
	for j := unclosed; j < len(toks); j++ {
		t := toks[j]
		switch t.Kind {
		case scan.Newline, scan.Indent, scan.Dedent:
			continue // only the scanner's end-of-file layout comes here
		case scan.EOF:
			j = len(toks)
			continue
		}
		if (j > unclosed || lineAtFrom) && lineStart(src, int(t.Start)) {
			col := column(src, int(t.Start))
			var afterColon bool
			if len(out) > 0 {
				last := out[len(out)-1]
				afterColon = last.Kind == scan.Colon || (last.Kind == scan.String && cut[last.Start])
			}
			if depth == 0 || (open[0] && startsStmt(t.Kind) && (col <= indents[len(indents)-1] || afterColon)) {
				depth = 0
				open = open[:0]
				out = layoutLine(out, &indents, col, int(t.Start), t.Start)
			}
		}
		out = append(out, t)
		switch {
		case isOpen(t.Kind):
			depth++
			open = append(open, nc[j])
		case isClose(t.Kind) && depth > 0:
			depth--
			open = open[:len(open)-1]
		}
	}
	n := int32(len(src))
	if k := out[len(out)-1].Kind; k != scan.Newline {
		out = append(out, scan.Token{Kind: scan.Newline, Start: n, End: n})
	}
	for len(indents) > 1 {
		indents = indents[:len(indents)-1]
		out = append(out, scan.Token{Kind: scan.Dedent, Start: n, End: n})
	}
	return append(out, scan.Token{Kind: scan.EOF, Start: n, End: n})
}

// layoutLine appends the NEWLINE ending the previous line and the INDENT or
// DEDENTs that a line starting at column col needs.
func layoutLine(out []scan.Token, indents *[]int, col, off int, at int32) []scan.Token {
	if k := out[len(out)-1].Kind; k != scan.Newline && k != scan.Indent && k != scan.Dedent {
		end := int32(prevLineEnd(out, off))
		out = append(out, scan.Token{Kind: scan.Newline, Start: end, End: end})
	}
	st := *indents
	switch top := st[len(st)-1]; {
	case col > top:
		st = append(st, col)
		out = append(out, scan.Token{Kind: scan.Indent, Start: at, End: at})
	case col < top:
		for len(st) > 1 && col < st[len(st)-1] {
			st = st[:len(st)-1]
			out = append(out, scan.Token{Kind: scan.Dedent, Start: at, End: at})
		}
	}
	*indents = st
	return out
}

// prevLineEnd is where the synthesized NEWLINE before the line at off goes:
// the end of the last token before it.
func prevLineEnd(out []scan.Token, off int) int {
	if len(out) == 0 {
		return off
	}
	return int(out[len(out)-1].End)
}

// startsStmt reports whether a token can start a statement line (or the
// next clause of a compound statement).
func startsStmt(k scan.Kind) bool {
	switch k {
	case scan.Name, scan.At, scan.KwDef, scan.KwClass, scan.KwIf, scan.KwElif, scan.KwElse, scan.KwWhile,
		scan.KwFor, scan.KwTry, scan.KwExcept, scan.KwFinally, scan.KwWith, scan.KwReturn, scan.KwImport,
		scan.KwFrom, scan.KwRaise, scan.KwPass, scan.KwBreak, scan.KwContinue, scan.KwDel, scan.KwAssert,
		scan.KwGlobal, scan.KwNonlocal, scan.KwAsync:
		return true
	}
	return false
}

// lineStart reports whether only blanks precede off on its line and the
// line before does not end with a backslash continuation.
func lineStart(src []byte, off int) bool {
	for i := off - 1; i >= 0; i-- {
		switch src[i] {
		case ' ', '\t', '\f':
		case '\n', '\r':
			if src[i] == '\n' && i > 0 && src[i-1] == '\r' {
				i--
			}
			return i == 0 || src[i-1] != '\\'
		default:
			return false
		}
	}
	return true
}

// column is the indentation column of off on its line (tabs to the next
// multiple of 8, a form feed resets), as the tokenizer counts it.
func column(src []byte, off int) int {
	start := off
	for start > 0 && src[start-1] != '\n' && src[start-1] != '\r' {
		start--
	}
	col := 0
	for _, b := range src[start:off] {
		switch b {
		case '\t':
			col = (col/8 + 1) * 8
		case '\f':
			col = 0
		default:
			col++
		}
	}
	return col
}
