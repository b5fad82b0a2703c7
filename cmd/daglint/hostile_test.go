package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHostileTreeCLI runs the command on a tree with a binary file, a
// symlink loop, a directory named like a Python file, a file over the size
// limit and a broken file next to a dirty DAG: the DAG's finding is still
// reported and notices do not turn into errors.
func TestHostileTreeCLI(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "dags/dirty.py", dirtyDAG)
	writeFile(t, dir, "dags/binary.py", "\x00\x01\x02DockerOperator")
	writeFile(t, dir, "dags/broken.py", "from airflow.providers.docker.operators.docker import DockerOperator\nx = '''never closed\n")
	writeFile(t, dir, "dags/latin1.py", "# caf\xe9\nx = 1\n")
	writeFile(t, dir, "dags/big.py", dirtyDAG+strings.Repeat("# padding\n", 200))
	if err := os.Symlink("..", filepath.Join(dir, "dags", "loop")); err != nil {
		t.Skipf("no symlinks: %v", err)
	}
	if err := os.Mkdir(filepath.Join(dir, "dags", "folder.py"), 0o755); err != nil {
		t.Fatal(err)
	}

	out, errOut, code := runCLI(t, "check", "--no-config", "--max-file-size", "1000", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1 (a warning finding; skips are notices)\nstderr: %s", code, errOut)
	}
	if !strings.Contains(out, "dirty.py:2:35: DAG101 ") {
		t.Errorf("dirty.py's finding is missing:\n%s", out)
	}
	if !strings.Contains(out, "broken.py:2:") || !strings.Contains(out, "DAG001") {
		t.Errorf("broken.py's syntax error is missing:\n%s", out)
	}
	if strings.Count(out, "DAG101") != 1 {
		t.Errorf("DAG101 reported %d times, want once (big.py skipped, loop not followed twice):\n%s", strings.Count(out, "DAG101"), out)
	}
	for _, want := range []string{"big.py: skipped: file too large", "--max-file-size", "binary.py: skipped: binary file"} {
		if !strings.Contains(out+errOut, want) {
			t.Errorf("output lacks %q:\n%s%s", want, out, errOut)
		}
	}
	if strings.Contains(errOut, "internal error") {
		t.Errorf("internal error:\n%s", errOut)
	}

	// Only skipped files: nothing found, exit 0.
	clean := t.TempDir()
	writeFile(t, clean, "big.py", dirtyDAG+strings.Repeat("# padding\n", 200))
	writeFile(t, clean, "binary.py", "\x00")
	out, errOut, code = runCLI(t, "check", "--no-config", "--max-file-size", "1KB", clean)
	if code != 0 {
		t.Errorf("only skipped files: exit %d, want 0\nstderr: %s", code, errOut)
	}
	if !strings.Contains(out+errOut, "big.py: skipped: file too large") {
		t.Errorf("no skip notice:\n%s%s", out, errOut)
	}
	// The same file under the default limit is linted.
	if _, _, code := runCLI(t, "check", "--no-config", clean); code != 1 {
		t.Errorf("default limit: exit %d, want 1", code)
	}
	if _, errOut, code := runCLI(t, "check", "--no-config", "--max-file-size", "lots", clean); code != 2 || !strings.Contains(errOut, "--max-file-size") {
		t.Errorf("bad --max-file-size: exit %d, stderr %q", code, errOut)
	}
}
