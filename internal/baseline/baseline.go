// Package baseline records the findings a project accepts for now and hides
// them from later runs, so that only new findings are reported. A baseline
// holds rule IDs, paths and fingerprints only: never a message, a line of
// source or a secret.
package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/daglint/daglint/internal/lazyre"
	"github.com/daglint/daglint/internal/report"
)

// Version is the format version this package writes and reads.
const Version = 1

// File is a baseline as stored on disk.
type File struct {
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

// Entry is one accepted finding, matched by rule, path and fingerprint. The
// fingerprint does not depend on the line, so edits elsewhere in the file
// keep the entry matching.
type Entry struct {
	Rule        string `json:"rule"`
	Path        string `json:"path"`
	Fingerprint string `json:"fingerprint"`
	// Count is how many findings share the key; omitted when 1.
	Count int `json:"count,omitempty"`
}

type key struct{ rule, path, fingerprint string }

func (e Entry) key() key { return key{e.Rule, e.Path, e.Fingerprint} }

// count returns how many findings the entry stands for.
func (e Entry) count() int {
	if e.Count <= 0 {
		return 1
	}
	return e.Count
}

// New builds a baseline from findings, sorted by path, rule and fingerprint.
func New(findings []report.Finding) *File {
	counts := map[key]int{}
	for _, f := range findings {
		counts[key{f.RuleID, f.Path, f.Fingerprint}]++
	}
	b := &File{Version: Version, Findings: make([]Entry, 0, len(counts))}
	for k, n := range counts {
		e := Entry{Rule: k.rule, Path: k.path, Fingerprint: k.fingerprint}
		if n > 1 {
			e.Count = n
		}
		b.Findings = append(b.Findings, e)
	}
	sort.Slice(b.Findings, func(i, j int) bool {
		x, y := b.Findings[i], b.Findings[j]
		if x.Path != y.Path {
			return x.Path < y.Path
		}
		if x.Rule != y.Rule {
			return x.Rule < y.Rule
		}
		return x.Fingerprint < y.Fingerprint
	})
	return b
}

// Marshal encodes the baseline as indented JSON ending in a newline; the same
// findings always give the same bytes.
func (b *File) Marshal() ([]byte, error) {
	out := *b
	if out.Findings == nil {
		out.Findings = []Entry{}
	}
	data, err := json.MarshalIndent(&out, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding baseline: %w", err)
	}
	return append(data, '\n'), nil
}

var (
	ruleRE        = lazyre.New(`^DAG[0-9]{3}$`)
	fingerprintRE = lazyre.New(`^[0-9a-f]{8,128}$`)
)

// Parse decodes and validates a baseline.
func Parse(data []byte) (*File, error) {
	var b File
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("not a baseline file: %w", err)
	}
	if dec.More() {
		return nil, errors.New("not a baseline file: data after the JSON object")
	}
	if b.Version != Version {
		return nil, fmt.Errorf("unsupported baseline version %d (this daglint reads version %d)", b.Version, Version)
	}
	var errs []error
	bad := 0
	for i, e := range b.Findings {
		if validEntry(e) {
			continue
		}
		if len(errs) == maxErrors {
			bad++
			continue
		}
		switch {
		case !ruleRE.MatchString(e.Rule):
			errs = append(errs, fmt.Errorf("findings[%d]: rule is not a rule ID", i)) // never quoted: the file may hold anything
		case e.Path == "":
			errs = append(errs, fmt.Errorf("findings[%d]: empty path", i))
		case !fingerprintRE.MatchString(e.Fingerprint):
			errs = append(errs, fmt.Errorf("findings[%d]: fingerprint is not a hex hash", i))
		case e.Count < 0:
			errs = append(errs, fmt.Errorf("findings[%d]: negative count", i))
		}
	}
	if bad > 0 {
		errs = append(errs, fmt.Errorf("... and %d more invalid %s", bad, plural(bad, "entry", "entries")))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("invalid baseline: %w", errors.Join(errs...))
	}
	return &b, nil
}

// maxErrors is how many invalid entries Parse describes; it counts the rest.
const maxErrors = 20

// validEntry reports whether Parse accepts e.
func validEntry(e Entry) bool {
	return ruleRE.MatchString(e.Rule) && e.Path != "" && fingerprintRE.MatchString(e.Fingerprint) && e.Count >= 0
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Filter returns the findings the baseline does not cover, in their order,
// and how many it hid. Each entry hides at most Count findings, so a second
// identical finding is reported even though the first is accepted.
func (b *File) Filter(findings []report.Finding) (kept []report.Finding, hidden int) {
	covered := b.Covered(findings)
	kept = make([]report.Finding, 0, len(findings))
	for i, f := range findings {
		if covered[i] {
			hidden++
			continue
		}
		kept = append(kept, f)
	}
	return kept, hidden
}

// Covered reports, for each finding in order, whether the baseline accepts
// it, with the same budget per entry as Filter.
func (b *File) Covered(findings []report.Finding) []bool {
	budget := map[key]int{}
	for _, e := range b.Findings {
		budget[e.key()] += e.count()
	}
	covered := make([]bool, len(findings))
	for i, f := range findings {
		k := key{f.RuleID, f.Path, f.Fingerprint}
		if budget[k] > 0 {
			budget[k]--
			covered[i] = true
		}
	}
	return covered
}
