package lint

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadFile checks the reader File uses: every size round the buffer's
// edges comes back whole, the size limit is a notice, and a folder or a
// missing path gets the error os.Stat gives.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 4095, 4096, 4097, 1 << 16} {
		want := bytes.Repeat([]byte("a\n"), n)[:n]
		p := filepath.Join(dir, "f.py")
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readFile(p, 0)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("size %d: read %d bytes, err %v", n, len(got), err)
		}
		if n > 1 {
			if _, err := readFile(p, int64(n-1)); !errors.Is(err, ErrTooLarge) {
				t.Fatalf("size %d, limit %d: err %v, want ErrTooLarge", n, n-1, err)
			}
			if got, err := readFile(p, int64(n)); err != nil || len(got) != n {
				t.Fatalf("size %d at its limit: %d bytes, err %v", n, len(got), err)
			}
		}
	}
	if _, err := readFile(dir, 0); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("folder: err %v, want not a regular file", err)
	}
	missing := filepath.Join(dir, "missing.py")
	_, statErr := os.Stat(missing)
	if _, err := readFile(missing, 0); err == nil || err.Error() != "cannot read: "+statErr.Error() || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err %v, want cannot read: %v", err, statErr)
	}
}
