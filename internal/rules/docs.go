package rules

//go:generate go run -tags devtools ./gendocs -dir ../../docs/rules

import (
	"fmt"
	"strings"

	"github.com/daglint/daglint/internal/analysis"
)

// DocsBaseURL is the base of the rule pages (docs/rules/ID.md in the
// repository, on the main branch): every output that links a rule (SARIF,
// `rules --format json`, the language server) uses it.
const DocsBaseURL = "https://github.com/daglint/daglint/blob/main/docs/rules/"

// DocsURL returns the URL of the rule's page.
func DocsURL(id string) string { return DocsBaseURL + id + ".md" }

// Markdown renders a rule's documentation: `daglint explain` prints it and
// docs/rules/ID.md is generated from it.
func Markdown(r *analysis.Rule) string {
	var b strings.Builder
	d := r.Doc
	fmt.Fprintf(&b, "# %s: %s\n\n", r.ID, r.Name)
	fmt.Fprintf(&b, "%s.\n\n", capitalise(d.Summary))
	fmt.Fprintf(&b, "- Default level: %s\n", r.Severity)
	fmt.Fprintf(&b, "- Since: %s\n", d.Since)
	fmt.Fprintf(&b, "- Fix: %s\n", d.Fix)
	if d.Options != "" {
		fmt.Fprintf(&b, "- Options: %s\n", d.Options)
	}
	section := func(title, body string) {
		fmt.Fprintf(&b, "\n## %s\n\n%s\n", title, strings.TrimSpace(body))
	}
	lang := d.ExampleLanguage()
	code := func(title, src string) {
		if d.ExampleFile != "" {
			title += " (`" + d.ExampleFile + "`)"
		}
		fmt.Fprintf(&b, "\n## %s\n\n```%s\n%s\n```\n", title, lang, strings.TrimRight(src, "\n"))
	}
	section("What it does", d.What)
	section("Why is this bad", d.Why)
	code("Example", d.Example)
	code("Use instead", d.UseInstead)
	return b.String()
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
