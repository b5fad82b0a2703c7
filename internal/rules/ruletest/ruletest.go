// Package ruletest runs rules on Python fixture files and compares their
// findings with `# want` comments, as golang.org/x/tools' analysistest does.
//
// A fixture line expecting findings carries a comment such as
//
//	image="python:latest",  # want "DAG102"
//	auth_config={...},      # want DAG202:"docker_conn_id" "DAG302"
//
// `"DAG102"` expects a finding of that rule whose primary location starts on
// the line; `DAG202:"re"` also requires the message to match the regular
// expression. Every finding must be expected and every expectation met.
//
// A fixture named after a rule (DAG101.py, DAG101_aliases.py) runs that rule
// alone; any other fixture (seed_example1.py, DAG002*.py) runs every rule.
// Settings come from directive comments:
//
//	# ruletest: airflow-version=3 allowed-registries=ghcr.io,quay.io public-registries=docker.io connections=conns/airflow_settings.yaml
//
// A key is airflow-version, connections, or the name of any option of the
// rules (analysis.Option, decoded as the configuration decodes it; a list
// option reads `a,b`). `connections=a.yaml|b.json` runs the fixture once
// per connections source.
package ruletest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/pyparse"
)

// Expectation is one expected finding.
type Expectation struct {
	Line    int
	RuleID  string
	Message *regexp.Regexp // nil: any message
	met     bool
}

var (
	wantRE   = regexp.MustCompile(`#\s*want\s+(.*)$`)
	ruleIDRE = regexp.MustCompile(`^DAG[0-9]{3}$`)
)

// ParseWants extracts the expectations of a file's `# want` comments.
func ParseWants(f *pyparse.File) ([]*Expectation, error) {
	var out []*Expectation
	for _, c := range f.Comments {
		m := wantRE.FindStringSubmatch(c.Text)
		if m == nil {
			continue
		}
		line := f.Lines.Line(c.Start)
		rest := strings.TrimSpace(m[1])
		for rest != "" {
			var e Expectation
			e.Line = line
			var err error
			switch {
			case rest[0] == '"' || rest[0] == '`':
				var id string
				id, rest, err = unquotePrefix(rest)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: bad want comment: %w", f.Path, line, err)
				}
				e.RuleID = id
			default:
				colon := strings.Index(rest, ":")
				if colon < 0 {
					return nil, fmt.Errorf("%s:%d: bad want comment %q: want \"DAGnnn\" or DAGnnn:\"regexp\"", f.Path, line, rest)
				}
				e.RuleID = rest[:colon]
				var pat string
				pat, rest, err = unquotePrefix(rest[colon+1:])
				if err != nil {
					return nil, fmt.Errorf("%s:%d: bad want comment: %w", f.Path, line, err)
				}
				if e.Message, err = regexp.Compile(pat); err != nil {
					return nil, fmt.Errorf("%s:%d: bad want regexp: %w", f.Path, line, err)
				}
			}
			if !ruleIDRE.MatchString(e.RuleID) {
				return nil, fmt.Errorf("%s:%d: bad want comment: %q is not a rule ID", f.Path, line, e.RuleID)
			}
			out = append(out, &e)
			rest = strings.TrimSpace(rest)
		}
	}
	return out, nil
}

// unquotePrefix reads one Go-quoted string at the start of s.
func unquotePrefix(s string) (string, string, error) {
	q, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", s, fmt.Errorf("expected a quoted string at %q", s)
	}
	v, err := strconv.Unquote(q)
	return v, s[len(q):], err
}

// Compare matches findings against expectations and returns one line per
// problem: an unexpected finding or an unmet expectation.
func Compare(f *pyparse.File, diags []analysis.Diagnostic, wants []*Expectation) []string {
	var problems []string
	for _, d := range diags {
		line := f.Lines.Line(d.Start)
		found := false
		for _, w := range wants {
			if w.met || w.Line != line || w.RuleID != d.RuleID {
				continue
			}
			if w.Message != nil && !w.Message.MatchString(d.Message) {
				continue
			}
			w.met = true
			found = true
			break
		}
		if !found {
			problems = append(problems, fmt.Sprintf("%s:%d: unexpected finding %s: %s", f.Path, line, d.RuleID, d.Message))
		}
	}
	for _, w := range wants {
		if !w.met {
			msg := ""
			if w.Message != nil {
				msg = fmt.Sprintf(" matching %q", w.Message.String())
			}
			problems = append(problems, fmt.Sprintf("%s:%d: no %s finding%s", f.Path, w.Line, w.RuleID, msg))
		}
	}
	sort.Strings(problems)
	return problems
}

