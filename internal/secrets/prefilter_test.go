package secrets

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMayContainSecret(t *testing.T) {
	yes := []string{
		`x = "https://bot:Kx7mQ2vB@gitlab.internal/g/r.git"`,
		"# -----BEGIN EC PRIVATE KEY-----",
		`conf = {"pass": "x"}`,
		"DB_PASS = os.environ['X']",
		"headers = {'Api-Key': k}",
		"accessKey = 1",
		`environment={"TOKEN": t}`,
		"auth_config = {}",
		"OTRS_PW = 1",
		"creds = Credential()",
		"key = 'abcd1234'",
		"f(key='abcd')",
		"if x:\n    pass\nDB_PASSWORD = 1",
		"PASS",
		"url = 'https://hooks.slack.com/services/T0/B0/x'",
		"x = 'ghp_'",
		"passthrough = True", // generous: a word inside a name is enough
	}
	no := []string{
		"",
		"x",
		"def f():\n    pass\n",
		"for k in d.keys():\n    pass  # nothing to do\n",
		"if x: pass; y = 1\n",
		"monkey = keyboard + hotkeys\n",
		`image = "registry.gitlab.com/group/etl:1.0"` + "\n",
		"url = 'https://gitlab.com/api/v4'\n@task\ndef f(): return 1\n",
		"mail = 'me@host'\n",
		"primary = 1\n",
	}
	for _, s := range yes {
		if !MayContainSecret([]byte(s)) {
			t.Errorf("MayContainSecret(%q) = false, want true", s)
		}
	}
	for _, s := range no {
		if MayContainSecret([]byte(s)) {
			t.Errorf("MayContainSecret(%q) = true, want false", s)
		}
	}
}

// TestMayContainSecretCoversNames checks that no name the name functions
// flag can slip past the prefilter, in the places rules look for names.
func TestMayContainSecretCoversNames(t *testing.T) {
	names := append(append([]string{}, secretNames...), registryKeysTrue...)
	for _, name := range names {
		if !IsSecretName(name) && !IsRegistryCredentialKey(name) {
			t.Fatalf("test table: %q is not flagged by the name functions", name)
		}
		for _, src := range []string{
			fmt.Sprintf("%s = value\n", name),
			fmt.Sprintf("d = {%q: value}\n", name),
			fmt.Sprintf("f(%s=value)\n", name),
			fmt.Sprintf("os.environ[%q]\n", name),
		} {
			if !MayContainSecret([]byte(src)) {
				t.Errorf("MayContainSecret(%q) = false", src)
			}
		}
	}
}

// ordinaryPython returns about n bytes of DAG-like Python holding nothing
// the prefilter looks for.
func ordinaryPython(n int) []byte {
	const block = `from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator

default_args = {
    "owner": "data-platform",
    "retries": %d,
    "retry_delay": timedelta(minutes=5),
}

with DAG(
    dag_id="nightly_etl_%d",
    start_date=datetime(2024, 1, 1),
    schedule="@daily",
    catchup=False,
    default_args=default_args,
    tags=["etl", "nightly"],
) as dag:
    extract = DockerOperator(
        task_id="extract_%d",
        image="registry.gitlab.com/group/etl-runner:1.4.%d",
        docker_conn_id="gitlab_registry",
        command=["python", "-m", "etl.extract", "--day", "{{ ds }}"],
        environment={"LOG_LEVEL": "info", "BATCH_SIZE": "500"},
        mount_tmp_dir=False,
        docs_url="https://gitlab.com/group/etl/-/wikis/home",
    )
    # Load the rows into the warehouse once extraction is done.
    load = DockerOperator(
        task_id="load_%d",
        image="python:3.12-slim",
        command="python /app/load.py",
    )
    extract >> load

`
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, block, i%5, i, i, i, i)
	}
	return []byte(b.String())
}

func TestOrdinaryPythonHasNoMarker(t *testing.T) {
	src := ordinaryPython(1 << 20)
	if MayContainSecret(src) {
		t.Fatal("MayContainSecret(ordinary Python) = true; the benchmark would measure an early exit")
	}
	// One secret at the very end must still be seen.
	if !MayContainSecret(append(src, "\nGITLAB_TOKEN = x\n"...)) {
		t.Fatal("MayContainSecret missed a token name after 1 MB")
	}
}

func BenchmarkMayContainSecret(b *testing.B) {
	src := ordinaryPython(1 << 20)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if MayContainSecret(src) {
			b.Fatal("unexpected marker")
		}
	}
}

func BenchmarkFindTokensNoMarker(b *testing.B) {
	src := string(ordinaryPython(1 << 20))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		FindTokens(src)
	}
}

