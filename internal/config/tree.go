package config

import (
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"gopkg.in/yaml.v3"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/yamlline"
)

// maxDepth bounds how deeply a configuration document may nest. The schema
// needs three levels; the bound keeps hostile input from driving the
// converters arbitrarily deep.
const maxDepth = 8

// maxNodes bounds how many values a document may expand to (YAML aliases can
// multiply a small file).
const maxNodes = 100000

// kind is the type of one configuration value.
type kind int

const (
	kNull kind = iota
	kString
	kInt
	kFloat
	kBool
	kList
	kMap
	kOther
)

// node is one configuration value with the line it starts on. YAML and TOML
// documents are both converted to nodes so that one validator serves both.
type node struct {
	kind    kind
	line    int
	text    string // scalars: the value (numbers as written)
	items   []*node
	entries []entry
}

// entry is one key of a mapping.
type entry struct {
	key  string
	line int
	val  *node
}

// describe names the value's type for "expected X, got Y" messages.
func (n *node) describe() string { return n.value().Describe() }

// parseYAML decodes a YAML configuration. It returns nil for an empty document.
func parseYAML(path string, data []byte) (*node, error) {
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, yamlError(path, data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		line := extra.Line
		if err != nil {
			return nil, yamlError(path, data, err)
		}
		return nil, &Error{Path: path, Line: line, Msg: "more than one YAML document"}
	}
	budget := maxNodes
	return fromYAML(path, &doc, 0, &budget)
}

// yamlError turns a yaml.v3 error ("yaml: line 3: ...") into an *Error.
func yamlError(path string, data []byte, err error) error {
	line, msg := yamlline.SplitIn(err, data)
	return &Error{Path: path, Line: line, Msg: "invalid YAML: " + msg, Err: err}
}

func fromYAML(path string, y *yaml.Node, depth int, budget *int) (*node, error) {
	if depth > maxDepth {
		return nil, &Error{Path: path, Line: y.Line, Msg: "value nested too deeply"}
	}
	*budget--
	if *budget < 0 {
		return nil, &Error{Path: path, Line: y.Line, Msg: "document expands to too many values"}
	}
	switch y.Kind {
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			return nil, nil
		}
		return fromYAML(path, y.Content[0], depth+1, budget)
	case yaml.AliasNode:
		if y.Alias == nil {
			return nil, &Error{Path: path, Line: y.Line, Msg: "unresolved alias"}
		}
		n, err := fromYAML(path, y.Alias, depth+1, budget)
		if err != nil {
			return nil, err
		}
		// Report problems at the alias, where the value is used.
		cp := *n
		cp.line = y.Line
		return &cp, nil
	case yaml.SequenceNode:
		n := &node{kind: kList, line: y.Line}
		for _, c := range y.Content {
			item, err := fromYAML(path, c, depth+1, budget)
			if err != nil {
				return nil, err
			}
			n.items = append(n.items, item)
		}
		return n, nil
	case yaml.MappingNode:
		n := &node{kind: kMap, line: y.Line}
		first := map[string]int{}
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, &Error{Path: path, Line: k.Line, Msg: "mapping keys must be plain strings"}
			}
			if prev, dup := first[k.Value]; dup {
				return nil, &Error{Path: path, Line: k.Line, Msg: fmt.Sprintf("duplicate key %q (first at line %d)", k.Value, prev)}
			}
			first[k.Value] = k.Line
			val, err := fromYAML(path, v, depth+1, budget)
			if err != nil {
				return nil, err
			}
			if val == nil {
				val = &node{kind: kNull, line: v.Line}
			}
			n.entries = append(n.entries, entry{key: k.Value, line: k.Line, val: val})
		}
		return n, nil
	case yaml.ScalarNode:
		n := &node{line: y.Line, text: y.Value}
		switch y.ShortTag() {
		case "!!null":
			n.kind = kNull
		case "!!str":
			n.kind = kString
		case "!!int":
			n.kind = kInt
		case "!!float":
			n.kind = kFloat
		case "!!bool":
			n.kind = kBool
		default:
			n.kind = kOther
			n.text = strings.TrimPrefix(y.ShortTag(), "!!")
		}
		return n, nil
	}
	return nil, &Error{Path: path, Line: y.Line, Msg: "unsupported YAML value"}
}

// tomlPos is where a TOML key path is written and, for scalars, its raw text.
type tomlPos struct {
	line int
	raw  string
}

// pathSep joins key path parts in position tables (TOML keys cannot contain it
// unescaped, and a collision would only cost line precision).
const pathSep = "\x00"

// parseTOMLTable decodes pyproject.toml and returns its [tool.daglint] table
// (nil, false when there is none).
func parseTOMLTable(path string, data []byte) (*node, bool, error) {
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ := de.Position()
			return nil, false, &Error{Path: path, Line: line, Msg: "invalid TOML: " + strings.TrimPrefix(de.Error(), "toml: "), Err: err}
		}
		return nil, false, &Error{Path: path, Msg: "invalid TOML", Err: err}
	}
	tool, ok := doc["tool"].(map[string]any)
	if !ok {
		return nil, false, nil
	}
	raw, ok := tool["daglint"]
	if !ok {
		return nil, false, nil
	}
	pos := tomlPositions(data)
	budget := maxNodes
	n, err := fromTOML(path, raw, []string{"tool", "daglint"}, pos, 0, 0, &budget)
	if err != nil {
		return nil, false, err
	}
	return n, true, nil
}

