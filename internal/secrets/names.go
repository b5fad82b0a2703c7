package secrets

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/daglint/daglint/internal/lazyre"
)

// Words splits an identifier-like name into lowercase words. Any rune that
// is neither a letter nor a digit separates words (so `_`, `-`, `.` and
// spaces do), and so do camelCase boundaries: a lowercase letter or digit
// followed by an uppercase letter, and the last capital of an acronym that
// starts a new capitalised word. Digits stay with the word they follow.
//
//	Words("gitlabToken")  == []string{"gitlab", "token"}
//	Words("AWSSecretKey") == []string{"aws", "secret", "key"}
//	Words("OTRS_PW")      == []string{"otrs", "pw"}
//	Words("APIKEY")       == []string{"apikey"}
//
// A name without letters or digits yields nil.
func Words(name string) []string {
	var buf [8]span
	spans := wordSpans(buf[:0], name)
	if len(spans) == 0 {
		return nil
	}
	words := make([]string, len(spans))
	for i, w := range spans {
		words[i] = strings.ToLower(name[w.start:w.end])
	}
	return words
}

// span is a word of a name: its bytes name[start:end].
type span struct{ start, end int }

// wordSpans appends to spans the words of name as Words splits them, as
// byte ranges of name (each made of letters and digits only), and returns
// the result.
func wordSpans(spans []span, name string) []span {
	start := -1
	var prev rune
	for i, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if start >= 0 {
				spans = append(spans, span{start, i})
			}
			start, prev = -1, r
			continue
		}
		switch {
		case start < 0:
			start = i
		case !unicode.IsUpper(r):
		case unicode.IsLower(prev) || unicode.IsDigit(prev):
			// "gitlabToken", "v2Token": a capital after lowercase or a digit.
			spans = append(spans, span{start, i})
			start = i
		case unicode.IsUpper(prev) && lowerNext(name[i+utf8.RuneLen(r):]):
			// "AWSSecret": the last capital of an acronym begins the next word.
			spans = append(spans, span{start, i})
			start = i
		}
		prev = r
	}
	if start >= 0 {
		spans = append(spans, span{start, len(name)})
	}
	return spans
}

// lowerNext reports whether rest starts with a lowercase letter.
func lowerNext(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsLower(r)
}

