package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/lint"
)

// leakSecrets is one set of secrets for the attacker's fixture. Two sets
// that differ only in the characters Redact hides (same first characters,
// same lengths) must give the same fingerprints.
type leakSecrets struct {
	urlPassword   string // docker_url user information
	imageToken    string // an image's user information, a GitLab token
	imagePassword string // an image's URL user information on an example host
	keywordToken  string // a **{...} keyword name
	githubToken   string // a written keyword name
	connToken     string // a docker_conn_id
	hostPassword  string // a connection host's user information
	dbPassword    string // a password given to a secret-named variable
	diffToken     string // a token on a line --diff shows
	escapedToken  string // a token written with an escape (its tail)
	awsKey        string // the token DAG001 quotes
	anchor        string // a YAML alias naming a password
	configKey     string // a token used as a configuration key
	connPassword  string // conn_password in airflow_settings.yaml (DAG304)
	ecrPassword   string // an ECR connection's password in .env (DAG208, DAG304)
	extraToken    string // a secret-like key of a connection's extra (DAG304)
}

// Built by concatenation so that secret scanners do not flag this file.
var (
	leakA = leakSecrets{
		urlPassword:   "Hunt" + "3rPassw0rdZZ",
		imageToken:    "glpat-" + "Ab7Lm2Np9Rt4Vw8Yz3Cd",
		imagePassword: "Ima" + "g3Passw0rdKK",
		keywordToken:  "glpat-" + "Zz7Lm2Np9Rt4Vw8Yz3Ef",
		githubToken:   "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
		connToken:     "glpat-" + "Qk4Wm9Tr2Xs6Vb1Ny8Pd",
		hostPassword:  "Hunt" + "3rPassw0rdYY",
		dbPassword:    "Su" + "mmer2024!",
		diffToken:     "glpat-" + "Dj5Hq8Lz3Rc7Fw2Gt9Mb",
		escapedToken:  "lpat-" + "Ev6Ks1Yp4Nu9Bx3Qh7Wz",
		awsKey:        "AKIA" + "QX7ZR4LP2MN8VB3K",
		anchor:        "Anch" + "0rPassw0rdQQ",
		configKey:     "glpat-" + "Cr2Tm7Jd5Lw1Zq8Hs4Ka",
		connPassword:  "Conn" + "Pw7Lq2Zx9Rk4",
		ecrPassword:   "eyJ0" + "b2tlbiI6ImFhYSJ9",
		extraToken:    "xtra" + "Tk3Mn8Vb1Qw6",
	}
	// leakB has leakA's visible characters and lengths, other hidden ones.
	leakB = leakSecrets{
		urlPassword:   "Hunt" + "9xQwErTyUiOp",
		imageToken:    "glpat-" + "Xc5Vb6Nm7Kl8Jh9Gf0Ds",
		imagePassword: "Ima" + "QwErTyUiOp12",
		keywordToken:  "glpat-" + "Pp1Oo2Ii3Uu4Yy5Tt6Rr",
		githubToken:   "ghp_" + "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2",
		connToken:     "glpat-" + "Mm1Nn2Bb3Vv4Cc5Xx6Zz",
		hostPassword:  "Hunt" + "0pLmKoIjNbHu",
		dbPassword:    "Su" + "QwErTy12?",
		diffToken:     "glpat-" + "Ll1Kk2Jj3Hh4Gg5Ff6Dd",
		escapedToken:  "lpat-" + "Ss1Aa2Qq3Ww4Ee5Rr6Tt",
		awsKey:        "AKIA" + "ZZ9YY8XX7WW6VV5U",
		anchor:        "Anch" + "ZxCvBnMqWeRt",
		configKey:     "glpat-" + "Oo9Ii8Uu7Yy6Tt5Rr4Ee",
		connPassword:  "Conn" + "Qa1Ws2Ed3Rf4",
		ecrPassword:   "eyJ0" + "b2tlbiI6ImJiYiJ9",
		extraToken:    "xtra" + "Ab1Cd2Ef3Gh4",
	}
)

func (s leakSecrets) all() []string {
	return []string{s.urlPassword, s.imageToken, s.imagePassword, s.keywordToken, s.githubToken, s.connToken,
		s.hostPassword, s.dbPassword, s.diffToken, s.escapedToken, s.awsKey, s.anchor, s.configKey,
		s.connPassword, s.ecrPassword, s.extraToken}
}

