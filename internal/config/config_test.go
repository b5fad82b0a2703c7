package config

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/rules"
)

// knownRules are the rules configurations are checked against: the real
// ones, whose options (public-registries, allowed-registries) the tests
// decode.
var knownRules = rules.All

// knownIDs are their IDs.
var knownIDs = rules.IDs()

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadAllKeys(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "conf/airflow_settings.yaml", "airflow:\n  connections: []\n")
	p := write(t, dir, ".daglint.yaml", `# every key
select: [DAG1, DAG203]
extend-select: [DAG4]
ignore: [DAG404]
severity:
  DAG1: note
  DAG102: error
per-file-ignores:
  "dags/legacy/**": [DAG202]
  "./conftest.py": [DAG3]
exclude: ["dags/vendor/**"]
extend-exclude: [build/]
public-registries: [docker.io, Index.Docker.IO]
allowed-registries: [registry.gitlab.com:5050]
connections: [conf/airflow_settings.yaml]
airflow-version: 1.10
max-file-size: 2MB
`)
	c, err := Load(p, knownRules)
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{
		Path:         p,
		Dir:          dir,
		Select:       []string{"DAG1", "DAG203"},
		ExtendSelect: []string{"DAG4"},
		Ignore:       []string{"DAG404"},
		Severity: map[string]analysis.Severity{
			"DAG101": analysis.Note, "DAG102": analysis.Error, "DAG103": analysis.Note,
			"DAG104": analysis.Note, "DAG105": analysis.Note,
		},
		PerFileIgnores: []PerFileIgnore{
			{Pattern: "dags/legacy/**", Rules: []string{"DAG202"}},
			{Pattern: "conftest.py", Rules: []string{"DAG3"}},
		},
		Exclude: []string{"dags/vendor/**", "build"},
		Options: map[string]any{
			"public-registries":  []string{"docker.io", "docker.io"},
			"allowed-registries": []string{"registry.gitlab.com:5050"},
		},
		Connections:    []string{filepath.Join(dir, "conf", "airflow_settings.yaml")},
		ConnectionsSet: true,
		AirflowVersion: "1.10",
		MaxFileSize:    2 << 20,
		known:          knownIDs,
		options:        analysis.Options(knownRules),
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Load:\n got %+v\nwant %+v", c, want)
	}
}