// appendLower appends word lowercased as strings.ToLower does it.
func appendLower(dst []byte, word string) []byte {
	for i := 0; i < len(word); i++ {
		if word[i] >= utf8.RuneSelf {
			for _, r := range word {
				dst = utf8.AppendRune(dst, unicode.ToLower(r))
			}
			return dst
		}
	}
	for i := 0; i < len(word); i++ {
		c := word[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// hasSuffix and hasPrefix are strings.HasSuffix and HasPrefix on bytes,
// without converting them.
func hasSuffix(b []byte, s string) bool { return len(b) >= len(s) && string(b[len(b)-len(s):]) == s }
func hasPrefix(b []byte, s string) bool { return len(b) >= len(s) && string(b[:len(s)]) == s }

// secretLastWords are the words that make a name secret-like when they are
// its last word (RULES.md "Secret-like name"; `pw` added because the
// definition's own example OTRS_PW is secret-like).
var secretLastWords = map[string]bool{
	"password": true, "passwd": true, "pwd": true, "pw": true, "pass": true,
	"passphrase": true, "secret": true, "token": true,
	"credential": true, "credentials": true,
}

// secretLastPairs are the two-word endings that make a name secret-like.
var secretLastPairs = map[string]bool{
	"api key": true, "access key": true, "secret key": true,
	"private key": true, "auth key": true, "client secret": true,
}

// secretCompounds are the same pairs written as one word (`APIKEY`).
var secretCompounds = map[string]bool{
	"apikey": true, "accesskey": true, "secretkey": true,
	"privatekey": true, "authkey": true,
}

// secretSuffixes make a one-word compound secret-like when it ends with them
// (`authtoken`, `dbpassword`, `clientsecret`). The short forms pass, pwd and
// pw are deliberately absent: bypass, compass and the like are not secrets.
var secretSuffixes = []string{"password", "passwd", "passphrase", "secret", "token"}

// IsSecretName reports whether name is a secret-like name as defined in
// RULES.md: its last word (per Words) is password, passwd, pwd, pw, pass,
// passphrase, secret, token, credential or credentials; or its last two
// words are api key, access key, secret key, private key, auth key or client
// secret; or it is one of those written as one word (`apikey`) or a single
// word ending in password, passwd, passphrase, secret or token
// (`authtoken`); or the whole name is `key`.
//
// Trailing digits are ignored (`DB_PASSWORD_2`, `token2`). The exact
// uppercase names `PWD` and `OLDPWD` are not secret-like: they are the shell's
// working-directory variables.
func IsSecretName(name string) bool {
	if !maySecretName(name) {
		return false
	}
	var buf [8]span
	return secretWords(name, wordSpans(buf[:0], name))
}

// maySecretName is IsSecretName's rejections that need no words: PWD and
// OLDPWD, and mayBeSecretName.
func maySecretName(name string) bool {
	return name != "PWD" && name != "OLDPWD" && mayBeSecretName(name)
}

// secretWords is IsSecretName's test on words, the words of name
// (wordSpans). It builds no strings: the words are ranges of name,
// lowercased into buffers.
func secretWords(name string, words []span) bool {
	for len(words) > 0 && strings.Trim(word(name, words[len(words)-1]), "0123456789") == "" {
		words = words[:len(words)-1]
	}
	if len(words) == 0 {
		return false
	}
	// Trailing ASCII digits are the same before and after lowercasing.
	var lastBuf [32]byte
	last := appendLower(lastBuf[:0], strings.TrimRight(word(name, words[len(words)-1]), "0123456789"))
	if len(words) == 1 && string(last) == "key" {
		return true
	}
	if secretLastWords[string(last)] || secretCompounds[string(last)] {
		return true
	}
	if len(words) >= 2 {
		var pairBuf [64]byte
		pair := appendLower(pairBuf[:0], word(name, words[len(words)-2]))
		pair = append(append(pair, ' '), last...)
		if secretLastPairs[string(pair)] {
			return true
		}
	}
	for _, s := range secretSuffixes {
		if hasSuffix(last, s) {
			return true
		}
	}
	return false
}

// word returns the text of a word of name.
func word(name string, w span) string { return name[w.start:w.end] }

// secretNameParts are strings every secret-like name contains, in some
// case: each word and pair IsSecretName accepts holds one of them.
var secretNameParts = []string{"pass", "pw", "secret", "token", "credential", "key"}

// partsByFirst are secretNameParts by their first letter, so that
// mayBeSecretName reads a name once, whatever the number of parts. It is a
// literal the linker lays out, not a table filled in package
// initialisation; a test checks it against secretNameParts.
var partsByFirst = [256][]string{
	'c': {"credential"}, 'k': {"key"}, 'p': {"pass", "pw"}, 's': {"secret"}, 't': {"token"},
}

// mayBeSecretName is IsSecretName's quick rejection: an ASCII name holding
// none of secretNameParts in any case is not secret-like, and most names
// are such, so they cost no split into words. A name with other bytes is
// left to the full test (Unicode case folding can turn them into ASCII
// letters). It reads the name once: at each byte, only the parts starting
// with that letter are tried.
func mayBeSecretName(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 0x80 {
			return true
		}
		for _, p := range partsByFirst[c|0x20] {
			if hasPrefixFoldASCII(name[i:], p) {
				return true
			}
		}
	}
	return false
}

// hasPrefixFoldASCII reports whether s starts with lower, a lowercase ASCII
// string, in any ASCII case.
func hasPrefixFoldASCII(s, lower string) bool {
	if len(s) < len(lower) {
		return false
	}
	for j := 0; j < len(lower); j++ {
		if s[j]|0x20 != lower[j] {
			return false
		}
	}
	return true
}

// registryWords name a container registry; a secret-like name containing one
// of them (or a word starting with one, like `dockerhub`) is a registry
// credential.
var registryWords = []string{"docker", "registry", "gitlab", "ghcr", "harbor", "quay"}

// registryKeys are registry credentials whatever their words say, compared
// after normalising through Words.
var registryKeys = map[string]bool{
	"ci_job_token":       true,
	"docker_auth_config": true,
}

// IsRegistryCredentialKey reports whether name is a registry credential key
// (RULES.md, DAG201): a secret-like name (IsSecretName) with a word that is,
// or starts with, docker, registry, gitlab, ghcr, harbor or quay, or that is
// ecr (`CI_REGISTRY_PASSWORD`, `GITLAB_TOKEN`, `DOCKERHUB_TOKEN`,
// `ECR_PASSWORD`); or the name CI_JOB_TOKEN or DOCKER_AUTH_CONFIG in any case
// or word style (`ciJobToken`).
func IsRegistryCredentialKey(name string) bool {
	var buf [8]span
	words := wordSpans(buf[:0], name)
	var joinedBuf [64]byte
	joined := joinedBuf[:0]
	for i, w := range words {
		if i > 0 {
			joined = append(joined, '_')
		}
		joined = appendLower(joined, word(name, w))
	}
	if registryKeys[string(joined)] {
		return true
	}
	if !maySecretName(name) || !secretWords(name, words) { // IsSecretName, on the words split above
		return false
	}
	for _, w := range words {
		var lowBuf [32]byte
		low := appendLower(lowBuf[:0], word(name, w))
		if string(low) == "ecr" {
			return true
		}
		for _, r := range registryWords {
			if hasPrefix(low, r) {
				return true
			}
		}
	}
	return false
}

// nameOnlyRE matches words of letters joined by `_`, `.` or `-`.
var nameOnlyRE = lazyre.New(`^[A-Za-z]+(?:[_.-][A-Za-z]+)*$`)

// NamesASecret reports whether a value only names a secret instead of being
// one: letters-only words whose name is secret-like (`password`,
// `gitlab-token`, `db_password`). Such a value in a password field is a
// stand-in, and hiding it would garble every message that says "password".
func NamesASecret(value string) bool {
	v := strings.TrimSpace(value)
	return nameOnlyRE.MatchString(v) && IsSecretName(v)
}
