// Package yamlline splits gopkg.in/yaml.v3 error texts into a line number and
// a message, so configuration and connections files report `file:line: msg`.
package yamlline

import (
	"strconv"
	"strings"
)

// Split turns "yaml: line 3: mapping values are not allowed" into (3,
// "mapping values are not allowed"); line is 0 when the text names none.
func Split(err error) (line int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, tail, ok := strings.Cut(rest, ": "); ok {
			if n, convErr := strconv.Atoi(num); convErr == nil {
				return n, tail
			}
		}
	}
	return 0, msg
}
