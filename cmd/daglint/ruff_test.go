package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// ruffScript runs ruff's own WebAssembly build (the npm package
// @astral-sh/ruff-wasm-nodejs) on standard input and prints its
// diagnostics as JSON: [[code, row, message], ...].
const ruffScript = `
const { Workspace, PositionEncoding } = require("@astral-sh/ruff-wasm-nodejs");
const external = JSON.parse(process.argv[1]);
let src = "";
process.stdin.on("data", (d) => (src += d));
process.stdin.on("end", () => {
  const ws = new Workspace({ lint: { select: ["F", "RUF100", "RUF102"], preview: true, external } }, PositionEncoding.Utf16);
  console.log(JSON.stringify(ws.check(src).map((x) => [x.code, x.start_location.row, x.message])));
});
`

// ruff runs ruff on src with lint.external set as given.
func ruff(t *testing.T, nodePath, src string, external []string) [][]any {
	t.Helper()
	ext, _ := json.Marshal(external)
	cmd := exec.Command("node", "-e", ruffScript, string(ext))
	cmd.Env = append(os.Environ(), "NODE_PATH="+nodePath)
	cmd.Stdin = strings.NewReader(src)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ruff: %v", err)
	}
	var diags [][]any
	if err := json.Unmarshal(out, &diags); err != nil {
		t.Fatalf("ruff output %q: %v", out, err)
	}
	return diags
}

// TestLivingNextToRuff lints one file with mixed `# noqa` codes with ruff
// and with daglint: with `lint.external = ["DAG"]` (as docs/integrations.md
// says) ruff leaves daglint's codes alone, daglint leaves ruff's alone, and
// daglint's DAG002 fix removes only its own unused code, after which ruff
// still has nothing to say. .ci/run installs ruff's npm build; elsewhere the
// test is skipped without it.
func TestLivingNextToRuff(t *testing.T) {
	nodePath := ""
	if root, err := exec.Command("npm", "root", "-g").Output(); err == nil {
		nodePath = strings.TrimSpace(string(root))
	}
	if _, err := exec.LookPath("node"); err != nil || nodePath == "" ||
		!fileExists(filepath.Join(nodePath, "@astral-sh", "ruff-wasm-nodejs", "package.json")) {
		if os.Getenv("CI") == "true" {
			t.Fatal("ruff's npm build not found; .ci/run installs it (npm install -g @astral-sh/ruff-wasm-nodejs)")
		}
		t.Skip("node or @astral-sh/ruff-wasm-nodejs not installed")
	}
	src := "import os  # noqa: F401, DAG102\n" +
		"from airflow.providers.docker.operators.docker import DockerOperator\n" +
		"\n" +
		"DockerOperator(task_id=\"t\", image=\"python:latest\")  # noqa: DAG102\n" +
		"print(undefined_name)  # noqa: F821\n"

	// Without lint.external ruff calls daglint's codes invalid (RUF102)...
	if got := ruff(t, nodePath, src, nil); len(got) == 0 || !strings.Contains(asText(got), "DAG102") {
		t.Errorf("ruff without lint.external: %v, want it to flag the DAG102 codes", got)
	}
	// ...with it, daglint's codes are no business of ruff's, and its own
	// (F401, F821) are used: nothing to report.
	if got := ruff(t, nodePath, src, []string{"DAG"}); len(got) != 0 {
		t.Errorf("ruff with lint.external = [\"DAG\"]: %v, want nothing", got)
	}

	// daglint: the DAG102 on line 1 suppresses nothing (DAG002); the one on
	// line 4 does; F401 and F821 are ruff's and no DAG002.
	dir := t.TempDir()
	p := writeFile(t, dir, "dags/mixed.py", src)
	out, _, _ := runCLI(t, "check", "--no-config", "--format", "json", p)
	var doc struct {
		Findings []struct {
			Rule    string `json:"rule_id"`
			Message string `json:"message"`
			Start   struct {
				Line int `json:"line"`
			} `json:"start"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if len(doc.Findings) != 1 || doc.Findings[0].Rule != "DAG002" || doc.Findings[0].Start.Line != 1 {
		t.Fatalf("daglint findings %+v, want one DAG002 on line 1", doc.Findings)
	}
	if _, _, code := runCLI(t, "check", "--no-config", "--fix", p); code != 0 {
		t.Errorf("--fix: exit %d", code)
	}
	fixed, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(src, "# noqa: F401, DAG102\n", "# noqa: F401\n", 1); string(fixed) != want {
		t.Errorf("after --fix:\n%s\nwant:\n%s", fixed, want)
	}
	if got := ruff(t, nodePath, string(fixed), []string{"DAG"}); len(got) != 0 {
		t.Errorf("ruff after daglint's fix: %v, want nothing", got)
	}
}

func asText(v any) string { b, _ := json.Marshal(v); return string(b) }

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }
