package analysis

import (
	"regexp"
	"strings"
	"testing"
)

func TestFence(t *testing.T) {
	for in, want := range map[string]string{"x = 1": "```", "s = '```'": "````", "a ```` b": "`````"} {
		if got := Fence(in); got != want {
			t.Errorf("Fence(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDocumentationForms checks that the Markdown and text forms carry the
// same facts under the same titles, in the same order, and that options
// are listed from the rule's declarations.
func TestDocumentationForms(t *testing.T) {
	opt := &Option{Name: "max-depth", Doc: "how deep to look"}
	r := &Rule{
		ID: "DAG999", Name: "demo-rule", Severity: Warning, Options: []*Option{opt},
		Doc: Doc{
			Summary: "a demo", What: "Reports demos.", Why: "Demos are bad.",
			Example: "x = '```'\n\ny = 1\n", UseInstead: "y = 1\n", Since: "0.9.0", Fix: "none",
			Options: "airflow-version (picks the parameters)",
		},
	}
	md, text := r.Documentation(true), r.Documentation(false)
	wantMD := "# DAG999: demo-rule\n\nA demo.\n\n- Default level: warning\n- Since: 0.9.0\n- Fix: none\n" +
		"- Options: max-depth (how deep to look); airflow-version (picks the parameters)\n\n" +
		"## What it does\n\nReports demos.\n\n## Why is this bad\n\nDemos are bad.\n\n" +
		"## Example\n\n````python\nx = '```'\n\ny = 1\n````\n\n## Use instead\n\n```python\ny = 1\n```\n"
	if md != wantMD {
		t.Errorf("markdown:\n%s\nwant:\n%s", md, wantMD)
	}
	wantText := "DAG999: demo-rule\n\nA demo.\n\nDefault level: warning\nSince: 0.9.0\nFix: none\n" +
		"Options: max-depth (how deep to look); airflow-version (picks the parameters)\n\n" +
		"What it does:\n\nReports demos.\n\nWhy is this bad:\n\nDemos are bad.\n\n" +
		"Example:\n\n    x = '```'\n\n    y = 1\n\nUse instead:\n\n    y = 1\n"
	if text != wantText {
		t.Errorf("text:\n%s\nwant:\n%s", text, wantText)
	}
	titles := func(s string, re *regexp.Regexp) string {
		var out []string
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
		return strings.Join(out, "|")
	}
	mdTitles := titles(md, regexp.MustCompile(`(?m)^## (.+)$`))
	textTitles := titles(text, regexp.MustCompile(`(?m)^([A-Z][a-z ]+):$`))
	if mdTitles != textTitles || mdTitles == "" {
		t.Errorf("section titles differ: markdown %q, text %q", mdTitles, textTitles)
	}
}
