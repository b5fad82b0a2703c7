package lazyre

import (
	"slices"
	"testing"
)

func TestCompilesOnceOnFirstUse(t *testing.T) {
	r := New(`^DAG[0-9]{3}$`)
	if !r.MatchString("DAG101") || r.MatchString("DAG1") {
		t.Fatal("wrong matches")
	}
	first := r.Get()
	if r.Get() != first {
		t.Fatal("compiled more than once")
	}
	if got := r.FindStringSubmatch("DAG204"); len(got) != 1 || got[0] != "DAG204" {
		t.Fatalf("FindStringSubmatch = %q", got)
	}
	if got := r.FindString("x DAG204"); got != "" {
		t.Fatalf("FindString = %q, want no match (anchored)", got)
	}
	if !slices.Contains(Exprs(), `^DAG[0-9]{3}$`) {
		t.Fatal("expression not registered")
	}
}

func TestBadExpressionPanicsOnUseNotOnNew(t *testing.T) {
	r := New(`(`) // must not panic here
	defer func() {
		if recover() == nil {
			t.Fatal("Get of a bad expression did not panic")
		}
	}()
	r.Get()
}

func TestBadExpressionPanicsOnEveryUse(t *testing.T) {
	r := New(`[`)
	for i := 0; i < 2; i++ {
		func() {
			defer func() {
				if recover() == nil {
					t.Fatalf("Get number %d of a bad expression did not panic", i+1)
				}
			}()
			r.Get()
		}()
	}
}

func TestExprsInOrderOfNew(t *testing.T) {
	a, b := New(`^a-order$`), New(`^b-order$`)
	exprs := Exprs()
	i, j := slices.Index(exprs, a.expr), slices.Index(exprs, b.expr)
	if i < 0 || j != i+1 {
		t.Fatalf("Exprs places %q at %d and %q at %d, want consecutive in order of New", a.expr, i, b.expr, j)
	}
}

// New makes one allocation and a compiled Get none, so that a package's
// expressions cost its initialisation and its hot paths next to nothing.
func TestAllocations(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { New(`x`) }); n != 1 {
		t.Errorf("New allocates %v times, want 1", n)
	}
	r := New(`^y$`)
	r.Get()
	if n := testing.AllocsPerRun(100, func() { r.Get() }); n != 0 {
		t.Errorf("Get of a compiled expression allocates %v times, want 0", n)
	}
}
