package rules

import (
	"fmt"
	"strings"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/imageref"
)

// MissingDockerConnID reports Docker calls that pull from a private-capable
// registry without any docker_conn_id.
var MissingDockerConnID = &analysis.Rule{
	ID:        "DAG203",
	Name:      "missing-docker-conn-id",
	Severity:  analysis.Warning,
	Tags:      []string{"correctness", "registry"},
	Precision: "high",
	Doc: analysis.Doc{
		Summary: "an image names a registry host but no docker_conn_id reaches the call",
		What: `Reports a DockerOperator, DockerSwarmOperator or ` + "`@task.docker`" + ` call whose image
names a registry host (` + "`registry.gitlab.com/group/app:1.0`" + `) that is not in
` + "`public-registries`" + ` and not a loopback host (` + "`localhost`" + `, ` + "`127.x.x.x`" + `,
` + "`[::1]`" + `), when no ` + "`docker_conn_id`" + ` can reach the call: not at the call, partial,
expand, decorator, a mapping, default_args, nor from anything daglint cannot
resolve (an unknown ` + "`**kwargs`" + `, a subclass that mentions it). An explicit
` + "`docker_conn_id=None`" + ` is a deliberate choice and is not reported. With
partial/expand, any expanded image on such a registry is enough. Images
that are templated or unresolved are never guessed.`,
		Why: `Without a connection DockerOperator pulls with no credentials of its own:
a private image then fails with "pull access denied" or "unauthorized" at run
time, unless every worker happens to be logged in to the registry itself
(` + "`docker login`" + ` or a credential helper in the worker's Docker config). If your
workers are set up that way, or the registry serves only public images, add it
to ` + "`public-registries`" + `.`,
		Example: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="etl",
    image="registry.gitlab.com/mygroup/etl:1.4.2",
)
`,
		UseInstead: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="etl",
    image="registry.gitlab.com/mygroup/etl:1.4.2",
    docker_conn_id="gitlab_registry",
)
`,
		Since: "0.1.0",
		Fix:   "none (the connection id cannot be derived)",
	},
	Options:  []*analysis.Option{PublicRegistries},
	Run:      runMissingDockerConnID,
	YieldsTo: yieldToInvalidReference,
}

// PublicRegistries are the registries missing-docker-conn-id accepts
// without a docker_conn_id. The default: the registries that serve only
// public images, plus Docker Hub (whose unqualified use DAG101 covers).
var PublicRegistries = &analysis.Option{
	Name:    "public-registries",
	Doc:     "registries that need no credentials; an entry such as ghcr.io/acme covers only that namespace, for teams publishing public images on a mixed registry",
	Type:    registryHosts(true),
	Default: []string{"docker.io", "public.ecr.aws", "mcr.microsoft.com", "registry.k8s.io"},
}

func runMissingDockerConnID(pass *analysis.Pass) error {
	reported := map[*airflow.OpCall]bool{}
	for _, im := range images(pass, dockerCalls) {
		if reported[im.Op] || !judgeable(pass, im) || !im.Ref.ExplicitRegistry || im.Ref.IsLoopback() {
			continue // invalid (DAG103), Docker Hub names (DAG101/DAG105) and local registries need no connection
		}
		if im.Op.MaybeSet("docker_conn_id") {
			continue // set, explicitly None, or possibly set by something daglint cannot see
		}
		if publicImage(pass.Settings, im.Ref) {
			continue
		}
		reported[im.Op] = true
		op := im.Op
		advice := fmt.Sprintf("add docker_conn_id=\"...\" naming a Docker connection for %s", im.Ref.Registry)
		if pass.Settings != nil && pass.Settings.Connections != nil {
			if c := connForRegistry(pass.Settings.Connections, im.Ref.Registry); c != nil {
				advice = fmt.Sprintf("add docker_conn_id=%q, the Docker connection for %s (%s)", c.ID, im.Ref.Registry, connPlace(c))
			}
		}
		pass.Report(analysis.Diagnostic{
			Start: op.Callee.Start, End: op.Callee.End,
			Message: fmt.Sprintf("image %q is on %s but no docker_conn_id reaches this %s, so the pull is anonymous (unless the worker itself is logged in) and fails for a private image; %s",
				im.Text, im.Ref.Registry, operatorLabel(op), advice),
			Related: []analysis.RelatedLocation{{Start: im.Loc.Start, End: im.Loc.End, Message: "image given here"}},
		})
	}
	return nil
}

// publicImage reports whether the image is on one of the configured public
// registries. An entry with a path (`ghcr.io/acme`) covers only the
// repositories under that namespace, for teams that publish public images on
// a mixed registry.
func publicImage(s *analysis.Settings, ref imageref.Ref) bool {
	for _, p := range analysis.Get[[]string](s, PublicRegistries) {
		host, ns, hasNS := strings.Cut(p, "/")
		if !imageref.SameRegistry(ref.Registry, host) {
			continue
		}
		ns = strings.Trim(ns, "/")
		if !hasNS || ns == "" || ref.Path == ns || strings.HasPrefix(ref.Path, ns+"/") {
			return true
		}
	}
	return false
}
