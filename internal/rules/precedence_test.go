package rules_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/connections"
	"github.com/daglint/daglint/internal/rules"
	"github.com/daglint/daglint/internal/rules/ruletest"
)

// precedenceFixtures run every rule (RULES.md "Precedence").
var precedenceFixtures = []string{"../../testdata/dags/precedence.py", "../../testdata/dags/precedence_connections.py"}

// TestPrecedenceTable: each pair of RULES.md "Precedence" is declared in
// precedence.go, and taking an entry out of the table brings the loser back
// on the precedence fixtures, at a location of the winner. The image rules
// are the exception: they also need a valid reference to judge anything, so
// without DAG103's entry they stay silent on its images all the same.
func TestPrecedenceTable(t *testing.T) {
	byID := map[string]*analysis.Rule{}
	for _, r := range rules.All {
		byID[r.ID] = r
	}
	pairs := []struct {
		winner   string
		losers   []string
		reappear bool
	}{
		{"DAG103", []string{"DAG101", "DAG102", "DAG104", "DAG105", "DAG203"}, false},
		{"DAG201", []string{"DAG204"}, true},
		{"DAG301", []string{"DAG302"}, true},
		{"DAG101", []string{"DAG205"}, true},
	}
	declared := 0
	for _, r := range rules.All {
		declared += len(r.YieldsTo)
	}
	want := 0
	for _, p := range pairs {
		for _, id := range p.losers {
			want++
			loser := byID[id]
			if !slices.Contains(loser.YieldsTo, byID[p.winner]) {
				t.Errorf("%s does not yield to %s", id, p.winner)
				continue
			}
			if !p.reappear {
				continue
			}
			cut := *loser
			cut.YieldsTo = slices.DeleteFunc(slices.Clone(loser.YieldsTo), func(w *analysis.Rule) bool { return w.ID == p.winner })
			all := slices.Clone(rules.All)
			all[slices.Index(all, loser)] = &cut
			var back []string
			for _, path := range precedenceFixtures {
				back = append(back, unexpected(t, path, all, id)...)
			}
			if len(back) == 0 {
				t.Errorf("without %s over %s in the table, %s still stays silent on the precedence fixtures", p.winner, id, id)
			}
		}
	}
	if declared != want {
		t.Errorf("%d YieldsTo entries declared, RULES.md lists %d", declared, want)
	}
}

// unexpected returns the findings of rule id that the fixture does not want.
func unexpected(t *testing.T, path string, all []*analysis.Rule, id string) []string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	problems, err := ruletest.Check(path, src, all, connections.Load)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range problems {
		if strings.Contains(p, "unexpected finding "+id+":") {
			out = append(out, p)
		}
	}
	return out
}
