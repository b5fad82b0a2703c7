package report

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// sarifDoc is the part of a SARIF log the tests inspect.
type sarifDoc struct {
	Runs []struct {
		ColumnKind         string `json:"columnKind"`
		OriginalURIBaseIDs map[string]struct {
			URI         *string         `json:"uri"`
			Description json.RawMessage `json:"description"`
		} `json:"originalUriBaseIds"`
		AutomationDetails *struct{ ID string } `json:"automationDetails"`
		Tool              struct {
			Driver struct {
				Name, Version, SemanticVersion, InformationURI string
				Rules                                          []struct {
					ID, Name, HelpURI    string
					DefaultConfiguration struct{ Level string }
					Properties           map[string]any
				}
			}
		}
		Results []struct {
			RuleID    string
			RuleIndex *int
			Level     string
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string
						URIBaseID string `json:"uriBaseId"`
						Index     *int
					}
					Region map[string]int
				}
			}
			RelatedLocations []struct {
				ID      int
				Message struct{ Text string }
			}
			PartialFingerprints map[string]string
			Fixes               []struct {
				ArtifactChanges []struct {
					Replacements []struct {
						DeletedRegion   map[string]int
						InsertedContent *struct{ Text string }
					}
				}
			}
		}
		Invocations []struct {
			ExecutionSuccessful        bool
			ToolExecutionNotifications []struct {
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
					}
				}
			}
		}
	}
}

func decodeSARIF(t *testing.T, out []byte) sarifDoc {
	t.Helper()
	var doc sarifDoc
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("sarif output is not JSON: %v", err)
	}
	if len(doc.Runs) != 1 {
		t.Fatalf("got %d runs, want 1", len(doc.Runs))
	}
	return doc
}

// utf16Col is the 1-based UTF-16 column of needle in its line of src,
// computed apart from the source package.
func utf16Col(src, needle string) int {
	i := strings.Index(src, needle)
	lineStart := strings.LastIndex(src[:i], "\n") + 1
	return len(utf16.Encode([]rune(src[lineStart:i]))) + 1
}

func TestSARIFSchemaValid(t *testing.T) {
	for name, run := range map[string]*Run{"full": testRun(t), "empty": emptyRun()} {
		out := write(t, "sarif", run)
		log, err := sarif.FromBytes(out)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := log.Validate(); err != nil {
			t.Errorf("%s: not valid against the SARIF 2.1.0 schema: %v", name, err)
		}
	}
}

