package pyparse

import (
	"bytes"
	"strings"

	"github.com/daglint/daglint/internal/pyparse/internal/scan"
)

// TokenKind is the class of a token in a Tokens view.
type TokenKind uint8

// Token kinds of a Tokens view.
const (
	TokenOther         TokenKind = iota // a number
	TokenName                           // an identifier or soft keyword
	TokenKeyword                        // a hard keyword (if, def, None, ...)
	TokenOp                             // an operator or delimiter; Is tells which
	TokenString                         // a whole string or bytes literal, prefix and quotes included
	TokenFStringStart                   // an f-string's or t-string's prefix and opening quotes
	TokenFStringMiddle                  // literal text of an f-string or of a format spec, as written
	TokenFStringEnd                     // an f-string's closing quotes
	TokenNewline                        // the line structure: end of a logical line, indent, dedent
	TokenIllegal                        // a character that starts no token
	TokenEOF                            // the end of the file
)

// tokenKinds maps the scanner's kinds to the view's.
var tokenKinds = func() (m [scan.NumKinds]TokenKind) {
	for k := scan.Kind(0); k < scan.NumKinds; k++ {
		switch {
		case k.IsOperator():
			m[k] = TokenOp
		case k.IsKeyword():
			m[k] = TokenKeyword
		}
	}
	m[scan.Name] = TokenName
	m[scan.String] = TokenString
	m[scan.FStringStart] = TokenFStringStart
	m[scan.FStringMiddle] = TokenFStringMiddle
	m[scan.FStringEnd] = TokenFStringEnd
	m[scan.Newline], m[scan.Indent], m[scan.Dedent] = TokenNewline, TokenNewline, TokenNewline
	m[scan.Illegal] = TokenIllegal
	m[scan.EOF] = TokenEOF
	return m
}()

// Tokens is the tokenizer's view of a file, for prefilters that decide
// from the tokens alone whether the file needs parsing. Token i has a kind,
// a byte range and its text; the view always ends with a TokenEOF. Inside
// an f-string's replacement fields the tokens are those of the expression
// (the field's braces are the operators "{" and "}").
type Tokens struct {
	src   []byte
	toks  []scan.Token
	error bool
}

// Tokenize scans src into a Tokens view of its own (ParseIf reuses a
// pooled parser's scan instead).
func Tokenize(src []byte) *Tokens {
	var res scan.Result
	scan.Scan(src, &res)
	return &Tokens{src: src, toks: res.Tokens, error: len(res.Errors) > 0}
}

// Len is the number of tokens, the final TokenEOF included.
func (t *Tokens) Len() int { return len(t.toks) }

// ScanFailed reports whether the tokenizer found an error. The parser then
// recovers by rescanning and relaying out parts of the file, so the view
// is not the token stream it parses.
func (t *Tokens) ScanFailed() bool { return t.error }

// Kind is the kind of token i.
func (t *Tokens) Kind(i int) TokenKind { return tokenKinds[t.toks[i].Kind] }

// Bytes is the source text of token i (a slice of the source: callers must
// not change it).
func (t *Tokens) Bytes(i int) []byte {
	tk := t.toks[i]
	return t.src[tk.Start:tk.End]
}

// Range is the byte range of token i.
func (t *Tokens) Range(i int) Range {
	tk := t.toks[i]
	return Range{int(tk.Start), int(tk.End)}
}

// Is reports whether token i is the operator or keyword op ("=", ":=",
// "(", "lambda" ...).
func (t *Tokens) Is(i int, op string) bool {
	tk := t.toks[i]
	if int(tk.End-tk.Start) != len(op) {
		return false
	}
	if k := tokenKinds[tk.Kind]; k != TokenOp && k != TokenKeyword {
		return false
	}
	return string(t.src[tk.Start:tk.End]) == op
}

// Bracket is 1 when token i opens a bracket ( [ {, -1 when it closes one,
// else 0.
func (t *Tokens) Bracket(i int) int {
	switch t.toks[i].Kind {
	case scan.LPar, scan.LSqb, scan.LBrace:
		return 1
	case scan.RPar, scan.RSqb, scan.RBrace:
		return -1
	}
	return 0
}

// FStringRaw reports whether token i, an FStringStart, opens a raw f-string
// (its prefix holds an r), whose literal text is read as written.
func (t *Tokens) FStringRaw(i int) bool {
	p, _, _ := scan.SplitString(t.Bytes(i))
	return p&scan.PrefixRaw != 0
}

// StringValue is the value of token i, a String, as the parser decodes it
// (Str.Value of the literal alone); false when its escapes are invalid.
func (t *Tokens) StringValue(i int) (string, bool) {
	tk := t.toks[i]
	p, _, body := scan.SplitString(t.src[tk.Start:tk.End])
	v, err := stringValue(t.src, tk, string(body), p&scan.PrefixRaw != 0, p&scan.PrefixBytes != 0)
	return v, err == nil
}

// MiddleValue is the text of the FStringMiddle tokens from i to end
// (exclusive), read as one piece of literal text the way the parser reads
// consecutive ones; raw says whether the f-string is raw. False when its
// escapes are invalid.
func (t *Tokens) MiddleValue(i, end int, raw bool) (string, bool) {
	start, stop := int(t.toks[i].Start), int(t.toks[end-1].End)
	v, err := middleValue(t.src, start, stop, string(t.src[start:stop]), raw)
	return v, err == nil
}

