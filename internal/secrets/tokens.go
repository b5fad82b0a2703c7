package secrets

import (
	"regexp"
	"sort"
	"strings"

	"github.com/daglint/daglint/internal/lazyre"
)

// Match is one credential found by FindTokens.
type Match struct {
	// Kind names the credential format, such as "GitLab personal access
	// token"; it is meant for messages.
	Kind string
	// Start and End are the half-open byte offsets, within the text given to
	// FindTokens, of the part that must never be shown: the whole token, the
	// whole private key block, the password of a `scheme://user:password@host`
	// URL, or the secret last path segment of a Slack webhook URL.
	Start, End int
}

// gitlabKinds maps each documented GitLab token prefix (without its dash) to
// the token's name. GR1348941 runner registration tokens are handled apart
// because they have no dash.
var gitlabKinds = map[string]string{
	"glpat":   "GitLab personal access token",
	"gldt":    "GitLab deploy token",
	"glrt":    "GitLab runner authentication token",
	"glcbt":   "GitLab CI/CD job token",
	"glptt":   "GitLab pipeline trigger token",
	"glft":    "GitLab feed token",
	"glimt":   "GitLab incoming email token",
	"glagent": "GitLab agent for Kubernetes token",
	"glsoat":  "GitLab SCIM token",
	"glffct":  "GitLab feature flags client token",
	"gloas":   "GitLab OAuth application secret",
	"glwt":    "GitLab workspace token",
}

// gitlabRunnerRegistrationPrefix starts GitLab runner registration tokens.
const gitlabRunnerRegistrationPrefix = "GR1348941"

// githubKinds maps GitHub's classic token prefixes to the token's name.
var githubKinds = map[string]string{
	"ghp": "GitHub personal access token",
	"gho": "GitHub OAuth access token",
	"ghu": "GitHub user-to-server token",
	"ghs": "GitHub server-to-server token",
	"ghr": "GitHub refresh token",
}

// slackKinds maps the letter after "xox" to the Slack token's name.
var slackKinds = map[string]string{
	"b": "Slack bot token",
	"p": "Slack user token",
	"a": "Slack workspace access token",
	"r": "Slack refresh token",
	"s": "Slack session token",
}

// Kinds that callers may want to tell apart (the others are only named in
// messages).
const (
	// KindPrivateKey is a PEM private key block.
	KindPrivateKey = "private key"
	// KindURLPassword is the password of a `scheme://user:password@host` URL.
	KindURLPassword = "password in URL"
)

const (
	kindGitHubFineGrained = "GitHub fine-grained personal access token"
	kindDockerHub         = "Docker Hub personal access token"
	kindAWS               = "AWS access key ID"
	kindGoogle            = "Google API key"
	kindSlackWebhook      = "Slack webhook URL"
	kindSlackWebhookPath  = "Slack webhook path"
	kindGitLabRunnerReg   = "GitLab runner registration token"
)

