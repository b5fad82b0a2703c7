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
	long  *strings.Replacer // secrets of minBoundless characters or more
	short []string          // shorter ones, matched only as whole words
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
		r.long = strings.NewReplacer(pairs...)
	}
	return r
}

// Redact returns text with every secret the Redactor knows, and everything
// Scrub recognises, in its Redact form.
func (r *Redactor) Redact(text string) string {
	if r != nil {
		redactWork.Add(int64(len(text)) * int64(1+len(r.short)))
		if r.long != nil {
			text = r.long.Replace(text)
		}
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