// TestSecretHint checks that SecretHint tells the token needles from the
// secret-like words, that it agrees with MayContainSecret, and that a Slack
// webhook path counts only next to a secret-like word.
func TestSecretHint(t *testing.T) {
	for src, want := range map[string]Hint{
		"":                           NoHint,
		"x = 1\n":                    NoHint,
		"path = '/T01234567/B0'\n":   NoHint, // no word: skipped as before
		"token = t\n":                NameHint,
		"key: str = 'a'\n":           NameHint,
		"row['password']\n":          NameHint,
		"auth = 1\nx = '/tmp/a'\n":   NameHint, // "/t" but no capital or digit after "/T"
		"auth = 1\nx = '/Tmp/a'\n":   NameHint,
		"token = '/T01234567/B0'\n":  TokenHint,
		"token = 1\nx = 'glpat-'\n":  TokenHint, // the token needle after the word
		"x = 'ghp_'\n":               TokenHint,
		"u = 'a://b:c@d'\ntoken = 1": TokenHint,
		"u = 'a://b c@d'\ntoken = 1": NameHint, // white space before the '@'
		"# -----BEGIN PRIVATE KEY":   TokenHint,
	} {
		if got := SecretHint([]byte(src)); got != want {
			t.Errorf("SecretHint(%q) = %v, want %v", src, got, want)
		}
		if MayContainSecret([]byte(src)) != (want != NoHint) {
			t.Errorf("MayContainSecret(%q) disagrees with SecretHint %v", src, want)
		}
	}
}

// TestMayContainToken: the token needles and a Slack webhook path count,
// the secret-like words do not.
func TestMayContainToken(t *testing.T) {
	for _, s := range []string{"glpat-x", "xoxb-1", "AKIA", "https://u:p@h", "/T01234567/B01234567/x", "PRIVATE KEY"} {
		if !MayContainToken([]byte(s)) {
			t.Errorf("MayContainToken(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"", "password", "token = secret", "api_key", "/tmp/x", "a://b c@d"} {
		if MayContainToken([]byte(s)) {
			t.Errorf("MayContainToken(%q) = true, want false", s)
		}
	}
}

// FuzzMayContainToken: whatever FindTokens finds, MayContainToken (and
// SecretHint next to a secret-like word) must let through.
func FuzzMayContainToken(f *testing.F) {
	for _, s := range []string{"glpat-Xq7Rk2LmN9vBt4WcZp3d", "https://hooks.slack.com/services/T01234567/B01234567/Xq7Rk2LmN9vBt4WcZp3d", "/T01234567/B01234567/Xq7Rk2LmN9vBt4WcZp3d12", "postgres://etl:Xq7Rk2Lm@db/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(FindTokens(text)) == 0 {
			return
		}
		if !MayContainToken([]byte(text)) {
			t.Fatalf("MayContainToken(%q) = false but FindTokens finds %v", text, FindTokens(text))
		}
		if h := SecretHint([]byte("token\n" + text)); h != TokenHint {
			t.Fatalf("SecretHint(token + %q) = %v, want TokenHint", text, h)
		}
	})
}

// prefilterMarkers are markers for the Prefilter tests: operator names as
// the lint driver's, and some that share their first two bytes, in some
// case, with a needle ("Tokenizer", "authz", "Key_", ":/x"), so that
// buckets mixing both kinds are exercised.
var prefilterMarkers = [][]byte{
	[]byte("DockerOperator"), []byte("KubernetesPodOperator"), []byte("PodOperator"),
	[]byte("kubernetes"), []byte("docker"), []byte("noqa"), []byte("daglint"), []byte("get-login"),
	[]byte("Tokenizer"), []byte("authz"), []byte("Key_"), []byte(":/x"),
}

// plainPrefilterHint is what Prefilter.Hint must say, searched the plain
// way: one search per marker, then SecretHint.
func plainPrefilterHint(src []byte, markers [][]byte) Hint {
	for _, m := range markers {
		if bytes.Contains(src, m) {
			return TokenHint
		}
	}
	return SecretHint(src)
}

// prefilterPieces are the fragments TestPrefilterEqualsPlainSearch builds
// texts from: pieces of markers and needles in several cases, near misses
// and separators.
var prefilterPieces = []string{
	"Docker", "docker", "DOCKER", "Operator", "Pod", "Kubernetes", "kubernetes", "noqa", "NOQA", "noq",
	"daglint", "get-login", "get-", "Tokenizer", "Token", "token", "authz", "auth", "AUTH", "Key_", "key",
	"KEY", "keys", "pass", "PASS", "pass\n", "password", "pw", "secret", "api_key", "Api-Key", "glpat-",
	"ghp_", "AKIA", "xox", "://", ":/x", "@", " ", "\n", "/T", "/T0", "private key", "x", "_", "#",
}

// TestPrefilterEqualsPlainSearch: the combined scan says what a search per
// marker followed by SecretHint says, on every file under testdata, on
// each of them with a marker or needle cut out or spliced in, and on texts
// built at random from the pieces above.
func TestPrefilterEqualsPlainSearch(t *testing.T) {
	p := NewPrefilter(prefilterMarkers)
	check := func(what string, src []byte) Hint {
		t.Helper()
		want := plainPrefilterHint(src, prefilterMarkers)
		if got := p.Hint(src); got != want {
			t.Fatalf("%s: Hint(%q) = %v, the plain search says %v", what, src, got, want)
		}
		checkHintToken(t, p, what, src, want)
		return want
	}
	seen := map[Hint]int{}
	var files []string
	err := filepath.WalkDir("../../testdata", func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, path)
		}
		return err
	})
	if err != nil || len(files) < 100 {
		t.Fatalf("testdata: %d files, %v", len(files), err)
	}
	rng := rand.New(rand.NewSource(1))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		seen[check(f, src)]++
		for _, piece := range prefilterPieces {
			if i := bytes.Index(src, []byte(piece)); i >= 0 {
				cut := append(append([]byte{}, src[:i]...), src[i+len(piece):]...)
				seen[check(f+" without "+piece, cut)]++
			}
			at := rng.Intn(len(src) + 1)
			spliced := append(append(append([]byte{}, src[:at]...), piece...), src[at:]...)
			seen[check(f+" with "+piece, spliced)]++
		}
	}
	for range 50000 {
		var b []byte
		for range rng.Intn(10) {
			b = append(b, prefilterPieces[rng.Intn(len(prefilterPieces))]...)
		}
		seen[check("generated", b)]++
	}
	for _, h := range []Hint{NoHint, NameHint, TokenHint} {
		if seen[h] < 100 {
			t.Fatalf("too few texts with hint %v: %v", h, seen)
		}
	}
	if markedOnly < 100 {
		t.Fatalf("only %d texts with a marker and no token needle", markedOnly)
	}
}

// FuzzPrefilter: the combined scan agrees with the plain search on any text.
func FuzzPrefilter(f *testing.F) {
	for _, s := range prefilterPieces {
		f.Add(s)
	}
	f.Add("from x import DockerOperator\npassword = 1\n")
	p := NewPrefilter(prefilterMarkers)
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := p.Hint([]byte(text)), plainPrefilterHint([]byte(text), prefilterMarkers); got != want {
			t.Fatalf("Hint(%q) = %v, the plain search says %v", text, got, want)
		}
		checkHintToken(t, p, "fuzzed", []byte(text), plainPrefilterHint([]byte(text), prefilterMarkers))
	})
}

// checkHintToken: HintToken says what Hint (want) and MayContainToken say,
// and counts the texts where it knows of a marker but no token needle (the
// case it exists for).
func checkHintToken(t *testing.T, p *Prefilter, what string, src []byte, want Hint) {
	t.Helper()
	hint, tok := p.HintToken(src)
	if wantTok := MayContainToken(src); hint != want || tok != wantTok {
		t.Fatalf("%s: HintToken(%q) = %v, %v; Hint and MayContainToken say %v, %v", what, src, hint, tok, want, wantTok)
	}
	if hint == TokenHint && !tok {
		markedOnly++
	}
}

// markedOnly counts the texts checkHintToken saw with a marker and no token.
var markedOnly int

// TestHintTokenGoesOnPastAMarker: a marker decides the hint, but a token
// needle or Slack path after it is still seen, and one with neither is not.
func TestHintTokenGoesOnPastAMarker(t *testing.T) {
	p := NewPrefilter(prefilterMarkers)
	for _, c := range []struct {
		src  string
		hint Hint
		tok  bool
	}{
		{"from x import DockerOperator\nx = 1\n", TokenHint, false},
		{"from x import DockerOperator\npassword = 1\n", TokenHint, false},
		{"from x import DockerOperator\nt = 'glpat-'\n", TokenHint, true},
		{"from x import DockerOperator\nu = 'a://u:p@h'\n", TokenHint, true},
		{"from x import DockerOperator\nu = 'a://u:p h@'\n", TokenHint, false},
		{"DockerOperator /T0", TokenHint, true},
		{"/T0 only", NoHint, true},
		{"token /T0", TokenHint, true},
		{"token", NameHint, false},
		{"nothing", NoHint, false},
	} {
		if hint, tok := p.HintToken([]byte(c.src)); hint != c.hint || tok != c.tok {
			t.Errorf("HintToken(%q) = %v, %v, want %v, %v", c.src, hint, tok, c.hint, c.tok)
		}
	}
}
