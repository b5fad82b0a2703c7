// Package project is the module index of a project: the Python modules
// importable from the project root, its dags/, plugins/ and include/
// folders and the folders configured under python-path, found the way
// Python's path finder finds them (modules, packages with __init__.py,
// namespace packages). The index is lazy: a folder is listed, and a module
// read and parsed, only when a linted file's imports need it, once per
// run, whichever of the parallel workers asks first. Files it reads to
// resolve names are never reported on.
package project

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/pyparse"
)

// Folders under the project root that Airflow puts on the import path.
var Folders = []string{"dags", "plugins", "include"}

// Limits bound the work and memory one run spends on imported modules
// (the index keeps what it parsed for the run): a huge package costs at
// most MaxModules parses of at most MaxModuleSize bytes each and
// MaxModuleBytes in all; a module beyond them is unresolved (never
// guessed).
const (
	MaxModules     = 4000
	MaxModuleSize  = 1 << 20
	MaxModuleBytes = 64 << 20
)

// Index finds and parses the modules of one project. It is safe for
// concurrent use; the zero value is not usable (see New).
type Index struct {
	root  string
	roots []string // absolute import roots, in order, without repeats
	cwd   string

	mu      sync.Mutex
	dirs    map[string]map[string]entryKind // folder -> its Python entries
	modules map[string]*airflow.Module      // key -> module, for pointer identity
	parsed  map[string]*parsed              // module file -> its model
	loads   int                             // modules read so far
	limit   int                             // most modules read in a run (MaxModules)
	bytes   int64                           // bytes of modules kept so far

	// Reads counts module files read (for tests and measurements).
	reads int
}

type entryKind uint8

const (
	kindFile entryKind = 1 << iota // name.py
	kindDir                        // name/ (a package or a namespace portion)
)

type parsed struct {
	size    int64 // bytes counted against the budget (under Index.mu)
	counted bool  // counted against MaxModules (under Index.mu)
	once    sync.Once
	model   *airflow.Model
	memo    sync.Once
	value   []string
}

// New returns the index of the project rooted at root (absolute or
// relative to cwd), importing from root, its dags/, plugins/ and include/
// folders and the extra folders (absolute or relative to root). Folders
// that do not exist are left out. Paths of the modules it reads are
// relative to cwd when under it, as the driver reports paths.
func New(root, cwd string, extra []string) *Index {
	root = absIn(cwd, root)
	ix := &Index{
		root:    root,
		cwd:     cwd,
		dirs:    map[string]map[string]entryKind{},
		modules: map[string]*airflow.Module{},
		parsed:  map[string]*parsed{},
		limit:   MaxModules,
	}
	cands := []string{root}
	for _, f := range Folders {
		cands = append(cands, filepath.Join(root, f))
	}
	for _, e := range extra {
		cands = append(cands, absIn(root, e))
	}
	seen := map[string]bool{}
	for _, c := range cands {
		if seen[c] {
			continue
		}
		seen[c] = true
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			ix.roots = append(ix.roots, c)
		}
	}
	return ix
}

// Root returns the project root (absolute).
func (ix *Index) Root() string { return ix.root }

// Roots returns the import roots (absolute), in order.
func (ix *Index) Roots() []string { return append([]string(nil), ix.roots...) }

// Reads returns how many module files the index has read.
func (ix *Index) Reads() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.reads
}

func absIn(dir, p string) string {
	p = filepath.FromSlash(p)
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	return filepath.Clean(p)
}

// Import implements airflow.Modules.
func (ix *Index) Import(from string, level int, dotted string) *airflow.Module {
	var parts []string
	if dotted != "" {
		parts = strings.Split(dotted, ".")
	}
	var m *airflow.Module
	if level == 0 {
		if len(parts) == 0 {
			return nil
		}
		m = ix.find(ix.roots, parts[0])
		parts = parts[1:]
	} else {
		dir := filepath.Dir(absIn(ix.cwd, from))
		for i := 1; i < level; i++ {
			dir = filepath.Dir(dir)
		}
		if !ix.inside(dir) {
			return nil // never read above the project's folders
		}
		m = ix.packageAt(dir)
	}
	for _, p := range parts {
		if m == nil {
			return nil
		}
		m = ix.Sub(m, p)
	}
	return m
}

