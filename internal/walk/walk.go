// Package walk finds the Python files that daglint lints.
//
// It follows ruff's file discovery: paths named on the command line are
// always linted; directories are walked for "*.py" files, skipping the usual
// tool and virtualenv folders and whatever .gitignore files exclude.
//
// The walk is iterative (an explicit stack), never enters a directory twice,
// lists each physical file once, and turns every problem with one path into
// a PathError while the rest of the walk goes on.
//
// Symbolic links (as ruff, which does not follow directory links found while
// walking, and gitleaks, which follows none by default): a link named on the
// command line is followed; below a walked folder a link to a directory is
// never entered, and a link to a file is linted only when the file lies
// inside that folder, once, under its own path when the walk reaches it
// directly too. So a walk never reads, and --fix never writes, outside the
// folders it was given.
package walk

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/daglint/daglint/internal/gitignore"
)

// ErrNoPaths is returned by Walk when it is given no paths at all.
var ErrNoPaths = errors.New("walk: no paths given")

// errNotFileOrDir is the cause recorded for an explicit path that is neither a
// regular file nor a directory (a FIFO, a socket, a device).
var errNotFileOrDir = errors.New("not a regular file or directory")

// pythonExt is the extension of the files a directory walk collects.
const pythonExt = ".py"

// skipDirs are the directory names that are never walked into, as in ruff's
// default exclude list (plus __pycache__). Read-only after initialisation.
var skipDirs = map[string]bool{
	".bzr": true, ".direnv": true, ".eggs": true, ".git": true, ".git-rewrite": true,
	".hg": true, ".ipynb_checkpoints": true, ".mypy_cache": true, ".nox": true,
	".pants.d": true, ".pyenv": true, ".pytest_cache": true, ".pytype": true,
	".ruff_cache": true, ".svn": true, ".tox": true, ".venv": true, ".vscode": true,
	"__pypackages__": true, "_build": true, "buck-out": true, "build": true,
	"dist": true, "node_modules": true, "site-packages": true, "venv": true,
	"__pycache__": true,
}

// venvMarker is the file whose presence makes a directory a virtualenv.
const venvMarker = "pyvenv.cfg"