func TestLoadScalarForms(t *testing.T) {
	tests := []struct {
		yaml    string
		version string
		size    int64
	}{
		{"airflow-version: 2\nmax-file-size: 1024\n", "2", 1024},
		{"airflow-version: 3\nmax-file-size: 512KB\n", "3", 512 << 10},
		{"airflow-version: \"1.10\"\nmax-file-size: 1 GiB\n", "1.10", 1 << 30},
		{"airflow-version: \"2.9.3\"\nmax-file-size: 0\n", "2", 0},
		{"airflow-version: 3.0\n", "3", DefaultMaxFileSize},
		{"airflow-version:\nmax-file-size:\n", "2", DefaultMaxFileSize},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		c, err := Load(write(t, dir, ".daglint.yaml", tt.yaml), knownRules)
		if err != nil {
			t.Errorf("%q: %v", tt.yaml, err)
			continue
		}
		if c.AirflowVersion != tt.version || c.MaxFileSize != tt.size {
			t.Errorf("%q: got version %q size %d, want %q %d", tt.yaml, c.AirflowVersion, c.MaxFileSize, tt.version, tt.size)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		line int
		msg  string
	}{
		{"unknown key", "select: [DAG1]\nper-file-ignore: {}\n", 2, `unknown key "per-file-ignore"; did you mean "per-file-ignores"?`},
		{"unknown key far", "colour: red\n", 1, `unknown key "colour"`},
		{"select string", "select: DAG101\n", 1, "select: expected a list of rule IDs, got a string"},
		{"select number item", "select:\n  - DAG101\n  - 7\n", 3, "select: expected a list of rule IDs, got a list containing a number"},
		{"unknown rule", "ignore:\n  - DAG1O1\n", 2, `ignore: unknown rule "DAG1O1"; did you mean "DAG101"?`},
		{"lowercase rule", "extend-select: [dag101]\n", 1, `extend-select: unknown rule "dag101"; did you mean "DAG101"?`},
		{"prefix matching nothing", "select: [DAG9]\n", 1, `select: unknown rule "DAG9"`},
		{"severity not map", "severity: [DAG101]\n", 1, "severity: expected a mapping of rule IDs to levels, got a list"},
		{"severity level", "severity:\n  DAG101: fatal\n", 2, `severity: DAG101: unknown level (want error, warning or note)`},
		{"severity rule", "severity:\n  DAG999: error\n", 2, `severity: unknown rule "DAG999"`},
		{"per-file-ignores glob", "per-file-ignores:\n  \"dags/[a\": [DAG101]\n", 2, `per-file-ignores: invalid glob`},
		{"per-file-ignores rules", "per-file-ignores:\n  dags/*.py: DAG101\n", 2, "per-file-ignores: dags/*.py: expected a list of rule IDs, got a string"},
		{"per-file-ignores unknown rule", "per-file-ignores:\n  dags/*.py:\n    - DAG1\n    - DAG77\n", 4, `per-file-ignores: dags/*.py: unknown rule "DAG77"`},
		{"exclude glob", "exclude:\n  - ok/**\n  - \"bad/{x\"\n", 3, `exclude: invalid glob`},
		{"exclude absolute", "extend-exclude: [/abs/**]\n", 1, "must be relative"},
		{"exclude type", "exclude: {a: b}\n", 1, "exclude: expected a list of globs, got a mapping"},
		{"registry url", "public-registries:\n  - https://ghcr.io\n", 2, `public-registries: not a registry host`},
		{"namespace in allowed-registries", "allowed-registries:\n  - ghcr.io/acme\n", 2, `allowed-registries: not a registry host (write host or host:port)`},
		{"empty namespace", "public-registries: [ghcr.io/]\n", 1, `public-registries: not a registry host`},
		{"registry type", "allowed-registries: true\n", 1, "allowed-registries: expected a list of registry hosts, got a boolean"},
		{"connections missing", "connections:\n  - nope.yaml\n", 2, `connections: file not found`},
		{"connections string", "connections: airflow_settings.yaml\n", 1, "connections: expected a list of file paths, got a string"},
		{"python-path missing", "python-path:\n  - lib\n", 2, `python-path: folder not found`},
		{"python-path string", "python-path: lib\n", 1, "python-path: expected a list of folders, got a string"},
		{"python-path empty", "python-path: [\"\"]\n", 1, "python-path: empty path"},
		{"airflow version", "\nairflow-version: \"4\"\n", 2, `airflow-version: unknown version (want`},
		{"airflow version list", "airflow-version: [2]\n", 1, "airflow-version: expected"},
		{"size suffix", "max-file-size: 10XB\n", 1, `max-file-size: invalid size (want`},
		{"size negative", "max-file-size: -5\n", 1, `max-file-size: invalid size (want`},
		{"duplicate key", "select: [DAG1]\nignore: []\nselect: [DAG2]\n", 3, `duplicate key "select" (first at line 1)`},
		{"duplicate nested", "severity:\n  DAG101: note\n  DAG101: error\n", 3, `duplicate key "DAG101"`},
		{"not a mapping", "- select\n", 1, "expected a mapping of settings, got a list"},
		{"syntax", "select: [DAG1\nignore: []\n", 0, "invalid YAML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, t.TempDir(), ".daglint.yaml", tt.yaml)
			_, err := Load(p, knownRules)
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("got %v, want *Error", err)
			}
			if tt.line != 0 && ce.Line != tt.line {
				t.Errorf("line %d, want %d (%v)", ce.Line, tt.line, err)
			}
			if !strings.Contains(ce.Msg, tt.msg) {
				t.Errorf("message %q, want it to contain %q", ce.Msg, tt.msg)
			}
			if !strings.HasPrefix(err.Error(), p+":") {
				t.Errorf("error %q does not start with the path", err)
			}
		})
	}
}

