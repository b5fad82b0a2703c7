package secrets

import (
	"strings"
	"unicode/utf8"

	"github.com/daglint/daglint/internal/jinja"
	"github.com/daglint/daglint/internal/lazyre"
)

// placeholderMarkers make a value a placeholder wherever they appear, in
// any case.
var placeholderMarkers = []string{"your", "example", "placeholder", "redacted", "dummy"}

// envNameRE matches a value that is itself an environment-variable name.
var envNameRE = lazyre.New(`^[A-Z_][A-Z0-9_]*$`)

// embeddedTemplateRE finds substitutions that are unambiguous anywhere in a
// value: `${NAME}` and `%(name)s`.
var embeddedTemplateRE = lazyre.New(`\$\{[^{}]*\}|%\([A-Za-z_][A-Za-z0-9_]*\)s`)

// shellVarRE matches a value that is wholly a shell variable: `$DB_PASSWORD`.
var shellVarRE = lazyre.New(`^\$[A-Za-z_][A-Za-z0-9_]*$`)

// urlSchemeRE matches the start of a URL.
var urlSchemeRE = lazyre.New(`^[A-Za-z][A-Za-z0-9+.-]*://`)

// IsPlaceholder reports whether value is a placeholder rather than a real
// secret (RULES.md "Placeholder"). After trimming surrounding white space, a
// value is a placeholder when it:
//   - is shorter than 4 characters (so also when empty);
//   - is one character repeated (`xxxx`, `****`);
//   - is wholly `<...>`, `${...}`, `{...}`, `%(...)s` or `$NAME`, or
//     contains a `${NAME}` or `%(name)s` substitution;
//   - contains Jinja (`{{ ... }}` or `{% ... %}`);
//   - is itself an environment-variable name (`DB_PASSWORD`: capitals,
//     digits and underscores, not starting with a digit, with a letter);
//   - contains your, example, placeholder, redacted or dummy in any case;
//   - is a URL whose authority carries no password, or whose password is
//     itself a placeholder or a stand-in word like `password` (as in
//     FindTokens): `https://gitlab.com/x`, `https://ci@host`,
//     `postgres://u:${PASS}@db`, `postgres://user:password@localhost/db`;
//   - is a run of at least 8 consecutive letters of the alphabet, in either
//     case, after an optional prefix of at most 4 letters or digits and a `-`
//     or `_` (`abcdefghij`, `sk-abcdefghijklmnop`): made-up test values.
//
// `changeme`, `password123`, `hunter2x` and `s3cr3t!` are not placeholders.
func IsPlaceholder(value string) bool {
	v := strings.TrimSpace(value)
	if isPlainPlaceholder(v) {
		return true
	}
	if loc := urlSchemeRE.Get().FindStringIndex(v); loc != nil {
		_, password, hasPassword, ok := splitUserinfo(v[loc[1]:])
		if !ok || !hasPassword || password == "" {
			return true
		}
		return isPlainPlaceholder(password) || urlStandInPasswords[strings.ToLower(password)]
	}
	return false
}

// isPlainPlaceholder applies every placeholder test except the URL one.
func isPlainPlaceholder(v string) bool {
	if utf8.RuneCountInString(v) < 4 || isOneRuneRepeated(v) {
		return true
	}
	if wrapped(v, "<", ">") || wrapped(v, "${", "}") || wrapped(v, "{", "}") || wrapped(v, "%(", ")s") {
		return true
	}
	if shellVarRE.MatchString(v) || embeddedTemplateRE.MatchString(v) || hasJinja(v) {
		return true
	}
	if envNameRE.MatchString(v) && strings.ContainsAny(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		return true
	}
	return hasPlaceholderMarker(v) || isAlphabetRun(v)
}

// minAlphabetRun is the shortest run of consecutive letters isAlphabetRun
// accepts: shorter runs (`abcd`) are too plausible as real passwords.
const minAlphabetRun = 8

// isAlphabetRun reports whether v, after an optional short prefix such as
// `sk-` or `key_`, is a run of consecutive letters (`abcdefgh...`), the
// shape of a value made up for a test or an example.
func isAlphabetRun(v string) bool {
	if i := strings.IndexAny(v, "-_"); i >= 0 && i <= 4 {
		prefix := v[:i]
		for _, r := range prefix {
			if !isASCIIAlnum(r) {
				return false
			}
		}
		v = v[i+1:]
	}
	if len(v) < minAlphabetRun {
		return false
	}
	lower := strings.ToLower(v)
	for i := 0; i < len(lower); i++ {
		c := lower[i]
		if c < 'a' || c > 'z' || (i > 0 && c != lower[i-1]+1) {
			return false
		}
	}
	return true
}

// isASCIIAlnum reports whether r is an ASCII letter or digit.
func isASCIIAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// hasPlaceholderMarker reports whether s contains one of placeholderMarkers
// in any case.
func hasPlaceholderMarker(s string) bool {
	lower := strings.ToLower(s)
	for _, m := range placeholderMarkers {
		if strings.Contains(lower, m) {
			return true
		}
	}
	return false
}

// hasJinja reports whether s holds a Jinja expression or statement.
func hasJinja(s string) bool { return jinja.Has(s) }

// wrapped reports whether s starts with open and ends with a separate close.
func wrapped(s, open, close string) bool {
	return len(s) >= len(open)+len(close) && strings.HasPrefix(s, open) && strings.HasSuffix(s, close)
}

// isOneRuneRepeated reports whether s is non-empty and made of one rune.
func isOneRuneRepeated(s string) bool {
	first, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return false
	}
	for _, r := range s {
		if r != first {
			return false
		}
	}
	return true
}

// authorityEnd returns the length of the URL authority at the start of rest
// (the text after "://"): it ends at `/`, `?`, `#`, white space, a quote,
// a backslash or a backtick.
func authorityEnd(rest string) int {
	if i := strings.IndexAny(rest, "/?#'\"`\\ \t\r\n\f\v"); i >= 0 {
		return i
	}
	return len(rest)
}

// splitUserinfo splits the authority at the start of rest (the text after
// "://") into user and password. ok is false when the authority has no user
// information or no host after it; hasPassword is false for `user@host`.
func splitUserinfo(rest string) (user, password string, hasPassword, ok bool) {
	authority := rest[:authorityEnd(rest)]
	at := strings.LastIndexByte(authority, '@')
	if at < 0 || at == len(authority)-1 {
		return "", "", false, false
	}
	userinfo := authority[:at]
	user, password, hasPassword = strings.Cut(userinfo, ":")
	return user, password, hasPassword, true
}
