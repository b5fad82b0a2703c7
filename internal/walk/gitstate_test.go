package walk

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFileGitState builds a work tree by hand (no git binary needed) and
// checks what git would commit.
func TestFileGitState(t *testing.T) {
	repo := t.TempDir()
	writeFile(t, filepath.Join(repo, ".git", "info", "exclude"), "conns.json\n")
	writeFile(t, filepath.Join(repo, ".gitignore"), "# local settings\nairflow_settings.yaml\nsecrets/\n!secrets/keep.env\ntracked.env\n")
	writeFile(t, filepath.Join(repo, "sub", ".gitignore"), "*.env\n")
	writeFile(t, filepath.Join(repo, ".ignore"), "ripgrep-only.env\n")
	// The index tracks tracked.env although .gitignore names it.
	f, err := os.Create(filepath.Join(repo, ".git", "index"))
	if err != nil {
		t.Fatal(err)
	}
	idx := &index.Index{Version: 2}
	idx.Add("tracked.env")
	if err := index.NewEncoder(f).Encode(idx); err != nil {
		t.Fatal(err)
	}
	f.Close()
	outside := t.TempDir()
	tests := []struct {
		path            string
		inTree, ignored bool
	}{
		{filepath.Join(repo, "airflow_settings.yaml"), true, true},
		{filepath.Join(repo, "dags", "airflow_settings.yaml"), true, true}, // no "/": any folder
		{filepath.Join(repo, "conns.json"), true, true},                    // .git/info/exclude
		{filepath.Join(repo, "secrets", "a.env"), true, true},
		{filepath.Join(repo, "secrets", "keep.env"), true, true}, // the folder is excluded: "!" cannot bring it back
		{filepath.Join(repo, "sub", "x.env"), true, true},
		{filepath.Join(repo, "x.env"), true, false}, // sub/.gitignore applies below sub only
		{filepath.Join(repo, "tracked.env"), true, false},
		{filepath.Join(repo, "ripgrep-only.env"), true, false}, // .ignore is not git's
		{filepath.Join(repo, "connections.yaml"), true, false},
		{filepath.Join(outside, "airflow_settings.yaml"), false, false},
	}
	for _, tt := range tests {
		writeFile(t, tt.path, "x")
		got, err := FileGitState(tt.path)
		if err != nil {
			t.Errorf("%s: %v", tt.path, err)
			continue
		}
		if wantTracked := filepath.Base(tt.path) == "tracked.env"; got.Tracked != wantTracked {
			t.Errorf("%s: tracked %v, want %v", tt.path, got.Tracked, wantTracked)
		}
		if got.InWorkTree != tt.inTree || got.Ignored != tt.ignored {
			rel, _ := filepath.Rel(repo, tt.path)
			t.Errorf("%s: %+v, want in work tree %v, ignored %v", rel, got, tt.inTree, tt.ignored)
		}
	}
}

// TestFileGitStateWorktreeFile follows a ".git" file to the git directory
// (a linked worktree or submodule) for info/exclude and the index.
func TestFileGitStateWorktreeFile(t *testing.T) {
	root := t.TempDir()
	gitDir := filepath.Join(root, "main.git", "worktrees", "w")
	writeFile(t, filepath.Join(gitDir, "info", "exclude"), ".env\n")
	tree := filepath.Join(root, "w")
	writeFile(t, filepath.Join(tree, ".git"), "gitdir: "+gitDir+"\n")
	writeFile(t, filepath.Join(tree, ".env"), "A=1\n")
	got, err := FileGitState(filepath.Join(tree, ".env"))
	if err != nil || !got.InWorkTree || !got.Ignored {
		t.Errorf("got %+v, %v; want ignored through the gitdir's info/exclude", got, err)
	}
}

// TestFileGitStateBadIndex: an index that does not decode leaves the
// decision to .gitignore instead of failing the run.
func TestFileGitStateBadIndex(t *testing.T) {
	repo := t.TempDir()
	writeFile(t, filepath.Join(repo, ".git", "index"), "not an index")
	writeFile(t, filepath.Join(repo, ".gitignore"), ".env\n")
	writeFile(t, filepath.Join(repo, ".env"), "A=1\n")
	got, err := FileGitState(filepath.Join(repo, ".env"))
	if err != nil || !got.Ignored || got.Tracked {
		t.Errorf("got %+v, %v; want ignored by .gitignore", got, err)
	}
}
