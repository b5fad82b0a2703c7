package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fixCLI runs daglint and returns stdout, stderr and the exit code.
func fixCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func put(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const (
	importLine = "from airflow.providers.docker.operators.docker import DockerOperator\n"
	// staleNoqa's suppression is unused (DAG002, safe fix: remove it).
	staleNoqa     = `DockerOperator(task_id="a", image="python:3.12-slim")  # noqa: DAG102` + "\n"
	staleNoqaDone = `DockerOperator(task_id="a", image="python:3.12-slim")` + "\n"
	// unqualified is a DAG101 warning with no fix.
	unqualified = `DockerOperator(task_id="b", image="team/etl:1.0", docker_conn_id="gitlab")` + "\n"
	// unresolvedSecret is a DAG204 finding whose fix is unsafe (daglint cannot
	// tell whether the value is a template private_environment would not render).
	unresolvedSecret = `DockerOperator(task_id="c", image="python:3.12-slim", environment={"DB_PASSWORD": get_password()})` + "\n"
)

func TestFix(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		args      []string
		want      string // file content afterwards
		wantCode  int
		wantMsg   string // on stderr
		wantOut   []string
		wantNoOut []string
	}{
		{name: "safe fix applied, unfixable warning remains",
			src: importLine + staleNoqa + unqualified, args: []string{"--fix"},
			want: importLine + staleNoqaDone + unqualified, wantCode: 1, wantMsg: "Fixed 1 finding in 1 file.",
			wantOut: []string{"DAG101"}, wantNoOut: []string{"DAG002"}},
		{name: "only a fixable note: clean afterwards",
			src: importLine + staleNoqa, args: []string{"--fix", "--fail-on", "note"},
			want: importLine + staleNoqaDone, wantCode: 0, wantMsg: "Fixed 1 finding in 1 file.", wantNoOut: []string{"DAG002"}},
		{name: "nothing to fix",
			src: importLine + unqualified, args: []string{"--fix"},
			want: importLine + unqualified, wantCode: 1, wantMsg: "Fixed 0 findings in 0 files.", wantOut: []string{"DAG101"}},
		{name: "unsafe fix not applied by default",
			src: importLine + unresolvedSecret, args: []string{"--fix"},
			want: importLine + unresolvedSecret, wantCode: 1, wantMsg: "Fixed 0 findings in 0 files.", wantOut: []string{"DAG204"}},
		{name: "syntax error: nothing fixed",
			src: importLine + "print \"x\"\n" + staleNoqa, args: []string{"--fix"},
			want: importLine + "print \"x\"\n" + staleNoqa, wantCode: 1, wantMsg: "Fixed 0 findings in 0 files.", wantOut: []string{"DAG001", "DAG002"}},
		{name: "syntax error with DAG001 switched off: nothing fixed",
			src: importLine + "print \"x\"\n" + staleNoqa, args: []string{"--fix", "--ignore", "DAG001", "--fail-on", "note"},
			want: importLine + "print \"x\"\n" + staleNoqa, wantCode: 1, wantMsg: "Fixed 0 findings in 0 files.", wantOut: []string{" DAG002 "}, wantNoOut: []string{" DAG001 "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "dags", "x.py")
			put(t, path, tt.src, 0o640)
			out, errOut, code := fixCLI(t, append(append([]string{"check", "--no-config"}, tt.args...), path)...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.wantCode, out, errOut)
			}
			if got := read(t, path); got != tt.want {
				t.Errorf("file after --fix:\n%s\nwant:\n%s", got, tt.want)
			}
			if !strings.Contains(errOut, tt.wantMsg) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantMsg, errOut)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("report lacks %s:\n%s", w, out)
				}
			}
			for _, w := range tt.wantNoOut {
				if strings.Contains(out, w) {
					t.Errorf("report still has %s:\n%s", w, out)
				}
			}
			if st, err := os.Stat(path); err != nil || (runtime.GOOS != "windows" && st.Mode().Perm() != 0o640) {
				t.Errorf("mode after --fix = %v, %v; want 0640 kept", st.Mode(), err)
			}
			if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*daglint*")); len(leftovers) > 0 {
				t.Errorf("temporary files left behind: %v", leftovers)
			}
		})
	}
}

