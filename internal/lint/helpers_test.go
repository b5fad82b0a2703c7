package lint_test

import (
	"math/rand/v2"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/config"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/lint/lintbench"
	"github.com/daglint/daglint/internal/rules"
)

// allRulesOptions enables the rules the command enables with the default
// configuration (all but DAG104 and DAG205, which need configuration), with
// default settings.
func allRulesOptions() lint.Options {
	known := map[string]bool{}
	var enabled []*analysis.Rule
	for _, r := range rules.All {
		known[r.ID] = true
		if r.ID != "DAG104" && r.ID != "DAG205" {
			enabled = append(enabled, r)
		}
	}
	return lint.Options{Rules: enabled, Settings: config.Default(".", rules.All).Settings(nil), KnownRules: known}
}

// sampleSource returns one generated DAG file or plain module.
func sampleSource(dag bool) []byte {
	r := rand.New(rand.NewPCG(7, 7))
	if dag {
		return lintbench.DAGFile(r, 1)
	}
	return lintbench.PlainModule(r, 1)
}
