package pyparse

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// releaseSamples are sources of every kind of node: the fixture DAGs, a
// generated DAG file and broken input.
func releaseSamples(t *testing.T) [][]byte {
	t.Helper()
	return append(fixtureDAGs(t), dagLike(20<<10), []byte(strings.Join([]string{
		"@d(1)\nasync def f[T](a, /, b: int = 2, *c, d, **e) -> T:",
		"    async with x as (y, z), w: await g(lambda q=1: q)",
		"    for i in range(3):\n        if (n := i) > 1: break\n        elif n: continue\n        else: pass",
		"    while False: nonlocal_ = [k for k in {1: 2}]",
		"    try:\n        import os.path as p, sys\n    except* E as e:\n        raise\n    finally:\n        del p",
		"class C(B, metaclass=M):\n    global g\n    x: int = f'{a!r:>{w}}' 'b' rb'c'",
		"match v:\n    case [1, *r] | {'k': _} if r: return\ntype A = int",
		"from . import (a as b, c)\nx = {**d, 'e': (1, 2)[::-1], *s: t}",
		"w = a.b + f(*c)",
		"y = f(a=1\nz = DockerOperator(image='i')\n",
	}, "\n")))
}

func treeOf(f *File) string {
	ix := f.Index()
	var b strings.Builder
	b.WriteString(dumpFile(f))
	fmt.Fprintf(&b, "\n%v\n%v\n", f.Comments, f.Errors)
	for _, n := range ix.Outline {
		fmt.Fprintf(&b, "%T%v ", n, n.Span())
	}
	fmt.Fprintf(&b, "\n%d %d %d", len(ix.Stmts), len(ix.Calls), len(ix.Strs))
	return b.String()
}

// Files parsed one after another, each released before the next, into the
// memory the one before handed back, are parsed exactly as when nothing is
// released: reused chunks start cleared.
func TestReleaseGivesIdenticalTrees(t *testing.T) {
	samples := releaseSamples(t)
	want := make([]string, len(samples))
	for i, src := range samples {
		want[i] = treeOf(NewParser().Parse("a.py", src))
	}
	p := NewParser()
	for round := 0; round < 3; round++ {
		for i := range samples {
			// Backwards in odd rounds, so that small files follow large.
			k := i
			if round%2 == 1 {
				k = len(samples) - 1 - i
			}
			f := p.Parse("a.py", samples[k])
			if got := treeOf(f); got != want[k] {
				t.Fatalf("round %d, sample %d: tree differs after reuse:\n%s\n---\n%s", round, k, got, want[k])
			}
			f.Release()
		}
	}
}

// Release clears the nodes, so the pool keeps nothing of the file, and the
// next file parsed takes the same memory instead of allocating.
func TestReleaseClearsAndReuses(t *testing.T) {
	src := []byte("x = f(a, b='s')\nimport os\n")
	p := NewParser()
	reused := false
	// The pool may drop an arena (it does at random under the race
	// detector), so the reuse is looked for over a few tries.
	for try := 0; try < 20 && !reused; try++ {
		f := p.Parse("a.py", src)
		f.Index()
		as := f.Body[0].(*Assign)
		call := as.Value.(*Call)
		if as.Targets[0].(*Name).ID != "x" || call.Keywords[0].Name != "b" {
			t.Fatalf("unexpected tree: %s", dumpFile(f))
		}
		f.Release()
		if f.Body != nil || f.Comments != nil || f.index.Load() != nil {
			t.Fatal("a released file still lists its tree")
		}
		if !reflect.ValueOf(*as).IsZero() || !reflect.ValueOf(*call).IsZero() {
			t.Fatalf("released nodes not cleared: %+v %+v", *as, *call)
		}
		f.Release() // a second release does nothing
		g := p.Parse("b.py", []byte("y = g(c, d='t')\n"))
		reused = unsafe.Pointer(g.Body[0].(*Assign)) == unsafe.Pointer(as)
		if as.Targets[0].(*Name).ID != "y" && reused {
			t.Fatal("reused node does not hold the new file's tree")
		}
		g.Release()
	}
	if !reused {
		t.Error("a released file's memory was never reused")
	}
}

// Once the arenas are pooled, a parse with release allocates a small,
// fixed number of times, not once per node.
func TestReleasedParseAllocations(t *testing.T) {
	src := dagLike(20 << 10)
	p := NewParser()
	p.Parse("a.py", src).Release()
	kept := testing.AllocsPerRun(20, func() { p.Parse("a.py", src) })
	released := testing.AllocsPerRun(20, func() {
		f := p.Parse("a.py", src)
		f.Index()
		f.Release()
	})
	// File, line table, source string: a handful. The race detector's
	// pool drops a quarter of the arenas put back, so the bound is loose.
	if released*2 >= kept {
		t.Errorf("released parse: %.0f allocations, kept: %.0f", released, kept)
	}
}

// The arena of a file too large to pool is left to the garbage collector.
func TestReleaseDropsLargeArena(t *testing.T) {
	src := dagLike(600 << 10)
	f := NewParser().Parse("big.py", src)
	a := f.arena
	f.Release()
	for i := 0; i < 64; i++ {
		if b, _ := arenas.Get().(*arena); b == a {
			t.Fatal("a huge file's arena was pooled")
		}
	}
}

// Every slab of the arena is released: after a file that uses every kind
// of node, no slab has a chunk in use.
func TestReleaseCoversEverySlab(t *testing.T) {
	samples := releaseSamples(t)
	f := NewParser().Parse("a.py", samples[len(samples)-1])
	v := reflect.ValueOf(f.arena).Elem()
	f.Release()
	n := 0
	for i := 0; i < v.NumField(); i++ {
		field := v.Type().Field(i)
		name := field.Type.Name()
		if !strings.HasPrefix(name, "slab[") && !strings.HasPrefix(name, "sliceSlab[") {
			continue
		}
		n++
		c := v.Field(i).FieldByName("chunks")
		switch {
		case c.FieldByName("list").Len() == 0:
			t.Errorf("the sample has no node of arena.%s: extend it", field.Name)
		case c.FieldByName("n").Int() != 0:
			t.Errorf("arena.%s is not released", field.Name)
		}
	}
	if n < 40 {
		t.Errorf("found %d slabs", n)
	}
}

// The parser keeps its stacks for the next file, but not those a huge
// display grew: no later file pays for clearing them.
func TestParserDropsHugeStacks(t *testing.T) {
	p := NewParser()
	p.Parse("a.py", []byte("x = [f(a, b), g(c)]\n"))
	if cap(p.stacks.scratch) == 0 || cap(p.stacks.scratch) > maxKeptStack {
		t.Fatalf("scratch stack after a small file: cap %d", cap(p.stacks.scratch))
	}
	huge := "x = [" + strings.Repeat("a, ", 2*maxKeptStack) + "]\n"
	if f := p.Parse("b.py", []byte(huge)); len(f.Errors) > 0 {
		t.Fatal(f.Errors[0].Msg)
	}
	if c := cap(p.stacks.scratch); c > maxKeptStack {
		t.Errorf("scratch stack kept after a huge list: cap %d", c)
	}
}
