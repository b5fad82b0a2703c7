package secrets

import (
	"strings"
	"testing"
)

// FuzzFindTokens checks the invariants callers rely on: matches lie inside
// the text, are sorted and disjoint, and the prefilter never rules out a
// text that holds one; Redact never returns the secret itself.
func FuzzFindTokens(f *testing.F) {
	for _, s := range []string{
		glpat, ghp, githubPat, dckr, aws, google, slackBot, webhook, pemBlock,
		"postgres://app:s3cr3tpw@db/app", "redis://:Tr0ub4dor@cache", "acme-" + glpat,
		"https://oauth2:" + glpat + "@gitlab.com", "-----BEGIN PRIVATE KEY-----\n" + pemBody,
		"plain text", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ms := FindTokens(text)
		prevEnd := 0
		for _, m := range ms {
			if m.Start < prevEnd || m.End <= m.Start || m.End > len(text) || m.Kind == "" {
				t.Fatalf("bad match %+v (previous end %d) in %q", m, prevEnd, text)
			}
			prevEnd = m.End
			secret := text[m.Start:m.End]
			if r := Redact(secret); strings.Contains(r, secret) {
				t.Fatalf("Redact(%q) = %q reveals it", secret, r)
			}
		}
		if len(ms) > 0 && !MayContainSecret([]byte(text)) {
			t.Fatalf("MayContainSecret(%q) = false but FindTokens = %+v", text, ms)
		}
	})
}
