package connections

import (
	"bytes"
	"strings"

	"gopkg.in/yaml.v3"
)

// yamlComments returns the comments of a YAML document that parsed: "#" at
// the start of a line or after a blank, outside quoted scalars and block
// scalar content. A candidate counts only when yaml.v3 read a comment of
// the same text, so text inside a scalar is never taken for a comment
// (where this lexer and the parser disagree, the parser wins).
func yamlComments(data []byte) []Comment {
	if !bytes.Contains(data, []byte("#")) {
		return nil
	}
	known := parsedComments(data)
	var out []Comment
	for _, c := range scanYAMLComments(data) {
		if known[c.Text] > 0 {
			known[c.Text]--
			out = append(out, c)
		}
	}
	return out
}

// parsedComments counts the comment lines yaml.v3 attached to the nodes of
// data, by text.
func parsedComments(data []byte) map[string]int {
	var doc yaml.Node
	out := map[string]int{}
	if yaml.Unmarshal(data, &doc) != nil {
		return out
	}
	seen := map[*yaml.Node]bool{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
			for _, line := range strings.Split(c, "\n") {
				if line = strings.TrimSpace(line); line != "" {
					out[line]++
				}
			}
		}
		for _, k := range n.Content {
			walk(k)
		}
	}
	walk(&doc)
	return out
}

// scanYAMLComments finds comment candidates line by line. A quote opens a
// quoted scalar only where a scalar may start (after indentation, "- ",
// ": ", "? ", "[", "{" or ","); a "|" or ">" there starts a block scalar,
// whose more indented lines are content.
func scanYAMLComments(data []byte) []Comment {
	var out []Comment
	var quote byte    // open quoted scalar, across lines
	blockIndent := -1 // indentation of the line holding a block scalar header
	inBlock := false
	for off := 0; off < len(data); {
		end := bytes.IndexByte(data[off:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += off
		}
		line := data[off:end]
		line = bytes.TrimSuffix(line, []byte("\r"))
		indent := len(line) - len(bytes.TrimLeft(line, " "))
		blank := len(bytes.TrimSpace(line)) == 0
		if inBlock && (blank || indent > blockIndent) {
			off = end + 1
			continue
		}
		inBlock = false
		start := true // a scalar may start here
		for i := 0; i < len(line); i++ {
			c := line[i]
			if quote != 0 {
				switch {
				case quote == '"' && c == '\\':
					i++
				case c == quote && quote == '\'' && i+1 < len(line) && line[i+1] == '\'':
					i++
				case c == quote:
					quote, start = 0, false
				}
				continue
			}
			switch {
			case c == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t'):
				text := strings.TrimRight(string(line[i:]), " \t")
				out = append(out, Comment{Start: off + i, End: off + i + len(text), Text: text})
				i = len(line)
			case c == ' ' || c == '\t':
			case start && (c == '\'' || c == '"'):
				quote = c
			case start && (c == '|' || c == '>'):
				inBlock, blockIndent, start = true, indent, false
			case c == '-' || c == '?' || c == ':':
				start = i+1 >= len(line) || line[i+1] == ' ' || line[i+1] == '\t'
			case c == '[' || c == '{' || c == ',':
				start = true
			default:
				start = false
			}
		}
		off = end + 1
	}
	return out
}
