package scan

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/runenames"
)

// Prefix is a string literal's prefix, as flags.
type Prefix uint8

// Prefix flags; a prefix's letters may come in any case and order.
const (
	PrefixRaw     Prefix = 1 << iota // r
	PrefixBytes                      // b
	PrefixUnicode                    // u
	PrefixF                          // f
	PrefixT                          // t
)

// SplitString splits the text of a String or FStringStart token into its
// prefix, its quote length (1 or 3) and, for a String, its body between
// the quotes.
func SplitString(tok []byte) (p Prefix, quoteLen int, body []byte) {
	i := 0
	for ; i < len(tok) && tok[i] != '\'' && tok[i] != '"'; i++ {
		switch tok[i] | 0x20 {
		case 'r':
			p |= PrefixRaw
		case 'b':
			p |= PrefixBytes
		case 'u':
			p |= PrefixUnicode
		case 'f':
			p |= PrefixF
		case 't':
			p |= PrefixT
		}
	}
	quoteLen = 1
	if len(tok)-i >= 6 && tok[i+1] == tok[i] && tok[i+2] == tok[i] {
		quoteLen = 3
	} else if len(tok)-i == 3 && tok[i+1] == tok[i] && tok[i+2] == tok[i] {
		quoteLen = 3 // the FStringStart of a triple-quoted f-string
	}
	if lo, hi := i+quoteLen, len(tok)-quoteLen; lo <= hi {
		body = tok[lo:hi]
	}
	return p, quoteLen, body
}

// DecodeString decodes the String token t of src: its value (for a bytes
// literal, the bytes as a string) and whether it is a bytes literal. It
// applies the escapes \n \t \\ \' \" \a \b \f \v \r \ooo \xhh and, in
// str literals, \uXXXX \UXXXXXXXX \N{NAME}; a backslash before a line end
// joins the lines; "\r\n" and "\r" read as "\n". An unknown escape such
// as \d is kept with its backslash (CPython only warns).
//
// The error, if any, has CPython's message. Its Start and End cover the
// offending escape in src, or the whole token for "bytes can only contain
// ASCII literal characters"; CPython itself reports escape errors at the
// token that follows the string (or its implicit concatenation).
func DecodeString(src []byte, t Token) (val string, isBytes bool, err *Error) {
	tok := src[t.Start:t.End]
	p, q, body := SplitString(tok)
	bodyStart := int(t.Start) + len(tok) - len(body) - q
	isBytes = p&PrefixBytes != 0
	if isBytes {
		for _, c := range body {
			if c >= utf8.RuneSelf {
				return "", true, &Error{Start: t.Start, End: t.End, Msg: "bytes can only contain ASCII literal characters", Class: classSyntax}
			}
		}
	}
	if !needsDecoding(body) {
		return string(body), isBytes, nil
	}
	var d decoder
	d.raw = p&PrefixRaw != 0
	d.bytes = isBytes
	d.base = bodyStart
	d.out = make([]byte, 0, len(body))
	if e := d.decode(body); e != nil {
		return "", isBytes, e
	}
	return string(d.out), isBytes, nil
}

// DecodeFStringMiddle decodes the FStringMiddle token t of src, the
// literal text of an f-string or t-string (raw tells whether its prefix
// has an r): escapes as DecodeString does for str literals, and "{{" and
// "}}" read as "{" and "}". Errors are as DecodeString's, with positions
// counted within this piece as CPython does.
func DecodeFStringMiddle(src []byte, t Token, raw bool) (string, *Error) {
	body := src[t.Start:t.End]
	if !needsDecoding(body) && !hasDoubledBrace(body) {
		return string(body), nil
	}
	var d decoder
	d.raw = raw
	d.fstring = true
	d.base = int(t.Start)
	d.out = make([]byte, 0, len(body))
	if e := d.decode(body); e != nil {
		return "", e
	}
	return string(d.out), nil
}

func needsDecoding(b []byte) bool {
	for _, c := range b {
		if c == '\\' || c == '\r' {
			return true
		}
	}
	return false
}

func hasDoubledBrace(b []byte) bool {
	for i := 0; i+1 < len(b); i++ {
		if (b[i] == '{' || b[i] == '}') && b[i+1] == b[i] {
			return true
		}
	}
	return false
}

// decoder decodes one string body into out.
type decoder struct {
	raw, bytes, fstring bool
	base                int // offset of the body in the source
	out                 []byte
	// pos is the current position as CPython's codec counts it: in the
	// body with line ends read as one "\n", and, for str literals, every
	// non-ASCII character counted as its 10-byte \UXXXXXXXX form.
	pos int
}

