package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	projectDAG = "from airflow.providers.docker.operators.docker import DockerOperator\n" +
		"from include.images import ETL_IMAGE, PINNED\n" +
		"DockerOperator(task_id='a', image=ETL_IMAGE, docker_conn_id='ghcr')\n" +
		"DockerOperator(task_id='b', image=PINNED, docker_conn_id='ghcr')\n"
	projectImages = "REGISTRY = 'ghcr.io/acme'\n" +
		"ETL_IMAGE = f'{REGISTRY}/etl:latest'\n" +
		"PINNED = REGISTRY + '/etl:1.2.0'\n" +
		"DB_PASSWORD = 's3cr3t-Zq8vT4w'\n"
)

// astroProject lays out an Astro-style project (dags/, include/) under a
// git work tree with no configuration file, and returns its root.
func astroProject(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, "include/__init__.py", "")
	writeFile(t, root, "include/images.py", projectImages)
	writeFile(t, root, "dags/etl.py", projectDAG)
	return root
}

// jsonFindings runs check with JSON output and decodes the findings.
func jsonFindings(t *testing.T, args ...string) []map[string]any {
	t.Helper()
	out, errs, code := runCLI(t, append([]string{"check", "--format", "json"}, args...)...)
	if code > 1 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return doc.Findings
}

// TestPreCommitRunSeesInclude lints one changed DAG file, as pre-commit
// does from the git root: the image it imports from include/ is checked,
// the finding's related location is in include/images.py, and nothing is
// reported about include/ itself (it is read, not linted).
func TestPreCommitRunSeesInclude(t *testing.T) {
	root := astroProject(t)
	t.Chdir(root)
	fs := jsonFindings(t, "dags/etl.py")
	if len(fs) != 1 {
		t.Fatalf("findings %v, want one DAG102 (the pinned image is fine)", fs)
	}
	f := fs[0]
	if f["rule_id"] != "DAG102" || f["path"] != "dags/etl.py" {
		t.Errorf("finding %v, want DAG102 in dags/etl.py", f)
	}
	rel := f["related"].([]any)
	if len(rel) != 1 || rel[0].(map[string]any)["path"] != "include/images.py" {
		t.Fatalf("related %v, want one in include/images.py", rel)
	}
	if line := rel[0].(map[string]any)["start"].(map[string]any)["line"]; line != 2.0 {
		t.Errorf("related line %v, want 2 (ETL_IMAGE's definition)", line)
	}

	// From the dags folder, as an editor may run it: the same project.
	t.Chdir(filepath.Join(root, "dags"))
	if fs := jsonFindings(t, "etl.py"); len(fs) != 1 || fs[0]["rule_id"] != "DAG102" {
		t.Errorf("from dags/: %v", fs)
	}
}

