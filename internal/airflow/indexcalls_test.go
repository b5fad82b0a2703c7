package airflow

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/fixtures"
	"github.com/daglint/daglint/internal/lint/lintbench"
	"github.com/daglint/daglint/internal/pyparse"
)

// indexCallsSources are files to check indexCalls on: the rule fixtures,
// generated DAG files and plain modules, and shapes that test its limits.
func indexCallsSources(t *testing.T) map[string][]byte {
	t.Helper()
	srcs := map[string][]byte{
		"tricky.py": []byte(`import os
from airflow.providers.docker.operators.docker import DockerOperator as D

@task.docker(image=f"{os.getenv('R')}/x:{v()}")
def f(a=g(h()), *, b=lambda q=k(): m(q)):
    return [n(x) for x in o(p()) if (y := r(x))]

class C(Base(s()), metaclass=M()):
    attr = t(u())

with DAG("d", default_args=dict(owner=w())) as dag, TaskGroup(x()) as tg:
    D(task_id="a", image=IMG, environment={"K": e(f"{z()}")}).expand(cmd=c(1)(2)(3))
    [D(task_id=i) for i in range(3)]
    (x2 for x2 in q2)(1)
    a.b(c.d(1)).e(f.g(2))
    assert ok(), msg()
    del d[k()]
    for i in it(): pass
x = y = z(w())
x[idx()] = val()
match cmd:
    case Foo(x=Bar(1)) if g(h()):
        D(a=1)
y: ann(1) = v(2)
type T = list[f()]
async def q():
    async with a(b()) as c, d(): await e(f())
    async for i in it(j()): yield k(l())
print(f'{a(b())!r:>{w()}}')
x += y(z())
try:
    raise E(1) from F(2)
except X as e:
    log(e)
`),
		// Keywords walked after the starred argument written behind them:
		// the index is not in start order, so every expression is walked.
		"unsorted.py": []byte("f(k=g(), *h())\nD(task_id=i(), image=j())\n"),
		// A later case's guard is walked before the first case's block, a
		// handler's exception before the try block.
		"unsorted_match.py": []byte("match c:\n    case 1 if g():\n        D(a=f())\n    case 2 if h():\n        pass\n"),
		"unsorted_try.py":   []byte("try:\n    D(a=f())\nexcept X(1) as e:\n    pass\n"),
		"broken.py":         []byte("D(task_id=i(), image=j(\nx = k()\n"),
	}
	for _, f := range fixtures.DAGs(t, 1) {
		srcs[f.Path] = f.Src
	}
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 40 {
		srcs["dag"+string(rune('a'+i%26))+string(rune('0'+i/26))] = lintbench.DAGFile(r, i)
		srcs["plain"+string(rune('a'+i%26))+string(rune('0'+i/26))] = lintbench.PlainModule(r, i)
	}
	return srcs
}

// TestIndexCallsMatchWalk checks that, for every expression of a statement
// (what the builder asks for without a shadow), the calls indexCalls gives
// are those Inspect finds, in its order, and that it declines expressions
// with a lambda or comprehension, files with syntax errors and files whose
// calls are not listed in start order.
func TestIndexCallsMatchWalk(t *testing.T) {
	answered, declined := 0, 0
	for name, src := range indexCallsSources(t) {
		f := pyparse.Parse(name, src)
		ic := newIndexCalls(f)
		if name == "broken.py" && len(f.Errors) == 0 {
			t.Fatal("broken.py parses")
		}
		if use := !strings.HasPrefix(name, "unsorted") && len(f.Errors) == 0; use != (ic.calls != nil) {
			t.Errorf("%s: index used = %v, want %v", name, ic.calls != nil, use)
		}
		for _, st := range f.Index().Stmts {
			for _, ch := range pyparse.Children(st) {
				e, ok := ch.(pyparse.Expr)
				if p, isParam := ch.(*pyparse.Param); isParam {
					e, ok = p.Default, p.Default != nil
				}
				if !ok {
					continue
				}
				var want []*pyparse.Call
				scoped := false
				pyparse.Inspect(e, func(n pyparse.Node) bool {
					switch n := n.(type) {
					case *pyparse.Call:
						want = append(want, n)
					case *pyparse.Lambda:
						scoped = true
					case *pyparse.OtherExpr:
						scoped = scoped || n.Kind.IsComprehension()
					}
					return true
				})
				got, ok := ic.in(e.Span())
				switch {
				case !ok:
					declined++
					if ic.calls != nil && !scoped {
						t.Errorf("%s: declined %q, which holds no lambda or comprehension", name, f.Text(e.Span()))
					}
				case scoped:
					t.Errorf("%s: answered %q, which holds a lambda or comprehension", name, f.Text(e.Span()))
				case !slices.Equal(got, want):
					t.Errorf("%s: %q: %d calls from the index, %d from the walk", name, f.Text(e.Span()), len(got), len(want))
				default:
					answered++
				}
			}
		}
	}
	t.Logf("%d answered, %d declined", answered, declined)
	if answered < 1000 || declined < 10 {
		t.Errorf("too few cases: %d answered, %d declined", answered, declined)
	}
}