// SkippedDirNames returns, sorted, the directory names a walk never enters
// below a walk root. The slice is a fresh copy.
func SkippedDirNames() []string {
	names := make([]string, 0, len(skipDirs))
	for name := range skipDirs {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// Options controls a Walk. The zero value walks without any configured
// excludes and without reading .gitignore files.
type Options struct {
	// Exclude reports whether a path found while walking a directory is
	// excluded by configuration. The path is absolute, cleaned and
	// slash-separated (the walk does not know the configuration's root, so
	// the callee relativises it as its patterns require); isDir tells a
	// directory, which is then not entered. Nil means no exclusions. It is
	// not asked about paths named on the command line unless ForceExclude
	// is set.
	Exclude func(path string, isDir bool) bool

	// RespectGitignore makes the walk skip what .gitignore files, .ignore
	// files and .git/info/exclude exclude, with git's semantics: inside a
	// git work tree every .gitignore from the repository root (the nearest
	// ancestor holding ".git") down to each walked directory counts;
	// outside one, the .gitignore files of the walked directories count.
	// A nested repository starts afresh. The CLI sets it by default.
	RespectGitignore bool

	// ForceExclude applies Exclude to paths named on the command line too,
	// as ruff's --force-exclude: an explicit path is dropped when Exclude
	// matches it or any of its ancestor directories. Built-in skipped
	// names and .gitignore files never drop an explicit path.
	ForceExclude bool

	// OnFile, when not nil, is called with each file as the walk first
	// records it, on the goroutine that called Walk: in the order found,
	// not Result's order, and exactly once for each file Result.Files will
	// hold, so a caller can start reading files before the walk ends. The
	// File passed has its final Path; Explicit and Root may still change
	// (a later mention of the file, an outer folder named too).
	OnFile func(File)

	// readDir lists a directory sorted by name; nil means os.ReadDir.
	// Tests replace it to make directories vanish mid-walk.
	readDir func(name string) ([]fs.DirEntry, error)
}

// File is one file to lint.
type File struct {
	// Path is the display path, slash-separated: relative to the current
	// directory when the file is under it; otherwise absolute when the
	// command-line argument was absolute, else the argument cleaned and
	// joined with the path below it (such as "../other/dag.py").
	Path string
	// Explicit reports that the file was named on the command line (it is
	// then linted whatever its extension and whatever ignores it).
	Explicit bool
	// Root is the real path (symbolic links resolved) of the folder the
	// file was found in: the walked folder, or the folder holding a file
	// named on the command line. Whoever writes the file (--fix) must stay
	// inside it.
	Root string
}

// PathError is a problem with one path; the walk records it and goes on.
type PathError struct {
	// Path is the display path of the file or directory, as in File.Path.
	Path string
	// Err is the cause, such as fs.ErrNotExist's "no such file or
	// directory" or fs.ErrPermission's "permission denied".
	Err error
}

// Error returns "path: cause".
func (e PathError) Error() string { return e.Path + ": " + e.Err.Error() }

// Unwrap returns the cause, so errors.Is(err, fs.ErrNotExist) works.
func (e PathError) Unwrap() error { return e.Err }

// Result is what a Walk found.
type Result struct {
	// Files are the files to lint, sorted by Path, each file once.
	Files []File
	// Errors are the paths that could not be walked, sorted by Path.
	Errors []PathError
}

// Walk finds the files to lint under paths, which are files or directories
// as named on the command line (relative to the current directory or
// absolute).
//
// An explicit file is always linted, whatever its extension and even when a
// .gitignore or the built-in skip list would exclude it (unless
// Options.ForceExclude and Options.Exclude drop it). An explicit directory is
// always entered and walked recursively for "*.py" files; below it, the
// directories named in SkippedDirNames, virtualenvs (any directory holding
// pyvenv.cfg), Options.Exclude matches and, with RespectGitignore, ignored
// paths are skipped.
//
// Symbolic links named on the command line are followed. Below a walked
// directory, a link to a directory is skipped, and a link to a file counts
// only when the file lies inside the walked directory; every physical file
// is listed once (a file reached directly and through a link is listed
// under its direct path). A broken link is a PathError when named on the
// command line or when its name ends in ".py"; otherwise it is skipped
// silently. Regular files found in a walk are not opened: reading them, and
// the errors that brings, is the caller's job.
//
// The returned error is non-nil only for a usage problem: no paths, an empty
// path, or an unknown current directory. Missing or unreadable paths are
// reported in Result.Errors.
func Walk(paths []string, opts Options) (Result, error) {
	if len(paths) == 0 {
		return Result{}, ErrNoPaths
	}
	for i, p := range paths {
		if p == "" {
			return Result{}, fmt.Errorf("walk: path %d is empty", i+1)
		}
	}
	cwd, err := os.Getwd()
	if err != nil {
		return Result{}, fmt.Errorf("walk: finding the current directory: %w", err)
	}
	w := &walker{
		opts:    opts,
		cwd:     cwd,
		readDir: opts.readDir,
		byAbs:   make(map[string]int),
		visited: make(map[dirKey]bool),
	}
	if w.readDir == nil {
		w.readDir = os.ReadDir
	}
	for _, p := range paths {
		w.walkArg(p)
	}
	// Files reached through symbolic links come last, so that one reached
	// directly too is listed under its direct path.
	for _, f := range w.linked {
		w.addFile(f.real, f.File)
	}
	return w.result(), nil
}

// walker is the state of one Walk call.
type walker struct {
	opts    Options
	cwd     string
	readDir func(string) ([]fs.DirEntry, error)
	files   []File
	byAbs   map[string]int // real path -> index in files
	errs    []PathError
	visited map[dirKey]bool
	linked  []linkedFile // files reached through symbolic links while walking
	roots   []string     // real paths of the directories named on the command line
	scratch []string     // reused path components for ignore matching
}

// linkedFile is a file found through a symbolic link, with its real path.
type linkedFile struct {
	File
	real string
}

// frame is one directory waiting to be walked.
type frame struct {
	abs  string // absolute, OS-separated
	disp string // display path, slash-separated
	root bool   // named on the command line
	// real is abs with symbolic links resolved; top is the real path of
	// the walked directory the frame is under.
	real, top string

	// Ignore context (used only with RespectGitignore).
	rel    []string            // path components relative to base
	ignore []gitignore.Pattern // patterns in force, in precedence order
	match  gitignore.Matcher   // matcher over ignore; nil when ignore is empty
}

// walkArg handles one command-line path.
func (w *walker) walkArg(arg string) {
	abs, err := filepath.Abs(arg)
	if err != nil {
		w.fail(filepath.ToSlash(filepath.Clean(arg)), err)
		return
	}
	disp := w.display(arg, abs)
	info, err := os.Lstat(abs)
	if err != nil {
		w.fail(disp, err)
		return
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		info, err = os.Stat(abs)
		if err != nil {
			w.fail(disp, brokenLink(err))
			return
		}
	}
	switch {
	case info.Mode().IsRegular():
		if w.opts.ForceExclude && w.forceExcluded(abs, false) {
			return
		}
		real, err := filepath.EvalSymlinks(abs)
		if err != nil {
			w.fail(disp, err)
			return
		}
		root, err := filepath.EvalSymlinks(filepath.Dir(abs))
		if err != nil {
			w.fail(disp, err)
			return
		}
		w.addFile(real, File{Path: disp, Explicit: true, Root: root})
	case info.IsDir():
		if w.opts.ForceExclude && w.forceExcluded(abs, true) {
			return
		}
		real, err := filepath.EvalSymlinks(abs)
		if err != nil {
			w.fail(disp, err)
			return
		}
		rel, ignore := w.rootIgnore(abs)
		f := newFrame(abs, disp, true, rel, ignore)
		f.real, f.top = real, real
		w.roots = append(w.roots, real)
		w.walkFrom(f)
	default:
		w.fail(disp, errNotFileOrDir)
	}
}

// forceExcluded reports whether Exclude matches abs or one of its ancestors.
func (w *walker) forceExcluded(abs string, isDir bool) bool {
	if w.opts.Exclude == nil {
		return false
	}
	if w.opts.Exclude(filepath.ToSlash(abs), isDir) {
		return true
	}
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		if w.opts.Exclude(filepath.ToSlash(dir), true) {
			return true
		}
		if filepath.Dir(dir) == dir {
			return false
		}
	}
}

// newFrame builds a frame, with a matcher when patterns are in force.
func newFrame(abs, disp string, root bool, rel []string, ignore []gitignore.Pattern) frame {
	return frame{abs: abs, disp: disp, root: root, rel: rel, ignore: ignore, match: matcherOf(ignore)}
}

// matcherOf is the matcher over patterns, nil for none.
func matcherOf(patterns []gitignore.Pattern) gitignore.Matcher {
	if len(patterns) == 0 {
		return nil
	}
	return gitignore.NewMatcher(patterns)
}

// walkFrom walks the tree under start depth-first in name order.
func (w *walker) walkFrom(start frame) {
	stack := []frame{start}
	var subdirs []frame
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		subdirs = w.visit(f, subdirs[:0])
		// Push in reverse so the first name is popped first.
		for i := len(subdirs) - 1; i >= 0; i-- {
			stack = append(stack, subdirs[i])
		}
	}
}