// TestSARIFRelatedLocationInAnotherFile: the related location has its own
// artifact URI, relative to the source root like the result's.
func TestSARIFRelatedLocationInAnotherFile(t *testing.T) {
	t.Chdir(astroProject(t))
	out, errs, code := runCLI(t, "check", "--format", "sarif", "dags")
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Locations        []sarifLoc `json:"locations"`
				RelatedLocations []sarifLoc `json:"relatedLocations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	res := log.Runs[0].Results
	if len(res) != 1 || len(res[0].RelatedLocations) != 1 {
		t.Fatalf("results %+v", res)
	}
	main, rel := res[0].Locations[0].Physical.Artifact, res[0].RelatedLocations[0].Physical.Artifact
	if main.URI != "dags/etl.py" || rel.URI != "include/images.py" || rel.Base != main.Base || rel.Base == "" {
		t.Errorf("artifacts %+v and %+v", main, rel)
	}
	if got := res[0].RelatedLocations[0].Physical.Region.StartLine; got != 2 {
		t.Errorf("related region line %d, want 2", got)
	}
}

type sarifLoc struct {
	Physical struct {
		Artifact struct {
			URI  string `json:"uri"`
			Base string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine int `json:"startLine"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

// TestImportedFindingFingerprint: the fingerprint is the DAG file's (rule,
// path, text at the call): editing the module it imports from keeps it, as
// long as the finding stays.
func TestImportedFindingFingerprint(t *testing.T) {
	root := astroProject(t)
	t.Chdir(root)
	before := jsonFindings(t, "dags")
	writeFile(t, root, "include/images.py", "# moved down\n\n"+strings.Replace(projectImages, "etl:latest", "etl", 1))
	after := jsonFindings(t, "dags")
	if len(before) != 1 || len(after) != 1 {
		t.Fatalf("before %v, after %v", before, after)
	}
	if before[0]["fingerprint"] != after[0]["fingerprint"] {
		t.Errorf("fingerprint changed with the imported module: %v -> %v", before[0]["fingerprint"], after[0]["fingerprint"])
	}
	if !strings.Contains(after[0]["message"].(string), "no tag") {
		t.Errorf("message %q, want the new value's (no tag)", after[0]["message"])
	}
}

// TestImportedSecretRedacted: a password defined in include/ that reaches
// a message about the DAG file is redacted there.
func TestImportedSecretRedacted(t *testing.T) {
	root := astroProject(t)
	writeFile(t, root, "dags/conn.py", "from airflow.providers.docker.operators.docker import DockerOperator\n"+
		"from include.images import DB_PASSWORD\n"+
		"DockerOperator(task_id='a', image='etl:1.0', docker_conn_id=DB_PASSWORD)\n")
	t.Chdir(root)
	for _, format := range []string{"text", "json", "sarif", "gitlab", "github"} {
		out, _, _ := runCLI(t, "check", "--format", format, "dags/conn.py")
		if strings.Contains(out, "s3cr3t-Zq8vT4w") || strings.Contains(out, "Zq8vT4w") {
			t.Errorf("%s output shows the imported password:\n%s", format, out)
		}
		if format == "text" && !strings.Contains(out, "s3c…(14 chars)") {
			t.Errorf("text output lacks the redacted password:\n%s", out)
		}
	}
}

// TestPythonPathShownAndUsed: python-path folders import like dags/, and
// --show-config lists them relative to the configuration.
func TestPythonPathShownAndUsed(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, ".daglint.yaml", "python-path: [lib]\n")
	writeFile(t, root, "lib/company/images.py", "IMAGE = 'ghcr.io/acme/app:latest'\n")
	writeFile(t, root, "dags/x.py", "from airflow.providers.docker.operators.docker import DockerOperator\n"+
		"from company.images import IMAGE\n"+
		"DockerOperator(task_id='a', image=IMAGE, docker_conn_id='ghcr')\n")
	t.Chdir(root)
	out, _, _ := runCLI(t, "check", "--show-config", "dags/x.py")
	if !strings.Contains(out, "python-path: [lib]") {
		t.Errorf("--show-config:\n%s", out)
	}
	if fs := jsonFindings(t, "dags"); len(fs) != 1 || fs[0]["rule_id"] != "DAG102" {
		t.Errorf("findings %v, want DAG102 through python-path", fs)
	}
	writeFile(t, root, ".daglint.yaml", "select: [ALL]\n")
	if fs := jsonFindings(t, "dags"); len(fs) != 0 {
		t.Errorf("findings %v without python-path, want none", fs)
	}
}

// TestExplainProject: `daglint explain project` prints docs/project.md.
func TestExplainProject(t *testing.T) {
	want, err := os.ReadFile("../../docs/project.md")
	if err != nil {
		t.Fatal(err)
	}
	out, _, code := runCLI(t, "explain", "project")
	if code != 0 || out != string(want) {
		t.Errorf("explain project (exit %d) differs from docs/project.md; keep cmd/daglint/explain_project.go and the page equal", code)
	}
	for _, s := range []string{"python-path", "git work tree", "dags/", "plugins/", "include/"} {
		if !strings.Contains(out, s) {
			t.Errorf("explain project does not mention %s", s)
		}
	}
}

