package server

import (
	"context"
	"strings"

	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/rules"
)

// hover shows a rule's documentation (the `daglint explain` text) over a
// finding's range, or over a rule code in a suppression comment.
func (s *Server) hover(_ context.Context, params []byte) (any, error) {
	var p TextDocumentPositionParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	res, enc, ok := s.current(p.TextDocument.URI)
	if !ok {
		return nil, nil
	}
	off := enc.offset(res.lines, p.Position)
	// The code under the cursor comes first: over `# noqa: DAG101` that is
	// the rule asked about, even when the comment is itself a finding.
	var ids []string
	var rng *Range
	seen := map[string]bool{}
	if id := lint.SuppressionCodeAt(res.path, res.text, off); id != "" {
		ids = append(ids, id)
		seen[id] = true
	}
	for _, d := range res.diags {
		if d.Start <= off && off <= d.End && !seen[d.RuleID] {
			seen[d.RuleID] = true
			ids = append(ids, d.RuleID)
			if rng == nil {
				r := enc.rangeOf(res.lines, d.Start, d.End)
				rng = &r
			}
		}
	}
	var docs []string
	for _, id := range ids {
		if r := rules.ByID(id); r != nil {
			docs = append(docs, rules.Markdown(r)+"\n[Rule page]("+rules.DocsURL(id)+")\n")
		}
	}
	if len(docs) == 0 {
		return nil, nil
	}
	return Hover{Contents: MarkupContent{Kind: "markdown", Value: strings.Join(docs, "\n---\n\n")}, Range: rng}, nil
}
