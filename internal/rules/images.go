package rules

import (
	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/imageref"
	"github.com/daglint/daglint/internal/pyparse"
)

// image is one resolved `image` value reaching an operator call.
type image struct {
	Op    *airflow.OpCall
	Arg   *airflow.Arg
	Value airflow.Value
	Loc   pyparse.Range // primary location
	Text  string        // the resolved reference
	Ref   imageref.Ref
	Err   error // set when Text is not a valid reference (DAG103)
}

// images returns every image value of calls that resolves to a plain string
// (templated and unknown values are skipped: rules never guess). An expanded
// list gives one image per literal element, located at the element.
func images(m *airflow.Model, keep func(*airflow.OpCall) bool) []image {
	var out []image
	for _, op := range m.Calls {
		if !keep(op) {
			continue
		}
		a := op.Arg("image")
		if a == nil {
			continue
		}
		for _, v := range a.Candidates() {
			if v.Kind != airflow.String {
				continue
			}
			loc := a.Loc()
			if a.Mapped && v.Expr != nil {
				loc = v.Expr.Span()
			}
			im := image{Op: op, Arg: a, Value: v, Loc: loc, Text: v.Str}
			im.Ref, im.Err = imageref.Parse(v.Str)
			out = append(out, im)
		}
	}
	return out
}

// related returns the definition a value reached the call through, as a
// related location (empty when it was written at the call).
func related(v airflow.Value, loc pyparse.Range, what string) []analysis.RelatedLocation {
	if o := v.Origin; o != nil {
		return originRelated(o, what+" defined here")
	}
	if v.Def == (pyparse.Range{}) || v.Def == loc {
		return nil
	}
	return []analysis.RelatedLocation{{Start: v.Def.Start, End: v.Def.End, Message: what + " defined here"}}
}

// originRelated points at the definition of a value imported from another
// module of the project.
func originRelated(o *airflow.Origin, msg string) []analysis.RelatedLocation {
	if o.Def == (pyparse.Range{}) {
		return nil
	}
	return []analysis.RelatedLocation{{Start: o.Def.Start, End: o.Def.End, File: o.File, Message: msg}}
}

// dockerCalls keeps Docker operator calls (DockerOperator, DockerSwarmOperator, @task.docker).
func dockerCalls(op *airflow.OpCall) bool { return op.IsDocker() }

// allCalls keeps Docker and Kubernetes calls.
func allCalls(*airflow.OpCall) bool { return true }

// connID returns the docker_conn_id reaching a call, and its resolved name
// when it is a plain string. present is false when none reaches the call or
// it is None.
func connID(op *airflow.OpCall) (a *airflow.Arg, name string, present bool) {
	a = op.Arg("docker_conn_id")
	if a == nil {
		return nil, "", false
	}
	if a.Value.Kind == airflow.Const && a.Value.Str == "None" {
		return a, "", false
	}
	if a.Value.Kind == airflow.String {
		return a, a.Value.Str, a.Value.Str != ""
	}
	return a, "", true
}
