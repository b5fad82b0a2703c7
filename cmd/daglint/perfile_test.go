package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// monoDAG flags DAG102 (the tag latest) and, with a connections source that
// lacks "gitlab_registy", DAG205; without one DAG205 stays off.
const monoDAG = "from airflow.providers.docker.operators.docker import DockerOperator\n" +
	"DockerOperator(task_id='t', image='registry.gitlab.com/g/etl:latest', docker_conn_id='gitlab_registy')\n"

const monoSettings = "airflow:\n  connections:\n    - conn_id: gitlab_registry\n      conn_type: docker\n      conn_host: registry.gitlab.com\n"

// monorepo lays out a/ with its own configuration (DAG102 ignored) and
// airflow_settings.yaml, and b/ with neither, and returns its root.
func monorepo(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	writeFile(t, root, "a/.daglint.yaml", "ignore: [DAG102]\n")
	writeFile(t, root, "a/airflow_settings.yaml", monoSettings)
	writeFile(t, root, "a/dags/x.py", monoDAG)
	writeFile(t, root, "b/dags/y.py", monoDAG)
	return root
}

// findingLines returns the text output's lines naming rule.
func findingLines(out, rule string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, ": "+rule+" ") {
			lines = append(lines, l)
		}
	}
	return lines
}

// TestConfigurationPerFile runs from the monorepo's root (t.Chdir: not
// parallel): each file uses the nearest configuration above it.
func TestConfigurationPerFile(t *testing.T) {
	root := monorepo(t)
	t.Chdir(root)

	out, errs, code := runCLI(t, "check", ".")
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, errs)
	}
	if got := findingLines(out, "DAG102"); len(got) != 1 || !strings.HasPrefix(got[0], "b/dags/y.py:") {
		t.Errorf("DAG102 lines = %q, want only b/dags/y.py's (a/.daglint.yaml ignores it)\n%s", got, out)
	}
	if got := findingLines(out, "DAG205"); len(got) != 1 || !strings.HasPrefix(got[0], "a/dags/x.py:") {
		t.Errorf("DAG205 lines = %q, want only a/dags/x.py's (a's airflow_settings.yaml)\n%s", got, out)
	}
	// Naming the folder gives the same answer as walking the root.
	out, _, _ = runCLI(t, "check", "a/dags", "b/dags")
	if len(findingLines(out, "DAG102")) != 1 || len(findingLines(out, "DAG205")) != 1 {
		t.Errorf("check a/dags b/dags differs from check .:\n%s", out)
	}
	// Findings stay sorted by path across groups.
	if i, j := strings.Index(out, "a/dags/x.py"), strings.Index(out, "b/dags/y.py"); i < 0 || j < i {
		t.Errorf("findings not sorted by path:\n%s", out)
	}

	// --config forces one configuration for every file; --no-config none.
	writeFile(t, root, "strict.yaml", "select: [DAG102]\n")
	out, _, _ = runCLI(t, "check", "--config", "strict.yaml", ".")
	if got := findingLines(out, "DAG102"); len(got) != 2 {
		t.Errorf("--config strict.yaml: DAG102 lines = %q, want both files'\n%s", got, out)
	}
	if got := findingLines(out, "DAG205"); len(got) != 0 {
		t.Errorf("--config strict.yaml selects only DAG102, got DAG205 %q", got)
	}
	out, _, _ = runCLI(t, "check", "--no-config", ".")
	if len(findingLines(out, "DAG102")) != 2 || len(findingLines(out, "DAG205")) != 0 {
		t.Errorf("--no-config: want DAG102 on both files and no DAG205 (no settings in the root)\n%s", out)
	}
}

