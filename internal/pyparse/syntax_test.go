package pyparse

import (
	"testing"
)

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
		{"global and nonlocal", "def f():\n    global a\n    b = 1\n    def g():\n        nonlocal b\n"},
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
		// Python 2 forms that are valid Python 3 (they fail only when run).
		{"print chevron is a shift", "import sys\nprint >>sys.stderr, 'x'\n"},
		{"3.14 unparenthesised except", "try:\n    pass\nexcept E, e:\n    pass\n"},
		{"3.14 t-string", "x = t'a{b!r:>{w}}'\n"},
		{"3.14 generics with defaults", "def f[T: int = bool, *Ts = *tuple[int], **P = [int]](x: T) -> T: ...\nclass C[T, *Ts, **P]: pass\ntype A[T = int] = list[T]\n"},
		{"soft keywords as names", "match = 1\ncase = match\ntype = 2\n_ = type\nmatch(x)\nmatch[1]\nprint(match, case, type)\n"},
		{"match statement forms", "match p:\n    case Point(x=0, y=_) | [1, 2, *_] as q:\n        pass\n    case {\"k\": v, **kw} if v > -1 + 2j:\n        pass\n    case a.b.C() | None | -1 | 'x' 'y':\n        pass\n"},
		{"walrus forms", "if (n := 10) > 5: pass\nwhile chunk := f.read():\n    pass\n[y := 1, y ** 2]\nf(x := 1)\nx[y := 1]\n"},
		{"star forms", "a, *b = c\n[*a, b] = c\nfor *a, b in c: pass\nprint(*a, *b, **c, **d)\nx = *a, *b\nreturn_ = [*a]\n"},
		{"async comprehension", "async def f():\n    return [x async for x in y if await x]\n"},
		{"decorators on any expression", "@x[0].y(1)(2)\n@(lambda f: f)\n@a if b else c\ndef f(): pass\n"},
		{"lambda forms", "f = lambda: 0\ng = lambda *, a: a\nh = lambda a, /, b=1, *c, d, **e: 0\n"},
		{"slices", "x[1:2, ::3, a:b:c, :, ...]\nx[()]\nx[*a]\n"},
		{"yield forms", "def g():\n    x = yield\n    y = yield 1, 2\n    yield from z\n    await_ = (yield)\n"},
		{"global and nonlocal use", "x = 1\ndef f():\n    global x\n    x = 2\n    def g():\n        nonlocal y\n    y = 3\n"},
		{"future first", "'''doc'''\nfrom __future__ import annotations\nfrom __future__ import division\nimport os\n"},
		{"keyword repeated in different calls", "f(a=1)(a=2)\nf(a=1, **{'a': 2})\n"},
		{"fstring debug and nesting", "x = f'{a=}' f'{a = !r:>10}' f'{\"nested\"!s}' f'{a:{b}{c}}' f'''{\n  a\n}'''\n"},
		{"numbers", "x = 0x_1f + 0b1_0 + 0o7_7 + 1_000.5e-1_0 + 1j + .5 + 5. + 0_0\n"},
		{"line continuation and semicolons", "x = 1 + \\\n    2; y = 3;\n"},
		{"form feed in indentation", "if x:\n\f    y = 1\n"},
		{"bom", "\ufeffx = 1\n"},
		{"class in def returns", "def f():\n    class A:\n        def g(self):\n            return 1\n    return A\n"},
		{"loop control in nested loops", "for a in b:\n    while c:\n        break\n    else:\n        continue\n"},
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
		{"unterminated docstring", "\"\"\"A DAG.\n" +
			"b = DockerOperator(image=\"x\")\n" +
			"c = 3\n", "c = 3"},
		{"header lost its bracket", "with DAG(dag_id='d', start=datetime(2020, 1, 1, schedule=None) as dag:\n" +
			"    b = DockerOperator(image=\"x\")\n" +
			"c = 3\n", "c = 3"},
		{"header lost its quote", "with DAG(dag_id=d', schedule=None) as dag:\n" +
			"    b = DockerOperator(image=\"x\")\n" +
			"c = 3\n", "c = 3"},
		{"string ate the comma", "b = DockerOperator(\n" +
			"    task_id=t',\n" +
			"    image=\"x\",\n" +
			")\n" +
			"c = 3\n", "c = 3"},
		{"broken argument", "b = DockerOperator(task_id=1 2, image=\"x\")\n" +
			"c = 3\n", "c = 3"},
		{"dict entry without colon", "b = DockerOperator(environment={\"a\" 1, \"k\": v}, image=\"x\")\n" +
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