func (d *decoder) decode(b []byte) *Error {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '\r':
			d.out = append(d.out, '\n')
			i++
			if i < len(b) && b[i] == '\n' {
				i++
			}
			d.pos++
		case c >= utf8.RuneSelf:
			_, n := utf8.DecodeRune(b[i:])
			d.out = append(d.out, b[i:i+n]...)
			i += n
			d.pos += 10
		case d.fstring && (c == '{' || c == '}') && i+1 < len(b) && b[i+1] == c:
			// CPython's tokens split after a doubled brace, and it counts
			// positions from the start of each.
			d.out = append(d.out, c)
			i += 2
			d.pos = 0
		case c != '\\':
			d.out = append(d.out, c)
			i++
			d.pos++
		case d.raw:
			d.out = append(d.out, '\\')
			i++
			d.pos++
		default:
			n, err := d.escape(b, i)
			if err != nil {
				return err
			}
			i = n
		}
	}
	return nil
}

// escape decodes the escape sequence whose backslash is at b[i] and returns
// the index after it.
func (d *decoder) escape(b []byte, i int) (int, *Error) {
	start := d.pos
	if i+1 >= len(b) || b[i+1] >= utf8.RuneSelf {
		// A backslash at the end of an f-string piece or before a
		// non-ASCII character stays (CPython writes it as \u005c).
		d.out = append(d.out, '\\')
		d.pos += 6
		return i + 1, nil
	}
	c := b[i+1]
	if d.fstring && (c == '{' || c == '}') {
		// Not an escape: the backslash stays and the brace is read as
		// a brace.
		d.out = append(d.out, '\\')
		d.pos++
		return i + 1, nil
	}
	j := i + 2
	d.pos += 2
	switch c {
	case '\n':
		return j, nil
	case '\r':
		if j < len(b) && b[j] == '\n' {
			j++
		}
		return j, nil
	case '\\', '\'', '"':
		d.out = append(d.out, c)
	case 'a':
		d.out = append(d.out, 7)
	case 'b':
		d.out = append(d.out, 8)
	case 'f':
		d.out = append(d.out, 12)
	case 'n':
		d.out = append(d.out, '\n')
	case 'r':
		d.out = append(d.out, '\r')
	case 't':
		d.out = append(d.out, '\t')
	case 'v':
		d.out = append(d.out, 11)
	case '0', '1', '2', '3', '4', '5', '6', '7':
		v := int(c - '0')
		for k := 0; k < 2 && j < len(b) && b[j] >= '0' && b[j] <= '7'; k++ {
			v = v*8 + int(b[j]-'0')
			j++
			d.pos++
		}
		if d.bytes {
			d.out = append(d.out, byte(v))
		} else {
			d.out = utf8.AppendRune(d.out, rune(v))
		}
	case 'x':
		return d.hex(b, i, j, 2, start)
	case 'u', 'U':
		if d.bytes {
			d.out = append(d.out, '\\', c)
			break
		}
		if c == 'u' {
			return d.hex(b, i, j, 4, start)
		}
		return d.hex(b, i, j, 8, start)
	case 'N':
		if d.bytes {
			d.out = append(d.out, '\\', c)
			break
		}
		return d.named(b, i, j, start)
	default:
		d.out = append(d.out, '\\', c)
	}
	return j, nil
}

// hex decodes the n hex digits of a \x, \u or \U escape from b[j].
func (d *decoder) hex(b []byte, i, j, n, start int) (int, *Error) {
	v := 0
	for k := 0; k < n; k++ {
		if j >= len(b) || !isHex(int(b[j])) {
			if d.bytes {
				return 0, d.err(i, j, "(value error) invalid \\x escape at position "+strconv.Itoa(start))
			}
			return 0, d.unicodeErr(i, j, start, d.pos, truncated[n])
		}
		v = v*16 + hexVal(b[j])
		j++
		d.pos++
	}
	switch {
	case d.bytes:
		d.out = append(d.out, byte(v))
	case v > unicode.MaxRune:
		return 0, d.unicodeErr(i, j, start, d.pos, "illegal Unicode character")
	case v >= 0xD800 && v <= 0xDFFF:
		// A lone surrogate: CPython keeps it; UTF-8 cannot, so it reads
		// as U+FFFD here.
		d.out = utf8.AppendRune(d.out, utf8.RuneError)
	default:
		d.out = utf8.AppendRune(d.out, rune(v))
	}
	return j, nil
}

var truncated = map[int]string{2: `truncated \xXX escape`, 4: `truncated \uXXXX escape`, 8: `truncated \UXXXXXXXX escape`}

func hexVal(c byte) int {
	switch {
	case c <= '9':
		return int(c - '0')
	case c >= 'a':
		return int(c-'a') + 10
	}
	return int(c-'A') + 10
}

