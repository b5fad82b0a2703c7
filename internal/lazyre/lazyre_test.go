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
	if r.Get() != r.Get() {
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
