package pyparse

import (
	"strings"
	"testing"
)

// TestDeepInput parses pathological inputs: nothing may overflow the stack,
// and every one is either parsed or reported.
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
			f := Parse("deep.py", []byte(tt.src))
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

// TestDeepValidNesting checks that nesting CPython accepts is parsed whole:
// 99 nested blocks (CPython allows 100 indentation levels) still hold the
// call inside them.
func TestDeepValidNesting(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 99; i++ {
		b.WriteString(strings.Repeat(" ", i) + "if x:\n")
	}
	b.WriteString(strings.Repeat(" ", 99) + "t = DockerOperator(image='x')\n")
	nested := []string{
		b.String(),
		"x = " + strings.Repeat("(", 199) + "DockerOperator(image='x')" + strings.Repeat(")", 199) + "\n",
		"x = " + strings.Repeat("-", 2000) + "DockerOperator(image='x')\n",
		"x = DockerOperator(image='x')" + strings.Repeat(".b", 2000) + "\n",
	}
	for i, src := range nested {
		f := Parse("nested.py", []byte(src))
		if len(f.Errors) > 0 {
			t.Errorf("sample %d: unexpected error %q", i, f.Errors[0].Msg)
		}
		if c := firstCall(f); c == nil || c.Keyword("image") == nil {
			t.Errorf("sample %d: DockerOperator call not found", i)
		}
	}
}

// TestTooComplex checks nesting past CPython's limits: a syntax error
// (CPython: too many nested parentheses, or a RecursionError or
// MemoryError while compiling), never silence, and the statements after it
// are still parsed.
func TestTooComplex(t *testing.T) {
	tests := []struct{ name, expr, msg string }{
		{"unary minus", strings.Repeat("-", 100000) + "1", msgTooComplex},
		{"not", strings.Repeat("not ", 100000) + "x", msgTooComplex},
		{"attribute chain", "a" + strings.Repeat(".b", 100000), msgTooComplex},
		{"call chain", "f" + strings.Repeat("()", 100000), msgTooComplex},
		{"binary chain", "a" + strings.Repeat(" + a", 100000), msgTooComplex},
		{"lambdas", strings.Repeat("lambda: ", 100000) + "1", msgTooComplex},
		{"parentheses", strings.Repeat("(", 250) + "1" + strings.Repeat(")", 250), "too many nested parentheses"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("deep.py", []byte("x = "+tt.expr+"\ny = DockerOperator(image='x')\n"))
			if len(f.Errors) == 0 || f.Errors[0].Msg != tt.msg {
				t.Fatalf("errors %v, want %q first", f.Errors, tt.msg)
			}
			found := false
			for _, s := range f.Body {
				if a, ok := s.(*Assign); ok && f.Text(a.Targets[0].Span()) == "y" {
					found = true
				}
			}
			if !found {
				t.Errorf("statement after the deep one missing: %s", dumpFile(f))
			}
			checkInvariants(t, f)
		})
	}
}

// TestLinearWork checks that parsing costs grow linearly with the input,
// clean or error-dense: the tokens the parser consumes and the allocations
// of a parse, for N and 2N repetitions.
func TestLinearWork(t *testing.T) {
	units := []struct{ name, unit string }{
		{"clean", string(dagLike(2 << 10))},
		{"dangling operator", "x = 1 +\n"},
		{"unclosed call and list", "x = f(a,\ny = [1,\n"},
		{"stray closer", "a = 1\nb = 2 )\n"},
		{"missing colon", "if x\n    y = f(a=1)\n"},
		{"bad indentation", "def f():\n    a = 1\n      b = 2\n"},
		{"jinja", "x = {\n  {% for a in b %}\n}\n"},
		{"deep parens", strings.Repeat("(", 300) + "\n"},
	}
	for _, u := range units {
		t.Run(u.name, func(t *testing.T) {
			n := 4000 / (len(u.unit)/16 + 1)
			small := []byte(strings.Repeat(u.unit, n))
			large := []byte(strings.Repeat(u.unit, 2*n))
			p := NewParser()
			_, w1 := p.parse("a.py", small)
			_, w2 := p.parse("b.py", large)
			if w1 == 0 || float64(w2)/float64(w1) > 2.5 {
				t.Errorf("work %d for N, %d for 2N", w1, w2)
			}
			a1 := testing.AllocsPerRun(3, func() { p.parse("a.py", small) })
			a2 := testing.AllocsPerRun(3, func() { p.parse("b.py", large) })
			if a2/a1 > 2.5 {
				t.Errorf("%.0f allocations for N, %.0f for 2N", a1, a2)
			}
		})
	}
}
