package pyparse

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/daglint/daglint/internal/pyparse/internal/scan"
)

// strings parses an implicit concatenation of string literals, f-strings
// and t-strings into one Str (a t-string becomes an ExprTemplate holding
// it). Parts holds each piece's decoded literal text and f-string fields.
func (p *parser) strings() Expr {
	if t := p.cur(); t.Kind == scan.String {
		if k := p.peek(1); k != scan.String && k != scan.FStringStart {
			return p.plainString(t)
		}
	}
	s := p.a.strs.new()
	start := int(p.cur().Start)
	base := len(p.pstack)
	first := true
	var kinds uint8 // 1 plain, 2 bytes, 4 template
	// The first piece is always consumed, so the range is never inverted.
	for first || (!p.bad && (p.kind() == scan.String || p.kind() == scan.FStringStart)) {
		t := p.cur()
		prefix := stringPrefix(p.text(t))
		if first {
			s.Prefix = prefix
		}
		first = false
		raw := strings.IndexByte(prefix, 'r') >= 0
		bytes := strings.IndexByte(prefix, 'b') >= 0
		switch {
		case bytes:
			kinds |= 2
			s.Bytes = true
		case strings.IndexByte(prefix, 't') >= 0:
			kinds |= 4
		default:
			kinds |= 1
		}
		if t.Kind == scan.String {
			p.next()
			part := p.a.parts.new()
			p.stringPart(t, part, prefix, raw, bytes)
			p.pstack = append(p.pstack, part)
			continue
		}
		s.FString = true
		label := "f-string"
		if strings.IndexByte(prefix, 't') >= 0 {
			label = "t-string" // CPython names the kind in its messages
		}
		p.fstring(raw, label)
	}
	end := p.prevEnd()
	s.Range = Range{start, end}
	if p.escErr != "" {
		p.errorAt(p.errRange(p.cur()), tierParse, p.escErr)
		p.escErr = ""
	}
	if len(p.pstack) == base {
		part := p.a.parts.new()
		part.Range = Range{end, end}
		p.pstack = append(p.pstack, part)
	}
	s.Parts = p.a.partList.copy(p.pstack[base:])
	p.pstack = p.pstack[:base]
	if kinds&(kinds-1) != 0 && !p.bad {
		msg := "cannot mix bytes and nonbytes literals"
		if kinds&4 != 0 {
			msg = "cannot mix t-string literals with string or bytes literals"
		}
		p.errorAt(p.errRange(p.cur()), tierParse, msg)
	}
	if kinds&4 != 0 {
		return p.other(ExprTemplate, s.Range, s)
	}
	return s
}

// plainString parses a string literal that is not part of an implicit
// concatenation: its Str, part and part list come from one slab value.
func (p *parser) plainString(t scan.Token) Expr {
	p.next()
	lit := p.a.lits.new()
	s, part := &lit.s, &lit.part
	prefix := stringPrefix(p.text(t))
	s.Prefix = prefix
	s.Range = p.rng(t)
	raw := strings.IndexByte(prefix, 'r') >= 0
	s.Bytes = strings.IndexByte(prefix, 'b') >= 0
	p.stringPart(t, part, prefix, raw, s.Bytes)
	lit.slot[0] = part
	s.Parts = lit.slot[:]
	if p.escErr != "" {
		p.errorAt(p.errRange(p.cur()), tierParse, p.escErr)
		p.escErr = ""
	}
	return s
}

// stringPart fills part with the body of the String token t and its
// decoded value.
func (p *parser) stringPart(t scan.Token, part *StrPart, prefix string, raw, bytes bool) {
	q := quoteLen(p.s[int(t.Start)+len(prefix) : t.End])
	body := Range{int(t.Start) + len(prefix) + q, int(t.End) - q}
	if body.End < body.Start {
		body.End = body.Start
	}
	text := p.s[body.Start:body.End]
	part.Range = body
	p.checkLiteralUTF8(body, Range{int(t.Start), int(t.End)})
	v, err := stringValue(p.src, t, text, raw, bytes)
	part.Lit = v
	p.decodeError(err)
}

// stringValue is the value of the String token t of src, whose body is
// text: escapes (and a bytes literal's non-ASCII text) go to the scanner's
// decoder, anything else is read as written.
func stringValue(src []byte, t scan.Token, text string, raw, bytes bool) (string, *scan.Error) {
	if (bytes && !isASCII(text)) || (!raw && strings.IndexByte(text, '\\') >= 0) {
		v, _, err := scan.DecodeString(src, t)
		return v, err
	}
	return decodeLiteral(text, false), nil
}

// middleValue is the value of an f-string's literal text src[start:end]
// (text), one or more FStringMiddle tokens read as one piece: escapes go
// to the scanner's decoder unless raw, doubled braces read as one.
func middleValue(src []byte, start, end int, text string, raw bool) (string, *scan.Error) {
	if !raw && strings.IndexByte(text, '\\') >= 0 {
		return scan.DecodeFStringMiddle(src, scan.Token{Kind: scan.FStringMiddle, Start: int32(start), End: int32(end)}, raw)
	}
	return decodeLiteral(text, true), nil
}

// decodeError records a literal's decoding error: a bytes literal with
// non-ASCII text at the literal; an escape error is kept in p.escErr until
// the end of the implicit concatenation, where CPython reports it.
func (p *parser) decodeError(err *scan.Error) {
	switch {
	case err == nil:
	case strings.HasPrefix(err.Msg, "bytes can only"):
		p.errorAt(Range{int(err.Start), int(err.End)}, tierParse, err.Msg)
	case p.escErr == "":
		p.escErr = err.Msg
	}
}

