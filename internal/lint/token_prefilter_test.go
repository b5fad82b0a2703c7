package lint_test

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/secrets"
)

// A value DAG302 reports wherever it is given to a secret-named target.
const pw = `"hunter2-Xq7R"`

// tokenPrefilterParse are files whose bytes hint only at secret-like words
// and in which DAG301 or DAG302 reports (want): the token prefilters must
// let them through.
var tokenPrefilterParse = []struct{ src, want string }{
	{"DB_PASSWORD = " + pw + "\n", "DAG302"},
	{"conn.password = " + pw + "\n", "DAG302"},
	{"os.environ[\"DB_PASSWORD\"] = " + pw + "\n", "DAG302"},
	{"conf[(\"api_key\")] = " + pw + "\n", "DAG302"},
	{"(password) = " + pw + "\n", "DAG302"},
	{"user = password = " + pw + "\n", "DAG302"},
	{"password = user = " + pw + "\n", "DAG302"},
	{"self.user = self.token = " + pw + "\n", "DAG302"},
	{"user, password = \"etl\", " + pw + "\n", "DAG302"},
	{"user, password = \"\", " + pw + "\n", "DAG302"},
	{"[user, password] = [\"etl\", " + pw + "]\n", "DAG302"},
	{"(user, password) = (\"etl\", " + pw + ")\n", "DAG302"},
	{"user, password = ((\"etl\", " + pw + "))\n", "DAG302"},
	{"conf[\"user\"], conf[\"password\"] = \"etl\", " + pw + "\n", "DAG302"},
	{"x = 1; password = " + pw + "\n", "DAG302"},
	{"password: str = " + pw + "\n", "DAG302"},
	{"conf[\"password\"]: str = " + pw + "\n", "DAG302"},
	{"class Conn:\n    def __init__(self):\n        self.password: str = " + pw + "\n", "DAG302"},
	{"class Conn:\n    password = " + pw + "\n", "DAG302"},
	{"if (password := " + pw + "):\n    print(1)\n", "DAG302"},
	{"print(token := " + pw + ")\n", "DAG302"},
	{"conf = {\"password\": " + pw + "}\n", "DAG302"},
	{"conf = {\n    \"user\": \"etl\",\n    \"client_secret\": (" + pw + "),\n}\n", "DAG302"},
	{"conf = {(\"password\"): " + pw + "}\n", "DAG302"},
	{"conf = {f\"password\": " + pw + "}\n", "DAG302"},
	{"conf = {\"pass\\x77ord\": " + pw + "}\n", "DAG302"},
	{"conf = {\"pass\" \"word\": " + pw + "}\n", "DAG302"},
	{"connect(password=" + pw + ")\n", "DAG302"},
	{"connect(\n    host=\"db\",\n    password=" + pw + ",\n)\n", "DAG302"},
	{"conf = dict(token=" + pw + ")\n", "DAG302"},
	{"@retry(token=" + pw + ")\ndef f():\n    return 1\n", "DAG302"},
	{"def connect(password=" + pw + "):\n    return password\n", "DAG302"},
	{"def connect(*, password=" + pw + "):\n    return password\n", "DAG302"},
	{"def connect(user, password: str = " + pw + "):\n    return password\n", "DAG302"},
	{"def connect(password: dict[str, list[int]] | None = " + pw + "):\n    return password\n", "DAG302"},
	{"connect = lambda password=" + pw + ": password\n", "DAG302"},
	{"rows = sorted(rows, key=lambda r, token=" + pw + ": r)\n", "DAG302"},
	{"password = (" + pw + ")\n", "DAG302"},
	{"password = ((\"hunter2\"\n    \"-Xq7R\"))\n", "DAG302"},
	{"password = b" + pw + "\n", "DAG302"},
	{"password = rb" + pw + "\n", "DAG302"},
	{"password = f" + pw + "\n", "DAG302"},
	{"password = \"\"\"hunter2-Xq7R\"\"\"\n", "DAG302"},
	{"password = \"hunter2\\x2dXq7R\"\n", "DAG302"},
	{"password = \\\n    " + pw + "\n", "DAG302"},
	// Where a line does not parse, the statement the parser recovers may
	// end before the line's last `=`.
	{"db_password = y = " + pw + " password = x\n", "DAG302"},
	// DAG301 finds credentials the bytes do not show: joined by implicit
	// concatenation, written with escapes, or a Slack webhook path.
	{"# token\nX = \"glp\" \"at-Xq7Rk2LmN9vBt4WcZp3d\"\n", "DAG301"},
	{"# token\nX = f\"glp\" \"at-Xq7Rk2LmN9vBt4WcZp3d\"\n", "DAG301"},
	{"# token\nX = \"\\x67lpat-Xq7Rk2LmN9vBt4WcZp3d\"\n", "DAG301"},
	{"# token\nX = f\"{1}\\x67lpat-Xq7Rk2LmN9vBt4WcZp3d\"\n", "DAG301"},
	{"# token\nX = \"postgres://etl:\" \"Xq7Rk2Lm@db.internal/etl\"\n", "DAG301"},
	{"# token\nX = \"/T01234567/B01234567/Xq7Rk2LmN9vBt4WcZp3d1234\"\n", "DAG301"},
}