// RulesFor returns the rules a fixture runs: the rule it is named after, or
// all of them.
func RulesFor(path string, all []*analysis.Rule) []*analysis.Rule {
	base := filepath.Base(path)
	if len(base) >= 6 && ruleIDRE.MatchString(base[:6]) {
		for _, r := range all {
			if r.ID == base[:6] && !r.UnusedSuppressions {
				return []*analysis.Rule{r}
			}
		}
	}
	return all
}

// Variant is one set of settings a fixture runs under.
type Variant struct {
	Label    string // the connections sources, "" when the fixture has one variant
	Settings *analysis.Settings
}

// Settings reads `# ruletest:` directives into rule settings, one Variant per
// alternative connections source: `connections=a.yaml|b.json` runs the
// fixture once with each, and every expectation must hold in all of them.
// Option keys are those of the rules in all. load reads connections files
// (paths relative to the fixture's folder).
func Settings(f *pyparse.File, all []*analysis.Rule, load func(paths []string) (map[string]*analysis.Connection, error)) ([]Variant, error) {
	s := analysis.Settings{AirflowVersion: "2", Options: map[string]any{}}
	options := map[string]*analysis.Option{}
	for _, o := range analysis.Options(all) {
		options[o.Name] = o
	}
	var sources []string
	for _, c := range f.Comments {
		rest, ok := strings.CutPrefix(strings.TrimSpace(strings.TrimPrefix(c.Text, "#")), "ruletest:")
		if !ok {
			continue
		}
		for _, kv := range strings.Fields(rest) {
			k, v, _ := strings.Cut(kv, "=")
			switch o := options[k]; {
			case o != nil:
				val, err := o.ParseDirective(v)
				if err != nil {
					return nil, fmt.Errorf("%s: ruletest directive %s: %w", f.Path, k, err)
				}
				s.Options[k] = val
			case k == "airflow-version":
				s.AirflowVersion = v
			case k == "connections":
				if load == nil {
					return nil, fmt.Errorf("%s: connections directive needs a loader", f.Path)
				}
				sources = strings.Split(v, "|")
			default:
				return nil, fmt.Errorf("%s: unknown ruletest directive %q", f.Path, k)
			}
		}
	}
	if len(sources) == 0 {
		return []Variant{{Settings: &s}}, nil
	}
	out := make([]Variant, 0, len(sources))
	for _, src := range sources {
		var paths []string
		for _, p := range strings.Split(src, ",") {
			paths = append(paths, filepath.Join(filepath.Dir(f.Path), p))
		}
		conns, err := load(paths)
		if err != nil {
			return nil, err
		}
		v := s
		v.Connections = conns
		label := ""
		if len(sources) > 1 {
			label = "connections=" + src
		}
		out = append(out, Variant{Label: label, Settings: &v})
	}
	return out, nil
}

// Check lints one fixture and returns its problems.
func Check(path string, src []byte, all []*analysis.Rule, load func([]string) (map[string]*analysis.Connection, error)) ([]string, error) {
	f := pyparse.Parse(path, src)
	variants, err := Settings(f, all, load)
	if err != nil {
		return nil, err
	}
	known := knownIDs(all)
	var problems []string
	for _, v := range variants {
		wants, err := ParseWants(f) // fresh: Compare marks expectations met
		if err != nil {
			return nil, err
		}
		res := lint.Source(path, src, lint.Options{Rules: RulesFor(path, all), Settings: v.Settings, KnownRules: known})
		if res.Err != nil {
			return nil, res.Err
		}
		for _, p := range Compare(f, res.Diagnostics, wants) {
			if v.Label != "" {
				p += " [" + v.Label + "]"
			}
			problems = append(problems, p)
		}
	}
	return problems, nil
}

// Run checks every fixture matching pattern (a filepath.Glob) and fails t on
// any problem.
func Run(t *testing.T, pattern string, all []*analysis.Rule, load func([]string) (map[string]*analysis.Connection, error)) {
	t.Helper()
	eachFixture(t, pattern, func(path string) ([]string, error) {
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return Check(path, src, all, load)
	})
}

// knownIDs is the set of the rules' IDs (lint.Options.KnownRules).
func knownIDs(all []*analysis.Rule) map[string]bool {
	known := make(map[string]bool, len(all))
	for _, r := range all {
		known[r.ID] = true
	}
	return known
}

// eachFixture runs check on every path matching pattern (a filepath.Glob)
// as a subtest, failing it on each problem check returns. A .want file is
// the expectations of the fixture it is named after, not a fixture.
func eachFixture(t *testing.T, pattern string, check func(string) ([]string, error)) {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	files = slices.DeleteFunc(files, func(p string) bool { return strings.HasSuffix(p, ".want") })
	if len(files) == 0 {
		t.Fatalf("no fixture matches %s", pattern)
	}
	for _, path := range files {
		path := path
		t.Run(filepath.Base(path), func(t *testing.T) {
			problems, err := check(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range problems {
				t.Error(p)
			}
		})
	}
}