// writeLeakyProject writes a project holding s in every place daglint
// could print a secret from: rule messages of every kind, lines a fix
// touches or shows as context, a connections file, a file that does not
// parse. It returns the project folder.
func writeLeakyProject(t *testing.T, dir string, s leakSecrets) string {
	t.Helper()
	writeFile(t, dir, ".daglint.yaml", "connections: [airflow_settings.yaml, .env]\n")
	writeFile(t, dir, "airflow_settings.yaml", `airflow:
  connections:
    - conn_id: gitlab
      conn_type: docker
      conn_host: https://ci:`+s.hostPassword+`@registry.gitlab.com
      conn_password: `+s.connPassword+`
    - conn_id: `+s.connToken+`
      conn_type: docker
      conn_host: ci:`+s.hostPassword+`@quay.io
    - conn_id: api
      conn_type: http
      conn_extra:
        api_token: `+s.extraToken+`
`)
	writeFile(t, dir, ".env", "AIRFLOW_CONN_ECR='docker://AWS:"+s.ecrPassword+"@123456789012.dkr.ecr.eu-west-1.amazonaws.com'\n")
	writeFile(t, dir, "dags/leaky.py", `import os
from airflow.providers.docker.operators.docker import DockerOperator

DB_PASSWORD = "`+s.dbPassword+`"  # noqa: DAG101
TOKEN = "`+s.diffToken+`"
ESCAPED = "\x67`+s.escapedToken+`"

DockerOperator(
    task_id="url",
    image="registry.gitlab.com/g/app:1.0",
    docker_conn_id="gitlab",
    docker_url="tcp://admin:`+s.urlPassword+`@dockerhost:2375",
    environment={"API_TOKEN": os.environ["API_TOKEN"]},
)
DockerOperator(
    task_id="image-token",
    image="oauth2:`+s.imageToken+`@registry.gitlab.com/g/app:1.0",
    **{"`+s.keywordToken+`": 1},
)
DockerOperator(
    task_id="image-url",
    image="https://user:`+s.imagePassword+`@registry.example.com/app:1.0",
    `+s.githubToken+`=1,
)
DockerOperator(task_id="conn", image="ghcr.io/acme/app:1.0", docker_conn_id="`+s.connToken+`")
`)
	writeFile(t, dir, "dags/broken.py", "f("+s.awsKey+"=1, "+s.awsKey+"=2)\nDB_PASSWORD = \""+s.dbPassword+"\"\n")
	return dir
}

// leakRun is one command's outputs: standard output, standard error and
// every file it wrote.
type leakRun struct {
	name   string
	args   []string
	files  []string
	stdout string
	stderr string
	code   int
}

// runInDir runs the command in dir (paths in outputs are relative to it).
func runInDir(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	t.Chdir(dir)
	return runCLI(t, args...)
}

// leakRuns runs every output path of daglint on the project: each format,
// --diff, --write-baseline.
func leakRuns(t *testing.T, dir string) []leakRun {
	t.Helper()
	var runs []leakRun
	for _, f := range []string{"text", "json", "sarif", "gitlab", "github"} {
		runs = append(runs, leakRun{name: f, args: []string{"check", "--format", f, "--output", "out." + f, "dags"}, files: []string{"out." + f}})
		runs = append(runs, leakRun{name: f + " on stdout", args: []string{"check", "--format", f, "dags"}})
	}
	runs = append(runs,
		leakRun{name: "diff", args: []string{"check", "--diff", "--unsafe-fixes", "dags"}},
		leakRun{name: "baseline", args: []string{"check", "--write-baseline", "baseline.json", "dags"}, files: []string{"baseline.json"}},
	)
	for i := range runs {
		r := &runs[i]
		r.stdout, r.stderr, r.code = runInDir(t, dir, r.args...)
		for _, f := range r.files {
			b, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatalf("%s: %v", r.name, err)
			}
			r.stdout += "\n" + f + ":\n" + string(b)
		}
		// SARIF names the folder it ran in.
		r.stdout = strings.ReplaceAll(r.stdout, filepath.ToSlash(dir), "ROOT")
	}
	return runs
}

