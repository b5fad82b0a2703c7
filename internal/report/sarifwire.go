package report

import (
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/source"
)

// The wire form of a SARIF result: only what daglint sets, encoded once.
// Fields are declared in the order of their JSON names, so a result reads
// as the rest of the log does (whose keys are sorted); a property SARIF
// would default is left out (omitempty, or a nil pointer).

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
