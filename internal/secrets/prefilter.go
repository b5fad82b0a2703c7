package secrets

import (
	"bytes"
	"strings"
	"sync"
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
	// needleMarker: a caller's marker (Prefilter), matched with its case;
	// any occurrence counts, as a token needle's does.
	needleMarker
)

// needle is one case-insensitive prefilter pattern: lowercase ASCII, where
// '~' stands for one optional separator (`_`, `-`, `.` or a space); a
// marker's pattern is its bytes as they must appear.
type needle struct {
	pat  string
	kind needleKind
	word bool // one of the words that make a name secret-like
}

// prefilterTable indexes needles by the two bytes they start with, in
// every combination of ASCII case (a marker's only as it is written). One
// byte per pair says whether a needle starts there (and which bucket holds
// it): the bytes of ordinary text stay in a few cache lines of it, and a
// pair that starts nothing costs one look-up.
type prefilterTable struct {
	lower   [256]byte
	bucket  [1 << 16]uint8 // by b0<<8|b1: 1 + index into buckets; 0 means no needle
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

// prefilter is built on first use and only read afterwards (a command that
// lints nothing never builds it).
var prefilter = sync.OnceValue(func() *prefilterTable { return buildPrefilter(nil) })

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

// buildPrefilter builds the prefilter table from prefilterNeedles and
// markers, needles of kind needleMarker.
func buildPrefilter(markers [][]byte) *prefilterTable {
	t := &prefilterTable{}
	for i := range t.lower {
		b := byte(i)
		if b >= 'A' && b <= 'Z' {
			b += 'a' - 'A'
		}
		t.lower[i] = b
	}
	add := func(k uint16, n needle) {
		if t.bucket[k] == 0 {
			if len(t.buckets) == 255 {
				panic("secrets: too many prefilter needle pairs")
			}
			t.buckets = append(t.buckets, nil)
			t.bucket[k] = uint8(len(t.buckets))
		}
		idx := t.bucket[k] - 1
		t.buckets[idx] = append(t.buckets[idx], n)
	}
	for _, n := range prefilterNeedles() {
		for _, b0 := range caseVariants(n.pat[0]) {
			for _, b1 := range caseVariants(n.pat[1]) {
				add(uint16(b0)<<8|uint16(b1), n)
			}
		}
	}
	for _, m := range markers {
		if len(m) < 2 {
			panic("secrets: a prefilter marker needs two bytes or more")
		}
		add(uint16(m[0])<<8|uint16(m[1]), needle{pat: string(m), kind: needleMarker})
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
func MayContainSecret(src []byte) bool {
	h, _ := scanNeedles(prefilter(), src, modeAny)
	return h != NoHint
}

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
func SecretHint(src []byte) Hint {
	h, _ := scanNeedles(prefilter(), src, modeHint)
	return h
}

// MayContainToken reports whether text may hold a credential FindTokens
// finds: a token prefix, "private key" or a URL with user info, as
// MayContainSecret looks for them, or "/T" with a capital or digit after
// it (a Slack webhook path). Secret-like words do not count.
func MayContainToken(text []byte) bool {
	h, _ := scanNeedles(prefilter(), text, modeToken)
	return h == TokenHint
}

// Prefilter is SecretHint together with a search for a caller's own
// markers, in the same pass over the bytes: for a driver that parses a
// file when it holds a marker (an operator's name) just as when it may
// hold a credential, so that a file with neither is read once, not once
// per marker and once for the secrets.
type Prefilter struct{ t func() *prefilterTable }

// NewPrefilter returns the Prefilter of markers: byte strings of two bytes
// or more, matched as they are written (not ignoring case). Its tables are
// built on first use.
func NewPrefilter(markers [][]byte) *Prefilter {
	return &Prefilter{t: sync.OnceValue(func() *prefilterTable { return buildPrefilter(markers) })}
}

// Hint is SecretHint(src), except that it is TokenHint whenever src
// contains one of the markers.
func (p *Prefilter) Hint(src []byte) Hint {
	h, _ := scanNeedles(p.t(), src, modeHint)
	return h
}

// HintToken is Hint(src) together with MayContainToken(src), in the same
// pass: a driver that parses a file for a marker still learns whether its
// source can hold a credential FindTokens finds, and need not search it
// for them when it cannot. The scan goes on past a marker (where Hint
// stops) until it meets a token needle or the end.
func (p *Prefilter) HintToken(src []byte) (hint Hint, mayToken bool) {
	return scanNeedles(p.t(), src, modeBoth)
}

// scanMode is what scanNeedles looks for.
type scanMode uint8

const (
	modeAny   scanMode = iota // any needle but the Slack path; the first hit decides
	modeHint                  // SecretHint
	modeToken                 // token needles and the Slack path; words do not count
	modeBoth                  // modeHint, and also whether modeToken would say TokenHint
)

// scanNeedles runs the prefilter table t over src in one pass. Its second
// result, only in modeBoth, is what modeToken would report (a token
// needle or the Slack path seen); a marker then decides the hint without
// ending the scan.
func scanNeedles(t *prefilterTable, src []byte, mode scanMode) (Hint, bool) {
	words, slack, marked := false, false, false
	atNext, wsNext := -1, -1 // next '@' / white space at or after the last "://"
	for j := 1; j < len(src); j++ {
		// j is the second byte of the pair, so one bounds check serves both.
		b := t.bucket[uint16(src[j-1])<<8|uint16(src[j])]
		if b == 0 {
			continue
		}
		i := j - 1
		for _, n := range t.buckets[b-1] {
			if n.word && (words || marked || mode == modeToken) || n.kind == needleMarker && marked {
				continue // already seen, not wanted, or decided by a marker
			}
			end, ok := t.matchAt(src, i, n)
			if !ok {
				continue
			}
			hit := false
			switch n.kind {
			case needlePlain, needleMarker:
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
			case n.kind == needleMarker && mode == modeBoth:
				marked = true
			case !n.word:
				return TokenHint, true
			case mode == modeAny:
				return NameHint, false
			default:
				words = true
			}
		}
	}
	switch {
	case marked, mode == modeToken && slack, words && slack:
		return TokenHint, slack
	case words:
		return NameHint, slack
	}
	return NoHint, slack
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

// matchAt reports whether needle n matches src at i, ignoring ASCII case
// unless n is a marker, and where the match ends.
func (t *prefilterTable) matchAt(src []byte, i int, n needle) (end int, ok bool) {
	if n.kind == needleMarker {
		if !bytes.HasPrefix(src[i:], []byte(n.pat)) {
			return 0, false
		}
		return i + len(n.pat), true
	}
	pat := n.pat
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
