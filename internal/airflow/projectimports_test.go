package airflow

import (
	"strconv"
	"testing"
)

// askedModules knows the modules of known (keyed "level:dotted") and counts
// the lookups.
type askedModules struct {
	known map[string]bool
	asked []string
}

func (a *askedModules) Import(from string, level int, dotted string) *Module {
	k := strconv.Itoa(level) + ":" + dotted
	a.asked = append(a.asked, k)
	if a.known[k] {
		return &Module{Path: from}
	}
	return nil
}
func (a *askedModules) Sub(*Module, string) *Module { return nil }
func (a *askedModules) Model(*Module) *Model        { return nil }

// TestProjectImports checks the one test the driver's prefilter and the
// model's shortcut share: an absolute import is asked for by its head, a
// relative one as written, each module once, airflow never.
func TestProjectImports(t *testing.T) {
	mods := &askedModules{known: map[string]bool{"0:operators": true, "1:helpers": true}}
	test := NewProjectImports(mods, "dags/a.py")
	for _, c := range []struct {
		level  int
		dotted string
		want   bool
	}{
		{0, "os.path", false},
		{0, "os", false},             // asked before
		{0, "airflow.models", false}, // never asked
		{2, "helpers", false},        // another level is another module
		{1, "helpers", true},
		{0, "operators.base", true},
		{0, "operators", false}, // asked before
		{0, "", false},
	} {
		if got := test.Names(c.level, c.dotted); got != c.want {
			t.Errorf("Names(%d, %q) = %v, want %v", c.level, c.dotted, got, c.want)
		}
	}
	want := []string{"0:os", "2:helpers", "1:helpers", "0:operators"}
	if len(mods.asked) != len(want) {
		t.Fatalf("asked %v, want %v", mods.asked, want)
	}
	for i := range want {
		if mods.asked[i] != want[i] {
			t.Errorf("asked %v, want %v", mods.asked, want)
		}
	}
}
