package report

import (
	"strconv"
	"unicode/utf8"

	"github.com/daglint/daglint/internal/source"
)

// The json format's findings are appended by hand, straight to the output
// buffer: the bytes encoding/json's indenting Encoder (no HTML escaping,
// two spaces an indent) gives for the wire form of docs/output-formats.md,
// without building that form, reflecting over it and re-indenting it. The
// keys, in order:
//
//	finding:  rule_id rule_name severity message path start end related fixes fingerprint
//	position: line column (1-based, in code points) offset (0-based, in bytes)
//	related:  path start end message
//	fix:      message applicability edits
//	edit:     start end new_text
//
// Lists are [] when empty, never null. json_oracle_test.go holds the
// encoding/json form and compares the two.

// jsonIndent is one level of the json format's indentation.
const jsonIndent = "  "

// appendJSONFinding appends f as one element of the findings array whose
// opening brace sits at depth (in indents); the caller has written the
// newline and indentation before it.
func appendJSONFinding(dst []byte, f *Finding, depth int) []byte {
	in := depth + 1
	dst = append(dst, '{')
	dst = appendJSONKey(dst, in, "rule_id")
	dst = appendJSONString(dst, f.RuleID)
	dst = append(dst, ',')
	dst = appendJSONKey(dst, in, "rule_name")
	dst = appendJSONString(dst, f.RuleName)
	dst = append(dst, ',')
	dst = appendJSONKey(dst, in, "severity")
	dst = appendJSONString(dst, level(f.Severity).String())
	dst = append(dst, ',')
	dst = appendJSONKey(dst, in, "message")
	dst = appendJSONString(dst, f.Message)
	dst = append(dst, ',')
	dst = appendJSONKey(dst, in, "path")
	dst = appendJSONString(dst, f.Path)
	dst = append(dst, ',')
	dst = appendJSONKey(dst, in, "start")
	dst = appendJSONPosition(dst, f.Start, in)
	dst = append(dst, ',')
	dst = appendJSONKey(dst, in, "end")
	dst = appendJSONPosition(dst, f.End, in)
	dst = append(dst, ',')
	dst = appendJSONKey(dst, in, "related")
	dst = appendJSONList(dst, f.Related, in, appendJSONRelated)
	dst = append(dst, ',')
	dst = appendJSONKey(dst, in, "fixes")
	dst = appendJSONList(dst, f.Fixes, in, appendJSONFix)
	dst = append(dst, ',')
	dst = appendJSONKey(dst, in, "fingerprint")
	dst = appendJSONString(dst, f.Fingerprint)
	dst = appendJSONNewline(dst, depth)
	return append(dst, '}')
}

func appendJSONRelated(dst []byte, r *Related, depth int) []byte {
	in := depth + 1
	dst = append(dst, '{')
	dst = appendJSONKey(dst, in, "path")
	dst = appendJSONString(dst, r.Path)
	dst = append(dst, ',')
	dst = appendJSONKey(dst, in, "start")
	dst = appendJSONPosition(dst, r.Start, in)
	dst = append(dst, ',')
	dst = appendJSONKey(dst, in, "end")
	dst = appendJSONPosition(dst, r.End, in)
	dst = append(dst, ',')
	dst = appendJSONKey(dst, in, "message")
	dst = appendJSONString(dst, r.Message)
	dst = appendJSONNewline(dst, depth)
	return append(dst, '}')
}

func appendJSONFix(dst []byte, fx *Fix, depth int) []byte {
	in := depth + 1
	dst = append(dst, '{')
	dst = appendJSONKey(dst, in, "message")
	dst = appendJSONString(dst, fx.Message)
	dst = append(dst, ',')
	dst = appendJSONKey(dst, in, "applicability")
	dst = appendJSONString(dst, fx.Applicability.String())
	dst = append(dst, ',')
	dst = appendJSONKey(dst, in, "edits")
	dst = appendJSONList(dst, fx.Edits, in, appendJSONEdit)
	dst = appendJSONNewline(dst, depth)
	return append(dst, '}')
}

func appendJSONEdit(dst []byte, e *Edit, depth int) []byte {
	in := depth + 1
	dst = append(dst, '{')
	dst = appendJSONKey(dst, in, "start")
	dst = appendJSONPosition(dst, e.Start, in)
	dst = append(dst, ',')
	dst = appendJSONKey(dst, in, "end")
	dst = appendJSONPosition(dst, e.End, in)
	dst = append(dst, ',')
	dst = appendJSONKey(dst, in, "new_text")
	dst = appendJSONString(dst, e.NewText)
	dst = appendJSONNewline(dst, depth)
	return append(dst, '}')
}

// appendJSONList appends items as the array whose opening bracket ends a
// line at depth, elem appending each element at depth+1; [] when empty.
func appendJSONList[T any](dst []byte, items []T, depth int, elem func([]byte, *T, int) []byte) []byte {
	if len(items) == 0 {
		return append(dst, "[]"...)
	}
	dst = append(dst, '[')
	for i := range items {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONNewline(dst, depth+1)
		dst = elem(dst, &items[i], depth+1)
	}
	dst = appendJSONNewline(dst, depth)
	return append(dst, ']')
}

// appendJSONPosition appends p as the object whose opening brace ends a
// line at depth.
func appendJSONPosition(dst []byte, p source.Position, depth int) []byte {
	in := depth + 1
	dst = append(dst, '{')
	dst = appendJSONKey(dst, in, "line")
	dst = strconv.AppendInt(dst, int64(p.Line), 10)
	dst = append(dst, ',')
	dst = appendJSONKey(dst, in, "column")
	dst = strconv.AppendInt(dst, int64(p.RuneColumn), 10)
	dst = append(dst, ',')
	dst = appendJSONKey(dst, in, "offset")
	dst = strconv.AppendInt(dst, int64(p.Offset), 10)
	dst = appendJSONNewline(dst, depth)
	return append(dst, '}')
}

// appendJSONKey starts a member on a line of its own at depth: the key
// (plain ASCII, needing no escapes), a colon and a space.
func appendJSONKey(dst []byte, depth int, key string) []byte {
	dst = appendJSONNewline(dst, depth)
	dst = append(dst, '"')
	dst = append(dst, key...)
	return append(dst, '"', ':', ' ')
}

// jsonSpaces is the indentation of the deepest line a finding has (an
// edit's position member sits at depth 8 in the findings array), and more.
const jsonSpaces = "                                "

// appendJSONNewline starts a line at depth.
func appendJSONNewline(dst []byte, depth int) []byte {
	dst = append(dst, '\n')
	n := depth * len(jsonIndent)
	for n > len(jsonSpaces) {
		dst = append(dst, jsonSpaces...)
		n -= len(jsonSpaces)
	}
	return append(dst, jsonSpaces[:n]...)
}

const jsonHex = "0123456789abcdef"

// jsonPlain marks the ASCII bytes a JSON string holds as they are:
// everything from the space up but the quote and the backslash (DEL
// included, as encoding/json writes it).
var jsonPlain = func() (t [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\'
	}
	return t
}()

// appendJSONString appends s quoted as encoding/json's Encoder does with
// SetEscapeHTML(false): \" \\ \b \f \n \r \t, other bytes below 0x20 as
// \u00XX (lower-case hex), each byte of invalid UTF-8 as \ufffd, U+2028
// and U+2029 as \u2028 and \u2029, everything else as it is.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if jsonPlain[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', jsonHex[b>>4], jsonHex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', jsonHex[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
