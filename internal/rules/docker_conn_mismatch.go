package rules

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/imageref"
	"github.com/daglint/daglint/internal/suggest"
)

// DockerConnMismatch checks docker_conn_id against a known connections
// source.
var DockerConnMismatch = &analysis.Rule{
	ID:        "DAG205",
	Name:      "docker-conn-mismatch",
	Severity:  analysis.Error,
	Tags:      []string{"correctness", "registry"},
	Precision: "high",
	Doc: analysis.Doc{
		Summary: "the docker_conn_id is undefined, not a docker connection, or for another registry than the image",
		What: `Runs only when a connections source is known (` + "`connections:`" + ` in ` + "`.daglint.yaml`" + `,
or an ` + "`airflow_settings.yaml`" + ` found by default; the Astro CLI settings file,
` + "`airflow connections export`" + ` YAML or JSON and ` + "`AIRFLOW_CONN_*`" + ` lines of a ` + "`.env`" + `
file are read). For each plain-string ` + "`docker_conn_id`" + ` reaching a Docker call it
reports an id the sources do not define (` + "`AIRFLOW_CONN_*`" + ` ids compare without
case, as Airflow upper-cases the id to find the variable), a connection whose
type is not ` + "`docker`" + `, a connection without a host, and a connection whose host
(with port) is not the registry of the call's image. Registries are matched
the way docker-py matches them: the scheme and path of the connection host are
dropped, ` + "`index.docker.io`" + `, ` + "`registry-1.docker.io`" + ` and ` + "`docker.io`" + ` are all Docker Hub,
and a host with a path plus a port (` + "`reg.example.com/v2`" + ` and 5000) loses the
port (DockerHook writes ` + "`reg.example.com/v2:5000`" + ` and docker-py cuts it at the
'/'). An undefined id gets the closest defined id as a suggestion, or the id
of the connection for the image's registry. An image that names no registry
is left to DAG101; templated or unresolved ids and images are not checked.`,
		Why: `DockerHook logs in to the registry "<host>:<port>" of the connection and
docker-py sends those credentials only to a pull from exactly that registry.
A connection for registry.gitlab.com does nothing for an image on
registry.gitlab.com:5050 or ghcr.io: the pull is anonymous and fails for a
private image. An undefined id fails the task with "The conn_id ... isn't
defined", and a connection without a host with "No Docker Registry URL
provided".`,
		Example: `# airflow_settings.yaml defines gitlab_registry (conn_type docker, host registry.gitlab.com)
from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="etl",
    image="ghcr.io/mygroup/etl:1.4.2",
    docker_conn_id="gitlab_registry",
)
`,
		UseInstead: `# airflow_settings.yaml defines gitlab_registry (conn_type docker, host registry.gitlab.com)
from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="etl",
    image="registry.gitlab.com/mygroup/etl:1.4.2",
    docker_conn_id="gitlab_registry",
)
`,
		Since:   "0.1.0",
		Fix:     "none",
		Options: "connections (the files connections are read from)",
	},
	Enabled:  connectionsKnown,
	Run:      runDockerConnMismatch,
	YieldsTo: yieldToImageUnqualified,
}

// connectionsKnown reports whether a connections source is known: the rule
// is off otherwise.
func connectionsKnown(s *analysis.Settings) bool { return s != nil && s.Connections != nil }

func runDockerConnMismatch(pass *analysis.Pass) error {
	if !connectionsKnown(pass.Settings) {
		return nil
	}
	conns := pass.Settings.Connections
	byOp := map[*airflow.OpCall][]image{}
	for _, im := range images(pass, dockerCalls) {
		if im.Err == nil && !pass.Claimed(im.Loc) {
			byOp[im.Op] = append(byOp[im.Op], im) // an unqualified image DAG101 reports is its own (precedence.go)
		}
	}
	for _, op := range pass.Model.Calls {
		if !op.IsDocker() {
			continue
		}
		for av := range op.Arg("docker_conn_id").EachLocated {
			if av.Value.Kind != airflow.String || av.Value.Str == "" {
				continue // None, templated or unresolved: nothing to look up
			}
			if msg := checkDockerConn(conns, av.Value.Str, byOp[op]); msg != "" {
				pass.Report(analysis.Diagnostic{
					Start: av.Loc.Start, End: av.Loc.End,
					Message: msg,
					Related: related(av.Value, av.Loc, "docker_conn_id"),
				})
			}
		}
	}
	return nil
}

