package rules

import (
	"fmt"
	"net/netip"
	"net/url"
	"strings"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
)

// InsecureDockerURL reports a Docker daemon reached over plain TCP.
var InsecureDockerURL = &analysis.Rule{
	ID:               "DAG403",
	Name:             "insecure-docker-url",
	Severity:         analysis.Error,
	Tags:             []string{"security", "runtime"},
	SecuritySeverity: 8.0,
	Precision:        "very-high",
	Doc: analysis.Doc{
		Summary: "the Docker daemon is reached over plain tcp:// or http:// without TLS",
		What: `Reports a ` + "`docker_url`" + ` (or an element of a list of URLs) of a Docker call that
starts with ` + "`tcp://`" + ` or ` + "`http://`" + ` (any case) when ` + "`tls_ca_cert`" + `,
` + "`tls_client_cert`" + ` and ` + "`tls_client_key`" + ` are not all set: the Docker provider
builds a TLS configuration only from all three, so with any of them missing
the connection is plain HTTP. The rule stays silent when a TLS argument may come
from somewhere daglint cannot read, for ` + "`https://`" + ` URLs (docker-py then uses
TLS and verifies the daemon's certificate against the system CAs), for
` + "`unix://`" + ` and ` + "`ssh://`" + `, and for loopback hosts (` + "`tcp://localhost:2375`" + `,
` + "`127.0.0.1`" + `, ` + "`[::1]`" + `), as used with a Docker-in-Docker sidecar, where the
traffic never leaves the host or pod.`,
		Why: `The Docker API has no authentication of its own: whoever can reach a
plain-TCP daemon can start privileged containers, that is, root on its host.
The traffic is also in clear text, and it carries the registry credentials of
the ` + "`docker_conn_id`" + ` login and of every pull (the X-Registry-Auth header), so
anyone on the network path reads them.`,
		Example: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="build_report",
    image="registry.example.com/reports/builder:3.1",
    docker_conn_id="registry",
    docker_url="tcp://docker-host.internal:2375",
)
`,
		UseInstead: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="build_report",
    image="registry.example.com/reports/builder:3.1",
    docker_conn_id="registry",
    docker_url="tcp://docker-host.internal:2376",
    tls_ca_cert="/opt/airflow/certs/ca.pem",
    tls_client_cert="/opt/airflow/certs/cert.pem",
    tls_client_key="/opt/airflow/certs/key.pem",
)
`,
		Since: "0.1.0",
		Fix:   "none (certificates must be issued first)",
	},
	Run: runInsecureDockerURL,
}

// tlsParams are the arguments DockerHook needs, all three, to use TLS.
var tlsParams = []string{"tls_ca_cert", "tls_client_cert", "tls_client_key"}

func runInsecureDockerURL(pass *analysis.Pass) error {
	for _, op := range pass.Model.Calls {
		if !op.IsDocker() {
			continue
		}
		a := op.Arg("docker_url")
		if a == nil {
			continue // the default is the local unix socket (or DOCKER_HOST, unknown here)
		}
		missing := missingTLS(op)
		if len(missing) == 0 {
			continue // all three set, or some may be set by something daglint cannot see
		}
		for av := range a.EachLocated {
			for _, u := range airflow.Elements(av.Value, av.Loc) {
				if u.Value.Kind != airflow.String || !plainDockerURL(u.Value.Str) {
					continue
				}
				pass.Report(analysis.Diagnostic{
					Start: u.Loc.Start, End: u.Loc.End,
					Message: fmt.Sprintf("docker_url %q reaches the Docker daemon without TLS (%s not set): anyone on the network can control the daemon and read the registry credentials sent with each pull; "+
						"serve the daemon with TLS (port 2376) and set tls_ca_cert, tls_client_cert and tls_client_key", u.Value.Str, strings.Join(missing, ", ")),
					Related: related(u.Value, u.Loc, "docker_url"),
				})
			}
		}
	}
	return nil
}

// missingTLS returns the TLS arguments that are definitely absent or empty,
// or nil when any of them may be set by something daglint cannot resolve
// while none is definitely absent.
func missingTLS(op *airflow.OpCall) []string {
	var missing []string
	for _, name := range tlsParams {
		if !op.MaybeSet(name) {
			missing = append(missing, name)
			continue
		}
		a := op.Arg(name)
		if a == nil || a.Mapped {
			continue // set by an unknown source, or mapped: assume present
		}
		if isNone(a.Value) || (a.Value.Kind == airflow.String && a.Value.Str == "") {
			missing = append(missing, name)
		}
	}
	return missing
}

// plainDockerURL reports whether a docker_url is plain TCP or HTTP to a host
// that is not a loopback address.
func plainDockerURL(s string) bool {
	s = strings.TrimSpace(s)
	scheme, _, ok := strings.Cut(s, "://")
	if !ok {
		return false
	}
	switch strings.ToLower(scheme) {
	case "tcp", "http":
	default:
		return false
	}
	u, err := url.Parse("tcp" + s[len(scheme):])
	if err != nil || u.Hostname() == "" {
		return false // docker-py rejects it anyway
	}
	return !isLoopbackName(u.Hostname())
}

// isLoopbackName reports whether a URL host is localhost or a loopback IP.
func isLoopbackName(h string) bool {
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(h)
	return err == nil && ip.Unmap().IsLoopback()
}