// named decodes a \N{NAME} escape; j is after the N.
func (d *decoder) named(b []byte, i, j, start int) (int, *Error) {
	const malformed = `malformed \N character escape`
	if j >= len(b) || b[j] != '{' {
		return 0, d.unicodeErr(i, j, start, d.pos, malformed)
	}
	nameStart := j + 1
	k := nameStart
	for k < len(b) && b[k] != '}' {
		k++
	}
	// Positions as CPython counts them, non-ASCII name characters as 10.
	width := 0
	for _, r := range string(b[nameStart:k]) {
		if r >= utf8.RuneSelf {
			width += 10
		} else {
			width++
		}
	}
	if k >= len(b) {
		return 0, d.unicodeErr(i, k, start, d.pos+1+width, malformed)
	}
	if k == nameStart {
		return 0, d.unicodeErr(i, k, start, d.pos+1, malformed)
	}
	r, ok := LookupName(string(b[nameStart:k]))
	if !ok {
		return 0, d.unicodeErr(i, k+1, start, d.pos+2+width, "unknown Unicode character name")
	}
	d.pos += 2 + width
	if d.fstring {
		d.pos = 0 // an f-string token ends after \N{...}
	}
	d.out = utf8.AppendRune(d.out, r)
	return k + 1, nil
}

func (d *decoder) err(i, j int, msg string) *Error {
	return &Error{Start: int32(d.base + i), End: int32(d.base + j), Msg: msg, Class: classSyntax}
}

// unicodeErr is the unicodeescape codec's error for the escape at b[i:j],
// which CPython counts as positions from to end-1.
func (d *decoder) unicodeErr(i, j, from, end int, reason string) *Error {
	return d.err(i, j, "(unicode error) 'unicodeescape' codec can't decode bytes in position "+
		strconv.Itoa(from)+"-"+strconv.Itoa(end-1)+": "+reason)
}

var (
	namesOnce sync.Once
	names     map[string]rune
)

// LookupName finds the character named name as CPython's \N{...} does:
// Unicode character names and their formal aliases in any letter case,
// "HANGUL SYLLABLE ..." and "CJK UNIFIED IDEOGRAPH-XXXX".
func LookupName(name string) (rune, bool) {
	upper := asciiUpper(name)
	if r, ok := nameAliases()[upper]; ok {
		return r, true
	}
	if rest, ok := strings.CutPrefix(upper, "HANGUL SYLLABLE "); ok {
		return hangul(name[len(name)-len(rest):])
	}
	if strings.HasPrefix(upper, "CJK UNIFIED IDEOGRAPH-") {
		return ideograph(name[22:])
	}
	namesOnce.Do(buildNames)
	r, ok := names[upper]
	return r, ok
}

// asciiUpper upper-cases the ASCII letters of s, as CPython compares names.
func asciiUpper(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'a' && b[j] <= 'z' {
					b[j] -= 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

func buildNames() {
	names = make(map[string]rune, 40000)
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r == 0xD800 {
			r = 0xE000
		}
		n := runenames.Name(r)
		if n == "" || n[0] == '<' {
			continue
		}
		names[n] = r
	}
}

// ideograph decodes the 4 or 5 upper-case hex digits of a CJK unified
// ideograph's name.
func ideograph(h string) (rune, bool) {
	if len(h) != 4 && len(h) != 5 {
		return 0, false
	}
	v := rune(0)
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F') {
			return 0, false
		}
		v = v*16 + rune(hexVal(c))
	}
	if !unicode.Is(unicode.Unified_Ideograph, v) || v >= 0xF900 && v <= 0xFAFF {
		return 0, false
	}
	return v, true
}

// The short names of the Hangul jamo, by position in a syllable.
var (
	jamoL = []string{"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"}
	jamoV = []string{"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"}
	jamoT = []string{"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"}
)

// hangul composes a Hangul syllable from its jamo short names, taking the
// longest match at each position as CPython does.
func hangul(s string) (rune, bool) {
	l, s := longestJamo(jamoL, s)
	v, s := longestJamo(jamoV, s)
	t, s := longestJamo(jamoT, s)
	if l < 0 || v < 0 || t < 0 || s != "" {
		return 0, false
	}
	return rune(0xAC00 + (l*21+v)*28 + t), true
}

func longestJamo(table []string, s string) (int, string) {
	best, bestLen := -1, -1
	for i, j := range table {
		if len(j) > bestLen && strings.HasPrefix(s, j) {
			best, bestLen = i, len(j)
		}
	}
	if best < 0 {
		return -1, s
	}
	return best, s[bestLen:]
}
