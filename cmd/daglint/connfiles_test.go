package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Secrets of the connections-file project, built by concatenation so that
// secret scanners do not flag this file. The .env login holds characters
// outside the BMP and beyond ASCII, so byte, code-point and UTF-16 columns
// all differ.
var (
	settingsPassword = "Pq4w" + "K9nBv2Lc"
	ecrToken         = "eyJ0" + "b2tlbiI6IjEyaCJ9"
	jsonPassword     = "hunt" + "er2-json"
	exportPassword   = "hunt" + "er2-yaml"
	envPassword      = "s3cr" + "et-env-pw"
)

// connProject writes a project whose configuration lists a connections
// file of each format, and returns its folder.
func connProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, ".daglint.yaml", "connections: [airflow_settings.yaml, conns.json, conns.yaml, .env]\n")
	writeFile(t, dir, "airflow_settings.yaml", `airflow:
  connections:
    - conn_id: ecr
      conn_type: docker
      conn_host: 123456789012.dkr.ecr.eu-west-1.amazonaws.com
      conn_login: AWS
      conn_password: `+ecrToken+`
    - conn_id: gitlab
      conn_type: docker
      conn_host: registry.gitlab.com
      conn_password: `+settingsPassword+`  # noqa: DAG208
    - conn_id: templated
      conn_type: docker
      conn_password: "{{ var.value.registry_password }}"
`)
	writeFile(t, dir, "conns.json", `{
  "warehouse": {"conn_type": "postgres", "host": "db", "password": "`+jsonPassword+`"}
}
`)
	writeFile(t, dir, "conns.yaml", "registry:\n  conn_type: docker\n  host: quay.io\n  password: '"+exportPassword+"'\n")
	writeFile(t, dir, ".env", "# local stack\nAIRFLOW_CONN_HARBOR='docker://b\u00f6t\U0001F600:"+envPassword+"@harbor.example.com'\n")
	writeFile(t, dir, "dags/dag.py", "from airflow.providers.docker.operators.docker import DockerOperator\n\n"+
		"DockerOperator(task_id=\"t\", image=\"registry.gitlab.com/g/etl:1.0\", docker_conn_id=\"gitlab\")  # noqa: DAG102\n")
	return dir
}