// visit lists one directory, records its files and returns its
// subdirectories to walk (appended to subdirs).
func (w *walker) visit(f frame, subdirs []frame) []frame {
	info, err := os.Stat(f.abs)
	if err != nil {
		w.fail(f.disp, err)
		return subdirs
	}
	if !info.IsDir() {
		// Replaced by something else since it was listed.
		w.fail(f.disp, fmt.Errorf("no longer a directory: %w", fs.ErrNotExist))
		return subdirs
	}
	key := keyOf(info, f.abs)
	if w.visited[key] {
		return subdirs // a symbolic-link loop or a second route: walked already
	}
	w.visited[key] = true

	entries, err := w.readDir(f.abs)
	if err != nil {
		w.fail(f.disp, err)
		if len(entries) == 0 {
			return subdirs
		}
	}
	var hasVenv, hasGit, hasIgnore bool
	for _, e := range entries {
		switch e.Name() {
		case venvMarker:
			hasVenv = !e.IsDir()
		case ".git":
			hasGit = true
		case ".gitignore", ".ignore":
			hasIgnore = hasIgnore || !e.IsDir()
		}
	}
	if hasVenv && !f.root {
		return subdirs // a virtualenv under any name
	}
	if w.opts.RespectGitignore {
		f = w.enterIgnore(f, hasGit && !f.root, hasIgnore)
	}

	for _, e := range entries {
		name := e.Name()
		switch {
		case e.Type()&fs.ModeSymlink != 0:
			if !strings.HasSuffix(name, pythonExt) {
				continue
			}
			if abs := child(f.abs, name, filepath.Separator); !w.ignored(f, name, abs, false) {
				w.linkedFile(f, abs, child(f.disp, name, '/'))
			}
		case e.IsDir():
			abs := child(f.abs, name, filepath.Separator)
			if skipDirs[name] || w.ignored(f, name, abs, true) {
				continue
			}
			subdirs = append(subdirs, frame{abs: abs, disp: child(f.disp, name, '/'), real: child(f.real, name, filepath.Separator),
				top: f.top, rel: append(slices.Clip(f.rel), name), ignore: f.ignore, match: f.match})
		case e.Type().IsRegular() && strings.HasSuffix(name, pythonExt):
			if !w.ignored(f, name, child(f.abs, name, filepath.Separator), false) {
				w.addFile(child(f.real, name, filepath.Separator), File{Path: child(f.disp, name, '/'), Root: f.top})
			}
		}
	}
	return subdirs
}

