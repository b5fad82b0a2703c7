package gitignore

import (
	"bytes"
	"crypto/sha1"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// goGitPaths decodes data with go-git's index decoder.
func goGitPaths(data []byte) ([]string, error) {
	var idx index.Index
	if err := index.NewDecoder(bytes.NewReader(data)).Decode(&idx); err != nil {
		return nil, err
	}
	paths := make([]string, 0, len(idx.Entries))
	for _, e := range idx.Entries {
		paths = append(paths, e.Name)
	}
	return paths, nil
}

// git runs git in dir with no user or system configuration.
func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// gitRepo builds a work tree with files of many shapes, some committed
// (which writes a TREE extension), some only added.
func gitRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	files := []string{
		"a.py", "b", "dags/x.py", "dags/y.py", "dags/sub/z.py", "dags/sub/zz.py",
		"dags/sub2/deep/er/file.txt", "é/ü.py", "with space.py", ".hidden/x",
		"exactly8", "sevenlo", "n9_______", strings.Repeat("d", 200) + "/" + strings.Repeat("f", 200),
		strings.Repeat("long/", 100) + "leaf.py",
	}
	for i, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Repeat("x", i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "one")
	for _, f := range []string{"later.py", "dags/later.py"} {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(f)), []byte("later"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git(t, dir, "add", "later.py")
	return dir
}

// checkAgainstGoGit compares the reader with go-git's decoder on the index
// of repo, path by path.
func checkAgainstGoGit(t *testing.T, repo string, wantVersion byte) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repo, ".git", "index"))
	if err != nil {
		t.Fatal(err)
	}
	if data[7] != wantVersion {
		t.Fatalf("index version %d, want %d", data[7], wantVersion)
	}
	want, err := goGitPaths(data)
	if err != nil {
		t.Fatalf("go-git: %v", err)
	}
	got, err := IndexPaths(data)
	if err != nil {
		t.Fatalf("IndexPaths: %v", err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("IndexPaths = %q\ngo-git     %q", got, want)
	}
	if len(got) < 10 {
		t.Fatalf("only %d paths in the index", len(got))
	}
	probes := append(slices.Clone(want), "", "dags", "dags/", "dags/sub", "nope.py", "a.p", "a.pyc", "dags/later.py", "A.py")
	for _, p := range probes {
		ok, err := Tracks(data, p)
		if err != nil {
			t.Fatalf("Tracks(%q): %v", p, err)
		}
		if w := slices.Contains(want, p); ok != w {
			t.Errorf("Tracks(%q) = %v, go-git %v", p, ok, w)
		}
	}
}

