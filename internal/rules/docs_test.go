package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/rules"
	"github.com/daglint/daglint/internal/rules/gendocs/render"
)

// docsDir is docs/rules seen from this package's folder.
const docsDir = "../../docs/rules"

// TestGeneratedDocsUpToDate fails when docs/rules does not match the rules'
// in-code documentation.
func TestGeneratedDocsUpToDate(t *testing.T) {
	problems, err := render.Check(docsDir, rules.All)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Fatalf("docs/rules is out of date; run %q:\n  %s", render.Command, strings.Join(problems, "\n  "))
	}
}

// TestDocsCheckDetects makes sure the staleness check can fail: on a copy of
// the generated files it must report an edited, a missing and an extra page,
// and Write must repair all three.
func TestDocsCheckDetects(t *testing.T) {
	if len(rules.All) < 2 {
		t.Skip("needs two rules")
	}
	dir := t.TempDir()
	if _, err := render.Write(dir, rules.All); err != nil {
		t.Fatal(err)
	}
	if problems, err := render.Check(dir, rules.All); err != nil || len(problems) != 0 {
		t.Fatalf("fresh output: problems %v, err %v", problems, err)
	}
	// CRLF line endings alone are not staleness.
	index := filepath.Join(dir, render.IndexName)
	data, _ := os.ReadFile(index)
	if err := os.WriteFile(index, []byte(strings.ReplaceAll(string(data), "\n", "\r\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if problems, _ := render.Check(dir, rules.All); len(problems) != 0 {
		t.Fatalf("CRLF copy reported stale: %v", problems)
	}

	edited, missing := rules.All[0].ID+".md", rules.All[1].ID+".md"
	if err := os.WriteFile(filepath.Join(dir, edited), []byte("hand edit\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, missing)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "DAG999.md"), []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Files that are no rule page are left alone.
	if err := os.WriteFile(filepath.Join(dir, "notes.md"), []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	problems, err := render.Check(dir, rules.All)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{edited + " is stale", missing + " is missing", "DAG999.md documents no rule"}
	got := strings.Join(problems, "\n")
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("Check problems lack %q:\n%s", w, got)
		}
	}
	if len(problems) != len(want) {
		t.Errorf("Check = %d problems; want %d:\n%s", len(problems), len(want), got)
	}
	if _, err := render.Write(dir, rules.All); err != nil {
		t.Fatal(err)
	}
	if problems, _ := render.Check(dir, rules.All); len(problems) != 0 {
		t.Fatalf("after Write: %v", problems)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.md")); err != nil {
		t.Fatalf("Write removed a file that is no rule page: %v", err)
	}
}

// TestDocsContent checks what each generated page and the index say.
func TestDocsContent(t *testing.T) {
	files := render.Files(rules.All)
	if len(files) != len(rules.All)+1 {
		t.Fatalf("Files = %d files; want one per rule plus the index", len(files))
	}
	index := string(files[render.IndexName])
	for _, r := range rules.All {
		page := string(files[r.ID+".md"])
		if !strings.HasPrefix(page, render.Header) || !strings.Contains(page, "DO NOT EDIT") {
			t.Errorf("%s.md lacks the generated-file header", r.ID)
		}
		if strings.TrimPrefix(page, render.Header) != rules.Markdown(r) {
			t.Errorf("%s.md is not rules.Markdown after the header", r.ID)
		}
		row := "| " + r.ID + " | " + r.Name + " | " + r.Severity.String() + " | "
		if !strings.Contains(index, row) || !strings.Contains(index, "("+r.ID+".md)") {
			t.Errorf("index lacks a row linking %s:\n%s", r.ID, index)
		}
	}
	if strings.Contains(index, "(DAG999.md)") {
		t.Errorf("index links a page that is no rule")
	}
}
