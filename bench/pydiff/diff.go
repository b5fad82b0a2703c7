//go:build devtools

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
)

// Problem kinds.
const (
	kindDaglintAccepts = "daglint-accepts" // CPython rejects, daglint accepts
	kindDaglintRejects = "daglint-rejects" // CPython accepts, daglint rejects
	kindDaglintPanic   = "daglint-panic"
	kindErrorLine      = "error-line" // both reject, on different lines
	kindPositions      = "positions"  // both accept, some position differs
	kindNewer          = "newer-syntax"
	kindLimit          = "cpython-limit" // RecursionError / MemoryError in CPython
	kindSkipped        = "skipped"
	kindNewerExpect    = "newer-syntax-vs-test" // a newer-syntax snippet where daglint contradicts its test
)

type problem struct {
	Kind   string `json:"kind"`
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

type summary struct {
	Mode   string   `json:"mode"`
	Roots  []string `json:"roots"`
	Python string   `json:"python"`

	Files   int `json:"files"`
	Skipped int `json:"skipped"`

	AcceptedBoth   int `json:"accepted_both"`
	RejectedBoth   int `json:"rejected_both"`
	DaglintAccepts int `json:"daglint_accepts_cpython_rejects"`
	DaglintRejects int `json:"daglint_rejects_cpython_accepts"`
	DaglintPanics  int `json:"daglint_panics"`
	CPythonLimit   int `json:"cpython_limit"`

	NewerSyntax         int            `json:"newer_syntax"`
	NewerByFeature      map[string]int `json:"newer_syntax_by_feature"`
	NewerDaglintRejects int            `json:"newer_syntax_daglint_rejects"`
	// Snippets only: newer-syntax snippets whose test says whether they are
	// valid, and how many of those daglint judges as the test does.
	NewerJudged    int `json:"newer_syntax_judged_by_test"`
	NewerAgreeTest int `json:"newer_syntax_daglint_agrees_with_test"`

	Compared  int     `json:"compared"` // files counted for agreement
	Agreement float64 `json:"agreement_rate"`

	ErrorLineCompared int     `json:"error_line_compared"`
	SameErrorLine     int     `json:"same_error_line"`
	SameErrorLineRate float64 `json:"same_error_line_rate"`
	// Over every counted file CPython rejects with a line, daglint accepting
	// it included (its first error line is then surely not CPython's).
	InvalidWithLine        int     `json:"invalid_with_line"`
	SameErrorLineOfInvalid float64 `json:"same_error_line_rate_of_invalid"`

	ValidCompared     int `json:"valid_compared"`
	PositionIdentical int `json:"position_identical"`
	NodesCompared     int `json:"nodes_compared"`

	Problems []problem `json:"problems"`
	Newer    []problem `json:"newer"`
}

func newSummary(mode, python string) *summary {
	return &summary{Mode: mode, Python: python, NewerByFeature: map[string]int{}, Problems: []problem{}, Newer: []problem{}}
}

// cpythonVerdict is CPython's side of one source.
type cpythonVerdict struct {
	OK    bool
	Error *pyError
	Newer string
}

// verdict is CPython's side as the script reports it; a rejection
// without an error is of kind "unknown".
func verdict(ok bool, e *pyError, newer string) cpythonVerdict {
	if !ok && e == nil {
		e = &pyError{Kind: "unknown"}
	}
	return cpythonVerdict{OK: ok, Error: e, Newer: newer}
}

// add counts one source. name identifies it in the problem list.
func (s *summary) add(name string, py cpythonVerdict, d daglintSide, pyNodes []node) {
	s.Files++
	switch {
	case d.Panic != "":
		s.DaglintPanics++
		s.problem(kindDaglintPanic, name, d.Panic)
	case !py.OK && py.Newer != "":
		s.NewerSyntax++
		s.NewerByFeature[py.Newer]++
		reason := py.Newer + ": " + describePy(py.Error)
		if d.Rejected {
			s.NewerDaglintRejects++
			reason += "; daglint rejects it: " + describeDaglint(d)
		}
		s.Newer = append(s.Newer, problem{kindNewer, name, reason})
	case !py.OK && (py.Error.Kind == "recursion" || py.Error.Kind == "memory"):
		s.CPythonLimit++
		s.problem(kindLimit, name, describePy(py.Error)+"; daglint "+map[bool]string{true: "rejects", false: "accepts"}[d.Rejected])
	case py.OK && !d.Rejected:
		s.Compared++
		s.AcceptedBoth++
		if pyNodes != nil {
			s.ValidCompared++
			s.NodesCompared += len(pyNodes)
			if m := firstMismatch(pyNodes, d.Nodes); m == "" {
				s.PositionIdentical++
			} else {
				s.problem(kindPositions, name, m)
			}
		}
	case !py.OK && d.Rejected:
		s.Compared++
		s.RejectedBoth++
		if py.Error.Line > 0 {
			s.InvalidWithLine++
			s.ErrorLineCompared++
			if py.Error.Line == d.ErrLine {
				s.SameErrorLine++
			} else {
				s.problem(kindErrorLine, name, fmt.Sprintf("CPython line %d (%s), daglint line %d (%s)",
					py.Error.Line, py.Error.Msg, d.ErrLine, d.ErrMsg))
			}
		}
	case !py.OK:
		s.Compared++
		s.DaglintAccepts++
		if py.Error.Line > 0 {
			s.InvalidWithLine++
		}
		s.problem(kindDaglintAccepts, name, "CPython: "+describePy(py.Error))
	default:
		s.Compared++
		s.DaglintRejects++
		s.problem(kindDaglintRejects, name, "daglint: "+describeDaglint(d))
	}
}

func (s *summary) problem(kind, name, reason string) {
	s.Problems = append(s.Problems, problem{kind, name, reason})
}

func (s *summary) finish() {
	if s.Compared > 0 {
		s.Agreement = float64(s.AcceptedBoth+s.RejectedBoth) / float64(s.Compared)
	}
	if s.ErrorLineCompared > 0 {
		s.SameErrorLineRate = float64(s.SameErrorLine) / float64(s.ErrorLineCompared)
	}
	if s.InvalidWithLine > 0 {
		s.SameErrorLineOfInvalid = float64(s.SameErrorLine) / float64(s.InvalidWithLine)
	}
}

func describePy(e *pyError) string {
	if e == nil {
		return "accepts"
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s error %q at line %d", e.Kind, e.Msg, e.Line)
	}
	return fmt.Sprintf("%s error %q", e.Kind, e.Msg)
}

func describeDaglint(d daglintSide) string {
	return fmt.Sprintf("%q at line %d (%d errors)", d.ErrMsg, d.ErrLine, d.NumErrors)
}

// diffFiles compares every file: CPython's answers stream in order from one
// interpreter while daglint parses ahead on jobs goroutines (a bounded
// window, so memory stays flat on any tree).
func diffFiles(py *python, paths []string, jobs int) (*summary, error) {
	s := newSummary("files", py.version())
	jobs = max(jobs, 1)
	type result struct {
		d       daglintSide
		readErr error
	}
	futures := make([]chan result, len(paths))
	for i := range futures {
		futures[i] = make(chan result, 1)
	}
	window := make(chan struct{}, 8*jobs)
	work := make(chan int)
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			for i := range work {
				src, err := os.ReadFile(paths[i])
				if err != nil {
					futures[i] <- result{readErr: err}
					continue
				}
				futures[i] <- result{d: parse(paths[i], src, true)}
			}
		})
	}
	stop := make(chan struct{})
	go func() {
		defer close(work)
		for i := range paths {
			select {
			case window <- struct{}{}:
			case <-stop:
				return
			}
			work <- i
		}
	}()
	err := py.dumpFiles(paths, func(i int, rec *fileRecord) {
		r := <-futures[i]
		<-window
		switch {
		case rec.crashed != "":
			s.Skipped++
			s.problem(kindSkipped, paths[i], "CPython side: "+rec.crashed)
		case rec.ReadError != "" || r.readErr != nil:
			s.Skipped++
			s.problem(kindSkipped, paths[i], "unreadable")
		default:
			v := verdict(rec.OK, rec.Error, rec.Newer)
			var nodes []node
			if rec.OK && rec.DumpError == "" {
				nodes = pyNodes(rec.Nodes)
			} else if rec.OK {
				r.d.Nodes = nil
				s.problem(kindSkipped, paths[i], "positions not compared: "+rec.DumpError)
			}
			s.add(paths[i], v, r.d, nodes)
		}
	})
	close(stop)
	wg.Wait()
	return s, err
}

