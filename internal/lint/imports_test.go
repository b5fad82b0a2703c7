package lint

import (
	"bytes"
	"math/rand"
	"path/filepath"
	"slices"
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

// importedModules is eachImportedModule as it was first written, with a
// string for each line and name, kept as its oracle: the modules an import
// statement on line names
// (`import a.b, c as d` gives a.b and c; `from ..x import y` gives ..x), or
// nil when the line is no import statement.
func importedModules(line []byte) []string {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++ // as bytes.TrimLeft(line, " \t"), which is slower
	}
	line = line[i:]
	if len(line) == 0 || line[0] != 'f' && line[0] != 'i' ||
		!bytes.HasPrefix(line, []byte("from ")) && !bytes.HasPrefix(line, []byte("import ")) {
		return nil // most lines: no string made of them
	}
	s := string(line)
	if end := strings.IndexAny(s, "#;\\("); end >= 0 {
		s = s[:end]
	}
	if rest, ok := strings.CutPrefix(s, "from "); ok {
		rest = strings.TrimLeft(rest, " \t")
		i := 0
		for i < len(rest) && (rest[i] == '.' || rest[i] == ' ' || rest[i] == '\t') {
			i++
		}
		j := i
		for j < len(rest) && (rest[j] == '.' || rest[j] == '_' || rest[j] >= 0x80 ||
			'a' <= rest[j] && rest[j] <= 'z' || 'A' <= rest[j] && rest[j] <= 'Z' || '0' <= rest[j] && rest[j] <= '9') {
			j++
		}
		dots, name := strings.Count(rest[:i], "."), rest[i:j]
		if name == "import" && dots > 0 {
			name = "" // from . import x
		}
		if dots == 0 && name == "" {
			return nil
		}
		return []string{strings.Repeat(".", dots) + name}
	}
	names, ok := strings.CutPrefix(s, "import ")
	if !ok {
		return nil
	}
	var out []string
	for _, n := range strings.Split(names, ",") {
		n, _, _ = strings.Cut(strings.TrimSpace(n), " ")
		if n != "" && !strings.HasPrefix(n, ".") {
			out = append(out, n)
		}
	}
	return out
}

// TestEachImportedModuleEqualsStrings: eachImportedModule gives the modules
// importedModules does, in order, on every line of the testdata files and on
// lines built at random from pieces of import statements.
func TestEachImportedModuleEqualsStrings(t *testing.T) {
	check := func(line []byte) {
		t.Helper()
		var got []string
		eachImportedModule(line, func(level int, dotted []byte) bool {
			got = append(got, strings.Repeat(".", level)+string(dotted))
			return true
		})
		if want := importedModules(line); !slices.Equal(got, want) {
			t.Fatalf("eachImportedModule(%q) gives %q, want %q", line, got, want)
		}
	}
	for _, fx := range testdataFiles(t) {
		for _, line := range bytes.Split(fx.src, []byte("\n")) {
			check(line)
		}
	}
	pieces := []string{"from", "import", " ", "\t", ".", "..", "a", "b.c", "_x", "é", ",", " as ", "#", ";", "\\", "(", "\r", "\v", "\u00a0", "\u0085", "*", "0"}
	r := rand.New(rand.NewSource(7))
	for range 20000 {
		var b strings.Builder
		for range 1 + r.Intn(12) {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		check([]byte(b.String()))
		check([]byte("import " + b.String()))
		check([]byte("  from " + b.String()))
	}
}
