package secrets

import (
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
)

// TestReplaceFirstOfIsReplacer checks the search Redact makes for a few long
// secrets against strings.Replacer, which it stands in for: random texts and
// secrets over a small alphabet, so that secrets overlap, nest, share
// prefixes and sit side by side.
func TestReplaceFirstOfIsReplacer(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = "abc"[r.IntN(3)]
		}
		return string(b)
	}
	replaced := 0
	for range 20000 {
		seen := map[string]bool{}
		var secrets []string
		for range 1 + r.IntN(maxSearched) {
			if s := word(1 + r.IntN(5)); !seen[s] {
				seen[s] = true
				secrets = append(secrets, s)
			}
		}
		sort.Slice(secrets, func(i, j int) bool {
			if len(secrets[i]) != len(secrets[j]) {
				return len(secrets[i]) > len(secrets[j])
			}
			return secrets[i] < secrets[j]
		})
		var pairs, redacted []string
		for i, s := range secrets {
			red := "<" + string(rune('0'+i)) + ">"
			pairs, redacted = append(pairs, s, red), append(redacted, red)
		}
		text := word(r.IntN(40))
		want := strings.NewReplacer(pairs...).Replace(text)
		if got := replaceFirstOf(text, secrets, redacted); got != want {
			t.Fatalf("replaceFirstOf(%q, %q) = %q, strings.Replacer says %q", text, secrets, got, want)
		}
		if want != text {
			replaced++
		}
	}
	if replaced < 10000 {
		t.Fatalf("only %d texts had a secret replaced", replaced)
	}
}

// TestRedactorFewAndManyLongSecrets: a Redactor with maxSearched long
// secrets (searched one by one) and one with more (a Replacer) hide the
// same secrets the same way.
func TestRedactorFewAndManyLongSecrets(t *testing.T) {
	var known []string
	for i := 0; i <= maxSearched; i++ {
		known = append(known, "Zq"+strings.Repeat(string(rune('a'+i)), 6+i)+"!9")
	}
	few, many := NewRedactor(known[:maxSearched]), NewRedactor(append(known[:maxSearched:maxSearched], "unrelated-long-secret"))
	if few.long != nil || len(few.few) != maxSearched || many.long == nil || len(many.few) != 0 {
		t.Fatalf("want %d secrets searched and %d replaced: few %d/%v, many %d/%v",
			maxSearched, maxSearched+1, len(few.few), few.long != nil, len(many.few), many.long != nil)
	}
	text := "x=" + strings.Join(known[:maxSearched], " and ") + known[0] + known[3][2:] + "."
	got, want := few.Redact(text), many.Redact(text)
	if got != want {
		t.Errorf("few secrets: %q\nmany secrets: %q", got, want)
	}
	for _, k := range known[:maxSearched] {
		if strings.Contains(got, k) {
			t.Errorf("%q not hidden: %q", k, got)
		}
	}
}

// TestRedactorFewNestedSecrets: through NewRedactor (its longest-first
// order and the real redacted forms), the one-by-one search hides nested,
// overlapping and adjacent secrets exactly as a Replacer of the same
// secrets does, and a secret that stands alone in the text never shows
// whole.
func TestRedactorFewNestedSecrets(t *testing.T) {
	known := []string{"Kx7mQ2vB9nR4", "Kx7mQ2vB9nR4-tail", "Q2vB9nR4zzzz", "pre-Kx7mQ2vB", "nR4-tail-end!"}
	few := NewRedactor(known)
	if len(few.few) != len(known) || few.long != nil {
		t.Fatalf("want %d secrets searched one by one, got %d (Replacer %v)", len(known), len(few.few), few.long != nil)
	}
	var pairs []string
	for i, s := range few.few {
		pairs = append(pairs, s, few.fewRedacted[i])
	}
	viaReplacer := &Redactor{long: strings.NewReplacer(pairs...), short: few.short}
	r := rand.New(rand.NewPCG(9, 9))
	pieces := append([]string{" ", "x", "-", "\n", "Kx7m", "nR4", "tail"}, known...)
	for range 5000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text := b.String()
		if got, want := few.Redact(text), viaReplacer.Redact(text); got != want {
			t.Fatalf("Redact(%q): one by one %q, Replacer %q", text, got, want)
		}
	}
	for _, k := range known {
		text := "a = " + k + " ;"
		if got := few.Redact(text); strings.Contains(got, k) {
			t.Errorf("Redact(%q) = %q shows the secret whole", text, got)
		}
	}
}
