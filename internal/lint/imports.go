package lint

import (
	"bytes"
	"strings"

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
	test := airflow.NewProjectImports(ix, path)
	for rest := src; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		for _, mod := range importedModules(line) {
			dotted := strings.TrimLeft(mod, ".")
			level := len(mod) - len(dotted)
			if level > 0 || heads == nil {
				if test.Names(level, dotted) {
					return true
				}
				continue
			}
			head, _, _ := strings.Cut(dotted, ".")
			names, ok := heads[head]
			if !ok {
				names = test.Names(0, dotted)
				heads[head] = names
			}
			if names {
				return true
			}
		}
	}
	return false
}

// importedModules returns the modules an import statement on line names
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
