package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The command-line habits a ruff user brings (issue "Installable everywhere").

func TestOutputFormatAlias(t *testing.T) {
	dir := t.TempDir()
	dirty := writeFile(t, dir, "dirty.py", dirtyDAG)
	a, _, codeA := runCLI(t, "check", "--no-config", "--output-format", "json", dirty)
	b, _, codeB := runCLI(t, "check", "--no-config", "--format", "json", dirty)
	if codeA != 1 || a != b || !strings.HasPrefix(a, "{") {
		t.Errorf("--output-format json: exit %d, output differs from --format json", codeA)
	}
	_ = codeB
}

func TestExitZero(t *testing.T) {
	dir := t.TempDir()
	dirty := writeFile(t, dir, "dirty.py", dirtyDAG)
	out, _, code := runCLI(t, "check", "--no-config", "--exit-zero", dirty)
	if code != 0 || !strings.Contains(out, "DAG101") {
		t.Errorf("--exit-zero: exit %d (want 0) and findings still printed:\n%s", code, out)
	}
	if _, _, code := runCLI(t, "check", "--no-config", "--exit-zero", filepath.Join(dir, "missing.py")); code != 2 {
		t.Errorf("--exit-zero with a missing file: exit %d, want 2 (errors still count)", code)
	}
}

func TestStatistics(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.py", dirtyDAG)
	writeFile(t, dir, "b.py", dirtyDAG+"DockerOperator(task_id='u', image='python:latest')\n")
	out, _, code := runCLI(t, "check", "--no-config", "--statistics", dir)
	if code != 1 {
		t.Errorf("--statistics: exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "2\tDAG101\t") || !strings.Contains(lines[0], "image-unqualified") {
		t.Fatalf("statistics, most frequent first:\n%s", out)
	}
	if strings.Contains(out, "dirty.py:") || strings.Contains(out, "Found ") {
		t.Errorf("statistics also printed findings or the summary:\n%s", out)
	}
}

func TestShowFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "dags/a.py", cleanDAG)
	writeFile(t, dir, "dags/notes.txt", "x")
	writeFile(t, dir, ".venv/lib/x.py", cleanDAG)
	out, _, code := runCLI(t, "check", "--no-config", "--show-files", dir)
	if code != 0 || !strings.Contains(out, "a.py") || strings.Contains(out, "notes.txt") || strings.Contains(out, ".venv") {
		t.Errorf("--show-files: exit %d:\n%s", code, out)
	}
}

func TestQuiet(t *testing.T) {
	dir := t.TempDir()
	dirty := writeFile(t, dir, "dirty.py", dirtyDAG)
	for _, flag := range []string{"-q", "--quiet"} {
		out, errOut, code := runCLI(t, "check", "--no-config", flag, dirty)
		if code != 1 || !strings.Contains(out, "DAG101") || strings.Contains(out, "Found ") || errOut != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", flag, code, out, errOut)
		}
	}
	clean := writeFile(t, dir, "clean.py", cleanDAG)
	if out, _, _ := runCLI(t, "check", "--no-config", "-q", clean); out != "" {
		t.Errorf("-q on a clean file printed %q", out)
	}
}

func TestHelpOnStdout(t *testing.T) {
	for _, args := range [][]string{
		{"--help"}, {"help"}, {"check", "--help"}, {"check", "-h"}, {"rules", "--help"},
		{"explain", "--help"}, {"version", "--help"},
	} {
		out, errOut, code := runCLI(t, args...)
		if code != 0 || !strings.Contains(out, "Usage") || errOut != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want usage on stdout, exit 0", args, code, out, errOut)
		}
	}
	out, _, _ := runCLI(t, "check", "--help")
	for _, f := range []string{"--output-format", "--exit-zero", "--statistics", "--show-files", "--quiet"} {
		if !strings.Contains(out, strings.TrimPrefix(f, "-")) {
			t.Errorf("check --help does not list %s", f)
		}
	}
}

func TestUnknownFlagSuggests(t *testing.T) {
	out, errOut, code := runCLI(t, "check", "--formt", "json", ".")
	if code != 2 || out != "" {
		t.Errorf("unknown flag: exit %d, stdout %q", code, out)
	}
	if !strings.Contains(errOut, "unknown flag --formt; did you mean --format?") {
		t.Errorf("no did-you-mean: %q", errOut)
	}
	if n := strings.Count(errOut, "\n"); n > 3 {
		t.Errorf("unknown flag printed %d lines (the whole usage?):\n%s", n, errOut)
	}
	if _, errOut, _ := runCLI(t, "rules", "--fromat", "json"); !strings.Contains(errOut, "did you mean --format?") {
		t.Errorf("rules: %q", errOut)
	}
}

func TestNoPythonFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "README.md", "nothing to lint\n")
	out, errOut, code := runCLI(t, "check", "--no-config", dir)
	if code != 0 || strings.Contains(out, "All checks passed") || !strings.Contains(errOut, "No Python files found") {
		t.Errorf("empty folder: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	// An excluded folder is the same case.
	writeFile(t, dir, "vendor/x.py", dirtyDAG)
	writeFile(t, dir, ".daglint.yaml", "exclude: [\"vendor/**\"]\n")
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	out, errOut, code = runCLI(t, "check", ".")
	if code != 0 || !strings.Contains(errOut, "No Python files found") || strings.Contains(out, "All checks passed") {
		t.Errorf("excluded folder: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestOutputPathsUsageErrors(t *testing.T) {
	dir := t.TempDir()
	dirty := writeFile(t, dir, "dirty.py", dirtyDAG)
	same := filepath.Join(dir, "out.txt")
	if _, errOut, code := runCLI(t, "check", "--no-config", "--format", "json="+same, "--format", "sarif="+same, dirty); code != 2 || !strings.Contains(errOut, "both written to") {
		t.Errorf("two formats to one file: exit %d, %q", code, errOut)
	}
	if _, errOut, code := runCLI(t, "check", "--no-config", "--format", "json", "--output", " ", dirty); code != 2 || !strings.Contains(errOut, "empty output path") {
		t.Errorf("empty output path: exit %d, %q", code, errOut)
	}
	if _, errOut, code := runCLI(t, "check", "--no-config", dirty, ""); code != 2 || !strings.Contains(errOut, "empty path") {
		t.Errorf("empty path: exit %d, %q", code, errOut)
	}
}

func TestColorEnvironment(t *testing.T) {
	var w strings.Builder
	t.Setenv("NO_COLOR", "")
	t.Setenv("FORCE_COLOR", "1")
	if !useColor("auto", &w) {
		t.Error("FORCE_COLOR=1 did not force colour")
	}
	t.Setenv("FORCE_COLOR", "")
	t.Setenv("TERM", "dumb")
	if useColor("auto", os.Stdout) {
		t.Error("TERM=dumb still coloured")
	}
	t.Setenv("FORCE_COLOR", "1")
	t.Setenv("NO_COLOR", "1")
	if useColor("auto", &w) {
		t.Error("NO_COLOR did not win over FORCE_COLOR")
	}
	if !useColor("always", &w) {
		t.Error("--color always lost to NO_COLOR")
	}
}
