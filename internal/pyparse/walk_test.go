package pyparse

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/fixtures"
)

// childrenWalk is the reference traversal: pre-order through Children,
// one slice per node.
func childrenWalk(n Node, f func(Node) bool) {
	stack := []Node{n}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !f(cur) {
			continue
		}
		kids := Children(cur)
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, kids[i])
		}
	}
}

// walkSample exercises every node kind Children knows.
const walkSample = `import os, sys as s
from .a import (b as c, d)
x: int = [1, *z, (2, 3), {4}]
x = y = z
d = {"k": v, **e}
async def f(a, b=1, *c, d=2, **e) -> None:
    @dec(arg)
    class K(Base, metaclass=M):
        pass
    with open(p) as fh, other:
        fh.read()[0:2]
    for i, j in g(k=1):
        if (n := i) > 0:
            yield lambda q, r=3: q + r
        else:
            raise E(f"{i!r:>{w}} and {j}")
    try:
        del x
    except* (A, B) as err:
        pass
op = DockerOperator(task_id="t", image=IMAGE + ":" + TAG, **kw)(1)
`

func TestInspectMatchesChildren(t *testing.T) {
	f := Parse("w.py", []byte(walkSample+string(dagLike(8<<10))))
	if len(f.Errors) > 0 {
		t.Fatalf("sample has a syntax error: %s at %d", f.Errors[0].Msg, f.Errors[0].Start)
	}
	skips := []struct {
		name string
		skip func(Node) bool
	}{
		{"all", func(Node) bool { return false }},
		{"calls", func(n Node) bool { _, ok := n.(*Call); return ok }},
		{"function bodies", func(n Node) bool { _, ok := n.(*FuncDef); return ok }},
		{"strings and dicts", func(n Node) bool {
			switch n.(type) {
			case *Str, *Dict:
				return true
			}
			return false
		}},
	}
	for _, sk := range skips {
		t.Run(sk.name, func(t *testing.T) {
			var got, want []string
			rec := func(out *[]string) func(Node) bool {
				return func(n Node) bool {
					*out = append(*out, fmt.Sprintf("%T%v", n, n.Span()))
					return !sk.skip(n)
				}
			}
			InspectFile(f, rec(&got))
			for _, s := range f.Body {
				childrenWalk(s, rec(&want))
			}
			if len(got) != len(want) {
				t.Fatalf("Inspect visited %d nodes, reference %d", len(got), len(want))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("node %d: Inspect %s, reference %s", i, got[i], want[i])
				}
			}
		})
	}
}

func TestInspectOrderAndSkip(t *testing.T) {
	f := Parse("o.py", []byte("a = f(g(1), h=k(2))\nb = m(3)\n"))
	tests := []struct {
		name    string
		skip    string   // callee whose call's children are skipped
		want    string   // the names and numbers visited, in order
		wantNot []string // what a skipped call hides
	}{
		{"no skip", "", "a f g 1 k 2 b m 3", nil},
		// A skipped call is recorded by its callee's name, taken from the
		// Call itself: its Name child is not visited.
		{"skip inner call", "g", "a f g k 2 b m 3", []string{"1"}},
		{"skip outer call", "f", "a f b m 3", []string{"g", "k", "1", "2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var seen []string
			InspectFile(f, func(n Node) bool {
				switch n := n.(type) {
				case *Name:
					seen = append(seen, n.ID)
				case *Num:
					seen = append(seen, n.Text)
				case *Call:
					if fn, ok := n.Func.(*Name); ok && fn.ID == tt.skip {
						seen = append(seen, fn.ID)
						return false
					}
				}
				return true
			})
			if got := strings.Join(seen, " "); got != tt.want {
				t.Errorf("visited %q, want %q", got, tt.want)
			}
			for _, w := range tt.wantNot {
				for _, s := range seen {
					if s == w {
						t.Errorf("visited %q inside a skipped call", w)
					}
				}
			}
		})
	}
}

// TestInspectAllocations checks that a walk costs a constant number of
// allocations (stack growth), not one per node.
func TestInspectAllocations(t *testing.T) {
	src := append(dagLike(64<<10), "X = ["+strings.Repeat("1, ", 5000)+"]\n"...)
	f := Parse("a.py", src)
	nodes := 0
	InspectFile(f, func(Node) bool { nodes++; return true })
	if nodes < 10000 {
		t.Fatalf("only %d nodes: the sample is too small to tell", nodes)
	}
	count := func(Node) bool { return true }
	got := testing.AllocsPerRun(20, func() { InspectFile(f, count) })
	ref := testing.AllocsPerRun(5, func() {
		for _, s := range f.Body {
			childrenWalk(s, count)
		}
	})
	t.Logf("%d nodes: Inspect %.0f allocations, Children-based walk %.0f", nodes, got, ref)
	// One large list needs a few doublings of the stack; nothing else should allocate.
	if got > 16 {
		t.Errorf("Inspect made %.0f allocations for %d nodes, want at most 16", got, nodes)
	}
}

func BenchmarkInspect(b *testing.B) {
	f := Parse("bench.py", dagLike(100<<10))
	b.ReportAllocs()
	for b.Loop() {
		InspectFile(f, func(Node) bool { return true })
	}
}

// BenchmarkInspectChildren is the former traversal, one Children slice per
// node, for comparison with BenchmarkInspect.
func BenchmarkInspectChildren(b *testing.B) {
	f := Parse("bench.py", dagLike(100<<10))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range f.Body {
			childrenWalk(s, func(Node) bool { return true })
		}
	}
}