// checkDockerConn returns the problem with connection id for a call pulling
// the given images, or "".
func checkDockerConn(conns map[string]*analysis.Connection, id string, ims []image) string {
	c, near := lookupConn(conns, id)
	if c == nil {
		ims := slices.DeleteFunc(slices.Clone(ims), func(im image) bool { return !im.Ref.ExplicitRegistry }) // only a named registry suggests a connection
		msg := fmt.Sprintf("docker_conn_id %q is not defined in %s", id, connSources(conns))
		if near == nil {
			if s := suggest.Closest(id, sortedConnIDs(conns)); s != "" {
				near = conns[s]
			}
		}
		switch {
		case near != nil:
			msg += fmt.Sprintf("; did you mean %q (%s)?", near.ID, connPlace(near))
		case len(ims) > 0:
			if alt := connForRegistry(conns, ims[0].Ref.Registry); alt != nil {
				msg += fmt.Sprintf("; the Docker connection for %s there is %q", ims[0].Ref.Registry, alt.ID)
			} else {
				msg += fmt.Sprintf("; define it as a docker connection for %s", ims[0].Ref.Registry)
			}
		default:
			msg += "; define it as a docker connection or use a defined id"
		}
		return msg
	}
	if c.Type != "" && c.Type != "docker" {
		return fmt.Sprintf("docker_conn_id %q is a %s connection (%s), not a docker one; point docker_conn_id at a docker connection for the image's registry",
			id, c.Type, connPlace(c))
	}
	reg := imageref.RegistryHostPort(c.Host, c.Port)
	if reg == "" {
		return fmt.Sprintf("docker connection %q (%s) has no host, so DockerHook fails with \"No Docker Registry URL provided\"; set its host to the registry it logs in to",
			id, connPlace(c))
	}
	for _, im := range ims {
		if imageref.SameRegistry(im.Ref.Registry, reg) {
			continue
		}
		return fmt.Sprintf("docker_conn_id %q logs in to %s (%s) but image %q is pulled from %s, so the credentials are never used and the pull is anonymous; "+
			"set the connection's host and port to %s or use a connection for it", id, reg, connPlace(c), im.Text, im.Ref.Registry, im.Ref.Registry)
	}
	return ""
}

// lookupConn finds a connection by id. AIRFLOW_CONN_* ids match without
// case (Airflow upper-cases the id to build the variable name); any other
// connection that differs only in case comes back as near, for a hint.
func lookupConn(conns map[string]*analysis.Connection, id string) (c, near *analysis.Connection) {
	if c := conns[id]; c != nil {
		return c, nil
	}
	for _, k := range sortedConnIDs(conns) {
		if !strings.EqualFold(k, id) {
			continue
		}
		if isEnvSource(conns[k].Source) {
			return conns[k], nil
		}
		return nil, conns[k]
	}
	return nil, nil
}

// isEnvSource reports whether a connections file is a .env file.
func isEnvSource(src string) bool {
	base := strings.ToLower(filepath.Base(src))
	return strings.HasPrefix(base, ".env") || filepath.Ext(base) == ".env"
}

// connForRegistry returns the first (by id) docker connection for registry.
func connForRegistry(conns map[string]*analysis.Connection, registry string) *analysis.Connection {
	for _, k := range sortedConnIDs(conns) {
		c := conns[k]
		if (c.Type == "docker" || c.Type == "") && imageref.SameRegistry(registry, imageref.RegistryHostPort(c.Host, c.Port)) {
			return c
		}
	}
	return nil
}

func sortedConnIDs(conns map[string]*analysis.Connection) []string {
	ids := make([]string, 0, len(conns))
	for k := range conns {
		ids = append(ids, k)
	}
	sort.Strings(ids)
	return ids
}

// connSources names the files the connections came from.
func connSources(conns map[string]*analysis.Connection) string {
	seen := map[string]bool{}
	var srcs []string
	for _, c := range conns {
		if c.Source != "" && !seen[c.Source] {
			seen[c.Source] = true
			srcs = append(srcs, c.Source)
		}
	}
	if len(srcs) == 0 {
		return "the connections sources"
	}
	sort.Strings(srcs)
	return strings.Join(srcs, ", ")
}

// connPlace is "file:line" of a connection's definition.
func connPlace(c *analysis.Connection) string {
	if c.Line > 0 {
		return fmt.Sprintf("%s:%d", c.Source, c.Line)
	}
	if c.Source != "" {
		return c.Source
	}
	return "connections source"
}
