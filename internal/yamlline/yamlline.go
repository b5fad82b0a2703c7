// Package yamlline splits gopkg.in/yaml.v3 error texts into a line number and
// a message, so configuration and connections files report `file:line: msg`
// without ever quoting the file's text.
package yamlline

import (
	"bytes"
	"strconv"
	"strings"
)

// Split turns "yaml: line 3: mapping values are not allowed" into (3,
// "mapping values are not allowed"); line is 0 when the text names none.
// Text of the document that the library quotes (`unknown anchor 'pw'
// referenced`) is dropped from msg: a value may be a password. Quoted
// punctuation (`did not find expected ',' or ']'`) is kept.
func Split(err error) (line int, msg string) {
	line, msg = split(err)
	return line, dropQuoted(msg)
}

// SplitIn is Split for an error about data: when the text names no line,
// the line is that of the first text the library quoted, found in data.
func SplitIn(err error, data []byte) (line int, msg string) {
	line, msg = split(err)
	if line == 0 {
		for _, q := range quoted(msg) {
			if len(q) <= 2 {
				continue
			}
			if i := bytes.Index(data, []byte(q[1:len(q)-1])); i >= 0 {
				line = 1 + bytes.Count(data[:i], []byte("\n"))
				break
			}
		}
	}
	return line, dropQuoted(msg)
}

func split(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, tail, ok := strings.Cut(rest, ": "); ok {
			if n, convErr := strconv.Atoi(num); convErr == nil {
				return n, tail
			}
		}
	}
	return 0, msg
}

// quotes are the quote characters yaml.v3 puts around document text.
const quotes = "'\"`"

// quoted returns the quoted segments of msg, quotes included.
func quoted(msg string) []string {
	var out []string
	for i := 0; i < len(msg); i++ {
		q := msg[i]
		if strings.IndexByte(quotes, q) < 0 || i > 0 && isWordByte(msg[i-1]) {
			continue // an apostrophe inside a word ("can't") quotes nothing
		}
		j := strings.IndexByte(msg[i+1:], q)
		if j < 0 {
			break
		}
		out = append(out, msg[i:i+j+2])
		i += j + 1
	}
	return out
}

// dropQuoted removes every quoted segment of msg that holds a letter or a
// digit, with the space before it.
func dropQuoted(msg string) string {
	for _, q := range quoted(msg) {
		if strings.IndexFunc(q, func(r rune) bool { return r < 128 && isWordByte(byte(r)) || r >= 128 }) >= 0 {
			msg = strings.Replace(msg, " "+q, "", 1)
			msg = strings.Replace(msg, q, "", 1)
		}
	}
	return msg
}

func isWordByte(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b == '_'
}