func TestSARIFContent(t *testing.T) {
	run := testRun(t)
	run.SrcRoot = "file:///srv/repo" // no final slash: the writer adds it
	doc := decodeSARIF(t, write(t, "sarif", run))
	r := doc.Runs[0]
	if r.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind = %q", r.ColumnKind)
	}
	if base := r.OriginalURIBaseIDs[SARIFSrcRoot]; base.URI == nil || *base.URI != "file:///srv/repo/" {
		t.Errorf("%%SRCROOT%% = %+v", base)
	}
	if r.AutomationDetails == nil || r.AutomationDetails.ID != "daglint/dags" {
		t.Errorf("automationDetails = %+v", r.AutomationDetails)
	}
	d := r.Tool.Driver
	if d.Name != "daglint" || d.Version != "0.1.0" || d.SemanticVersion != "0.1.0" || d.InformationURI == "" {
		t.Errorf("driver = %+v", d)
	}
	rules := map[string]int{}
	for i, rule := range d.Rules {
		rules[rule.ID] = i
	}
	securityCases := []struct {
		id, severity, precision string
	}{
		{"DAG002", "", "very-high"},
		{"DAG102", "", "high"},
		{"DAG201", "7.5", "high"},
		{"DAG203", "", "high"}, // not a security rule: no severity, no security tag
		{"DAG403", "8.0", "very-high"},
	}
	for _, c := range securityCases {
		rule := d.Rules[rules[c.id]]
		sev, _ := rule.Properties["security-severity"].(string)
		if sev != c.severity {
			t.Errorf("%s security-severity = %q, want %q", c.id, sev, c.severity)
		}
		if p := rule.Properties["precision"]; p != c.precision {
			t.Errorf("%s precision = %v, want %s", c.id, p, c.precision)
		}
		tags, _ := rule.Properties["tags"].([]any)
		n := 0
		for _, tag := range tags {
			if tag == "security" {
				n++
			}
		}
		if want := map[bool]int{true: 1, false: 0}[c.severity != ""]; n != want {
			t.Errorf("%s has %d security tags, want %d (tags %v)", c.id, n, want, tags)
		}
		if rule.HelpURI != "https://daglint.example.com/docs/rules/"+c.id+".md" {
			t.Errorf("%s helpUri = %q", c.id, rule.HelpURI)
		}
	}
	if got := d.Rules[rules["DAG203"]].Name; got != "MissingDockerConnId" {
		t.Errorf("DAG203 name = %q", got)
	}

	results := map[string]int{}
	for i, res := range r.Results {
		results[res.RuleID] = i
		if res.RuleIndex == nil || d.Rules[*res.RuleIndex].ID != res.RuleID {
			t.Errorf("%s ruleIndex %v does not point at its rule", res.RuleID, res.RuleIndex)
		}
		if res.PartialFingerprints[SARIFFingerprintKey] == "" || len(res.PartialFingerprints) != 1 {
			t.Errorf("%s partialFingerprints = %v", res.RuleID, res.PartialFingerprints)
		}
		loc := res.Locations[0].PhysicalLocation.ArtifactLocation
		if loc.URIBaseID != SARIFSrcRoot || loc.Index != nil || strings.HasPrefix(loc.URI, "/") {
			t.Errorf("%s artifactLocation = %+v", res.RuleID, loc)
		}
	}
	img := r.Results[results["DAG102"]]
	if img.Level != "warning" {
		t.Errorf("DAG102 level = %q", img.Level)
	}
	reg := img.Locations[0].PhysicalLocation.Region
	if want := utf16Col(etlSrc, "IMAGE,"); reg["startColumn"] != want || reg["endColumn"] != want+5 || reg["startLine"] != 4 || reg["endLine"] != 4 {
		t.Errorf("DAG102 region = %v, want line 4 columns %d-%d (UTF-16)", reg, want, want+5)
	}
	if _, ok := reg["charOffset"]; ok {
		t.Errorf("region carries go-sarif's -1 charOffset: %v", reg)
	}
	if len(img.RelatedLocations) != 1 || img.RelatedLocations[0].ID != 1 || img.RelatedLocations[0].Message.Text == "" {
		t.Errorf("DAG102 relatedLocations = %+v", img.RelatedLocations)
	}
	if len(img.Fixes) != 1 || img.Fixes[0].ArtifactChanges[0].Replacements[0].InsertedContent == nil {
		t.Fatalf("DAG102 fixes = %+v", img.Fixes)
	}
	noqa := r.Results[results["DAG002"]]
	rep := noqa.Fixes[0].ArtifactChanges[0].Replacements[0]
	if rep.InsertedContent != nil {
		t.Errorf("a deletion has insertedContent %+v", rep.InsertedContent)
	}
	if want := utf16Col(etlSrc, "  # noqa"); rep.DeletedRegion["startColumn"] != want {
		t.Errorf("deletedRegion = %v, want startColumn %d", rep.DeletedRegion, want)
	}
	if got := r.Results[results["DAG201"]]; len(got.Fixes) != 0 {
		t.Errorf("display-only fix emitted as a SARIF fix: %+v", got.Fixes)
	}
	if path := r.Results[results["DAG203"]].Locations[0].PhysicalLocation.ArtifactLocation.URI; path != "dags/team%20a/push.py" {
		t.Errorf("DAG203 uri = %q", path)
	}
	inv := r.Invocations[0]
	if !inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 2 {
		t.Fatalf("invocation = %+v", inv)
	}
	// A file that could not be read is an error; a skipped one a note.
	for i, want := range map[string]string{"dags/broken.py": "error", "dags/huge.py": "note"} {
		found := false
		for _, n := range inv.ToolExecutionNotifications {
			if len(n.Locations) == 1 && n.Locations[0].PhysicalLocation.ArtifactLocation.URI == i {
				found = true
				if n.Level != want {
					t.Errorf("notification for %s has level %q, want %q", i, n.Level, want)
				}
			}
		}
		if !found {
			t.Errorf("no notification for %s: %+v", i, inv.ToolExecutionNotifications)
		}
	}
}

func TestSARIFSrcRoot(t *testing.T) {
	run := emptyRun()
	doc := decodeSARIF(t, write(t, "sarif", run))
	base, ok := doc.Runs[0].OriginalURIBaseIDs[SARIFSrcRoot]
	if !ok || base.URI != nil || len(base.Description) == 0 {
		t.Errorf("without SrcRoot, %%SRCROOT%% = %+v; want a description and no uri", base)
	}
	if doc.Runs[0].AutomationDetails != nil {
		t.Errorf("automationDetails without a category")
	}
	for _, bad := range []string{"relative/dir", "srv/repo/", "%zz"} {
		run.SrcRoot = bad
		if err := WriteSARIF(new(strings.Builder), run); err == nil {
			t.Errorf("SrcRoot %q accepted", bad)
		}
	}
}

