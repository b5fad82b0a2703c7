package rules

import (
	"testing"

	"github.com/daglint/daglint/internal/fixtures"
	"github.com/daglint/daglint/internal/pyparse"
)

// TestOpByteIsIs: the token prefilter reads one-character operators with
// opByte; on every token of every fixture it says what Tokens.Is says.
func TestOpByteIsIs(t *testing.T) {
	ops := []string{"=", ",", ";", ":", ")", "]", "(", "[", "{", "}", ".", "*"}
	seen := map[byte]bool{}
	for _, fx := range fixtures.DAGs(t, 10) {
		p := fx.Path
		toks := pyparse.Tokenize(append(fx.Src, "\nf\"{x}=,:)\" ; a := 1\n"...))
		for i := 0; i < toks.Len(); i++ {
			b := opByte(toks, i)
			seen[b] = true
			for _, op := range ops {
				if (b == op[0]) != toks.Is(i, op) {
					t.Fatalf("%s: token %d %q: opByte %q, Is(%q) %v", p, i, toks.Bytes(i), b, op, toks.Is(i, op))
				}
			}
			if toks.Is(i, ":=") && b != 0 {
				t.Fatalf("%s: token %d %q: opByte %q for the walrus", p, i, toks.Bytes(i), b)
			}
		}
	}
	for _, op := range ops[:6] {
		if !seen[op[0]] {
			t.Errorf("no %q token in the fixtures: the test proves nothing for it", op)
		}
	}
}
