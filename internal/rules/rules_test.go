package rules_test

import (
	"testing"

	"github.com/daglint/daglint/internal/connections"
	"github.com/daglint/daglint/internal/rules"
	"github.com/daglint/daglint/internal/rules/ruletest"
)

func TestFixtures(t *testing.T) {
	ruletest.Run(t, "../../testdata/dags/*.py", rules.All, connections.Load)
}
