package rules

import (
	"fmt"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/imageref"
)

// ImageUnqualified reports private-registry credentials paired with an image
// that names no registry.
var ImageUnqualified = &analysis.Rule{
	ID:       "DAG101",
	Name:     "image-unqualified",
	Severity: analysis.Warning,
	Tags:     []string{"correctness", "registry"},
	Doc: analysis.Doc{
		Summary: "a docker_conn_id is set but the image names no registry host",
		What: `Reports a Docker call that receives a ` + "`docker_conn_id`" + ` (from the call,
partial/expand, a mapping or default_args) while its ` + "`image`" + ` names no registry
host, such as ` + "`myimage:latest`" + ` or ` + "`group/app:1.0`" + `. Silent when a connections
source shows the connection is for Docker Hub.`,
		Why: `A reference without a registry host means Docker Hub: ` + "`myimage:latest`" + ` is
` + "`docker.io/library/myimage:latest`" + `. Docker sends the connection's credentials only
to the registry the connection names, so a private image on GitLab, GHCR or
ECR is looked up on Docker Hub instead and the pull fails with "pull access
denied" or "repository does not exist".`,
		Example: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="etl",
    image="mygroup/myimage:1.4.2",
    docker_conn_id="gitlab_registry",
)
`,
		UseInstead: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="etl",
    image="registry.gitlab.com/mygroup/myimage:1.4.2",
    docker_conn_id="gitlab_registry",
)
`,
		Since:   "0.1.0",
		Fix:     "none (the registry path cannot be derived safely)",
		Options: "connections (a Docker Hub connection silences the rule)",
	},
	Run: runImageUnqualified,
}

func runImageUnqualified(pass *analysis.Pass) error {
	for _, im := range images(pass.Model, dockerCalls) {
		if im.Err != nil || im.Ref.ExplicitRegistry {
			continue // DAG103 covers invalid references; qualified ones are fine
		}
		_, conn, present := connID(im.Op)
		if !present {
			continue // without a connection nothing is sent anywhere: DAG105's business
		}
		who := "the connection's credentials"
		hint := "name the registry host the connection is for"
		if conn != "" {
			who = fmt.Sprintf("the credentials of docker_conn_id %q", conn)
			if c := connection(pass, conn); c != nil {
				reg := imageref.RegistryHostPort(c.Host, c.Port)
				if reg == "" || imageref.IsDockerHub(reg) {
					continue // a Docker Hub connection: the credentials do go to docker.io
				}
				hint = fmt.Sprintf("prefix it with %s/", reg)
			}
		}
		pass.Report(analysis.Diagnostic{
			Start: im.Loc.Start, End: im.Loc.End,
			Message: fmt.Sprintf("image %q names no registry, so it is pulled from %s and %s are never sent; %s",
				im.Text, im.Ref.Normalized, who, hint),
			Related: related(im.Value, im.Loc, "image"),
		})
	}
	return nil
}

// connection returns the known connection id, or nil.
func connection(pass *analysis.Pass, id string) *analysis.Connection {
	if pass.Settings == nil || pass.Settings.Connections == nil {
		return nil
	}
	return pass.Settings.Connections[id]
}