// snippetRecord is one line of the script's --snippets mode.
type snippetRecord struct {
	File      string   `json:"file"`
	ReadError string   `json:"read_error"`
	Line      int      `json:"line"`
	Origin    string   `json:"origin"`
	Source    string   `json:"source"`
	OK        bool     `json:"ok"`
	Error     *pyError `json:"error"`
	Newer     string   `json:"newer"`
	Expect    string   `json:"expect"` // "error", "ok" or "" (what the owning test expects)
}

// diffSnippets compares the doctest examples and the source strings given to
// the syntax-checking helpers of CPython's test files (test_syntax.py,
// test_grammar.py, test_fstring.py, test_patma.py): accept/reject and the
// first error's line; positions are not compared.
func diffSnippets(py *python, files []string) (*summary, error) {
	s := newSummary("snippets", py.version())
	_, err := py.stream([]string{"--snippets"}, files, func(b []byte) error {
		var r snippetRecord
		if err := json.Unmarshal(b, &r); err != nil {
			return fmt.Errorf("reading the script's output: %w", err)
		}
		if r.ReadError != "" {
			s.Skipped++
			s.problem(kindSkipped, r.File, r.ReadError)
			return nil
		}
		v := verdict(r.OK, r.Error, r.Newer)
		d := parse("<snippet>", []byte(r.Source), false)
		name := fmt.Sprintf("%s:%d (%s) %s", r.File, r.Line, r.Origin, snippetText(r.Source))
		s.add(name, v, d, nil)
		if !r.OK && r.Newer != "" && r.Expect != "" && d.Panic == "" {
			s.NewerJudged++
			if d.Rejected == (r.Expect == "error") {
				s.NewerAgreeTest++
			} else {
				s.problem(kindNewerExpect, name, fmt.Sprintf("the test expects %s; daglint %s", r.Expect,
					map[bool]string{true: "rejects: " + describeDaglint(d), false: "accepts"}[d.Rejected]))
			}
		}
		return nil
	})
	return s, err
}

