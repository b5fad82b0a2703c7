package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/daglint/daglint/internal/analysis"
)

// SARIF constants of daglint's logs.
const (
	// SARIFFingerprintKey names daglint's entry in result.partialFingerprints.
	SARIFFingerprintKey = "daglint/v1"
	// SARIFSrcRoot is the uriBaseId relative result paths resolve against.
	SARIFSrcRoot = "%SRCROOT%"
)

// WriteSARIF writes the run as a SARIF 2.1.0 log: one reportingDescriptor per
// rule of run.Rules, one result per finding with UTF-16 columns, fixes,
// related locations and partial fingerprints, and file errors as
// toolExecutionNotifications (level "note" for skipped files). Properties left at SARIF's defaults (-1
// offsets and indexes, empty arrays) are dropped; keys are sorted, indented
// by two spaces, and the log ends in a newline.
func WriteSARIF(w io.Writer, run *Run) error {
	log, ruleIndex, err := buildSARIF(run)
	if err != nil {
		return fmt.Errorf("write sarif report: %w", err)
	}
	var raw bytes.Buffer
	if err := log.Write(&raw); err != nil {
		return fmt.Errorf("write sarif report: encode: %w", err)
	}
	tree, err := prunedTree(raw.Bytes())
	if err != nil {
		return fmt.Errorf("write sarif report: %w", err)
	}
	// The results are streamed in one by one, each encoded once from its
	// wire form (sarifwire.go); only the skeleton of the log, built with
	// go-sarif, is re-read to drop its defaults.
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

// prunedTree reads encoded SARIF back as a JSON tree and drops the
// properties left at SARIF's defaults (see pruneDefaults).
func prunedTree(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, fmt.Errorf("re-read: %w", err)
	}
	return pruneDefaults(tree, 0)
}

// buildSARIF builds the log without its results, which WriteSARIF streams
// in, and returns the index of each rule's descriptor.
func buildSARIF(run *Run) (*sarif.Report, map[string]int, error) {
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
		driver.AddRule(sarifRule(rule, run.DocsURI))
	}

	base := sarif.ArtifactLocation{Index: -1}
	if root != "" {
		base.WithURI(root)
	} else {
		base.WithDescription(sarif.NewMessage().WithText("The directory daglint ran in; result paths are relative to it."))
	}
	r.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{SARIFSrcRoot: base})
	r.WithColumnKind("utf16CodeUnits")
	// source.Lines ends a line at a lone CR too, as Python does.
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

func sarifRule(rule *analysis.Rule, docsURI string) *sarif.ReportingDescriptor {
	d := sarif.NewReportingDescriptor().
		WithID(rule.ID).
		WithName(pascalCase(rule.Name)).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(rule.Severity)))
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
	// GitHub code scanning shows a rule as a security alert when its tags
	// hold "security" and it has a security-severity: only security rules
	// get one.
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

// artifactLocation gives a relative path as a URI under %SRCROOT% and an
// absolute one as a file URI.
func artifactLocation(path string) sarifArtifactLocationWire {
	slash := filepath.ToSlash(path)
	if abs, ok := absoluteFileURI(slash); ok {
		return sarifArtifactLocationWire{URI: abs}
	}
	rel := escapePath(slash)
	if first, _, _ := strings.Cut(rel, "/"); strings.Contains(first, ":") {
		rel = "./" + rel // "a:b/c" would parse as scheme "a"
	}
	return sarifArtifactLocationWire{URI: rel, URIBaseID: SARIFSrcRoot}
}

// absoluteFileURI returns the file URI of a slash path that is absolute on
// Unix ("/srv/x") or Windows ("C:/x", "//host/share/x").
func absoluteFileURI(slash string) (string, bool) {
	switch {
	case strings.HasPrefix(slash, "//"):
		return "file:" + escapePath(slash), true
	case strings.HasPrefix(slash, "/"):
		return "file://" + escapePath(slash), true
	case len(slash) >= 3 && slash[1] == ':' && slash[2] == '/' && isASCIILetter(slash[0]):
		return "file:///" + slash[:2] + escapePath(slash[2:]), true
	}
	return "", false
}

// DirURI returns the file URI of the absolute directory dir, ending in "/",
// for Run.SrcRoot.
func DirURI(dir string) (string, error) {
	if !filepath.IsAbs(dir) {
		return "", fmt.Errorf("directory %q is not absolute", dir)
	}
	u, ok := absoluteFileURI(filepath.ToSlash(filepath.Clean(dir)))
	if !ok {
		return "", fmt.Errorf("directory %q has no file URI form", dir)
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u, nil
}

// srcRootURI checks Run.SrcRoot: empty, or an absolute URI, to which it
// adds the final "/" SARIF requires of a base.
func srcRootURI(root string) (string, error) {
	if root == "" {
		return "", nil
	}
	u, err := url.Parse(root)
	if err != nil {
		return "", fmt.Errorf("source root %q: %w", root, err)
	}
	if !u.IsAbs() {
		return "", fmt.Errorf("source root %q is not an absolute URI (want file:///...)", root)
	}
	if !strings.HasSuffix(root, "/") {
		root += "/"
	}
	return root, nil
}

// escapePath percent-encodes each segment of a slash path.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// maxSARIFDepth bounds the walk over the encoded log. The log's shape, not
// the scanned files, sets its depth (about 12); the bound only guards the
// recursion.
const maxSARIFDepth = 64

// sentinelKeys are properties whose value -1 means "absent" in SARIF.
var sentinelKeys = map[string]bool{
	"byteOffset": true, "charOffset": true, "index": true, "id": true, "rank": true, "ruleIndex": true,
}

// pruneDefaults removes what go-sarif writes for unset properties: -1
// sentinels, empty arrays and empty objects. run.results stays, even empty:
// SARIF requires it of a log that reports a scan.
func pruneDefaults(v any, depth int) (any, error) {
	if depth > maxSARIFDepth {
		return nil, errors.New("sarif log nested deeper than expected")
	}
	switch t := v.(type) {
	case map[string]any:
		for k, c := range t {
			if n, ok := c.(json.Number); ok && sentinelKeys[k] && n.String() == "-1" {
				delete(t, k)
				continue
			}
			pc, err := pruneDefaults(c, depth+1)
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
			pc, err := pruneDefaults(c, depth+1)
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

func sarifLevel(s analysis.Severity) string {
	switch level(s) {
	case analysis.Error:
		return sarif.LevelError
	case analysis.Warning:
		return sarif.LevelWarning
	}
	return sarif.LevelNote
}

// pascalCase turns "image-unqualified" into "ImageUnqualified".
func pascalCase(kebab string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(kebab, func(r rune) bool { return r == '-' || r == '_' }) {
		rs := []rune(part)
		rs[0] = unicode.ToUpper(rs[0])
		b.WriteString(string(rs))
	}
	return b.String()
}

func isASCIILetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
