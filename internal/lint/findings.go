package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/report"
	"github.com/daglint/daglint/internal/secrets"
	"github.com/daglint/daglint/internal/source"
)

// Findings converts results into report findings (positions computed from
// each file's line table, fingerprints attached) and per-file errors, with
// Notice set for files skipped on purpose (see IsNotice). Both come back
// sorted by path, then offset and rule ID.
func Findings(results []Result, rules []*analysis.Rule) ([]report.Finding, []report.FileError) {
	names := map[string]string{}
	for _, r := range rules {
		names[r.ID] = r.Name
	}
	findings := []report.Finding{}
	errs := []report.FileError{}
	sorted := append([]Result(nil), results...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	for _, res := range sorted {
		if res.Err != nil {
			errs = append(errs, report.FileError{Path: res.Path, Message: res.Redactor.Redact(res.Err.Error()), Notice: IsNotice(res.Err)})
		}
		occurrences := map[string]int{}
		for _, d := range res.Diagnostics {
			f := report.Finding{
				Path:     res.Path,
				RuleID:   d.RuleID,
				RuleName: names[d.RuleID],
				Severity: d.Severity,
				Message:  d.Message,
				Start:    res.Lines.Position(d.Start),
				End:      res.Lines.Position(d.End),
			}
			for _, rel := range d.Related {
				f.Related = append(f.Related, report.Related{
					Path: res.Path, Start: res.Lines.Position(rel.Start), End: res.Lines.Position(rel.End), Message: rel.Message,
				})
			}
			for _, fx := range d.Fixes {
				rf := report.Fix{Message: fx.Message, Applicability: fx.Applicability}
				for _, e := range fx.Edits {
					rf.Edits = append(rf.Edits, report.Edit{Start: res.Lines.Position(e.Start), End: res.Lines.Position(e.End), NewText: e.NewText})
				}
				f.Fixes = append(f.Fixes, rf)
			}
			text := normalise(res.Lines, d.Start, d.End, res.Redactor)
			key := d.RuleID + "\x00" + text
			f.Fingerprint = Fingerprint(d.RuleID, res.Path, text, occurrences[key])
			occurrences[key]++
			findings = append(findings, f)
		}
	}
	return findings, errs
}

// normalise returns the text of [start, end) with the file's secrets in
// their redacted form and runs of white space folded to one space, so that
// re-indenting a call keeps its fingerprint, and no fingerprint is a hash
// of a secret: changing only the characters Redact hides keeps it.
func normalise(lines *source.Lines, start, end int, red *secrets.Redactor) string {
	src := lines.Source()
	if start < 0 || end > len(src) || start > end {
		return ""
	}
	return strings.Join(strings.Fields(red.Redact(string(src[start:end]))), " ")
}

// Fingerprint identifies a finding independently of its line: rule, path,
// normalised text of the primary location and how many identical ones come
// before it in the file. It is a hash, so it never carries a secret.
func Fingerprint(ruleID, path, text string, occurrence int) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s\x00%s\x00%d", ruleID, path, text, occurrence)))
	return hex.EncodeToString(h[:16])
}