func TestIndexVersions(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	// Asked for version 3, git writes 2 unless an entry has extended
	// flags: the "extended" cases below write 3.
	for _, v := range []string{"2", "4"} {
		t.Run("v"+v, func(t *testing.T) {
			repo := gitRepo(t)
			git(t, repo, "update-index", "--index-version", v)
			checkAgainstGoGit(t, repo, v[0]-'0')
		})
	}
	// Extended flags: intent-to-add and skip-worktree entries make git
	// write version 3 (kept by 4).
	for _, v := range []string{"3", "4"} {
		t.Run("extended-v"+v, func(t *testing.T) {
			repo := gitRepo(t)
			git(t, repo, "update-index", "--index-version", v)
			git(t, repo, "add", "-N", "dags/later.py")
			git(t, repo, "update-index", "--skip-worktree", "dags/x.py")
			checkAgainstGoGit(t, repo, v[0]-'0')
		})
	}
	// A merge conflict: stages 1 to 3 of one path; then resolved, which
	// leaves a REUC extension.
	t.Run("conflict", func(t *testing.T) {
		repo := gitRepo(t)
		git(t, repo, "commit", "-q", "-m", "two")
		git(t, repo, "checkout", "-q", "-b", "other")
		writeConflict := func(content string) {
			if err := os.WriteFile(filepath.Join(repo, "a.py"), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		writeConflict("other\n")
		git(t, repo, "commit", "-q", "-am", "other")
		git(t, repo, "checkout", "-q", "main")
		writeConflict("main\n")
		git(t, repo, "commit", "-q", "-am", "main")
		cmd := exec.Command("git", "-c", "user.name=t", "-c", "user.email=t@example.com", "merge", "-q", "other")
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1", "HOME="+repo)
		if err := cmd.Run(); err == nil {
			t.Fatal("the merge did not conflict")
		}
		checkAgainstGoGit(t, repo, 2)
		git(t, repo, "add", "a.py")
		checkAgainstGoGit(t, repo, 2)
	})
	// The untracked cache is an optional extension.
	t.Run("untracked-cache", func(t *testing.T) {
		repo := gitRepo(t)
		git(t, repo, "update-index", "--untracked-cache")
		git(t, repo, "status", "-s")
		checkAgainstGoGit(t, repo, 2)
	})
}

// encoded is an index go-git's encoder writes.
func encoded(t testing.TB, version uint32, names ...string) []byte {
	idx := &index.Index{Version: version}
	for _, n := range names {
		idx.Add(n)
	}
	var buf bytes.Buffer
	if err := index.NewEncoder(&buf).Encode(idx); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var encodedNames = []string{"a", "a/b", "a/bc", "a/bcd/e.py", "b", strings.Repeat("n", 4094), strings.Repeat("n", 4095), strings.Repeat("m", 5000) + "/x"}

func TestIndexEncoded(t *testing.T) {
	for _, v := range []uint32{2, 3, 4} {
		data := encoded(t, v, encodedNames...)
		want, err := goGitPaths(data)
		if err != nil {
			t.Fatal(err)
		}
		got, err := IndexPaths(data)
		if err != nil {
			t.Fatalf("v%d: %v", v, err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("v%d: IndexPaths = %q, go-git %q", v, got, want)
		}
	}
}

func TestIndexMalformed(t *testing.T) {
	good := encoded(t, 2, "a", "b/c")
	v5 := slices.Clone(good)
	v5[7] = 5
	link := slices.Concat(good[:len(good)-20], []byte("link\x00\x00\x00\x00"), make([]byte, 20))
	for name, data := range map[string][]byte{
		"empty":     nil,
		"signature": []byte("DIRX\x00\x00\x00\x02\x00\x00\x00\x00" + strings.Repeat("\x00", 20)),
		"version 1": []byte("DIRC\x00\x00\x00\x01\x00\x00\x00\x00" + strings.Repeat("\x00", 20)),
		"version 5": v5,
		"truncated": good[:len(good)-25],
		"no hash":   good[:len(good)-1],
		"count":     append([]byte("DIRC\x00\x00\x00\x02\xff\xff\xff\xff"), good[12:]...),
		"link":      link,
	} {
		if _, err := Tracks(data, "a"); !errors.Is(err, ErrMalformedIndex) {
			t.Errorf("%s: err = %v, want ErrMalformedIndex", name, err)
		}
	}
	if ok, err := Tracks([]byte("DIRC\x00\x00\x00\x04\x00\x00\x00\x00"+strings.Repeat("\x00", 20)), "a"); ok || err != nil {
		t.Errorf("empty v4 index: %v, %v", ok, err)
	}
}

func TestVarint(t *testing.T) {
	for _, tt := range []struct {
		in []byte
		v  uint64
		n  int
	}{
		{[]byte{0}, 0, 1},
		{[]byte{0x7f}, 127, 1},
		{[]byte{0x80, 0}, 128, 2},
		{[]byte{0x80, 0x7f}, 255, 2},
		{[]byte{0x81, 0}, 256, 2},
		{[]byte{0x80}, 0, 0},
		{bytes.Repeat([]byte{0xff}, 20), 0, 0},
	} {
		if v, n := varint(tt.in); v != tt.v || n != tt.n {
			t.Errorf("varint(%x) = %d, %d; want %d, %d", tt.in, v, n, tt.v, tt.n)
		}
	}
}

// FuzzIndex feeds the reader corrupt indexes, their checksum fixed so
// that go-git's decoder gets past it: the reader must not panic, and must
// read every index go-git reads the same way.
func FuzzIndex(f *testing.F) {
	for _, v := range []uint32{2, 3, 4} {
		data := encoded(f, v, encodedNames[:5]...)
		f.Add(data[:len(data)-20])
	}
	f.Add([]byte("DIRC\x00\x00\x00\x04\x00\x00\x00\x01"))
	f.Fuzz(func(t *testing.T, body []byte) {
		sum := sha1.Sum(body)
		data := append(slices.Clip(body), sum[:]...)
		got, err := IndexPaths(data)
		if _, err2 := Tracks(data, "a"); (err == nil) != (err2 == nil) {
			t.Fatalf("IndexPaths error %v, Tracks error %v", err, err2)
		}
		want, gerr := goGitPaths(data)
		if gerr != nil {
			return
		}
		if err != nil {
			t.Fatalf("go-git reads %q, IndexPaths: %v", want, err)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("IndexPaths = %q, go-git %q", got, want)
		}
	})
}