// Literal is a run of adjacent string literals and f-strings (an implicit
// concatenation) in a Tokens view, as Tokens.Literal reads it.
type Literal struct {
	t *Tokens
	// Start and End are the indexes of its first token and of the token
	// after it.
	Start, End int
	// Pieces counts its string literals and f-strings.
	Pieces int
	// Fields tells whether an f-string of it has a replacement field.
	Fields bool
	// Escaped tells whether a piece of its own text holds a backslash.
	Escaped bool
}

// Literal reads the run of string literals and f-strings that starts at
// token i, a TokenString or TokenFStringStart.
func (t *Tokens) Literal(i int) Literal {
	l := Literal{t: t, Start: i, End: i}
	for l.End < len(t.toks) {
		switch t.toks[l.End].Kind {
		case scan.String:
			l.Escaped = l.Escaped || bytes.IndexByte(t.Bytes(l.End), '\\') >= 0
			l.End++
		case scan.FStringStart:
			l.End = t.skipFString(l.End, &l)
		default:
			return l
		}
		l.Pieces++
	}
	return l
}

// skipFString returns the index after the f-string that starts at token i,
// noting in l its fields and its own text's backslashes.
func (t *Tokens) skipFString(i int, l *Literal) int {
	depth := 0 // f-strings open within this one's fields
	for j := i + 1; j < len(t.toks); j++ {
		switch t.toks[j].Kind {
		case scan.FStringStart:
			depth++
		case scan.FStringEnd:
			if depth == 0 {
				return j + 1
			}
			depth--
		case scan.LBrace:
			l.Fields = true // a field's brace: "{{" is text
		case scan.FStringMiddle:
			l.Escaped = l.Escaped || bytes.IndexByte(t.Bytes(j), '\\') >= 0
		case scan.EOF:
			return j
		}
	}
	return len(t.toks)
}

// Raw is the literal's value when it is its source text as written: one
// piece without fields, escapes, doubled braces or carriage returns (no
// copy is made; callers must not change it).
func (l Literal) Raw() ([]byte, bool) {
	t := l.t
	if l.Pieces != 1 || l.Fields || l.Escaped {
		return nil, false
	}
	var body []byte
	switch n := l.End - l.Start; {
	case t.toks[l.Start].Kind == scan.String:
		p, _, b := scan.SplitString(t.Bytes(l.Start))
		for _, c := range b {
			if c >= 0x80 && p&scan.PrefixBytes != 0 {
				return nil, false // a bytes literal cannot hold it
			}
		}
		body = b
	case n == 3 && t.toks[l.Start+1].Kind == scan.FStringMiddle:
		body = t.Bytes(l.Start + 1)
		for i := 0; i+1 < len(body); i++ {
			if (body[i] == '{' || body[i] == '}') && body[i+1] == body[i] {
				return nil, false
			}
		}
	case n == 2:
		return nil, true // f""
	default:
		return nil, false
	}
	if bytes.IndexByte(body, '\r') >= 0 {
		return nil, false
	}
	return body, true
}

// Text is the literal's own text as the parser decodes it: its pieces
// joined, replacement fields left out (so it is Str.Value when the literal
// has no fields); false when an escape is invalid.
func (l Literal) Text() (string, bool) {
	t := l.t
	var b strings.Builder
	for j := l.Start; j < l.End; {
		if t.toks[j].Kind == scan.String {
			v, ok := t.StringValue(j)
			if !ok {
				return "", false
			}
			b.WriteString(v)
			j++
			continue
		}
		raw := t.FStringRaw(j)
		level := 0 // open replacement fields of this f-string
		for j++; j < l.End; j++ {
			k := t.toks[j].Kind
			if level == 0 && k == scan.FStringEnd {
				j++
				break
			}
			switch {
			case k == scan.LBrace:
				level++
			case k == scan.RBrace:
				level--
			case level == 0 && k == scan.FStringMiddle:
				end := j + 1
				for end < l.End && t.toks[end].Kind == scan.FStringMiddle {
					end++
				}
				v, ok := t.MiddleValue(j, end, raw)
				if !ok {
					return "", false
				}
				b.WriteString(v)
				j = end - 1
			}
		}
	}
	return b.String(), true
}

// ParseIf scans src with a pooled Parser and asks need, with the tokens,
// whether the file needs parsing. If so, it parses it from the same scan
// (nothing is scanned twice) and returns the File, as Parse would;
// otherwise it returns nil. The Tokens are valid only during the call.
func ParseIf(path string, src []byte, need func(*Tokens) bool) *File {
	p := parserPool.Get().(*Parser)
	defer parserPool.Put(p)
	if p.closed || len(src) > maxSource {
		return p.Parse(path, src)
	}
	scan.Scan(src, &p.res)
	if !need(&Tokens{src: src, toks: p.res.Tokens, error: len(p.res.Errors) > 0}) {
		return nil
	}
	p.scanned = true
	return p.Parse(path, src)
}
