// Package suggest finds the did-you-mean candidate for a misspelt name
// (configuration keys, flags, connection ids, operator arguments), by edit
// distance: the one distance every suggestion in daglint uses.
package suggest

import (
	"strings"

	"github.com/hbollon/go-edlib"
)

// Distance is the optimal-string-alignment distance between a and b, over
// code points: insertions, deletions, substitutions and transpositions of
// adjacent characters each count one (so "comamnd" is one typo away from
// "command"). Callers bound the lengths they compare: it is quadratic.
func Distance(a, b string) int { return edlib.OSADamerauLevenshteinDistance(a, b) }

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
		d := Distance(ls, strings.ToLower(c))
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
