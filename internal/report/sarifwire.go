package report

import (
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/source"
)

// The wire form of a SARIF log: only what daglint sets, encoded once.
// Fields are declared in the order of their JSON names, so every object's
// keys come out sorted; a property SARIF would default is left out
// (omitempty, or a nil pointer). The few defaults the log has always
// written (language, contents, isComprehensive, enabled) stay, so its
// bytes do not change.

// SARIF values of daglint's logs.
const (
	sarifSchema       = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/main/sarif-2.1/schema/sarif-schema-2.1.0.json"
	sarifLanguage     = "en-US"
	sarifLevelError   = "error"
	sarifLevelWarning = "warning"
	sarifLevelNote    = "note"
)

// sarifDriverContents is the driver's contents: SARIF's default.
var sarifDriverContents = []string{"localizedData", "nonLocalizedData"}

type sarifLogWire struct {
	Schema  string         `json:"$schema"`
	Runs    []sarifRunWire `json:"runs"`
	Version string         `json:"version"`
}

type sarifRunWire struct {
	AutomationDetails  *sarifAutomationWire     `json:"automationDetails,omitempty"`
	ColumnKind         string                   `json:"columnKind"`
	Invocations        []sarifInvocationWire    `json:"invocations"`
	Language           string                   `json:"language"`
	NewlineSequences   []string                 `json:"newlineSequences"`
	OriginalURIBaseIDs map[string]sarifBaseWire `json:"originalUriBaseIds"`
	Results            string                   `json:"results"` // streamPlaceholder: WriteSARIF streams the results in
	Tool               sarifToolWire            `json:"tool"`
}

type sarifAutomationWire struct {
	ID string `json:"id"`
}

// sarifBaseWire is the artifactLocation of a uriBaseId: its URI, or a
// description when it is left unresolved.
type sarifBaseWire struct {
	Description *sarifMessageWire `json:"description,omitempty"`
	URI         string            `json:"uri,omitempty"`
}

