// Package walk finds the Python files that daglint lints.
//
// It follows ruff's file discovery: paths named on the command line are
// always linted; directories are walked for "*.py" files, skipping the usual
// tool and virtualenv folders and whatever .gitignore files exclude.
//
// The walk is iterative (an explicit stack), never enters a directory twice
// (so symbolic-link loops end), and turns every problem with one path into a
// PathError while the rest of the walk goes on.
package walk

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
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
// Symbolic links are followed: a link to a regular file counts as a file,
// a link to a directory is walked. Every directory is entered at most once
// (by device and inode), so link loops end silently; directories reached
// through a link are walked after all directories reachable without one, so
// a directory that has both is listed under its direct path. A broken link
// is a PathError when named on the command line or when its name ends in
// ".py"; otherwise it is skipped silently. Regular files found in a walk are
// not opened: reading them, and the errors that brings, is the caller's job.
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
	// Directories reached through symbolic links come last, so that one
	// reachable directly too is already visited under its direct path.
	for len(w.deferred) > 0 {
		next := w.deferred
		w.deferred = nil
		for _, f := range next {
			w.walkFrom(f)
		}
	}
	return w.result(), nil
}

// walker is the state of one Walk call.
type walker struct {
	opts     Options
	cwd      string
	readDir  func(string) ([]fs.DirEntry, error)
	files    []File
	byAbs    map[string]int // absolute path -> index in files
	errs     []PathError
	visited  map[dirKey]bool
	deferred []frame  // directories reached through symbolic links
	scratch  []string // reused path components for ignore matching
}

// frame is one directory waiting to be walked.
type frame struct {
	abs  string // absolute, OS-separated
	disp string // display path, slash-separated
	root bool   // named on the command line

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
		w.addFile(abs, disp, true)
	case info.IsDir():
		if w.opts.ForceExclude && w.forceExcluded(abs, true) {
			return
		}
		rel, ignore := w.rootIgnore(abs)
		w.walkFrom(newFrame(abs, disp, true, rel, ignore))
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
	f := frame{abs: abs, disp: disp, root: root, rel: rel, ignore: ignore}
	if len(ignore) > 0 {
		f.match = gitignore.NewMatcher(ignore)
	}
	return f
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
		abs := filepath.Join(f.abs, name)
		disp := path.Join(f.disp, name)
		isDir, isFile := e.IsDir(), e.Type().IsRegular()
		linked := e.Type()&fs.ModeSymlink != 0
		if linked {
			target, err := os.Stat(abs)
			if err != nil {
				if strings.HasSuffix(name, pythonExt) && !w.ignored(f, name, abs, false) {
					w.fail(disp, brokenLink(err))
				}
				continue
			}
			isDir, isFile = target.IsDir(), target.Mode().IsRegular()
		}
		switch {
		case isDir:
			if skipDirs[name] || w.ignored(f, name, abs, true) {
				continue
			}
			child := frame{abs: abs, disp: disp, rel: append(slices.Clip(f.rel), name), ignore: f.ignore, match: f.match}
			if linked {
				w.deferred = append(w.deferred, child)
			} else {
				subdirs = append(subdirs, child)
			}
		case isFile && strings.HasSuffix(name, pythonExt):
			if !w.ignored(f, name, abs, false) {
				w.addFile(abs, disp, false)
			}
		}
	}
	return subdirs
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

// addFile records a file once; a later explicit mention marks it explicit.
func (w *walker) addFile(abs, disp string, explicit bool) {
	if i, ok := w.byAbs[abs]; ok {
		w.files[i].Explicit = w.files[i].Explicit || explicit
		return
	}
	w.byAbs[abs] = len(w.files)
	w.files = append(w.files, File{Path: disp, Explicit: explicit})
}

// fail records a PathError, keeping only the cause of os-level errors (the
// display path replaces the absolute one they carry).
func (w *walker) fail(disp string, err error) {
	w.errs = append(w.errs, PathError{Path: disp, Err: Cause(err)})
}

// result sorts and returns what was found.
func (w *walker) result() Result {
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
