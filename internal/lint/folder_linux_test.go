package lint

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/daglint/daglint/internal/lint/lintbench"
)

// put writes src at path, making its folders.
func put(t *testing.T, path string, src []byte) {
	t.Helper()
	// Arguments are evaluated in order: the folders first.
	if err := errors.Join(os.MkdirAll(filepath.Dir(path), 0o755), os.WriteFile(path, src, 0o644)); err != nil {
		t.Fatal(err)
	}
}

// readVia reads path through dirs, failing t on an error.
func readVia(t *testing.T, dirs *folder, path string) []byte {
	t.Helper()
	src, err := readFileIn(dirs, path, 0, nil)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return src
}

// TestFolderOpensWhatThePathNames: files read through a worker's folder
// cache are the files their paths name, moving between folders, back, to a
// file with no folder part and an absolute path; a missing file gets the
// error reading it by its path gives; a folder deleted and made again is
// not read through its old descriptor.
func TestFolderOpensWhatThePathNames(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	files := map[string]string{"a/x.py": "ax", "a/y.py": "ay", "b/c/z.py": "bcz", "top.py": "top", "a/b/x.py": "abx"}
	for p, text := range files {
		put(t, p, []byte(text))
	}
	var dirs folder
	defer dirs.close()
	for _, p := range []string{"a/x.py", "a/y.py", "b/c/z.py", "a/x.py", "top.py", "a/b/x.py", filepath.Join(root, "a", "y.py"), "a/y.py", "./a/x.py"} {
		want := files[filepath.ToSlash(filepath.Clean(p))]
		if filepath.IsAbs(p) {
			want = "ay"
		}
		if got := readVia(t, &dirs, p); string(got) != want {
			t.Fatalf("%s: read %q, want %q", p, got, want)
		}
		if i := strings.LastIndexByte(p, '/'); i > 0 && dirs.dir != p[:i] {
			t.Fatalf("%s: the folder held is %q, want %q", p, dirs.dir, p[:i])
		}
	}
	readVia(t, &dirs, "a/x.py")
	for _, missing := range []string{"a/missing.py", "a/x.py/z", "gone/x.py"} {
		_, viaDirs := readFileIn(&dirs, missing, 0, nil)
		_, byPath := readFileIn(nil, missing, 0, nil)
		if viaDirs == nil || byPath == nil || viaDirs.Error() != byPath.Error() {
			t.Fatalf("%s: error %v through the folder, %v by the path", missing, viaDirs, byPath)
		}
	}
	readVia(t, &dirs, "a/x.py")
	if err := os.RemoveAll("a"); err != nil {
		t.Fatal(err)
	}
	put(t, "a/x.py", []byte("new"))
	if got := readVia(t, &dirs, "a/x.py"); string(got) != "new" {
		t.Fatalf("a/x.py after its folder was made again: read %q, want %q", got, "new")
	}
}

// TestFolderWithoutReadPermission: a folder that can be passed through
// but not listed (mode 0311) cannot be opened for the cache; its files are
// read by their paths.
func TestFolderWithoutReadPermission(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any folder")
	}
	root := t.TempDir()
	dir := filepath.Join(root, "d")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "x.py"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o311); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	var dirs folder
	defer dirs.close()
	if got := readVia(t, &dirs, filepath.Join(dir, "x.py")); string(got) != "x" {
		t.Fatalf("read %q, want %q", got, "x")
	}
}

// openFDs counts this process's open file descriptors.
func openFDs(t *testing.T) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip(err)
	}
	return len(fds)
}