// Sub implements airflow.Modules.
func (ix *Index) Sub(m *airflow.Module, name string) *airflow.Module {
	if m == nil || len(m.Dirs) == 0 || name == "" {
		return nil
	}
	return ix.find(m.Dirs, name)
}

// find looks name up in folders as Python's path finder does: a package
// (name/__init__.py) or a module (name.py) in a folder wins, folders named
// name without __init__.py are portions of one namespace package. Two
// folders with different modules of the name make it ambiguous (their
// order on the real import path is not known): nil.
func (ix *Index) find(folders []string, name string) *airflow.Module {
	if !validName(name) {
		return nil
	}
	var found string // the module file
	var pkgDir string
	var portions []string
	for _, dir := range folders {
		k := ix.list(dir)[name]
		switch {
		case k&kindDir != 0 && ix.list(filepath.Join(dir, name))["__init__"]&kindFile != 0:
			file := filepath.Join(dir, name, "__init__.py")
			if found != "" && found != file {
				return nil
			}
			found, pkgDir = file, filepath.Join(dir, name)
		case k&kindFile != 0:
			file := filepath.Join(dir, name+".py")
			if found != "" && found != file {
				return nil
			}
			found = file
		case k&kindDir != 0:
			portions = append(portions, filepath.Join(dir, name))
		}
	}
	switch {
	case found != "" && pkgDir != "":
		return ix.module(found, []string{pkgDir})
	case found != "":
		return ix.module(found, nil)
	case len(portions) > 0:
		return ix.module("", portions)
	}
	return nil
}

// packageAt returns the package whose folder is dir (for relative
// imports): regular when it holds __init__.py, else a namespace portion.
func (ix *Index) packageAt(dir string) *airflow.Module {
	if ix.list(dir)["__init__"]&kindFile != 0 {
		return ix.module(filepath.Join(dir, "__init__.py"), []string{dir})
	}
	return ix.module("", []string{dir})
}

// inside reports whether dir is an import root or lies below one.
func (ix *Index) inside(dir string) bool {
	for _, r := range ix.roots {
		if rel, err := filepath.Rel(r, dir); err == nil && (rel == "." || filepath.IsLocal(rel)) {
			return true
		}
	}
	return false
}

// module returns the one Module value for a file and folders.
func (ix *Index) module(file string, dirs []string) *airflow.Module {
	key := file + "\x00" + strings.Join(dirs, "\x00")
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if m, ok := ix.modules[key]; ok {
		return m
	}
	m := &airflow.Module{Path: file, Dirs: dirs}
	ix.modules[key] = m
	return m
}

// validName reports whether s can be a module name: an identifier (also
// non-ASCII), never a path.
func validName(s string) bool {
	if s == "" || strings.ContainsAny(s, `/\.:`) {
		return false
	}
	for i, r := range s {
		if r == '_' || r >= 0x80 || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9') {
			continue
		}
		return false
	}
	return true
}

