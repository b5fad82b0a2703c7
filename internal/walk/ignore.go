package walk

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/daglint/daglint/internal/gitignore"
)

// ignoreFileNames are read in every walked directory, later ones taking
// precedence (ruff, through ripgrep's walker, reads both).
var ignoreFileNames = [...]string{".gitignore", ".ignore"}

// maxIgnoreFile bounds the size of an ignore file daglint reads.
const maxIgnoreFile = 16 << 20

// rootIgnore returns the ignore context of a walk root: its path components
// relative to the repository root and the patterns of .git/info/exclude and
// of every ignore file from the repository root down to the root's parent
// (the root's own are read when it is visited). Outside a repository the
// root is its own base and nothing above it counts.
func (w *walker) rootIgnore(root string) ([]string, []gitignore.Pattern) {
	if !w.opts.RespectGitignore {
		return nil, nil
	}
	repo, ok := findRepo(root)
	if !ok {
		return nil, nil
	}
	rel := components(repo, root)
	ps := w.infoExclude(repo)
	dir := repo
	for i, name := range rel {
		ps = append(ps, w.ignoreFiles(dir, rel[:i])...)
		dir = filepath.Join(dir, name)
	}
	return rel, ps
}

// enterIgnore updates the ignore context of directory f when it starts a
// nested repository (patterns from above stop applying) or holds ignore files.
func (w *walker) enterIgnore(f frame, newRepo, hasIgnore bool) frame {
	changed := false
	if newRepo {
		f.rel = nil
		f.ignore = w.infoExclude(f.abs)
		changed = true
	}
	if hasIgnore {
		if ps := w.ignoreFiles(f.abs, f.rel); len(ps) > 0 {
			f.ignore = append(slices.Clip(f.ignore), ps...)
			changed = true
		}
	}
	if changed {
		// The frame keeps its real path and walked folder: only the
		// matcher changes.
		f.match = matcherOf(f.ignore)
	}
	return f
}

// ignoreFiles reads the ignore files of dir, whose components relative to
// the base are domain.
func (w *walker) ignoreFiles(dir string, domain []string) []gitignore.Pattern {
	var ps []gitignore.Pattern
	for _, name := range ignoreFileNames {
		ps = append(ps, w.readPatterns(filepath.Join(dir, name), domain)...)
	}
	return ps
}

// infoExclude reads .git/info/exclude of the repository rooted at repo,
// following a ".git" file's "gitdir:" line (worktrees, submodules).
func (w *walker) infoExclude(repo string) []gitignore.Pattern {
	gitDir, err := gitDirOf(repo)
	if err != nil {
		dotGit := filepath.Join(repo, ".git")
		w.fail(w.display(dotGit, dotGit), err)
		return nil
	}
	return w.readPatterns(filepath.Join(gitDir, "info", "exclude"), nil)
}

// readPatterns parses one ignore file; a missing file has no patterns, an
// unreadable one is a PathError.
func (w *walker) readPatterns(file string, domain []string) []gitignore.Pattern {
	ps, err := loadPatterns(file, domain)
	if err != nil {
		w.fail(w.display(file, file), err)
	}
	return ps
}

// loadPatterns parses one ignore file: none when it does not exist or is
// not a regular file, an error (without the file's name) when it cannot be
// read.
func loadPatterns(file string, domain []string) ([]gitignore.Pattern, error) {
	info, err := os.Stat(file)
	if err != nil {
		if os.IsNotExist(err) {
			err = nil
		}
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, nil
	}
	data, err := readSmall(file, info)
	if err != nil {
		return nil, err
	}
	return parsePatterns(data, domain), nil
}

// readSmall reads a file of at most maxIgnoreFile bytes.
func readSmall(file string, info fs.FileInfo) ([]byte, error) {
	if info.Size() > maxIgnoreFile {
		return nil, fmt.Errorf("ignore file larger than %d bytes", maxIgnoreFile)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading: %w", Cause(err))
	}
	return data, nil
}

// parsePatterns turns the lines of an ignore file into patterns: blank
// lines and "#" comments are dropped, escapes ("\#", "\!", "\ ") are left to
// the glob matcher, trailing spaces are trimmed by the parser.
func parsePatterns(data []byte, domain []string) []gitignore.Pattern {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var ps []gitignore.Pattern
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), maxIgnoreFile)
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimRight(line, " \t") == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, domain))
	}
	return ps
}

// findRepo returns the nearest directory at or above dir that holds ".git".
func findRepo(dir string) (string, bool) {
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// components splits target, relative to base, into path components; nil
// when they are the same directory.
func components(base, target string) []string {
	rel, err := filepath.Rel(base, target)
	if err != nil || rel == "." {
		return nil
	}
	return strings.Split(filepath.ToSlash(rel), "/")
}