func TestUnsafeFixes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.py")
	put(t, path, importLine+unresolvedSecret+staleNoqa, 0o644)
	_, errOut, _ := fixCLI(t, "check", "--no-config", "--fix", "--unsafe-fixes", path)
	got := read(t, path)
	if !strings.Contains(got, "private_environment=") || strings.Contains(got, "# noqa") {
		t.Errorf("--unsafe-fixes did not apply both fixes:\n%s", got)
	}
	if !strings.Contains(errOut, "Fixed 2 findings in 1 file.") {
		t.Errorf("stderr: %s", errOut)
	}
}

func TestDiff(t *testing.T) {
	dir := t.TempDir()
	fixable := filepath.Join(dir, "a.py")
	clean := filepath.Join(dir, "b.py")
	put(t, fixable, importLine+staleNoqa+unqualified, 0o644)
	put(t, clean, importLine+unqualified, 0o644)

	out, errOut, code := fixCLI(t, "check", "--no-config", "--diff", fixable, clean)
	if code != 1 {
		t.Errorf("--diff with something to fix: exit %d, want 1", code)
	}
	for _, w := range []string{"--- a/", "+++ b/", "-" + strings.TrimSuffix(staleNoqa, "\n") + "\n", "+" + staleNoqaDone} {
		if !strings.Contains(out, w) {
			t.Errorf("diff lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "b.py") || strings.Contains(out, "DAG101") {
		t.Errorf("--diff printed more than the diff of the fixable file:\n%s", out)
	}
	if !strings.Contains(errOut, "Would fix 1 finding in 1 file.") {
		t.Errorf("stderr: %s", errOut)
	}
	if got := read(t, fixable); got != importLine+staleNoqa+unqualified {
		t.Errorf("--diff wrote the file:\n%s", got)
	}

	out, _, code = fixCLI(t, "check", "--no-config", "--diff", clean)
	if code != 0 || out != "" {
		t.Errorf("--diff with nothing to fix: exit %d, stdout %q; want 0 and nothing", code, out)
	}
}

func TestFixFollowsSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "real.py")
	link := filepath.Join(dir, "link.py")
	put(t, target, importLine+staleNoqa, 0o644)
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(link, real, []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if got := read(t, target); got != "new\n" {
		t.Errorf("target = %q", got)
	}
}

// TestFixThatCannotWriteExits2: the fixed text cannot be written (here the
// temporary file's name would be too long for the file system, which stops
// root too), so the run exits 2 and says so without naming the temporary
// file, and the file is unchanged.
func TestFixThatCannotWriteExits2(t *testing.T) {
	path := filepath.Join(t.TempDir(), strings.Repeat("a", 240)+".py")
	put(t, path, importLine+staleNoqa, 0o644)
	_, errOut, code := fixCLI(t, "check", "--no-config", "--fix", path)
	if code != 2 {
		t.Errorf("exit %d, want 2\nstderr:\n%s", code, errOut)
	}
	if !strings.Contains(errOut, "not fixed") || strings.Contains(errOut, ".daglint-") {
		t.Errorf("stderr should say the file was not fixed, without the temporary file's name:\n%s", errOut)
	}
	if got := read(t, path); got != importLine+staleNoqa {
		t.Errorf("file changed:\n%s", got)
	}
}

// failingWriter fails every write, as /dev/full or a closed pipe does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestOutputWriteErrorsExit2: every command whose output cannot be written
// exits 2 with a message on stderr.
func TestOutputWriteErrorsExit2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.py")
	put(t, path, importLine+staleNoqa, 0o644)
	for _, args := range [][]string{
		{"rules"},
		{"rules", "--format", "json"},
		{"explain", "DAG101"},
		{"version"},
		{"check", "--no-config", "--diff", path},
		{"check", "--no-config", "--fail-on", "error", path},
		{"check", "--no-config", "--show-config"},
	} {
		var errb bytes.Buffer
		code := run(args, strings.NewReader(""), failingWriter{}, &errb)
		if code != 2 || !strings.Contains(errb.String(), "no space left on device") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and the write error", args, code, errb.String())
		}
	}
	if f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0); err == nil {
		defer f.Close()
		var errb bytes.Buffer
		if code := run([]string{"version"}, strings.NewReader(""), f, &errb); code != 2 {
			t.Errorf("version > /dev/full: exit %d, want 2 (stderr %q)", code, errb.String())
		}
	}
}

