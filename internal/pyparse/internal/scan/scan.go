package scan

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// CPython's tokenizer limits.
const (
	tabSize        = 8   // a tab advances the column to the next multiple of 8
	maxIndent      = 100 // MAXINDENT: "too many levels of indentation"
	maxLevel       = 200 // MAXLEVEL: "too many nested parentheses"
	maxFStrings    = 150 // MAXFSTRINGLEVEL: "too many nested f-strings or t-strings"
	maxExprNesting = 3   // MAX_EXPR_NESTING: "f-string: expressions nested too deeply"
)

// MaxErrors is the most errors one Scan records; CPython stops at the
// first, and error-dense input must not cost more than clean input.
const MaxErrors = 1000

// Error classes.
const (
	classSyntax      = "SyntaxError"
	classIndentation = "IndentationError"
	classTab         = "TabError"
)

// Scan tokenizes src into res, reusing the capacity of res's slices. Errors
// do not stop it: every error is recorded in res.Errors and scanning goes
// on, so res.Tokens always covers the whole file and ends with EOF.
//
// Error positions follow CPython's SyntaxError: Start is the byte offset of
// the character its offset points at (offset = 1 + the characters between
// the line's start and Start), End likewise for end_offset, so most errors
// have End == Start. Errors are in the order CPython's tokenizer meets
// them, which is source order except that "'(' was never closed" comes at
// the end, when the end of the file is reached; a source with a NUL byte
// has "source code string cannot contain null bytes" first, as compile()
// refuses it before tokenizing. At most MaxErrors are kept.
//
// What the parser should know about the stream:
//   - Illegal covers a character that starts no token. Where CPython's
//     tokenizer raises an error for it (invalid characters, non-printable
//     ones, a backslash not ending its line) that error is in res.Errors
//     at the same offset; for $ ? ` there is none and CPython's parser
//     says "invalid syntax" there.
//   - Recovery keeps the stream well formed: an unterminated literal
//     becomes a String token up to its line end (or the end of the file);
//     an f-string that cannot end gets a zero-width FStringEnd; an
//     unmatched closing bracket is dropped; the end of the file always
//     brings a NEWLINE (if the last line had tokens), the DEDENTs and EOF,
//     also with brackets still open.
//   - t-strings use the FString kinds; SplitString tells them apart.
//   - "<>" is one NotEqual token, which the parser must reject.
func Scan(src []byte, res *Result) {
	var s scanner
	s.init(src, res)
	s.run()
}

// scanOvershoot scans like Scan and returns the scanner's overshoot.
func scanOvershoot(src []byte, res *Result) int {
	var s scanner
	s.init(src, res)
	s.run()
	return s.overshoot
}

type paren struct {
	ch   byte
	pos  int32
	line int32
}

// fmode is the state of one open f-string or t-string.
type fmode struct {
	start     int32 // offset of its prefix
	line      int32 // line of its prefix
	level     int32 // bracket level outside it
	depth     int32 // brackets open inside its replacement fields
	exprStart int32 // depth at which the innermost open field began; -1 outside fields
	quote     byte
	quoteSize int8
	raw       bool
	tstring   bool // a PEP 750 template string
	regular   bool // tokenizing the expression of a replacement field
	inSpec    bool // in a format spec
}

// kind is "f-string" or "t-string", as CPython's messages name m.
func (m *fmode) kind() string {
	if m.tstring {
		return "t-string"
	}
	return "f-string"
}

type scanner struct {
	src   []byte
	pos   int
	res   *Result
	line  int32 // current line, 1-based
	atBOL bool

	indent  int // index of the innermost indentation level in indents
	indents [maxIndent]int32
	alts    [maxIndent]int32 // columns counting a tab as one space

	level    int
	parens   [maxLevel]paren
	overflow int // brackets opened beyond maxLevel, not on the stack

	nmodes int
	modes  [maxFStrings]fmode

	utf8Checked int // name bytes before this offset are valid UTF-8
	contErrAt   int // the backslash last reported as not ending its line

	// overshoot counts the bytes read beyond the token being scanned
	// (lookahead that later tokens read again); tests check it grows
	// linearly.
	overshoot int

	// failQuote, failFrom and failAt remember the last unterminated string
	// literal: a later literal with the same quotes that starts inside it
	// is unterminated at the same place, so its body need not be scanned
	// again (f-string recovery restarts inside such a literal).
	failQuote        [2]byte // quote character and quote length
	failFrom, failAt int
	failLine         int32 // the line at failAt
	failEscaped      int   // the offset of its last escaped quote, or -1
}

