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
	o := openJSONObject(dst, depth)
	o.str("rule_id", f.RuleID)
	o.str("rule_name", f.RuleName)
	o.str("severity", level(f.Severity).String())
	o.str("message", f.Message)
	o.str("path", f.Path)
	o.pos("start", f.Start)
	o.pos("end", f.End)
	o.key("related")
	o.dst = appendJSONList(o.dst, f.Related, depth+1, appendJSONRelated)
	o.key("fixes")
	o.dst = appendJSONList(o.dst, f.Fixes, depth+1, appendJSONFix)
	o.str("fingerprint", f.Fingerprint)
	return o.close()
}

func appendJSONRelated(dst []byte, r *Related, depth int) []byte {
	o := openJSONObject(dst, depth)
	o.str("path", r.Path)
	o.pos("start", r.Start)
	o.pos("end", r.End)
	o.str("message", r.Message)
	return o.close()
}

func appendJSONFix(dst []byte, fx *Fix, depth int) []byte {
	o := openJSONObject(dst, depth)
	o.str("message", fx.Message)
	o.str("applicability", fx.Applicability.String())
	o.key("edits")
	o.dst = appendJSONList(o.dst, fx.Edits, depth+1, appendJSONEdit)
	return o.close()
}

func appendJSONEdit(dst []byte, e *Edit, depth int) []byte {
	o := openJSONObject(dst, depth)
	o.pos("start", e.Start)
	o.pos("end", e.End)
	o.str("new_text", e.NewText)
	return o.close()
}

// appendJSONPosition appends p as the object whose opening brace ends a
// line at depth.
func appendJSONPosition(dst []byte, p source.Position, depth int) []byte {
	o := openJSONObject(dst, depth)
	o.int("line", p.Line)
	o.int("column", p.RuneColumn)
	o.int("offset", p.Offset)
	return o.close()
}

// jsonObject appends the members of one object, each on a line of its own
// one indent deeper than its braces, with the commas between them.
type jsonObject struct {
	dst     []byte
	depth   int // of the braces
	members int
}

// openJSONObject appends the opening brace of an object at depth.
func openJSONObject(dst []byte, depth int) jsonObject {
	return jsonObject{dst: append(dst, '{'), depth: depth}
}

// key starts the next member; its value is appended to o.dst next.
func (o *jsonObject) key(k string) {
	if o.members > 0 {
		o.dst = append(o.dst, ',')
	}
	o.members++
	o.dst = appendJSONKey(o.dst, o.depth+1, k)
}

func (o *jsonObject) str(k, v string) {
	o.key(k)
	o.dst = appendJSONString(o.dst, v)
}

func (o *jsonObject) int(k string, v int) {
	o.key(k)
	o.dst = strconv.AppendInt(o.dst, int64(v), 10)
}

func (o *jsonObject) pos(k string, p source.Position) {
	o.key(k)
	o.dst = appendJSONPosition(o.dst, p, o.depth+1)
}

// close appends the closing brace on a line of its own.
func (o *jsonObject) close() []byte {
	return append(appendJSONNewline(o.dst, o.depth), '}')
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
