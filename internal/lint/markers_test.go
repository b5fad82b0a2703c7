package lint

import (
	"bytes"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/project"
	"github.com/daglint/daglint/internal/secrets"
)

// containsAny is the plain marker search: one pass per marker.
func containsAny(src []byte, markers [][]byte) bool {
	for _, m := range markers {
		if bytes.Contains(src, m) {
			return true
		}
	}
	return false
}

// plainPrefilter is prefilter written the plain way, a search per marker
// and then one for the secrets: the one-pass scan must decide as it does.
func plainPrefilter(path string, src []byte, opts Options) stage {
	if containsAny(src, markers) {
		return parse
	}
	return stageOf(secrets.SecretHint(src), path, src, opts)
}

// TestPrefilterEqualsPlainSearch: the prefilter decides as plainPrefilter
// on every file under testdata (those of a project with its module index),
// on each with a marker cut out, with a marker or secret-like word spliced
// in, and on texts built at random from pieces of the markers (so near
// misses such as "BashOperator", "PodOperato", "DockerSwarm Operator"
// abound).
func TestPrefilterEqualsPlainSearch(t *testing.T) {
	seen := map[stage]int{}
	check := func(what, path string, src []byte, opts Options) {
		t.Helper()
		want := plainPrefilter(path, src, opts)
		if got := prefilter(path, src, opts); got != want {
			t.Fatalf("%s: prefilter(%q) = %v, the plain search says %v", what, src, got, want)
		}
		// The token answer of the same pass is what fileSecrets relies on:
		// when it is false, the source holds no token.
		if _, tok := prefilterScan(path, src, opts); tok != secrets.MayContainToken(src) ||
			!tok && len(secrets.FindTokens(string(src))) > 0 {
			t.Fatalf("%s: prefilterScan(%q) says token %v; MayContainToken %v, FindTokens %v",
				what, src, tok, secrets.MayContainToken(src), secrets.FindTokens(string(src)))
		}
		seen[want]++
	}
	splice := []string{"DockerOperator", "Operator", "PodOperator", "kubernetes", "# noqa", "daglint",
		"get-login", "password", "glpat-", "from include import x\n", "from .y import z\n"}
	rng := rand.New(rand.NewSource(1))
	for _, fx := range testdataFiles(t) {
		f, src, opts := fx.path, fx.src, Options{Modules: fx.modules}
		check(f, f, src, opts)
		for _, m := range markers {
			if i := bytes.Index(src, m); i >= 0 {
				cut := append(append([]byte{}, src[:i]...), src[i+len(m):]...)
				check(f+" without "+string(m), f, cut, opts)
			}
		}
		for _, piece := range splice {
			at := rng.Intn(len(src) + 1)
			spliced := append(append(append([]byte{}, src[:at]...), piece...), src[at:]...)
			check(f+" with "+piece, f, spliced, opts)
		}
	}
	pieces := []string{"Operator", "Pod", "Job", "Docker", "Swarm", "Bash", "Kubernetes", "kubernetes",
		"docker", "dock", "noqa", "noq", "daglint", "get-login", "get-", " ", "\n", "x", "O", "perator",
		"token", "key", "pass", "pass\n", "://", "@", "ghp_"}
	for range 30000 {
		var b []byte
		for range rng.Intn(8) {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		check("generated", "x.py", b, Options{})
	}
	for _, s := range []stage{skip, parse, askTokens} {
		if seen[s] < 100 {
			t.Fatalf("too few texts of stage %v: %v", s, seen)
		}
	}
}

// fixture is a file under testdata, with the module index of its project
// (nil outside testdata/projects).
type fixture struct {
	path    string // absolute
	src     []byte
	project string // the project folder, or ""
	modules *project.Index
}

// testdataFiles reads every file under testdata.
func testdataFiles(t *testing.T) []fixture {
	t.Helper()
	root, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	projects := filepath.Join(root, "projects") + string(filepath.Separator)
	indexes := map[string]*project.Index{}
	var out []fixture
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		src, err := os.ReadFile(path)
		fx := fixture{path: path, src: src}
		if rel, ok := strings.CutPrefix(path, projects); ok {
			fx.project = projects + strings.Split(rel, string(filepath.Separator))[0]
			if indexes[fx.project] == nil {
				indexes[fx.project] = project.New(fx.project, fx.project, nil)
			}
			fx.modules = indexes[fx.project]
		}
		out = append(out, fx)
		return err
	})
	if err != nil || len(out) < 100 {
		t.Fatalf("testdata: %d files, %v", len(out), err)
	}
	return out
}