// keysOf returns the keys of m, sorted.
func keysOf(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Each pattern is anchored: it is tried only where one of its detector's
// keywords occurs, after checking that the keyword starts a word (so
// `myglpat-...` does not match). Group 1 is the variant that names the kind
// (or empty, or unused), group 2 the random part checked by looksRandom.
// The patterns are compiled on first use: a run that meets no keyword
// (and `daglint version`) does not pay for them at start-up.
var (
	gitlabRE = lazyre.New(`^(?:(` + strings.Join(keysOf(gitlabKinds), "|") + `)-|` +
		gitlabRunnerRegistrationPrefix + `)([0-9A-Za-z_-]{20,300})(?:\.[0-9A-Za-z]{2,12}){0,2}`).Get
	githubRE       = lazyre.New(`^(gh[pousr])_([0-9A-Za-z]{36,251})\b`).Get
	githubFineRE   = lazyre.New(`^(github_pat_)([0-9A-Za-z]{20,30}_[0-9A-Za-z]{50,70})\b`).Get
	dockerHubRE    = lazyre.New(`^(dckr_pat_)([0-9A-Za-z_-]{20,200})`).Get
	awsRE          = lazyre.New(`^(AKIA|ASIA|ABIA|ACCA)([0-9A-Z]{16})\b`).Get
	googleRE       = lazyre.New(`^(AIza)([0-9A-Za-z_-]{35})(?:[^0-9A-Za-z_-]|$)`).Get
	slackTokenRE   = lazyre.New(`^xox([abprs])-([0-9]{1,20}-[0-9A-Za-z-]{14,200})`).Get
	slackWebhookRE = lazyre.New(`^https://hooks\.slack\.com/services/(T[0-9A-Za-z]{6,12}/B[0-9A-Za-z]{6,12})/([0-9A-Za-z]{20,40})\b`).Get
	// slackPathRE is a webhook's path alone, as an Airflow Slack connection
	// keeps it in its password (host https://hooks.slack.com/services).
	slackPathRE  = lazyre.New(`^/(T[0-9A-Z]{6,12}/B[0-9A-Z]{6,12})/([0-9A-Za-z]{20,40})\b`).Get
	privateKeyRE = lazyre.New(`^-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----`).Get
)

// maxCandidate bounds the length of any match of the patterns above.
const maxCandidate = 512

// detector finds one family of formats in text and emits each match. A
// detector first looks for the literal strings its candidates start with,
// so text without them costs one strings.Index per string.
type detector func(text string, emit func(Match))

// forEachWordStart calls f with the offset of every occurrence of one of
// keywords in text that starts a word (is not preceded by a letter, digit
// or underscore). f returns where the search for that keyword resumes,
// which lets it skip the rest of a run it has examined; each keyword is
// found with strings.Index.
func forEachWordStart(text string, keywords []string, f func(pos int) (resume int)) {
	for _, kw := range keywords {
		for from := 0; from < len(text); {
			i := strings.Index(text[from:], kw)
			if i < 0 {
				break
			}
			pos := from + i
			from = pos + len(kw)
			if !isWordByteAt(text, pos-1) {
				from = max(from, f(pos))
			}
		}
	}
}

// tokenRunEnd returns the end of the run of token bytes starting at pos.
func tokenRunEnd(text string, pos int) int {
	for pos < len(text) && isTokenByte(text[pos]) {
		pos++
	}
	return pos
}

// isWordByteAt reports whether text[i] exists and is an ASCII letter, digit
// or underscore.
func isWordByteAt(text string, i int) bool {
	if i < 0 || i >= len(text) {
		return false
	}
	b := text[i]
	return b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b == '_'
}

// regexDetector builds a detector from an anchored pattern laid out as
// described above. kind names the match from group 1; if secretGroup is 2
// only the random part is the secret, otherwise the whole match is.
func regexDetector(re func() *regexp.Regexp, keywords []string, secretGroup int, kind func(variant string) string) detector {
	at := regexAt(re, secretGroup, kind)
	return func(text string, emit func(Match)) {
		forEachWordStart(text, keywords, func(pos int) int { return at(text, pos, emit) })
	}
}

// regexAt examines the candidate at pos, where one of a regex detector's
// keywords starts a word, and returns where the search for that keyword
// resumes.
func regexAt(re func() *regexp.Regexp, secretGroup int, kind func(variant string) string) func(text string, pos int, emit func(Match)) int {
	return func(text string, pos int, emit func(Match)) int {
		// Later hits inside this run of token bytes are covered by
		// this one (`glpat-glpat-...`), so each run is examined once.
		runEnd := tokenRunEnd(text, pos)
		if runEnd-pos >= maxCandidate {
			// Longer than any real token: not a credential.
			return runEnd
		}
		// Every pattern's match is shorter than maxCandidate, so a
		// window bounds the work per run.
		m := re().FindStringSubmatchIndex(text[pos:min(len(text), pos+maxCandidate)])
		if m == nil {
			return runEnd
		}
		end := pos + trimDelimiter(text[pos:], m[4], m[1])
		if end < len(text) && isTokenByte(text[end]) {
			// The run goes on beyond the token's format.
			return runEnd
		}
		variant := ""
		if m[2] >= 0 {
			variant = text[pos+m[2] : pos+m[3]]
		}
		if !looksRandom(text[pos+m[4] : pos+m[5]]) {
			return runEnd
		}
		start := pos + m[0]
		if secretGroup == 2 {
			start, end = pos+m[4], pos+m[5]
		}
		emit(Match{Kind: kind(variant), Start: start, End: end})
		return runEnd
	}
}

// trimDelimiter drops from text[bodyStart:end] a trailing character that a
// pattern consumed only as a delimiter (googleRE consumes the character
// after the key): a secret always ends with a token character.
func trimDelimiter(text string, bodyStart, end int) int {
	for end > bodyStart && !isTokenByte(text[end-1]) {
		end--
	}
	return end
}

// isTokenByte reports whether b may appear in the random part of a token.
func isTokenByte(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b == '_' || b == '-'
}

// constKind returns a kind function that always names k.
func constKind(k string) func(string) string {
	return func(string) string { return k }
}

// prefixed returns the keywords p+sep for each key of m.
func prefixed(m map[string]string, sep string) []string {
	var out []string
	for _, k := range keysOf(m) {
		out = append(out, k+sep)
	}
	return out
}

// A detectorSpec is a detector with the literal strings its candidates
// start with: no match of the detector can begin anywhere else.
type detectorSpec struct {
	find     detector
	keywords []string
	// at, for a regex detector, examines one candidate (see regexAt), so
	// that FindTokens can find the keywords of all of them in one pass.
	at func(text string, pos int, emit func(Match)) int
}

// regexSpec is a regexDetector together with its keywords.
func regexSpec(re func() *regexp.Regexp, keywords []string, secretGroup int, kind func(variant string) string) detectorSpec {
	return detectorSpec{regexDetector(re, keywords, secretGroup, kind), keywords, regexAt(re, secretGroup, kind)}
}

// detectors are tried in order; when matches overlap, the earliest start
// wins and, at the same start, the earlier detector.
var detectors = []detectorSpec{
	regexSpec(gitlabRE, append(prefixed(gitlabKinds, "-"), gitlabRunnerRegistrationPrefix), 0,
		func(v string) string {
			if v == "" {
				return kindGitLabRunnerReg
			}
			return gitlabKinds[v]
		}),
	regexSpec(githubFineRE, []string{"github_pat_"}, 0, constKind(kindGitHubFineGrained)),
	regexSpec(githubRE, prefixed(githubKinds, "_"), 0, func(v string) string { return githubKinds[v] }),
	regexSpec(dockerHubRE, []string{"dckr_pat_"}, 0, constKind(kindDockerHub)),
	regexSpec(awsRE, []string{"AKIA", "ASIA", "ABIA", "ACCA"}, 0, constKind(kindAWS)),
	regexSpec(googleRE, []string{"AIza"}, 0, constKind(kindGoogle)),
	regexSpec(slackTokenRE, []string{"xox"}, 0, func(v string) string { return slackKinds[v] }),
	regexSpec(slackWebhookRE, []string{"https://hooks.slack.com/"}, 2, constKind(kindSlackWebhook)),
	regexSpec(slackPathRE, []string{"/T"}, 2, constKind(kindSlackWebhookPath)),
	{findPrivateKeys, []string{"-----BEGIN "}, nil},
	{findURLPasswords, []string{"://"}, nil},
}

// anchor is one keyword of a regex detector, for the one-pass search.
type anchor struct {
	kw  string
	det int // index in detectors
	id  int // index among all regex keywords, for its resume offset
}

// regexAnchors (each regex detector's keywords by first byte, with
// numRegexKeywords counting them), anchors (every detector's keywords by
// first byte) and keywordPairs (a bit for each keyword's first two bytes)
// are static tables in tokens_gen.go, which a test derives from detectors
// and compares: built in package initialisation they cost every start of
// the binary, whether or not it reads any text.

// findAnchored runs every regex detector over text in one pass: at each
// byte, the keywords starting with it are tried. Per keyword it is the
// search forEachWordStart makes (occurrences in order, each from where
// the last one left off), so it emits what the detectors' own find
// functions emit, with the detector's index.
func findAnchored(text string, emit func(pri int, m Match)) {
	var resume [maxRegexKeywords]int
	for i := 0; i+1 < len(text); i++ {
		if !mayStartKeyword(text[i], text[i+1]) {
			continue
		}
		for _, a := range regexAnchors[text[i]] {
			if i < resume[a.id] || !strings.HasPrefix(text[i:], a.kw) {
				continue
			}
			resume[a.id] = i + len(a.kw)
			if !isWordByteAt(text, i-1) {
				det := a.det
				resume[a.id] = max(resume[a.id], detectors[det].at(text, i, func(m Match) { emit(det, m) }))
			}
		}
	}
}

// maxRegexKeywords bounds numRegexKeywords (a test checks it), so the
// resume offsets of findAnchored live on its stack.
const maxRegexKeywords = 48

// mayStartKeyword reports whether a keyword may start with the bytes a, b.
func mayStartKeyword(a, b byte) bool { return keywordPairs[a][b>>6]&(1<<(b&63)) != 0 }

// hasAnchor reports whether text contains a keyword of some detector: one
// pass over the bytes, so the many short texts of a file (each string
// literal and comment) that hold none cost one loop each instead of a
// search per keyword.
func hasAnchor(text string) bool {
	for i := 0; i+1 < len(text); i++ {
		if !mayStartKeyword(text[i], text[i+1]) {
			continue
		}
		for _, kw := range anchors[text[i]] {
			if strings.HasPrefix(text[i:], kw) {
				return true
			}
		}
	}
	return false
}

// FindTokens returns the credentials in known formats that text holds
// (RULES.md DAG301), sorted by Start, without overlaps:
//   - GitLab tokens: glpat-, gldt-, glrt-, glcbt-, glptt-, glft-, glimt-,
//     glagent-, glsoat-, glffct-, gloas-, glwt- followed by at least 20 of
//     [0-9A-Za-z_-] (with an optional routable `.xx` suffix), also after a
//     custom instance prefix (`acme-glpat-...`), and GR1348941 runner
//     registration tokens;
//   - GitHub ghp_, gho_, ghu_, ghs_, ghr_ (36 or more alphanumerics) and
//     github_pat_ fine-grained tokens;
//   - Docker Hub dckr_pat_ tokens;
//   - AWS access key IDs (AKIA, ASIA, ABIA, ACCA and 16 capitals or digits);
//   - Google API keys (AIza and 35 characters);
//   - Slack xoxb-, xoxp-, xoxa-, xoxr-, xoxs- tokens and
//     https://hooks.slack.com/services/T…/B…/… webhook URLs;
//   - PEM private key blocks (`-----BEGIN … PRIVATE KEY-----` with key data);
//   - `scheme://user:password@host` URLs whose password is neither empty nor
//     a placeholder (IsPlaceholder) nor a stand-in word such as `password`.
//
// A prefix must start a word, so `myglpat-…` does not match. A candidate whose
// random part has fewer than 5 distinct characters (`xxxx…`) or contains a
// placeholder word (`AKIAIOSFODNN7EXAMPLE`) is not a match, nor is a URL
// containing one (`user:s3cret@db.example.com`).
func FindTokens(text string) []Match {
	type found struct {
		m   Match
		pri int
	}
	if !hasAnchor(text) {
		return nil
	}
	var all []found
	findAnchored(text, func(pri int, m Match) { all = append(all, found{m, pri}) })
	for pri, d := range detectors {
		if d.at == nil {
			d.find(text, func(m Match) { all = append(all, found{m, pri}) })
		}
	}
	if len(all) == 0 {
		return nil
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].m.Start != all[j].m.Start {
			return all[i].m.Start < all[j].m.Start
		}
		return all[i].pri < all[j].pri
	})
	out := make([]Match, 0, len(all))
	for _, f := range all {
		if n := len(out); n > 0 && f.m.Start < out[n-1].End {
			continue
		}
		out = append(out, f.m)
	}
	return out
}