// TestConnectionsFilesText: findings of each format at the value, line and
// UTF-16 column exact, each once, redacted, with exit 1.
func TestConnectionsFilesText(t *testing.T) {
	dir := connProject(t)
	out, errOut, code := runInDir(t, dir, "check", "dags")
	if code != exitFindings {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
	}
	want := []string{
		`.env:2:36: DAG304 connection "harbor" has a password in its URI's user information in a connections file outside any git work tree`,
		`airflow_settings.yaml:7:22: DAG208 docker connection "ecr" has a literal password for the ECR registry 123456789012.dkr.ecr.eu-west-1.amazonaws.com, whose authorization tokens are valid for 12 hours`,
		`airflow_settings.yaml:7:22: DAG304 connection "ecr" has a literal conn_password`,
		`airflow_settings.yaml:11:22: DAG304 connection "gitlab" has a literal conn_password`,
		`airflow_settings.yaml:11:36: DAG002 unused suppression for DAG208`,
		`conns.json:2:69: DAG304 connection "warehouse" has a literal password`,
		`conns.yaml:4:14: DAG304 connection "registry" has a literal password`,
		`dags/dag.py:3:94: DAG002 [*] unused suppression for DAG102`,
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var got []string
	for _, l := range lines {
		if strings.Contains(l, " DAG") {
			got = append(got, l)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d findings, want %d:\n%s", len(got), len(want), out)
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("finding %d:\n got %s\nwant %s...", i, got[i], w)
		}
	}
	assertNoWindow(t, "text", out+errOut, []string{settingsPassword, ecrToken, jsonPassword, exportPassword, envPassword})
	// Text and JSON count code points; the end is the password's length on.
	out, _, _ = runInDir(t, dir, "check", "--format", "json", "dags")
	var doc struct {
		Findings []struct {
			Rule  string `json:"rule_id"`
			Path  string `json:"path"`
			Start struct{ Line, Column int }
			End   struct{ Line, Column int }
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	f := doc.Findings[0]
	if f.Path != ".env" || f.Start.Column != 36 || f.End.Column != 36+len(envPassword) {
		t.Errorf(".env finding %+v, want columns 36 to %d", f, 36+len(envPassword))
	}
}

// TestConnectionsFilesOutputs: every format names the connections file;
// SARIF by an artifact URI relative to the source root.
func TestConnectionsFilesOutputs(t *testing.T) {
	dir := connProject(t)
	out, _, _ := runInDir(t, dir, "check", "--format", "sarif", "dags")
	var sarif struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					Physical struct {
						Artifact struct {
							URI    string `json:"uri"`
							BaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine, StartColumn int
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &sarif); err != nil {
		t.Fatal(err)
	}
	uris := map[string]bool{}
	for _, r := range sarif.Runs[0].Results {
		loc := r.Locations[0].Physical
		uris[loc.Artifact.URI] = true
		// SARIF counts UTF-16 units: the emoji before the password is two.
		if loc.Artifact.URI == ".env" && loc.Region.StartColumn != 37 {
			t.Errorf(".env: SARIF startColumn %d, want 37", loc.Region.StartColumn)
		}
		if loc.Artifact.BaseID != "%SRCROOT%" {
			t.Errorf("%s: uriBaseId %q", loc.Artifact.URI, loc.Artifact.BaseID)
		}
	}
	for _, u := range []string{".env", "airflow_settings.yaml", "conns.json", "conns.yaml"} {
		if !uris[u] {
			t.Errorf("SARIF has no result in %s: %v", u, uris)
		}
	}
	gh, _, _ := runInDir(t, dir, "check", "--format", "github", "dags")
	if !strings.Contains(gh, "::error file=airflow_settings.yaml,line=11,col=22,endLine=11,endColumn=34,title=DAG304 password-in-connections-file::") {
		t.Errorf("github annotations:\n%s", gh)
	}
	gl, _, _ := runInDir(t, dir, "check", "--format", "gitlab", "dags")
	if !strings.Contains(gl, `"path": "conns.json"`) || !strings.Contains(gl, `"check_name": "DAG304"`) {
		t.Errorf("gitlab report:\n%s", gl)
	}
	stats, _, code := runInDir(t, dir, "check", "--statistics", "dags")
	if code != exitFindings || !strings.Contains(stats, "5\tDAG304") || !strings.Contains(stats, "1\tDAG208") {
		t.Errorf("statistics (exit %d):\n%s", code, stats)
	}
	for _, o := range []string{gh, gl, out, stats} {
		assertNoWindow(t, "outputs", o, []string{settingsPassword, ecrToken, jsonPassword, exportPassword, envPassword})
	}
}

// TestConnectionsFilesSelectAndExit: the rules obey --select/--ignore and
// --fail-on like any other; DAG208 is a warning.
func TestConnectionsFilesSelectAndExit(t *testing.T) {
	dir := connProject(t)
	out, _, code := runInDir(t, dir, "check", "--ignore", "DAG304,DAG208", "dags")
	if code != exitOK || strings.Contains(out, "DAG30") || strings.Contains(out, "DAG208") {
		t.Errorf("--ignore: exit %d\n%s", code, out)
	}
	out, _, code = runInDir(t, dir, "check", "--select", "DAG208", "--fail-on", "error", "dags")
	if code != exitOK || countLines(out, "DAG208") != 1 {
		t.Errorf("DAG208 alone with --fail-on error: exit %d, want 0 with one warning\n%s", code, out)
	}
	// The suppression of DAG208 on the gitlab password suppresses nothing:
	// DAG002 reports it, in the YAML file.
	out, _, _ = runInDir(t, dir, "check", "dags")
	if !strings.Contains(out, "airflow_settings.yaml:11:36: DAG002 unused suppression for DAG208") {
		t.Errorf("no DAG002 in the settings file:\n%s", out)
	}
}

// TestConnectionsFilesNeverFixed: --fix fixes the DAG files and leaves every
// connections file as it was, its unused suppression included.
func TestConnectionsFilesNeverFixed(t *testing.T) {
	dir := connProject(t)
	before := map[string]string{}
	for _, name := range []string{"airflow_settings.yaml", "conns.json", "conns.yaml", ".env"} {
		before[name] = read(t, filepath.Join(dir, name))
	}
	dag := filepath.Join(dir, "dags", "dag.py")
	_, errOut, _ := runInDir(t, dir, "check", "--fix", "--unsafe-fixes", "dags")
	if strings.Contains(read(t, dag), "noqa: DAG102") {
		t.Errorf("the DAG file's unused suppression was not fixed (%s):\n%s", errOut, read(t, dag))
	}
	for name, text := range before {
		if got := read(t, filepath.Join(dir, name)); got != text {
			t.Errorf("--fix changed %s:\n%s", name, got)
		}
	}
}

// TestConnectionsFilesBaseline: a baseline hides the connections-file
// findings, records no secret, and a new password is reported.
func TestConnectionsFilesBaseline(t *testing.T) {
	dir := connProject(t)
	_, errOut, code := runInDir(t, dir, "check", "--write-baseline", "baseline.json", "dags")
	if code != exitOK {
		t.Fatalf("--write-baseline: exit %d: %s", code, errOut)
	}
	data := read(t, filepath.Join(dir, "baseline.json"))
	if !strings.Contains(data, `"path": "conns.yaml"`) {
		t.Errorf("baseline lacks the connections files:\n%s", data)
	}
	assertNoWindow(t, "baseline", data, []string{settingsPassword, ecrToken, jsonPassword, exportPassword, envPassword})
	out, _, code := runInDir(t, dir, "check", "--baseline", "baseline.json", "dags")
	if code != exitOK || strings.Contains(out, "DAG304") {
		t.Errorf("with the baseline: exit %d\n%s", code, out)
	}
	writeFile(t, dir, "conns.yaml", "registry:\n  conn_type: docker\n  host: quay.io\n  password: '"+exportPassword+"'\nother:\n  password: n3w-Pa55word\n")
	out, _, code = runInDir(t, dir, "check", "--baseline", "baseline.json", "dags")
	if code != exitFindings || countLines(out, "DAG304") != 1 || !strings.Contains(out, `conns.yaml:6:13: DAG304 connection "other"`) {
		t.Errorf("a new password: exit %d\n%s", code, out)
	}
}

// TestConnectionsFileOncePerRun: two configurations naming the same file
// get its findings once; standard input gets none (the editor's buffer is
// the file linted).
func TestConnectionsFileOncePerRun(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, ".daglint.yaml", "connections: [team/conns.env]\n")
	writeFile(t, dir, "team/.daglint.yaml", "connections: [conns.env]\n")
	writeFile(t, dir, "team/conns.env", "AIRFLOW_CONN_R=docker://bot:"+envPassword+"@registry.gitlab.com\n")
	writeFile(t, dir, "a.py", "x = 1  # docker\n")
	writeFile(t, dir, "team/b.py", "y = 2  # docker\n")
	out, _, _ := runInDir(t, dir, "check", ".")
	if n := countLines(out, "DAG304"); n != 1 {
		t.Errorf("%d DAG304 findings, want 1:\n%s", n, out)
	}
	var so, se strings.Builder
	code := run([]string{"check", "--stdin-filename", "a.py", "-"}, strings.NewReader("x = 1\n"), &so, &se)
	if code != exitOK || strings.Contains(so.String(), "DAG304") {
		t.Errorf("standard input: exit %d\n%s%s", code, so.String(), se.String())
	}
}

// TestConnectionsFilesGitignore: in a work tree, a file .gitignore covers
// is no DAG304 finding (its ECR token still expires: DAG208); with the git
// binary, a file git tracks despite .gitignore is one.
func TestConnectionsFilesGitignore(t *testing.T) {
	dir := connProject(t)
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, ".gitignore", "airflow_settings.yaml\n.env\n")
	out, _, _ := runInDir(t, dir, "check", "--no-gitignore", "dags")
	if strings.Contains(out, "airflow_settings.yaml:11:22") || strings.Contains(out, ".env:") || countLines(out, "DAG208") != 1 {
		t.Errorf("gitignored files:\n%s", out)
	}
	if !strings.Contains(out, `conns.yaml:4:14: DAG304 connection "registry" has a literal password in a connections file that no .gitignore rule covers`) {
		t.Errorf("a file no rule covers is not reported as one:\n%s", out)
	}
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git binary: tracked-file case not run")
	}
	if err := os.RemoveAll(filepath.Join(dir, ".git")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "-f", ".env"}} {
		cmd := exec.Command(git, args...)
		cmd.Dir = dir
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Skipf("git %v: %v %s", args, err, b)
		}
	}
	out, _, _ = runInDir(t, dir, "check", "dags")
	if !strings.Contains(out, `.env:2:36: DAG304 connection "harbor" has a password in its URI's user information in a connections file that git tracks (a .gitignore rule covers it, but a tracked file is committed anyway)`) || strings.Contains(out, "airflow_settings.yaml:11:22") {
		t.Errorf("tracked .env (ignored, added with -f) must be reported, ignored settings not:\n%s", out)
	}
}

// TestConnectionsFilesPerFileIgnores: JSON has no comments, so
// per-file-ignores is how a JSON export's findings are switched off.
func TestConnectionsFilesPerFileIgnores(t *testing.T) {
	dir := connProject(t)
	writeFile(t, dir, ".daglint.yaml", "connections: [airflow_settings.yaml, conns.json, conns.yaml, .env]\nper-file-ignores: {\"conns.json\": [DAG304]}\n")
	out, _, _ := runInDir(t, dir, "check", "dags")
	if strings.Contains(out, "conns.json") || !strings.Contains(out, "conns.yaml:4:14: DAG304") {
		t.Errorf("per-file-ignores on conns.json:\n%s", out)
	}
}
