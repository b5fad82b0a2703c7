package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"

	"github.com/daglint/daglint/internal/analysis"
)

// The gitlab format's wire structs (a GitLab Code Quality report).
type (
	gitlabIssue struct {
		Description string         `json:"description"`
		CheckName   string         `json:"check_name"`
		Fingerprint string         `json:"fingerprint"`
		Severity    string         `json:"severity"`
		Location    gitlabLocation `json:"location"`
	}
	gitlabLocation struct {
		Path  string      `json:"path"`
		Lines gitlabLines `json:"lines"`
	}
	gitlabLines struct {
		Begin int `json:"begin"`
		End   int `json:"end"`
	}
)

// WriteGitLab writes a GitLab Code Quality report: a JSON array with one
// issue per finding ([] when there are none). Levels map note to "info",
// warning to "minor" and error to "major". Each issue's fingerprint is a
// SHA-256 hex digest over the finding's rule, path and Fingerprint, made
// unique within the report. File errors have no place in this format; the
// text output shows them.
func WriteGitLab(w io.Writer, run *Run) error {
	fs := run.Findings
	seen := make(map[string]bool, len(fs))
	err := writeStreamed(w, streamPlaceholder, len(fs), func(i int) (any, error) {
		f := fs[i]
		end := f.End.Line
		if end < f.Start.Line {
			end = f.Start.Line
		}
		return gitlabIssue{
			Description: f.RuleID + ": " + f.Message,
			CheckName:   f.RuleID,
			Fingerprint: gitlabFingerprint(f, seen),
			Severity:    gitlabSeverity(f.Severity),
			Location:    gitlabLocation{Path: f.Path, Lines: gitlabLines{Begin: f.Start.Line, End: end}},
		}, nil
	})
	if err != nil {
		return fmt.Errorf("write gitlab report: %w", err)
	}
	return nil
}

func gitlabSeverity(s analysis.Severity) string {
	switch level(s) {
	case analysis.Error:
		return "major"
	case analysis.Warning:
		return "minor"
	}
	return "info"
}

// gitlabFingerprint hashes the finding's identity. A finding without a
// Fingerprint falls back to its byte range. When two findings hash alike
// (which a correct driver never produces), later ones get a counter mixed
// in, so GitLab still sees distinct issues; findings are sorted, so the
// counter is the same from run to run.
func gitlabFingerprint(f Finding, seen map[string]bool) string {
	id := f.Fingerprint
	if id == "" {
		id = strconv.Itoa(f.Start.Offset) + "-" + strconv.Itoa(f.End.Offset)
	}
	for n := 0; ; n++ {
		h := sha256.New()
		fmt.Fprintf(h, "daglint/gitlab/v1\x00%s\x00%s\x00%s\x00%d", f.RuleID, f.Path, id, n)
		sum := hex.EncodeToString(h.Sum(nil))
		if !seen[sum] {
			seen[sum] = true
			return sum
		}
	}
}
