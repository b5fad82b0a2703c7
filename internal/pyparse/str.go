package pyparse

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// str converts a string or a concatenated_string into one Str.
func (c *conv) str(i int) Expr {
	s := &Str{Range: c.rng(i)}
	if c.kind(i) == kString {
		c.strPiece(i, s, true)
	} else {
		first := true
		for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
			if c.kind(ch) == kString {
				c.strPiece(ch, s, first)
				first = false
			}
		}
	}
	if len(s.Parts) == 0 {
		// An empty literal still has one (empty) part, placed inside the quotes.
		at := s.Start
		piece := i
		if c.kind(i) == kConcatenatedString {
			piece = c.childKind(i, kString)
		}
		if piece >= 0 {
			if st := c.childKind(piece, kStringStart); st >= 0 {
				at = int(c.n[st].end)
			}
		}
		s.Parts = []*StrPart{{Range: Range{at, at}}}
	}
	return s
}

// strPiece appends the parts of one string node to s.
func (c *conv) strPiece(i int, s *Str, first bool) {
	var raw, fstr, bytes bool
	litStart, litEnd := -1, -1
	flush := func() {
		if litStart < 0 {
			return
		}
		text := c.s[litStart:litEnd]
		s.Parts = append(s.Parts, &StrPart{Range: Range{litStart, litEnd}, Lit: decodeLiteral(text, raw, bytes, fstr)})
		litStart = -1
	}
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		switch c.kind(ch) {
		case kStringStart:
			prefix := strings.ToLower(strings.TrimRight(c.text(ch), "'\"`"))
			raw = strings.Contains(prefix, "r")
			fstr = strings.Contains(prefix, "f")
			bytes = strings.Contains(prefix, "b")
			if first {
				s.Prefix = prefix
			}
			s.FString = s.FString || fstr
			s.Bytes = s.Bytes || bytes
		case kStringContent:
			if litStart < 0 {
				litStart = int(c.n[ch].start)
			}
			litEnd = int(c.n[ch].end)
		case kInterpolation:
			flush()
			s.Parts = append(s.Parts, c.interpolation(ch))
		}
	}
	flush()
}

// interpolation converts an f-string replacement field.
func (c *conv) interpolation(i int) *StrPart {
	p := &StrPart{Range: c.rng(i)}
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		switch c.fieldOf(ch) {
		case fExpression:
			p.Expr = c.expr(ch)
		case fTypeConversion:
			p.Conversion = strings.TrimPrefix(c.text(ch), "!")
		case fFormatSpecifier:
			if c.childKind(ch, kFormatExpression) >= 0 {
				p.FormatSpec = "?"
			} else {
				p.FormatSpec = strings.TrimPrefix(c.text(ch), ":")
			}
		}
	}
	if p.Expr == nil {
		p.Expr = &OtherExpr{Range: Range{p.Start, p.Start}, Kind: "missing"}
	}
	return p
}

// decodeLiteral decodes the literal text of a string: escape sequences unless
// raw, and doubled braces in f-strings. A line break inside a triple-quoted
// string is "\n" in the value whatever the file uses, as Python reads
// source with universal newlines: "\r\n" becomes "\n" (Parse has already
// turned lone "\r" into "\n"). Ranges still cover the original bytes.
func decodeLiteral(text string, raw, bytes, fstr bool) string {
	if strings.Contains(text, "\r\n") {
		text = strings.ReplaceAll(text, "\r\n", "\n")
	}
	if fstr && (strings.Contains(text, "{{") || strings.Contains(text, "}}")) {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "{{", "{"), "}}", "}")
	}
	if raw || strings.IndexByte(text, '\\') < 0 {
		return text
	}
	return decodeEscapes(text, bytes)
}

// decodeEscapes decodes Python backslash escapes. \N{...} and unknown escapes
// are kept as written; in bytes literals \x and octal escapes give one byte
// and \u, \U, \N are not escapes.
func decodeEscapes(s string, bytes bool) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch != '\\' || i+1 >= len(s) {
			b = append(b, ch)
			continue
		}
		i++
		switch e := s[i]; e {
		case '\n':
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case '\\', '\'', '"':
			b = append(b, e)
		case 'a':
			b = append(b, '\a')
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'v':
			b = append(b, '\v')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i
			for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(s[i:j], 8, 32)
			b = appendCode(b, rune(v), bytes)
			i = j - 1
		case 'x', 'u', 'U':
			n := 2
			if e == 'u' {
				n = 4
			} else if e == 'U' {
				n = 8
			}
			if (e != 'x' && bytes) || i+1+n > len(s) {
				b = append(b, '\\', e)
				continue
			}
			v, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32)
			if err != nil || (e != 'x' && (v > utf8.MaxRune)) {
				b = append(b, '\\', e)
				continue
			}
			b = appendCode(b, rune(v), bytes)
			i += n
		default:
			b = append(b, '\\', e)
		}
	}
	return string(b)
}

func appendCode(b []byte, r rune, bytes bool) []byte {
	if bytes {
		return append(b, byte(r))
	}
	return utf8.AppendRune(b, r)
}
