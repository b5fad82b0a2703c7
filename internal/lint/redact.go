package lint

import (
	"slices"
	"strings"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/pyparse"
	"github.com/daglint/daglint/internal/secrets"
)

// Every text daglint prints about a file passes through that file's
// Redactor, so no rule has to remember to hide a secret: the driver knows
// every secret span of the file (what the Secret rules find, whether they
// are enabled or not, and every token in its source) and redacts messages,
// related-location messages and fix messages of every finding, drops fixes
// whose new text would print a secret, and hides secrets in the text a
// fingerprint is computed from. Scrub, which the Redactor applies last,
// hides anything shaped like a secret, such as URL user information.

// secretRules returns the rules whose findings mark secrets: those of
// opts.SecretRules, or of opts.Rules when that is nil.
func secretRules(opts Options) []*analysis.Rule {
	from := opts.SecretRules
	if from == nil {
		from = opts.Rules
	}
	var out []*analysis.Rule
	for _, r := range from {
		if r.Secret && r.Run != nil {
			out = append(out, r)
		}
	}
	return out
}

// secretSpans runs each of rules that did not already run on the file
// (ran) and returns the primary ranges of all their findings, with those
// already found (found).
func secretSpans(file *pyparse.File, pass analysis.Pass, rules, ran []*analysis.Rule, found []pyparse.Range) []pyparse.Range {
	for _, rule := range rules {
		if slices.Contains(ran, rule) {
			continue
		}
		p := pass
		p.Rule = rule
		p.Report = func(d analysis.Diagnostic) { found = append(found, pyparse.Range{Start: d.Start, End: d.End}) }
		// A rule that fails here fails in the main loop too, where it is
		// reported; only its findings matter here. One that a rule yielding
		// to it ran already is not run again.
		_ = analysis.Run(&p, false)
	}
	return found
}

// foreignSecrets returns the secrets of the project modules the file's
// values were imported from: a value defined there may be quoted in a
// message about this file. Each module's are found once per run.
func foreignSecrets(model *airflow.Model, opts Options) []string {
	if opts.Modules == nil {
		return nil
	}
	var out []string
	for _, fm := range model.Foreign() {
		out = append(out, opts.Modules.Memo(fm, func(m *airflow.Model) []string {
			spans := secretSpans(m.File, analysis.Pass{File: m.File, Model: m, Settings: opts.Settings, Facts: analysis.NewFacts()}, secretRules(opts), nil, nil)
			return fileSecrets(m.File, spans)
		})...)
	}
	return out
}

// fileSecrets returns the texts to hide in anything said about a file:
// the tokens of its source and the secrets of its secret spans. A span that is a string literal contributes
// the credentials its decoded text holds, or its whole decoded text when it
// holds none (a password given to a secret-named variable); and, when the
// source does not spell those verbatim (escapes, implicit concatenation),
// the pieces of the literal as written, so that no line of the file shows a
// secret in any spelling.
func fileSecrets(file *pyparse.File, spans []pyparse.Range) []string {
	return fileSecretsOf(file, spans, true)
}

// fileSecretsOf is fileSecrets for a file whose source, when mayToken is
// false, is known to hold no token (secrets.MayContainToken said so): its
// source is then not searched for them.
func fileSecretsOf(file *pyparse.File, spans []pyparse.Range, mayToken bool) []string {
	src := file.SrcText()
	var known []string
	if mayToken {
		for _, m := range secrets.FindTokens(src) {
			known = append(known, src[m.Start:m.End])
		}
	}
	if len(spans) > 0 {
		want := map[pyparse.Range]bool{}
		for _, r := range spans {
			want[r] = true
		}
		for _, s := range file.Index().Strs {
			if !want[s.Range] || s.Start < 0 || s.End > len(src) || s.Start > s.End {
				continue
			}
			raw := src[s.Start:s.End]
			decoded := literalSecrets(s)
			known = append(known, decoded...)
			for _, d := range decoded {
				if !strings.Contains(raw, d) {
					known = append(known, literalPieces(raw)...)
					break
				}
			}
		}
	}
	return known
}

// literalSecrets returns the secrets of a string literal that a Secret rule
// flagged, as decoded: the credentials its text holds or, when it holds
// none, its whole text (and that of each piece of an implicit
// concatenation).
func literalSecrets(s *pyparse.Str) []string {
	v, whole := s.Value()
	hasTokens := whole && len(secrets.FindTokens(v)) > 0
	var texts []string
	for _, p := range s.Parts {
		if p.Expr == nil && p.Lit != "" {
			texts = append(texts, p.Lit)
			hasTokens = hasTokens || len(secrets.FindTokens(p.Lit)) > 0
		}
	}
	if whole && len(s.Parts) > 1 {
		texts = append(texts, v)
	}
	var out []string
	for _, t := range texts {
		if !hasTokens {
			if !secrets.IsSecretName(strings.TrimSpace(t)) {
				// A value such as "password" names what it stands for;
				// hiding it elsewhere would garble every message that
				// names a password field.
				out = append(out, t)
			}
			continue
		}
		for _, h := range secrets.FindTokens(t) {
			out = append(out, t[h.Start:h.End])
		}
	}
	return out
}

// literalPieces returns the text of each quoted piece of the source text
// of a string literal, as written: an implicit concatenation has several,
// and the comments between them are not pieces.
func literalPieces(raw string) []string {
	var out []string
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '#':
			nl := strings.IndexAny(raw[i:], "\r\n")
			if nl < 0 {
				return out
			}
			i += nl
		case c == '"' || c == '\'':
			q := raw[i : i+1]
			if strings.HasPrefix(raw[i:], strings.Repeat(q, 3)) {
				q = strings.Repeat(q, 3)
			}
			j := i + len(q)
			for j < len(raw) && !strings.HasPrefix(raw[j:], q) {
				if raw[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j, len(raw))
			out = append(out, raw[i+len(q):j])
			i = j + len(q)
		default:
			i++
		}
	}
	return out
}

// redactDiagnostics passes every text of diags through red and drops the
// fixes whose new text red would change: every output format prints fix
// text, and secrets are never printed whole. The finding itself stays.
func redactDiagnostics(diags []analysis.Diagnostic, red *secrets.Redactor) {
	for i := range diags {
		d := &diags[i]
		d.Message = red.Redact(d.Message)
		for j := range d.Related {
			d.Related[j].Message = red.Redact(d.Related[j].Message)
		}
		fixes := d.Fixes[:0:0]
		for _, f := range d.Fixes {
			if fixHoldsSecret(f, red) {
				continue
			}
			f.Message = red.Redact(f.Message)
			fixes = append(fixes, f)
		}
		d.Fixes = fixes
	}
}

func fixHoldsSecret(f analysis.SuggestedFix, red *secrets.Redactor) bool {
	for _, e := range f.Edits {
		if red.Hides(e.NewText) {
			return true
		}
	}
	return false
}
