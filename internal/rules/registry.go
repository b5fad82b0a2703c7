// Package rules holds every daglint rule, one per file, and the registry.
package rules

import (
	"sort"

	"github.com/daglint/daglint/internal/analysis"
)

// UnusedSuppression is reported by the driver (internal/lint) after every
// other rule has run, since it needs their findings.
var UnusedSuppression = &analysis.Rule{
	ID:        "DAG002",
	Name:      "unused-suppression",
	Severity:  analysis.Note,
	Tags:      []string{"maintainability"},
	Precision: "very-high",
	Driver:    true,
	Doc: analysis.Doc{
		Summary: "a suppression comment suppresses nothing",
		What: `Reports a ` + "`# noqa: DAGxxx`" + `, ` + "`# daglint: ignore[DAGxxx]`" + ` or
` + "`# daglint: ignore-file[DAGxxx]`" + ` comment that names a rule with no finding
to suppress there, a code that is no daglint rule, or an ` + "`ignore-file`" + ` comment
placed after the first statement (where it is not honoured). Codes of other
tools (` + "`# noqa: E501`" + `) are left alone, and a bare ` + "`# noqa`" + ` (which
suppresses every finding on its line, as in ruff) is never reported: other
tools may own it. A suppression of a rule that is switched off for the file is
not judged.`,
		Why: `A stale suppression hides the next real finding on that line and tells
readers about a problem that is gone.`,
		Example: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(task_id="t", image="python:3.12-slim")  # noqa: DAG102
`,
		UseInstead: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(task_id="t", image="python:3.12-slim")
`,
		Since: "0.1.0",
		Fix:   "safe: remove only the unused daglint codes; other tools' codes, used codes and any text after them stay (the comment goes when nothing is left)",
	},
}

// All is every rule, in ID order. It is the single registry: no rule
// registers itself.
var All = sortedRules(
	SyntaxError,
	UnusedSuppression,
	ImageUnqualified,
	ImageMutableTag,
	ImageInvalidReference,
	ImageRegistryNotAllowed,
	ImageLocalOnly,
	HardcodedToken,
	HardcodedPassword,
	SecretFromConfigFile,
	MissingDockerConnID,
	DockerConnMismatch,
	PrivilegedContainer,
	DockerSocketMount,
	InsecureDockerURL,
	HostNetwork,
	RegistryCredentialsInEnvironment,
	UnknownOperatorArgument,
	SecretInEnvironment,
	TemplateInUntemplatedField,
	ArgumentIgnoredBySwarm,
	RegistryPasswordOnCommandLine,
)

func sortedRules(rs ...*analysis.Rule) []*analysis.Rule {
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
	return rs
}

// ByID returns the rule with the given ID, or nil.
func ByID(id string) *analysis.Rule {
	for _, r := range All {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// IDs returns every rule ID in order.
func IDs() []string {
	ids := make([]string, len(All))
	for i, r := range All {
		ids[i] = r.ID
	}
	return ids
}
