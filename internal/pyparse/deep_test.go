package pyparse

import (
	"strings"
	"testing"
	"time"
)

func TestDeepInput(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"parens", "x = " + strings.Repeat("(", 50000) + "1" + strings.Repeat(")", 50000) + "\n"},
		{"lists", "x = " + strings.Repeat("[", 5000) + "1" + strings.Repeat("]", 5000) + "\n"},
		{"calls", "x = " + strings.Repeat("f(", 5000) + "1" + strings.Repeat(")", 5000) + "\n"},
		{"unclosed", "x = " + strings.Repeat("[", 20000) + "\n"},
		{"blocks", deepBlocks(1000)},
		{"many broken lines", strings.Repeat("x = f(a,\ny = [1,\n", 3000)},
		{"long line", "x = [" + strings.Repeat("'abcdefgh', ", 5<<20/12) + "]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			f := Parse("deep.py", []byte(tt.src))
			n := 0
			InspectFile(f, func(Node) bool { n++; return true })
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
			if len(f.Body) == 0 {
				t.Errorf("no statements")
			}
			if strings.Count(tt.src, "(") != strings.Count(tt.src, ")") && len(f.Errors) == 0 {
				t.Errorf("unbalanced input without a syntax error")
			}
			checkInvariants(t, f)
		})
	}
}

func deepBlocks(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i))
		b.WriteString("if x:\n")
	}
	b.WriteString(strings.Repeat(" ", n) + "pass\n")
	return b.String()
}
