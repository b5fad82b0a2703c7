package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/report"
	"github.com/daglint/daglint/internal/secrets"
	"github.com/daglint/daglint/internal/source"
)

// Findings converts results into report findings (positions computed from
// each file's line table, fingerprints attached) and per-file errors, with
// Notice set for files skipped on purpose (see IsNotice). Both come back
// sorted by path, then offset and rule ID. A result's path may have been
// changed since it was linted (the baseline rebases paths): fingerprints
// use the path the result has now.
func Findings(results []Result, rules []*analysis.Rule) ([]report.Finding, []report.FileError) {
	names := map[string]string{}
	for _, r := range rules {
		names[r.ID] = r.Name
	}
	total := 0
	for _, res := range results {
		total += len(res.located)
	}
	sorted := append([]Result(nil), results...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	errs := []report.FileError{}
	for _, res := range sorted {
		if res.Err != nil {
			errs = append(errs, report.FileError{Path: res.Path, Message: res.ErrMessage(), Notice: IsNotice(res.Err)})
		}
	}
	// Each file's findings depend on that file alone: the files are cut
	// into runs of about the same number of findings, converted on all
	// CPUs, and the runs' findings joined in order.
	parts := splitByFindings(sorted, total, runtime.GOMAXPROCS(0))
	out := make([][]report.Finding, len(parts))
	var wg sync.WaitGroup
	for i, part := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = fileFindings(part, names)
		}()
	}
	wg.Wait()
	findings := make([]report.Finding, 0, total)
	for _, fs := range out {
		findings = append(findings, fs...)
	}
	return findings, errs
}

// splitByFindings cuts results into at most n runs, in order, each with
// about total/n positioned findings (a run holds at least one result).
func splitByFindings(results []Result, total, n int) [][]Result {
	if n <= 1 || total < 256 {
		return [][]Result{results}
	}
	var parts [][]Result
	start, count := 0, 0
	for i, res := range results {
		count += len(res.located)
		if count*n >= total*(len(parts)+1) && len(parts) < n-1 {
			parts = append(parts, results[start:i+1])
			start = i + 1
		}
	}
	return append(parts, results[start:])
}

// fileFindings converts the findings of results, in order.
func fileFindings(results []Result, names map[string]string) []report.Finding {
	n := 0
	for _, res := range results {
		n += len(res.located)
	}
	findings := make([]report.Finding, 0, n)
	for _, res := range results {
		located := res.located
		if located == nil && res.Lines != nil {
			located = locate(res.Lines, res.Diagnostics, res.Redactor)
		}
		occurrences := map[string]int{}
		for _, l := range located {
			f := l.finding
			f.Path = res.Path
			f.RuleName = names[f.RuleID]
			f.Related = append([]report.Related(nil), f.Related...) // results may be reported twice, under two paths
			for i := range f.Related {
				if f.Related[i].Path == "" { // in the file itself
					f.Related[i].Path = res.Path
				}
			}
			key := f.RuleID + "\x00" + l.text
			f.Fingerprint = Fingerprint(f.RuleID, res.Path, l.text, occurrences[key])
			occurrences[key]++
			findings = append(findings, f)
		}
	}
	return findings
}

// located is a diagnostic with its positions computed and the normalised
// text of its primary location kept for the fingerprint: all a report
// needs, so the file's source can go once it is linted.
type located struct {
	finding report.Finding // without Path, RuleName and Fingerprint
	text    string
}

// locate computes the positions of one file's diagnostics.
func locate(lines *source.Lines, diags []analysis.Diagnostic, red *secrets.Redactor) []located {
	out := make([]located, 0, len(diags))
	for _, d := range diags {
		f := report.Finding{
			RuleID:   d.RuleID,
			Severity: d.Severity,
			Message:  d.Message,
			Start:    lines.Position(d.Start),
			End:      lines.Position(d.End),
		}
		for _, rel := range d.Related {
			at, path := lines, ""
			if rel.File != nil {
				at, path = rel.File.Lines, rel.File.Path
			}
			f.Related = append(f.Related, report.Related{
				Path: path, Start: at.Position(rel.Start), End: at.Position(rel.End), Message: rel.Message,
			})
		}
		for _, fx := range d.Fixes {
			rf := report.Fix{Message: fx.Message, Applicability: fx.Applicability}
			for _, e := range fx.Edits {
				rf.Edits = append(rf.Edits, report.Edit{Start: lines.Position(e.Start), End: lines.Position(e.End), NewText: e.NewText})
			}
			f.Fixes = append(f.Fixes, rf)
		}
		out = append(out, located{finding: f, text: normalise(lines, d.Start, d.End, red)})
	}
	return out
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
	b := make([]byte, 0, len(ruleID)+len(path)+len(text)+24)
	b = append(append(b, ruleID...), 0)
	b = append(append(b, path...), 0)
	b = append(append(b, text...), 0)
	h := sha256.Sum256(strconv.AppendInt(b, int64(occurrence), 10))
	return hex.EncodeToString(h[:16])
}
