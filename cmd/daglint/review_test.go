package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// runIn runs daglint with stdin and returns stdout, stderr and the exit code.
func runIn(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

// TestStdinPaths runs in a temporary working directory (t.Chdir), so it must
// not run in parallel.
func TestStdinPaths(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	put(t, ".daglint.yaml", "exclude: [\"dags/vendor/**\"]\nper-file-ignores: {\"dags/legacy/**\": [DAG101]}\n", 0o644)
	put(t, "dags/a.py", dirtyDAG, 0o644)
	abs := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     string // in stdout
		notWant  string // not in stdout or stderr
	}{
		{name: "relative name", args: []string{"--stdin-filename", "dags/etl.py", "-"}, wantCode: 1, want: "dags/etl.py:2:35: DAG101"},
		{name: "absolute name is shown relative", args: []string{"--stdin-filename", abs("dags/etl.py"), "-"}, wantCode: 1, want: "\ndags/etl.py:2:35: DAG101"[1:], notWant: dir},
		{name: "absolute name, per-file ignore applies", args: []string{"--stdin-filename", abs("dags/legacy/x.py"), "-"}, wantCode: 0, notWant: "DAG101"},
		{name: "excluded name is linted without --force-exclude", args: []string{"--stdin-filename", "dags/vendor/x.py", "-"}, wantCode: 1, want: "dags/vendor/x.py:2:35: DAG101"},
		{name: "excluded name is skipped with --force-exclude", args: []string{"--force-exclude", "--stdin-filename", "dags/vendor/x.py", "-"}, wantCode: 0, notWant: "DAG101"},
		{name: "--stdin-filename alone reads standard input", args: []string{"--stdin-filename", "dags/etl.py"}, wantCode: 1, want: "dags/etl.py:2:35: DAG101"},
		{name: "--stdin-filename with real paths is a usage error", args: []string{"--stdin-filename", "dags/etl.py", "dags"}, wantCode: 2, notWant: "DAG101"},
		{name: "- among other paths is a usage error", args: []string{"-", "dags"}, wantCode: 2, notWant: "DAG101"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runIn(t, dirtyDAG, append([]string{"check"}, tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.wantCode, out, errOut)
			}
			if tt.want != "" && !strings.HasPrefix(out, tt.want) {
				t.Errorf("stdout does not start with %q:\n%s", tt.want, out)
			}
			if tt.notWant != "" && strings.Contains(out+errOut, tt.notWant) {
				t.Errorf("output holds %q:\n%s%s", tt.notWant, out, errOut)
			}
		})
	}
}

// TestUsageErrors checks that values and arguments a command cannot use are
// rejected with exit 2 instead of being silently ignored.
func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	dirty := writeFile(t, dir, "dirty.py", dirtyDAG)
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{name: "unknown colour", args: []string{"check", "--no-config", "--color", "sometimes", dirty}, wantErr: `--color: "sometimes"`},
		{name: "rules with an argument", args: []string{"rules", "DAG101"}, wantErr: "rules takes no arguments"},
		{name: "version with an argument", args: []string{"version", "now"}, wantErr: "version takes no arguments"},
		{name: "negative jobs", args: []string{"check", "--no-config", "--jobs", "-3", dirty}, wantErr: "--jobs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2\n%s%s", code, out, errOut)
			}
			if !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("stderr lacks %q: %s", tt.wantErr, errOut)
			}
			if strings.Contains(out, "DAG101") {
				t.Errorf("a report was written despite the error:\n%s", out)
			}
		})
	}
	// The accepted values still work.
	for _, args := range [][]string{
		{"check", "--no-config", "--color", "never", "--fail-on", "error", dirty},
		{"check", "--no-config", "--color", "always", "--fail-on", "error", dirty},
		{"check", "--no-config", "--color", "auto", "--jobs", "0", "--fail-on", "error", dirty},
		{"rules"},
		{"version"},
	} {
		if out, errOut, code := runCLI(t, args...); code != 0 {
			t.Errorf("%v: exit %d\n%s%s", args, code, out, errOut)
		}
	}
}

// TestCLISelectOverridesConfig checks, end to end, that the command line
// layers over the configuration file as in ruff. It uses t.Chdir, so it must
// not run in parallel.
func TestCLISelectOverridesConfig(t *testing.T) {
	t.Chdir(t.TempDir())
	put(t, ".daglint.yaml", "ignore: [DAG101]\n", 0o644)
	put(t, "dirty.py", dirtyDAG, 0o644)
	tests := []struct {
		args     []string
		wantCode int
	}{
		{[]string{"dirty.py"}, 0},
		{[]string{"--select", "DAG101", "dirty.py"}, 1},
		{[]string{"--select", "DAG1", "dirty.py"}, 1},
		{[]string{"--extend-select", "DAG101", "dirty.py"}, 1},
		{[]string{"--select", "DAG1", "--ignore", "DAG101", "dirty.py"}, 0},
		{[]string{"--select", "DAG2", "dirty.py"}, 0},
	}
	for _, tt := range tests {
		out, errOut, code := runCLI(t, append([]string{"check"}, tt.args...)...)
		if code != tt.wantCode {
			t.Errorf("%v: exit %d, want %d\n%s%s", tt.args, code, tt.wantCode, out, errOut)
		}
	}
}

