package server

import (
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/pyparse"
	"github.com/daglint/daglint/internal/rules"
	"github.com/daglint/daglint/internal/source"
)

// diagnosticSource is the "source" of every diagnostic the server publishes.
const diagnosticSource = "daglint"

// diagnostics converts a lint of d into the notification that publishes it.
func (s *Server) diagnostics(d *document, res *linted) PublishDiagnosticsParams {
	out := make([]Diagnostic, 0, len(res.diags))
	for _, dg := range res.diags {
		out = append(out, toDiagnostic(d.uri, res.lines, s.enc, dg, res.moduleURI))
	}
	version := res.version
	return PublishDiagnosticsParams{URI: d.uri, Version: &version, Diagnostics: out}
}

// toDiagnostic converts one finding. Severity follows the finding's level
// (note is Information); an unused suppression is tagged Unnecessary, so
// editors grey the comment out.
// A related location in another module of the project gets that module's
// URI (moduleURI) and positions in its text.
func toDiagnostic(uri string, lines *source.Lines, enc encoding, d analysis.Diagnostic, moduleURI func(*pyparse.File) string) Diagnostic {
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
		loc := Location{URI: uri, Range: enc.rangeOf(lines, r.Start, r.End)}
		if r.File != nil {
			loc = Location{URI: moduleURI(r.File), Range: enc.rangeOf(r.File.Lines, r.Start, r.End)}
		}
		out.RelatedInformation = append(out.RelatedInformation, DiagnosticRelatedInformation{Location: loc, Message: r.Message})
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
