package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestPreCommitHook checks .pre-commit-hooks.yaml against what pre-commit
// requires and that its entry names the binary `go install` builds.
func TestPreCommitHook(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []map[string]any
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatalf("not valid YAML: %v", err)
	}
	if len(hooks) != 1 {
		t.Fatalf("got %d hooks, want 1", len(hooks))
	}
	h := hooks[0]
	for _, key := range []string{"id", "name", "entry", "language"} {
		if s, _ := h[key].(string); s == "" {
			t.Errorf("hook lacks required key %q", key)
		}
	}
	if h["language"] != "golang" {
		t.Errorf("language = %v, want golang", h["language"])
	}
	if h["require_serial"] != true || h["pass_filenames"] != false {
		t.Errorf("require_serial = %v, pass_filenames = %v; want true, false (one run over the repository)", h["require_serial"], h["pass_filenames"])
	}
	files := regexp.MustCompile(h["files"].(string))
	for name, want := range map[string]bool{
		"dags/etl.py": true, "airflow_settings.yaml": true, "sub/airflow_settings.yml": true,
		".daglint.yaml": true, "pyproject.toml": true, ".env": true, "conf/connections.json": true,
		"include/my_connections.yaml": true, "README.md": false, "docs/env.md": false, "x.pyc": false,
	} {
		if files.MatchString(name) != want {
			t.Errorf("files pattern matches %q: %v, want %v", name, !want, want)
		}
	}
	entry := strings.Fields(h["entry"].(string))
	if len(entry) < 2 || entry[1] != "check" {
		t.Fatalf("entry = %q, want \"daglint check\"", h["entry"])
	}
	// go install names the binary after the main package's folder.
	if _, err := os.Stat(filepath.Join("..", entry[0], "main.go")); err != nil {
		t.Errorf("entry binary %q is not a main package under cmd/: %v", entry[0], err)
	}
}

// TestFixtureSARIFValidates lints testdata/dags and validates the SARIF with
// the SARIF Multitool (GitHub's rule set too). .ci/run installs the tool; it
// is skipped elsewhere when missing.
func TestFixtureSARIFValidates(t *testing.T) {
	tool := findMultitool()
	if tool == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Sarif.Multitool not found; install it with: npm install -g @microsoft/sarif-multitool@5.7.0")
		}
		t.Skip("Sarif.Multitool not installed (npm install -g @microsoft/sarif-multitool@5.7.0)")
	}
	out := filepath.Join(t.TempDir(), "fixtures.sarif")
	if _, _, code := runCLI(t, "check", "--no-config", "--format", "sarif", "--output", out, "--category", "fixtures", "../../testdata/dags"); code == 2 {
		t.Fatal("check failed with exit 2")
	}
	res := filepath.Join(t.TempDir(), "validation.sarif")
	cmd := exec.Command(tool, "validate", "--rule-kind", "Sarif;Gh", "--output", res, out)
	cmd.Env = append(os.Environ(), "DOTNET_CLI_TELEMETRY_OPTOUT=1")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("multitool failed: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(res)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Level   string `json:"level"`
				Message struct {
					ID        string   `json:"id"`
					Arguments []string `json:"arguments"`
				} `json:"message"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("validation log: %v", err)
	}
	for _, r := range log.Runs {
		for _, v := range r.Results {
			if v.Level == "error" {
				t.Errorf("%s %s %v", v.RuleID, v.Message.ID, v.Message.Arguments)
			}
		}
	}
}

func findMultitool() string {
	if p, err := exec.LookPath("Sarif.Multitool"); err == nil {
		return p
	}
	root, err := exec.Command("npm", "root", "-g").Output()
	if err != nil {
		return ""
	}
	var found string
	base := filepath.Join(strings.TrimSpace(string(root)), "@microsoft")
	filepath.WalkDir(base, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "Sarif.Multitool" && found == "" {
			found = p
		}
		return nil
	})
	return found
}