// child is filepath.Join(dir, name) (with sep '/', path.Join) for a clean
// dir and name, a name the folder lists (never "", "." or ".."): Join's
// Clean would find nothing to do but put the separator between them, so
// the walk, which joins three paths for each entry, skips it.
func child(dir, name string, sep byte) string {
	switch {
	case dir == "" || dir == ".":
		return name
	case dir[len(dir)-1] == sep: // the root, "/" or `C:\`
		return dir + name
	}
	return dir + string(sep) + name
}

// ignored reports whether the entry name of directory f is excluded by
// configuration or, with RespectGitignore, by the patterns in force.
func (w *walker) ignored(f frame, name, abs string, isDir bool) bool {
	if w.opts.Exclude != nil && w.opts.Exclude(filepath.ToSlash(abs), isDir) {
		return true
	}
	if f.match == nil {
		return false
	}
	w.scratch = append(append(w.scratch[:0], f.rel...), name)
	return f.match.Match(w.scratch, isDir)
}

// linkedFile records a "*.py" symbolic link found in directory f when it
// leads to a regular file inside the walked directory; a link to anything
// else is skipped silently, a broken one is an error.
func (w *walker) linkedFile(f frame, abs, disp string) {
	target, err := os.Stat(abs)
	if err != nil {
		w.fail(disp, brokenLink(err))
		return
	}
	if !target.Mode().IsRegular() {
		return
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		w.fail(disp, brokenLink(err))
		return
	}
	if !Within(f.top, real) {
		return // outside the walked directory: neither read nor written
	}
	w.linked = append(w.linked, linkedFile{File: File{Path: disp, Root: f.top}, real: real})
}

// Within reports whether path lies inside dir (or is dir); both are clean
// absolute paths.
func Within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && filepath.IsLocal(rel)
}

// addFile records a physical file (by its real path) once; a later
// explicit mention marks it explicit.
func (w *walker) addFile(real string, f File) {
	if i, ok := w.byAbs[real]; ok {
		w.files[i].Explicit = w.files[i].Explicit || f.Explicit
		return
	}
	w.byAbs[real] = len(w.files)
	w.files = append(w.files, f)
	if w.opts.OnFile != nil {
		w.opts.OnFile(f)
	}
}

// fail records a PathError, keeping only the cause of os-level errors (the
// display path replaces the absolute one they carry).
func (w *walker) fail(disp string, err error) {
	w.errs = append(w.errs, PathError{Path: disp, Err: Cause(err)})
}

// result sorts and returns what was found. A file's root is the outermost
// named directory holding it, whatever the order of the arguments.
func (w *walker) result() Result {
	for real, i := range w.byAbs {
		for _, r := range w.roots {
			if len(r) < len(w.files[i].Root) && Within(r, real) {
				w.files[i].Root = r
			}
		}
	}
	files := w.files
	if files == nil {
		files = []File{}
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	errs := w.errs
	if errs == nil {
		errs = []PathError{}
	}
	slices.SortStableFunc(errs, func(a, b PathError) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), strings.Compare(a.Err.Error(), b.Err.Error()))
	})
	return Result{Files: files, Errors: errs}
}

// display returns the display path of abs, which argument arg names.
func (w *walker) display(arg, abs string) string {
	if rel, err := filepath.Rel(w.cwd, abs); err == nil && rel != ".." &&
		!strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(rel)
	}
	if filepath.IsAbs(arg) {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(filepath.Clean(arg))
}

// Cause strips the operation and path that os errors carry, for callers
// that name the path themselves.
func Cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	var se *os.SyscallError
	if errors.As(err, &se) {
		return se.Err
	}
	return err
}

// brokenLink describes a symbolic link whose target cannot be reached.
func brokenLink(err error) error {
	return fmt.Errorf("broken symbolic link: %w", Cause(err))
}