func TestPyProject(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "pyproject.toml", `[project]
name = "dags"

[tool.daglint]
select = ["DAG2"]
airflow-version = 3
allowed-registries = [
  "registry.gitlab.com",
]

[tool.daglint.severity]
DAG203 = "error"
`)
	c, err := Load(p, knownRules)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Select, []string{"DAG2"}) || c.AirflowVersion != "3" ||
		!reflect.DeepEqual(c.Options["allowed-registries"], []string{"registry.gitlab.com"}) || c.Severity["DAG203"] != analysis.Error {
		t.Errorf("pyproject: got %+v", c)
	}

	errTests := []struct {
		name, toml string
		line       int
		msg        string
	}{
		{"unknown key", "[tool.daglint]\nselect = [\"DAG1\"]\nignroe = []\n", 3, `unknown key "ignroe"; did you mean "ignore"?`},
		{"wrong type", "[tool.daglint]\n\nselect = \"DAG1\"\n", 3, "select: expected a list of rule IDs, got a string"},
		{"array item", "[tool.daglint]\nignore = [\n  \"DAG101\",\n  \"DAG999\",\n]\n", 4, `ignore: unknown rule "DAG999"`},
		{"subtable value", "[tool.daglint]\nselect = []\n[tool.daglint.severity]\nDAG101 = \"loud\"\n", 4, `unknown level (want`},
		{"float version", "[tool.daglint]\nairflow-version = 1.10\n", 2, ""},
		{"bad version", "[tool.daglint]\nairflow-version = 1.2\n", 2, `unknown version (want`},
		{"duplicate", "[tool.daglint]\nselect = []\nselect = []\n", 3, "invalid TOML"},
		{"syntax", "[tool.daglint]\nselect = [\n", 0, "invalid TOML"},
		{"no table", "[tool.other]\nx = 1\n", 0, "no [tool.daglint] table"},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, t.TempDir(), "pyproject.toml", tt.toml)
			c, err := Load(p, knownRules)
			if tt.msg == "" {
				if err != nil || c.AirflowVersion != "1.10" {
					t.Fatalf("got %v, %v; want version 1.10", c, err)
				}
				return
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("got %v, want *Error", err)
			}
			if tt.line != 0 && ce.Line != tt.line {
				t.Errorf("line %d, want %d (%v)", ce.Line, tt.line, err)
			}
			if !strings.Contains(ce.Msg, tt.msg) {
				t.Errorf("message %q, want it to contain %q", ce.Msg, tt.msg)
			}
		})
	}
}

func TestDiscover(t *testing.T) {
	root := t.TempDir()
	write(t, root, "a/.daglint.yaml", "select: [DAG1]\n")
	write(t, root, "a/daglint.yaml", "select: [DAG2]\n")
	write(t, root, "a/pyproject.toml", "[tool.daglint]\nselect = [\"DAG3\"]\n")
	write(t, root, "b/daglint.yaml", "select: [DAG2]\n")
	write(t, root, "b/pyproject.toml", "[tool.daglint]\nselect = [\"DAG3\"]\n")
	write(t, root, "c/pyproject.toml", "[tool.daglint]\nselect = [\"DAG3\"]\n")
	write(t, root, "c/d/pyproject.toml", "[project]\nname = \"x\"\n") // no table: keep looking
	write(t, root, "e/f/g/x.py", "")
	write(t, root, "e/.daglint.yaml", "select: [DAG4]\n")
	tests := []struct {
		start, file string
		sel         string
	}{
		{"a", "a/.daglint.yaml", "DAG1"},
		{"b", "b/daglint.yaml", "DAG2"},
		{"c", "c/pyproject.toml", "DAG3"},
		{"c/d", "c/pyproject.toml", "DAG3"},
		{"e/f/g", "e/.daglint.yaml", "DAG4"},
	}
	for _, tt := range tests {
		c, err := Discover(filepath.Join(root, tt.start), knownRules)
		if err != nil {
			t.Fatalf("%s: %v", tt.start, err)
		}
		if c.Path != filepath.Join(root, filepath.FromSlash(tt.file)) || len(c.Select) != 1 || c.Select[0] != tt.sel {
			t.Errorf("%s: got %s %v, want %s [%s]", tt.start, c.Path, c.Select, tt.file, tt.sel)
		}
		if c.Dir != filepath.Dir(c.Path) {
			t.Errorf("%s: Dir %s, want the file's folder", tt.start, c.Dir)
		}
	}

	// No file anywhere above a fresh temp dir (assuming none above it).
	empty := t.TempDir()
	c, err := Discover(empty, knownRules)
	if err != nil {
		t.Fatal(err)
	}
	if c.Path == "" {
		if c.Dir != empty || !reflect.DeepEqual(c.Select, []string{"ALL"}) || c.AirflowVersion != "2" {
			t.Errorf("defaults: got %+v", c)
		}
	}

	// A broken file found on the way is an error, not skipped.
	bad := t.TempDir()
	write(t, bad, "x/.daglint.yaml", "nope: 1\n")
	if _, err := Discover(filepath.Join(bad, "x"), knownRules); err == nil {
		t.Error("broken config: no error")
	}
}

