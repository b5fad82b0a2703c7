package lint

import (
	"bytes"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/project"
)

// ImportsProject reports whether src, the file path, has an import
// statement that names a module of the project ix indexes (nil: none). Such
// a file may instantiate an operator subclass defined there, or an operator
// the module re-exports, without naming any operator (`from operators.base
// import Runner`): Relevant cannot see it, so the driver parses it too. The
// test is textual and cheap: each line that starts, after indentation, with
// `from` or `import` gives its module names, which airflow.ProjectImports
// looks up as the model's shortcut does (each head once, from a folder
// listing the index caches for the run; never airflow itself). Lines inside
// strings may count: that costs a parse, never a finding.
func ImportsProject(path string, src []byte, ix *project.Index) bool {
	return importsProject(path, src, ix, nil)
}

// projectHeads is the cache of importsProject for the files a worker
// lints with the options of s (one module index), nil when s is nil (a
// file linted on its own). It lives as long as the run, so the folder
// listings the answers come from are those the index caches for the run.
func (s *ruleSets) projectHeads() map[string]bool {
	if s == nil {
		return nil
	}
	if s.heads == nil {
		s.heads = map[string]bool{}
	}
	return s.heads
}

// importsProject is ImportsProject remembering in heads (nil: nothing),
// for the first name of each absolute import, whether it names a module
// of the project: whether `import json` does is the same question in
// every file (relative imports depend on the file's folder, so they are
// asked each time). A file asks ProjectImports once per name, so the
// answer it gets is the index's, as the model's shortcut would get it.
func importsProject(path string, src []byte, ix *project.Index, heads map[string]bool) bool {
	if ix == nil || !bytes.Contains(src, []byte("import")) {
		return false
	}
	var test *airflow.ProjectImports // made at the first question the cache cannot answer
	names := func(level int, dotted []byte) bool {
		if test == nil {
			test = airflow.NewProjectImports(ix, path)
		}
		return test.Names(level, string(dotted))
	}
	found := false
	visit := func(level int, dotted []byte) bool { // false: stop, found
		if level > 0 || heads == nil {
			found = names(level, dotted)
			return !found
		}
		head, _, _ := bytes.Cut(dotted, []byte("."))
		known, ok := heads[string(head)] // no string made for the lookup
		if !ok {
			known = names(0, dotted)
			heads[string(head)] = known
		}
		found = known
		return !found
	}
	for rest := src; len(rest) > 0 && !found; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		eachImportedModule(line, visit)
	}
	return found
}

// eachImportedModule calls fn with the level (leading dots) and dotted
// name of each module an import statement on line names (`import a.b, c as
// d` gives a.b and c; `from ..x import y` gives 2 and x), until fn returns
// false; a line that is no import statement gives none. It makes no string:
// every line of every file the prefilter reads comes through here, and the
// names are slices of line.
func eachImportedModule(line []byte, fn func(level int, dotted []byte) bool) {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++ // as bytes.TrimLeft(line, " \t"), which is slower
	}
	line = line[i:]
	if len(line) == 0 || line[0] != 'f' && line[0] != 'i' ||
		!bytes.HasPrefix(line, []byte("from ")) && !bytes.HasPrefix(line, []byte("import ")) {
		return // most lines
	}
	if end := bytes.IndexAny(line, "#;\\("); end >= 0 {
		line = line[:end]
	}
	if rest, ok := bytes.CutPrefix(line, []byte("from ")); ok {
		rest = bytes.TrimLeft(rest, " \t")
		i, dots := 0, 0
		for i < len(rest) && (rest[i] == '.' || rest[i] == ' ' || rest[i] == '\t') {
			if rest[i] == '.' {
				dots++
			}
			i++
		}
		j := i
		for j < len(rest) && (rest[j] == '.' || rest[j] == '_' || rest[j] >= 0x80 ||
			'a' <= rest[j] && rest[j] <= 'z' || 'A' <= rest[j] && rest[j] <= 'Z' || '0' <= rest[j] && rest[j] <= '9') {
			j++
		}
		name := rest[i:j]
		if dots > 0 && string(name) == "import" {
			name = nil // from . import x
		}
		if dots > 0 || len(name) > 0 {
			fn(dots, name)
		}
		return
	}
	names, _ := bytes.CutPrefix(line, []byte("import "))
	for len(names) > 0 {
		n := names
		if k := bytes.IndexByte(names, ','); k >= 0 {
			n, names = names[:k], names[k+1:]
		} else {
			names = nil
		}
		n, _, _ = bytes.Cut(bytes.TrimSpace(n), []byte(" "))
		if len(n) > 0 && n[0] != '.' && !fn(0, n) {
			return
		}
	}
}
