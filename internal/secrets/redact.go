package secrets

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Redact returns the only form in which daglint ever shows a secret:
//
//	<prefix>…(<n> chars)
//
// where n is the secret's length in characters (runes) and prefix is its
// first min(4, n/4) characters, so at most a quarter of a secret and never
// more than 4 characters are revealed: "glpa…(26 chars)" for a 26-character
// GitLab token, "s3…(8 chars)" for "s3cr3t!!", "…(3 chars)" for "abc". A
// revealed character that is not printable is shown as "?". The unit is
// "char" when n is 1.
func Redact(secret string) string {
	n := utf8.RuneCountInString(secret)
	show := min(4, n/4)
	var b strings.Builder
	for _, r := range secret {
		if show == 0 {
			break
		}
		show--
		if !unicode.IsPrint(r) {
			r = '?'
		}
		b.WriteRune(r)
	}
	b.WriteString("…(")
	b.WriteString(strconv.Itoa(n))
	if n == 1 {
		b.WriteString(" char)")
	} else {
		b.WriteString(" chars)")
	}
	return b.String()
}

// RedactIn returns text with every occurrence of secret replaced by
// Redact(secret), for messages that quote source. An empty secret leaves
// text unchanged. The secret must be spelled in text exactly as given (a
// literal's escapes are not decoded).
func RedactIn(text, secret string) string {
	if secret == "" {
		return text
	}
	return strings.ReplaceAll(text, secret, Redact(secret))
}
