package config

import "strings"

// maxSuggestLen bounds the inputs closest compares, keeping its quadratic
// distance computation cheap on hostile input.
const maxSuggestLen = 64

// closest returns the candidate nearest to s by edit distance (ignoring
// case), or "" when none is near enough to be a plausible typo.
func closest(s string, candidates []string) string {
	if len(s) > maxSuggestLen {
		return ""
	}
	best, bestDist := "", -1
	ls := strings.ToLower(s)
	for _, c := range candidates {
		if len(c) > maxSuggestLen {
			continue
		}
		d := editDistance(ls, strings.ToLower(c))
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

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Closest returns the candidate nearest to s by edit distance, or "" when
// none is a plausible typo of it (for did-you-mean hints elsewhere).
func Closest(s string, candidates []string) string { return closest(s, candidates) }