func (s *scanner) init(src []byte, res *Result) {
	s.src = src
	s.res = res
	s.line = 1
	s.atBOL = true
	s.contErrAt = -1
	res.Tokens = res.Tokens[:0]
	res.Comments = res.Comments[:0]
	res.Errors = res.Errors[:0]
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		s.pos = 3
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		// compile() refuses such a source before tokenizing it.
		s.errorAt(i, "source code string cannot contain null bytes")
	}
	if n := len(src)/6 + 16; cap(res.Tokens) < n {
		res.Tokens = make([]Token, 0, n)
	}
}

func (s *scanner) emit(k Kind, start, end int) {
	s.res.Tokens = append(s.res.Tokens, Token{Kind: k, Start: int32(start), End: int32(end)})
}

func (s *scanner) errorAt(pos int, msg string) {
	s.errorRange(pos, pos, msg, classSyntax)
}

// reporting tells whether errors are still recorded (fewer than
// MaxErrors), so that a message need be built.
func (s *scanner) reporting() bool { return len(s.res.Errors) < MaxErrors }

func (s *scanner) errorRange(start, end int, msg, class string) {
	if !s.reporting() {
		return
	}
	s.res.Errors = append(s.res.Errors, Error{Start: int32(start), End: int32(end), Msg: msg, Class: class})
}

// lastChar is the start of the character before pos: the character
// CPython's error offset points at when its cursor is at pos.
func (s *scanner) lastChar(pos int) int {
	if pos <= 0 {
		return 0
	}
	if s.src[pos-1] < utf8.RuneSelf {
		return pos - 1
	}
	_, n := utf8.DecodeLastRune(s.src[:pos])
	return pos - n
}

func (s *scanner) run() {
	for {
		if s.nmodes > 0 && !s.modes[s.nmodes-1].regular {
			s.fstring()
			continue
		}
		if !s.normal() {
			return
		}
	}
}

// lineEnd returns the length of the line end at pos (1 or 2), or 0.
func (s *scanner) lineEnd(pos int) int {
	if pos >= len(s.src) {
		return 0
	}
	switch s.src[pos] {
	case '\n':
		return 1
	case '\r':
		if pos+1 < len(s.src) && s.src[pos+1] == '\n' {
			return 2
		}
		return 1
	}
	return 0
}

// continuation handles a backslash at s.pos that should end the physical
// line. It reports whether the line continues; on false an error has been
// recorded and, if atEOF, the input is exhausted.
func (s *scanner) continuation() (ok, atEOF bool) {
	bs := s.pos
	if bs+1 >= len(s.src) {
		// CPython reads the source with a line end added at its end.
		s.pos = len(s.src)
		s.errorAt(bs+1, "unexpected EOF while parsing")
		return false, true
	}
	n := s.lineEnd(bs + 1)
	if n == 0 {
		// The indentation scan may meet this backslash before the
		// token scan does: report it once.
		if bs != s.contErrAt {
			s.contErrAt = bs
			s.errorAt(bs+1, "unexpected character after line continuation character")
		}
		return false, false
	}
	s.pos = bs + 1 + n
	s.line++
	if s.pos >= len(s.src) {
		s.errorAt(bs+1, "unexpected EOF while parsing")
		return false, true
	}
	return true, false
}

// indentation measures the indentation at the start of a line and queues
// INDENT/DEDENT tokens. It reports whether the line is blank (only
// whitespace and a comment) and whether the input ended in an error.
func (s *scanner) indentation() (blank, eof bool) {
	src := s.src
	bol := s.pos
	col, alt, contCol := 0, 0, 0
scan:
	for s.pos < len(src) {
		switch src[s.pos] {
		case ' ':
			col++
			alt++
		case '\t':
			col = (col/tabSize + 1) * tabSize
			alt++
		case '\f':
			col, alt = 0, 0
		case '\\':
			if contCol == 0 {
				contCol = col
			}
			ok, atEOF := s.continuation()
			if atEOF {
				return false, true
			}
			if !ok {
				break scan
			}
			continue
		default:
			break scan
		}
		s.pos++
	}
	if s.pos >= len(src) {
		return true, false
	}
	if c := src[s.pos]; c == '#' || c == '\n' || c == '\r' {
		return true, false
	}
	if s.level != 0 {
		return false, false
	}
	if contCol != 0 {
		col, alt = contCol, contCol
	}
	top := int(s.indents[s.indent])
	switch {
	case col == top:
		if alt != int(s.alts[s.indent]) {
			s.tabError(bol)
		}
	case col > top:
		if s.indent+1 >= maxIndent {
			s.errorRange(bol, bol, "too many levels of indentation", classIndentation)
			return false, false
		}
		if alt <= int(s.alts[s.indent]) {
			s.tabError(bol)
		}
		s.indent++
		s.indents[s.indent] = int32(col)
		s.alts[s.indent] = int32(alt)
		s.emit(Indent, bol, s.pos)
	default:
		for s.indent > 0 && col < int(s.indents[s.indent]) {
			s.indent--
			s.emit(Dedent, s.pos, s.pos)
		}
		if col != int(s.indents[s.indent]) {
			s.errorRange(s.indentErrorPos(), s.indentErrorPos(), "unindent does not match any outer indentation level", classIndentation)
		} else if alt != int(s.alts[s.indent]) {
			s.tabError(bol)
		}
	}
	return false, false
}