// TestPoolClosesItsFolders: the workers' folders are closed when the pool
// is done, and the files of many folders come back whole.
func TestPoolClosesItsFolders(t *testing.T) {
	root := t.TempDir()
	var paths []string
	var want [][]byte
	for i := range 40 {
		p := filepath.Join(root, string(rune('a'+i%7)), string(rune('a'+i))+".py")
		src := bytes.Repeat([]byte{byte('a' + i)}, i+1)
		put(t, p, src)
		paths, want = append(paths, p), append(want, src)
	}
	before := openFDs(t)
	res := Files(paths, Options{Workers: 2})
	if after := openFDs(t); after != before {
		t.Fatalf("%d descriptors open before linting, %d after", before, after)
	}
	for _, r := range res {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Path, r.Err)
		}
	}
	var dirs folder
	defer dirs.close()
	for i, p := range paths {
		if got := readVia(t, &dirs, p); !bytes.Equal(got, want[i]) {
			t.Fatalf("%s: read %q, want %q", p, got, want[i])
		}
	}
	var st syscall.Stat_t
	if dirs.dir == "" || syscall.Fstat(dirs.fd, &st) != nil {
		t.Fatal("no folder held after reading files in folders")
	}
}

// BenchmarkReadFiles reads a generated 3,000-file corpus in walk order,
// by path and through a folder cache, as a worker does.
func BenchmarkReadFiles(b *testing.B) {
	root := b.TempDir()
	if _, err := lintbench.Generate(root, lintbench.Options{Files: 3000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	var paths []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return err
	})
	for _, bc := range []struct {
		name string
		dirs *folder
	}{{"path", nil}, {"folder", new(folder)}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var scratch []byte
			for b.Loop() {
				for _, p := range paths {
					src, err := readFileIn(bc.dirs, p, 0, scratch)
					if err != nil {
						b.Fatal(err)
					}
					scratch = src[:0]
				}
			}
			if bc.dirs != nil {
				bc.dirs.close()
			}
		})
	}
}

// TestFolderPathTooLong: a path the kernel refuses as too long gets the
// error reading it by its path gives, although its folder alone could be
// opened and the file named relative to it.
func TestFolderPathTooLong(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	name := strings.Repeat("d", 200)
	var dir []string
	for range 20 { // a folder path of 4,019 bytes, under the limit
		if err := os.Mkdir(name, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chdir(name); err != nil {
			t.Fatal(err)
		}
		dir = append(dir, name)
	}
	file := strings.Repeat("f", 100) + ".py"
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(root); err != nil {
		t.Fatal(err)
	}
	p := strings.Join(append(dir, file), "/") // over the limit
	var dirs folder
	defer dirs.close()
	_, byPath := readFileIn(nil, p, 0, nil)
	_, viaDirs := readFileIn(&dirs, p, 0, nil)
	if byPath == nil || viaDirs == nil || viaDirs.Error() != byPath.Error() {
		t.Fatalf("error %v through the folder, %v by the path", viaDirs, byPath)
	}
}

// TestFolderSymlinksAndDotDot: through the folder cache, a path with ".."
// after a folder link (the kernel resolves it from the link's target, not
// lexically), a linked folder, a linked file and a dangling link read
// what, or fail as, reading by the path does.
func TestFolderSymlinksAndDotDot(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	for p, text := range map[string]string{"deep/inner/x.py": "inner", "deep/sib/x.py": "deep sib", "sib/x.py": "top sib", "a/x.py": "ax"} {
		put(t, p, []byte(text))
	}
	for link, target := range map[string]string{"link": "deep/inner", "a/lx.py": "../sib/x.py", "a/dangling.py": "nothing.py", "a/up": ".."} {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	var dirs folder
	defer dirs.close()
	for _, p := range []string{"link/x.py", "link/../sib/x.py", "sib/x.py", "link/../sib/x.py", "a/../sib/x.py",
		"a/lx.py", "a/up/a/x.py", "a/up/link/../sib/x.py", "a/dangling.py", "link/../x.py", "a/x.py", "link/.."} {
		want, byPath := readFileIn(nil, p, 0, nil)
		got, viaDirs := readFileIn(&dirs, p, 0, nil)
		if string(got) != string(want) || (viaDirs == nil) != (byPath == nil) || viaDirs != nil && viaDirs.Error() != byPath.Error() {
			t.Fatalf("%s: read %q (error %v) through the folder, %q (error %v) by the path", p, got, viaDirs, want, byPath)
		}
	}
	if got := readVia(t, &dirs, "link/../sib/x.py"); string(got) != "deep sib" {
		t.Fatalf("link/../sib/x.py: read %q, want the link target's sibling", got)
	}
}