// tokenPrefilterSkip are files whose bytes hint at secret-like words but in
// which neither DAG301 nor DAG302 reports anything: the token prefilters
// let the driver skip them. The first are the shapes of the synthetic
// corpus's plain modules.
var tokenPrefilterSkip = []string{
	"class Record:\n    key: str = \"orders_id\"\n",
	"self.token_url = self.base_url + \"/oauth/token\"\n",
	"self._token: str | None = None\n",
	"token = self._token or os.environ.get(\"SVC_ORDERS_TOKEN\", \"\")\n",
	"payload = {\"username\": user, \"password\": password, \"grant_type\": \"password\"}\n",
	"password = os.environ[\"SVC_ORDERS_PASSWORD\"]\n",
	"def auth_header(self) -> dict[str, str]:\n    return {\"Authorization\": \"Bearer \" + token} if token else {}\n",
	"def index_by_key(rows, key: str = \"key\"):\n    return {row[key]: row for row in rows}\n",
	"rows = sorted(rows, key=lambda row: (row[\"key\"], row.get(\"at\", 0)), reverse=True)\n",
	"out = {mapping.get(key, key): value for key, value in record.items()}\n",
	// Placeholders, references and stand-ins.
	"password = \"\"\n",
	"password = \"<your password>\"\n",
	"api_key = \"${API_KEY}\"\n",
	"secret = \"db_password\"\n",
	"token = \"/var/run/secrets/token\"\n",
	"conf = {\"password\": \"None\"}\n",
	"connect(password=\"xxxxxxxx\")\n",
	"user, password = \"etl\", \"\"\n",
	"def connect(password: str = \"\"):\n    return password\n",
	// Secret-like names given no literal, or a literal given to no target.
	"password = compute(" + pw + ")\n",
	"password = os.environ.get(\"DB_PASSWORD\", " + pw + ")\n",
	"password = [" + pw + "]\n",
	"if password == " + pw + ":\n    print(1)\n",
	"token += " + pw + "\n",
	"print(\"password\", " + pw + ")\n",
	"rows = [\"token\", " + pw + "]\n",
	"for token in [" + pw + "]:\n    print(token)\n",
	"def check(token):\n    return " + pw + "\n",
	"x = token, " + pw + "\n",
	"conf = {token: " + pw + "}\n",
	"key = " + pw + "\n",
	"conf = {\"key\": " + pw + "}\n",
	"tokens = " + pw + "\n",
	"token_type = " + pw + "\n",
	"msg = f\"{token!r:>10}\"\n",
	"# the token expires\nX = \"a\" \"b\"\n",
	"# the token expires\nX = \"line\\n\"\n",
}

// TestTokenPrefilter checks the pairs: every must-parse file is parsed and
// has its finding, every may-skip file is skipped and, parsed anyway, has
// no DAG301 or DAG302 finding. All of them pass the byte-level prefilter on
// their secret-like words only, so it is the tokens that decide.
func TestTokenPrefilter(t *testing.T) {
	opts := allRulesOptions()
	for _, tc := range tokenPrefilterParse {
		src := []byte(tc.src)
		if lint.Relevant(src) != true || strings.Contains(tc.src, "docker") {
			t.Fatalf("%q: not a file the byte-level prefilter passes for its words", tc.src)
		}
		if got := lint.Source("etl.py", src, opts); !got.Parsed {
			t.Errorf("%q skipped; want it parsed for %s", tc.src, tc.want)
		}
		if ids := findingIDs(lint.SourceParsingAll("etl.py", src, opts)); !strings.Contains(ids, tc.want) {
			t.Errorf("%q parsed has findings %q, want %s", tc.src, ids, tc.want)
		}
	}
	for _, src := range tokenPrefilterSkip {
		if h := secrets.SecretHint([]byte(src)); h != secrets.NameHint {
			t.Fatalf("%q: hint %v, want the secret-like words alone", src, h)
		}
		if got := lint.Source("etl.py", []byte(src), opts); got.Parsed {
			t.Errorf("%q parsed; want it skipped", src)
		}
		if ids := findingIDs(lint.SourceParsingAll("etl.py", []byte(src), opts)); ids != "" {
			t.Errorf("%q parsed has findings %q, want none", src, ids)
		}
	}
}

