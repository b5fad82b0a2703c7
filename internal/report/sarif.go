package report

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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
// toolExecutionNotifications (level "note" for skipped files). Properties
// left at SARIF's defaults (-1 offsets and indexes, empty arrays) are left
// out; keys are sorted, indented by two spaces, and the log ends in a
// newline. The whole log is daglint's own wire form (sarifwire.go); its
// results are streamed in one by one.
func WriteSARIF(w io.Writer, run *Run) error {
	log, ruleIndex, err := sarifLog(run)
	if err != nil {
		return fmt.Errorf("write sarif report: %w", err)
	}
	fs := run.Findings
	err = writeStreamed(w, log, len(fs), func(i int) (any, error) {
		return sarifResult(fs[i], ruleIndex), nil
	})
	if err != nil {
		return fmt.Errorf("write sarif report: %w", err)
	}
	return nil
}

// sarifLog builds the log with streamPlaceholder for its results, which
// WriteSARIF streams in, and returns the index of each rule's descriptor.
// The log's texts go through utf8Text; the results' do not (see there).
func sarifLog(run *Run) (*sarifLogWire, map[string]int, error) {
	root, err := srcRootURI(run.SrcRoot)
	if err != nil {
		return nil, nil, err
	}
	driver := sarifDriverWire{
		Contents:        sarifDriverContents,
		InformationURI:  utf8Text(run.InfoURI),
		Language:        sarifLanguage,
		Name:            utf8Text(run.ToolName),
		SemanticVersion: utf8Text(run.ToolVersion),
		Version:         utf8Text(run.ToolVersion),
	}
	ruleIndex := make(map[string]int, len(run.Rules))
	for _, rule := range run.Rules {
		if rule == nil {
			continue
		}
		ruleIndex[rule.ID] = len(driver.Rules)
		driver.Rules = append(driver.Rules, sarifRule(rule, run.DocsURI))
	}

	base := sarifBaseWire{URI: utf8Text(root)}
	if root == "" {
		base.Description = &sarifMessageWire{"The directory daglint ran in; result paths are relative to it."}
	}
	r := sarifRunWire{
		ColumnKind: "utf16CodeUnits",
		Language:   sarifLanguage,
		// source.Lines ends a line at a lone CR too, as Python does.
		NewlineSequences:   []string{"\r\n", "\n", "\r"},
		OriginalURIBaseIDs: map[string]sarifBaseWire{SARIFSrcRoot: base},
		Results:            streamPlaceholder,
		Tool:               sarifToolWire{Driver: driver},
	}
	if run.Category != "" {
		r.AutomationDetails = &sarifAutomationWire{ID: utf8Text(run.Category)}
	}

	inv := sarifInvocationWire{ExecutionSuccessful: true}
	for _, e := range sortedErrors(run) {
		n := sarifNotificationWire{Level: sarifLevelError, Message: sarifMessageWire{utf8Text(e.Message)}}
		if e.Notice {
			n.Level = sarifLevelNote
		}
		if e.Path != "" {
			n.Locations = []sarifLocationWire{{PhysicalLocation: sarifPhysicalLocationWire{ArtifactLocation: artifactLocation(e.Path)}}}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	r.Invocations = []sarifInvocationWire{inv}

	return &sarifLogWire{Schema: sarifSchema, Runs: []sarifRunWire{r}, Version: "2.1.0"}, ruleIndex, nil
}

func sarifRule(rule *analysis.Rule, docsURI string) sarifRuleWire {
	d := sarifRuleWire{
		DefaultConfiguration: sarifConfigurationWire{Enabled: true, Level: sarifLevel(rule.Severity)},
		Help:                 sarifHelpWire{Markdown: utf8Text(rule.Documentation(true)), Text: utf8Text(rule.Documentation(false))},
		ID:                   utf8Text(rule.ID),
		Name:                 utf8Text(pascalCase(rule.Name)),
	}
	if rule.Doc.Summary != "" {
		d.ShortDescription = &sarifMessageWire{utf8Text(rule.Doc.Summary)}
	}
	if rule.Doc.What != "" {
		d.FullDescription = &sarifMessageWire{utf8Text(rule.Doc.What)}
	}
	if docsURI != "" {
		d.HelpURI = utf8Text(docsURI + rule.ID + ".md")
	}
	// GitHub code scanning shows a rule as a security alert when its tags
	// hold "security" and it has a security-severity: only security rules
	// get one.
	props := sarifRulePropertiesWire{Precision: utf8Text(rule.Precision)}
	if rule.IsSecurity() && rule.SecuritySeverity > 0 {
		props.SecuritySeverity = strconv.FormatFloat(rule.SecuritySeverity, 'f', 1, 64)
	}
	for _, tag := range rule.Tags {
		props.Tags = append(props.Tags, utf8Text(tag))
	}
	if props.Precision != "" || props.SecuritySeverity != "" || len(props.Tags) > 0 {
		d.Properties = &props
	}
	return d
}

// utf8Text returns s with each byte that is not part of a UTF-8 sequence
// replaced by U+FFFD. encoding/json writes such a byte as the escape
// \ufffd; the log's skeleton used to be encoded, read back and encoded
// again, which writes U+FFFD itself, and this keeps those bytes. (Results
// were never re-read: they keep the escape.)
func utf8Text(s string) string {
	if utf8.ValidString(s) { // nearly always, and much quicker to check than to map
		return s
	}
	// The identity mapping writes U+FFFD for each byte that does not decode.
	return strings.Map(func(r rune) rune { return r }, s)
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

func sarifLevel(s analysis.Severity) string {
	switch level(s) {
	case analysis.Error:
		return sarifLevelError
	case analysis.Warning:
		return sarifLevelWarning
	}
	return sarifLevelNote
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
