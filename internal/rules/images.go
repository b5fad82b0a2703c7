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

// imagesFact is every image of the file's Docker and Kubernetes calls,
// parsed once for all image rules: they see the same reference and the
// same error, which is how DAG103 wins over every other image rule.
var imagesFact = &analysis.Fact[[]image]{Name: "images", Compute: func(p *analysis.Pass) []image {
	return collectImages(p.Model)
}}

// images returns the images of the file's calls that keep accepts, in the
// order of the calls (see collectImages).
func images(p *analysis.Pass, keep func(*airflow.OpCall) bool) []image {
	all := imagesFact.Of(p)
	out := make([]image, 0, len(all))
	for _, im := range all {
		if keep(im.Op) {
			out = append(out, im)
		}
	}
	return out
}

// collectImages returns every image value of the model's calls that
// resolves to a plain string (templated and unknown values are skipped:
// rules never guess). An expanded list gives one image per literal
// element, located at the element.
func collectImages(m *airflow.Model) []image {
	var out []image
	for _, op := range m.Calls {
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
	if v.Def == (pyparse.Range{}) || v.Def == loc {
		return nil
	}
	return []analysis.RelatedLocation{{Start: v.Def.Start, End: v.Def.End, Message: what + " defined here"}}
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
