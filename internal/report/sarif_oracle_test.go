package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/daglint/daglint/internal/analysis"
)

// The SARIF writer's oracle: the log as daglint built it with go-sarif up
// to 0.1 (go-sarif builds the run's skeleton, which is encoded, read back
// and pruned of the defaults go-sarif writes, and the results stream in).
// WriteSARIF writes the same bytes from daglint's own wire structs, so the
// binary does without go-sarif and the JSON schema validator it imports.

// writeGoSarifSARIF is WriteSARIF as it was built on go-sarif.
func writeGoSarifSARIF(w io.Writer, run *Run) error {
	log, ruleIndex, err := goSarifSkeleton(run)
	if err != nil {
		return fmt.Errorf("write sarif report: %w", err)
	}
	var raw bytes.Buffer
	if err := log.Write(&raw); err != nil {
		return fmt.Errorf("write sarif report: encode: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw.Bytes()))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return fmt.Errorf("write sarif report: re-read: %w", err)
	}
	if tree, err = pruneGoSarifDefaults(tree, 0); err != nil {
		return fmt.Errorf("write sarif report: %w", err)
	}
	runs, _ := tree.(map[string]any)["runs"].([]any)
	if len(runs) != 1 {
		return errors.New("write sarif report: internal error: the log has no run")
	}
	runs[0].(map[string]any)["results"] = streamPlaceholder
	fs := run.Findings
	err = writeStreamed(w, tree, len(fs), func(i int) (any, error) {
		return sarifResult(fs[i], ruleIndex), nil
	})
	if err != nil {
		return fmt.Errorf("write sarif report: %w", err)
	}
	return nil
}

func goSarifSkeleton(run *Run) (*sarif.Report, map[string]int, error) {
	root, err := srcRootURI(run.SrcRoot)
	if err != nil {
		return nil, nil, err
	}
	r := sarif.NewRun()
	driver := sarif.NewToolComponent().
		WithName(run.ToolName).
		WithVersion(run.ToolVersion).
		WithSemanticVersion(run.ToolVersion)
	if run.InfoURI != "" {
		driver.WithInformationURI(run.InfoURI)
	}
	r.WithTool(sarif.NewTool().WithDriver(driver))

	ruleIndex := make(map[string]int, len(run.Rules))
	for _, rule := range run.Rules {
		if rule == nil {
			continue
		}
		ruleIndex[rule.ID] = len(driver.Rules)
		driver.AddRule(goSarifRule(rule, run.DocsURI))
	}

	base := sarif.ArtifactLocation{Index: -1}
	if root != "" {
		base.WithURI(root)
	} else {
		base.WithDescription(sarif.NewMessage().WithText("The directory daglint ran in; result paths are relative to it."))
	}
	r.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{SARIFSrcRoot: base})
	r.WithColumnKind("utf16CodeUnits")
	r.WithNewlineSequences([]string{"\r\n", "\n", "\r"})
	if run.Category != "" {
		r.WithAutomationDetails(sarif.NewRunAutomationDetails().WithID(run.Category))
	}

	inv := sarif.NewInvocation().WithExecutionSuccessful(true)
	for _, e := range sortedErrors(run) {
		lvl := sarif.LevelError
		if e.Notice {
			lvl = sarif.LevelNote
		}
		n := sarif.NewNotification().
			WithLevel(lvl).
			WithMessage(sarif.NewMessage().WithText(e.Message))
		if e.Path != "" {
			a := artifactLocation(e.Path)
			loc := sarif.NewArtifactLocation().WithURI(a.URI)
			if a.URIBaseID != "" {
				loc.WithURIBaseID(a.URIBaseID)
			}
			n.AddLocation(sarif.NewLocation().WithPhysicalLocation(sarif.NewPhysicalLocation().WithArtifactLocation(loc)))
		}
		inv.AddToolExecutionNotification(n)
	}
	r.AddInvocation(inv)

	return sarif.NewReport().AddRun(r), ruleIndex, nil
}

