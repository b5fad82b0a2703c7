package pyparse

import (
	"strings"
	"testing"
)

func TestKindTables(t *testing.T) {
	tb := tables()
	found := make(map[kind]bool)
	for _, k := range tb.kinds {
		found[k] = true
	}
	for k := kind(1); k < numKinds; k++ {
		if k != kError && !found[k] {
			t.Errorf("node type %q (kind %d) not in the grammar", kindNames[k], k)
		}
	}
}

func TestValidSyntax(t *testing.T) {
	tests := []struct{ name, src string }{
		{"3.8 walrus and positional-only", "if (n := len(a)) > 10:\n    pass\ndef f(a, /, b, *, c):\n    pass\n"},
		{"3.8 f-string debug", "x = f\"{a=}\"\n"},
		{"3.9 decorators and dict union", "@buttons[0].clicked.connect\ndef f(): pass\nd = a | b\nd |= {'x': 1}\n"},
		{"3.10 match", "match cmd:\n    case [\"go\", d] if d:\n        pass\n    case {\"k\": v, **rest}:\n        pass\n    case Point(x=0) | None:\n        pass\n    case _:\n        pass\n"},
		{"3.10 parenthesised with", "with (\n    open(a) as f,\n    open(b) as g,\n):\n    pass\n"},
		{"3.11 except star", "try:\n    pass\nexcept* ValueError as e:\n    pass\n"},
		{"3.12 type alias and generics", "type Point[T] = tuple[T, T]\ndef f[T](x: T) -> T:\n    return x\nclass C[T]: pass\n"},
		{"3.12 nested f-string", "x = f\"{f\"{'x'}\"}\"\ny = f\"{a['b']:{w}.{p}}\"\n"},
		{"annotations", "x: int\ny: dict[str, int] = {}\ndef f(a: 'A' = None, *args: int, **kw: str) -> list[int]: ...\n"},
		{"async", "async def f():\n    async with a as b:\n        async for x in y:\n            await z\n    return [x async for x in y]\n"},
		{"lambda and comprehension", "f = lambda *a, **k: {k: v for k, v in a if v}\ng = (x for x in y)\n"},
		{"global and nonlocal", "def f():\n    global a\n    def g():\n        nonlocal b\n"},
		{"semicolons and inline blocks", "a = 1; b = 2\nif a: b = 3\nclass K: pass\n"},
		{"continuation", "x = 1 + \\\n    2\n"},
		{"tabs", "if x:\n\ty = 1\n\tz = 2\n"},
		{"comments everywhere", "x = f(  # a\n    1,  # b\n)  # c\n# d\n"},
		{"print as name", "print\nprint(x, file=f)\nexec(code)\n"},
		{"leading zero forms", "x = 0, 00, 0_0, 0.5, 0e1, 0o777, 07j, 1_000\n"},
		{"string prefixes", "x = r'a', u'b', b'c', Rb'd', bR'e', f'f', Fr'{g}', rf'h'\n"},
		{"empty file", ""},
		{"only comments", "# a\n# b\n"},
		{"decorated class", "@dataclass(frozen=True)\nclass A:\n    x: int = 0\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("ok.py", []byte(tt.src))
			for _, e := range f.Errors {
				t.Errorf("unexpected error %q at line %d: %q", e.Msg, f.Lines.Line(e.Start), f.Text(e.Range))
			}
		})
	}
}

