package rules

import (
	"fmt"

	"github.com/daglint/daglint/internal/analysis"
)

// SyntaxError reports files that are not valid Python 3.
var SyntaxError = &analysis.Rule{
	ID:        "DAG001",
	Name:      "syntax-error",
	Severity:  analysis.Error,
	Tags:      []string{"correctness"},
	Precision: "very-high",
	Doc: analysis.Doc{
		Summary: "the file is not valid Python 3",
		What: `Reports the first syntax error of a file that does not compile as Python 3
(CPython 3.14's grammar, a superset of 3.8-3.13), with CPython's message at
CPython's position: everything ` + "`compile(source, path, \"exec\")`" + ` rejects,
including the checks it makes after parsing (assignment targets, argument
order, ` + "`return`" + ` outside a function, ` + "`nonlocal`" + ` at module level, 200 nested
parentheses, 100 indentation levels, coding declarations). Python 2 ` + "`print x`" + `
statements are the usual case in old DAG folders. The rest of the file is
still linted where the parser recovered (at the next statement, keeping the
intact keywords of a broken call), so other findings in it are still
reported. A message never quotes a long token whole: it shows its first 4
characters and its length.`,
		Why: `Airflow's DAG processor imports the file and fails on the first syntax
error: none of its DAGs are scheduled, and the import error is only visible
in the UI.`,
		Example: `from airflow.providers.docker.operators.docker import DockerOperator

print "loading"
`,
		UseInstead: `from airflow.providers.docker.operators.docker import DockerOperator

print("loading")
`,
		Since: "0.1.0",
		Fix:   "none",
	},
	Run: runSyntaxError,
}

func runSyntaxError(pass *analysis.Pass) error {
	errs := pass.File.Errors
	if len(errs) == 0 {
		return nil
	}
	first := errs[0]
	msg := first.Msg
	if n := len(errs) - 1; n == 1 {
		msg += " (and 1 more syntax error)"
	} else if n > 1 {
		msg += fmt.Sprintf(" (and %d more syntax errors)", n)
	}
	pass.Report(analysis.Diagnostic{Start: first.Start, End: first.End, Message: msg})
	return nil
}
