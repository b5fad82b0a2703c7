package secrets

import (
	"sort"
	"strings"
	"sync/atomic"
)

// redactWork counts the bytes redaction has examined (see RedactWork).
var redactWork atomic.Int64

// RedactWork returns how many bytes Redactors have examined so far, in the
// process: the secrets a Redactor is built from, and each text once per
// matching pass. Growth tests compare it for inputs of size N and 2N.
func RedactWork() int64 { return redactWork.Load() }

// Redactor hides the secrets of one file in any text about it: the secrets
// it was built with (found by the rules that detect secrets, whatever their
// shape) and, through Scrub, anything shaped like a secret. The zero value
// and nil only Scrub.
type Redactor struct {
	// The secrets of minBoundless characters or more: at most maxSearched
	// are looked for one by one (few, longest first, with their redacted
	// forms), more with a Replacer.
	few, fewRedacted []string
	long             *strings.Replacer
	short            []string // shorter ones, matched only as whole words
}

// Secrets shorter than minKnown characters are not looked for in other
// text: they would match almost anywhere and say almost nothing. Those
// shorter than minBoundless are replaced only where they are not part of a
// longer word, so a 5-character password does not garble every word that
// contains it.
const (
	minKnown     = 4
	minBoundless = 8
)

// maxSearched bounds the long secrets Redact looks for one by one. Most
// files have a few, for which a strings.Replacer (built for each file) costs
// more to build than the searches; past it, the Replacer's one pass keeps
// redaction linear in the text.
const maxSearched = 8

// maxShort bounds the secrets matched with a word check; past it the rest
// are replaced anywhere (hiding more, never less), so redaction stays
// linear in the text.
const maxShort = 64

// NewRedactor returns a Redactor for the given secrets, as they may be
// spelled in text: decoded values and their source spellings. Each is split
// at line breaks, since a diff or a normalised location shows one line at a
// time, and each piece is hidden wherever it occurs.
func NewRedactor(known []string) *Redactor {
	seen := map[string]bool{}
	var long, short []string
	for _, k := range known {
		for _, piece := range strings.FieldsFunc(k, func(r rune) bool { return r == '\n' || r == '\r' }) {
			n := len([]rune(piece))
			if n < minKnown || seen[piece] || strings.TrimSpace(piece) == "" {
				continue
			}
			seen[piece] = true
			if n < minBoundless {
				short = append(short, piece)
			} else {
				long = append(long, piece)
			}
		}
	}
	// Longest first: at one position the longest secret wins.
	byLength := func(s []string) {
		sort.Slice(s, func(i, j int) bool {
			if len(s[i]) != len(s[j]) {
				return len(s[i]) > len(s[j])
			}
			return s[i] < s[j]
		})
	}
	byLength(short)
	if len(short) > maxShort {
		long, short = append(long, short[maxShort:]...), short[:maxShort]
	}
	byLength(long)
	r := &Redactor{short: short}
	if len(long) > 0 {
		pairs := make([]string, 0, 2*len(long))
		for _, s := range long {
			pairs = append(pairs, s, Redact(s))
			redactWork.Add(int64(len(s)))
		}
		if len(long) <= maxSearched {
			r.few = long
			for i := 1; i < len(pairs); i += 2 {
				r.fewRedacted = append(r.fewRedacted, pairs[i])
			}
		} else {
			r.long = strings.NewReplacer(pairs...)
		}
	}
	return r
}

// Redact returns text with every secret the Redactor knows, and everything
// Scrub recognises, in its Redact form.
func (r *Redactor) Redact(text string) string {
	if r != nil {
		redactWork.Add(int64(len(text)) * int64(1+len(r.few)+len(r.short)))
		if r.long != nil {
			text = r.long.Replace(text)
		}
		text = replaceFirstOf(text, r.few, r.fewRedacted)
		for _, s := range r.short {
			text = replaceWords(text, s)
		}
	}
	return Scrub(text)
}

// Hides reports whether Redact changes text: text holds a secret.
func (r *Redactor) Hides(text string) bool {
	return r.Redact(text) != text
}

// replaceFirstOf replaces the secrets in text with their redacted forms
// (redacted[i] for secrets[i]) as strings.NewReplacer(secrets[0],
// redacted[0], secrets[1], ...).Replace does: leftmost first, and at one
// position the first of secrets that starts there, without overlaps. next[i]
// is where secrets[i] occurs next from the end of the last replacement (-1:
// nowhere), searched again only once a replacement passes it.
func replaceFirstOf(text string, secrets, redacted []string) string {
	if len(secrets) == 0 {
		return text
	}
	var next [maxSearched]int
	for i, s := range secrets {
		next[i] = strings.Index(text, s)
	}
	var b strings.Builder
	last := 0 // text[:last] is written (or needs no change)
	for {
		first := -1
		for i := range secrets {
			if next[i] >= 0 && (first < 0 || next[i] < next[first]) {
				first = i // a tie keeps the earlier: the longer secret
			}
		}
		if first < 0 {
			break
		}
		at := next[first]
		b.WriteString(text[last:at])
		b.WriteString(redacted[first])
		last = at + len(secrets[first])
		for i, s := range secrets {
			if next[i] >= 0 && next[i] < last {
				if j := strings.Index(text[last:], s); j >= 0 {
					next[i] = last + j
				} else {
					next[i] = -1
				}
			}
		}
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// replaceWords replaces each occurrence of secret in text that is not part
// of a longer word (no letter or digit right before or after it).
func replaceWords(text, secret string) string {
	var b strings.Builder
	last := 0
	for from := 0; ; {
		i := strings.Index(text[from:], secret)
		if i < 0 {
			break
		}
		start := from + i
		end := start + len(secret)
		from = start + 1
		if isASCIIAlnumAt(text, start-1) && isASCIIAlnumAt(secret, 0) ||
			isASCIIAlnumAt(text, end) && isASCIIAlnumAt(secret, len(secret)-1) {
			continue
		}
		b.WriteString(text[last:start])
		b.WriteString(Redact(secret))
		last, from = end, end
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// isASCIIAlnumAt reports whether s[i] exists and is an ASCII letter or digit.
func isASCIIAlnumAt(s string, i int) bool {
	return i >= 0 && i < len(s) && (isASCIILetter(s[i]) || s[i] >= '0' && s[i] <= '9')
}
