package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

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
	// The results in path order: indices are sorted, not copies of the
	// results, which would be as many fresh pages as the results take.
	order := make([]int, len(results))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return strings.Compare(results[i].Path, results[j].Path) })
	errs := []report.FileError{}
	// locs[i] are the positioned diagnostics of the i-th result in path
	// order (a result that kept its source is positioned now), at[i] where
	// its findings start.
	locs := make([][]located, len(order))
	at := make([]int, len(order)+1)
	for i, k := range order {
		res := &results[k]
		if res.Err != nil {
			errs = append(errs, report.FileError{Path: res.Path, Message: res.ErrMessage(), Notice: IsNotice(res.Err)})
		}
		locs[i] = res.located
		switch {
		case locs[i] == nil && res.Lines != nil:
			locs[i] = stamp(locate(res.Lines, res.Diagnostics, res.Redactor), res.Path)
		case res.stampedFor != res.Path && len(locs[i]) > 0:
			// Rebased since it was linted: stamp a copy, since the result
			// may be reported under its first path too.
			locs[i] = stamp(append([]located(nil), locs[i]...), res.Path)
		}
		at[i+1] = at[i] + len(locs[i])
	}
	// Each file's findings depend on that file alone: runs of files with
	// about the same number of findings are copied on all CPUs, each into
	// its own part of the one slice.
	findings := make([]report.Finding, at[len(order)])
	var wg sync.WaitGroup
	for _, run := range splitRuns(at, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := run[0]; i < run[1]; i++ {
				fileFindings(findings[at[i]:at[i+1]], results[order[i]].Path, locs[i], names)
			}
		}()
	}
	wg.Wait()
	return findings, errs
}

// splitRuns cuts the files whose findings start at at[i] into at most n
// runs [first, end) of about equal numbers of findings.
func splitRuns(at []int, n int) [][2]int {
	files, total := len(at)-1, at[len(at)-1]
	if n <= 1 || total < 256 {
		return [][2]int{{0, files}}
	}
	var runs [][2]int
	first := 0
	for i := 0; i < files; i++ {
		if len(runs) < n-1 && at[i+1]*n >= total*(len(runs)+1) {
			runs = append(runs, [2]int{first, i + 1})
			first = i + 1
		}
	}
	return append(runs, [2]int{first, files})
}

// fileFindings copies the positioned diagnostics of the file path, stamped
// for path, into out, which has room for each. The fingerprints' hex texts
// are written into one string, shared by the file's findings.
func fileFindings(out []report.Finding, path string, located []located, names map[string]string) {
	var hexes strings.Builder
	hexes.Grow(len(located) * 2 * fingerprintSize)
	var h [2 * fingerprintSize]byte
	for i := range located {
		hex.Encode(h[:], located[i].fingerprint[:])
		hexes.Write(h[:])
	}
	all := hexes.String()
	for i := range located {
		l := &located[i]
		f := report.Finding{
			Path: path, RuleID: l.ruleID, RuleName: names[l.ruleID], Severity: l.severity, Message: l.message,
			Start: l.start, End: l.end, Fingerprint: all[i*len(h) : (i+1)*len(h)],
		}
		if l.more != nil {
			f.Related, f.Fixes = l.more.stamped, l.more.fixes
		}
		out[i] = f
	}
}

// located is a diagnostic with its positions computed and the normalised
// text of its primary location kept for the fingerprint: all a report
// needs, so the file's source can go once it is linted. Every finding of a
// run is kept until the report, so it holds no more than that: its
// fingerprint as the hash itself (hex only in the report), related
// locations and fixes, which few findings have, behind one pointer.
type located struct {
	ruleID   string
	message  string
	severity analysis.Severity
	start    source.Position
	end      source.Position
	more     *locatedMore // nil without related locations or fixes
	text     string
	// fingerprint is the finding's fingerprint for the path stamp was
	// given: worked out as soon as the file is linted, on the worker, so
	// that the report only copies it.
	fingerprint [fingerprintSize]byte
}

// locatedMore are a located diagnostic's related locations and fixes.
type locatedMore struct {
	related []report.Related // as located: Path "" for the file itself
	// stamped are the related locations with the Path of those in the file
	// itself set to the path stamp was given.
	stamped []report.Related
	fixes   []report.Fix
}