// TestSymlinkPolicy: --fix never writes outside the folder it lints, lints
// and fixes one physical file once, does not walk a linked folder, and
// connections files outside the project are not read.
func TestSymlinkPolicy(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	base := t.TempDir()
	repo := filepath.Join(base, "repo")
	victim := filepath.Join(base, "outside", "victim.py")
	etcFile := filepath.Join(base, "outside", "etc", "conf.py")
	put(t, victim, importLine+staleNoqa, 0o644)
	put(t, etcFile, importLine+staleNoqa, 0o644)
	put(t, filepath.Join(repo, "a.py"), importLine+staleNoqa, 0o644)
	for link, target := range map[string]string{
		"link.py":  "../outside/victim.py",
		"alias.py": "a.py",
		"etc":      filepath.Join(base, "outside", "etc"), // as ln -s /etc repo/etc
	} {
		if err := os.Symlink(target, filepath.Join(repo, link)); err != nil {
			t.Skip(err)
		}
	}

	out, errOut, code := fixCLI(t, "check", "--no-config", "--fix", "--fail-on", "note", repo)
	if code != 0 || !strings.Contains(errOut, "Fixed 1 finding in 1 file.") {
		t.Errorf("walk: exit %d, want 0 and one file fixed once\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if got := read(t, filepath.Join(repo, "a.py")); got != importLine+staleNoqaDone {
		t.Errorf("a.py after --fix:\n%s", got)
	}
	for _, p := range []string{victim, etcFile} {
		if got := read(t, p); got != importLine+staleNoqa {
			t.Errorf("%s, outside the linted folder, was rewritten:\n%s", p, got)
		}
	}
	if strings.Contains(out, "victim") || strings.Contains(out, "conf.py") {
		t.Errorf("files outside the linted folder were linted:\n%s", out)
	}

	// Named on the command line, the link is read but not written through.
	_, errOut, code = fixCLI(t, "check", "--no-config", "--fix", filepath.Join(repo, "link.py"))
	if code != 2 || !strings.Contains(errOut, "outside the folder being linted") {
		t.Errorf("explicit link: exit %d, want 2 and a refusal\nstderr:\n%s", code, errOut)
	}
	if got := read(t, victim); got != importLine+staleNoqa {
		t.Errorf("victim.py rewritten through an explicit link:\n%s", got)
	}

	// A connections file outside the project is not read.
	cfg := filepath.Join(repo, ".daglint.yaml")
	put(t, filepath.Join(base, "outside", "conns.yaml"), "gitlab:\n  conn_type: docker\n  host: registry.gitlab.com\n", 0o644)
	for _, list := range []string{"[../outside/conns.yaml]", "[" + filepath.Join(base, "outside", "conns.yaml") + "]"} {
		put(t, cfg, "connections: "+list+"\n", 0o644)
		_, errOut, code = fixCLI(t, "check", "--config", cfg, filepath.Join(repo, "a.py"))
		if code != 2 || !strings.Contains(errOut, "outside the project folder") {
			t.Errorf("connections %s: exit %d, want 2 and a refusal\nstderr:\n%s", list, code, errOut)
		}
	}
}

// TestFixFromLinkedWorkingDirectory: run from a folder reached through a
// symbolic link, --fix still writes the files it lints there.
func TestFixFromLinkedWorkingDirectory(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	base := t.TempDir()
	put(t, filepath.Join(base, "real", "x.py"), importLine+staleNoqa, 0o644)
	if err := os.Symlink("real", filepath.Join(base, "via")); err != nil {
		t.Skip(err)
	}
	t.Chdir(filepath.Join(base, "via"))
	for _, arg := range []string{".", "x.py"} {
		put(t, "x.py", importLine+staleNoqa, 0o644)
		if _, errOut, code := fixCLI(t, "check", "--no-config", "--fix", "--fail-on", "note", arg); code != 0 {
			t.Errorf("%s: exit %d, want 0\nstderr:\n%s", arg, code, errOut)
		}
		if got := read(t, "x.py"); got != importLine+staleNoqaDone {
			t.Errorf("%s: x.py not fixed:\n%s", arg, got)
		}
	}
}
