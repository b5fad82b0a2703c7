package pyparse

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/daglint/daglint/internal/lazyre"
)

// codingRE is PEP 263's coding declaration, on one of the first two lines.
// It and pythonCodecRE compile on first use, not at start-up: most files
// declare no coding.
var codingRE = lazyre.New(`^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`).Get

// pythonCodecRE matches codec names Python knows that the IANA and WHATWG
// indexes spell otherwise (cp1252, latin_1, iso8859_15, utf_16_le, mac_roman).
var pythonCodecRE = lazyre.New(`^(cp\d{3,5}|ibm\d{3,5}|latin-?[1-9]|l[1-9]|iso-?8859-?\d{1,2}|utf-?(8|16|32)(-(le|be|sig))?|u8|mac-\w+|koi8-[rut]|euc-(jp|kr|jis-2004|jisx0213)|shift-?jis(-2004|x0213)?|sjis|gb(2312|k|18030)|big5(hkscs)?|hz|iso-2022-\w+|johab|ascii|us-ascii|646|ptcp154|kz1048|tis-620|hp-roman8|palmos|charmap|raw-unicode-escape|unicode-escape)$`).Get

// sourceCoding is what a file's coding declaration says: whether its
// string literals are read as UTF-8, and the error CPython raises for the
// declaration itself ("unknown encoding: ...", a BOM with another
// encoding), nil when there is none.
func sourceCoding(src []byte) (utf8Source bool, err *SyntaxError) {
	bom := bytes.HasPrefix(src, utf8BOM)
	name, at := codingName(src)
	if name == "" {
		return true, nil
	}
	norm := strings.ReplaceAll(strings.ToLower(name), "_", "-")
	exactUTF8 := norm == "utf-8" || strings.HasPrefix(norm, "utf-8-")
	if !exactUTF8 && !knownCodec(norm) {
		return true, &SyntaxError{Range: Range{at, at}, Msg: "unknown encoding: " + shortName(name)}
	}
	if bom && !exactUTF8 {
		// CPython compares the declared name itself: even "utf8" is a
		// problem next to a BOM.
		return true, &SyntaxError{Range: Range{at, at}, Msg: fmt.Sprintf("encoding problem: %s with BOM", canonicalCodec(norm))}
	}
	if exactUTF8 || norm == "utf8" || norm == "u8" {
		return true, nil
	}
	return false, nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// codingName returns the encoding declared on the first line, or on the
// second when the first holds only a comment or white space, and the
// declaration's offset.
func codingName(src []byte) (string, int) {
	off := 0
	if bytes.HasPrefix(src, utf8BOM) {
		off = len(utf8BOM)
	}
	for line := 0; line < 2 && off < len(src); line++ {
		end := off
		for end < len(src) && src[end] != '\n' && src[end] != '\r' {
			end++
		}
		text := src[off:end]
		// The pattern needs the word: most lines are not tried.
		if bytes.Contains(text, []byte("coding")) {
			if m := codingRE().FindSubmatch(text); m != nil {
				return string(m[1]), off
			}
		}
		trimmed := bytes.TrimLeft(text, " \t\f")
		if len(trimmed) > 0 && trimmed[0] != '#' {
			return "", 0 // code on the first line: the second is not read
		}
		if end < len(src) && src[end] == '\r' {
			end++
		}
		if end < len(src) && src[end] == '\n' {
			end++
		}
		off = end
	}
	return "", 0
}

// knownCodec reports whether Python has a codec of this (normalised) name:
// one of pythonCodecRE's spellings or a name x/text's IANA or WHATWG index
// knows (codecNames, generated from the indexes, which stay its test
// oracle: importing them cost every run about 1 ms of start-up).
func knownCodec(norm string) bool {
	if _, ok := slices.BinarySearch(codecNames[:], norm); ok {
		return true
	}
	return pythonCodecRE().MatchString(norm)
}

// canonicalCodec is Python's name for the common aliases, as its messages
// print them.
func canonicalCodec(norm string) string {
	switch norm {
	case "latin-1", "latin1", "l1", "iso-8859-1", "iso8859-1", "8859", "cp819":
		return "iso-8859-1"
	}
	return norm
}

// checkLiteralUTF8 reports, as CPython does for a UTF-8 source, a string
// literal body holding bytes that are not UTF-8 (comments may hold any).
func (p *parser) checkLiteralUTF8(body Range, t Range) {
	if !p.utf8Source || p.sawBadUTF8 {
		return
	}
	text := p.src[body.Start:body.End]
	if utf8.Valid(text) {
		return
	}
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		i += n
	}
	why := "invalid start byte"
	if b := text[i]; b >= 0xC2 && b <= 0xF4 {
		if i+1 >= len(text) {
			why = "unexpected end of data"
		} else {
			why = "invalid continuation byte"
		}
	}
	p.sawBadUTF8 = true
	p.errorAt(Range{t.Start, t.Start}, tierParse, fmt.Sprintf("(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %d: %s", text[i], i, why))
}
