package secrets

import (
	"slices"
	"sort"
	"strings"
	"testing"
)

// Test credentials are built by concatenation so that secret scanners do not
// flag this file; none of them is real.
const (
	b20     = "Zq8xR2mWkP4vT7yB1nLc"
	b36     = "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5"
	hex40   = "6a2ebf582d778fbabc413dfa97e0dfd6b4ce5c2e"
	pemBody = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n" +
		"VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n"
)

var (
	glpat     = "glpat" + "-" + b20
	ghp       = "ghp" + "_" + b36
	githubPat = "github" + "_pat_" + "11ABCDEFG0123456789abc" + "_" + "Xy9" + strings.Repeat("aB3dE5gH7j", 5) + "K9mN1pQ3sT5vW7"
	dckr      = "dckr" + "_pat_" + "Kx7mQ2vB9nR4tY1wE6uI3oP8aS5"
	aws       = "AKIA" + "Z3XQ7M4PLR2TWN6K"
	google    = "AIza" + "SyD4f8Gh2Jk6Lm0Nq3Rs7Tv1Wx5Yz9Ab2Cd"
	slackBot  = "xoxb" + "-123456789012-1234567890123-" + "AbCdEfGhIjKlMnOpQrStUvWx"
	webhook   = "https://hooks.slack.com/services/" + "T0A1B2C3D/B4E5F6G7H/" + "q8W2e4R6t8Y0u2I4o6P8a0S2"
	pemBlock  = "-----BEGIN RSA PRIVATE KEY-----\n" + pemBody + "-----END RSA PRIVATE KEY-----"
)

type wantMatch struct {
	kind   string
	secret string // text[Start:End]
}

