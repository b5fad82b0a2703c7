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

// TestNoDocumentText checks that text of the document the library quotes
// is dropped (it may be a password) while quoted punctuation stays, and
// that an error naming no line gets the line of the quoted text.
func TestNoDocumentText(t *testing.T) {
	data := []byte("a: 1\nb:\n  pw: *Hunt3rPassw0rdZZ\n")
	tests := []struct {
		in   string
		line int
		msg  string
	}{
		{"yaml: unknown anchor 'Hunt3rPassw0rdZZ' referenced", 3, "unknown anchor referenced"},
		{"yaml: line 2: did not find expected ',' or ']'", 2, "did not find expected ',' or ']'"},
		{"yaml: line 7: found unknown escape character `Hunt3r`", 7, "found unknown escape character"},
		{"yaml: line 1: can't parse \"Hunt3rPassw0rdZZ\"", 1, "can't parse"},
	}
	for _, tt := range tests {
		line, msg := SplitIn(errors.New(tt.in), data)
		if line != tt.line || msg != tt.msg {
			t.Errorf("SplitIn(%q) = %d, %q; want %d, %q", tt.in, line, msg, tt.line, tt.msg)
		}
	}
}
