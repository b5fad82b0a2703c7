package rules

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/imageref"
)

// ImageUnqualified reports private-registry credentials paired with an image
// that names no registry.
var ImageUnqualified = &analysis.Rule{
	ID:        "DAG101",
	Name:      "image-unqualified",
	Severity:  analysis.Warning,
	Tags:      []string{"correctness", "registry"},
	Precision: "high",
	Doc: analysis.Doc{
		Summary: "a docker_conn_id is set but the image names no registry host",
		What: `Reports a Docker call that receives a ` + "`docker_conn_id`" + ` (from the call,
partial/expand, a mapping or default_args) while its ` + "`image`" + ` names no registry
host, such as ` + "`myimage:latest`" + ` or ` + "`group/app:1.0`" + `. Silent when a connections
source shows the connection is for Docker Hub. Without a connections source, a
namespaced name (` + "`group/app:1.0`" + `) or an official image is reported only when the
connection id names another registry (gitlab, ghcr, ecr, gcr, quay, harbor,
acr, artifactory...): a Docker Hub organisation's private images need a Docker
Hub connection, which is what ` + "`docker_default`" + ` usually is. A single name that is
no official image is always reported: Docker Hub serves nothing else under it.`,
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
	Run:      runImageUnqualified,
	YieldsTo: yieldToInvalidReference,
}

func runImageUnqualified(pass *analysis.Pass) error {
	for _, im := range images(pass, dockerCalls) {
		if !judgeable(pass, im) || im.Ref.ExplicitRegistry {
			continue // DAG103 covers invalid references; qualified ones are fine
		}
		_, conn, present := connID(im.Op)
		if !present {
			continue // without a connection nothing is sent anywhere: DAG105's business
		}
		who := "the connection's credentials"
		hint := "name the registry host the connection is for"
		known := false
		if conn != "" {
			who = fmt.Sprintf("the credentials of docker_conn_id %q", conn)
			if c := connection(pass, conn); c != nil {
				reg := imageref.RegistryHostPort(c.Host, c.Port)
				if reg == "" || imageref.IsDockerHub(reg) {
					continue // a Docker Hub connection: the credentials do go to docker.io
				}
				hint = fmt.Sprintf("prefix it with %s/", reg)
				known = true
			}
		}
		other := known || namesOtherRegistry(conn)
		if !other && !localName(im) {
			continue // group/app on Docker Hub with a connection that may well be for Docker Hub
		}
		var msg string
		if other {
			msg = fmt.Sprintf("image %q names no registry, so it is pulled from %s and %s are never sent; %s",
				im.Text, im.Ref.Normalized, who, hint)
		} else {
			// Only the name decides: even a Docker Hub login cannot pull it.
			msg = fmt.Sprintf("image %q names no registry, so it is pulled from %s, where Docker Hub serves only official images: %s cannot pull it; %s",
				im.Text, im.Ref.Normalized, who, hint)
		}
		pass.Report(analysis.Diagnostic{
			Start: im.Loc.Start, End: im.Loc.End,
			Message: msg,
			Related: related(im.Value, im.Loc, "image"),
		})
	}
	return nil
}

// connection returns the known connection id, or nil.
func connection(pass *analysis.Pass, id string) *analysis.Connection {
	if !connectionsKnown(pass.Settings) {
		return nil
	}
	return pass.Settings.Connections[id]
}

// otherRegistryWords are words of a connection id that name a registry other
// than Docker Hub; short ones must be a whole word, long ones may be part of
// one (gitlabregistry, myharbor).
var otherRegistryWords = struct{ whole, part []string }{
	whole: []string{"ecr", "gcr", "gar", "acr", "aws", "gcp", "gcloud"},
	part:  []string{"gitlab", "github", "ghcr", "quay", "harbor", "azure", "artifactory", "jfrog", "nexus", "gitea", "artifactregistry"},
}

// namesOtherRegistry reports whether a connection id names a registry other
// than Docker Hub, such as gitlab_registry or ecr-prod.
func namesOtherRegistry(conn string) bool {
	l := strings.ToLower(conn)
	for _, w := range otherRegistryWords.part {
		if strings.Contains(l, w) {
			return true
		}
	}
	words := strings.FieldsFunc(l, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, w := range words {
		if slices.Contains(otherRegistryWords.whole, w) {
			return true
		}
	}
	return false
}
