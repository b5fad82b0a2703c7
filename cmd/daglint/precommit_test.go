package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPreCommitRealHook installs and runs the hook with the real pre-commit
// in a throwaway repository, on a PATH from which every C compiler is
// removed, as on a pre-commit user's machine without one.
// .ci/run installs pre-commit; elsewhere the test is skipped without it.
func TestPreCommitRealHook(t *testing.T) {
	if testing.Short() {
		t.Skip("installs the hook with go install: not with -short")
	}
	precommit, err := exec.LookPath("pre-commit")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pre-commit not found; .ci/run installs it (apt-get install pre-commit)")
		}
		t.Skip("pre-commit not installed")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	bin := noCompilerPath(t)
	modcache, _ := exec.Command("go", "env", "GOMODCACHE").Output()
	gocache, _ := exec.Command("go", "env", "GOCACHE").Output()
	home := t.TempDir()
	env := []string{
		"PATH=" + bin,
		"HOME=" + home,
		"PRE_COMMIT_HOME=" + filepath.Join(home, "pre-commit"),
		"GOMODCACHE=" + strings.TrimSpace(string(modcache)), // reuse downloads, read-only use
		"GOCACHE=" + strings.TrimSpace(string(gocache)),
		"GOFLAGS=-modcacherw",
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
	}
	if p := os.Getenv("GOPROXY"); p != "" {
		env = append(env, "GOPROXY="+p)
	}
	repo := t.TempDir()
	runIn := func(dir string, args ...string) (string, int) {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return string(out), code
	}
	writeFile(t, repo, "dags/etl.py", dirtyDAG)
	writeFile(t, repo, "README.md", "not linted\n")
	runIn(repo, filepath.Join(bin, "git"), "init", "-q", ".")
	runIn(repo, filepath.Join(bin, "git"), "add", ".")

	out, code := runIn(repo, precommit, "try-repo", root, "daglint", "--all-files", "--verbose")
	if code != 1 || !strings.Contains(out, "DAG101") {
		t.Fatalf("hook on a dirty DAG: exit %d, want 1 with DAG101:\n%s", code, out)
	}
	if n := len(regexp.MustCompile(`(?m)^Found \d+ finding`).FindAllString(out, -1)); n != 1 {
		t.Errorf("%d summaries in the hook's output, want 1 (require_serial):\n%s", n, out)
	}
	// Only the daglint command is installed: pre-commit's golang hook runs
	// `go install ./...` in the hook repository, which installs every main
	// package that builds without tags.
	cmd := exec.Command("go", "list", "-f", "{{if eq .Name \"main\"}}{{.ImportPath}}{{end}}", "./...")
	cmd.Dir = root
	mains, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	if got := strings.Fields(string(mains)); len(got) != 1 || got[0] != "github.com/daglint/daglint/cmd/daglint" {
		t.Errorf("go install ./... would install %v, want only github.com/daglint/daglint/cmd/daglint", got)
	}
	// A change to a connections source alone re-runs the hook; a README alone does not.
	writeFile(t, repo, "airflow_settings.yaml", "airflow:\n  connections: []\n")
	runIn(repo, filepath.Join(bin, "git"), "add", ".")
	out, _ = runIn(repo, precommit, "try-repo", root, "daglint", "--files", "airflow_settings.yaml")
	if strings.Contains(out, "no files to check") || !strings.Contains(out, "Failed") {
		t.Errorf("hook did not run on a connections file change:\n%s", out)
	}
	out, _ = runIn(repo, precommit, "try-repo", root, "daglint", "--files", "README.md")
	if !strings.Contains(out, "no files to check") {
		t.Errorf("hook ran on a README change:\n%s", out)
	}
}

// compilerName matches the C and C++ compilers cgo would look for.
var compilerName = regexp.MustCompile(`^(cc|c\+\+|c89|c99|gcc|g\+\+|clang|clang\+\+|tcc)(-[0-9.]+)?$|-(gcc|g\+\+|cc|clang)(-[0-9.]+)?$`)

// noCompilerPath returns a folder of links to every command on PATH except
// C compilers, to be the whole PATH of a child process.
func noCompilerPath(t *testing.T) string {
	t.Helper()
	bin := t.TempDir()
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			name := e.Name()
			if compilerName.MatchString(name) {
				continue
			}
			if _, err := os.Lstat(filepath.Join(bin, name)); err == nil {
				continue // an earlier PATH entry wins
			}
			os.Symlink(filepath.Join(dir, name), filepath.Join(bin, name))
		}
	}
	for _, tool := range []string{"go", "git"} {
		if _, err := os.Stat(filepath.Join(bin, tool)); err != nil {
			t.Skipf("%s not on PATH", tool)
		}
	}
	for _, cc := range []string{"gcc", "cc", "clang"} {
		if _, err := os.Lstat(filepath.Join(bin, cc)); err == nil {
			t.Fatalf("%s left on the compiler-free PATH", cc)
		}
	}
	return bin
}