func TestShowConfigForPath(t *testing.T) {
	root := monorepo(t)
	t.Chdir(root)
	out, errs, code := runCLI(t, "check", "--show-config", "a/dags/x.py")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	first, _, _ := strings.Cut(out, "\n")
	if first != "# daglint configuration from a/.daglint.yaml" {
		t.Errorf("--show-config a/dags/x.py first line = %q, want a/.daglint.yaml named", first)
	}
	if !strings.Contains(out, "ignore: [DAG102]") {
		t.Errorf("--show-config a/dags/x.py does not print a's configuration:\n%s", out)
	}
	out, _, _ = runCLI(t, "check", "--show-config", "b/dags")
	if !strings.HasPrefix(out, "# daglint configuration from defaults") {
		t.Errorf("--show-config b/dags: want the defaults, got:\n%s", out)
	}
	out, _, _ = runIn(t, "", "check", "--show-config", "--stdin-filename", "a/dags/new.py")
	if !strings.HasPrefix(out, "# daglint configuration from a/.daglint.yaml\n") {
		t.Errorf("--show-config with --stdin-filename a/dags/new.py: got\n%s", out)
	}
}

func TestStdinFilenameUsesItsConfiguration(t *testing.T) {
	root := monorepo(t)
	t.Chdir(root)
	for _, tc := range []struct {
		name           string
		dag102, dag205 int
	}{
		{"a/dags/x.py", 0, 1},
		{"b/dags/new.py", 1, 0},
	} {
		out, errs, _ := runIn(t, monoDAG, "check", "--stdin-filename", tc.name, "-")
		if n := len(findingLines(out, "DAG102")); n != tc.dag102 {
			t.Errorf("stdin as %s: %d DAG102, want %d\n%s%s", tc.name, n, tc.dag102, out, errs)
		}
		if n := len(findingLines(out, "DAG205")); n != tc.dag205 {
			t.Errorf("stdin as %s: %d DAG205, want %d\n%s%s", tc.name, n, tc.dag205, out, errs)
		}
	}
}

// TestParentConfigurationAndItsFolder: a configuration applies to every
// folder below it, its excludes and per-file-ignores are relative to its
// own folder, and a nearer one wins.
func TestParentConfigurationAndItsFolder(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "proj/.daglint.yaml", "ignore: [DAG205]\nexclude: [\"gen/**\"]\nper-file-ignores: {\"dags/legacy/**\": [DAG102]}\n")
	writeFile(t, root, "proj/dags/team/deep/x.py", monoDAG)
	writeFile(t, root, "proj/dags/legacy/old.py", monoDAG)
	writeFile(t, root, "proj/gen/made.py", monoDAG)
	writeFile(t, root, "proj/sub/.daglint.yaml", "select: [DAG101]\n")
	writeFile(t, root, "proj/sub/z.py", dirtyDAG+monoDAG)
	t.Chdir(root)
	out, errs, _ := runCLI(t, "check", ".")
	got := findingLines(out, "DAG102")
	if len(got) != 1 || !strings.HasPrefix(got[0], "proj/dags/team/deep/x.py:") {
		t.Errorf("DAG102 lines = %q, want only the nested x.py (legacy ignored, gen excluded, sub selects DAG101)\n%s%s", got, out, errs)
	}
	if got := findingLines(out, "DAG101"); len(got) != 1 || !strings.HasPrefix(got[0], "proj/sub/z.py:") {
		t.Errorf("DAG101 lines = %q, want proj/sub/z.py's", got)
	}
	if strings.Contains(out, "gen/made.py") {
		t.Errorf("proj's exclude gen/** is relative to proj/, yet gen/made.py was linted:\n%s", out)
	}
}