// snippetText quotes the start of a snippet for the problem list.
func snippetText(src string) string {
	src = strings.TrimSpace(src)
	if len(src) > 70 {
		src = src[:70] + "..."
	}
	return fmt.Sprintf("%q", src)
}

func (s *summary) writeText(w io.Writer) {
	pct := func(a, b int) string {
		if b == 0 {
			return "n/a"
		}
		return fmt.Sprintf("%.1f%%", 100*float64(a)/float64(b))
	}
	fmt.Fprintf(w, "pydiff (%s): %s\n", s.Mode, strings.Join(s.Roots, " "))
	fmt.Fprintf(w, "CPython %s against daglint's parser\n\n", s.Python)
	fmt.Fprintf(w, "%-44s %d\n", "sources", s.Files)
	fmt.Fprintf(w, "%-44s %d\n", "skipped (unreadable, too large, crashed)", s.Skipped)
	fmt.Fprintf(w, "%-44s %d\n", "accepted by both", s.AcceptedBoth)
	fmt.Fprintf(w, "%-44s %d\n", "rejected by both", s.RejectedBoth)
	fmt.Fprintf(w, "%-44s %d\n", "CPython rejects, daglint accepts", s.DaglintAccepts)
	fmt.Fprintf(w, "%-44s %d\n", "CPython accepts, daglint rejects", s.DaglintRejects)
	fmt.Fprintf(w, "%-44s %d\n", "daglint panics", s.DaglintPanics)
	fmt.Fprintf(w, "%-44s %s (%d/%d)\n", "accept/reject agreement", pct(s.AcceptedBoth+s.RejectedBoth, s.Compared),
		s.AcceptedBoth+s.RejectedBoth, s.Compared)
	fmt.Fprintf(w, "%-44s %s (%d/%d)\n", "same first-error line (rejected by both)", pct(s.SameErrorLine, s.ErrorLineCompared),
		s.SameErrorLine, s.ErrorLineCompared)
	fmt.Fprintf(w, "%-44s %s (%d/%d)\n", "same first-error line (all CPython-invalid)", pct(s.SameErrorLine, s.InvalidWithLine),
		s.SameErrorLine, s.InvalidWithLine)
	if s.Mode == "files" {
		fmt.Fprintf(w, "%-44s %s (%d/%d, %d nodes)\n", "position-identical valid files", pct(s.PositionIdentical, s.ValidCompared),
			s.PositionIdentical, s.ValidCompared, s.NodesCompared)
	}
	var feats []string
	for _, k := range slices.Sorted(maps.Keys(s.NewerByFeature)) {
		feats = append(feats, fmt.Sprintf("%s %d", k, s.NewerByFeature[k]))
	}
	fmt.Fprintf(w, "%-44s %d (%s; daglint rejects %d)\n", "newer syntax than CPython (not counted)", s.NewerSyntax,
		strings.Join(feats, ", "), s.NewerDaglintRejects)
	if s.Mode == "snippets" {
		fmt.Fprintf(w, "%-44s %s (%d/%d)\n", "newer syntax: daglint agrees with the test", pct(s.NewerAgreeTest, s.NewerJudged),
			s.NewerAgreeTest, s.NewerJudged)
	}
	fmt.Fprintf(w, "%-44s %d\n", "CPython recursion/memory limit (not counted)", s.CPythonLimit)
	for _, kind := range []string{kindDaglintAccepts, kindDaglintRejects, kindDaglintPanic, kindErrorLine, kindPositions, kindNewerExpect, kindLimit, kindSkipped} {
		var ps []problem
		for _, p := range s.Problems {
			if p.Kind == kind {
				ps = append(ps, p)
			}
		}
		if len(ps) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s (%d):\n", kind, len(ps))
		for _, p := range ps {
			fmt.Fprintf(w, "  %s: %s\n", p.Path, p.Reason)
		}
	}
	if len(s.Newer) > 0 {
		fmt.Fprintf(w, "\n%s (%d):\n", kindNewer, len(s.Newer))
		for _, p := range s.Newer {
			fmt.Fprintf(w, "  %s: %s\n", p.Path, p.Reason)
		}
	}
}
