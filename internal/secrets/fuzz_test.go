package secrets

import (
	"slices"
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
		if want := findTokensReference(text); !slices.Equal(ms, want) {
			t.Fatalf("FindTokens(%q) = %+v, the detectors one by one %+v", text, ms, want)
		}
		if len(ms) > 0 && !MayContainSecret([]byte(text)) {
			t.Fatalf("MayContainSecret(%q) = false but FindTokens = %+v", text, ms)
		}
	})
}

// FuzzScrub checks that Scrub leaves no token that FindTokens would find.
// (Scrub is not always idempotent: the characters Redact shows may complete
// a new user-information shape, as in `A://:10@0…`; scrubbing again only
// hides more.)
func FuzzScrub(f *testing.F) {
	for _, s := range []string{
		glpat, "image \"oauth2:" + glpat + "@registry.gitlab.com/g/app:1.0\"", "redis://:Tr0ub4dor@cache",
		"ci:Hunt3rPassw0rdZZ@registry.example.com/app", "a:b@c.d/", "python:3.11@sha256:00", "A://:10@000000000@0", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := Scrub(text)
		if ms := FindTokens(got); len(ms) > 0 {
			t.Fatalf("Scrub(%q) = %q still holds %+v", text, got, ms)
		}
	})
}
