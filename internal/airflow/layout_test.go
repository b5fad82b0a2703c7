package airflow

import (
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/daglint/daglint/internal/lint/lintbench"
	"github.com/daglint/daglint/internal/pyparse"
)

// TestModelStructSizes keeps the byte-sized kinds packed with the flags
// next to them, and what strings and constants do not need behind
// Value.extra: every Arg and Entry holds a Value, and a file's model
// allocates one per argument and mapping entry.
func TestModelStructSizes(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("sizes are given for 64-bit platforms")
	}
	for _, c := range []struct {
		name      string
		got, most uintptr
	}{
		{"Value", unsafe.Sizeof(Value{}), 64},
		{"Arg", unsafe.Sizeof(Arg{}), 128},
		{"Entry", unsafe.Sizeof(Entry{}), 128},
		{"binding", unsafe.Sizeof(binding{}), 32},
	} {
		if c.got > c.most {
			t.Errorf("%s is %d bytes, want at most %d", c.name, c.got, c.most)
		}
	}
}

// TestBindHintCoversDAGFiles checks that the module scope of generated DAG
// files is made big enough for the names they bind (its map then never
// grows while collect fills it), and not much bigger, and that the block
// of importRefs is used up exactly.
func TestBindHintCoversDAGFiles(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 50 {
		f := pyparse.Parse("dag.py", lintbench.DAGFile(r, i))
		sc := newModuleScope(f)
		names := len(sc.names)
		hint, imports := bindHint(f.Body)
		if hint < names || hint > names+names/4+2 {
			t.Errorf("file %d: hint %d for %d names", i, hint, names)
		}
		// Every import statement took its refs from the block.
		if imports == 0 || len(sc.refSlab) != 0 {
			t.Errorf("file %d: %d imported names, %d refs left in the block", i, imports, len(sc.refSlab))
		}
	}
}