func goSarifRule(rule *analysis.Rule, docsURI string) *sarif.ReportingDescriptor {
	lvl := sarif.LevelNote
	switch level(rule.Severity) {
	case analysis.Error:
		lvl = sarif.LevelError
	case analysis.Warning:
		lvl = sarif.LevelWarning
	}
	d := sarif.NewReportingDescriptor().
		WithID(rule.ID).
		WithName(pascalCase(rule.Name)).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(lvl))
	if rule.Doc.Summary != "" {
		d.WithShortDescription(sarif.NewMultiformatMessageString().WithText(rule.Doc.Summary))
	}
	if rule.Doc.What != "" {
		d.WithFullDescription(sarif.NewMultiformatMessageString().WithText(rule.Doc.What))
	}
	d.WithHelp(sarif.NewMultiformatMessageString().WithText(rule.Documentation(false)).WithMarkdown(rule.Documentation(true)))
	if docsURI != "" {
		d.WithHelpURI(docsURI + rule.ID + ".md")
	}
	props := sarif.NewPropertyBag()
	if rule.Precision != "" {
		props.Add("precision", rule.Precision)
	}
	if rule.IsSecurity() && rule.SecuritySeverity > 0 {
		props.Add("security-severity", strconv.FormatFloat(rule.SecuritySeverity, 'f', 1, 64))
	}
	props.WithTags(append([]string(nil), rule.Tags...))
	d.WithProperties(props)
	return d
}

// goSarifSentinels are properties whose value -1 means "absent" in SARIF.
var goSarifSentinels = map[string]bool{
	"byteOffset": true, "charOffset": true, "index": true, "id": true, "rank": true, "ruleIndex": true,
}

// pruneGoSarifDefaults removes what go-sarif writes for unset properties:
// -1 sentinels, empty arrays and empty objects. run.results stays, even
// empty.
func pruneGoSarifDefaults(v any, depth int) (any, error) {
	if depth > 64 {
		return nil, errors.New("sarif log nested deeper than expected")
	}
	switch t := v.(type) {
	case map[string]any:
		for k, c := range t {
			if n, ok := c.(json.Number); ok && goSarifSentinels[k] && n.String() == "-1" {
				delete(t, k)
				continue
			}
			pc, err := pruneGoSarifDefaults(c, depth+1)
			if err != nil {
				return nil, err
			}
			if isEmptyJSON(pc) && k != "results" {
				delete(t, k)
				continue
			}
			t[k] = pc
		}
	case []any:
		for i, c := range t {
			pc, err := pruneGoSarifDefaults(c, depth+1)
			if err != nil {
				return nil, err
			}
			t[i] = pc
		}
	}
	return v, nil
}

func isEmptyJSON(v any) bool {
	switch t := v.(type) {
	case map[string]any:
		return len(t) == 0
	case []any:
		return len(t) == 0
	}
	return false
}

// oracleRuns are the fixtures the writer is compared with the oracle on:
// the golden runs, and runs that leave out or empty each optional part of
// the skeleton, with texts JSON escapes (HTML, control and line-separator
// characters, bytes that are not UTF-8).
func oracleRuns(t *testing.T) map[string]*Run {
	t.Helper()
	withRoot := testRun(t)
	withRoot.SrcRoot = "file:///srv/repo"
	bare := &Run{}
	odd := emptyRun()
	odd.InfoURI, odd.DocsURI = "", ""
	odd.Category = "cat/\xff\xfe<&>\u2028\x01"
	odd.SrcRoot = "file:///srv/r\xe9po/"
	odd.ToolName, odd.ToolVersion = "dag<lint>", "0.1.0-rc.1+\xc3"
	odd.Rules = []*analysis.Rule{
		nil,
		{ID: "DAG900", Name: "bare_rule"},
		{ID: "DAG901", Name: "security-without-severity", Severity: analysis.Error, Tags: []string{analysis.TagSecurity}},
		{ID: "DAG902", Name: "severity-without-security", SecuritySeverity: 9.25, Tags: []string{}, Precision: "low"},
		{ID: "DAG903", Name: "ünïcode-näme", Severity: analysis.Warning, Tags: []string{"", "a\tb"},
			Doc: analysis.Doc{Summary: "bad \xff byte", What: "`\\ufffd` is text here"}},
		{ID: "DAG900", Name: "duplicate-id", Doc: analysis.Doc{What: "only a what"}},
	}
	odd.Errors = []FileError{
		{Message: "no path at all"},
		{Path: "/srv/dags/abs.py", Message: "absolute"},
		{Path: `C:\dags\win.py`, Message: "windows"},
		{Path: "a:b/c.py", Message: "scheme-like"},
		{Path: "dags/\xff.py", Message: "read dags/\xff.py: permission denied", Notice: true},
		{Path: "dags/x.py", Message: "line\nbreak \u2029 </script>"},
	}
	odd.Findings = []Finding{{Path: "dags/\xff.py", RuleID: "DAG903", Message: "result text \xff", Severity: analysis.Warning}}
	return map[string]*Run{
		"full": testRun(t), "full-root": withRoot, "empty": emptyRun(), "bare": bare, "odd": odd,
		"many": manyFindings(600),
	}
}

