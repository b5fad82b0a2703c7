// Package suggest finds the did-you-mean candidate for a misspelt name
// (configuration keys, flags, connection ids), by edit distance.
package suggest

import (
	"strings"

	"github.com/agnivade/levenshtein"
)

// maxLen bounds the inputs Closest compares, keeping the quadratic distance
// computation cheap on hostile input.
const maxLen = 64

// Closest returns the candidate nearest to s by edit distance, ignoring
// case, or "" when none is near enough to be a plausible typo: at most a
// third of s's length away (at least 2), and closer than s is long. Ties go
// to the earlier candidate.
func Closest(s string, candidates []string) string {
	if len(s) > maxLen {
		return ""
	}
	best, bestDist := "", -1
	ls := strings.ToLower(s)
	for _, c := range candidates {
		if len(c) > maxLen {
			continue
		}
		d := levenshtein.ComputeDistance(ls, strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := max(2, len(s)/3)
	if bestDist < 0 || bestDist > limit || bestDist >= len(s) {
		return ""
	}
	return best
}
