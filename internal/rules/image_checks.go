package rules

import (
	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
)

// Helpers shared by the image reference rules DAG102-DAG105.

// refErr returns why im is not a reference a registry can serve (imageref's
// parse error: that includes user info, a bad host and "sha256:<hex>" image
// IDs), which DAG103 reports: images() computes it once, so the rules
// cannot disagree.
func refErr(im image) error { return im.Err }

// judgeable reports whether an image rule other than DAG103 may say anything
// about im: it is a valid reference and DAG103 does not claim its location
// (precedence.go).
func judgeable(pass *analysis.Pass, im image) bool {
	return refErr(im) == nil && !pass.Claimed(im.Loc)
}

// pullMode says whether the image is pulled again each time a task starts.
type pullMode int

const (
	// pullUnknown: daglint cannot tell (an unresolved value, a pod template,
	// arguments from an unknown source, or a Swarm service).
	pullUnknown pullMode = iota
	// pullCached: a copy already present on the worker or node is used
	// (DockerOperator without force_pull, KPO IfNotPresent or Never).
	pullCached
	// pullAlways: every task start pulls (force_pull=True, KPO Always).
	pullAlways
	// pullK8sDefault: a KPO leaves the policy to Kubernetes, whose default
	// for a latest or untagged image is Always. Only recent cncf.kubernetes
	// providers do so: older ones, and Airflow 1.10's contrib operator,
	// default to IfNotPresent.
	pullK8sDefault
)

// kpoPodSpecArgs are KubernetesPodOperator parameters that can bring their
// own container spec, and with it an imagePullPolicy daglint does not read
// (KubernetesJobOperator's job templates too).
var kpoPodSpecArgs = []string{"image_pull_policy", "pod_template_file", "pod_template_dict", "full_pod_spec", "job_template_file", "full_job_spec"}

// imagePull says how the call pulls im.
//
// DockerOperator (and @task.docker) pulls only when force_pull is true or
// the image is missing on the worker. A KubernetesPodOperator container gets
// image_pull_policy; without one, Airflow 1.10's contrib operator (and early
// providers) use IfNotPresent, recent providers leave it to Kubernetes,
// whose default is Always for a latest or untagged image and IfNotPresent
// otherwise. DockerSwarmOperator leaves pulling to the swarm nodes, which
// daglint does not model.
func imagePull(im image, s *analysis.Settings) pullMode {
	op := im.Op
	switch op.Kind {
	case airflow.DockerSwarmOperator:
		return pullUnknown
	case airflow.KubernetesPodOperator:
		a := op.Arg("image_pull_policy")
		if a == nil {
			for _, name := range kpoPodSpecArgs {
				if op.MaybeSet(name) {
					return pullUnknown // a template may set the policy
				}
			}
			if im.Ref.MutableTag() && (s == nil || s.AirflowVersion != "1.10") {
				return pullK8sDefault
			}
			return pullCached
		}
		if a.Mapped || a.Value.Kind != airflow.String {
			return pullUnknown
		}
		switch a.Value.Str {
		case "Always":
			return pullAlways
		case "IfNotPresent", "Never":
			return pullCached
		}
		return pullUnknown
	}
	a := op.Arg("force_pull")
	if a == nil {
		if op.MaybeSet("force_pull") {
			return pullUnknown
		}
		return pullCached // force_pull defaults to False
	}
	if a.Mapped || a.Value.Kind != airflow.Const {
		return pullUnknown
	}
	switch a.Value.Str {
	case "True":
		return pullAlways
	case "False", "None", "0":
		return pullCached
	}
	return pullUnknown
}

// localName reports whether the image is a single name that is not a Docker
// Official Image: docker.io/library/ serves only official images, so no
// registry can serve it, whatever connection reaches the call.
func localName(im image) bool {
	return refErr(im) == nil && im.Ref.IsSingleName() && !im.Ref.IsOfficialImage()
}

// localOnly reports whether im is the case DAG105 covers: a valid single
// name with no registry or namespace that is no Docker Official Image, on a
// call that sends no registry credentials. For a Docker call that means no
// docker_conn_id reaches it (or it is None) and none may come from an
// unresolved source; a KubernetesPodOperator has no per-task login that
// could change what the name means, so the name alone decides.
func localOnly(im image) bool {
	if !localName(im) {
		return false
	}
	if !im.Op.IsDocker() {
		return true
	}
	a, _, present := connID(im.Op)
	if present {
		return false // a connection: DAG101 says where its credentials go
	}
	if a == nil && im.Op.MaybeSet("docker_conn_id") {
		return false // a connection may come from where daglint cannot see
	}
	return true
}