func TestInvalidSyntax(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"python 2 print", "import os\nprint 'hello'\n", 2, `missing parentheses in call to "print"`},
		{"python 2 print chevron", "import sys\nprint >>sys.stderr, 'x'\n", 2, `call to "print"`},
		{"python 2 exec", "x = 1\nexec 'code' in ns\n", 2, `missing parentheses in call to "exec"`},
		{"unexpected indent in block", "def f():\n    a = 1\n      b = 2\n", 3, "unexpected indent"},
		{"unindent mismatch", "def f():\n    if x:\n        a = 1\n      b = 2\n", 4, "unindent does not match"},
		{"module statement indented", "x = 1\n  y = 2\n", 2, "unexpected indent"},
		{"first statement indented", "  x = 1\n", 1, "unexpected indent"},
		{"empty block at eof", "x = 1\ndef f():\n", 2, "expected an indented block"},
		{"empty block before comment", "x = 1\nif x:\n    # only a comment\n", 2, "expected an indented block"},
		{"python 2 octal", "x = 1\nmode = 0777\n", 2, "leading zeros"},
		{"python 2 long", "x = 10L\n", 1, "suffix"},
		{"backticks", "x = 1\ny = `x`\n", 2, "backquotes"},
		{"diamond operator", "if a <> b:\n    pass\n", 1, `invalid operator "<>"`},
		{"python 2 except", "try:\n    pass\nexcept E, e:\n    pass\n", 3, "parenthesized"},
		{"python 2 raise", "raise E, 'm'\n", 1, "invalid syntax"},
		{"ur prefix", "x = 1\ns = ur'x'\n", 2, `invalid string prefix "ur"`},
		{"missing paren", "a = 1\nt = f(x=1\nb = 2\n", 2, ""},
		{"missing colon", "a = 1\nif x\n    b = 2\n", 2, ""},
		{"stray token", "a = 1\nb = 2 )\n", 2, ""},
		{"unclosed string", "a = 1\nb = 'abc\n", 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("bad.py", []byte(tt.src))
			if len(f.Errors) == 0 {
				t.Fatalf("no error")
			}
			e := f.Errors[0]
			if got := f.Lines.Line(e.Start); got != tt.line {
				t.Errorf("first error %q on line %d, want %d", e.Msg, got, tt.line)
			}
			if !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("message %q does not contain %q", e.Msg, tt.msg)
			}
			if e.Msg == "" || e.Msg != strings.ToLower(e.Msg[:1])+e.Msg[1:] {
				t.Errorf("message %q is not a short lowercase text", e.Msg)
			}
			for i := 1; i < len(f.Errors); i++ {
				if f.Errors[i].Start < f.Errors[i-1].Start {
					t.Errorf("errors out of order: %v", f.Errors)
				}
			}
		})
	}
}

// TestRecovery checks that calls after a broken line are still found.
func TestRecovery(t *testing.T) {
	tests := []struct {
		name, src string
		after     string // a statement after the break that must be in Body
	}{
		{"missing paren", "from airflow.providers.docker.operators.docker import DockerOperator\n" +
			"a = BashOperator(task_id='a', bash_command='x'\n" +
			"b = DockerOperator(image=\"x\")\n" +
			"c = 3\n", "c = 3"},
		{"missing colon", "from airflow.providers.docker.operators.docker import DockerOperator\n" +
			"with DAG('d') as dag\n" +
			"    b = DockerOperator(image=\"x\")\n" +
			"c = 3\n", "c = 3"},
		{"missing paren inside with block", "with DAG('d') as dag:\n" +
			"    a = BashOperator(task_id='a', bash_command='x'\n" +
			"    b = DockerOperator(image=\"x\")\n" +
			"c = 3\n", "c = 3"},
		{"missing colon in def", "def f(x)\n" +
			"    return DockerOperator(image=\"x\")\n" +
			"c = 3\n", "c = 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("broken.py", []byte(tt.src))
			if len(f.Errors) == 0 {
				t.Errorf("no syntax error reported")
			}
			var call *Call
			InspectFile(f, func(n Node) bool {
				if c, ok := n.(*Call); ok && f.Text(c.Func.Span()) == "DockerOperator" {
					call = c
				}
				return true
			})
			if call == nil {
				t.Fatalf("DockerOperator call not recovered:\n%s", dumpFile(f))
			}
			if kw := call.Keyword("image"); kw == nil || f.Text(kw.Value.Span()) != `"x"` {
				t.Errorf("image keyword not recovered: %s", dump(call))
			}
			found := false
			for _, s := range f.Body {
				if f.Text(s.Span()) == tt.after {
					found = true
				}
			}
			if !found {
				t.Errorf("statement %q after the break missing from Body:\n%s", tt.after, dumpFile(f))
			}
		})
	}
}

// TestNoRecoveredCallOnValidFiles checks that recovery adds nothing to valid code.
func TestNoRecoveredCallOnValidFiles(t *testing.T) {
	f := Parse("ok.py", dagLike(8<<10))
	if len(f.Errors) > 0 {
		t.Fatalf("unexpected error %q", f.Errors[0].Msg)
	}
	InspectFile(f, func(n Node) bool {
		if c, ok := n.(*Call); ok && c.Recovered {
			t.Errorf("recovered call in a valid file: %s", f.Text(c.Range))
		}
		return true
	})
}
