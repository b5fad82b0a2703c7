package report

import (
	"bytes"
	"cmp"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/source"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// Sources the test findings point into. Line 4 of etlSrc puts "é" (2 bytes,
// 1 UTF-16 unit) and "🚀" (4 bytes, 2 UTF-16 units) before the findings, so
// byte, code-point and UTF-16 columns all differ there.
const (
	etlPath = "dags/etl.py"
	etlSrc  = "from airflow.providers.docker.operators.docker import DockerOperator\n" +
		"\n" +
		"IMAGE = \"registry.gitlab.com/acme/etl\"\n" +
		"t = DockerOperator(task_id=\"é🚀\", image=IMAGE, docker_conn_id=\"gl\")  # noqa: DAG999\n"
	pushPath = "dags/team a/push.py"
	pushSrc  = "from airflow.providers.docker.operators.docker import DockerOperator\n" +
		"\n" +
		"push = DockerOperator(\n" +
		"    task_id=\"push\",\n" +
		"    image=\"ghcr.io/acme/push:1.2\",\n" +
		"    environment={\"DOCKER_PASSWORD\": \"{{ var.value.pw }}\"},\n" +
		")\n"
)

// span returns the positions of the first occurrence of needle in src.
func span(t *testing.T, src, needle string) (start, end source.Position) {
	t.Helper()
	i := strings.Index(src, needle)
	if i < 0 {
		t.Fatalf("%q not in source", needle)
	}
	l := source.NewLines([]byte(src))
	return l.Position(i), l.Position(i + len(needle))
}

func testRules() []*analysis.Rule {
	doc := func(summary string) analysis.Doc {
		return analysis.Doc{
			Summary:    summary,
			What:       "Checks " + summary + ".",
			Why:        "It breaks image pulls.",
			Example:    "DockerOperator(task_id=\"a\", image=\"x\")",
			UseInstead: "DockerOperator(task_id=\"a\", image=\"registry.example.com/x:1.0\")",
			Since:      "0.1.0",
			Fix:        "none",
		}
	}
	return []*analysis.Rule{
		{ID: "DAG002", Name: "unused-suppression", Severity: analysis.Note, Doc: doc("suppression comment that suppresses nothing"), Tags: []string{"hygiene"}, Precision: "very-high"},
		{ID: "DAG102", Name: "image-mutable-tag", Severity: analysis.Warning, Doc: doc("image without a fixed tag"), Tags: []string{"image", "reproducibility"}, Precision: "high"},
		{ID: "DAG201", Name: "registry-credentials-in-environment", Severity: analysis.Error, Doc: doc("registry credential in the container environment"), Tags: []string{"security", "secrets"}, SecuritySeverity: 7.5, Precision: "high"},
		{ID: "DAG203", Name: "missing-docker-conn-id", Severity: analysis.Warning, Doc: doc("private registry without docker_conn_id"), Tags: []string{"authentication"}, Precision: "high"},
		{ID: "DAG403", Name: "insecure-docker-url", Severity: analysis.Error, Doc: doc("docker daemon reached without TLS"), Tags: []string{"security", "network"}, SecuritySeverity: 8, Precision: "very-high"},
	}
}

// testRun builds a run with findings in two files (one path with a space),
// every level, a related location, a safe, an unsafe and a display-only
// fix, and a file error. The findings are written out of order and put in
// report order here, as lint.Findings hands them to the writers.
func testRun(t *testing.T) *Run {
	t.Helper()
	run := unsortedRun(t)
	slices.SortStableFunc(run.Findings, func(a, b Finding) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Start.Offset, b.Start.Offset),
			strings.Compare(a.RuleID, b.RuleID), cmp.Compare(a.End.Offset, b.End.Offset), strings.Compare(a.Message, b.Message))
	})
	return run
}

func unsortedRun(t *testing.T) *Run {
	t.Helper()
	imgS, _ := span(t, etlSrc, "IMAGE,")
	imgE := source.NewLines([]byte(etlSrc)).Position(imgS.Offset + len("IMAGE"))
	defS, defE := span(t, etlSrc, `"registry.gitlab.com/acme/etl"`)
	noqaS, noqaE := span(t, etlSrc, "# noqa: DAG999")
	delS, _ := span(t, etlSrc, "  # noqa: DAG999")
	opS, _ := span(t, pushSrc, "DockerOperator(\n")
	opE := source.NewLines([]byte(pushSrc)).Position(opS.Offset + len("DockerOperator"))
	keyS, keyE := span(t, pushSrc, `"DOCKER_PASSWORD"`)

	return &Run{
		ToolName:    "daglint",
		ToolVersion: "0.1.0",
		InfoURI:     "https://daglint.example.com",
		DocsURI:     "https://daglint.example.com/docs/rules/",
		Rules:       testRules(),
		Category:    "daglint/dags",
		Findings: []Finding{
			{
				Path: pushPath, RuleID: "DAG201", RuleName: "registry-credentials-in-environment", Severity: analysis.Error,
				Message: `registry credential "DOCKER_PASSWORD" in environment: container variables never authenticate the pull, 100% of the time`,
				Start:   keyS, End: keyE, Fingerprint: "5f1c0a9e2b7d4c31",
				Fixes: []Fix{{Message: "use docker_conn_id instead", Applicability: analysis.DisplayOnly}},
			},
			{
				Path: etlPath, RuleID: "DAG002", RuleName: "unused-suppression", Severity: analysis.Note,
				Message: `unused suppression "DAG999"`, Start: noqaS, End: noqaE, Fingerprint: "0b9e77aa41c2d8f0",
				Fixes: []Fix{{Message: "remove the comment", Applicability: analysis.Safe, Edits: []Edit{{Start: delS, End: noqaE}}}},
			},
			{
				Path: etlPath, RuleID: "DAG102", RuleName: "image-mutable-tag", Severity: analysis.Warning,
				Message: `image "registry.gitlab.com/acme/etl" has no tag: workers keep the copy they cached first`,
				Start:   imgS, End: imgE, Fingerprint: "c3d2e1f0a9b8c7d6",
				Related: []Related{{Path: etlPath, Start: defS, End: defE, Message: "IMAGE is defined here"}},
				Fixes: []Fix{{Message: `pin the tag "1.0"`, Applicability: analysis.Unsafe,
					Edits: []Edit{{Start: defS, End: defE, NewText: `"registry.gitlab.com/acme/etl:1.0"`}}}},
			},
			{
				Path: pushPath, RuleID: "DAG203", RuleName: "missing-docker-conn-id", Severity: analysis.Warning,
				Message: `image "ghcr.io/acme/push:1.2" names registry ghcr.io, but no docker_conn_id reaches the call`,
				Start:   opS, End: opE, Fingerprint: "77aa00bb11cc22dd",
			},
		},
		Errors: []FileError{
			{Path: "dags/broken.py", Message: "read dags/broken.py: permission denied"},
			{Path: "dags/huge.py", Message: "skipped: file too large (12000000 bytes, limit 10485760; see --max-file-size)", Notice: true},
		},
	}
}