// findingIDs lists the rule IDs of a result's findings, DAG001 left out.
func findingIDs(res lint.Result) string {
	var ids []string
	for _, d := range res.Diagnostics {
		if d.RuleID != "DAG001" {
			ids = append(ids, d.RuleID)
		}
	}
	return strings.Join(ids, " ")
}

// markerWords are the words that make the driver parse a file whatever its
// tokens (the operator and suppression markers); unmarked replaces them, so
// that a fixture reaches the token prefilters.
var markerWords = regexp.MustCompile(`(?i)docker|kubernetes|operator|noqa|daglint|get-login`)

func unmarked(src []byte) []byte { return markerWords.ReplaceAll(src, []byte("mod")) }

// assertPrefilterKeeps fails when the token prefilters skip src although,
// parsed, it has a finding other than DAG001: they must never be the reason
// a finding is missed. (A file the byte-level prefilter, Relevant, already
// skipped is skipped as before: it holds no marker, token prefix, URL with
// user info or secret-like word.)
func assertPrefilterKeeps(t *testing.T, what string, src []byte, opts lint.Options) {
	t.Helper()
	if !lint.Relevant(src) {
		return
	}
	ids := findingIDs(lint.SourceParsingAll("etl.py", src, opts))
	if ids != "" && !lint.Source("etl.py", src, opts).Parsed {
		t.Fatalf("%s: skipped, but parsed it has findings %s:\n%s", what, ids, src)
	}
}

// fixtureSources returns every Python fixture under testdata/, each also
// without its markers.
func fixtureSources(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	root := filepath.Join("..", "..", "testdata")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".py") {
			return err
		}
		src, err := os.ReadFile(p)
		out[p] = src
		out[p+" unmarked"] = unmarked(src)
		return err
	})
	if err != nil || len(out) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	return out
}

// TestTokenPrefilterKeepsFindings checks the property on every fixture,
// with and without its markers, on mutations of them (a line dropped or
// doubled, a few bytes cut or inserted), and on generated sources that give
// literals and other values to secret-named and other targets in every
// shape DAG302 reads.
func TestTokenPrefilterKeepsFindings(t *testing.T) {
	opts := allRulesOptions()
	r := rand.New(rand.NewPCG(9, 302))
	fixtures := fixtureSources(t)
	names := make([]string, 0, len(fixtures))
	for name := range fixtures {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		src := fixtures[name]
		assertPrefilterKeeps(t, name, src, opts)
		for k := 0; k < 12; k++ {
			assertPrefilterKeeps(t, fmt.Sprintf("%s mutation %d", name, k), mutate(r, src), opts)
		}
	}
	for k := 0; k < 4000; k++ {
		assertPrefilterKeeps(t, fmt.Sprintf("generated %d", k), generated(r), opts)
	}
}

// mutate returns src with one random edit.
func mutate(r *rand.Rand, src []byte) []byte {
	lines := strings.SplitAfter(string(src), "\n")
	if len(src) == 0 || len(lines) == 0 {
		return []byte(pick(r, snippets))
	}
	i := r.IntN(len(lines))
	switch r.IntN(4) {
	case 0:
		lines = append(lines[:i:i], lines[i+1:]...)
	case 1:
		lines = append(lines[:i+1:i+1], lines[i:]...)
	case 2:
		at := r.IntN(len(src))
		return append(append([]byte{}, src[:at]...), src[min(len(src), at+1+r.IntN(4)):]...)
	default:
		at := r.IntN(len(src) + 1)
		return append(append(append([]byte{}, src[:at]...), pick(r, snippets)...), src[at:]...)
	}
	return []byte(strings.Join(lines, ""))
}