// list returns the Python entries of a folder (read once): modules
// (name.py) and sub-folders, by name. Symbolic links are passed over, as
// the walk passes over links to folders: the index reads nothing outside
// the project's folders.
func (ix *Index) list(dir string) map[string]entryKind {
	ix.mu.Lock()
	if l, ok := ix.dirs[dir]; ok {
		ix.mu.Unlock()
		return l
	}
	ix.mu.Unlock()
	l := map[string]entryKind{}
	if ents, err := os.ReadDir(dir); err == nil {
		for _, e := range ents {
			n := e.Name()
			switch {
			case e.IsDir():
				l[n] |= kindDir
			case strings.HasSuffix(n, ".py") && e.Type().IsRegular():
				l[strings.TrimSuffix(n, ".py")] |= kindFile
			}
		}
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if prev, ok := ix.dirs[dir]; ok {
		return prev // listed meanwhile by another worker
	}
	ix.dirs[dir] = l
	return l
}

// Model implements airflow.Modules: the module's file is read and parsed
// once, by the first worker that needs it.
func (ix *Index) Model(m *airflow.Module) *airflow.Model {
	if m == nil || m.Path == "" {
		return nil
	}
	p := ix.entry(m.Path)
	p.once.Do(func() { p.model = ix.load(m.Path, p) })
	return p.model
}

func (ix *Index) entry(path string) *parsed {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	p := ix.parsed[path]
	if p == nil {
		p = &parsed{}
		ix.parsed[path] = p
	}
	return p
}

// load reads and analyses a module file; nil when it cannot be read, is
// too large, is over the run's budget of modules or bytes, or does not
// parse.
func (ix *Index) load(path string, p *parsed) *airflow.Model {
	ix.mu.Lock()
	if ix.loads >= ix.limit {
		ix.mu.Unlock()
		return nil
	}
	ix.loads++
	ix.reads++
	p.counted = true
	ix.mu.Unlock()
	src, err := readModule(path)
	if err != nil {
		return nil
	}
	ix.mu.Lock()
	over := ix.bytes+int64(len(src)) > MaxModuleBytes
	if !over {
		ix.bytes += int64(len(src))
		p.size = int64(len(src))
	}
	ix.mu.Unlock()
	if over {
		return nil
	}
	f := pyparse.Parse(ix.display(path), src)
	if len(f.Errors) > 0 {
		return nil // importing it raises: nothing it defines is known
	}
	return airflow.BuildModule(f, ix)
}

var errSkip = errors.New("not a module file")

// readModule reads a regular file of at most MaxModuleSize bytes.
func readModule(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() || st.Size() > MaxModuleSize {
		return nil, errSkip
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxModuleSize+1)); err != nil {
		return nil, err
	}
	if buf.Len() > MaxModuleSize || bytes.IndexByte(buf.Bytes(), 0) >= 0 {
		return nil, errSkip
	}
	return buf.Bytes(), nil
}

// display is the path a module's findings' related locations show:
// relative to the working directory when under it, slash-separated.
func (ix *Index) display(path string) string {
	if rel, err := filepath.Rel(ix.cwd, path); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(path)
}

// Memo returns what compute gives for the module of m, computed once per
// module however many files ask (the driver keeps each module's secrets
// here).
func (ix *Index) Memo(m *airflow.Model, compute func(*airflow.Model) []string) []string {
	p := ix.entry(ix.abs(m.File.Path))
	p.memo.Do(func() { p.value = compute(m) })
	return p.value
}

func (ix *Index) abs(display string) string { return absIn(ix.cwd, display) }

// Abs returns the absolute path of a module file the index read, from the
// path its File carries (relative to the working folder when under it).
func (ix *Index) Abs(path string) string { return ix.abs(path) }

// Forget drops what the index knows of the file or folder at path (absolute
// or relative to the working folder): its parsed module, and the listing of
// its folder (a module may have been created or deleted). The next file
// that imports it reads it again; nothing else is re-read. It reports
// whether the index had read any of it.
func (ix *Index) Forget(path string) bool {
	abs := ix.abs(path)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	p, parsed := ix.parsed[abs]
	_, listed := ix.dirs[filepath.Dir(abs)]
	_, isDir := ix.dirs[abs]
	if parsed {
		// A server forgets a module each time it is saved: its read no
		// longer counts against the run's budgets.
		ix.bytes -= p.size
		p.size = 0
		if p.counted {
			ix.loads--
			p.counted = false
		}
	}
	delete(ix.parsed, abs)
	delete(ix.dirs, filepath.Dir(abs))
	delete(ix.dirs, abs)
	return parsed || listed || isDir
}
