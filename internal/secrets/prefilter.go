package secrets

import (
	"bytes"
	"strings"
)

// needleKind says how a prefilter needle's hit is confirmed.
type needleKind uint8

const (
	// needlePlain: any occurrence counts.
	needlePlain needleKind = iota
	// needleWholeWord: the occurrence must not touch identifier characters
	// (the secret-like name `key`, not `keys` or `monkey`).
	needleWholeWord
	// needlePass: any occurrence counts except Python's `pass` statement.
	needlePass
	// needleURL: "://" counts when an '@' follows before white space.
	needleURL
	// needleSlackPath: "/T" and a capital or digit, which may start a Slack
	// webhook path (FindTokens finds one without its host). Only SecretHint
	// next to a secret-like word and MayContainToken count it.
	needleSlackPath
)

// needle is one case-insensitive prefilter pattern: lowercase ASCII, where
// '~' stands for one optional separator (`_`, `-`, `.` or a space).
type needle struct {
	pat  string
	kind needleKind
	word bool // one of the words that make a name secret-like
}

// prefilterTable indexes needles by their first two bytes, in every
// combination of ASCII case. The pair bit set (8 KiB) stays in the L1
// cache; the bucket table is read only on a pair hit.
type prefilterTable struct {
	lower   [256]byte
	pairs   [1 << 16 / 64]uint64 // bit b0<<8|b1 set: a needle starts with b0 b1
	bucket  [1 << 16]uint8       // 1 + index into buckets; 0 means no needle
	buckets [][]needle
}

// caseVariants returns b and, for an ASCII letter, its other case.
func caseVariants(b byte) []byte {
	switch {
	case b >= 'a' && b <= 'z':
		return []byte{b, b - ('a' - 'A')}
	case b >= 'A' && b <= 'Z':
		return []byte{b, b + ('a' - 'A')}
	}
	return []byte{b}
}

// prefilter is built once and only read afterwards.
var prefilter = buildPrefilter()

// prefilterNeedles lists what MayContainSecret looks for: every token prefix
// FindTokens knows, the URL and private key markers, and the words that make
// a name secret-like (IsSecretName, IsRegistryCredentialKey).
func prefilterNeedles() []needle {
	var ns []needle
	word := false
	add := func(kind needleKind, pats ...string) {
		for _, p := range pats {
			ns = append(ns, needle{pat: strings.ToLower(p), kind: kind, word: word})
		}
	}
	add(needlePlain, prefixed(gitlabKinds, "-")...)
	add(needlePlain, gitlabRunnerRegistrationPrefix)
	add(needlePlain, prefixed(githubKinds, "_")...)
	add(needlePlain, "github_pat_", "dckr_", "akia", "asia", "abia", "acca", "aiza", "xox",
		"hooks.slack", "private~key")
	add(needleURL, "://")
	add(needleSlackPath, "/t")
	word = true
	// Secret-like names: "pass" covers password, passwd and passphrase; "pw"
	// covers pwd; "auth" covers authtoken, auth key and DOCKER_AUTH_CONFIG.
	add(needlePlain, "pw", "token", "secret", "credential", "auth", "api~key", "access~key")
	add(needlePass, "pass")
	add(needleWholeWord, "key")
	return ns
}

// buildPrefilter builds the prefilter table from prefilterNeedles.
func buildPrefilter() *prefilterTable {
	t := &prefilterTable{}
	for i := range t.lower {
		b := byte(i)
		if b >= 'A' && b <= 'Z' {
			b += 'a' - 'A'
		}
		t.lower[i] = b
	}
	buckets := map[string]int{}
	for _, n := range prefilterNeedles() {
		pair := n.pat[:2]
		idx, ok := buckets[pair]
		if !ok {
			t.buckets = append(t.buckets, nil)
			idx = len(t.buckets) - 1
			buckets[pair] = idx
		}
		t.buckets[idx] = append(t.buckets[idx], n)
		for _, b0 := range caseVariants(pair[0]) {
			for _, b1 := range caseVariants(pair[1]) {
				k := uint16(b0)<<8 | uint16(b1)
				t.pairs[k/64] |= 1 << (k % 64)
				t.bucket[k] = uint8(idx + 1)
			}
		}
	}
	return t
}

// MayContainSecret is a fast, generous byte-level prefilter: it reports
// false only when src certainly holds nothing the secret rules could flag,
// so a file can skip parsing for them. It is true when src contains, in any
// case, a token prefix known to FindTokens (glpat-, ghp_, AKIA, xox, ...),
// "private key" (any separator), "://" with an '@' before the next white
// space, or a word that makes a name secret-like: pass (except the `pass`
// statement), pw, token, secret, credential, auth, api key, access key (any
// separator or none) or the whole word key.
//
// Values that reach a container only through an Airflow Variable are not
// covered unless one of these words appears.
func MayContainSecret(src []byte) bool { return scanNeedles(src, modeAny) != NoHint }

// Hint is what SecretHint finds in a source.
type Hint uint8