func TestFindTokens(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []wantMatch
	}{
		// GitLab.
		{"glpat", glpat, []wantMatch{{"GitLab personal access token", glpat}}},
		{"glpat in assignment", `TOKEN = "` + glpat + `"`, []wantMatch{{"GitLab personal access token", glpat}}},
		{"glpat routable", "glpat-" + b20 + "Ab3_x-Q.01.0k2l9t3a5", []wantMatch{{"GitLab personal access token", "glpat-" + b20 + "Ab3_x-Q.01.0k2l9t3a5"}}},
		{"glpat instance prefix", "acme-" + glpat, []wantMatch{{"GitLab personal access token", glpat}}},
		{"gldt", "gldt-" + b20, []wantMatch{{"GitLab deploy token", "gldt-" + b20}}},
		{"glrt", "glrt-t1_" + b20, []wantMatch{{"GitLab runner authentication token", "glrt-t1_" + b20}}},
		{"glcbt", "glcbt-64_" + b20, []wantMatch{{"GitLab CI/CD job token", "glcbt-64_" + b20}}},
		{"gloas", "gloas-" + hex40, []wantMatch{{"GitLab OAuth application secret", "gloas-" + hex40}}},
		{"glptt", "glptt-" + hex40, []wantMatch{{"GitLab pipeline trigger token", "glptt-" + hex40}}},
		{"glsoat", "glsoat-" + b20, []wantMatch{{"GitLab SCIM token", "glsoat-" + b20}}},
		{"glffct", "glffct-" + b20, []wantMatch{{"GitLab feature flags client token", "glffct-" + b20}}},
		{"glimt", "glimt-" + b20 + "abcde", []wantMatch{{"GitLab incoming email token", "glimt-" + b20 + "abcde"}}},
		{"glagent", "glagent-" + b20 + "xyz", []wantMatch{{"GitLab agent for Kubernetes token", "glagent-" + b20 + "xyz"}}},
		{"glft", "glft-" + b20, []wantMatch{{"GitLab feed token", "glft-" + b20}}},
		{"glwt", "glwt-" + b20, []wantMatch{{"GitLab workspace token", "glwt-" + b20}}},
		{"runner registration", "GR1348941" + b20, []wantMatch{{"GitLab runner registration token", "GR1348941" + b20}}},
		{"glpat inside identifier", "myglpat-" + b20, nil},
		{"glpat too short", "glpat-Zq8xR2mWkP4v", nil},
		{"glpat all x", "glpat-xxxxxxxxxxxxxxxxxxxx", nil},
		{"glpat your token", "glpat-your-token-goes-here-now", nil},
		{"glpat overlong run", "glpat-" + strings.Repeat(b20, 30), nil},
		{"glpat prose", "tokens start with glpat- and are secret", nil},
		{"runner registration short", "GR1348941abc", nil},
		// GitHub.
		{"ghp", ghp, []wantMatch{{"GitHub personal access token", ghp}}},
		{"ghs", "ghs_" + b36, []wantMatch{{"GitHub server-to-server token", "ghs_" + b36}}},
		{"gho", "gho_" + b36, []wantMatch{{"GitHub OAuth access token", "gho_" + b36}}},
		{"github_pat", "GITHUB_PAT=" + githubPat, []wantMatch{{"GitHub fine-grained personal access token", githubPat}}},
		{"ghp prose", "a ghp_ prefix marks classic tokens", nil},
		{"ghp short", "ghp_abc123", nil},
		{"ghp inside identifier", "xghp_" + b36, nil},
		{"github_pat short", "github_pat_abc", nil},
		// Docker Hub.
		{"dckr_pat", dckr, []wantMatch{{"Docker Hub personal access token", dckr}}},
		{"dckr_pat short", "dckr_pat_short", nil},
		{"dckr_pat placeholder", "dckr_pat_XXXXXXXXXXXXXXXXXXXXXXXXXXX", nil},
		// AWS.
		{"aws", "aws_access_key_id=" + aws, []wantMatch{{"AWS access key ID", aws}}},
		{"aws asia", "ASIA" + "Z3XQ7M4PLR2TWN6K", []wantMatch{{"AWS access key ID", "ASIA" + "Z3XQ7M4PLR2TWN6K"}}},
		{"aws documented example", "AKIA" + "IOSFODNN7EXAMPLE", nil},
		{"aws too long", aws + "Q", nil},
		{"aws lowercase", "akia" + "z3xq7m4plr2twn6k", nil},
		{"aws inside word", "XAKIA" + "Z3XQ7M4PLR2TWN6K", nil},
		// Google.
		{"google", `key="` + google + `"`, []wantMatch{{"Google API key", google}}},
		{"google at end", google, []wantMatch{{"Google API key", google}}},
		{"google then dot", google + ".", []wantMatch{{"Google API key", google}}},
		{"google too short", "AIzaSyD4f8Gh2Jk6", nil},
		{"google too long", google + "x", nil},
		// Slack.
		{"slack bot", slackBot, []wantMatch{{"Slack bot token", slackBot}}},
		{"slack user", "xoxp-1234-5678-9012-" + hex40[:32], []wantMatch{{"Slack user token", "xoxp-1234-5678-9012-" + hex40[:32]}}},
		{"slack placeholder", "xoxb-your-bot-token-here", nil},
		{"slack xs", "xoxb-XXXXXXXXXXXX-XXXXXXXXXXXXX", nil},
		{"webhook", `url = "` + webhook + `"`, []wantMatch{{"Slack webhook URL", "q8W2e4R6t8Y0u2I4o6P8a0S2"}}},
		{"webhook placeholder", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", nil},
		{"webhook base", "https://hooks.slack.com/services/", nil},
		{"webhook path", `password = "/T0A1B2C3D/B4E5F6G7H/q8W2e4R6t8Y0u2I4o6P8a0S2"`, []wantMatch{{"Slack webhook path", "q8W2e4R6t8Y0u2I4o6P8a0S2"}}},
		{"webhook path placeholder", "/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", nil},
		{"a file path", "/Tmp/Build/report-2024-final-version-xx", nil},
		// Private keys.
		{"pem", "key = \"\"\"" + pemBlock + "\"\"\"", []wantMatch{{"private key", pemBlock}}},
		{"pem no end", "-----BEGIN PRIVATE KEY-----\n" + pemBody, []wantMatch{{"private key", "-----BEGIN PRIVATE KEY-----\n" + strings.TrimRight(pemBody, "\n")}}},
		{"pem escaped", `"-----BEGIN OPENSSH PRIVATE KEY-----\n` + strings.ReplaceAll(pemBody, "\n", `\n`) + `-----END OPENSSH PRIVATE KEY-----"`,
			[]wantMatch{{"private key", `-----BEGIN OPENSSH PRIVATE KEY-----\n` + strings.ReplaceAll(pemBody, "\n", `\n`) + `-----END OPENSSH PRIVATE KEY-----`}}},
		{"pem header only", `if pem.startswith("-----BEGIN RSA PRIVATE KEY-----"):`, nil},
		{"pem dots", "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----", nil},
		{"public key", "-----BEGIN PUBLIC KEY-----\n" + pemBody + "-----END PUBLIC KEY-----", nil},
		// URLs with passwords.
		{"url password", "postgres://app:s3cr3tpw@db.internal:5432/app", []wantMatch{{"password in URL", "s3cr3tpw"}}},
		{"url empty user", "redis://:Tr0ub4dor@cache:6379/0", []wantMatch{{"password in URL", "Tr0ub4dor"}}},
		{"url password with at", "https://bot:p@ss!word9@gitlab.internal/g/r.git", []wantMatch{{"password in URL", "p@ss!word9"}}},
		{"url with gitlab token", "https://oauth2:" + glpat + "@gitlab.com/g/r.git", []wantMatch{{"GitLab personal access token", glpat}}},
		{"two urls", "a://u:Kx7mQ2vB@h b://v:Yt5nW3cZ@k", []wantMatch{{"password in URL", "Kx7mQ2vB"}, {"password in URL", "Yt5nW3cZ"}}},
		{"url empty password", "postgres://app:@db/app", nil},
		{"url env password", "postgres://app:${PASS}@db/app", nil},
		{"url jinja password", "postgres://app:{{ conn.pg.password }}@db/app", nil},
		{"url jinja password no spaces", "postgres://app:{{conn.pg.password}}@db/app", nil},
		{"url stand-in password", "postgresql://user:password@localhost/db", nil},
		{"url angle password", "https://user:<token>@gitlab.com", nil},
		{"url example host", "https://user:s3cr3tpw@db.example.com", nil},
		{"url user only", "https://ci-bot@gitlab.com/g/r.git", nil},
		{"url no userinfo", "https://gitlab.com/api/v4?x=a:b@c", nil},
		{"email after url", "see https://gitlab.com/x mail me@host", nil},
		// Several formats in one text, sorted by offset.
		{"mixed", "# " + aws + " and " + ghp, []wantMatch{{"AWS access key ID", aws}, {"GitHub personal access token", ghp}}},
		{"nothing", "def f(x):\n    return x + 1\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FindTokens(tt.text)
			if len(got) != len(tt.want) {
				t.Fatalf("FindTokens(%q) = %+v, want %d matches %+v", tt.text, got, len(tt.want), tt.want)
			}
			for i, m := range got {
				if m.Kind != tt.want[i].kind || tt.text[m.Start:m.End] != tt.want[i].secret {
					t.Errorf("match %d = %q %q, want %q %q", i, m.Kind, tt.text[m.Start:m.End], tt.want[i].kind, tt.want[i].secret)
				}
			}
			if !MayContainSecret([]byte(tt.text)) && len(tt.want) > 0 {
				t.Errorf("MayContainSecret(%q) = false for a text FindTokens flags", tt.text)
			}
			if !MayContainToken([]byte(tt.text)) && len(tt.want) > 0 {
				t.Errorf("MayContainToken(%q) = false for a text FindTokens flags: a file parsed only for a marker would not have it redacted", tt.text)
			}
		})
	}
}

