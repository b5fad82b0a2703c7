package main

import (
	"encoding/json"
	"io"

	"github.com/daglint/daglint/internal/rules"
)

// ruleJSON is the wire form of `daglint rules --format json`.
type ruleJSON struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Fix      string `json:"fix"`
	Since    string `json:"since"`
	HelpURI  string `json:"help_uri"`
}

func writeRulesJSON(w io.Writer) error {
	out := make([]ruleJSON, 0, len(rules.All))
	for _, r := range rules.All {
		out = append(out, ruleJSON{ID: r.ID, Name: r.Name, Severity: r.Severity.String(), Summary: r.Doc.Summary, Fix: r.Doc.Fix, Since: r.Doc.Since, HelpURI: docsURI + r.ID + ".md"})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
