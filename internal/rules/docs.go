package rules

//go:generate go run -tags devtools ./gendocs -dir ../../docs/rules

import "github.com/daglint/daglint/internal/analysis"

// DocsBaseURL is the base of the rule pages (docs/rules/ID.md in the
// repository, on the main branch): every output that links a rule (SARIF,
// `rules --format json`, the language server) uses it.
const DocsBaseURL = "https://github.com/daglint/daglint/blob/main/docs/rules/"

// DocsURL returns the URL of the rule's page.
func DocsURL(id string) string { return DocsBaseURL + id + ".md" }

// Markdown renders a rule's documentation page (analysis.Rule.Documentation
// in Markdown): `daglint explain` prints it and docs/rules/ID.md is
// generated from it.
func Markdown(r *analysis.Rule) string { return r.Documentation(true) }
