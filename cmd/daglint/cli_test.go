package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs daglint with args and returns stdout, stderr and the exit code.
func runCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const (
	dirtyDAG = "from airflow.providers.docker.operators.docker import DockerOperator\n" +
		"DockerOperator(task_id='t', image='etl:1.0', docker_conn_id='gitlab')\n"
	cleanDAG = "from airflow.providers.docker.operators.docker import DockerOperator\n" +
		"DockerOperator(task_id='t', image='registry.gitlab.com/g/etl:1.0', docker_conn_id='gitlab')\n"
)

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	dirty := writeFile(t, dir, "dirty.py", dirtyDAG)
	clean := writeFile(t, dir, "clean.py", cleanDAG)

	if _, _, code := runCLI(t, "check", "--no-config", clean); code != 0 {
		t.Errorf("clean file: exit %d, want 0", code)
	}
	out, _, code := runCLI(t, "check", "--no-config", dirty)
	if code != 1 {
		t.Errorf("warning finding: exit %d, want 1", code)
	}
	if !strings.Contains(out, "dirty.py:2:35: DAG101 ") {
		t.Errorf("text output lacks the finding with its position:\n%s", out)
	}
	if _, _, code := runCLI(t, "check", "--no-config", "--fail-on", "error", dirty); code != 0 {
		t.Errorf("--fail-on error with only a warning: exit %d, want 0", code)
	}
	if _, _, code := runCLI(t, "check", "--no-config", "--fail-on", "fatal", dirty); code != 2 {
		t.Errorf("bad --fail-on: exit %d, want 2", code)
	}
	if _, _, code := runCLI(t, "check", "--no-config", "--format", "xml", dirty); code != 2 {
		t.Errorf("bad --format: exit %d, want 2", code)
	}
	if _, _, code := runCLI(t, "frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
}

