package server

import (
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/rules"
	"github.com/daglint/daglint/internal/source"
)

// diagnosticSource is the "source" of every diagnostic the server publishes.
const diagnosticSource = "daglint"

// diagnostics converts a lint of d into the notification that publishes it.
func (s *Server) diagnostics(d *document, res *linted) PublishDiagnosticsParams {
	out := make([]Diagnostic, 0, len(res.diags))
	for _, dg := range res.diags {
		out = append(out, toDiagnostic(d.uri, res.lines, s.enc, dg))
	}
	version := res.version
	return PublishDiagnosticsParams{URI: d.uri, Version: &version, Diagnostics: out}
}

// toDiagnostic converts one finding. Severity follows the finding's level
// (note is Information); an unused suppression is tagged Unnecessary, so
// editors grey the comment out.
func toDiagnostic(uri string, lines *source.Lines, enc encoding, d analysis.Diagnostic) Diagnostic {
	out := Diagnostic{
		Range:    enc.rangeOf(lines, d.Start, d.End),
		Severity: severity(d.Severity),
		Code:     d.RuleID,
		Source:   diagnosticSource,
		Message:  d.Message,
	}
	if rules.ByID(d.RuleID) != nil {
		out.CodeDescription = &CodeDescription{Href: rules.DocsURL(d.RuleID)}
	}
	if d.RuleID == rules.UnusedSuppression.ID {
		out.Tags = []int{TagUnnecessary}
	}
	for _, r := range d.Related {
		out.RelatedInformation = append(out.RelatedInformation, DiagnosticRelatedInformation{
			Location: Location{URI: uri, Range: enc.rangeOf(lines, r.Start, r.End)},
			Message:  r.Message,
		})
	}
	return out
}

func severity(s analysis.Severity) int {
	switch s {
	case analysis.Error:
		return SeverityError
	case analysis.Warning:
		return SeverityWarning
	}
	return SeverityInformation
}