func TestEnabled(t *testing.T) {
	tests := []struct {
		name              string
		sel, ext, ign     []string
		enabled, disabled []string
	}{
		{"default all", []string{"ALL"}, nil, nil, []string{"DAG101", "DAG404"}, nil},
		{"prefix select", []string{"DAG1"}, nil, nil, []string{"DAG101", "DAG105"}, []string{"DAG201", "DAG001"}},
		{"specific ignore beats prefix select", []string{"DAG1"}, nil, []string{"DAG101"}, []string{"DAG102"}, []string{"DAG101"}},
		{"specific select beats prefix ignore", []string{"DAG101"}, nil, []string{"DAG1"}, []string{"DAG101"}, []string{"DAG102"}},
		{"tie goes to ignore", []string{"DAG1"}, nil, []string{"DAG1"}, nil, []string{"DAG101"}},
		{"ignore ALL, select one", []string{"DAG203"}, nil, []string{"ALL"}, []string{"DAG203"}, []string{"DAG201"}},
		{"extend-select adds", []string{"DAG1"}, []string{"DAG404"}, nil, []string{"DAG101", "DAG404"}, []string{"DAG401"}},
		{"empty select", []string{}, nil, nil, nil, []string{"DAG101"}},
		{"middle prefix", []string{"DAG"}, nil, []string{"DAG20"}, []string{"DAG101", "DAG301"}, []string{"DAG203"}},
	}
	for _, tt := range tests {
		c := Default(".", knownRules)
		c.Select, c.ExtendSelect, c.Ignore = tt.sel, tt.ext, tt.ign
		checkEnabled(t, tt.name, c, tt.enabled, tt.disabled)
	}
}

func TestApplyCLI(t *testing.T) {
	c := Default(".", knownRules)
	c.known = knownIDs
	c.Select, c.ExtendSelect, c.Ignore = []string{"DAG1"}, []string{"DAG404"}, []string{"DAG102"}
	if err := c.ApplyCLI([]string{"DAG2"}, []string{"DAG301"}, []string{"DAG201"}); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{
		"DAG101": false, // file select replaced
		"DAG404": false, // file extend-select dropped with it
		"DAG203": true,
		"DAG301": true,
		"DAG201": false, // CLI ignore added
		"DAG102": false, // not selected by --select DAG2
	} {
		if got := c.Enabled(id); got != want {
			t.Errorf("%s: enabled %v, want %v", id, got, want)
		}
	}
	before := append([]string(nil), c.Select...)
	if err := c.ApplyCLI([]string{"DAG9"}, nil, nil); err == nil || !strings.Contains(err.Error(), `unknown rule "DAG9"`) {
		t.Errorf("unknown CLI rule: got %v", err)
	}
	if !reflect.DeepEqual(c.Select, before) {
		t.Errorf("failed ApplyCLI changed select to %v", c.Select)
	}
	// Without --select the file's select stays.
	c2 := Default(".", knownRules)
	c2.Select = []string{"DAG1"}
	if err := c2.ApplyCLI(nil, nil, []string{"DAG101"}); err != nil {
		t.Fatal(err)
	}
	if !c2.Enabled("DAG102") || c2.Enabled("DAG101") {
		t.Errorf("ignore-only CLI: got select %v ignore %v", c2.Select, c2.Ignore)
	}
}