func emptyRun() *Run {
	return &Run{ToolName: "daglint", ToolVersion: "0.1.0", InfoURI: "https://daglint.example.com", Rules: testRules()}
}

// write runs the named format's writer and fails the test on error.
func write(t *testing.T, format string, run *Run) []byte {
	t.Helper()
	w, ok := Get(format)
	if !ok {
		t.Fatalf("Get(%q) found no writer", format)
	}
	var buf bytes.Buffer
	if err := w(&buf, run); err != nil {
		t.Fatalf("%s writer: %v", format, err)
	}
	return buf.Bytes()
}

// normalise makes output comparable across machines: the source root URI
// becomes file:///SRCROOT/ and CRLF becomes LF.
func normalise(b []byte, root string) []byte {
	if root != "" {
		b = bytes.ReplaceAll(b, []byte(root), []byte("file:///SRCROOT/"))
	}
	return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -update to create it)", err)
	}
	want = normalise(want, "")
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(gl), len(wl)); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Fatalf("%s differs at line %d:\n got: %q\nwant: %q\n(run go test ./internal/report -update if the change is intended)", path, i+1, g, w)
		}
	}
}

var goldenExt = map[string]string{
	"text": "txt", "json": "json", "sarif": "sarif", "gitlab": "gitlab.json", "github": "github.txt",
}

func TestGolden(t *testing.T) {
	root, err := DirURI(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			full := testRun(t)
			full.SrcRoot = root
			checkGolden(t, "full."+goldenExt[format], normalise(write(t, format, full), root))
			checkGolden(t, "empty."+goldenExt[format], normalise(write(t, format, emptyRun()), root))
		})
	}
	colored := testRun(t)
	colored.Color = true
	checkGolden(t, "full_color.txt", write(t, "text", colored))
}

func TestDeterministic(t *testing.T) {
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			first := write(t, format, testRun(t))
			if again := write(t, format, testRun(t)); !bytes.Equal(first, again) {
				t.Errorf("two writes of the same run differ")
			}
			if !bytes.HasSuffix(first, []byte("\n")) {
				t.Errorf("output does not end in a newline")
			}
		})
	}
}

func TestGet(t *testing.T) {
	for _, f := range Formats {
		if w, ok := Get(f); !ok || w == nil {
			t.Errorf("Get(%q) = nil, %v; want a writer", f, ok)
		}
	}
	for _, f := range []string{"", "xml", "TEXT", "sarif ", "junit"} {
		if _, ok := Get(f); ok {
			t.Errorf("Get(%q) found a writer; want none", f)
		}
	}
}

// TestWritersKeepOrder: the writers emit findings in the order of
// run.Findings (report order is established once, before them).
func TestWritersKeepOrder(t *testing.T) {
	run := testRun(t)
	slices.Reverse(run.Findings)
	out := string(write(t, "github", run))
	first, last := run.Findings[0], run.Findings[len(run.Findings)-1]
	if i, j := strings.Index(out, first.RuleID), strings.LastIndex(out, last.RuleID); i < 0 || j < 0 || i > j {
		t.Errorf("github output does not follow run.Findings: %s first, %s last:\n%s", first.RuleID, last.RuleID, out)
	}
}

func TestTextQuietAndStatistics(t *testing.T) {
	run := testRun(t)
	run.Quiet = true
	var b strings.Builder
	if err := WriteText(&b, run); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); !strings.Contains(out, "DAG102") || strings.Contains(out, "Found ") || strings.Contains(out, "fixable") {
		t.Errorf("quiet text report:\n%s", out)
	}
	i := slices.IndexFunc(run.Findings, func(f Finding) bool { return f.RuleID == "DAG102" })
	run.Findings = append(run.Findings, run.Findings[i]) // a second DAG102
	b.Reset()
	if err := WriteStatistics(&b, run); err != nil {
		t.Fatal(err)
	}
	want := "2\tDAG102\t    image-mutable-tag\n" +
		"1\tDAG002\t[*] unused-suppression\n" +
		"1\tDAG201\t    registry-credentials-in-environment\n" +
		"1\tDAG203\t    missing-docker-conn-id\n"
	if got := b.String(); got != want {
		t.Errorf("statistics:\n%s\nwant:\n%s", got, want)
	}
}
