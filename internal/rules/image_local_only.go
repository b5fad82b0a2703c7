package rules

import (
	"fmt"

	"github.com/daglint/daglint/internal/analysis"
)

// ImageLocalOnly reports single-name images that no registry serves, so
// they run only where they were built.
var ImageLocalOnly = &analysis.Rule{
	ID:        "DAG105",
	Name:      "image-local-only",
	Severity:  analysis.Note,
	Tags:      []string{"reliability", "registry"},
	Precision: "high",
	Doc: analysis.Doc{
		Summary: "the image is a single name that only exists where it was built",
		What: `Reports the ` + "`image`" + ` of a Docker call or KubernetesPodOperator that is a single
name without registry host or namespace (` + "`etl-runner:1.0`" + `) and is not a Docker
Official Image (` + "`python`" + `, ` + "`ubuntu`" + `, ` + "`postgres`" + ` ... are fine), on a call without
registry credentials. For a Docker call that means no ` + "`docker_conn_id`" + ` reaches
it from the call, partial/expand, a mapping or default_args (or it is None);
the rule stays silent when one may come from somewhere daglint cannot resolve.
A KubernetesPodOperator is checked on the name alone: ` + "`image_pull_secrets`" + `
cannot change which repository a single name means.

The level is note, raised to error when the pull is certain and so must fail:
` + "`force_pull=True`" + ` on a Docker call, ` + "`image_pull_policy=\"Always\"`" + ` on a
KubernetesPodOperator. Without a policy, recent cncf.kubernetes providers leave
it to Kubernetes, which pulls a latest or untagged image on every pod start
(the message says so), but Airflow 1.10's contrib operator and early providers
default to IfNotPresent, so that case stays a note. Templated (Jinja),
unresolved and invalid (DAG103) images are not checked.` + "\n\n" + kpoFamilyDoc,
		Why: `A single name means ` + "`docker.io/library/<name>`" + `, and only Docker Official
Images live there. An image built on a worker with ` + "`docker build -t etl-runner`" + `
or loaded into a node therefore exists on that machine only: the task works
where it was built and fails with "pull access denied" or "repository does not
exist" on every other worker, after a worker is replaced, or whenever the pull
is forced. Push the image to a registry and reference it by its full name.`,
		Example: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(task_id="etl", image="etl-runner:1.0")
`,
		UseInstead: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="etl",
    image="registry.gitlab.com/acme/etl-runner:1.0",
    docker_conn_id="gitlab_registry",
)
`,
		Since: "0.1.0",
		Fix:   "none (the registry to push to cannot be known from the file)",
	},
	Run:      runImageLocalOnly,
	YieldsTo: yieldToInvalidReference,
}

func runImageLocalOnly(pass *analysis.Pass) error {
	for _, im := range images(pass, allCalls) {
		if !judgeable(pass, im) || !localOnly(im) {
			continue // qualified, official, invalid, or credentials may reach the call
		}
		where, creds := "worker", "a docker_conn_id"
		if !im.Op.IsDocker() {
			where, creds = "node", "image_pull_secrets if it is private"
		}
		d := analysis.Diagnostic{
			Start: im.Loc.Start, End: im.Loc.End,
			Related: related(im.Value, im.Loc, "image"),
		}
		consequence := fmt.Sprintf("so it runs only on a %s where it was built or loaded", where)
		switch imagePull(im, pass.Settings) {
		case pullAlways:
			d.Severity = analysis.Error
			consequence = forcedPull(im)
		case pullK8sDefault:
			consequence += " (and recent providers leave the pull policy to Kubernetes, which pulls a latest or untagged image on every pod start, so there the pod cannot start at all)"
		}
		d.Message = fmt.Sprintf("image %q is a single name and no Docker Official Image: it means %s, which Docker Hub does not serve, %s; push it to a registry and use its full name (registry/group/%s) with %s",
			im.Text, im.Ref.Normalized, consequence, im.Ref.Familiar, creds)
		pass.Report(d) // calls sharing the image: the driver keeps the most severe
	}
	return nil
}

// forcedPull explains why the pull of a local-only image is certain to run
// and fail.
func forcedPull(im image) string {
	if im.Op.IsDocker() {
		return "and force_pull=True pulls it on every run, so the task must fail"
	}
	return `and image_pull_policy "Always" pulls it on every pod start, so the pod must fail to start`
}
