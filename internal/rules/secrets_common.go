package rules

import (
	"fmt"
	"strings"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/pyparse"
	"github.com/daglint/daglint/internal/secrets"
)

// tokenHit is one credential found in a literal or comment: its format and
// the secret text itself (never shown whole; see secrets.Redact).
type tokenHit struct {
	Kind   string
	Secret string
}

// textTokens returns the credentials FindTokens finds in text.
func textTokens(text string) []tokenHit {
	ms := secrets.FindTokens(text)
	if len(ms) == 0 {
		return nil
	}
	out := make([]tokenHit, 0, len(ms))
	for _, m := range ms {
		out = append(out, tokenHit{Kind: m.Kind, Secret: text[m.Start:m.End]})
	}
	return out
}

// literals is the literals fact: the credentials each string literal and
// comment of a file holds, classified once for DAG301, which reports them
// (DAG302 leaves such a literal to DAG301 through Pass.Claimed).
type literals struct {
	strs     []strTokens  // only literals that hold credentials, in source order
	comments [][]tokenHit // by index in File.Comments; nil when none
}

// strTokens is a string literal and the credentials it holds.
type strTokens struct {
	str  *pyparse.Str
	hits []tokenHit
}

var literalsFact = &analysis.Fact[*literals]{Name: "literals", Compute: func(p *analysis.Pass) *literals {
	l := &literals{}
	for _, s := range p.File.Index().Strs {
		if hits := literalTokens(s); len(hits) > 0 {
			l.strs = append(l.strs, strTokens{s, hits})
		}
	}
	for i, c := range p.File.Comments {
		if hits := textTokens(c.Text); len(hits) > 0 {
			if l.comments == nil {
				l.comments = make([][]tokenHit, len(p.File.Comments))
			}
			l.comments[i] = hits
		}
	}
	return l
}}

// literalTokens returns the credentials a string literal holds in its
// decoded literal text. Consecutive literal pieces (implicit concatenation,
// the text between two f-string fields) are joined first, so a token split
// over `"glpat-" "..."` is found; when the joined text holds none, each piece
// is scanned alone, since joining can glue a prefix onto the previous word.
// f-string replacement fields are never filled in: what they hold is not in
// the file. DAG301 reports what this returns.
func literalTokens(s *pyparse.Str) []tokenHit {
	var out []tokenHit
	parts := s.Parts
	for i := 0; i < len(parts); {
		if parts[i].Expr != nil {
			i++
			continue
		}
		j := i + 1
		for j < len(parts) && parts[j].Expr == nil {
			j++
		}
		out = append(out, runTokens(parts[i:j])...)
		i = j
	}
	return out
}

// runTokens returns the credentials of consecutive literal pieces: those
// of their joined text or, when it holds none, of each piece alone.
func runTokens(run []*pyparse.StrPart) []tokenHit {
	if len(run) == 1 {
		return textTokens(run[0].Lit)
	}
	var b strings.Builder
	for _, p := range run {
		b.WriteString(p.Lit)
	}
	hits := textTokens(b.String())
	if len(hits) == 0 {
		for _, p := range run {
			hits = append(hits, textTokens(p.Lit)...)
		}
	}
	return hits
}

// article returns "a" or "an" for a noun phrase (only "AWS ..." among the
// token kinds takes "an").
func article(phrase string) string {
	if phrase != "" && strings.ContainsRune("AEIOUaeiou", rune(phrase[0])) {
		return "an"
	}
	return "a"
}

// describeTokens names the first credential (redacted) and counts the rest:
// `a GitLab personal access token (glpa…(26 chars)) and 1 more credential`.
func describeTokens(hits []tokenHit) string {
	first := hits[0]
	s := fmt.Sprintf("%s %s (%s)", article(first.Kind), first.Kind, secrets.Redact(first.Secret))
	switch n := len(hits) - 1; {
	case n == 1:
		s += " and 1 more credential"
	case n > 1:
		s += fmt.Sprintf(" and %d more credentials", n)
	}
	return s
}
