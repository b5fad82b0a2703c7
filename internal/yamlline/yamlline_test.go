package yamlline

import (
	"errors"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		in   string
		line int
		msg  string
	}{
		{"yaml: line 3: mapping values are not allowed in this context", 3, "mapping values are not allowed in this context"},
		{"yaml: did not find expected key", 0, "did not find expected key"},
		{"yaml: line x: odd", 0, "line x: odd"},
		{"other error", 0, "other error"},
	}
	for _, tt := range tests {
		line, msg := Split(errors.New(tt.in))
		if line != tt.line || msg != tt.msg {
			t.Errorf("Split(%q) = %d, %q; want %d, %q", tt.in, line, msg, tt.line, tt.msg)
		}
	}
}