// assertNoWindow fails when text shows any 8 consecutive characters of a
// secret.
func assertNoWindow(t *testing.T, name, text string, secrets []string) {
	t.Helper()
	for _, s := range secrets {
		for i := 0; i+8 <= len(s); i++ {
			if w := s[i : i+8]; strings.Contains(text, w) {
				line := text[strings.LastIndex(text[:strings.Index(text, w)], "\n")+1:]
				if nl := strings.IndexByte(line, '\n'); nl >= 0 {
					line = line[:nl]
				}
				t.Errorf("%s shows %q of a secret: %s", name, w, line)
				break
			}
		}
	}
}

// TestSecretsNeverPrintedWhole attacks daglint with a project holding known
// secrets in every place RULES.md names and checks that no output of any
// format, no --diff, no baseline and no error shows 8 consecutive
// characters of any of them.
func TestSecretsNeverPrintedWhole(t *testing.T) {
	dir := writeLeakyProject(t, t.TempDir(), leakA)
	runs := leakRuns(t, dir)
	for _, r := range runs {
		assertNoWindow(t, r.name+" stdout", r.stdout, leakA.all())
		assertNoWindow(t, r.name+" stderr", r.stderr, leakA.all())
	}
	// The findings must be there (redacted), or the test proves nothing.
	json := runs[2].stdout
	for _, want := range []string{
		`docker_url \"tcp://admin:Hunt…(16 chars)@dockerhost:2375\"`,
		`image \"<credentials>@registry.gitlab.com/g/app:1.0\"`,
		`image \"https://<credentials>@registry.example.com/app:1.0\"`,
		`no argument \"glpa…(26 chars)\"`,
		`no argument \"ghp_…(40 chars)\"`,
		`docker_conn_id \"glpa…(26 chars)\"`,
		`ci:hunt…(16 chars)@registry.gitlab.com`,
		`keyword argument repeated: AKIA... (20 characters)`,
		`connection \"gitlab\" has a literal conn_password`,
		`connection \"gitlab\" has a password in the user information of its conn_host`,
		`connection \"glpa…(26 chars)\" has a password in the user information of its conn_host`,
		`connection \"api\" has a literal value for the secret-like key \"conn_extra.api_token\"`,
		`connection \"ecr\" has a password in its URI's user information`,
		`docker connection \"ecr\" has a literal password for the ECR registry`,
	} {
		if !strings.Contains(json, want) {
			t.Errorf("json output lacks %s", want)
		}
	}
	// --fix prints a summary and what remains; the file gets the real bytes.
	stdout, stderr, _ := runInDir(t, dir, "check", "--fix", "--unsafe-fixes", "--format", "json", "dags")
	assertNoWindow(t, "--fix stdout", stdout, leakA.all())
	assertNoWindow(t, "--fix stderr", stderr, leakA.all())
	fixed, err := os.ReadFile(filepath.Join(dir, "dags", "leaky.py"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(fixed), `DB_PASSWORD = "`+leakA.dbPassword+`"`+"\n") || !strings.Contains(string(fixed), leakA.urlPassword) {
		t.Errorf("--fix did not keep the file's own bytes:\n%s", fixed)
	}
	// Standard input, as editors pass it.
	src, err := os.ReadFile(filepath.Join(dir, "dags", "broken.py"))
	if err != nil {
		t.Fatal(err)
	}
	var out, errb strings.Builder
	run([]string{"check", "--no-config", "--stdin-filename", "broken.py", "--format", "json", "-"}, strings.NewReader(string(src)), &out, &errb)
	if !strings.Contains(out.String(), "keyword argument repeated: AKIA... (20 characters)") {
		t.Errorf("standard input: no redacted DAG001 finding:\n%s", out.String())
	}
	assertNoWindow(t, "stdin stdout", out.String(), leakA.all())
	assertNoWindow(t, "stdin stderr", errb.String(), leakA.all())

	diff := runs[10].stdout
	for _, want := range []string{`-DB_PASSWORD = "Su…(11 chars)"  # noqa: DAG101`, `+DB_PASSWORD = "Su…(11 chars)"`, ` TOKEN = "glpa…(26 chars)"`, `private_environment=`} {
		if !strings.Contains(diff, want) {
			t.Errorf("--diff lacks %q:\n%s", want, diff)
		}
	}
}

// TestFingerprintsIgnoreHiddenCharacters writes the project twice with
// secrets that differ only in the characters Redact hides: every output
// must be byte for byte the same, fingerprints and baseline included.
func TestFingerprintsIgnoreHiddenCharacters(t *testing.T) {
	a := leakRuns(t, writeLeakyProject(t, t.TempDir(), leakA))
	b := leakRuns(t, writeLeakyProject(t, t.TempDir(), leakB))
	for i := range a {
		if a[i].stdout != b[i].stdout || a[i].code != b[i].code {
			t.Errorf("%s: output depends on hidden characters of the secrets", a[i].name)
		}
	}
	if !strings.Contains(a[len(a)-1].stdout, `"fingerprint"`) {
		t.Error("the baseline records no fingerprint: the test proves nothing")
	}
}

// TestErrorsNeverPrintSecrets feeds daglint configuration and connections
// files whose errors could echo a secret.
func TestErrorsNeverPrintSecrets(t *testing.T) {
	s := leakA
	tests := []struct {
		name  string
		files map[string]string
	}{
		{"token as configuration key", map[string]string{".daglint.yaml": "select: [DAG1]\n" + s.configKey + ": 1\n"}},
		{"token as rule", map[string]string{".daglint.yaml": "ignore: [" + s.configKey + "]\n"}},
		{"password as YAML alias in connections", map[string]string{
			".daglint.yaml":         "connections: [airflow_settings.yaml]\n",
			"airflow_settings.yaml": "airflow:\n  connections:\n    - conn_id: x\n      conn_password: *" + s.anchor + "\n",
		}},
		{"password as connection port", map[string]string{
			".daglint.yaml": "connections: [c.yaml]\n",
			"c.yaml":        "x:\n  conn_type: docker\n  port: " + s.anchor + "\n",
		}},
		{"password in pyproject", map[string]string{"pyproject.toml": "[tool.daglint]\nselect = *" + s.anchor + "\n"}},
		{"token in a baseline", map[string]string{"b.json": `{"version": 1, "findings": [{"rule": "` + s.configKey + `", "path": "a.py", "fingerprint": "00"}]}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tt.files {
				writeFile(t, dir, name, text)
			}
			writeFile(t, dir, "dag.py", "x = 1\n")
			args := []string{"check", "dag.py"}
			if _, ok := tt.files["b.json"]; ok {
				args = []string{"check", "--baseline", "b.json", "dag.py"}
			}
			stdout, stderr, code := runInDir(t, dir, args...)
			if code != exitUsage || !strings.Contains(stderr, ":") {
				t.Fatalf("exit %d, stderr %q: want a usage error naming the file", code, stderr)
			}
			assertNoWindow(t, "stderr", stderr, s.all())
			assertNoWindow(t, "stdout", stdout, s.all())
		})
	}
}

// TestFixErrorHidesSecrets: when a lint of a fixed version of a file fails
// (here a rule panics quoting the file), --fix reports the file as not
// fixed with the file's secrets hidden, as the report would show them.
func TestFixErrorHidesSecrets(t *testing.T) {
	const key = "AKIAZ7Q3RT5KX2M4PLWB"
	pinning := &analysis.Rule{ID: "DAG997", Name: "pin", Severity: analysis.Warning,
		Run: func(p *analysis.Pass) error {
			if i := strings.Index(string(p.File.Src), "latest"); i >= 0 {
				p.Report(analysis.Diagnostic{Start: i, End: i + len("latest"), Message: "pin", Fixes: []analysis.SuggestedFix{
					{Message: "pin", Applicability: analysis.Safe, Edits: []analysis.TextEdit{{Start: i, End: i + len("latest"), NewText: "3.12"}}},
				}})
			} else {
				panic("fixed text: " + string(p.File.Src))
			}
			return nil
		}}
	src := "import docker\nimage = \"python:latest\"\naws_key = \"" + key + "\"\n"
	opts := lint.Options{Rules: []*analysis.Rule{pinning}, KeepSource: true}
	results := []lint.Result{lint.Source("dag.py", []byte(src), opts)}
	var stdout, stderr strings.Builder
	applyFixes(&fixFlags{fix: true}, results, func(int) *lint.Options { return &opts }, &stdout, &stderr)
	if got := stderr.String(); !strings.Contains(got, "not fixed") || strings.Contains(got, key) {
		t.Errorf("stderr %q, want the file not fixed, without the key", got)
	}
}
