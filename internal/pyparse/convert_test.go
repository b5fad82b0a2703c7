package pyparse

import (
	"strings"
	"testing"
)

func TestConvert(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"call with all argument forms", `DockerOperator(a, *b, image="x", **k)`,
			`DockerOperator(a, *b, image=Str["x"], **k)`},
		{"module-qualified call", `docker.DockerOperator(task_id="t")`, `docker.DockerOperator(task_id=Str["t"])`},
		{"bare name is not a call", `DockerOperator`, `DockerOperator`},
		{"space before arguments", "f (x)", "f(x)"},
		{"chained call", "f(*a, **k, x=1)(2)", "f(*a, **k, x=1)(2)"},
		{"generator argument", "f(a for a in b)", "f(genexp<a, for<a, b>>)"},
		{"assignment chain", "a = b = c = 1", "a, b, c = 1"},
		{"tuple target", "a, b = 1, 2", "tuple(a, b) = tuple(1, 2)"},
		{"annotated", "x: int = 1", "x: int = 1"},
		{"annotation only", "x: list[int]", "x: list[int]"},
		{"annotation union", "x: dict[str, a.B] | None = None", "x: (dict[tuple(str, a.B)] | None) = None"},
		{"augmented", "x |= {'a': 1}", `x |= {Str["a"]: 1}`},
		{"walrus", "x = (y := 10)", "x = (y := 10)"},
		{"parens unwrap", "x = ((((a))))", "x = a"},
		{"tuple in parens", "x = (a, b)", "x = tuple(a, b)"},
		{"empty tuple", "x = ()", "x = tuple()"},
		{"list set", "x = [1, *c], {1, 2}", "x = tuple(list(1, *c), set(1, 2))"},
		{"dict with splat", `d = {"a": 1, **e}`, `d = {Str["a"]: 1, **e}`},
		{"dict comprehension", "d = {k: v for k, v in x}", "d = dictcomp<k, v, for<tuple(k, v), x>>"},
		{"binops", `v = a % (1, 2) + b | c`, `v = (((a % tuple(1, 2)) + b) | c)`},
		{"subscript", `v = a["k"][1:2, ::3]`, `v = a[Str["k"]][tuple(slice<1, 2>, slice<3>)]`},
		{"lambda", "l = lambda x, *y, z=1, **w: x", "l = lambda(x, *y, z=1, **w): x"},
		{"constants", "x = True, False, None, ..., 1.5, 0x1f, 1_000, 2j", "x = tuple(True, False, None, ..., 1.5, 0x1f, 1_000, 2j)"},
		{"comparison", "x = a < b", "x = compare<a, b>"},
		{"import", "import os.path as p, sys", "import os.path as p, sys"},
		{"from import relative", "from .. a.b import (c as d, e,)", "from ..a.b import c as d, e"},
		{"from import dot", "from . import x", "from . import x"},
		{"star import", "from airflow.operators import *", "from airflow.operators import *"},
		{"future", "from __future__ import annotations", "from __future__ import annotations"},
		{"with", "with DAG('d') as dag, x:\n    pass", `with DAG(Str["d"]) as dag, x{pass}`},
		{"parenthesised with", "with (\n    open(a) as f,\n    b as c,\n):\n    pass", "with open(a) as f, b as c{pass}"},
		{"async with", "async def f():\n    async with a as (b, c):\n        pass", "def f(){with a as tuple(b, c){pass}}"},
		{"decorated function", "@task.docker(image='x')\n@dag\nasync def f(a, b: int = 2, *args, c, d=3, **kw) -> None:\n    return a",
			`@task.docker(image=Str["x"]) @dag def f(a, b=2, *args, c, d=3, **kw){return a}`},
		{"positional-only", "def f(a, /, b, *, c=1): pass", "def f(a, b, c=1){pass}"},
		{"class", "class K(Base, metaclass=M):\n    x: int\n    y = 1", "class K(Base, metaclass=M){x: int; y = 1}"},
		{"if elif else", "if a:\n    x\nelif b:\n    y\nelse:\n    z", "if exprs(a, b){x}{y}{z}"},
		{"for else", "for i, j in x:\n    continue\nelse:\n    pass", "for targets(tuple(i, j)) exprs(x){continue}{pass}"},
		{"while", "while x: pass", "while exprs(x){pass}"},
		{"try", "try:\n    a\nexcept E as e:\n    b\nexcept F:\n    c\nelse:\n    d\nfinally:\n    e",
			"try targets(e) exprs(E, F){a}{b}{c}{d}{e}"},
		{"except star", "try:\n    a\nexcept* E as e:\n    b\nexcept* (F, G):\n    c", "try targets(e) exprs(E, tuple(F, G)){a}{b}{c}"},
		{"3.14 unparenthesised except", "try:\n    a\nexcept E, F:\n    b", "try exprs(tuple(E, F)){a}{b}"},
		{"match", "match x:\n    case [a, *b] if a > 1:\n        y\n    case _:\n        z", "match targets(a, b) exprs(x, compare<a, 1>){y}{z}"},
		{"others", "global g, h\ndel a[0]\nassert x, 'm'\nraise E from e\npass",
			"global g,h\ndel a[0]\nassert x, Str[\"m\"]\nraise E, e\npass"},
		{"type alias", "type X = int", "type X, int"},
		{"print call", "print(1)", "print(1)"},
		{"yield", "def g():\n    yield x", "def g(){yield<x>}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("t.py", []byte(tt.src))
			if len(f.Errors) > 0 {
				t.Fatalf("unexpected error %q at %d", f.Errors[0].Msg, f.Errors[0].Start)
			}
			if got := dumpFile(f); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestStrings(t *testing.T) {
	tests := []struct {
		src, want   string
		fstr, bytes bool
		prefix      string
	}{
		{`"a\tb\x41\u00e9\101\N{BULLET}\q\\\'"`, `Str["a\tbAéA•\\q\\'"]`, false, false, ""},
		{`r'\n\x41'`, `rStr["\\n\\x41"]`, false, false, "r"},
		{`b'\xff\101\u0041'`, `bStr["\xffA\\u0041"]`, false, true, "b"},
		{`Rb"\x00"`, `rbStr["\\x00"]`, false, true, "rb"},
		{`"a" 'b' """c
d"""`, `Str["a" "b" "c\nd"]`, false, false, ""},
		{`"line \
cont"`, `Str["line cont"]`, false, false, ""},
		{`""`, `Str[""]`, false, false, ""},
		{`''''''`, `Str[""]`, false, false, ""},
		{`f"a{x!r:>10}b{{c}}"`, `fStr["a" {x!r:>10} "b{c}"]`, true, false, "f"},
		{`f"{x:>{w}}"`, `fStr[{x:?}]`, true, false, "f"},
		{`f"{f"{'x'}"}"`, `fStr[{fStr[{Str["x"]}]}]`, true, false, "f"},
		{`"a" f"{b}"`, `Str["a" {b}]`, true, false, ""},
		{`fr'\d{x}'`, `frStr["\\d" {x}]`, true, false, "fr"},
		{`u"é"`, `uStr["é"]`, false, false, "u"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			f := Parse("t.py", []byte("x = "+tt.src+"\n"))
			if len(f.Errors) > 0 {
				t.Fatalf("unexpected error %q", f.Errors[0].Msg)
			}
			s, ok := f.Body[0].(*Assign).Value.(*Str)
			if !ok {
				t.Fatalf("value is %T, want *Str", f.Body[0].(*Assign).Value)
			}
			if got := dump(s); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			if s.FString != tt.fstr || s.Bytes != tt.bytes || s.Prefix != tt.prefix {
				t.Errorf("FString=%v Bytes=%v Prefix=%q, want %v %v %q", s.FString, s.Bytes, s.Prefix, tt.fstr, tt.bytes, tt.prefix)
			}
			if got := f.Text(s.Range); got != tt.src {
				t.Errorf("Str range text %q, want %q", got, tt.src)
			}
			for _, p := range s.Parts {
				if p.Start < s.Start || p.End > s.End || p.Start > p.End {
					t.Errorf("part range %v outside %v", p.Range, s.Range)
				}
			}
		})
	}
}

