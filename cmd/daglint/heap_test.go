package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMayLintMany: a folder, or many paths, asks for huge pages; a few
// files (a pre-commit run) and missing paths do not.
func TestMayLintMany(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.py")
	if err := os.WriteFile(file, []byte("x = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	many := make([]string, manyPaths)
	for i := range many {
		many[i] = file
	}
	for _, tt := range []struct {
		name  string
		paths []string
		want  bool
	}{
		{"a folder", []string{dir}, true},
		{"a file and a folder", []string{file, dir}, true},
		{"a few files", []string{file, file, file}, false},
		{"a missing path", []string{filepath.Join(dir, "missing")}, false},
		{"many files", many, true},
		{"one fewer", many[1:], false},
	} {
		if got := mayLintMany(tt.paths); got != tt.want {
			t.Errorf("%s: mayLintMany = %v, want %v", tt.name, got, tt.want)
		}
	}
}
