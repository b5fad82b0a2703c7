package rules

import (
	"fmt"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/pyparse"
)

// taskArgumentSecrets reports, under DAG204, secrets passed as arguments to a
// @task.docker function: the provider pickles op_args and op_kwargs,
// base64-encodes them into the container's environment (__PYTHON_INPUT, in
// providers/docker decorators/docker.py) and keeps them in op_kwargs, both
// template fields: as exposed as an environment entry. Values are resolved
// from the module scope; an unresolved value counts when the parameter's name
// is secret-like, as in environment.
func taskArgumentSecrets(pass *analysis.Pass) {
	var calls map[string][]*pyparse.Call // calls of plain names, one walk for all tasks
	for _, op := range pass.Model.Calls {
		if op.Kind != airflow.TaskDocker || op.Func == nil {
			continue
		}
		if calls == nil {
			calls = map[string][]*pyparse.Call{}
			for _, c := range pass.File.Index().Calls {
				if name, ok := c.Func.(*pyparse.Name); ok {
					calls[name.ID] = append(calls[name.ID], c)
				}
			}
		}
		fn := op.Func
		for _, c := range calls[fn.Name] {
			if c.Start >= fn.Start && c.Start <= fn.End {
				continue // a call inside the function itself
			}
			for i, a := range c.Args {
				if _, star := a.(*pyparse.Starred); star || i >= len(fn.Params) || fn.Params[i].Star != 0 {
					continue
				}
				reportTaskArgument(pass, fn, fn.Params[i].Name, a, a.Span())
			}
			for _, k := range c.Keywords {
				if k.Name != "" && k.Value != nil {
					reportTaskArgument(pass, fn, k.Name, k.Value, k.NameRange)
				}
			}
		}
	}
}

func reportTaskArgument(pass *analysis.Pass, fn *pyparse.FuncDef, param string, value pyparse.Expr, at pyparse.Range) {
	v := envVar{Key: param, Loc: at, Entry: &airflow.Entry{Key: param, Value: pass.Model.Resolve(value, nil), ValueExpr: value}}
	if _, reg := registryCredential(v); reg {
		return // a registry credential's name: not judged here (DAG201 covers environments only)
	}
	why, ok := secretEnvEntry(v)
	if !ok {
		return
	}
	pass.Report(analysis.Diagnostic{
		Start: at.Start, End: at.End,
		Message: fmt.Sprintf("argument %q of the @task.docker function %s %s: the provider pickles a task's arguments into the container's environment (__PYTHON_INPUT, base64) and keeps them in op_kwargs, "+
			"both templated, shown rendered in the UI and stored with the task; give the secret in private_environment and read os.environ inside the function",
			param, fn.Name, why),
	})
}