// stamp sets the fingerprints and related paths of one file's positioned
// diagnostics for the file's path, and returns them.
func stamp(located []located, path string) []located {
	if len(located) == 0 {
		return located
	}
	type key struct{ ruleID, text string }
	occurrences := make(map[key]int, len(located))
	n := 0
	for _, l := range located {
		if l.more != nil {
			n += len(l.more.related)
		}
	}
	related := make([]report.Related, 0, n) // the file's, allocated together
	for i := range located {
		l := &located[i]
		if l.more != nil {
			// A copy of more: a rebased copy of located must not change
			// the original's.
			m := *l.more
			m.stamped = nil
			if len(m.related) > 0 {
				at := len(related)
				related = append(related, m.related...)
				m.stamped = related[at:len(related):len(related)]
				for j := range m.stamped {
					if m.stamped[j].Path == "" { // in the file itself
						m.stamped[j].Path = path
					}
				}
			}
			l.more = &m
		}
		k := key{l.ruleID, l.text}
		l.fingerprint = fingerprintSum(l.ruleID, path, l.text, occurrences[k])
		occurrences[k]++
	}
	return located
}

// locate computes the positions of one file's diagnostics.
func locate(lines *source.Lines, diags []analysis.Diagnostic, red *secrets.Redactor) []located {
	out := make([]located, 0, len(diags))
	for _, d := range diags {
		l := located{
			ruleID:   d.RuleID,
			severity: d.Severity,
			message:  intern(d.Message),
			start:    lines.Position(d.Start),
			end:      lines.Position(d.End),
			text:     normalise(lines, d.Start, d.End, red),
		}
		if len(d.Related) > 0 || len(d.Fixes) > 0 {
			l.more = &locatedMore{}
		}
		for _, rel := range d.Related {
			at, path := lines, ""
			if rel.File != nil {
				at, path = rel.File.Lines, rel.File.Path
			}
			l.more.related = append(l.more.related, report.Related{
				Path: path, Start: at.Position(rel.Start), End: at.Position(rel.End), Message: intern(rel.Message),
			})
		}
		for _, fx := range d.Fixes {
			rf := report.Fix{Message: fx.Message, Applicability: fx.Applicability}
			for _, e := range fx.Edits {
				rf.Edits = append(rf.Edits, report.Edit{Start: lines.Position(e.Start), End: lines.Position(e.End), NewText: e.NewText})
			}
			l.more.fixes = append(l.more.fixes, rf)
		}
		out = append(out, l)
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
	return foldSpaces(red.Redact(string(src[start:end])))
}

// foldSpaces is strings.Join(strings.Fields(s), " ") in one allocation at
// most, none when s is folded already: the text of every finding's location
// is folded. Text with non-ASCII bytes (Unicode spaces) goes the long way.
func foldSpaces(s string) string {
	folded := true // no space but single ' ' between words
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return strings.Join(strings.Fields(s), " ")
		case asciiSpace(c) && (c != ' ' || i == 0 || i == len(s)-1 || s[i+1] == ' '):
			folded = false
		}
	}
	if folded {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		for i < len(s) && asciiSpace(s[i]) {
			i++
		}
		j := i
		for j < len(s) && !asciiSpace(s[j]) {
			j++
		}
		if i == j {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:j])
		i = j
	}
	return b.String()
}

// asciiSpace reports whether c is white space to strings.Fields.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// Fingerprint identifies a finding independently of its line: rule, path,
// normalised text of the primary location and how many identical ones come
// before it in the file. It is a hash, so it never carries a secret.
func Fingerprint(ruleID, path, text string, occurrence int) string {
	sum := fingerprintSum(ruleID, path, text, occurrence)
	return hex.EncodeToString(sum[:])
}

// fingerprintSize is the number of bytes of a fingerprint's hash (twice as
// many hex digits).
const fingerprintSize = 16

// fingerprintSum is the hash whose hex text is Fingerprint.
func fingerprintSum(ruleID, path, text string, occurrence int) (sum [fingerprintSize]byte) {
	var buf [256]byte // most inputs fit: no allocation for them
	b := append(append(buf[:0], ruleID...), 0)
	b = append(append(b, path...), 0)
	b = append(append(b, text...), 0)
	h := sha256.Sum256(strconv.AppendInt(b, int64(occurrence), 10))
	copy(sum[:], h[:fingerprintSize])
	return sum
}
