package lint_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/pyparse"
	"github.com/daglint/daglint/internal/rules"
	"github.com/daglint/daglint/internal/secrets"
)

// Secrets of the tests below, built by concatenation so that secret
// scanners do not flag this file.
const (
	plainPassword = "Summer" + "2024!"
	urlPassword   = "Hunt3r" + "Passw0rdZZ"
	gitlabToken   = "glpat-" + "Ab7Lm2Np9Rt4Vw8Yz3Cd"
)

// leakySource holds a secret in each kind of place: a password given to a
// secret-named variable, a token (also written with an escape and split by
// an implicit concatenation) and a URL password.
const leakySource = `
DB_PASSWORD = "` + plainPassword + `"
TOKEN = "` + gitlabToken + `"
ESCAPED = "\x67lpat-Zb7Lm2Np9Rt4Vw8Yz3Cd"
SPLIT = ("glpat-Yb7Lm2"  # the rest follows
         "Np9Rt4Vw8Yz3Cd")
URL = "tcp://admin:` + urlPassword + `@dockerhost:2375"
PLAIN = "hello world"
`

// leakySecrets are the secrets of leakySource in every spelling it holds.
var leakySecrets = []string{
	plainPassword, gitlabToken, urlPassword,
	"glpat-Zb7Lm2Np9Rt4Vw8Yz3Cd", `\x67lpat-Zb7Lm2Np9Rt4Vw8Yz3Cd`,
	"glpat-Yb7Lm2Np9Rt4Vw8Yz3Cd", "Np9Rt4Vw8Yz3Cd",
}

// quoteEverything is a careless rule: it quotes every string literal of
// the file, decoded and as written, in its message, a related location, a
// fix message and a fix's new text. The driver must hide every secret.
var quoteEverything = &analysis.Rule{
	ID: "DAG900", Name: "quote-everything", Severity: analysis.Warning,
	Run: func(pass *analysis.Pass) error {
		pyparse.InspectFile(pass.File, func(n pyparse.Node) bool {
			s, ok := n.(*pyparse.Str)
			if !ok {
				return true
			}
			v, _ := s.Value()
			raw := string(pass.File.Src[s.Start:s.End])
			pass.Report(analysis.Diagnostic{
				Start: s.Start, End: s.End,
				Message: fmt.Sprintf("value %q written %s", v, raw),
				Related: []analysis.RelatedLocation{{Start: s.Start, End: s.End, Message: "see " + v}},
				Fixes: []analysis.SuggestedFix{
					{Message: "replace " + v, Edits: []analysis.TextEdit{{Start: s.Start, End: s.End, NewText: `"x"`}}},
					{Message: "copy it", Edits: []analysis.TextEdit{{Start: s.End, End: s.End, NewText: " + " + raw}}},
				},
			})
			return true
		})
		return nil
	},
	// It reports in any file, so every file with a secret-like word is
	// parsed for it.
	Prefilter: func(*pyparse.Tokens) bool { return true },
}

// secretRules returns the registry's rules that find secrets.
func secretRules() []*analysis.Rule {
	var out []*analysis.Rule
	for _, r := range rules.All {
		if r.Secret {
			out = append(out, r)
		}
	}
	return out
}

// windows returns every 8-byte window of each secret: showing any of them
// shows too much.
func windows(secrets []string) []string {
	var out []string
	for _, s := range secrets {
		for i := 0; i+8 <= len(s); i++ {
			out = append(out, s[i:i+8])
		}
	}
	return out
}

// TestDriverRedactsEveryRule runs a rule that quotes every literal, with the
// secret rules switched off: the driver still knows the secrets and hides
// them in every text of every finding, and drops the fix that would print
// one.
func TestDriverRedactsEveryRule(t *testing.T) {
	opts := lint.Options{Rules: []*analysis.Rule{quoteEverything}, SecretRules: secretRules()}
	res := lint.Source("leaky.py", []byte(leakySource), opts)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	findings, _ := lint.Findings([]lint.Result{res}, opts.Rules)
	if len(findings) < 6 {
		t.Fatalf("got %d findings, want one per literal", len(findings))
	}
	var texts []string
	plain := false
	for _, f := range findings {
		texts = append(texts, f.Message)
		for _, r := range f.Related {
			texts = append(texts, r.Message)
		}
		copies := false
		for _, fx := range f.Fixes {
			texts = append(texts, fx.Message)
			for _, e := range fx.Edits {
				texts = append(texts, e.NewText)
				copies = copies || strings.HasPrefix(e.NewText, " + ")
			}
		}
		if strings.Contains(f.Message, `"hello world"`) {
			plain = true
			if !copies {
				t.Errorf("the fix copying a harmless literal was dropped: %+v", f.Fixes)
			}
		} else if copies {
			t.Errorf("%s: a fix copying a secret literal was kept", f.Message)
		}
	}
	if !plain {
		t.Error("the harmless literal is not quoted whole: the test proves nothing")
	}
	all := strings.Join(texts, "\n")
	for _, w := range windows(leakySecrets) {
		if strings.Contains(all, w) {
			t.Errorf("output shows %q of a secret:\n%s", w, all)
			break
		}
	}
	if !strings.Contains(all, `tcp://admin:Hunt…(16 chars)@dockerhost:2375`) {
		t.Errorf("the URL is not shown with only its password hidden:\n%s", all)
	}
}

