package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/config"
	"github.com/daglint/daglint/internal/rules"
)

// TestReadmeSampleConfig loads the README's sample .daglint.yaml: it must be
// valid and must not switch off the rule families the README does not ask
// to (a sample people copy decides what they lint).
func TestReadmeSampleConfig(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	start := strings.Index(text, "\n## Configuration")
	if start < 0 {
		t.Fatal("README has no Configuration section")
	}
	block := text[start:]
	i := strings.Index(block, "```yaml\n")
	if i < 0 {
		t.Fatal("no yaml block in the Configuration section")
	}
	block = block[i+len("```yaml\n"):]
	sample := block[:strings.Index(block, "```")]
	dir := t.TempDir()
	path := filepath.Join(dir, ".daglint.yaml")
	if err := os.WriteFile(path, []byte(sample), 0o644); err != nil {
		t.Fatal(err)
	}
	// The files the sample names exist in the project it is copied into.
	writeFile(t, dir, "airflow_settings.yaml", "airflow:\n  connections: []\n")
	writeFile(t, dir, "lib/__init__.py", "")
	cfg, err := config.Load(path, rules.All)
	if err != nil {
		t.Fatalf("README sample configuration does not load: %v", err)
	}
	for _, id := range []string{"DAG101", "DAG201", "DAG204", "DAG301", "DAG302", "DAG401", "DAG403"} {
		if !cfg.Enabled(id) {
			t.Errorf("README sample configuration turns %s off", id)
		}
	}
	if cfg.Enabled("DAG404") {
		t.Error("README sample says ignore: [DAG404] but DAG404 is enabled")
	}
}
