package walk

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/daglint/daglint/internal/gitignore"
)

// GitState is what git does with one file of a work tree.
type GitState struct {
	// InWorkTree is set when a folder at or above the file holds ".git".
	InWorkTree bool
	// Ignored is set when git would not commit the file: a .gitignore rule
	// of the work tree (or .git/info/exclude) covers it, or a folder above
	// it, and the index does not track it (a tracked file is committed
	// whatever .gitignore says).
	Ignored bool
	// Tracked is set when a rule covers the file but the index tracks it.
	Tracked bool
}

// maxIndexFile bounds the size of a git index daglint reads.
const maxIndexFile = 256 << 20

// FileGitState finds out, the way git does, whether the file at path would
// be committed: the .gitignore files from the work tree's root down to the
// file's folder and .git/info/exclude, read with internal/gitignore; an
// ignored folder ignores everything under it, whatever a later "!" says,
// as in git. A user's global excludes file and ".ignore" files are not
// read: they do not decide what the project commits. An unreadable
// .gitignore, .git file or index file is an error.
func FileGitState(path string) (GitState, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return GitState{}, err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	repo, ok := findRepo(filepath.Dir(abs))
	if !ok {
		return GitState{}, nil
	}
	st := GitState{InWorkTree: true}
	rel := components(repo, abs)
	if len(rel) == 0 {
		return st, nil
	}
	gitDir, err := gitDirOf(repo)
	if err != nil {
		return st, fmt.Errorf("%s: %w", filepath.Join(repo, ".git"), err)
	}
	ps, err := patternsFile(filepath.Join(gitDir, "info", "exclude"), nil)
	if err != nil {
		return st, err
	}
	dir := repo
	for i := 0; i < len(rel); i++ {
		more, err := patternsFile(filepath.Join(dir, ".gitignore"), rel[:i])
		if err != nil {
			return st, err
		}
		ps = append(ps, more...)
		if i < len(rel)-1 && gitignore.NewMatcher(ps).Match(rel[:i+1], true) {
			st.Ignored = true // an excluded folder: nothing below it is looked at
			break
		}
		dir = filepath.Join(dir, rel[i])
	}
	if !st.Ignored {
		st.Ignored = gitignore.NewMatcher(ps).Match(rel, false)
	}
	if st.Ignored {
		tracked, err := trackedIn(gitDir, strings.Join(rel, "/"))
		if err != nil {
			return st, err
		}
		st.Ignored, st.Tracked = !tracked, tracked
	}
	return st, nil
}

// gitDirOf returns the git directory of the work tree rooted at repo,
// following a ".git" file's "gitdir:" line (worktrees, submodules).
func gitDirOf(repo string) (string, error) {
	gitDir := filepath.Join(repo, ".git")
	info, err := os.Stat(gitDir)
	if err != nil || !info.Mode().IsRegular() {
		return gitDir, nil
	}
	data, err := readSmall(gitDir, info)
	if err != nil {
		return "", err
	}
	target, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "gitdir:")
	if !ok {
		return gitDir, nil
	}
	target = filepath.FromSlash(strings.TrimSpace(target))
	if !filepath.IsAbs(target) {
		target = filepath.Join(repo, target)
	}
	return target, nil
}

// patternsFile reads the patterns of one ignore file (none when it does
// not exist), an error naming the file.
func patternsFile(file string, domain []string) ([]gitignore.Pattern, error) {
	ps, err := loadPatterns(file, domain)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, Cause(err))
	}
	return ps, nil
}

// trackedIn reports whether the index of gitDir holds path (slash-separated,
// relative to the work tree). A repository without an index, or with one
// gitignore.Tracks cannot read, tracks nothing as far as daglint can tell.
func trackedIn(gitDir, path string) (bool, error) {
	file := filepath.Join(gitDir, "index")
	info, err := os.Stat(file)
	if os.IsNotExist(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("%s: %w", file, Cause(err))
	}
	if info.Size() > maxIndexFile {
		return false, fmt.Errorf("%s: git index larger than %d bytes", file, maxIndexFile)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return false, fmt.Errorf("%s: %w", file, Cause(err))
	}
	tracked, err := gitignore.Tracks(data, path)
	if err != nil {
		// An index daglint cannot read (a split or sparse index, a newer
		// format) says nothing either way: the .gitignore rules decide.
		return false, nil
	}
	return tracked, nil
}
