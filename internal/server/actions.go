package server

import (
	"context"
	"fmt"
	"strings"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/fix"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/rules"
	"github.com/daglint/daglint/internal/source"
)

// wants reports whether the client's `only` filter admits kind: an entry
// admits its own kind and the kinds below it ("source" admits
// "source.fixAll.daglint").
func wants(only []string, kind string) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if kind == o || strings.HasPrefix(kind, o+".") {
			return true
		}
	}
	return false
}

func (s *Server) codeAction(_ context.Context, params []byte) (any, error) {
	var p CodeActionParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	res, enc, ok := s.current(p.TextDocument.URI)
	actions := []CodeAction{}
	if !ok || res.cfg == nil {
		return actions, nil
	}
	s.mu.Lock()
	docChanges := s.docChanges
	s.mu.Unlock()
	b := &editBuilder{uri: p.TextDocument.URI, version: res.version, lines: res.lines, enc: enc, docChanges: docChanges}
	if wants(p.Context.Only, KindQuickFix) {
		start, end := enc.offset(res.lines, p.Range.Start), enc.offset(res.lines, p.Range.End)
		for _, d := range res.diags {
			if d.Start <= end && start <= d.End {
				actions = append(actions, s.quickFixes(res, b, d)...)
			}
		}
	}
	if wants(p.Context.Only, KindFixAllDaglint) {
		if a, ok := fixAll(res, b); ok {
			actions = append(actions, a)
		}
	}
	return actions, nil
}

// quickFixes are the actions for one finding: each of its fixes, then the
// two suppression comments.
func (s *Server) quickFixes(res *linted, b *editBuilder, d analysis.Diagnostic) []CodeAction {
	diag := []Diagnostic{toDiagnostic(b.uri, res.lines, b.enc, d, res.moduleURI)}
	var out []CodeAction
	for _, f := range d.Fixes {
		if f.Applicability == analysis.DisplayOnly || len(f.Edits) == 0 {
			continue
		}
		title := fmt.Sprintf("%s: %s", d.RuleID, f.Message)
		if f.Applicability == analysis.Unsafe {
			title += " (unsafe fix: review the change)"
		}
		out = append(out, CodeAction{
			Title: title, Kind: KindQuickFix, Diagnostics: diag,
			IsPreferred: f.Applicability == analysis.Safe,
			Edit:        b.edit(f.Edits),
		})
	}
	if d.RuleID == rules.UnusedSuppression.ID {
		return out // suppressing a suppression helps nobody: its fix removes it
	}
	for _, form := range []struct {
		form  lint.SuppressionForm
		title string
	}{
		{lint.Noqa, "add # noqa: %s"},
		{lint.Ignore, "add # daglint: ignore[%s]"},
	} {
		e, ok := lint.SuppressEdit(res.path, res.text, d, form.form, res.cfg.Options)
		if !ok {
			continue
		}
		out = append(out, CodeAction{
			Title: fmt.Sprintf("%s: "+form.title, d.RuleID, d.RuleID), Kind: KindQuickFix, Diagnostics: diag,
			Edit: b.edit([]analysis.TextEdit{e}),
		})
	}
	return out
}

// fixAll applies every safe fix, as `daglint check --fix` would, as one
// edit of the changed span.
func fixAll(res *linted, b *editBuilder) (CodeAction, bool) {
	if !fix.Fixable(res.diags, fix.Options{}) {
		return CodeAction{}, false
	}
	out, err := fix.Iterate(res.text, lint.FixLinter(res.path, res.cfg.Options), fix.Options{})
	if err != nil || !out.Changed(res.text) {
		return CodeAction{}, false
	}
	return CodeAction{
		Title: "daglint: fix all safe fixes", Kind: KindFixAllDaglint,
		Edit: b.edit([]analysis.TextEdit{changedSpan(res.text, out.Source)}),
	}, true
}

// changedSpan returns the one edit turning before into after: the bytes
// between their common prefix and suffix. It never splits a UTF-8
// sequence, so the range converts to any encoding.
func changedSpan(before, after []byte) analysis.TextEdit {
	p := 0
	for p < len(before) && p < len(after) && before[p] == after[p] {
		p++
	}
	for p > 0 && p < len(before) && before[p]&0xC0 == 0x80 {
		p--
	}
	s := 0
	for s < len(before)-p && s < len(after)-p && before[len(before)-1-s] == after[len(after)-1-s] {
		s++
	}
	for s > 0 && before[len(before)-s]&0xC0 == 0x80 {
		s--
	}
	return analysis.TextEdit{Start: p, End: len(before) - s, NewText: string(after[p : len(after)-s])}
}

// editBuilder turns byte edits of one document version into a WorkspaceEdit.
type editBuilder struct {
	uri        string
	version    int32
	lines      *source.Lines
	enc        encoding
	docChanges bool
}

func (b *editBuilder) edit(edits []analysis.TextEdit) *WorkspaceEdit {
	out := make([]TextEdit, 0, len(edits))
	for _, e := range edits {
		out = append(out, TextEdit{Range: b.enc.rangeOf(b.lines, e.Start, e.End), NewText: e.NewText})
	}
	if b.docChanges {
		v := b.version
		return &WorkspaceEdit{DocumentChanges: []TextDocumentEdit{{
			TextDocument: OptionalVersionedTextDocumentIdentifier{URI: b.uri, Version: &v}, Edits: out,
		}}}
	}
	return &WorkspaceEdit{Changes: map[string][]TextEdit{b.uri: out}}
}
