package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestActionMetadata checks action.yml against GitHub's metadata syntax for
// composite actions (the rules of GitHub's "Metadata syntax" page: required
// keys, input and output ids, composite steps) and against itself: every
// input and step output the expressions name exists, every flag it passes
// is one `daglint check` has. actionlint checks the same file where a
// workflow uses it (.github/workflows/action.yml).
func TestActionMetadata(t *testing.T) {
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Name, Description, Author string
		Branding                  map[string]string
		Inputs                    map[string]map[string]any
		Outputs                   map[string]map[string]any
		Runs                      struct {
			Using string
			Steps []map[string]any
		}
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if a.Name == "" || a.Description == "" || a.Runs.Using != "composite" || len(a.Runs.Steps) == 0 {
		t.Fatalf("action.yml needs name, description and composite runs.steps: %+v", a)
	}
	id := regexp.MustCompile(`^[_a-zA-Z][a-zA-Z0-9_-]*$`)
	for name, in := range a.Inputs {
		if !id.MatchString(name) || in["description"] == nil {
			t.Errorf("input %q: invalid id or no description", name)
		}
		for k := range in {
			if k != "description" && k != "required" && k != "default" && k != "deprecationMessage" {
				t.Errorf("input %q: unknown key %q", name, k)
			}
		}
	}
	stepIDs := map[string]bool{}
	for i, st := range a.Runs.Steps {
		_, run := st["run"]
		_, uses := st["uses"]
		if run == uses {
			t.Errorf("step %d: needs exactly one of run and uses", i)
		}
		if run && st["shell"] == nil {
			t.Errorf("step %d: a composite run step needs shell", i)
		}
		if s, ok := st["id"].(string); ok {
			stepIDs[s] = true
		}
	}
	for name, out := range a.Outputs {
		if !id.MatchString(name) || out["description"] == nil || out["value"] == nil {
			t.Errorf("output %q: a composite output needs description and value", name)
		}
	}
	for _, m := range regexp.MustCompile(`inputs\.([a-zA-Z0-9_-]+)`).FindAllStringSubmatch(string(data), -1) {
		if _, ok := a.Inputs[m[1]]; !ok {
			t.Errorf("expression names undefined input %q", m[1])
		}
	}
	for _, m := range regexp.MustCompile(`steps\.([a-zA-Z0-9_-]+)\.outputs`).FindAllStringSubmatch(string(data), -1) {
		if !stepIDs[m[1]] {
			t.Errorf("expression names undefined step %q", m[1])
		}
	}
	// Inputs reach scripts through env only (no ${{ }} inside run: script
	// injection).
	for i, st := range a.Runs.Steps {
		if s, ok := st["run"].(string); ok && strings.Contains(s, "${{") {
			t.Errorf("step %d interpolates an expression into its script; pass it through env", i)
		}
	}
	// The flags the action passes exist.
	help, _, _ := runCLI(t, "check", "--help")
	for _, f := range []string{"--fail-on", "--format", "--category"} {
		if !strings.Contains(string(data), f) || !strings.Contains(help, strings.TrimPrefix(f, "-")) {
			t.Errorf("flag %s: not passed by the action or unknown to check", f)
		}
	}
}