func TestFindTokensAdversarial(t *testing.T) {
	// Long runs of markers must stay fast (the test would time out on
	// quadratic work) and yield only well-formed matches.
	for _, s := range []string{
		strings.Repeat("://", 100000),
		strings.Repeat("a://b:", 50000) + "@",
		strings.Repeat("-----BEGIN PRIVATE KEY-----", 5000),
		strings.Repeat("glpat-", 50000),
		strings.Repeat(strings.Repeat("glpat-", 80)+" ", 600),
		strings.Repeat("AKIA", 100000),
		strings.Repeat("xoxb-1-", 50000),
	} {
		for _, m := range FindTokens(s) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End {
				t.Fatalf("bad match %+v", m)
			}
		}
	}
}

func TestFindTokensPrivateKeyPairs(t *testing.T) {
	// Two complete blocks in one text are two matches; a header without data
	// before a complete block does not swallow it.
	two := pemBlock + "\n\n" + pemBlock
	got := FindTokens(two)
	if len(got) != 2 || two[got[0].Start:got[0].End] != pemBlock || two[got[1].Start:got[1].End] != pemBlock {
		t.Fatalf("FindTokens(two blocks) = %+v", got)
	}
	lone := "-----BEGIN PRIVATE KEY-----\n" + pemBlock
	got = FindTokens(lone)
	if len(got) != 1 || lone[got[0].Start:got[0].End] != pemBlock {
		t.Fatalf("FindTokens(lone header + block) = %+v", got)
	}
}