// TestConfigPathsRelative checks that configuration errors and --show-config
// name the configuration file relative to the working directory, not by a
// machine-specific absolute path. It uses t.Chdir, so it must not run in
// parallel.
func TestConfigPathsRelative(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	put(t, "good/.daglint.yaml", "ignore: [DAG404]\n", 0o644)
	put(t, "good/dags/x.py", cleanDAG, 0o644)
	put(t, "bad/.daglint.yaml", "ignore: [DAG404]\nselct: [DAG1]\n", 0o644)
	put(t, "bad/dags/x.py", cleanDAG, 0o644)
	put(t, "conns/.daglint.yaml", "ignore: [DAG404]\n", 0o644)
	put(t, "conns/airflow_settings.yaml", "airflow:\n  connections:\n    - conn_id: [\n", 0o644)
	put(t, "conns/dags/x.py", cleanDAG, 0o644)
	tests := []struct {
		name, dir string
		args      []string
		wantCode  int
		want      string // in stdout+stderr
	}{
		{"error in an ancestor's file", "bad/dags", []string{"check"}, 2, "../.daglint.yaml:2: unknown key"},
		{"error in the current folder's file", "bad", []string{"check"}, 2, "daglint: .daglint.yaml:2: unknown key"},
		{"error in a --config file", ".", []string{"check", "--config", filepath.Join(root, "bad", ".daglint.yaml")}, 2, "daglint: bad/.daglint.yaml:2: unknown key"},
		{"error in the default connections file", "conns/dags", []string{"check"}, 2, "daglint: ../airflow_settings.yaml:3: invalid YAML"},
		{"--show-config from a subfolder", "good/dags", []string{"check", "--show-config"}, 0, "# daglint configuration from ../.daglint.yaml\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(filepath.Join(root, tt.dir))
			out, errOut, code := runCLI(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.wantCode, out, errOut)
			}
			if !strings.Contains(out+errOut, tt.want) {
				t.Errorf("output lacks %q:\n%s%s", tt.want, out, errOut)
			}
			if strings.Contains(out+errOut, root) {
				t.Errorf("output holds the absolute folder %s:\n%s%s", root, out, errOut)
			}
		})
	}
}

// TestExplicitFolderNotExcluded checks that a folder named on the command
// line is linted even when exclude covers it, as a named file is (the help
// of --force-exclude promises it), while exclude still applies below it and
// --force-exclude drops it. It uses t.Chdir, so it must not run in parallel.
func TestExplicitFolderNotExcluded(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	put(t, ".daglint.yaml", "exclude: [dags/vendor, generated]\n", 0o644)
	put(t, "dags/vendor/v.py", dirtyDAG, 0o644)
	put(t, "dags/vendor/generated/g.py", dirtyDAG, 0o644)
	put(t, "dags/etl.py", cleanDAG, 0o644)
	tests := []struct {
		args     []string
		wantCode int
		want     []string // files reported
		notWant  []string
	}{
		{[]string{"dags"}, 0, nil, []string{"v.py", "g.py"}},
		{[]string{"dags/vendor"}, 1, []string{"dags/vendor/v.py:2:"}, []string{"g.py"}},
		{[]string{"./dags/vendor/"}, 1, []string{"dags/vendor/v.py:2:"}, []string{"g.py"}},
		{[]string{filepath.Join(root, "dags", "vendor")}, 1, []string{"dags/vendor/v.py:2:"}, []string{"g.py"}},
		{[]string{"dags/vendor/generated"}, 1, []string{"dags/vendor/generated/g.py:2:"}, []string{"v.py"}},
		{[]string{"--force-exclude", "dags/vendor"}, 0, nil, []string{"v.py", "g.py"}},
	}
	for _, tt := range tests {
		out, errOut, code := runCLI(t, append([]string{"check"}, tt.args...)...)
		if code != tt.wantCode {
			t.Errorf("%v: exit %d, want %d\n%s%s", tt.args, code, tt.wantCode, out, errOut)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: report lacks %s:\n%s", tt.args, w, out)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(out, w) {
				t.Errorf("%v: report holds %s:\n%s", tt.args, w, out)
			}
		}
	}
}