// TestProjectRootPerFile: without a configuration file each file's
// project is the git work tree holding it, wherever daglint runs from:
// two repositories checked from their common parent import each their own
// include/.
func TestProjectRootPerFile(t *testing.T) {
	parent := t.TempDir()
	for _, repo := range []string{"a", "b"} {
		root := filepath.Join(parent, repo)
		if err := os.MkdirAll(filepath.Join(root, ".git"), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, root, "include/images.py", "ETL_IMAGE = 'ghcr.io/"+repo+"/etl:latest'\nPINNED = 'ghcr.io/"+repo+"/etl:1.0'\n")
		writeFile(t, root, "dags/etl.py", projectDAG)
	}
	t.Chdir(parent)
	fs := jsonFindings(t, "a/dags", "b/dags")
	if len(fs) != 2 {
		t.Fatalf("findings %v, want one DAG102 per repository", fs)
	}
	for i, repo := range []string{"a", "b"} {
		msg := fs[i]["message"].(string)
		rel := fs[i]["related"].([]any)[0].(map[string]any)["path"]
		if fs[i]["path"] != repo+"/dags/etl.py" || !strings.Contains(msg, "ghcr.io/"+repo+"/etl:latest") || rel != repo+"/include/images.py" {
			t.Errorf("finding %d: %v %q related %v, want %s's own image", i, fs[i]["path"], msg, rel, repo)
		}
	}
}

// TestSubclassFindingsRelatedInPlugin: a finding on what a plugin's
// operator subclass passes to super().__init__ is located at the call in
// the DAG file, with the value in the plugin as related location (its own
// path and line), as for a value imported from include/.
func TestSubclassFindingsRelatedInPlugin(t *testing.T) {
	t.Chdir("../../testdata/projects/subclasses")
	want := map[string]float64{"DAG102": 9, "DAG401": 10, "DAG204": 11} // lines in plugins/operators/base.py
	for _, f := range jsonFindings(t, "dags") {
		line, ok := want[f["rule_id"].(string)]
		if !ok || f["start"].(map[string]any)["line"] != 8.0 {
			continue
		}
		delete(want, f["rule_id"].(string))
		rel := f["related"].([]any)
		if len(rel) != 1 {
			t.Errorf("%s related %v, want one in the plugin", f["rule_id"], rel)
			continue
		}
		r := rel[0].(map[string]any)
		if r["path"] != "plugins/operators/base.py" || r["start"].(map[string]any)["line"] != line {
			t.Errorf("%s related %v, want plugins/operators/base.py:%v", f["rule_id"], r, line)
		}
	}
	if len(want) > 0 {
		t.Errorf("no finding at dags/etl.py:8 for %v", want)
	}
}

// TestSubclassRulesRelatedInPlugin: every rule's finding on a value a
// plugin subclass writes carries that value in the plugin as related
// location (DAG203, about what is missing, points at the image at the
// call); the plugin's password is never printed whole.
func TestSubclassRulesRelatedInPlugin(t *testing.T) {
	t.Chdir("../../testdata/projects/subclassrules")
	fs := jsonFindings(t, "dags")
	rules := map[string]bool{}
	for _, f := range fs {
		id := f["rule_id"].(string)
		rules[id] = true
		rel := f["related"].([]any)
		want := "plugins/company/ops.py"
		if id == "DAG203" {
			want = "dags/etl.py"
		}
		if len(rel) != 1 || rel[0].(map[string]any)["path"] != want {
			t.Errorf("%s at line %v: related %v, want one in %s", id, f["start"].(map[string]any)["line"], rel, want)
		}
	}
	for _, id := range []string{"DAG101", "DAG105", "DAG201", "DAG203", "DAG206", "DAG305", "DAG402", "DAG403", "DAG404"} {
		if !rules[id] {
			t.Errorf("no %s finding", id)
		}
	}
	for _, format := range []string{"text", "json", "sarif", "gitlab", "github"} {
		if out, _, _ := runCLI(t, "check", "--format", format, "dags"); strings.Contains(out, "Zq8vT4w") {
			t.Errorf("%s output shows the plugin's password", format)
		}
	}
}