// TestHasAnchor checks FindTokens' one-pass gate: every keyword of every
// detector opens it, wherever it sits in a text, and a text with none of
// them keeps it shut (so FindTokens returns nil without running a detector).
func TestHasAnchor(t *testing.T) {
	n := 0
	for _, d := range detectors {
		for _, kw := range d.keywords {
			n++
			if len(kw) < 2 {
				t.Errorf("keyword %q: the search skips by byte pairs, so keywords need two bytes", kw)
			}
			for _, text := range []string{kw, "x " + kw, kw + " y", "a-b:c/" + kw + "/d"} {
				if !hasAnchor(text) {
					t.Errorf("hasAnchor(%q) = false, want true (keyword %q)", text, kw)
				}
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d keywords: the detectors lost theirs", n)
	}
	for _, text := range []string{"", "key: str", `row["token"] = auth_header()`, "a/b-c:d", "gl pat-", "AKI A", ":/ /"} {
		if hasAnchor(text) {
			t.Errorf("hasAnchor(%q) = true, want false", text)
		}
	}
}

// TestFindTokensGate checks that the gate never hides a match: on every
// test text, the detectors run without it find exactly what FindTokens does.
func TestFindTokensGate(t *testing.T) {
	texts := []string{glpat, ghp, githubPat, dckr, aws, google, slackBot, webhook, pemBlock,
		"postgres://app:s3cr3tpw@db/app", "acme-" + glpat, "https://oauth2:" + glpat + "@gitlab.com",
		"-----BEGIN PRIVATE KEY-----\n" + pemBody, "plain text", ""}
	for _, text := range texts {
		var raw int
		for _, d := range detectors {
			d.find(text, func(Match) { raw++ })
		}
		if got := len(FindTokens(text)); (got > 0) != (raw > 0) {
			t.Errorf("%q: FindTokens found %d, the detectors alone %d", text, got, raw)
		}
		if raw > 0 && !hasAnchor(text) {
			t.Errorf("%q: detectors match but hasAnchor is false", text)
		}
	}
}

// findTokensReference is FindTokens as each detector's own find function
// sees it, one search per keyword and no gate: what the one-pass search
// must reproduce.
func findTokensReference(text string) []Match {
	type found struct {
		m   Match
		pri int
	}
	var all []found
	for pri, d := range detectors {
		d.find(text, func(m Match) { all = append(all, found{m, pri}) })
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].m.Start != all[j].m.Start {
			return all[i].m.Start < all[j].m.Start
		}
		return all[i].pri < all[j].pri
	})
	var out []Match
	for _, f := range all {
		if n := len(out); n > 0 && f.m.Start < out[n-1].End {
			continue
		}
		out = append(out, f.m)
	}
	return out
}

// TestFindTokensOnePass compares FindTokens with the reference on texts
// that put several formats, repeated and overlapping keywords and word
// boundaries side by side.
func TestFindTokensOnePass(t *testing.T) {
	if numRegexKeywords > maxRegexKeywords {
		t.Fatalf("%d regex keywords, findAnchored has room for %d", numRegexKeywords, maxRegexKeywords)
	}
	parts := []string{glpat, ghp, githubPat, dckr, aws, google, slackBot, webhook, pemBlock,
		"postgres://app:s3cr3tpw@db/app", "acme-" + glpat, "glpat-glpat-" + glpat[6:], "xoxoxb-1-abcdefghijklmnop",
		"AKIAAKIA" + aws[4:], "/T/T" + webhook[len("https://hooks.slack.com/services"):], "my" + ghp, "_" + aws,
		"plain text ", " ", "\n", "-----BEGIN ", "://", "gl", "x"}
	texts := append([]string(nil), parts...)
	for i, a := range parts {
		for j, b := range parts {
			texts = append(texts, a+b, a+" "+b+" "+parts[(i*7+j)%len(parts)])
		}
	}
	for _, text := range texts {
		got, want := FindTokens(text), findTokensReference(text)
		if !slices.Equal(got, want) {
			t.Fatalf("FindTokens(%q) = %+v, the reference %+v", text, got, want)
		}
	}
}