// stringPrefix returns the lowercased prefix letters of a string token.
func stringPrefix(tok string) string {
	n := 0
	for n < len(tok) && tok[n] != '\'' && tok[n] != '"' {
		n++
	}
	if n == 0 {
		return ""
	}
	return strings.ToLower(tok[:n])
}

// quoteLen is the length of the quotes opening s (1 or 3).
func quoteLen(s string) int {
	if len(s) >= 6 && (strings.HasPrefix(s, `"""`) || strings.HasPrefix(s, "'''")) {
		return 3
	}
	return 1
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// fstring parses one f-string or t-string from its FStringStart to its
// FStringEnd, appending its parts; label ("f-string" or "t-string") starts
// its error messages, as CPython's do.
func (p *parser) fstring(raw bool, label string) {
	p.next()
	if !p.enterBracket() {
		return
	}
	base := len(p.pstack)
	defer p.leave()
	litStart, litEnd := -1, -1
	flush := func() {
		if litStart < 0 {
			return
		}
		part := p.a.parts.new()
		part.Range = Range{litStart, litEnd}
		v, err := middleValue(p.src, litStart, litEnd, p.s[litStart:litEnd], raw)
		part.Lit = v
		p.decodeError(err)
		p.pstack = append(p.pstack, part)
		litStart = -1
	}
	for !p.bad {
		switch p.kind() {
		case scan.FStringMiddle:
			t := p.next()
			if litStart < 0 {
				litStart = int(t.Start)
			}
			litEnd = int(t.End)
		case scan.LBrace:
			flush()
			p.field(label)
		case scan.FStringEnd:
			flush()
			t := p.next()
			if len(p.pstack) == base {
				part := p.a.parts.new()
				part.Range = Range{int(t.Start), int(t.Start)}
				p.pstack = append(p.pstack, part)
			}
			return
		default:
			flush()
			p.failHere("")
			return
		}
	}
}

// field parses one replacement field `{expr=!r:spec}`.
func (p *parser) field(label string) {
	open := p.next()
	switch t := p.cur(); t.Kind {
	case scan.RBrace, scan.Colon, scan.Exclamation, scan.Equal:
		// No expression: CPython names the token that came instead.
		p.fail(p.rng(t), label+": valid expression required before '"+p.text(t)+"'")
		return
	}
	x := p.annotatedRHS()
	if p.bad {
		return
	}
	part := p.a.parts.new()
	part.Expr = x
	if p.kind() == scan.Equal {
		eq := p.next()
		lit := p.a.parts.new()
		lit.Range = Range{int(open.End), int(eq.End)}
		lit.Lit = p.s[open.End:eq.End]
		p.pstack = append(p.pstack, lit)
		part.Conversion = "r"
	}
	if p.kind() == scan.Exclamation {
		p.next()
		t := p.cur()
		if t.Kind != scan.Name {
			p.fail(p.rng(t), label+": missing conversion character")
			return
		}
		p.next()
		conv := p.text(t)
		if conv != "s" && conv != "r" && conv != "a" {
			p.fail(p.rng(t), label+": invalid conversion character '"+shortName(conv)+"': expected 's', 'r', or 'a'")
			return
		}
		part.Conversion = conv
	}
	if p.kind() == scan.Colon {
		p.next()
		if part.Conversion == "r" && p.s[open.End:p.tok[p.i-1].Start] != "" {
			// `{x=:spec}` formats the value: no implicit repr.
		}
		specStart := p.prevEnd()
		constant := true
		for !p.bad && p.kind() != scan.RBrace {
			switch p.kind() {
			case scan.FStringMiddle:
				p.next()
			case scan.LBrace:
				constant = false
				sub := len(p.pstack)
				p.field(label)
				p.pstack = p.pstack[:sub]
			default:
				p.failHere(label + ": expecting '}'")
			}
		}
		if constant {
			part.FormatSpec = p.s[specStart:p.prevEnd()]
		} else {
			part.FormatSpec = "?"
		}
		if part.FormatSpec == "" {
			part.FormatSpec = ""
		}
	}
	if p.bad {
		return
	}
	if p.kind() != scan.RBrace {
		p.failHere(label + ": expecting '}'")
		return
	}
	cl := p.next()
	part.Range = Range{int(open.Start), int(cl.End)}
	p.pstack = append(p.pstack, part)
}

// shortName shows a name or token in a message: whole when it is no longer
// than a keyword (8 characters), else its first 4 characters and its
// length, so that no message repeats a secret.
func shortName(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= 8 {
		return s
	}
	i, k := 0, 0
	for i = range s {
		if k == 4 {
			break
		}
		k++
	}
	return s[:i] + "... (" + strconv.Itoa(n) + " characters)"
}

// decodeLiteral is the value of a literal's text that has no escapes to
// decode (the literal is raw or has no backslash; the others go through
// scan's decoders): doubled braces in f-strings read as one, and a line
// break inside a triple-quoted string is "\n" whatever the file uses, as
// Python reads source with universal newlines: "\r\n" and a lone "\r"
// become "\n". Ranges still cover the original bytes.
func decodeLiteral(text string, fstr bool) string {
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	}
	if fstr && (strings.Contains(text, "{{") || strings.Contains(text, "}}")) {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "{{", "{"), "}}", "}")
	}
	return text
}