// TestDiscoveryCostGrowsWithFolders counts the folders searched for a
// configuration: doubling the files leaves it alone, doubling the folders
// doubles it.
func TestDiscoveryCostGrowsWithFolders(t *testing.T) {
	lookups := func(folders, filesPer int) int {
		root := t.TempDir()
		writeFile(t, root, ".daglint.yaml", "ignore: [DAG102]\n")
		var files []string
		for d := 0; d < folders; d++ {
			for f := 0; f < filesPer; f++ {
				files = append(files, filepath.Join(root, fmt.Sprintf("d%d", d), fmt.Sprintf("f%d.py", f)))
			}
		}
		r, err := newResolver(&checkFlags{}, root)
		if err != nil {
			t.Fatal(err)
		}
		groups, err := groupFiles(r, &checkFlags{}, files)
		if err != nil {
			t.Fatal(err)
		}
		if len(groups) != 1 || len(groups[0].idx) != len(files) {
			t.Fatalf("%d folders under one configuration made %d groups", folders, len(groups))
		}
		return r.lookups
	}
	base := lookups(20, 5)
	if more := lookups(20, 10); more != base {
		t.Errorf("doubling the files changed the lookups: %d -> %d", base, more)
	}
	if more := lookups(40, 5); float64(more)/float64(base) > 2.2 || more <= base {
		t.Errorf("doubling the folders: %d -> %d lookups, want about twice", base, more)
	}
}

func TestInvalidNestedConfigurationExits2(t *testing.T) {
	root := monorepo(t)
	writeFile(t, root, "b/.daglint.yaml", "selectt: [DAG101]\n")
	t.Chdir(root)
	_, errs, code := runCLI(t, "check", ".")
	if code != 2 || !strings.Contains(errs, filepath.Join("b", ".daglint.yaml")) {
		t.Errorf("exit %d, stderr %q: want 2 naming b/.daglint.yaml", code, errs)
	}
}

// TestServerUsesCheckResolution: the language server's per-file
// configuration is check's.
func TestServerUsesCheckResolution(t *testing.T) {
	root := monorepo(t)
	runs := func(path, id string) (bool, []string) {
		fc, err := fileConfig(filepath.Join(root, filepath.FromSlash(path)), root)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range fc.Options.Rules {
			if r.ID == id {
				return true, fc.Files
			}
		}
		return false, fc.Files
	}
	if on, files := runs("a/dags/x.py", "DAG102"); on || len(files) != 2 || files[0] != filepath.Join(root, "a", ".daglint.yaml") || files[1] != filepath.Join(root, "a", "airflow_settings.yaml") {
		t.Errorf("a/dags/x.py: DAG102 on = %v, watched files %q; want off, a's configuration and settings", on, files)
	}
	if on, _ := runs("a/dags/x.py", "DAG205"); !on {
		t.Error("a/dags/x.py: DAG205 off despite a/airflow_settings.yaml")
	}
	if on, files := runs("b/dags/y.py", "DAG102"); !on || len(files) != 0 {
		t.Errorf("b/dags/y.py: DAG102 on = %v, watched files %q; want on, none", on, files)
	}
}

// TestPyprojectPerFolder: a pyproject.toml counts only with a
// [tool.daglint] table; one without it is passed over for the next folder up.
func TestPyprojectPerFolder(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "p/pyproject.toml", "[tool.daglint]\nignore = [\"DAG102\"]\n")
	writeFile(t, root, "p/dags/x.py", monoDAG)
	writeFile(t, root, "p/sub/pyproject.toml", "[project]\nname = \"sub\"\n")
	writeFile(t, root, "p/sub/y.py", monoDAG)
	writeFile(t, root, "q/pyproject.toml", "[project]\nname = \"q\"\n")
	writeFile(t, root, "q/z.py", monoDAG)
	t.Chdir(root)
	out, errs, _ := runCLI(t, "check", ".")
	if got := findingLines(out, "DAG102"); len(got) != 1 || !strings.HasPrefix(got[0], "q/z.py:") {
		t.Errorf("DAG102 lines = %q, want only q/z.py's (p's [tool.daglint] governs p/sub too)\n%s%s", got, out, errs)
	}
	out, _, _ = runCLI(t, "check", "--show-config", "p/sub/y.py")
	if !strings.HasPrefix(out, "# daglint configuration from p/pyproject.toml\n") {
		t.Errorf("--show-config p/sub/y.py: got\n%s", out)
	}
}