// TestDriverHidesTokensPastAMarker: a file parsed for an operator's name
// near its top still has the tokens further down hidden (the prefilter
// goes on looking for them past the name), and one without tokens has
// nothing hidden. No Secret rule runs, so only the token search hides.
func TestDriverHidesTokensPastAMarker(t *testing.T) {
	opts := lint.Options{Rules: []*analysis.Rule{quoteEverything}, SecretRules: []*analysis.Rule{}}
	head := "from airflow.providers.docker.operators.docker import DockerOperator\n" +
		strings.Repeat("x = 1\n", 200)
	for _, c := range []struct {
		name, tail, text string
		hidden           bool
	}{
		{"in a string", "T = \"" + gitlabToken + "\"\n", gitlabToken, true},
		{"in a comment", "# " + gitlabToken + "\nT = \"t\"\n", gitlabToken, true},
		{"no token", "T = \"glpat-short\"\n", "glpat-short", false},
	} {
		res := lint.Source("marked.py", []byte(head+c.tail), opts)
		if res.Err != nil || !res.Parsed || res.Redactor == nil {
			t.Fatalf("%s: parsed %v, %v", c.name, res.Parsed, res.Err)
		}
		if hidden := res.Redactor.Redact(c.text) != c.text; hidden != c.hidden {
			t.Errorf("%s: %q hidden %v, want %v", c.name, c.text, hidden, c.hidden)
		}
		findings, _ := lint.Findings([]lint.Result{res}, opts.Rules)
		if len(findings) != 1 {
			t.Fatalf("%s: %d findings, want one", c.name, len(findings))
		}
		if shown := strings.Contains(findings[0].Message, c.text); shown == c.hidden && c.name != "in a comment" {
			t.Errorf("%s: %q shown %v in %q", c.name, c.text, shown, findings[0].Message)
		}
	}
}

// TestFingerprintHidesSecrets checks RULES.md: at a location holding a
// secret the fingerprint is computed on the redacted text, so it does not
// change when only hidden characters do, and no dictionary recovers the
// secret from it.
func TestFingerprintHidesSecrets(t *testing.T) {
	fingerprints := fingerprintsByLine
	const tmpl = "from airflow.providers.docker.operators.docker import DockerOperator\n" +
		"DB_PASSWORD = %q\n" +
		"TOKEN = %q\n" +
		"DockerOperator(task_id=\"t\", image=\"python:3.11\", docker_url=%q)\n"
	src := func(pw, token, url string) string {
		return fmt.Sprintf(tmpl, pw, token, "tcp://admin:"+url+"@dockerhost:2375")
	}
	base := fingerprints(src(plainPassword, gitlabToken, urlPassword))
	if len(base) < 4 {
		t.Fatalf("want findings for the password, the token and the URL (twice), got %v", base)
	}
	// Same first characters and length, other hidden characters.
	same := fingerprints(src("Su"+"nny19999?", "glpa"+"t-Qq9Zz8Yy7Xx6Ww5Vv4Uu", "Hunt"+"XXXXyyyyzzzz"))
	for k, fp := range base {
		if same[k] != fp {
			t.Errorf("%s: fingerprint changed with hidden characters only (%s -> %s)", k, fp, same[k])
		}
	}
	// A different length is a different secret text.
	longer := fingerprints(src(plainPassword+"x", gitlabToken, urlPassword))
	if longer["DAG302@2"] == base["DAG302@2"] {
		t.Error("the fingerprint ignores the secret's length")
	}
	// A dictionary attack on the baseline's fingerprint: hashing each
	// candidate as the location's text must never give it.
	for _, guess := range []string{"password", "changeme", "Winter2023!", plainPassword, "letmein", "hunter2"} {
		fp := lint.Fingerprint("DAG302", "dags/etl.py", fmt.Sprintf("%q", guess), 0)
		if fp == base["DAG302@2"] {
			t.Errorf("the fingerprint is the hash of the secret %q", guess)
		}
	}
}