// tomlPositions maps every key path written in the document to its line.
func tomlPositions(data []byte) map[string]tomlPos {
	pos := map[string]tomlPos{}
	var p unstable.Parser
	p.Reset(data)
	var table []string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			keys, line := tomlKey(&p, e.Key())
			table = keys
			pos[strings.Join(table, pathSep)] = tomlPos{line: line}
		case unstable.KeyValue:
			keys, line := tomlKey(&p, e.Key())
			full := append(append([]string{}, table...), keys...)
			recordTOML(&p, pos, full, e.Value(), line, 0)
		}
	}
	return pos
}

func tomlKey(p *unstable.Parser, it unstable.Iterator) ([]string, int) {
	var keys []string
	line := 0
	for it.Next() {
		k := it.Node()
		if line == 0 {
			line = p.Shape(k.Raw).Start.Line
		}
		keys = append(keys, string(k.Data))
	}
	return keys, line
}

func recordTOML(p *unstable.Parser, pos map[string]tomlPos, keys []string, v *unstable.Node, line, depth int) {
	if depth > maxDepth || v == nil {
		return
	}
	tp := tomlPos{line: line}
	if v.Raw.Length > 0 && v.Kind != unstable.Array && v.Kind != unstable.InlineTable {
		tp.raw = string(p.Raw(v.Raw))
	}
	pos[strings.Join(keys, pathSep)] = tp
	switch v.Kind {
	case unstable.Array:
		i := 0
		for it := v.Children(); it.Next(); i++ {
			c := it.Node()
			cl := line
			if c.Raw.Length > 0 {
				cl = p.Shape(c.Raw).Start.Line
			}
			recordTOML(p, pos, append(append([]string{}, keys...), "#"+strconv.Itoa(i)), c, cl, depth+1)
		}
	case unstable.InlineTable:
		for it := v.Children(); it.Next(); {
			kv := it.Node()
			if kv.Kind != unstable.KeyValue {
				continue
			}
			sub, kl := tomlKey(p, kv.Key())
			recordTOML(p, pos, append(append([]string{}, keys...), sub...), kv.Value(), kl, depth+1)
		}
	}
}

// fromTOML converts a decoded TOML value to a node, taking lines from pos.
// A value whose own line is unknown gets its parent's line.
func fromTOML(path string, v any, keys []string, pos map[string]tomlPos, parentLine, depth int, budget *int) (*node, error) {
	p, ok := pos[strings.Join(keys, pathSep)]
	line := p.line
	if !ok || line == 0 {
		line = parentLine
	}
	if depth > maxDepth {
		return nil, &Error{Path: path, Line: line, Msg: "value nested too deeply"}
	}
	*budget--
	if *budget < 0 {
		return nil, &Error{Path: path, Line: line, Msg: "document has too many values"}
	}
	switch x := v.(type) {
	case string:
		return &node{kind: kString, line: line, text: x}, nil
	case bool:
		return &node{kind: kBool, line: line, text: strconv.FormatBool(x)}, nil
	case int64:
		return &node{kind: kInt, line: line, text: strconv.FormatInt(x, 10)}, nil
	case float64:
		text := p.raw
		if text == "" {
			if math.IsInf(x, 0) || math.IsNaN(x) {
				text = fmt.Sprint(x)
			} else {
				text = strconv.FormatFloat(x, 'f', -1, 64)
			}
		}
		return &node{kind: kFloat, line: line, text: text}, nil
	case []any:
		n := &node{kind: kList, line: line}
		for i, item := range x {
			c, err := fromTOML(path, item, append(append([]string{}, keys...), "#"+strconv.Itoa(i)), pos, line, depth+1, budget)
			if err != nil {
				return nil, err
			}
			n.items = append(n.items, c)
		}
		return n, nil
	case map[string]any:
		n := &node{kind: kMap, line: line}
		for k, item := range x {
			c, err := fromTOML(path, item, append(append([]string{}, keys...), k), pos, line, depth+1, budget)
			if err != nil {
				return nil, err
			}
			n.entries = append(n.entries, entry{key: k, line: c.line, val: c})
		}
		// Go maps have no order: report in document order, then by name.
		sort.Slice(n.entries, func(i, j int) bool {
			if n.entries[i].line != n.entries[j].line {
				return n.entries[i].line < n.entries[j].line
			}
			return n.entries[i].key < n.entries[j].key
		})
		return n, nil
	case time.Time, toml.LocalDate, toml.LocalDateTime, toml.LocalTime:
		return &node{kind: kOther, line: line, text: "date or time"}, nil
	}
	return &node{kind: kOther, line: line, text: fmt.Sprintf("%T value", v)}, nil
}

// value converts n to the form rule options decode (analysis.ConfigValue);
// a mapping keeps only its kind and line.
func (n *node) value() *analysis.ConfigValue {
	v := &analysis.ConfigValue{Kind: configKinds[n.kind], Line: n.line, Text: n.text}
	for _, it := range n.items {
		v.Items = append(v.Items, it.value())
	}
	return v
}

// configKinds maps node kinds to analysis.ConfigKind.
var configKinds = map[kind]analysis.ConfigKind{
	kNull: analysis.ConfigNull, kString: analysis.ConfigString, kInt: analysis.ConfigInt,
	kFloat: analysis.ConfigFloat, kBool: analysis.ConfigBool, kList: analysis.ConfigList,
	kMap: analysis.ConfigMap, kOther: analysis.ConfigOther,
}