func TestStrValue(t *testing.T) {
	tests := []struct {
		src, want string
		ok        bool
	}{
		{`"a" "b"`, "ab", true},
		{`'x\ny'`, "x\ny", true},
		{`f"a{b}"`, "", false},
		{`f"a{{b}}"`, "a{b}", true},
	}
	for _, tt := range tests {
		f := Parse("t.py", []byte("x = "+tt.src))
		s := f.Body[0].(*Assign).Value.(*Str)
		got, ok := s.Value()
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: Value() = %q, %v; want %q, %v", tt.src, got, ok, tt.want, tt.ok)
		}
	}
}

// find returns the first node (pre-order) for which pred holds.
func find(f *File, pred func(Node) bool) Node {
	var found Node
	InspectFile(f, func(n Node) bool {
		if found == nil && pred(n) {
			found = n
		}
		return found == nil
	})
	return found
}

func firstCall(f *File) *Call {
	c, _ := find(f, func(n Node) bool { _, ok := n.(*Call); return ok }).(*Call)
	return c
}

func TestRanges(t *testing.T) {
	src := "# top\nt = DockerOperator(\n    task_id='t',  # noqa: DAG101\n    image=r'img' \"x\",\n    **extra,\n)\n" +
		"x = ( obj.attr )\ndef fn(a=1):\n    pass\nd = {'k': v, **m}\n"
	f := Parse("r.py", []byte(src))
	if len(f.Errors) > 0 {
		t.Fatalf("unexpected error %q", f.Errors[0].Msg)
	}
	call := firstCall(f)
	if call == nil {
		t.Fatal("no call")
	}
	kw := call.Keyword("image")
	fd := f.Body[2].(*FuncDef)
	attr := f.Body[1].(*Assign).Value.(*Attribute)
	dict := f.Body[3].(*Assign).Value.(*Dict)
	tests := []struct {
		what string
		r    Range
		want string
	}{
		{"call func", call.Func.Span(), "DockerOperator"},
		{"call", call.Range, "DockerOperator(\n    task_id='t',  # noqa: DAG101\n    image=r'img' \"x\",\n    **extra,\n)"},
		{"args", call.ArgsRange, src[strings.Index(src, "(\n    task") : strings.Index(src, ")\n")+1]},
		{"keyword", kw.Range, "image=r'img' \"x\""},
		{"keyword name", kw.NameRange, "image"},
		{"keyword value", kw.Value.Span(), "r'img' \"x\""},
		{"string part", kw.Value.(*Str).Parts[0].Range, "img"},
		{"splat keyword", call.Keywords[2].Range, "**extra"},
		{"splat value", call.Keywords[2].Value.Span(), "extra"},
		{"assign", f.Body[0].Span(), src[strings.Index(src, "t = ") : strings.Index(src, ")\n")+1]},
		{"paren unwrapped", attr.Range, "obj.attr"},
		{"attr name", attr.AttrRange, "attr"},
		{"func name", fd.NameRange, "fn"},
		{"param", fd.Params[0].Range, "a=1"},
		{"dict item", dict.Items[0].Range, "'k': v"},
		{"dict splat item", dict.Items[1].Range, "**m"},
		{"comment", f.Comments[1].Range, "# noqa: DAG101"},
	}
	for _, tt := range tests {
		if got := f.Text(tt.r); got != tt.want {
			t.Errorf("%s: text %q, want %q", tt.what, got, tt.want)
		}
	}
	if len(f.Comments) != 2 || f.Comments[0].Text != "# top" {
		t.Errorf("comments = %+v", f.Comments)
	}
}

