package lint

import (
	"bytes"
	"math/rand"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/project"
)

// importsProjectByLine is ImportsProject the plain way: every line split
// off and looked at.
func importsProjectByLine(path string, src []byte, ix *project.Index) bool {
	if !bytes.Contains(src, []byte("import")) {
		return false
	}
	test := airflow.NewProjectImports(ix, path)
	for _, line := range bytes.Split(src, []byte("\n")) {
		for _, mod := range importedModules(line) {
			dotted := strings.TrimLeft(mod, ".")
			if test.Names(len(mod)-len(dotted), dotted) {
				return true
			}
		}
	}
	return false
}

// TestImportsProjectEqualsLineByLine: ImportsProject, and importsProject
// with a cache kept from file to file, decide as looking at every line
// does, on the Python files of every project under
// testdata, on each with an import of a project module written in other
// ways (indented, after a string, continued, at the end without a line
// break) spliced in, and on texts built at random from pieces of import
// statements.
func TestImportsProjectEqualsLineByLine(t *testing.T) {
	seen := map[bool]int{}
	caches := map[*project.Index]map[string]bool{} // one per index, shared by all its files, as a worker's
	check := func(what, path string, src []byte, ix *project.Index) {
		t.Helper()
		want := importsProjectByLine(path, src, ix)
		if got := ImportsProject(path, src, ix); got != want {
			t.Fatalf("%s: ImportsProject(%q) = %v, line by line %v", what, src, got, want)
		}
		if caches[ix] == nil {
			caches[ix] = map[string]bool{}
		}
		if got := importsProject(path, src, ix, caches[ix]); got != want {
			t.Fatalf("%s: importsProject(%q) with the cache of the files before = %v, line by line %v", what, src, got, want)
		}
		seen[want]++
	}
	files := testdataFiles(t)
	heads := map[string][]string{} // by project: the names of its modules
	for _, fx := range files {
		if fx.project != "" && strings.HasSuffix(fx.path, ".py") {
			heads[fx.project] = append(heads[fx.project], strings.TrimSuffix(filepath.Base(fx.path), ".py"))
		}
	}
	if len(heads) < 5 {
		t.Fatalf("%d projects under testdata", len(heads))
	}
	rng := rand.New(rand.NewSource(1))
	for _, fx := range files {
		if fx.project == "" || !strings.HasSuffix(fx.path, ".py") {
			continue
		}
		f, src, ix := fx.path, fx.src, fx.modules
		check(f, f, src, ix)
		for _, h := range heads[fx.project] {
			for _, form := range []string{"from %s import x\n", "\t  import os, %s\n", "x = 'a' # from %s import y\n",
				"from . \\\nimport %s\n", "\r\nimport %s\r\n", "import %s", "if x:\n    from .%s import (a,\n b)\n"} {
				line := strings.ReplaceAll(form, "%s", h)
				at := bytes.LastIndexByte(src[:rng.Intn(len(src)+1)], '\n') + 1
				spliced := append(append(append([]byte{}, src[:at]...), line...), src[at:]...)
				check(f+" with "+line, f, spliced, ix)
			}
		}
	}
	dir, _ := filepath.Abs("../../testdata/projects/imports")
	ix := project.New(dir, dir, nil)
	path := filepath.Join(dir, "dags", "x.py")
	pieces := []string{"from ", "import ", "from", "import", "include", "settings", "dags", "os", ".", "..",
		" ", "  ", "\t", "\n", "\r\n", "#", "x", "(", "\\", ",", " as ", "'", "\f"}
	for range 30000 {
		var b []byte
		for range rng.Intn(12) {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		check("generated", path, b, ix)
	}
	if seen[true] < 100 || seen[false] < 100 {
		t.Fatalf("too few texts of one kind: %v", seen)
	}
}
