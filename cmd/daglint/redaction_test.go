package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSecretsNeverPrintedWhole lints a file full of real-looking credentials
// and checks that no output format (nor the baseline) contains one whole.
func TestSecretsNeverPrintedWhole(t *testing.T) {
	// Built by concatenation so that secret scanners do not flag this file.
	secrets := []string{
		"glpat-" + "Xq7Lm2Np9Rt4Vw8Yz3Ab",
		"ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
		"dckr_pat_" + "Qm9Xr2Lp7Tz4Wn8Vb3Kc6Hd1Jf",
		"AKIA" + "QX7ZR4LP2MN8VB3K",
		"hunter2" + "x9Kq",
		"s3cr3t" + "Pa55w0rd!",
	}
	src := `import os
from airflow.providers.docker.operators.docker import DockerOperator

GITLAB_TOKEN = "` + secrets[0] + `"
GITHUB_TOKEN = "` + secrets[1] + `"
DB_PASSWORD = "` + secrets[4] + `"
# old hub token: ` + secrets[2] + `
DockerOperator(
    task_id="t",
    image="registry.gitlab.com/g/app:latest",
    environment={"AWS_KEY_ID": "` + secrets[3] + `", "API_TOKEN": "` + secrets[5] + `", "DOCKER_PASSWORD": os.environ["DOCKER_PASSWORD"]},
    auth_config={"username": "ci", "password": "` + secrets[4] + `"},
)
`
	dir := t.TempDir()
	path := writeFile(t, dir, "leaky.py", src)
	outputs := map[string]string{}
	for _, f := range []string{"text", "json", "sarif", "gitlab", "github"} {
		out := filepath.Join(dir, "out."+f)
		if _, _, code := runCLI(t, "check", "--no-config", "--format", f, "--output", out, path); code != 1 {
			t.Fatalf("%s: exit %d, want 1", f, code)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		outputs[f] = string(b)
	}
	base := filepath.Join(dir, "baseline.json")
	if _, _, code := runCLI(t, "check", "--no-config", "--write-baseline", base, path); code != 0 {
		t.Fatalf("write-baseline: exit %d", code)
	}
	b, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	outputs["baseline"] = string(b)
	_, stderr, _ := runCLI(t, "check", "--no-config", "--diff", "--unsafe-fixes", path)
	outputs["diff-stderr"] = stderr

	for name, out := range outputs {
		for _, s := range secrets {
			if strings.Contains(out, s) {
				t.Errorf("%s output contains the secret %q whole", name, s[:4]+"…")
			}
		}
	}
	// The findings themselves must be there (redacted), or the test proves nothing.
	for _, id := range []string{"DAG301", "DAG302", "DAG204"} {
		if !strings.Contains(outputs["json"], id) {
			t.Errorf("json output lacks %s", id)
		}
	}
}
