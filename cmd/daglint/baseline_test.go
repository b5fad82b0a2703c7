package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/rules"
)

// countLines counts the report lines naming rule.
func countLines(out, rule string) int {
	n := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, ": "+rule+" ") {
			n++
		}
	}
	return n
}

// TestBaseline runs in a temporary working directory (t.Chdir), so it must
// not run in parallel.
func TestBaseline(t *testing.T) {
	t.Chdir(t.TempDir())
	const token = "glpat-" + "Zq3vX9bL2kR7mN4pT8wY"
	secretLine := `PASSWORD_NOTE = "` + token + `"` + "\n"
	put(t, "dags/x.py", importLine+unqualified+secretLine, 0o644)

	_, errOut, code := fixCLI(t, "check", "--no-config", "--write-baseline", "baseline.json", "dags")
	if code != 0 {
		t.Fatalf("--write-baseline: exit %d, stderr %s", code, errOut)
	}
	if !strings.Contains(errOut, "Recorded 2 findings in baseline.json.") {
		t.Errorf("stderr: %s", errOut)
	}
	data := read(t, "baseline.json")
	var doc struct {
		Version  int                 `json:"version"`
		Findings []map[string]string `json:"findings"`
	}
	if err := json.Unmarshal([]byte(data), &doc); err != nil {
		t.Fatalf("baseline is not JSON: %v\n%s", err, data)
	}
	if doc.Version != 1 || len(doc.Findings) != 2 || doc.Findings[0]["path"] != "dags/x.py" || doc.Findings[0]["rule"] != "DAG101" {
		t.Errorf("baseline content:\n%s", data)
	}
	for _, leak := range []string{token[:8], "team/etl", "message"} {
		if strings.Contains(data, leak) {
			t.Errorf("baseline holds %q:\n%s", leak, data)
		}
	}
	fixCLI(t, "check", "--no-config", "--write-baseline", "baseline2.json", "dags")
	if read(t, "baseline2.json") != data {
		t.Errorf("writing the baseline twice gives different bytes")
	}

	tests := []struct {
		name       string
		src        string
		wantCode   int
		wantDAG101 int
		wantLine   string // position of the DAG101 finding expected, if any
	}{
		{name: "unchanged", src: importLine + unqualified + secretLine, wantCode: 0},
		{name: "lines added above", src: "import os\n\n# setup\n" + importLine + "\n" + unqualified + secretLine, wantCode: 0},
		{name: "new finding reported", src: importLine + unqualified + secretLine + `DockerOperator(task_id="n", image="team/new:2.0", docker_conn_id="gitlab")` + "\n",
			wantCode: 1, wantDAG101: 1, wantLine: "dags/x.py:4:"},
		{name: "duplicate: only one hidden", src: importLine + unqualified + unqualified + secretLine,
			wantCode: 1, wantDAG101: 1, wantLine: "dags/x.py:3:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			put(t, "dags/x.py", tt.src, 0o644)
			out, errOut, code := fixCLI(t, "check", "--no-config", "--baseline", "baseline.json", "dags")
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.wantCode, out, errOut)
			}
			if n := countLines(out, "DAG101"); n != tt.wantDAG101 {
				t.Errorf("%d DAG101 findings reported, want %d:\n%s", n, tt.wantDAG101, out)
			}
			if countLines(out, "DAG301") != 0 {
				t.Errorf("the baselined secret was reported:\n%s", out)
			}
			if tt.wantLine != "" && !strings.Contains(out, tt.wantLine) {
				t.Errorf("report lacks %s:\n%s", tt.wantLine, out)
			}
		})
	}
}

func TestBaselineErrors(t *testing.T) {
	t.Chdir(t.TempDir())
	put(t, "dags/x.py", importLine+unqualified, 0o644)
	put(t, "broken.json", `{"version":1,"findings":[`, 0o644)
	put(t, "future.json", `{"version":7,"findings":[]}`, 0o644)
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{name: "missing", args: []string{"--baseline", "nope.json"}, wantErr: "nope.json does not exist"},
		{name: "broken", args: []string{"--baseline", "broken.json"}, wantErr: "not a baseline file"},
		{name: "other version", args: []string{"--baseline", "future.json"}, wantErr: "unsupported baseline version 7"},
		{name: "both flags", args: []string{"--baseline", "broken.json", "--write-baseline", "b.json"}, wantErr: "cannot be combined"},
		{name: "write with diff", args: []string{"--diff", "--write-baseline", "b.json"}, wantErr: "cannot be combined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := fixCLI(t, append(append([]string{"check", "--no-config"}, tt.args...), "dags")...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("stderr lacks %q: %s", tt.wantErr, errOut)
			}
			if out != "" {
				t.Errorf("a report was written despite the error:\n%s", out)
			}
		})
	}
	if _, err := os.Stat("b.json"); err == nil {
		t.Errorf("a baseline was written despite the error")
	}
}

