package config

import "github.com/daglint/daglint/internal/suggest"

// closest returns the candidate nearest to s by edit distance (ignoring
// case), or "" when none is near enough to be a plausible typo.
func closest(s string, candidates []string) string { return suggest.Closest(s, candidates) }

// Closest returns the candidate nearest to s by edit distance, or "" when
// none is a plausible typo of it (for did-you-mean hints elsewhere).
func Closest(s string, candidates []string) string { return suggest.Closest(s, candidates) }
