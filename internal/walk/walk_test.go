package walk

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/gitignore"
)

// tree creates files (content "x = 1\n") under root; a name ending in "/"
// is an empty directory; "name=text" writes text.
func tree(t testing.TB, root string, entries ...string) {
	t.Helper()
	for _, e := range entries {
		name, text, hasText := strings.Cut(e, "=")
		p := filepath.Join(root, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if !hasText {
			text = "x = 1\n"
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// symlink creates link -> target (both relative to root; target as written).
func symlink(t *testing.T, root, target, link string) {
	t.Helper()
	if err := os.Symlink(filepath.FromSlash(target), filepath.Join(root, filepath.FromSlash(link))); err != nil {
		t.Skipf("symbolic links unavailable: %v", err)
	}
}

// walkIn changes to dir, walks paths and fails on a usage error.
func walkIn(t *testing.T, dir string, opts Options, paths ...string) Result {
	t.Helper()
	t.Chdir(dir)
	res, err := Walk(paths, opts)
	if err != nil {
		t.Fatalf("Walk(%q): %v", paths, err)
	}
	return res
}

// withoutRoots returns files with Root cleared, to compare the rest.
func withoutRoots(files []File) []File {
	out := slices.Clone(files)
	for i := range out {
		out[i].Root = ""
	}
	return out
}

func paths(res Result) []string {
	out := make([]string, len(res.Files))
	for i, f := range res.Files {
		out[i] = f.Path
	}
	return out
}

// checkSet asserts, for each path, whether it was found.
func checkSet(t *testing.T, res Result, want map[string]bool) {
	t.Helper()
	got := paths(res)
	for p, in := range want {
		if slices.Contains(got, p) != in {
			t.Errorf("%s: found=%v, want %v (files: %q)", p, !in, in, got)
		}
	}
}

func TestSkippedDirectories(t *testing.T) {
	root := t.TempDir()
	want := map[string]bool{
		"dags/etl.py":      true,
		"builder/a.py":     true, // only exact names are skipped
		".github/a.py":     true, // hidden directories are walked
		"my_build/a.py":    true,
		"dags/notes.txt":   false, // only .py in walks
		"dags/stub.pyi":    false,
		"myenv/lib/x.py":   false, // virtualenv by pyvenv.cfg, any name
		"myenv/top.py":     false,
		"pkg/envlike/x.py": true, // a directory named pyvenv.cfg is no marker
		"pkg/other/cfg.py": true,
	}
	for _, name := range SkippedDirNames() {
		want[name+"/a.py"] = false
		want["nested/"+name+"/b.py"] = false
	}
	entries := []string{"myenv/pyvenv.cfg=home = /usr\n", "pkg/envlike/pyvenv.cfg/"}
	for p := range want {
		entries = append(entries, p)
	}
	tree(t, root, entries...)
	res := walkIn(t, root, Options{}, ".")
	checkSet(t, res, want)
	if len(res.Errors) != 0 {
		t.Errorf("errors: %v", res.Errors)
	}
}

func TestRootIsAlwaysWalked(t *testing.T) {
	root := t.TempDir()
	tree(t, root, "build/a.py", "build/pyvenv.cfg", "build/dist/b.py", "build/sub/c.py")
	res := walkIn(t, root, Options{}, "build")
	checkSet(t, res, map[string]bool{
		"build/a.py":      true,
		"build/sub/c.py":  true,
		"build/dist/b.py": false, // skipped below the root
	})
}

func TestGitignore(t *testing.T) {
	root := t.TempDir()
	tree(t, root,
		".git/info/exclude=local_*.py\n",
		".gitignore=# comment\n*_gen.py\n!keep_gen.py\nout/\n/top_only.py\ndocs/build_*.py\n**/tmp/*.py\nsecret?.py\n",
		"a.py", "x_gen.py", "keep_gen.py", "top_only.py", "local_one.py", "secret1.py", "secret.py",
		"out/a.py",
		"src/out.py/inner.py", // a directory named out.py is no match for out/
		"src/top_only.py", "src/tmp/t.py", "src/deep/tmp/t.py", "src/tmp.py",
		"docs/build_x.py", "src/docs/build_x.py",
		"sub/.gitignore=!*_gen.py\nlocal.py\n",
		"sub/y_gen.py", "sub/local.py", "sub/inner/local.py", "sub/z.py",
		"other/.ignore=skipme.py\n", "other/skipme.py", "other/ok.py",
	)
	want := map[string]bool{
		"a.py":                true,
		"x_gen.py":            false,
		"keep_gen.py":         true, // negation
		"top_only.py":         false,
		"src/top_only.py":     true,  // anchored to the .gitignore's folder
		"local_one.py":        false, // .git/info/exclude
		"secret1.py":          false, // ? matches one character
		"secret.py":           true,
		"out/a.py":            false,
		"src/out.py/inner.py": true,
		"src/tmp/t.py":        false,
		"src/deep/tmp/t.py":   false,
		"src/tmp.py":          true,
		"docs/build_x.py":     false,
		"src/docs/build_x.py": true, // a slash in the middle anchors
		"sub/y_gen.py":        true, // nested negation re-includes
		"sub/local.py":        false,
		"sub/inner/local.py":  false,
		"sub/z.py":            true,
		"other/skipme.py":     false,
		"other/ok.py":         true,
	}
	res := walkIn(t, root, Options{RespectGitignore: true}, ".")
	checkSet(t, res, want)

	// Walking from a subfolder still applies the ancestors' files, with
	// patterns relative to their own folder.
	t.Run("from subfolder", func(t *testing.T) {
		res := walkIn(t, filepath.Join(root, "src"), Options{RespectGitignore: true}, ".")
		checkSet(t, res, map[string]bool{
			"top_only.py":     true,
			"tmp/t.py":        false,
			"tmp.py":          true,
			"docs/build_x.py": true,
		})
		res = walkIn(t, root, Options{RespectGitignore: true}, "sub")
		checkSet(t, res, map[string]bool{"sub/y_gen.py": true, "sub/local.py": false, "sub/z.py": true})
	})

	t.Run("not respected", func(t *testing.T) {
		res := walkIn(t, root, Options{}, ".")
		checkSet(t, res, map[string]bool{"x_gen.py": true, "out/a.py": true, "local_one.py": true, "a.py": true})
	})

	t.Run("explicit ignored file", func(t *testing.T) {
		res := walkIn(t, root, Options{RespectGitignore: true}, "x_gen.py", "out/a.py", ".gitignore", "sub")
		want := []File{{Path: ".gitignore", Explicit: true}, {Path: "out/a.py", Explicit: true}, {Path: "sub/y_gen.py"}, {Path: "sub/z.py"}, {Path: "x_gen.py", Explicit: true}}
		if got := withoutRoots(res.Files); !slices.Equal(got, want) {
			t.Errorf("files = %v, want %v", res.Files, want)
		}
	})
}

func TestGitignoreOutsideRepository(t *testing.T) {
	root := t.TempDir() // assumed not inside a git work tree
	if _, ok := findRepo(root); ok {
		t.Skip("temporary directory is inside a git work tree")
	}
	tree(t, root,
		"proj/.gitignore=gen/\n!gen_keep.py\n*.skip.py\n",
		"proj/a.py", "proj/gen/b.py", "proj/c.skip.py",
		"proj/sub/.gitignore=*.py\n!keep.py\n", "proj/sub/keep.py", "proj/sub/drop.py",
	)
	res := walkIn(t, root, Options{RespectGitignore: true}, "proj")
	checkSet(t, res, map[string]bool{
		"proj/a.py":        true,
		"proj/gen/b.py":    false,
		"proj/c.skip.py":   false,
		"proj/sub/keep.py": true,
		"proj/sub/drop.py": false,
	})
	// Above the walk root nothing counts outside a repository.
	res = walkIn(t, root, Options{RespectGitignore: true}, "proj/sub")
	checkSet(t, res, map[string]bool{"proj/sub/keep.py": true, "proj/sub/drop.py": false})
}

func TestNestedRepositoryStartsAfresh(t *testing.T) {
	root := t.TempDir()
	tree(t, root,
		".git/", ".gitignore=*.py\n",
		"top.py", "inner/.git/", "inner/x.py", "inner/.gitignore=y.py\n", "inner/y.py",
		"vendored/z.py", // same repository: the parent's *.py applies
	)
	res := walkIn(t, root, Options{RespectGitignore: true}, ".")
	checkSet(t, res, map[string]bool{
		"top.py":        false,
		"inner/x.py":    true,
		"inner/y.py":    false,
		"vendored/z.py": false,
	})
}

func TestExcludeOption(t *testing.T) {
	root := t.TempDir()
	tree(t, root, "dags/a.py", "dags/legacy/b.py", "dags/old_c.py", "dags/sub/old_d.py", "legacy.py")
	var seen []string
	exclude := func(p string, isDir bool) bool {
		seen = append(seen, p)
		base := p[strings.LastIndex(p, "/")+1:]
		return (isDir && base == "legacy") || strings.HasPrefix(base, "old_")
	}
	res := walkIn(t, root, Options{Exclude: exclude}, "dags", "dags/old_c.py")
	checkSet(t, res, map[string]bool{
		"dags/a.py":         true,
		"dags/legacy/b.py":  false,
		"dags/sub/old_d.py": false,
		"dags/old_c.py":     true, // explicit wins without ForceExclude
	})
	for _, p := range seen {
		if !strings.HasPrefix(p, filepath.ToSlash(root)) || strings.Contains(p, `\`) {
			t.Errorf("Exclude got %q, want an absolute slash path", p)
		}
	}

	res = walkIn(t, root, Options{Exclude: exclude, ForceExclude: true}, "dags/old_c.py", "dags/legacy/b.py", "dags/a.py", "legacy.py")
	if got, want := paths(res), []string{"dags/a.py", "legacy.py"}; !slices.Equal(got, want) {
		t.Errorf("with ForceExclude: %q, want %q", got, want)
	}
}

func TestExplicitAndDisplayPaths(t *testing.T) {
	base := t.TempDir()
	proj := filepath.Join(base, "proj")
	tree(t, base, "proj/dags/a.py", "proj/dags/b.py", "proj/run.sh", "other/c.py", "proj/dags/z/d.py")
	absOther := filepath.Join(base, "other")
	res := walkIn(t, proj, Options{},
		"dags/a.py", "./dags/a.py", "dags", filepath.Join(proj, "dags", "b.py"),
		"run.sh", "../other", absOther, "dags/../dags/z/")
	want := []File{
		{Path: "../other/c.py", Explicit: false}, // outside cwd, relative as given; absOther is the same file
		{Path: "dags/a.py", Explicit: true},
		{Path: "dags/b.py", Explicit: true}, // absolute argument under cwd: relative display
		{Path: "dags/z/d.py", Explicit: false},
		{Path: "run.sh", Explicit: true}, // any extension when explicit
	}
	if got := withoutRoots(res.Files); !slices.Equal(got, want) {
		t.Errorf("files = %v\nwant %v", got, want)
	}
	res = walkIn(t, proj, Options{}, absOther)
	if got, want := paths(res), []string{filepath.ToSlash(filepath.Join(absOther, "c.py"))}; !slices.Equal(got, want) {
		t.Errorf("absolute outside cwd: %q, want %q", got, want)
	}
}

func TestMissingAndUsageErrors(t *testing.T) {
	root := t.TempDir()
	tree(t, root, "dags/a.py")
	res := walkIn(t, root, Options{}, "dags/missing.py", "dags", "nope")
	if got := paths(res); !slices.Equal(got, []string{"dags/a.py"}) {
		t.Errorf("files = %q", got)
	}
	var msgs []string
	for _, e := range res.Errors {
		msgs = append(msgs, e.Error())
		if !errors.Is(e, fs.ErrNotExist) {
			t.Errorf("%v: not fs.ErrNotExist", e)
		}
	}
	if want := []string{"dags/missing.py: no such file or directory", "nope: no such file or directory"}; !slices.Equal(msgs, want) {
		t.Errorf("errors = %q, want %q", msgs, want)
	}

	if _, err := Walk(nil, Options{}); !errors.Is(err, ErrNoPaths) {
		t.Errorf("Walk(nil) error = %v, want ErrNoPaths", err)
	}
	if _, err := Walk([]string{"dags", ""}, Options{}); err == nil {
		t.Error("Walk with an empty path: no error")
	}
}

func TestSymlinks(t *testing.T) {
	root := t.TempDir()
	tree(t, root, "dags/a.py", "dags/sub/b.py", "shared/lib.py", "real.py", "libdir/l.py")
	symlink(t, root, "..", "dags/sub/up") // loop back to dags
	symlink(t, root, "../libdir", "dags/to_lib")
	symlink(t, root, "../dags", "shared/to_dags") // mutual loop
	symlink(t, root, "../shared", "dags/to_shared")
	symlink(t, root, "sub", "dags/Alias") // sorts before "sub"
	symlink(t, root, "../real.py", "dags/linked.py")
	symlink(t, root, "missing.py", "dags/broken.py")
	symlink(t, root, "missing", "dags/broken_dir")
	symlink(t, root, "self.py", "dags/self.py") // link to itself

	// Directory links are not entered; dags/linked.py is real.py, listed
	// once under its own name.
	res := walkIn(t, root, Options{}, ".")
	want := []string{"dags/a.py", "dags/sub/b.py", "libdir/l.py", "real.py", "shared/lib.py"}
	if got := paths(res); !slices.Equal(got, want) {
		t.Errorf("files = %q, want %q", got, want)
	}
	var errPaths []string
	for _, e := range res.Errors {
		errPaths = append(errPaths, e.Path)
		if !strings.Contains(e.Error(), "broken symbolic link") {
			t.Errorf("error %v does not say broken symbolic link", e)
		}
	}
	if want := []string{"dags/broken.py", "dags/self.py"}; !slices.Equal(errPaths, want) {
		t.Errorf("error paths = %q, want %q", errPaths, want)
	}

	// Through a link given explicitly, the files get the link's path.
	res = walkIn(t, root, Options{}, "dags/to_lib", "dags/broken.py")
	if got := paths(res); !slices.Equal(got, []string{"dags/to_lib/l.py"}) {
		t.Errorf("files = %q", got)
	}
	if len(res.Errors) != 1 || res.Errors[0].Path != "dags/broken.py" || !errors.Is(res.Errors[0], fs.ErrNotExist) {
		t.Errorf("errors = %v, want a broken-link error for dags/broken.py", res.Errors)
	}
}

// TestSymlinksStayInsideTheRoot: a walk never lists a file outside the
// walked folder (so --fix cannot write there), never enters a linked
// folder, and lists each physical file once.
func TestSymlinksStayInsideTheRoot(t *testing.T) {
	base := t.TempDir()
	tree(t, base, "outside/victim.py", "outside/etc/passwd.py", "repo/dags/a.py", "repo/data/script.txt")
	symlink(t, base, "../outside/victim.py", "repo/link.py")
	symlink(t, base, filepath.Join(base, "outside", "etc"), "repo/etc") // as ln -s /etc repo/etc
	symlink(t, base, "a.py", "repo/dags/alias.py")                      // the same file under two names
	symlink(t, base, "../data/script.txt", "repo/dags/script.py")       // inside, reached only through the link
	repo := filepath.Join(base, "repo")

	res := walkIn(t, repo, Options{}, ".")
	if got, want := paths(res), []string{"dags/a.py", "dags/script.py"}; !slices.Equal(got, want) {
		t.Errorf("files = %q, want %q", got, want)
	}
	real, err := filepath.EvalSymlinks(repo)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if f.Root != real {
			t.Errorf("%s: root %q, want %q", f.Path, f.Root, real)
		}
	}
	if len(res.Errors) != 0 {
		t.Errorf("errors = %v", res.Errors)
	}

	// Named on the command line, a link is followed, with the folder that
	// holds it as the root: reading it is asked for, writing must check.
	res = walkIn(t, repo, Options{}, "link.py", "dags/a.py", "dags/alias.py")
	if got, want := paths(res), []string{"dags/a.py", "link.py"}; !slices.Equal(got, want) {
		t.Errorf("explicit files = %q, want %q", got, want)
	}
	for _, f := range res.Files {
		if f.Path == "link.py" && f.Root != real {
			t.Errorf("link.py: root %q, want %q", f.Root, real)
		}
	}
}

func TestUnreadableDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any directory; TestVanishingDirectory covers the error path")
	}
	root := t.TempDir()
	tree(t, root, "a/x.py", "locked/y.py", "z/w.py")
	locked := filepath.Join(root, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(locked, 0o755) })
	res := walkIn(t, root, Options{}, ".")
	if got := paths(res); !slices.Equal(got, []string{"a/x.py", "z/w.py"}) {
		t.Errorf("files = %q", got)
	}
	if len(res.Errors) != 1 || res.Errors[0].Path != "locked" || !errors.Is(res.Errors[0], fs.ErrPermission) {
		t.Errorf("errors = %v, want one permission error for locked", res.Errors)
	}
}

func TestVanishingDirectory(t *testing.T) {
	root := t.TempDir()
	tree(t, root, "a/x.py", "gone/y.py", "gone/deeper/q.py", "z/w.py")
	readDir := func(name string) ([]fs.DirEntry, error) {
		entries, err := os.ReadDir(name)
		if name == root {
			// Listed, then removed before the walk reaches it.
			if err := os.RemoveAll(filepath.Join(root, "gone")); err != nil {
				t.Fatal(err)
			}
		}
		return entries, err
	}
	res := walkIn(t, root, Options{readDir: readDir}, ".")
	if got := paths(res); !slices.Equal(got, []string{"a/x.py", "z/w.py"}) {
		t.Errorf("files = %q", got)
	}
	if len(res.Errors) != 1 || res.Errors[0].Path != "gone" || !errors.Is(res.Errors[0], fs.ErrNotExist) {
		t.Errorf("errors = %v, want one not-exist error for gone", res.Errors)
	}
}

func TestDeterministicOrder(t *testing.T) {
	root := t.TempDir()
	tree(t, root, "b/z.py", "b/a.py", "a/c/x.py", "a.py", "B.py", "a/b.py")
	first := walkIn(t, root, Options{}, "b", ".", "a")
	want := []string{"B.py", "a.py", "a/b.py", "a/c/x.py", "b/a.py", "b/z.py"}
	if got := paths(first); !slices.Equal(got, want) {
		t.Errorf("files = %q, want %q", got, want)
	}
	for range 3 {
		again := walkIn(t, root, Options{}, "a", ".", "b")
		if !slices.Equal(again.Files, first.Files) {
			t.Fatalf("order changed: %v vs %v", again.Files, first.Files)
		}
	}
}

func TestParsePatternsSkipsBlankAndComments(t *testing.T) {
	ps := parsePatterns([]byte("\xef\xbb\xbf# c\n\n   \r\n\\#hash.py\r\n*.tmp.py   \n"), nil)
	if len(ps) != 2 {
		t.Fatalf("got %d patterns, want 2", len(ps))
	}
	cases := []struct {
		name string
		want bool
	}{
		{"#hash.py", true},
		{"a.tmp.py", true},
		{"c", false},
		{"hash.py", false},
		{"a.py", false},
	}
	for _, c := range cases {
		got := false
		for _, p := range ps {
			if p.Match([]string{c.name}, false) != gitignore.NoMatch {
				got = true
			}
		}
		if got != c.want {
			t.Errorf("%q matched=%v, want %v", c.name, got, c.want)
		}
	}
}

func BenchmarkWalk(b *testing.B) {
	root := b.TempDir()
	var entries []string
	entries = append(entries, ".git/", ".gitignore=*_gen.py\n")
	for d := range 50 {
		for s := range 5 {
			for f := range 20 {
				entries = append(entries, fmt.Sprintf("pkg%02d/sub%d/mod%02d.py", d, s, f))
			}
		}
		entries = append(entries, fmt.Sprintf("pkg%02d/.gitignore=!keep_gen.py\n", d))
	}
	tree(b, root, entries...)
	b.Chdir(root)
	b.ResetTimer()
	for b.Loop() {
		res, err := Walk([]string{"."}, Options{RespectGitignore: true})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Files) != 5000 {
			b.Fatalf("found %d files, want 5000", len(res.Files))
		}
	}
}

// TestOnFileSeesEachResultFileOnce: OnFile is told of every file Result
// lists, once each and under the same path, whatever the duplicates,
// links and explicit mentions, and files in the order the walk found them
// (a folder's own files before its subfolders'), not in Result's order.
func TestOnFileSeesEachResultFileOnce(t *testing.T) {
	root := t.TempDir()
	tree(t, root, "dags/a0.py", "dags/a/x.py", "dags/sub/b.py", "real.py", "notes.txt", "skip/.venv/v.py")
	symlink(t, root, "../real.py", "dags/linked.py") // real.py again, listed once
	symlink(t, root, "a0.py", "dags/alias.py")       // a0.py again
	symlink(t, root, "sub", "dags/Alias")            // a folder link: not entered
	for _, args := range [][]string{
		{"."},
		{"dags", "dags/a0.py", "./dags/a0.py", "real.py", "."},
		{"dags/alias.py", "dags", "notes.txt"}, // a0.py is listed as the link named
	} {
		var seen []string
		res := walkIn(t, root, Options{OnFile: func(f File) { seen = append(seen, f.Path) }}, args...)
		if got, want := slices.Sorted(slices.Values(seen)), paths(res); !slices.Equal(got, want) {
			t.Errorf("%q: OnFile saw %q, want each of %q once", args, seen, want)
		}
		if i, j := slices.Index(seen, "dags/a0.py"), slices.Index(seen, "dags/a/x.py"); i > j {
			t.Errorf("%q: OnFile saw %q, want dags/a0.py (found first) before dags/a/x.py", args, seen)
		}
	}
}

// TestChildIsJoin: child joins a clean folder and an entry name as
// filepath.Join and path.Join do.
func TestChildIsJoin(t *testing.T) {
	dirs := []string{"", ".", "..", "../..", "a", "a/b", "../a/b", "/", "/a", "/a/b", "...", ".a", "a b", "é/ü"}
	names := []string{"x.py", "...", ".x", "..x", "x..", "a b.py", "é.py", "x\\y"}
	for _, d := range dirs {
		for _, n := range names {
			if got, want := child(d, n, '/'), path.Join(d, n); got != want {
				t.Errorf("child(%q, %q, '/') = %q, path.Join gives %q", d, n, got, want)
			}
			fd := filepath.FromSlash(d)
			if got, want := child(fd, n, filepath.Separator), filepath.Join(fd, n); got != want {
				t.Errorf("child(%q, %q) = %q, filepath.Join gives %q", fd, n, got, want)
			}
		}
	}
}

// TestIgnoreFilesInSiblingFolders: folders that each hold an ignore file
// with patterns keep their files apart: same-named files under both are
// all listed (each is its own physical file), with the walked folder as
// their root, and the patterns still apply. (The frame of a folder with
// patterns once lost its real path, so b/x.py was taken for a/x.py.)
func TestIgnoreFilesInSiblingFolders(t *testing.T) {
	root := t.TempDir()
	tree(t, root, "a/.gitignore=*_gen.py\n", "b/.gitignore=*_gen.py\n", "b/.ignore=skip.py\n",
		"a/x.py", "b/x.py", "a/sub/y.py", "b/sub/y.py", "a/x_gen.py", "b/x_gen.py", "b/skip.py", "c/x.py")
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, gitignore := range []bool{true, false} {
		res := walkIn(t, root, Options{RespectGitignore: gitignore}, ".")
		want := []string{"a/sub/y.py", "a/x.py", "b/sub/y.py", "b/x.py", "c/x.py"}
		if !gitignore {
			want = []string{"a/sub/y.py", "a/x.py", "a/x_gen.py", "b/skip.py", "b/sub/y.py", "b/x.py", "b/x_gen.py", "c/x.py"}
		}
		if got := paths(res); !slices.Equal(got, want) {
			t.Errorf("gitignore %v: found %q, want %q", gitignore, got, want)
		}
		for _, f := range res.Files {
			if f.Root != real {
				t.Errorf("gitignore %v: %s has root %q, want %q", gitignore, f.Path, f.Root, real)
			}
		}
	}
}