type sarifInvocationWire struct {
	ExecutionSuccessful        bool                    `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotificationWire `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotificationWire struct {
	Level     string              `json:"level"`
	Locations []sarifLocationWire `json:"locations,omitempty"`
	Message   sarifMessageWire    `json:"message"`
}

type sarifToolWire struct {
	Driver sarifDriverWire `json:"driver"`
}

type sarifDriverWire struct {
	Contents        []string        `json:"contents"`
	InformationURI  string          `json:"informationUri,omitempty"`
	IsComprehensive bool            `json:"isComprehensive"`
	Language        string          `json:"language"`
	Name            string          `json:"name"`
	Rules           []sarifRuleWire `json:"rules,omitempty"`
	SemanticVersion string          `json:"semanticVersion"`
	Version         string          `json:"version"`
}

// sarifRuleWire is a rule's reportingDescriptor.
type sarifRuleWire struct {
	DefaultConfiguration sarifConfigurationWire   `json:"defaultConfiguration"`
	FullDescription      *sarifMessageWire        `json:"fullDescription,omitempty"`
	Help                 sarifHelpWire            `json:"help"`
	HelpURI              string                   `json:"helpUri,omitempty"`
	ID                   string                   `json:"id"`
	Name                 string                   `json:"name"`
	Properties           *sarifRulePropertiesWire `json:"properties,omitempty"`
	ShortDescription     *sarifMessageWire        `json:"shortDescription,omitempty"`
}

type sarifConfigurationWire struct {
	Enabled bool   `json:"enabled"`
	Level   string `json:"level"`
}

type sarifHelpWire struct {
	Markdown string `json:"markdown"`
	Text     string `json:"text"`
}

// sarifRulePropertiesWire is a rule's property bag; nil when all its
// fields are empty.
type sarifRulePropertiesWire struct {
	Precision        string   `json:"precision,omitempty"`
	SecuritySeverity string   `json:"security-severity,omitempty"`
	Tags             []string `json:"tags,omitempty"`
}

type sarifResultWire struct {
	Fixes               []sarifFixWire      `json:"fixes,omitempty"`
	Kind                string              `json:"kind"`
	Level               string              `json:"level"`
	Locations           []sarifLocationWire `json:"locations"`
	Message             sarifMessageWire    `json:"message"`
	PartialFingerprints map[string]string   `json:"partialFingerprints,omitempty"`
	RelatedLocations    []sarifLocationWire `json:"relatedLocations,omitempty"`
	RuleID              string              `json:"ruleId"`
	RuleIndex           *int                `json:"ruleIndex,omitempty"`
}

type sarifLocationWire struct {
	ID               int                       `json:"id,omitempty"` // 1-based among related locations
	Message          *sarifMessageWire         `json:"message,omitempty"`
	PhysicalLocation sarifPhysicalLocationWire `json:"physicalLocation"`
}

type sarifPhysicalLocationWire struct {
	ArtifactLocation sarifArtifactLocationWire `json:"artifactLocation"`
	Region           *sarifRegionWire          `json:"region,omitempty"`
}

type sarifArtifactLocationWire struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// sarifRegionWire has 1-based lines and columns: zero never occurs, so
// omitempty drops only the end of a region that has none.
type sarifRegionWire struct {
	EndColumn   int `json:"endColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	StartColumn int `json:"startColumn"`
	StartLine   int `json:"startLine"`
}

type sarifMessageWire struct {
	Text string `json:"text"`
}

type sarifFixWire struct {
	ArtifactChanges []sarifArtifactChangeWire `json:"artifactChanges"`
	Description     sarifMessageWire          `json:"description"`
	Properties      sarifFixPropertiesWire    `json:"properties"`
}

type sarifFixPropertiesWire struct {
	Applicability string `json:"applicability"`
}

type sarifArtifactChangeWire struct {
	ArtifactLocation sarifArtifactLocationWire `json:"artifactLocation"`
	Replacements     []sarifReplacementWire    `json:"replacements"`
}

type sarifReplacementWire struct {
	DeletedRegion   sarifRegionWire   `json:"deletedRegion"`
	InsertedContent *sarifMessageWire `json:"insertedContent,omitempty"` // SARIF's artifactContent: {text}
}

// sarifResult is the wire form of one finding.
func sarifResult(f Finding, ruleIndex map[string]int) sarifResultWire {
	res := sarifResultWire{
		Kind:      "fail",
		Level:     sarifLevel(f.Severity),
		Message:   sarifMessageWire{f.Message},
		RuleID:    f.RuleID,
		Locations: []sarifLocationWire{{PhysicalLocation: physicalLocation(f.Path, f.Start, f.End)}},
	}
	if i, ok := ruleIndex[f.RuleID]; ok {
		res.RuleIndex = &i
	}
	for i, rel := range f.Related {
		res.RelatedLocations = append(res.RelatedLocations, sarifLocationWire{
			ID:               i + 1,
			Message:          &sarifMessageWire{rel.Message},
			PhysicalLocation: physicalLocation(rel.Path, rel.Start, rel.End),
		})
	}
	if f.Fingerprint != "" {
		res.PartialFingerprints = map[string]string{SARIFFingerprintKey: f.Fingerprint}
	}
	for _, fx := range f.Fixes {
		// A display-only fix is advice, not an edit a viewer may apply.
		if fx.Applicability == analysis.DisplayOnly || len(fx.Edits) == 0 {
			continue
		}
		change := sarifArtifactChangeWire{ArtifactLocation: artifactLocation(f.Path)}
		for _, e := range fx.Edits {
			rep := sarifReplacementWire{DeletedRegion: *region(e.Start, e.End)}
			if e.NewText != "" {
				rep.InsertedContent = &sarifMessageWire{e.NewText}
			}
			change.Replacements = append(change.Replacements, rep)
		}
		res.Fixes = append(res.Fixes, sarifFixWire{
			ArtifactChanges: []sarifArtifactChangeWire{change},
			Description:     sarifMessageWire{fx.Message},
			Properties:      sarifFixPropertiesWire{fx.Applicability.String()},
		})
	}
	return res
}

func physicalLocation(path string, start, end source.Position) sarifPhysicalLocationWire {
	pl := sarifPhysicalLocationWire{ArtifactLocation: artifactLocation(path)}
	if start.Line >= 1 {
		pl.Region = region(start, end)
	}
	return pl
}

// region is a text region with 1-based lines and UTF-16 columns; an end
// before the start is dropped, leaving the region at its start.
func region(start, end source.Position) *sarifRegionWire {
	r := &sarifRegionWire{StartLine: start.Line, StartColumn: max(start.UTF16Column, 1)}
	if end.Line > start.Line || (end.Line == start.Line && end.UTF16Column >= start.UTF16Column) {
		r.EndLine, r.EndColumn = end.Line, max(end.UTF16Column, 1)
	}
	return r
}