// looksRandom reports whether body could be the random part of a real
// credential: at least 5 distinct characters and no placeholder word.
func looksRandom(body string) bool {
	var seen [256]bool
	distinct := 0
	for i := 0; i < len(body) && distinct < 5; i++ {
		if !seen[body[i]] {
			seen[body[i]] = true
			distinct++
		}
	}
	return distinct >= 5 && !hasPlaceholderMarker(body)
}

// maxPrivateKeyBlock bounds how far after a BEGIN line the END line is
// looked for.
const maxPrivateKeyBlock = 64 << 10

// maxPEMLabel bounds the label of an END line ("RSA PRIVATE KEY").
const maxPEMLabel = 64

// minPrivateKeyData is the least number of base64 characters a block needs
// to count as holding a key rather than a "..." illustration.
const minPrivateKeyData = 40

// findPrivateKeys reports PEM private key blocks that carry key data. The
// block runs to the end of its END line or, when there is none (a key split
// over several literals), over the key data that follows the header.
func findPrivateKeys(text string, emit func(Match)) {
	nextEnd := -1 // offset of the first "-----END " at or after the last header
	var headers [][2]int
	for from := 0; ; {
		i := strings.Index(text[from:], "-----BEGIN ")
		if i < 0 {
			break
		}
		pos := from + i
		if m := privateKeyRE().FindStringIndex(text[pos:min(len(text), pos+maxCandidate)]); m != nil {
			headers = append(headers, [2]int{pos, pos + m[1]})
			from = pos + m[1]
		} else {
			from = pos + len("-----BEGIN ")
		}
	}
	for k, h := range headers {
		start, bodyStart := h[0], h[1]
		limit := min(len(text), bodyStart+maxPrivateKeyBlock)
		if k+1 < len(headers) {
			// A block never spans the next header, so bodies are disjoint.
			limit = min(limit, headers[k+1][0])
		}
		if nextEnd < bodyStart {
			// Headers come in order, so each search starts past the last
			// result and the whole loop stays linear.
			nextEnd = len(text)
			if i := strings.Index(text[bodyStart:], "-----END "); i >= 0 {
				nextEnd = bodyStart + i
			}
		}
		var body string
		end := -1
		if nextEnd < limit {
			body = text[bodyStart:nextEnd]
			after := nextEnd + len("-----END ")
			if j := strings.Index(text[after:min(after+maxPEMLabel, len(text))], "-----"); j >= 0 {
				end = after + j + len("-----")
			} else {
				end = after
			}
		} else {
			n := 0
			for bodyStart+n < limit && isKeyDataByte(text[bodyStart+n]) {
				n++
			}
			body = strings.TrimRight(text[bodyStart:bodyStart+n], " \t\r\n\\")
			end = bodyStart + len(body)
		}
		data := 0
		for i := 0; i < len(body); i++ {
			if isBase64Byte(body[i]) {
				data++
			}
		}
		if data < minPrivateKeyData || !looksRandom(body) {
			continue
		}
		emit(Match{Kind: KindPrivateKey, Start: start, End: end})
	}
}