func TestArtifactLocation(t *testing.T) {
	tests := []struct {
		path, uri string
		base      bool
	}{
		{"dags/etl.py", "dags/etl.py", true},
		{"dags/team a/push.py", "dags/team%20a/push.py", true},
		{"dags/é.py", "dags/%C3%A9.py", true},
		{"dags/50%.py", "dags/50%25.py", true},
		{"a:b/c.py", "./a:b/c.py", true},
		{"/srv/dags/x.py", "file:///srv/dags/x.py", false},
		{"C:/dags/x.py", "file:///C:/dags/x.py", false},
		{"//host/share/x.py", "file://host/share/x.py", false},
	}
	for _, tt := range tests {
		loc := artifactLocation(tt.path)
		if loc.URI != tt.uri {
			t.Errorf("artifactLocation(%q).uri = %v, want %q", tt.path, loc.URI, tt.uri)
		}
		if hasBase := loc.URIBaseID != ""; hasBase != tt.base {
			t.Errorf("artifactLocation(%q) has uriBaseId %v, want %v", tt.path, hasBase, tt.base)
		}
	}
}

func TestDirURI(t *testing.T) {
	dir := t.TempDir()
	got, err := DirURI(filepath.Join(dir, "a b"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got, "file:///") || !strings.HasSuffix(got, "/a%20b/") {
		t.Errorf("DirURI = %q", got)
	}
	if _, err := DirURI("relative/dir"); err == nil {
		t.Errorf("DirURI accepted a relative directory")
	}
}

func TestSARIFRuleHelpers(t *testing.T) {
	for in, want := range map[string]string{"image-unqualified": "ImageUnqualified", "syntax-error": "SyntaxError", "x": "X", "": ""} {
		if got := pascalCase(in); got != want {
			t.Errorf("pascalCase(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSARIFMultitool validates the golden SARIF log with Microsoft's SARIF
// Multitool, including GitHub's ingestion rules, and fails on any
// error-level result.
func TestSARIFMultitool(t *testing.T) {
	tool := findMultitool()
	if tool == "" {
		msg := "Sarif.Multitool not found; install it with: npm install -g @microsoft/sarif-multitool"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	dir := t.TempDir()
	for _, name := range []string{"full.sarif.golden", "empty.sarif.golden"} {
		in, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		src := filepath.Join(dir, strings.TrimSuffix(name, ".golden"))
		if err := os.WriteFile(src, in, 0o644); err != nil {
			t.Fatal(err)
		}
		out := src + ".validation.sarif"
		cmd := exec.Command(tool, "validate", "--rule-kind", "Sarif;Gh", "--output", out, src)
		cmd.Env = append(os.Environ(), "DOTNET_CLI_TELEMETRY_OPTOUT=1")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s validate %s: %v\n%s", tool, name, err, b)
		}
		var res struct {
			Runs []struct {
				Results []struct {
					RuleID  string `json:"ruleId"`
					Level   string `json:"level"`
					Message struct {
						ID        string   `json:"id"`
						Arguments []string `json:"arguments"`
					} `json:"message"`
				} `json:"results"`
			} `json:"runs"`
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &res); err != nil {
			t.Fatalf("validation log: %v", err)
		}
		for _, r := range res.Runs {
			for _, v := range r.Results {
				if v.Level == "error" {
					t.Errorf("%s: %s %s %v", name, v.RuleID, v.Message.ID, v.Message.Arguments)
				} else {
					t.Logf("%s: %s (%s) %s %v", name, v.RuleID, v.Level, v.Message.ID, v.Message.Arguments)
				}
			}
		}
	}
}

// findMultitool looks for the native Sarif.Multitool on PATH, in the npm
// package of the global and of any enclosing node_modules. The npm bin
// shim runs it through a shell, which would split "Sarif;Gh", so the
// native executable is preferred.
func findMultitool() string {
	if p, err := exec.LookPath("Sarif.Multitool"); err == nil {
		return p
	}
	osName := runtime.GOOS
	if osName == "windows" {
		osName = "win32"
	}
	platform := filepath.Join("@microsoft", "sarif-multitool-"+osName)
	exe := "Sarif.Multitool"
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	var roots []string
	if out, err := exec.Command("npm", "root", "-g").Output(); err == nil {
		roots = append(roots, strings.TrimSpace(string(out)))
	}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			roots = append(roots, filepath.Join(d, "node_modules"))
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	for _, root := range roots {
		for _, p := range []string{
			filepath.Join(root, platform, exe),
			filepath.Join(root, "@microsoft", "sarif-multitool", "node_modules", platform, exe),
		} {
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p
			}
		}
	}
	return ""
}
