package airflow

import (
	"testing"

	"github.com/daglint/daglint/internal/pyparse"
)

// TestScopeBound checks the bindings a scope keeps for a name: none for an
// unbound one, one for a name bound once, and every binding in order for a
// name bound again (in a block, by an import, by a definition), also when a
// later name is bound once between them.
func TestScopeBound(t *testing.T) {
	f := pyparse.Parse("m.py", []byte("A = 1\nB = 2\nif x:\n    A = 3\nC = 4\nimport A\ndef A(): pass\n"))
	sc := newModuleScope(f)
	if bs := sc.bound("D"); bs != nil {
		t.Errorf("D: %v, want no bindings", bs)
	}
	for name, want := range map[string][]bindKind{"A": {bindAssign, bindAssign, bindImport, bindOther}, "B": {bindAssign}, "C": {bindAssign}} {
		bs := sc.bound(name)
		if len(bs) != len(want) {
			t.Errorf("%s: %d bindings, want %d", name, len(bs), len(want))
			continue
		}
		for i, b := range bs {
			if b.kind != want[i] {
				t.Errorf("%s: binding %d is of kind %d, want %d", name, i, b.kind, want[i])
			}
		}
	}
	if a := sc.bound("A"); a[0].cond || !a[1].cond || f.Text(a[1].value.Span()) != "3" {
		t.Errorf("A: bindings %+v, want the second, in the if block, to be 3", a)
	}
	if b, ok := sc.lookup("B", nil); !ok || f.Text(b.value.Span()) != "2" {
		t.Errorf("lookup B = %+v, %v; want 2", b, ok)
	}
	if _, ok := sc.lookup("A", nil); ok {
		t.Error("lookup A succeeded: a name bound four times has no single value")
	}
}
