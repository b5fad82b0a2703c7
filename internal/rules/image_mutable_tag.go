package rules

import (
	"fmt"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
)

// ImageMutableTag reports images with no tag or the tag latest and no digest.
var ImageMutableTag = &analysis.Rule{
	ID:        "DAG102",
	Name:      "image-mutable-tag",
	Severity:  analysis.Warning,
	Tags:      []string{"reliability", "reproducibility"},
	Precision: "high",
	Doc: analysis.Doc{
		Summary: "the image has no tag or the tag latest and no digest",
		What: `Reports the ` + "`image`" + ` of a Docker call or KubernetesPodOperator that has no tag
(` + "`registry.gitlab.com/acme/etl`" + `) or the tag ` + "`latest`" + `, and no digest. Each literal of
an ` + "`.expand(image=[...])`" + ` list is checked on its own. Images with a digest
(` + "`@sha256:...`" + `) are pinned and never reported, whatever their tag. Templated
(Jinja) and unresolved images are not checked.

Not applied to a single name with no registry or namespace that is no Docker
Official Image, used without credentials (` + "`etl-runner`" + `): such an image
exists only where it was built, which image-local-only (DAG105) reports.` + "\n\n" + kpoFamilyDoc + "\n\n" + subclassDoc,
		Why: `A mutable tag names whatever was pushed last. A DockerOperator pulls only
when ` + "`force_pull`" + ` is true or the worker has no copy yet, so without ` + "`force_pull`" + `
each worker keeps the copy it cached first: workers drift apart and a new push
never reaches a worker that already has the tag. With ` + "`force_pull=True`" + `, or on
Kubernetes (whose default pull policy for latest and untagged images is
Always; ` + "`IfNotPresent`" + ` keeps the first copy as Docker does), every task start
pulls the tag anew, so a retry or a backfill can run
a different build from the original run. Either way the DAG no longer says
which code runs.`,
		Example: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="etl",
    image="registry.gitlab.com/acme/etl:latest",
    docker_conn_id="gitlab_registry",
)
`,
		UseInstead: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="etl",
    image="registry.gitlab.com/acme/etl:1.4.2",
    docker_conn_id="gitlab_registry",
)
`,
		Since: "0.1.0",
		Fix:   "none (the version to pin cannot be known from the file)",
	},
	Run:      runImageMutableTag,
	YieldsTo: yieldToInvalidReference,
}

func runImageMutableTag(pass *analysis.Pass) error {
	for _, im := range images(pass, allCalls) {
		if !judgeable(pass, im) || !im.Ref.MutableTag() {
			continue // DAG103 covers invalid references; tagged or pinned ones are fine
		}
		if localName(im) {
			continue // no registry serves it, with or without a connection: DAG101/DAG105's business
		}
		what := fmt.Sprintf("image %q has no tag, so it means %s", im.Text, im.Ref.Normalized)
		if im.Ref.Tag == "latest" {
			what = fmt.Sprintf("image %q uses the mutable tag latest", im.Text)
		}
		pass.Report(analysis.Diagnostic{
			Start: im.Loc.Start, End: im.Loc.End,
			Message: fmt.Sprintf("%s: %s; pin a version tag or a digest (@sha256:...)", what, mutableConsequence(im, pass.Settings)),
			Related: related(im.Value, im.Loc, "image"),
		})
	}
	return nil
}

// mutableConsequence says what a mutable tag does to this call.
func mutableConsequence(im image, s *analysis.Settings) string {
	kpo := im.Op.Kind == airflow.KubernetesPodOperator
	switch imagePull(im, s) {
	case pullCached:
		if kpo {
			return "with image_pull_policy " + policyText(im.Op) + " each node keeps whatever copy it cached first"
		}
		return "without force_pull=True each worker keeps whatever copy it cached first and never sees a new push"
	case pullK8sDefault:
		return "with Kubernetes' default pull policy it is pulled again on every pod start, so a retry or rerun can run a different build"
	case pullAlways:
		if kpo {
			return "image_pull_policy \"Always\" pulls it again on every pod start, so a retry or rerun can run a different build"
		}
		return "force_pull pulls it again on every run, so a retry or rerun can run a different build"
	}
	return "which build runs can change without the DAG changing"
}

// policyText quotes a KubernetesPodOperator's image_pull_policy, or names
// the operator's own default (Airflow 1.10's contrib operator and early
// providers) when none is given.
func policyText(op *airflow.OpCall) string {
	if a := op.Arg("image_pull_policy"); a != nil && a.Value.Kind == airflow.String {
		return fmt.Sprintf("%q", a.Value.Str)
	}
	return `"IfNotPresent" (the default)`
}
