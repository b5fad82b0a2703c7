package rules

import (
	"fmt"
	"strings"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/imageref"
)

// ImageRegistryNotAllowed reports images pulled from a registry outside the
// configured allowed-registries.
var ImageRegistryNotAllowed = &analysis.Rule{
	ID:               "DAG104",
	Name:             "image-registry-not-allowed",
	Severity:         analysis.Error,
	Tags:             []string{"security", "policy"},
	SecuritySeverity: 6.0,
	Precision:        "very-high",
	Doc: analysis.Doc{
		Summary: "the image comes from a registry that allowed-registries does not list",
		What: `Only when ` + "`allowed-registries`" + ` is configured: reports the ` + "`image`" + ` of a Docker
call or KubernetesPodOperator whose registry is not in the list. The registry
is the reference's host with its port; a reference that names no host
(` + "`python:3.12`" + `, ` + "`acme/etl:1.0`" + `) is pulled from ` + "`docker.io`" + `. Hosts compare without
regard to case, ports must be equal (` + "`registry.gitlab.com:5050`" + ` is not
` + "`registry.gitlab.com`" + `), and every Docker Hub host name (` + "`docker.io`" + `,
` + "`index.docker.io`" + `, ` + "`registry-1.docker.io`" + `) counts as Docker Hub. An empty list allows
no registry. Templated (Jinja), unresolved and invalid (DAG103) images are not
checked.` + "\n\n" + kpoFamilyDoc,
		Why: `Many teams may pull only from registries they control or mirror: images from
elsewhere bypass vulnerability scanning and signing, may disappear or change
upstream, and hit Docker Hub's pull rate limits. A DAG that pulls from another
registry breaks that policy unnoticed until an egress rule or an admission
controller blocks the pull at run time.`,
		Example: `# .daglint.yaml: allowed-registries: [registry.gitlab.com]
from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(task_id="etl", image="quay.io/acme/etl:1.4.2")
`,
		UseInstead: `# .daglint.yaml: allowed-registries: [registry.gitlab.com]
from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="etl",
    image="registry.gitlab.com/acme/etl:1.4.2",
    docker_conn_id="gitlab_registry",
)
`,
		Since: "0.1.0",
		Fix:   "none",
	},
	Options:  []*analysis.Option{AllowedRegistries},
	Enabled:  allowListSet,
	Run:      runImageRegistryNotAllowed,
	YieldsTo: yieldToInvalidReference,
}

// AllowedRegistries is the allow-list of image-registry-not-allowed; unset
// (nil) turns the rule off, an empty list allows no registry.
var AllowedRegistries = &analysis.Option{
	Name:      "allowed-registries",
	Doc:       "registry hosts, with port where one is used; unset turns the rule off",
	Type:      registryHosts(false),
	UnsetNote: "no allow-list: image-registry-not-allowed is off",
}

// allowListSet reports whether allowed-registries is configured: the rule is
// off otherwise.
func allowListSet(s *analysis.Settings) bool {
	return analysis.Get[[]string](s, AllowedRegistries) != nil
}

func runImageRegistryNotAllowed(pass *analysis.Pass) error {
	if !allowListSet(pass.Settings) {
		return nil
	}
	var allowed []string
	for _, a := range analysis.Get[[]string](pass.Settings, AllowedRegistries) {
		if a = strings.TrimSpace(a); a != "" {
			allowed = append(allowed, a)
		}
	}
	list := "allowed-registries is empty, so no registry is allowed"
	if len(allowed) > 0 {
		list = "allowed-registries: " + strings.Join(allowed, ", ")
	}
	for _, im := range images(pass, allCalls) {
		if !judgeable(pass, im) {
			continue // DAG103 covers invalid references
		}
		if registryAllowed(im.Ref.Registry, allowed) {
			continue
		}
		from := fmt.Sprintf("is pulled from %s", im.Ref.Registry)
		if !im.Ref.ExplicitRegistry {
			from = fmt.Sprintf("names no registry, so it is pulled from %s", im.Ref.Registry)
		}
		pass.Report(analysis.Diagnostic{
			Start: im.Loc.Start, End: im.Loc.End,
			Message: fmt.Sprintf("image %q %s, which is not allowed (%s); use an image from an allowed registry",
				im.Text, from, list),
			Related: related(im.Value, im.Loc, "image"),
		})
	}
	return nil
}

// registryAllowed reports whether registry is one of allowed.
func registryAllowed(registry string, allowed []string) bool {
	for _, a := range allowed {
		if imageref.SameRegistry(registry, a) {
			return true
		}
	}
	return false
}