// checkMatchesOracle writes run with WriteSARIF and with the go-sarif
// builder and fails unless both give the same bytes, or the same error.
func checkMatchesOracle(t *testing.T, run *Run) []byte {
	t.Helper()
	var got, want bytes.Buffer
	gotErr, wantErr := WriteSARIF(&got, run), writeGoSarifSARIF(&want, run)
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
		t.Fatalf("error %v, go-sarif builder's %v", gotErr, wantErr)
	}
	if gotErr == nil && !bytes.Equal(got.Bytes(), want.Bytes()) {
		g, w := got.String(), want.String()
		i := 0
		for i < min(len(g), len(w)) && g[i] == w[i] {
			i++
		}
		t.Fatalf("output differs from the go-sarif builder's at byte %d:\n got: %q\nwant: %q", i, g[max(i-80, 0):min(i+80, len(g))], w[max(i-80, 0):min(i+80, len(w))])
	}
	return got.Bytes()
}

func TestSARIFMatchesGoSarif(t *testing.T) {
	for name, run := range oracleRuns(t) {
		t.Run(name, func(t *testing.T) {
			out := checkMatchesOracle(t, run)
			if name == "odd" && !bytes.Contains(out, []byte("\"cat/\uFFFD\uFFFD<&>\\u2028\\u0001\"")) {
				t.Errorf("category not written as the go-sarif builder wrote it:\n%s", out)
			}
		})
	}
	// A source root that is not an absolute URI fails both the same way.
	bad := emptyRun()
	bad.SrcRoot = "relative/dir"
	checkMatchesOracle(t, bad)
}

// TestSARIFGoSarifSchema reads each fixture's log into go-sarif's types,
// refusing a property go-sarif does not know (it would be dropped before
// validation), and validates it against go-sarif's SARIF 2.1.0 schema.
func TestSARIFGoSarifSchema(t *testing.T) {
	for name, run := range oracleRuns(t) {
		t.Run(name, func(t *testing.T) {
			out := write(t, "sarif", run)
			dec := json.NewDecoder(bytes.NewReader(out))
			dec.DisallowUnknownFields()
			if err := dec.Decode(new(sarif.Report)); err != nil {
				t.Fatalf("go-sarif does not read the log: %v", err)
			}
			log, err := sarif.FromBytes(out)
			if err != nil {
				t.Fatal(err)
			}
			if err := log.Validate(); err != nil {
				t.Errorf("not valid against the SARIF 2.1.0 schema: %v", err)
			}
		})
	}
}

// FuzzSARIFMatchesGoSarif compares WriteSARIF with the go-sarif builder on
// runs whose every text of the skeleton is fuzzed.
func FuzzSARIFMatchesGoSarif(f *testing.F) {
	f.Add("daglint", "0.1.0", "daglint/dags", "file:///srv/repo/", "DAG102", "image-mutable-tag", "read dags/a.py: denied", "dags/a.py")
	f.Add("", "", "", "", "", "", "", "")
	f.Add("<&>", "\xff", "c\xfe\xff", "file:///x\xe9/", "\u2028", "a_b-c", "m\x00\x1f", "/abs/p.py")
	f.Add("x", "1", streamPlaceholder, "rel", "ID", "n", "\\ufffd", `C:\w.py`)
	f.Fuzz(func(t *testing.T, tool, version, category, root, id, name, message, path string) {
		run := &Run{
			ToolName: tool, ToolVersion: version, InfoURI: tool, DocsURI: root, Category: category, SrcRoot: root,
			Rules: []*analysis.Rule{{
				ID: id, Name: name, Severity: analysis.Warning, Precision: message, SecuritySeverity: 5,
				Tags: []string{name, analysis.TagSecurity}, Doc: analysis.Doc{Summary: message, What: name, Example: tool},
			}},
			Errors: []FileError{{Path: path, Message: message}, {Message: name, Notice: true}},
		}
		if strings.Contains(id, "x") {
			run.Rules = append(run.Rules, &analysis.Rule{ID: name})
		}
		checkMatchesOracle(t, run)
	})
}

// BenchmarkSARIFSkeleton writes the log of a run of 25 rules (the registry
// has about as many) and two file errors, without findings, with
// WriteSARIF and with the go-sarif builder.
func BenchmarkSARIFSkeleton(b *testing.B) {
	run := emptyRun()
	run.Errors = testRun(&testing.T{}).Errors
	for i := range 5 {
		for _, r := range testRules() {
			r.ID += strconv.Itoa(i)
			run.Rules = append(run.Rules, r)
		}
	}
	for _, w := range []struct {
		name  string
		write Writer
	}{{"own", WriteSARIF}, {"go-sarif", writeGoSarifSARIF}} {
		b.Run(w.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := w.write(io.Discard, run); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
