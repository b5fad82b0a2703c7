package rules

import "github.com/daglint/daglint/internal/analysis"

// UnusedSuppression is reported by the driver (internal/lint) after every
// other rule has run, since it needs their findings.
var UnusedSuppression = &analysis.Rule{
	ID:                 "DAG002",
	Name:               "unused-suppression",
	Severity:           analysis.Note,
	Tags:               []string{"maintainability"},
	Precision:          "very-high",
	UnusedSuppressions: true,
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