func TestBOMAndCRLF(t *testing.T) {
	tests := []struct {
		name, src string
	}{
		{"bom", "\xEF\xBB\xBFimport os\nx = DockerOperator(image='a')\n"},
		{"crlf", "import os\r\nif x:\r\n    x = DockerOperator(image='a')\r\n"},
		{"bom crlf", "\xEF\xBB\xBF# c\r\nx = DockerOperator(image='a')\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("b.py", []byte(tt.src))
			if len(f.Errors) > 0 {
				t.Fatalf("unexpected error %q at %d", f.Errors[0].Msg, f.Errors[0].Start)
			}
			call := firstCall(f)
			if call == nil {
				t.Fatal("no call")
			}
			if got := f.Text(call.Range); got != "DockerOperator(image='a')" {
				t.Errorf("call text %q", got)
			}
			if got := f.Text(call.Keywords[0].Value.Span()); got != "'a'" {
				t.Errorf("value text %q", got)
			}
			for _, c := range f.Comments {
				if !strings.HasPrefix(f.Text(c.Range), "#") {
					t.Errorf("comment range %v text %q", c.Range, f.Text(c.Range))
				}
			}
		})
	}
}

func TestParserReuse(t *testing.T) {
	p := NewParser()
	defer p.Close()
	a := p.Parse("a.py", []byte("x = f(1)\n"))
	b := p.Parse("b.py", []byte("y = g(2, 3)\n"))
	if dumpFile(a) != "x = f(1)" || dumpFile(b) != "y = g(2, 3)" {
		t.Errorf("got %q and %q", dumpFile(a), dumpFile(b))
	}
	p.Close()
	if f := p.Parse("c.py", []byte("z = 1")); len(f.Body) != 0 {
		t.Errorf("closed parser returned statements")
	}
}

// TestParenthesisedRanges checks CPython's ast ranges around parentheses:
// a trailer starts at the primary's opening parenthesis, a keyword ends
// with its value's closing one, a parenthesised expression has the inner
// node's range, a parenthesised tuple includes its parentheses.
func TestParenthesisedRanges(t *testing.T) {
	src := "x = (f)(a=(1), **(k))\ny = (obj).attr[(0)]\nz = ((a, b))\n"
	f := Parse("p.py", []byte(src))
	if len(f.Errors) > 0 {
		t.Fatalf("unexpected error %q", f.Errors[0].Msg)
	}
	call := f.Body[0].(*Assign).Value.(*Call)
	sub := f.Body[1].(*Assign).Value.(*Subscript)
	tests := []struct {
		what string
		r    Range
		want string
	}{
		{"call", call.Range, "(f)(a=(1), **(k))"},
		{"callee", call.Func.Span(), "f"},
		{"keyword", call.Keywords[0].Range, "a=(1)"},
		{"keyword value", call.Keywords[0].Value.Span(), "1"},
		{"double-star keyword", call.Keywords[1].Range, "**(k)"},
		{"subscript", sub.Range, "(obj).attr[(0)]"},
		{"attribute", sub.Value.Span(), "(obj).attr"},
		{"index", sub.Index.Span(), "0"},
		{"tuple", f.Body[2].(*Assign).Value.Span(), "(a, b)"},
	}
	for _, tt := range tests {
		if got := f.Text(tt.r); got != tt.want {
			t.Errorf("%s: text %q, want %q", tt.what, got, tt.want)
		}
	}
}
