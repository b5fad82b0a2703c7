package ruletest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/connections"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/pyparse"
	"github.com/daglint/daglint/internal/source"
)

// Connections files (Astro settings, exports, .env) are fixtures of the
// rules of connections files. In YAML and .env fixtures, `# want` comments
// sit on the line of the value, as in Python; JSON has no comments, so a
// fixture x.json has its expectations in x.json.want, one line each:
//
//	3 DAG304:"conn_password"
//	ruletest: gitignored
//
// Directives: `# ruletest: gitignored` (a .gitignore rule covers the file),
// `# ruletest: tracked` (a rule covers it but git tracks it) and
// `# ruletest: outside-git` (the file is in no git work tree); by default
// the file is in a work tree and not ignored.

// ConnectionsFixture is a connections fixture read for checking: a syntax
// view holding its `# want` and `# ruletest:` comments (its own, or those
// of its .want file) over its line table, and the git state they set.
type ConnectionsFixture struct {
	File *pyparse.File
	Git  lint.GitState
}

// ReadConnectionsFixture reads the expectations and directives of a
// connections fixture with content src.
func ReadConnectionsFixture(path string, src []byte) (*ConnectionsFixture, error) {
	f := &pyparse.File{Path: path, Src: src, Lines: source.NewLines(src)}
	if strings.HasSuffix(path, ".json") {
		side, err := os.ReadFile(path + ".want")
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		sc := bufio.NewScanner(bytes.NewReader(side))
		for n := 1; sc.Scan(); n++ {
			text := strings.TrimSpace(sc.Text())
			if text == "" {
				continue
			}
			if strings.HasPrefix(text, "ruletest:") {
				f.Comments = append(f.Comments, pyparse.Comment{Text: "# " + text})
				continue
			}
			num, rest, _ := strings.Cut(text, " ")
			line, err := strconv.Atoi(num)
			if err != nil || line < 1 || line > f.Lines.Count() {
				return nil, fmt.Errorf("%s.want:%d: want LINE followed by expectations", path, n)
			}
			at := f.Lines.LineStart(line)
			f.Comments = append(f.Comments, pyparse.Comment{Range: pyparse.Range{Start: at, End: at}, Text: "# want " + rest})
		}
	} else {
		parsed, err := connections.Parse(path, src)
		if err != nil {
			return nil, err
		}
		for _, c := range parsed.Comments {
			f.Comments = append(f.Comments, pyparse.Comment{Range: pyparse.Range{Start: c.Start, End: c.End}, Text: c.Text})
		}
	}
	fx := &ConnectionsFixture{File: f, Git: lint.GitState{InWorkTree: true}}
	for _, c := range f.Comments {
		rest, ok := strings.CutPrefix(strings.TrimSpace(strings.TrimPrefix(c.Text, "#")), "ruletest:")
		if !ok {
			continue
		}
		for _, d := range strings.Fields(rest) {
			switch d {
			case "gitignored":
				fx.Git.Ignored = true
			case "outside-git":
				fx.Git.InWorkTree = false
			case "tracked":
				fx.Git.Tracked = true
			default:
				return nil, fmt.Errorf("%s: unknown ruletest directive %q for a connections file", path, d)
			}
		}
	}
	return fx, nil
}

// CheckConnections lints one connections fixture and returns its problems.
func CheckConnections(path string, src []byte, all []*analysis.Rule) ([]string, error) {
	fx, err := ReadConnectionsFixture(path, src)
	if err != nil {
		return nil, err
	}
	wants, err := ParseWants(fx.File)
	if err != nil {
		return nil, err
	}
	known := knownIDs(all)
	settings := &analysis.Settings{AirflowVersion: "2"}
	res := lint.ConnectionsSource(path, src, fx.Git, lint.Options{Rules: RulesFor(path, all), Settings: settings, KnownRules: known})
	if res.Err != nil {
		return nil, res.Err
	}
	return Compare(fx.File, res.Diagnostics, wants), nil
}

// RunConnections checks every connections fixture matching pattern
// (.want files excepted) and fails t on any problem.
func RunConnections(t *testing.T, pattern string, all []*analysis.Rule) {
	t.Helper()
	eachFixture(t, pattern, func(path string) ([]string, error) {
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return CheckConnections(path, src, all)
	})
}