// isBase64Byte reports whether b belongs to the base64 alphabet.
func isBase64Byte(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b == '+' || b == '/' || b == '='
}

// isKeyDataByte reports whether b may appear in PEM key data as written in
// source: base64, white space and the backslash of a `\n` escape.
func isKeyDataByte(b byte) bool {
	return isBase64Byte(b) || b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\\'
}

// urlStandInPasswords are passwords in URLs that only illustrate where the
// password goes (`postgres://user:password@localhost/db`).
var urlStandInPasswords = map[string]bool{
	"password": true, "passwd": true, "pass": true, "pwd": true, "pw": true,
	"secret": true, "token": true,
}

// findURLPasswords reports the password of each `scheme://user:password@host`
// URL unless it is empty, a placeholder or a stand-in word, or the URL
// contains a placeholder word.
func findURLPasswords(text string, emit func(Match)) {
	for from := 0; ; {
		i := strings.Index(text[from:], "://")
		if i < 0 {
			return
		}
		sep := from + i
		from = sep + len("://")
		// The scheme is the run of scheme characters before "://", from its
		// first letter; runs before different "://" never overlap.
		start := sep
		for start > 0 && isSchemeByte(text[start-1]) {
			start--
		}
		for start < sep && !isASCIILetter(text[start]) {
			start++
		}
		if start == sep {
			continue
		}
		rest := text[from:]
		user, password, hasPassword, ok := splitUserinfo(rest)
		if !ok || !hasPassword || password == "" {
			continue
		}
		if isPlainPlaceholder(password) || urlStandInPasswords[strings.ToLower(password)] {
			continue
		}
		if hasPlaceholderMarker(text[start : from+authorityEnd(rest)]) {
			continue
		}
		pw := from + len(user) + 1
		emit(Match{Kind: KindURLPassword, Start: pw, End: pw + len(password)})
	}
}

// isASCIILetter reports whether b is an ASCII letter.
func isASCIILetter(b byte) bool {
	return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z'
}

// isSchemeByte reports whether b may appear in a URL scheme.
func isSchemeByte(b byte) bool {
	return isASCIILetter(b) || b >= '0' && b <= '9' || b == '+' || b == '-' || b == '.'
}