func TestIgnoredFor(t *testing.T) {
	dir := t.TempDir()
	c := Default(dir, knownRules)
	c.PerFileIgnores = []PerFileIgnore{
		{Pattern: "dags/legacy/**", Rules: []string{"DAG202"}},
		{Pattern: "conftest.py", Rules: []string{"DAG3"}},
		{Pattern: "dags/*_test.py", Rules: []string{"ALL"}},
	}
	tests := []struct {
		path, rule string
		want       bool
	}{
		{"dags/legacy/old.py", "DAG202", true},
		{"dags/legacy/deep/old.py", "DAG202", true},
		{"./dags/legacy/old.py", "DAG202", true},
		{filepath.Join(dir, "dags", "legacy", "old.py"), "DAG202", true},
		{"dags/legacy/old.py", "DAG201", false},
		{"dags/new.py", "DAG202", false},
		{"conftest.py", "DAG301", true},
		{"tests/sub/conftest.py", "DAG302", true},
		{"tests/sub/conftest.py", "DAG101", false},
		{"tests/conftest_x.py", "DAG301", false},
		{"dags/a_test.py", "DAG404", true},
		{"dags/sub/a_test.py", "DAG404", false},
	}
	for _, tt := range tests {
		if got := c.IgnoredFor(tt.path, tt.rule); got != tt.want {
			t.Errorf("IgnoredFor(%q, %s) = %v, want %v", tt.path, tt.rule, got, tt.want)
		}
	}
}

