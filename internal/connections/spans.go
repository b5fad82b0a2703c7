package connections

import (
	"bytes"
	"encoding/json"
	"errors"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/daglint/daglint/internal/source"
)

// textMap maps the bytes of a value as Airflow reads it (unquoted,
// unescaped) to the bytes of the file that spell it, so that a finding
// points at exactly the characters of a password. Where the spelling is not
// a plain copy (escapes, folded lines) every part of the value maps to the
// whole value's span: coarser, never wrong.
type textMap struct {
	start, end int  // the value's bytes in the file, quotes excluded when known
	ident      bool // decoded byte i is at file offset start+i
}

// identMap is the map of a value spelled verbatim at [start, start+n).
func identMap(start, n int) textMap { return textMap{start: start, end: start + n, ident: true} }

// span returns the file bytes of the value's bytes [i, j).
func (m textMap) span(i, j int) (int, int) {
	if !m.ident || i < 0 || j < i || m.start+j > m.end {
		return m.start, m.end
	}
	return m.start + i, m.start + j
}

// sub is the map of the value's bytes [i, j) read as a value of their own
// (JSON inside a YAML scalar); verbatim says the inner value spells itself
// as those bytes.
func (m textMap) sub(i, j int, verbatim bool) textMap {
	s, e := m.span(i, j)
	return textMap{start: s, end: e, ident: m.ident && verbatim}
}

// yamlValueMap returns the map of a YAML scalar node's value in data.
// Plain and quoted single-line scalars map exactly (after checking that
// decoding the source gives the node's value); block and multi-line
// scalars map to their first line.
func yamlValueMap(data []byte, lines *source.Lines, n *yaml.Node) textMap {
	off := runeOffset(lines, n.Line, n.Column)
	off = skipProperties(data, off)
	lineEnd := lines.LineEnd(lines.Line(off))
	if off > lineEnd {
		off = lineEnd
	}
	fallback := textMap{start: off, end: trimRightSpace(data, off, lineEnd)}
	switch n.Style {
	case 0, yaml.FlowStyle:
		if bytes.HasPrefix(data[off:], []byte(n.Value)) && !bytes.ContainsAny([]byte(n.Value), "\r\n") {
			return identMap(off, len(n.Value))
		}
	case yaml.SingleQuotedStyle, yaml.DoubleQuotedStyle:
		if off < len(data) && (data[off] == '\'' || data[off] == '"') {
			if m, ok := quotedMap(data, off, n.Value); ok {
				return m
			}
		}
	}
	return fallback
}

// quotedMap maps a one-line quoted scalar at data[off] whose source spells
// value without escapes (single quotes doubled excepted: they map to the
// whole span).
func quotedMap(data []byte, off int, value string) (textMap, bool) {
	q := data[off]
	escaped := false
	for i := off + 1; i < len(data); i++ {
		switch c := data[i]; {
		case c == '\n' || c == '\r':
			return textMap{}, false
		case q == '"' && c == '\\':
			escaped = true
			i++
		case c == q && q == '\'' && i+1 < len(data) && data[i+1] == '\'':
			escaped = true
			i++
		case c == q:
			body := string(data[off+1 : i])
			if !escaped && body == value {
				return identMap(off+1, len(body)), true
			}
			return textMap{start: off + 1, end: i}, true
		}
	}
	return textMap{}, false
}

// skipProperties skips a node's anchor (`&name`) and tag (`!tag`) with the
// blanks after them: the value starts after them.
func skipProperties(data []byte, off int) int {
	for k := 0; k < 2 && off < len(data) && (data[off] == '&' || data[off] == '!'); k++ {
		for off < len(data) && data[off] != ' ' && data[off] != '\t' && data[off] != '\n' && data[off] != '\r' {
			off++
		}
		for off < len(data) && (data[off] == ' ' || data[off] == '\t') {
			off++
		}
	}
	return off
}

// runeOffset returns the byte offset of 1-based column col (in code
// points, as yaml.v3 counts) of 1-based line.
func runeOffset(lines *source.Lines, line, col int) int {
	off, end := lines.LineStart(line), lines.LineEnd(line)
	src := lines.Source()
	for c := 1; c < col && off < end; c++ {
		_, size := utf8.DecodeRune(src[off:end])
		off += size
	}
	return off
}

func trimRightSpace(data []byte, start, end int) int {
	for end > start && (data[end-1] == ' ' || data[end-1] == '\t' || data[end-1] == '\r' || data[end-1] == '\n') {
		end--
	}
	return end
}

// jnode is a JSON value with the bytes that spell it.
type jnode struct {
	kind       byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, 'z' null
	str        string
	start, end int // the token's bytes (quotes included), or the whole container's
	keys       []*jnode
	vals       []*jnode
}

// maxJSONDepth bounds the nesting of a JSON value read with positions.
const maxJSONDepth = 200

var errTooDeep = errors.New("JSON nested too deeply")

// decodeJSON reads the next JSON value of dec (over data) with positions.
func decodeJSON(dec *json.Decoder, data []byte, depth int) (*jnode, error) {
	if depth > maxJSONDepth {
		return nil, errTooDeep
	}
	start := tokenStart(data, dec.InputOffset())
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	n := &jnode{start: start}
	switch t := tok.(type) {
	case json.Delim:
		n.kind = 'a'
		if t == '{' {
			n.kind = 'o'
		}
		for dec.More() {
			if n.kind == 'o' {
				k, err := decodeJSON(dec, data, depth+1)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k)
			}
			v, err := decodeJSON(dec, data, depth+1)
			if err != nil {
				return nil, err
			}
			n.vals = append(n.vals, v)
		}
		if _, err := dec.Token(); err != nil {
			return nil, err
		}
	case string:
		n.kind, n.str = 's', t
	case json.Number:
		n.kind, n.str = 'n', t.String()
	case bool:
		n.kind = 'b'
	case nil:
		n.kind = 'z'
	}
	n.end = int(dec.InputOffset())
	return n, nil
}

// tokenStart skips the blanks and separators before the next token.
func tokenStart(data []byte, off int64) int {
	i := int(off)
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r' || data[i] == ':' || data[i] == ',') {
		i++
	}
	return i
}

// get returns the value of key in an object node, or nil.
func (n *jnode) get(key string) *jnode {
	for i, k := range n.keys {
		if k.str == key {
			return n.vals[i]
		}
	}
	return nil
}

// strMap is the map of a string node's value within the text m maps: its
// bytes between the quotes when they spell the value verbatim.
func (n *jnode) strMap(text []byte, m textMap) textMap {
	if n.end-n.start >= 2 && n.end <= len(text) {
		inner := text[n.start+1 : n.end-1]
		return m.sub(n.start+1, n.end-1, string(inner) == n.str)
	}
	return m.sub(n.start, n.end, false)
}
