package rules

import (
	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/imageref"
	"github.com/daglint/daglint/internal/pyparse"
)

// kpoFamilyDoc says, in the image rules' docs, what counts as a
// KubernetesPodOperator.
const kpoFamilyDoc = "KubernetesPodOperator stands for the whole family: its provider subclasses " +
	"(`GKEStartPodOperator`, `GKEStartJobOperator`, `EksPodOperator`, `KubernetesJobOperator` ...), " +
	"`@task.kubernetes` (the decorator's `image`), operator subclasses of the project, and the " +
	"literal container images of an `executor_config` pod override " +
	"(`{\"pod_override\": k8s.V1Pod(spec=k8s.V1PodSpec(containers=[k8s.V1Container(image=...)]))}` " +
	"on any task, which the Kubernetes executor runs)."

// subclassDoc says, in the rules' docs, how operator subclasses count.
const subclassDoc = "Calls of an operator subclass count, through any depth of inheritance: " +
	"the keywords its `__init__` passes to `super().__init__(...)` (or `DockerOperator.__init__(self, ...)`) " +
	"and the defaults of its own parameters are arguments of every call of it, and a keyword of the call " +
	"reaches the operator through `**kwargs` or the parameter it is passed on as. A finding on a value " +
	"written in the subclass is located there, once for all its calls (at the class name of each call when " +
	"the subclass is defined in another module). Class attributes are no arguments " +
	"(the operator's `__init__` sets each parameter on the instance)."

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
	n := 0
	for _, im := range all {
		if keep(im.Op) {
			n++
		}
	}
	if n == len(all) {
		return all // callers only read the list: no copy when keep drops nothing
	}
	out := make([]image, 0, n)
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
	out := make([]image, 0, len(m.Calls)) // most calls have one image
	for _, op := range m.Calls {
		a := op.Arg("image")
		if a == nil {
			continue
		}
		for lv := range a.EachLocated {
			v, loc := lv.Value, lv.Loc
			if v.Kind != airflow.String {
				continue
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
	if o := v.Origin(); o != nil {
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