const (
	// NoHint: nothing the secret rules could flag (MayContainSecret false).
	NoHint Hint = iota
	// NameHint: only words that make a name secret-like. Whether a rule can
	// flag anything then depends on where they stand, which only the
	// tokens tell (the rules' token prefilters).
	NameHint
	// TokenHint: a token prefix, "private key" or a URL with user info, as
	// MayContainSecret looks for them, or secret-like words together with
	// what may start a Slack webhook path (which has no prefix of its own).
	TokenHint
)

// SecretHint is MayContainSecret told apart: NoHint when it is false,
// TokenHint when src holds a token prefix, "private key" or a URL with user
// info (or a secret-like word and "/T" with a capital or digit after it),
// NameHint when it holds only secret-like words.
func SecretHint(src []byte) Hint { return scanNeedles(src, modeHint) }

// MayContainToken reports whether text may hold a credential FindTokens
// finds: a token prefix, "private key" or a URL with user info, as
// MayContainSecret looks for them, or "/T" with a capital or digit after
// it (a Slack webhook path). Secret-like words do not count.
func MayContainToken(text []byte) bool { return scanNeedles(text, modeToken) == TokenHint }

// scanMode is what scanNeedles looks for.
type scanMode uint8

const (
	modeAny   scanMode = iota // any needle but the Slack path; the first hit decides
	modeHint                  // SecretHint
	modeToken                 // token needles and the Slack path; words do not count
)

// scanNeedles runs the prefilter table over src in one pass.
func scanNeedles(src []byte, mode scanMode) Hint {
	t := prefilter
	words, slack := false, false
	atNext, wsNext := -1, -1 // next '@' / white space at or after the last "://"
	for i := 0; i+1 < len(src); i++ {
		k := uint16(src[i])<<8 | uint16(src[i+1])
		if t.pairs[k/64]&(1<<(k%64)) == 0 {
			continue
		}
		for _, n := range t.buckets[t.bucket[k]-1] {
			if n.word && (words || mode == modeToken) {
				continue // already seen, or not wanted
			}
			end, ok := t.matchAt(src, i, n.pat)
			if !ok {
				continue
			}
			hit := false
			switch n.kind {
			case needlePlain:
				hit = true
			case needleWholeWord:
				hit = !isIdentByteAt(src, i-1) && !isIdentByteAt(src, end)
			case needlePass:
				hit = !isPassStatement(src, i, end)
			case needleURL:
				if atNext < end {
					atNext = indexFrom(src, end, func(s []byte) int { return bytes.IndexByte(s, '@') })
				}
				if wsNext < end {
					wsNext = indexFrom(src, end, func(s []byte) int { return bytes.IndexAny(s, " \t\r\n\f\v") })
				}
				hit = atNext < wsNext
			case needleSlackPath:
				slack = slack || src[i+1] == 'T' && end < len(src) && isUpperOrDigit(src[end])
				continue
			}
			switch {
			case !hit:
			case !n.word:
				return TokenHint
			case mode == modeAny:
				return NameHint
			default:
				words = true
			}
		}
	}
	switch {
	case mode == modeToken && slack, words && slack:
		return TokenHint
	case words:
		return NameHint
	}
	return NoHint
}

func isUpperOrDigit(b byte) bool { return b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' }

// indexFrom returns from+find(src[from:]), or len(src) when find reports -1.
// Callers only search again once they have passed the previous result, so a
// whole scan costs linear time.
func indexFrom(src []byte, from int, find func([]byte) int) int {
	if i := find(src[from:]); i >= 0 {
		return from + i
	}
	return len(src)
}

// matchAt reports whether needle pattern pat matches src at i, ignoring
// ASCII case, and where the match ends.
func (t *prefilterTable) matchAt(src []byte, i int, pat string) (end int, ok bool) {
	j := i
	for k := 0; k < len(pat); k++ {
		if pat[k] == '~' {
			if j < len(src) && isNameSeparator(src[j]) {
				j++
			}
			continue
		}
		if j >= len(src) || t.lower[src[j]] != pat[k] {
			return 0, false
		}
		j++
	}
	return j, true
}

// isNameSeparator reports whether b separates words in a name.
func isNameSeparator(b byte) bool {
	return b == '_' || b == '-' || b == '.' || b == ' '
}

// isIdentByteAt reports whether src[i] exists and is an ASCII identifier
// character.
func isIdentByteAt(src []byte, i int) bool {
	if i < 0 || i >= len(src) {
		return false
	}
	b := src[i]
	return b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b == '_'
}

// isPassStatement reports whether src[start:end] is Python's `pass`
// statement: the bare word followed, on its line, only by white space, a
// `;` or a comment.
func isPassStatement(src []byte, start, end int) bool {
	if isIdentByteAt(src, start-1) || isIdentByteAt(src, end) || string(src[start:end]) != "pass" {
		return false
	}
	for j := end; j < len(src); j++ {
		switch src[j] {
		case ' ', '\t':
			continue
		case '\n', '\r', ';', '#':
			return true
		default:
			return false
		}
	}
	return true
}