// TestIndex checks that a file's index lists what InspectFile visits, in
// the same order: its statements, calls and string literals (those inside
// f-string fields too) each apart, and those with the dicts, := expressions
// and parameters together in Outline, as filtered subsequences of the walk;
// and that the file is walked once however often it is asked for.
func TestIndex(t *testing.T) {
	f := Parse("x.py", []byte(walkSample+"\ns = f\"a{g('b')}c\" 'd'\nd = {'k': (y := 1)}\ndef h(p=2): pass\nc = [m(v) for v in w if (lambda: v)()]\n"))
	var want []Node
	InspectFile(f, func(n Node) bool { want = append(want, n); return true })
	ix := f.Index()
	var outline, stmts, calls, strs, scopes, others int
	next := func(what string, n Node) {
		if outline >= len(ix.Outline) || ix.Outline[outline] != n {
			t.Fatalf("outline node %d (%s %T at %v) missing or out of order", outline, what, n, n.Span())
		}
		outline++
	}
	for _, n := range want {
		switch n := n.(type) {
		case Stmt:
			if stmts >= len(ix.Stmts) || ix.Stmts[stmts] != n {
				t.Fatalf("statement %d (%T) missing or out of order", stmts, n)
			}
			stmts++
			next("statement", n)
		case *Call:
			if calls >= len(ix.Calls) || ix.Calls[calls] != n {
				t.Fatalf("call %d missing or out of order", calls)
			}
			calls++
			next("call", n)
		case *Str:
			if strs >= len(ix.Strs) || ix.Strs[strs] != n {
				t.Fatalf("string %d missing or out of order", strs)
			}
			strs++
		case *Dict, *NamedExpr, *Param:
			next("binding", n)
			others++
		case *Lambda, *OtherExpr:
			if o, ok := n.(*OtherExpr); ok && !o.Kind.IsComprehension() {
				break
			}
			if scopes >= len(ix.Scopes) || ix.Scopes[scopes] != n {
				t.Fatalf("lambda or comprehension %d (%T) missing or out of order", scopes, n)
			}
			scopes++
		}
	}
	if scopes != len(ix.Scopes) || scopes < 2 {
		t.Fatalf("index lists %d lambdas and comprehensions, the walk %d (want at least 2)", len(ix.Scopes), scopes)
	}
	if stmts != len(ix.Stmts) || calls != len(ix.Calls) || strs != len(ix.Strs) || outline != len(ix.Outline) {
		t.Fatalf("index lists %d/%d/%d/%d statements/calls/strings/outline nodes, the walk %d/%d/%d/%d",
			len(ix.Stmts), len(ix.Calls), len(ix.Strs), len(ix.Outline), stmts, calls, strs, outline)
	}
	if others < 3 {
		t.Fatalf("sample too small: %d dicts, := expressions and parameters", others)
	}
	if calls < 5 || strs < 4 {
		t.Fatalf("sample too small: %d calls, %d strings", calls, strs)
	}
	if f.Index() != ix {
		t.Fatal("a second Index call built a new index")
	}
}

// BenchmarkIndex measures building a file's index (the walk alone: the
// lists are kept between runs, as a released file's are).
func BenchmarkIndex(b *testing.B) {
	f := Parse("bench.py", dagLike(100<<10))
	ix := f.Index()
	b.ReportAllocs()
	for b.Loop() {
		ix.clear()
		ix.walk(f.Body)
	}
}

// TestIndexMatchesInspect checks every list of the index against the same
// filter applied to InspectFile's walk (with a Stmt interface case, so no
// statement type can be missed), on generated DAG files and the project's
// DAG fixtures, each parsed fresh and into a released file's arena.
func TestIndexMatchesInspect(t *testing.T) {
	srcs := map[string][]byte{"generated.py": dagLike(30 << 10), "sample.py": []byte(walkSample)}
	for _, f := range fixtures.DAGs(t, 10) {
		srcs[f.Name] = f.Src
	}
	p := NewParser()
	for name, src := range srcs {
		for round := range 2 { // the second round reuses the first's released lists
			f := p.Parse(name, src)
			var want Index
			InspectFile(f, func(n Node) bool {
				switch n := n.(type) {
				case Stmt:
					want.Stmts = append(want.Stmts, n)
					want.Outline = append(want.Outline, n)
				case *Call:
					want.Calls = append(want.Calls, n)
					want.Outline = append(want.Outline, n)
				case *Str:
					want.Strs = append(want.Strs, n)
				case *Dict, *NamedExpr, *Param:
					want.Outline = append(want.Outline, n)
				case *Lambda:
					want.Scopes = append(want.Scopes, n)
				case *OtherExpr:
					if n.Kind.IsComprehension() {
						want.Scopes = append(want.Scopes, n)
					}
				}
				return true
			})
			ix := f.Index()
			if !slices.Equal(ix.Stmts, want.Stmts) || !slices.Equal(ix.Calls, want.Calls) ||
				!slices.Equal(ix.Strs, want.Strs) || !slices.Equal(ix.Outline, want.Outline) ||
				!slices.Equal(ix.Scopes, want.Scopes) {
				t.Fatalf("%s (round %d): index lists %d/%d/%d/%d/%d statements/calls/strings/outline/scopes, the walk %d/%d/%d/%d/%d",
					name, round, len(ix.Stmts), len(ix.Calls), len(ix.Strs), len(ix.Outline), len(ix.Scopes),
					len(want.Stmts), len(want.Calls), len(want.Strs), len(want.Outline), len(want.Scopes))
			}
			f.Release()
		}
	}
}