func TestExcluded(t *testing.T) {
	c := Default(t.TempDir(), knownRules)
	c.Exclude = []string{"dags/vendor/**", "build", "*.gen.py", "tmp/*.py"}
	tests := []struct {
		path string
		want bool
	}{
		{"dags/vendor/lib.py", true},
		{"dags/vendor", true}, // "**" matches nothing too: the folder itself is skipped
		{"dags/vendored/x.py", false},
		{"build", true},
		{"build/x.py", true},
		{"src/build/x.py", true},
		{"builder/x.py", false},
		{"dags/a.gen.py", true},
		{"dags/a.py", false},
		{"tmp/x.py", true},
		{"tmp/sub/x.py", false},
		{"other/tmp/x.py", false},
		{"../outside.py", false},
	}
	for _, tt := range tests {
		if got := c.Excluded(tt.path); got != tt.want {
			t.Errorf("Excluded(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
	if Default(".", knownRules).Excluded("dags/vendor/lib.py") {
		t.Error("default config excludes a file")
	}
}

func TestSettings(t *testing.T) {
	c := Default(".", knownRules)
	s := c.Settings(nil)
	if analysis.Get[[]string](s, rules.AllowedRegistries) != nil || s.Connections != nil || s.AirflowVersion != "2" ||
		!reflect.DeepEqual(analysis.Get[[]string](s, rules.PublicRegistries), rules.PublicRegistries.Default) {
		t.Errorf("default settings: %+v", s)
	}
	c.Options["allowed-registries"] = []string{}
	conns := map[string]*analysis.Connection{"x": {ID: "x", Type: "docker"}}
	s = c.Settings(conns)
	if analysis.Get[[]string](s, rules.AllowedRegistries) == nil || len(s.Connections) != 1 {
		t.Errorf("configured settings: %+v", s)
	}
}

func TestConnectionSources(t *testing.T) {
	dir := t.TempDir()
	cwd := t.TempDir()
	write(t, dir, "airflow_settings.yaml", "airflow: {}\n")
	c := Default(dir, knownRules)
	c.Path = filepath.Join(dir, ".daglint.yaml")
	if got := c.ConnectionSources(cwd); len(got) != 1 || got[0] != filepath.Join(dir, "airflow_settings.yaml") {
		t.Errorf("with config file: %v", got)
	}
	c.Path = ""
	if got := c.ConnectionSources(cwd); got != nil {
		t.Errorf("no config file, nothing in cwd: %v", got)
	}
	c.ConnectionsSet, c.Connections = true, []string{"/x/conns.json"}
	if got := c.ConnectionSources(cwd); !reflect.DeepEqual(got, []string{"/x/conns.json"}) {
		t.Errorf("configured: %v", got)
	}
}

func TestShowRoundTrip(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "conns.env", "")
	if err := os.MkdirAll(filepath.Join(dir, "lib", "py"), 0o755); err != nil {
		t.Fatal(err)
	}
	p := write(t, dir, ".daglint.yaml", `select: [DAG1]
ignore: [DAG101]
severity: {DAG102: error}
per-file-ignores: {"b/**": [DAG2], "a/**": [DAG3]}
allowed-registries: [ghcr.io]
connections: [conns.env]
airflow-version: "3"
python-path: [lib/py]
`)
	c, err := Load(p, knownRules)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := c.Show(&out); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	// The rules' options come after exclude, in the order of the registry.
	order := []string{"select:", "extend-select:", "ignore:", "severity:", "per-file-ignores:", "exclude:",
		"allowed-registries:", "public-registries:", "connections:", "airflow-version:", "max-file-size:", "python-path:"}
	last := -1
	for _, k := range order {
		i := strings.Index(text, "\n"+k)
		if i <= last {
			t.Fatalf("key %s missing or out of order in:\n%s", k, text)
		}
		last = i
	}
	if !strings.Contains(text, "python-path: [lib/py]") {
		t.Errorf("python-path not shown relative to the configuration:\n%s", text)
	}
	if !strings.Contains(text, "b/**") || strings.Index(text, "b/**") > strings.Index(text, "a/**") {
		t.Errorf("per-file-ignores not in file order:\n%s", text)
	}
	p2 := write(t, dir, "shown.yaml", text)
	c2, err := Load(p2, knownRules)
	if err != nil {
		t.Fatalf("Show output does not load: %v\n%s", err, text)
	}
	c2.Path = c.Path
	// Show writes every option, so the round trip sets the defaults too.
	for _, o := range c.options {
		if _, set := c.Options[o.Name]; !set && o.Default != nil {
			c.Options[o.Name] = o.Default
		}
	}
	if !reflect.DeepEqual(c, c2) {
		t.Errorf("round trip:\n got %+v\nwant %+v", c2, c)
	}
	var again bytes.Buffer
	if err := c.Show(&again); err != nil || again.String() != text {
		t.Errorf("Show is not deterministic")
	}
}

func TestClosest(t *testing.T) {
	tests := []struct{ in, want string }{
		{"per-file-ignore", "per-file-ignores"},
		{"selct", "select"},
		{"extend_select", "extend-select"},
		{"colour", ""},
		{strings.Repeat("x", 100), ""},
	}
	for _, tt := range tests {
		if got := closest(tt.in, keys); got != tt.want {
			t.Errorf("closest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestApplyCLILayers checks ruff's layering: the command line is a layer over
// the file, so --select starts afresh (the file's ignore no longer applies)
// and --extend-select re-enables a rule the file ignores.
func TestApplyCLILayers(t *testing.T) {
	tests := []struct {
		name              string
		fileSel, fileIgn  []string
		sel, ext, ign     []string
		enabled, disabled []string
	}{
		{"--select overrides the file's ignore", []string{"ALL"}, []string{"DAG404"}, []string{"DAG404"}, nil, nil, []string{"DAG404"}, []string{"DAG401", "DAG101"}},
		{"--select prefix overrides the file's specific ignore", []string{"ALL"}, []string{"DAG404"}, []string{"DAG4"}, nil, nil, []string{"DAG404", "DAG401"}, []string{"DAG101"}},
		{"--select with --ignore of the same layer", []string{"ALL"}, nil, []string{"DAG4"}, nil, []string{"DAG404"}, []string{"DAG401"}, []string{"DAG404", "DAG101"}},
		{"--extend-select re-enables an ignored rule", []string{"ALL"}, []string{"DAG404"}, nil, []string{"DAG404"}, nil, []string{"DAG404", "DAG101"}, nil},
		{"--extend-select prefix re-enables ignored rules", []string{"DAG1"}, []string{"DAG404"}, nil, []string{"DAG4"}, nil, []string{"DAG404", "DAG401", "DAG101"}, []string{"DAG201"}},
		{"--ignore over the file's select", []string{"DAG1"}, nil, nil, nil, []string{"DAG101"}, []string{"DAG102"}, []string{"DAG101", "DAG201"}},
		{"--ignore and --extend-select tie: ignore wins", []string{"DAG1"}, nil, nil, []string{"DAG4"}, []string{"DAG4"}, []string{"DAG101"}, []string{"DAG401"}},
		{"no CLI selectors keep the file's choice", []string{"ALL"}, []string{"DAG404"}, nil, nil, nil, []string{"DAG101"}, []string{"DAG404"}},
	}
	for _, tt := range tests {
		c := Default(".", knownRules)
		c.known = knownIDs
		c.Select, c.Ignore = tt.fileSel, tt.fileIgn
		if err := c.ApplyCLI(tt.sel, tt.ext, tt.ign); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		checkEnabled(t, tt.name, c, tt.enabled, tt.disabled)
	}
}

func TestExcludedBelow(t *testing.T) {
	dir := t.TempDir()
	c := Default(dir, knownRules)
	c.Exclude = []string{"dags/vendor", "generated", "**/*_gen.py"}
	tests := []struct {
		root, path string
		want       bool
	}{
		{"", "dags/vendor/v.py", true},
		{"dags", "dags/vendor/v.py", true},
		{"dags/vendor", "dags/vendor/v.py", false},
		{filepath.Join(dir, "dags", "vendor"), filepath.Join(dir, "dags", "vendor", "v.py"), false},
		{"dags/vendor", "dags/vendor/generated/g.py", true},
		{"dags/vendor/generated", "dags/vendor/generated/g.py", false},
		{"dags/vendor", "dags/vendor/x_gen.py", true},
		{"dags/vendor", "dags/vendor/x.py", false},
	}
	for _, tt := range tests {
		if got := c.ExcludedBelow(tt.root, tt.path); got != tt.want {
			t.Errorf("ExcludedBelow(%q, %q) = %v, want %v", tt.root, tt.path, got, tt.want)
		}
	}
}

func TestPublicRegistryNamespaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".daglint.yaml")
	if err := os.WriteFile(path, []byte("public-registries: [Index.Docker.IO, GHCR.io/OpenData/, quay.io]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path, knownRules)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"docker.io", "ghcr.io/OpenData", "quay.io"}
	if got := c.Options["public-registries"].([]string); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("public-registries = %q, want %q (host lowercased and aliased, namespace kept as written)", got, want)
	}
}

// checkEnabled asserts which rules c runs.
func checkEnabled(t *testing.T, name string, c *Config, enabled, disabled []string) {
	t.Helper()
	for _, id := range enabled {
		if !c.Enabled(id) {
			t.Errorf("%s: %s disabled, want enabled", name, id)
		}
	}
	for _, id := range disabled {
		if c.Enabled(id) {
			t.Errorf("%s: %s enabled, want disabled", name, id)
		}
	}
}

// TestErrorsNeverShowSecrets puts secrets where a configuration error could
// echo them: a token as an unknown key (with a did-you-mean hint), as a
// rule ID, a password as a value, a glob or an unknown YAML anchor. The
// error names the file and line and shows no 8 characters of the secret.
func TestErrorsNeverShowSecrets(t *testing.T) {
	const (
		token = "glpat-" + "Zz7Lm2Np9Rt4Vw8Yz3Ef"
		pw    = "Hunt3r" + "Passw0rdZZ"
	)
	tests := []struct {
		name, file, text, secret string
		line                     int
		msg                      string
	}{
		{"token as key", ".daglint.yaml", "select: [DAG1]\n" + token + ": 1\n", token, 2, "unknown key"},
		{"token as key near a real one", ".daglint.yaml", "select-" + token + ": [DAG1]\n", token, 1, "unknown key"},
		{"token as rule", ".daglint.yaml", "ignore:\n  - " + token + "\n", token, 2, "unknown rule"},
		{"url in registries", ".daglint.yaml", "public-registries:\n  - https://ci:" + pw + "@ghcr.io\n", pw, 2, "not a registry host"},
		{"password as a value", ".daglint.yaml", "airflow-version: " + pw + "\n", pw, 1, "unknown version"},
		{"password as a glob", ".daglint.yaml", "exclude:\n  - /" + pw + "\n", pw, 2, "glob must be relative"},
		{"password as anchor", ".daglint.yaml", "select: [DAG1]\nairflow-version: *" + pw + "\n", pw, 2, "invalid YAML: unknown anchor"},
		{"password in toml", "pyproject.toml", "[tool.daglint]\nselect = [\"DAG1\"]\nx = *" + pw + "\n", pw, 3, "invalid TOML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, t.TempDir(), tt.file, tt.text)
			_, err := Load(p, knownRules)
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("got %v, want *Error", err)
			}
			if ce.Line != tt.line || !strings.Contains(ce.Msg, tt.msg) {
				t.Errorf("got line %d %q, want line %d and %q", ce.Line, ce.Msg, tt.line, tt.msg)
			}
			for i := 0; i+8 <= len(tt.secret); i++ {
				if w := tt.secret[i : i+8]; strings.Contains(err.Error(), w) {
					t.Fatalf("error %q shows %q of the secret", err, w)
				}
			}
		})
	}
}

// TestRuleOptionGeneric declares an option on a throwaway rule and checks
// that the configuration decodes, validates and shows it without knowing
// it: what a new rule with an option costs the configuration is nothing.
func TestRuleOptionGeneric(t *testing.T) {
	depth := &analysis.Option{
		Name: "max-depth", Doc: "how deep to look", Default: 3,
		Type: analysis.OptionType{
			Decode: func(v *analysis.ConfigValue) (any, error) {
				n, err := strconv.Atoi(v.Text)
				if v.Kind != analysis.ConfigInt || err != nil {
					return nil, v.Errorf("expected a number, got %s", v.Describe())
				}
				if n < 1 {
					return nil, errors.New("must be at least 1")
				}
				return n, nil
			},
			Show: func(v any) *analysis.ConfigValue {
				return &analysis.ConfigValue{Kind: analysis.ConfigInt, Text: strconv.Itoa(v.(int))}
			},
		},
	}
	known := append([]*analysis.Rule{{ID: "DAG999", Name: "demo", Options: []*analysis.Option{depth}}}, knownRules...)
	dir := t.TempDir()
	c, err := Load(write(t, dir, ".daglint.yaml", "select: [ALL]\nmax-depth: 5\n"), known)
	if err != nil {
		t.Fatal(err)
	}
	if got := analysis.Get[int](c.Settings(nil), depth); got != 5 {
		t.Errorf("max-depth = %d, want 5", got)
	}
	if got := analysis.Get[int](Default(dir, known).Settings(nil), depth); got != 3 {
		t.Errorf("default max-depth = %d, want 3", got)
	}
	var out bytes.Buffer
	if err := c.Show(&out); err != nil || !strings.Contains(out.String(), "\nmax-depth: 5\n") {
		t.Errorf("Show: %v\n%s", err, out.String())
	}
	for _, tt := range []struct{ yaml, want string }{
		{"select: [ALL]\nmax-dept: 5\n", `.daglint.yaml:2: unknown key "max-dept"; did you mean "max-depth"?`},
		{"select: [ALL]\n\nmax-depth: [5]\n", `.daglint.yaml:3: max-depth: expected a number, got a list`},
		{"max-depth: 0\n", `.daglint.yaml:1: max-depth: must be at least 1`},
	} {
		_, err := Load(write(t, dir, ".daglint.yaml", tt.yaml), known)
		if err == nil || !strings.HasSuffix(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %s", tt.yaml, err, tt.want)
		}
	}
	if _, err := Load(write(t, dir, ".daglint.yaml", "max-depth: 5\n"), knownRules); err == nil ||
		!strings.Contains(err.Error(), `unknown key "max-depth"`) {
		t.Errorf("an option of no known rule: %v, want unknown key", err)
	}
}

// TestOptionNamesAreNotConfigKeys: a rule option may not take a name the
// configuration already uses.
func TestOptionNamesAreNotConfigKeys(t *testing.T) {
	for _, o := range analysis.Options(knownRules) {
		if slices.Contains(keys, o.Name) {
			t.Errorf("option %q of a rule is also a configuration key", o.Name)
		}
	}
}
