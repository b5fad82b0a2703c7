package rules

import (
	"testing"

	"github.com/daglint/daglint/internal/rules/ruletest"
)

// TestProjects runs the fixture projects: DAG files that import their
// values from other modules of the project.
func TestProjects(t *testing.T) {
	ruletest.RunProject(t, "../../testdata/projects/*", All)
}
