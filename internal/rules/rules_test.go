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

// TestConnectionsFixtures runs the rules of connections files on the
// Astro settings, export and .env fixtures.
func TestConnectionsFixtures(t *testing.T) {
	ruletest.RunConnections(t, "../../testdata/connfiles/*", rules.All)
}
