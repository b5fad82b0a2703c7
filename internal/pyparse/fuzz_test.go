package pyparse

import (
	"fmt"
	"strings"
	"testing"
)

// checkInvariants reports ranges outside the source, inverted ranges,
// unsorted errors and runaway traversals.
func checkInvariants(t *testing.T, f *File) {
	t.Helper()
	n := len(f.Src)
	bad := func(what string, r Range) {
		if r.Start < 0 || r.End > n || r.Start > r.End {
			t.Errorf("%s range %v outside [0,%d]", what, r, n)
		}
	}
	for _, c := range f.Comments {
		bad("comment", c.Range)
		if f.Text(c.Range) != c.Text {
			t.Errorf("comment text %q != source %q", c.Text, f.Text(c.Range))
		}
	}
	for i, e := range f.Errors {
		bad("error", e.Range)
		if e.Msg == "" {
			t.Errorf("error without message at %v", e.Range)
		}
		// Errors[0] is the error CPython reports; the rest are in source order.
		if i > 1 && e.Start < f.Errors[i-1].Start {
			t.Errorf("errors after the first not in source order")
		}
	}
	count := 0
	limit := 8*n + 64
	InspectFile(f, func(x Node) bool {
		count++
		if count > limit {
			t.Fatalf("traversal visited more than %d nodes", limit)
		}
		bad("node", x.Span())
		switch x := x.(type) {
		case *Call:
			bad("args", x.ArgsRange)
			if x.Func == nil {
				t.Errorf("call without Func at %v", x.Range)
			}
		case *Keyword:
			bad("keyword name", x.NameRange)
			if x.Value == nil {
				t.Errorf("keyword without value at %v", x.Range)
			}
		case *Attribute:
			bad("attribute name", x.AttrRange)
		case *FuncDef:
			bad("func name", x.NameRange)
		case *ClassDef:
			bad("class name", x.NameRange)
		case *Str:
			if len(x.Parts) == 0 {
				t.Errorf("string without parts at %v", x.Range)
			}
			for _, p := range x.Parts {
				bad("string part", p.Range)
			}
		}
		return true
	})
}

func FuzzParse(f *testing.F) {
	seeds := []string{
		"",
		"x = DockerOperator(task_id='t', image=\"reg.io/a:1\", **kw)\n",
		"with DAG('d', default_args={'a': 1}) as dag:\n    t = DockerOperator(image=IMAGE)\n",
		"@task.docker(image='x')\ndef f(a, *b, c=1, **d) -> None:\n    return f\"{a!r:>{w}}\"\n",
		"a = f(x=1\nb = DockerOperator(image='y')\n",
		"if x\n    y = 1\n",
		"\xEF\xBB\xBFx = 1\r\ny = 'a' \"b\" rb'\\x00'\r\n",
		"print 'x'\nexec 'y'\nz = `1` + 0777 + 1L\n",
		"match x:\n    case [a, *b] if a:\n        pass\ntype X = int\n",
		"try:\n  pass\nexcept* E as e:\n  pass\n",
		"x = ((((((1))))))\ny = [[[[[]]]]]\n",
		"s = '''unterminated\n",
		"def f(\n",
		"class K(Base, metaclass=M):\n\tx: int = 0\n  y = 1\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	for _, s := range []string{
		"f(a=1, 2)\nf(**k, *a)\ndef f(a=1, b): ...\ndef g(*): ...\nx := 1\n(a, b) += 1\ndel f()\n",
		"u'abc' b'def'\nb'\xc3\xa9'\n1_\n'\\N{foo}'\nf'{x!z}'\nasync = 1\nX = \n",
		"x = {\n  {% for a in b %}\n}\nf(schedule_interval=@daily,\n)\n",
		"x = (1,\ny = 2\n)\nprint 'a'\nf(a b)\n[x for f() in y]\n",
		"def f():\n    nonlocal x\n    global y\n    y = 1\n    return [await z for z in w]\n",
		"x = " + strings.Repeat("(", 300) + "\n" + strings.Repeat("-", 3000) + "1\n",
		"t = f'{a=}' t'{b!r:>{c}}' f'''{\n d\n}'''\ntype A[T: int = bool] = list[T]\n",
	} {
		f.Add([]byte(s))
	}
	p := NewParser()
	f.Fuzz(func(t *testing.T, src []byte) {
		file, work := p.parse("fuzz.py", src)
		checkInvariants(t, file)
		// Termination in bounded work: each token is read at most a few
		// times (a failed statement once more for its error message).
		if limit := 8*p.ntoks + 64; work > limit {
			t.Errorf("parser consumed %d tokens for %d tokens of input", work, p.ntoks)
		}
		// Determinism: the same input gives the same tree and errors, also
		// parsed into the memory of the first parse once it is released.
		tree, errs := dumpFile(file), fmt.Sprint(file.Errors)
		file.Release()
		again, _ := NewParser().parse("fuzz.py", src)
		if dumpFile(again) != tree || fmt.Sprint(again.Errors) != errs {
			t.Errorf("two parses differ:\n%s\n%v\n---\n%s\n%v", tree, errs, dumpFile(again), again.Errors)
		}
		again.Release()
	})
}

func TestInvariantsOnSamples(t *testing.T) {
	samples := []string{
		string(dagLike(4 << 10)),
		"a = f(x=1\nb = DockerOperator(image='y')\nc = 3\n)\n]\n}\nd = [\n",
		"\xff\xfe\x00 = 1\n",
		"x = '\\N{'\n",
		"f'{'\n",
	}
	for _, s := range samples {
		checkInvariants(t, Parse("s.py", []byte(s)))
	}
}