// TestFingerprintHidesLoginPassword: a DAG305 finding's location is the
// whole command, so its fingerprint must not be a hash of the password that
// `docker login -p` is given there.
func TestFingerprintHidesLoginPassword(t *testing.T) {
	fingerprints := func(pw string) map[string]string {
		src := "from airflow.operators.bash import BashOperator\n" +
			"BashOperator(task_id=\"a\", bash_command=\"docker login -u ci -p" + pw + " registry.example.com\")\n" +
			"BashOperator(task_id=\"b\", bash_command=\"docker login -u ci --password " + pw + " registry.example.com\")\n"
		return fingerprintsByLine(src)
	}
	base := fingerprints("S3cr" + "3tValue99")
	if base["DAG305@2"] == "" || base["DAG305@3"] == "" {
		t.Fatalf("want DAG305 on lines 2 and 3, got %v", base)
	}
	same := fingerprints("S3cr" + "XXXXXyyyy")
	for k, fp := range base {
		if same[k] != fp {
			t.Errorf("%s: fingerprint changed with hidden characters only (%s -> %s)", k, fp, same[k])
		}
	}
}

// fingerprintsByLine lints src with every rule and returns the fingerprint
// of each finding by "ruleID@line".
func fingerprintsByLine(src string) map[string]string {
	res := lint.Source("dags/etl.py", []byte(src), allRulesOptions())
	findings, _ := lint.Findings([]lint.Result{res}, rules.All)
	out := map[string]string{}
	for _, f := range findings {
		out[f.RuleID+"@"+fmt.Sprint(f.Start.Line)] = f.Fingerprint
	}
	return out
}

// TestRedactionGrowsLinearly lints files with N and 2N secrets, each quoted
// by a finding: redacting every message with every secret of the file must
// cost about twice as much for twice the secrets, not four times.
func TestRedactionGrowsLinearly(t *testing.T) {
	opts := lint.Options{Rules: []*analysis.Rule{quoteEverything}, SecretRules: secretRules()}
	source := func(n int) []byte {
		var b strings.Builder
		for i := 0; i < n; i++ {
			// Long and short secrets, so both ways of matching are used.
			fmt.Fprintf(&b, "P%d_PASSWORD = \"Xq%07dLmZ!\"\nS%d_PASSWORD = \"k%04d\"\n", i, i, i, i%10000)
		}
		return []byte(b.String())
	}
	run := func(src []byte) int64 {
		before := secrets.RedactWork()
		res := lint.Source("many.py", src, opts)
		if res.Err != nil || len(res.Diagnostics) == 0 {
			t.Fatalf("no findings: %v", res.Err)
		}
		return secrets.RedactWork() - before
	}
	const n = 2500
	small, large := source(n), source(2*n)
	res := lint.Source("many.py", large, opts)
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "LmZ!") {
			t.Fatalf("a secret is not hidden: %s", d.Message)
		}
	}
	// The bytes redaction examines: a Redactor whose every message is
	// matched against every secret of the file would grow four times.
	c1, c2 := run(small), run(large)
	ratio := float64(c2) / float64(c1)
	if ratio > 2.5 {
		t.Errorf("cost(2N)/cost(N) = %.2f (%d / %d bytes examined), want near 2", ratio, c2, c1)
	}
	t.Logf("cost(2N)/cost(N) = %.2f (%d / %d bytes examined)", ratio, c2, c1)
}

// TestPanicHidesSecrets: a rule that panics quoting the file leaves an
// error whose message hides the file's secrets, whatever their shape.
func TestPanicHidesSecrets(t *testing.T) {
	panicky := &analysis.Rule{ID: "DAG996", Name: "panics", Severity: analysis.Warning,
		Run: func(p *analysis.Pass) error { panic("cannot read: " + string(p.File.Src)) }}
	opts := lint.Options{Rules: append([]*analysis.Rule{panicky}, rules.All...)}
	res := lint.Source("leaky.py", []byte("import docker\n"+leakySource), opts)
	msg := res.ErrMessage()
	if !strings.Contains(msg, "internal error") || !strings.Contains(msg, "PLAIN") {
		t.Fatalf("error %q, want an internal error quoting the file", msg)
	}
	for _, s := range []string{plainPassword, gitlabToken, urlPassword} {
		if strings.Contains(msg, s) {
			t.Errorf("error message shows %q: %q", s, msg)
		}
	}
}