// TestBaselineFromSubdirectory checks that a baseline does not depend on the
// folder daglint runs from: its paths are relative to the baseline file, so
// one written at the repository root hides the same findings when daglint
// runs in a subfolder, and the other way round. It uses t.Chdir, so it must
// not run in parallel.
func TestBaselineFromSubdirectory(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	put(t, "dags/etl/x.py", importLine+unqualified, 0o644)
	put(t, "dags/y.py", importLine+unqualified, 0o644)
	if _, errOut, code := fixCLI(t, "check", "--no-config", "--write-baseline", "baseline.json", "dags"); code != 0 {
		t.Fatalf("--write-baseline at the root: exit %d: %s", code, errOut)
	}
	atRoot := read(t, "baseline.json")

	tests := []struct {
		name     string
		dir      string
		args     []string
		wantCode int
		wantOut  string // a finding expected in the report, if any
	}{
		{name: "subfolder, whole tree", dir: "dags", args: []string{"--baseline", "../baseline.json"}},
		{name: "subfolder, one file", dir: "dags/etl", args: []string{"--baseline", "../../baseline.json", "x.py"}},
		{name: "absolute baseline path", dir: "dags", args: []string{"--baseline", filepath.Join(root, "baseline.json")}},
		{name: "root, absolute file path", dir: ".", args: []string{"--baseline", "baseline.json", filepath.Join(root, "dags", "y.py")}},
		{name: "baseline does not cover another file", dir: "dags", args: []string{"--baseline", "../baseline.json", "../other"},
			wantCode: 1, wantOut: "../other/z.py:2:"},
	}
	put(t, "other/z.py", importLine+unqualified, 0o644)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(filepath.Join(root, tt.dir))
			out, errOut, code := fixCLI(t, append([]string{"check", "--no-config"}, tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.wantCode, out, errOut)
			}
			if tt.wantOut != "" && !strings.Contains(out, tt.wantOut) {
				t.Errorf("report lacks %s:\n%s", tt.wantOut, out)
			}
			if tt.wantOut == "" && countLines(out, "DAG101") != 0 {
				t.Errorf("baselined findings reported:\n%s", out)
			}
		})
	}

	// Written from a subfolder, the baseline has the same bytes.
	t.Chdir(filepath.Join(root, "dags"))
	if _, errOut, code := fixCLI(t, "check", "--no-config", "--write-baseline", "../baseline2.json", "."); code != 0 {
		t.Fatalf("--write-baseline in dags: exit %d: %s", code, errOut)
	}
	if got := read(t, "../baseline2.json"); got != atRoot {
		t.Errorf("baseline written from dags differs:\n%s\nwant:\n%s", got, atRoot)
	}
}

// TestBaselineViewReorders: rebasing paths can change the order of files
// (a/m.py before b.py becomes m.py after ../b.py), and each finding still
// gets the path and fingerprint its own file has under the baseline's
// folder.
func TestBaselineViewReorders(t *testing.T) {
	const src = "from airflow.providers.docker.operators.docker import DockerOperator\n" +
		"DockerOperator(task_id='a', image='python:latest', privileged=True)\n" +
		"DockerOperator(task_id='b', image='python:latest')\n"
	opts := lint.Options{Rules: rules.All}
	cwd := filepath.FromSlash("/project")
	var results []lint.Result
	for _, p := range []string{"a/m.py", "a/sub/n.py", "b.py"} {
		results = append(results, lint.Source(p, []byte(src), opts))
	}
	findings, _ := lint.Findings(results, rules.All)
	got := baselineView(findings, results, cwd, filepath.Join("a", "baseline.json"))
	if len(got) != len(findings) || len(findings) < 6 {
		t.Fatalf("got %d findings for %d", len(got), len(findings))
	}
	// Each file converted alone under its rebased path is what the view
	// must hold, finding by finding.
	want := map[string][]string{}
	for _, res := range results {
		moved := res
		moved.Path = relToDir(filepath.Join(cwd, "a"), absPath(cwd, res.Path))
		fs, _ := lint.Findings([]lint.Result{moved}, rules.All)
		for _, f := range fs {
			want[res.Path] = append(want[res.Path], f.Path+" "+f.Fingerprint)
		}
	}
	next := map[string]int{}
	for i, f := range findings {
		w := want[f.Path][next[f.Path]]
		next[f.Path]++
		if g := got[i].Path + " " + got[i].Fingerprint; g != w || got[i].RuleID != f.RuleID || got[i].Start != f.Start {
			t.Errorf("finding %d (%s %s): view %q, want %q", i, f.Path, f.RuleID, g, w)
		}
	}
	if got[0].Path != "m.py" || got[len(got)-1].Path != "../b.py" {
		t.Errorf("view paths run from %q to %q, want m.py to ../b.py", got[0].Path, got[len(got)-1].Path)
	}
}