// indentErrorPos is where CPython reports an unindent that matches no
// outer level: the end of the offending line.
func (s *scanner) indentErrorPos() int {
	p := s.pos
	for p < len(s.src) && s.src[p] != '\n' && s.src[p] != '\r' {
		p++
	}
	s.overshoot += p - s.pos
	return p
}

func (s *scanner) tabError(bol int) {
	s.errorRange(bol, bol, "inconsistent use of tabs and spaces in indentation", classTab)
}

// normal scans tokens in regular mode (outside f-string literal parts)
// until it has emitted at least one token; it returns false after EOF.
func (s *scanner) normal() bool {
	src := s.src
	blank := false
	if s.atBOL {
		s.atBOL = false
		var eof bool
		blank, eof = s.indentation()
		if eof {
			return s.eof(false)
		}
	}
	for {
		// Skip spaces.
		for s.pos < len(src) {
			c := src[s.pos]
			if c != ' ' && c != '\t' && c != '\f' {
				break
			}
			s.pos++
		}
		start := s.pos
		if start >= len(src) {
			return s.eof(blank)
		}
		c := src[start]
		switch class[c] {
		case clsLetter:
			s.nameOrString()
			return true
		case clsDigit:
			s.number(start)
			return true
		case clsNonASCII:
			s.nonASCIIName(start)
			return true
		case clsQuote:
			s.stringAt(start, start)
			return true
		case clsLineEnd: // '#', '\n', '\r'
			if c == '#' {
				p := start + 1
				for p < len(src) && src[p] != '\n' && src[p] != '\r' {
					p++
				}
				s.res.Comments = append(s.res.Comments, [2]int32{int32(start), int32(p)})
				s.pos = p
				if p >= len(src) {
					return s.eof(blank)
				}
			}
			n := s.lineEnd(s.pos)
			s.pos += n
			s.line++
			if blank || s.level > 0 {
				var eof bool
				blank, eof = s.indentation()
				if eof {
					return s.eof(false)
				}
				continue
			}
			s.emit(Newline, s.pos-n, s.pos)
			s.atBOL = true
			return true
		case clsBackslash:
			ok, atEOF := s.continuation()
			if atEOF {
				return s.eof(false)
			}
			if !ok {
				s.pos = start + 1
				s.emit(Illegal, start, s.pos)
				return true
			}
			continue
		case clsOp:
			s.operator(start)
			return true
		default:
			s.pos = start + 1
			if c != 0 && (c < ' ' || c == 0x7f) {
				if s.reporting() {
					s.errorAt(start, "invalid non-printable character U+"+hex4(rune(c)))
				}
			}
			s.emit(Illegal, start, s.pos)
			return true
		}
	}
}

// eof emits the end of the input: a NEWLINE if the last logical line was
// not ended, the DEDENTs back to column 0, and EOF.
func (s *scanner) eof(blank bool) bool {
	n := len(s.src)
	toks := s.res.Tokens
	if !blank && len(toks) > 0 && toks[len(toks)-1].Kind != Newline {
		s.emit(Newline, n, n)
	}
	if s.level > 0 {
		p := s.parens[s.level-1]
		if s.reporting() {
			s.errorAt(int(p.pos), "'"+string(p.ch)+"' was never closed")
		}
	}
	for ; s.indent > 0; s.indent-- {
		s.emit(Dedent, n, n)
	}
	s.emit(EOF, n, n)
	return false
}

// hex4 is r in upper-case hex, at least 4 digits, as in "U+00A0".
func hex4(r rune) string { return fmt.Sprintf("%04X", r) }
