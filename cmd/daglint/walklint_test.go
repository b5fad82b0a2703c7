package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestGroupErrorOfFirstFileInOrder: files are grouped as the walk finds
// them (a folder's own files before its subfolders'), yet the problem
// reported is that of the first file in the sorted list, as when grouping
// followed the walk: dags/a/x.py sorts before dags/a0.py, which the walk
// finds first.
func TestGroupErrorOfFirstFileInOrder(t *testing.T) {
	base := t.TempDir()
	conns := "gitlab:\n  conn_type: docker\n  host: registry.gitlab.com\n"
	writeFile(t, base, "outside.yaml", conns)
	dir := filepath.Join(base, "proj")
	writeFile(t, dir, ".daglint.yaml", "connections: [conns.yaml, ../outside.yaml]\n")
	writeFile(t, dir, "conns.yaml", conns)
	writeFile(t, dir, "dags/a/.daglint.yaml", "connections: [../../../outside.yaml]\n")
	writeFile(t, dir, "dags/a0.py", "x = 1  # docker\n")
	writeFile(t, dir, "dags/a/x.py", "y = 2  # docker\n")
	for _, jobs := range []string{"1", "2"} {
		out, errOut, code := runInDir(t, dir, "check", "--jobs", jobs, "dags")
		if code != exitUsage || out != "" || !strings.Contains(errOut, "connections source 1 is outside the project folder") {
			t.Errorf("--jobs %s: exit %d, want %d and dags/a's problem (source 1)\nstdout:\n%s\nstderr:\n%s", jobs, code, exitUsage, out, errOut)
		}
	}
}