func TestMissingPathStillReportsOthers(t *testing.T) {
	dir := t.TempDir()
	dirty := writeFile(t, dir, "dirty.py", dirtyDAG)
	out, errOut, code := runCLI(t, "check", "--no-config", filepath.Join(dir, "missing.py"), dirty)
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if strings.Count(out+errOut, "missing.py") != 1 || !strings.Contains(out, "no such file") {
		t.Errorf("the text report must name the missing path once: stdout %q, stderr %q", out, errOut)
	}
	// With a machine format on stdout, the error goes to stderr instead.
	out, errOut, code = runCLI(t, "check", "--no-config", "--format", "json", filepath.Join(dir, "missing.py"), dirty)
	if code != 2 || !strings.Contains(errOut, "missing.py") || !strings.Contains(errOut, "no such file") {
		t.Errorf("json run: exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, `"errors"`) || !strings.Contains(out, "DAG101") {
		t.Errorf("json run lacks the error entry or the other file's finding:\n%s", out)
	}
	if !strings.Contains(out, "DAG101") {
		t.Errorf("the other file's findings are missing:\n%s", out)
	}
}

func TestJSONAndDeterminism(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 20; i++ {
		writeFile(t, dir, filepath.Join("dags", string(rune('a'+i))+".py"), dirtyDAG)
	}
	first, _, code := runCLI(t, "check", "--no-config", "--format", "json", "--jobs", "1", dir)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	for _, jobs := range []string{"2", "8"} {
		again, _, _ := runCLI(t, "check", "--no-config", "--format", "json", "--jobs", jobs, dir)
		if again != first {
			t.Fatalf("output with --jobs %s differs from --jobs 1", jobs)
		}
	}
	var doc struct {
		SchemaVersion int `json:"schema_version"`
		Findings      []struct {
			RuleID string `json:"rule_id"`
			Path   string `json:"path"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(first), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.SchemaVersion != 1 || len(doc.Findings) != 20 {
		t.Errorf("schema %d with %d findings, want 1 and 20", doc.SchemaVersion, len(doc.Findings))
	}
}

func TestSeveralOutputsInOnePass(t *testing.T) {
	dir := t.TempDir()
	dirty := writeFile(t, dir, "dirty.py", dirtyDAG)
	sarifPath := filepath.Join(dir, "out.sarif")
	glPath := filepath.Join(dir, "gl.json")
	out, _, code := runCLI(t, "check", "--no-config", "--format", "sarif", "--output", sarifPath, "--format", "gitlab="+glPath, "--format", "text", dirty)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "DAG101") {
		t.Errorf("text to stdout missing: %q", out)
	}
	for _, p := range []string{sarifPath, glPath} {
		b, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(b), "DAG101") {
			t.Errorf("%s: %v, content %q", p, err, b)
		}
	}
	if _, _, code := runCLI(t, "check", "--no-config", "--format", "json", "--format", "text", dirty); code != 2 {
		t.Errorf("two formats on stdout: exit %d, want 2", code)
	}
}

func TestRulesExplainVersion(t *testing.T) {
	out, _, code := runCLI(t, "rules")
	if code != 0 || !strings.Contains(out, "DAG101  image-unqualified") {
		t.Errorf("rules: exit %d, output %q", code, out)
	}
	out, _, code = runCLI(t, "explain", "dag101")
	if code != 0 || !strings.Contains(out, "# DAG101: image-unqualified") || !strings.Contains(out, "## Why is this bad") {
		t.Errorf("explain: exit %d, output %q", code, out)
	}
	if _, _, code := runCLI(t, "explain", "DAG999"); code != 2 {
		t.Errorf("explain unknown: exit %d", code)
	}
	out, _, _ = runCLI(t, "version")
	if ver, _ := buildVersion(); !strings.HasPrefix(out, "daglint "+ver) {
		t.Errorf("version: %q", out)
	}
}

func TestFlagsAfterPaths(t *testing.T) {
	dir := t.TempDir()
	dirty := writeFile(t, dir, "dirty.py", dirtyDAG)
	if _, _, code := runCLI(t, "check", dirty, "--no-config", "--fail-on", "error"); code != 0 {
		t.Errorf("flags after the path were not applied: exit %d", code)
	}
}

func TestStdin(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"check", "--no-config", "--stdin-filename", "dags/editor.py", "-"}, strings.NewReader(dirtyDAG), &out, &errb)
	if code != 1 || !strings.Contains(out.String(), "dags/editor.py:2:35: DAG101") {
		t.Errorf("stdin: exit %d, output %q, stderr %q", code, out.String(), errb.String())
	}
	out.Reset()
	if code := run([]string{"check", "--no-config", "-"}, strings.NewReader(cleanDAG), &out, &errb); code != 0 {
		t.Errorf("clean stdin: exit %d, output %q", code, out.String())
	}
	if code := run([]string{"check", "--no-config", "--fix", "-"}, strings.NewReader(dirtyDAG), &out, &errb); code != 2 {
		t.Errorf("--fix on stdin: exit %d, want 2", code)
	}
}

// TestMaxFileSizeZeroMeansNoLimit: `max-file-size: 0` and `--max-file-size 0`
// both lint a file over the default 10 MiB, as the docs and --show-config say.
func TestMaxFileSizeZeroMeansNoLimit(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.py")
	put(t, big, importLine+unqualified+"# "+strings.Repeat("x", 10<<20)+"\n", 0o644)
	cfg := filepath.Join(dir, ".daglint.yaml")
	put(t, cfg, "max-file-size: 0\n", 0o644)
	for _, args := range [][]string{
		{"check", "--config", cfg, big},
		{"check", "--no-config", "--max-file-size", "0", big},
	} {
		out, errOut, code := fixCLI(t, args...)
		if code != 1 || !strings.Contains(out, "DAG101") || strings.Contains(out+errOut, "skipped") {
			t.Errorf("%v: exit %d, want 1 with DAG101 and no skip notice\nstdout:\n%s\nstderr:\n%s", args, code, out, errOut)
		}
	}
	// The default still skips it.
	if out, _, _ := fixCLI(t, "check", "--no-config", big); !strings.Contains(out, "too large") {
		t.Errorf("default limit: the file was not skipped:\n%s", out)
	}
}
