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
		seen[want]++
	}
	root, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	indexes := map[string]*project.Index{}
	var files []string
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, path)
		}
		return err
	})
	if err != nil || len(files) < 100 {
		t.Fatalf("testdata: %d files, %v", len(files), err)
	}
	splice := []string{"DockerOperator", "Operator", "PodOperator", "kubernetes", "# noqa", "daglint",
		"get-login", "password", "glpat-", "from include import x\n", "from .y import z\n"}
	rng := rand.New(rand.NewSource(1))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var opts Options
		if rel, ok := strings.CutPrefix(f, filepath.Join(root, "projects")+string(filepath.Separator)); ok {
			dir := filepath.Join(root, "projects", strings.Split(rel, string(filepath.Separator))[0])
			if indexes[dir] == nil {
				indexes[dir] = project.New(dir, dir, nil)
			}
			opts.Modules = indexes[dir]
		}
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