// snippets are the bits mutate inserts.
var snippets = []string{`"`, `'`, `(`, `)`, `[`, `]`, `{`, `}`, `=`, `:`, `,`, `\`, `"""`, `f"`, "\n", " ", "\n    ",
	"password = ", "token=", `"hunter2-Xq7R"`, `"pass" "word"`, ":=", "#", "lambda ", "\\x41", ";"}

var (
	genNames  = []string{"password", "db_password", "token", "TOKEN", "api_key", "key", "key_2", "tokens", "auth", "PWD", "OTRS_PW", "clientSecret", "token_url", "user", "x"}
	genKeys   = []string{`"password"`, `"key"`, `"api_key"`, `"user"`, `"pass\x77ord"`, `"pass" "word"`, `f"token"`, `f"{x}token"`, `("secret")`, `b"token"`, `'''token'''`}
	genValues = []string{pw, `""`, `"x"`, `b"hunter2-Xq7R"`, `f"hunter2-Xq7R"`, `f"{x}-hunter2"`, `"hunter2" "-Xq7R"`, `("hunter2-Xq7R")`,
		`"\x68unter2-Xq7R"`, `"<password>"`, `"db_password"`, `x`, `f()`, `None`, `[` + pw + `]`, `("etl", ` + pw + `)`, pw + ` + x`,
		pw + `.strip()`, `"\N{LATIN SMALL LETTER H}unter2-Xq7R"`, `rb"hunter2\d-Xq7R"`, `"glp" "at-Xq7Rk2LmN9vBt4WcZp3d"`, `"\x67lpat-Xq7Rk2LmN9vBt4WcZp3d"`}
	genTargets = []string{"%s", "self.%s", "conf[%q]", "(%s)", "u, %s", "[u, %s]", "(u, %s)", "%s: str", "x = %s", "%s = y", "self.user, self.%s"}
	genShapes  = []string{"%[1]s = %[2]s", "f(%[1]s=%[2]s)", "def f(%[1]s=%[2]s):\n    return 1", "def f(a, %[1]s: str = %[2]s):\n    return 1",
		"g = lambda %[1]s=%[2]s: 0", "print(%[1]s := %[2]s)", "class C:\n    %[1]s = %[2]s", "v = f\"{dict(%[1]s=%[2]s)}\"", "if x: %[1]s = %[2]s",
		"%[1]s = %[2]s, %[2]s", "%[1]s = (%[2]s, %[2]s)", "%[1]s = [%[2]s, %[2]s]", "x = 1; %[1]s = %[2]s", "%[1]s += %[2]s", "if %[1]s == %[2]s:\n    pass"}
	genDictShapes = []string{"c = {%[1]s: %[2]s}", "c = {\"a\": 1, %[1]s: (%[2]s)}", "c[%[1]s] = %[2]s", "c[%[1]s], d = %[2]s, %[2]s", "f(**{%[1]s: %[2]s})", "c = {%[1]s: %[2]s for k in x}"}
)

// generated returns a few statements of secret-named and other targets
// given literals and other values, sometimes mutated.
func generated(r *rand.Rand) []byte {
	var b strings.Builder
	for n := 1 + r.IntN(3); n > 0; n-- {
		if r.IntN(3) == 0 {
			fmt.Fprintf(&b, pick(r, genDictShapes)+"\n", pick(r, genKeys), pick(r, genValues))
			continue
		}
		target := fmt.Sprintf(pick(r, genTargets), pick(r, genNames))
		if strings.Contains(target, "%!") {
			target = pick(r, genNames)
		}
		fmt.Fprintf(&b, pick(r, genShapes)+"\n", target, pick(r, genValues))
	}
	src := []byte("# the token\n" + b.String())
	for n := r.IntN(6); n > 2; n-- {
		src = mutate(r, src)
	}
	return src
}

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

// FuzzTokenPrefilter asserts the property of TestTokenPrefilterKeepsFindings
// on arbitrary sources, seeded with the fixtures without their markers and
// the table of TestTokenPrefilter.
func FuzzTokenPrefilter(f *testing.F) {
	for _, src := range fixtureSources(f) {
		f.Add(src)
	}
	for _, tc := range tokenPrefilterParse {
		f.Add([]byte(tc.src))
	}
	for _, src := range tokenPrefilterSkip {
		f.Add([]byte(src))
	}
	opts := allRulesOptions()
	f.Fuzz(func(t *testing.T, src []byte) {
		assertPrefilterKeeps(t, "fuzz input", src, opts)
	})
}
