package airflow

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/pyparse"
)

// seqSource defines X as a list, tuple or set display of n strings "e0",
// "e1", ... (open and close are its brackets).
func seqSource(open, close string, n int) string {
	var b strings.Builder
	b.WriteString("X = " + open)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "'e%d', ", i)
	}
	b.WriteString(close + "\n")
	return b.String()
}

// resolveX builds the model of src and resolves the value assigned to X.
func resolveX(t *testing.T, src string) Value {
	t.Helper()
	f := pyparse.Parse("limits.py", []byte(src))
	if len(f.Errors) > 0 {
		t.Fatalf("syntax error: %s", f.Errors[0].Msg)
	}
	a, ok := f.Body[0].(*pyparse.Assign)
	if !ok {
		t.Fatalf("first statement is %T", f.Body[0])
	}
	return Build(f).Resolve(a.Value, nil)
}

func TestLongSequenceIsPartial(t *testing.T) {
	tests := []struct {
		name        string
		src         string
		wantElems   int
		wantPartial bool
	}{
		{"empty list", seqSource("[", "]", 0), 0, false},
		{"short list", seqSource("[", "]", 3), 3, false},
		{"list at the limit", seqSource("[", "]", 1000), 1000, false},
		{"list over the limit", seqSource("[", "]", 1001), 1000, true},
		{"huge list", seqSource("[", "]", 50000), 1000, true},
		{"tuple over the limit", seqSource("(", ")", 1500), 1000, true},
		{"set over the limit", seqSource("{", "}", 1500), 1000, true},
		{"short list with a starred element", "X = ['a', *rest]\n", 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := resolveX(t, tt.src)
			if v.Kind != List {
				t.Fatalf("kind %v, want List", v.Kind)
			}
			if len(v.Elems()) != tt.wantElems || v.Partial != tt.wantPartial {
				t.Errorf("%d elements, partial %v; want %d, %v", len(v.Elems()), v.Partial, tt.wantElems, tt.wantPartial)
			}
			// The elements kept are the first ones, in order.
			for i, e := range v.Elems() {
				if want := fmt.Sprintf("e%d", i); tt.wantElems > 1 && e.Str != want {
					t.Fatalf("element %d is %q, want %q", i, e.Str, want)
				}
			}
		})
	}
}

// TestLongSequenceMemory checks that resolving a huge literal list costs
// memory for the evaluated prefix only, not a Value per element.
func TestLongSequenceMemory(t *testing.T) {
	const n = 200000
	src := seqSource("[", "]", n)
	f := pyparse.Parse("limits.py", []byte(src))
	m := Build(f)
	expr := f.Body[0].(*pyparse.Assign).Value
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := m.Resolve(expr, nil)
	runtime.ReadMemStats(&after)
	used := after.TotalAlloc - before.TotalAlloc
	t.Logf("resolving %d elements allocated %d bytes", n, used)
	if !v.Partial || len(v.Elems()) != 1000 {
		t.Fatalf("%d elements, partial %v", len(v.Elems()), v.Partial)
	}
	// A Value per element would be well over 20 MB.
	if used > 4<<20 {
		t.Errorf("resolving allocated %d bytes, want under 4 MB", used)
	}
}
