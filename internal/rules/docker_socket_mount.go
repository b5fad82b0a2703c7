package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/pyparse"
)

// DockerSocketMount reports the Docker daemon's socket bound into a task's
// container.
var DockerSocketMount = &analysis.Rule{
	ID:               "DAG402",
	Name:             "docker-socket-mount",
	Severity:         analysis.Warning,
	Tags:             []string{"security", "runtime"},
	SecuritySeverity: 7.5,
	Precision:        "very-high",
	Doc: analysis.Doc{
		Summary: "a Docker task binds the Docker socket into its container",
		What: `Reports a bind mount of the Docker socket (a source path whose last element is
` + "`docker.sock`" + `, such as ` + "`/var/run/docker.sock`" + `, ` + "`/run/docker.sock`" + ` or a rootless
` + "`/run/user/1000/docker.sock`" + `, or the folders ` + "`/var/run`" + ` and ` + "`/run`" + ` that hold it) in
a Docker call's ` + "`mounts`" + ` or ` + "`volumes`" + `: ` + "`docker.types.Mount(...)`" + ` with
` + "`type=\"bind\"`" + ` (keyword or positional: ` + "`Mount(target, source, type)`" + `),
` + "`Mount.parse_mount_string(\"src:dst\")`" + `, a dict with ` + "`Source`" + ` and
` + "`Type: \"bind\"`" + `, or a ` + "`\"src:dst[:mode]\"`" + ` string. A Mount without ` + "`type=\"bind\"`" + `
is a named volume (docker-py's default), not the host's socket, and is not
reported; neither are sources daglint cannot resolve.`,
		Why: `The Docker socket is the daemon's full API without authentication: a process
that can write to it starts a privileged container with the host's root file
system mounted, so the container is root on the worker. Every secret on the
worker (Airflow's connections, other tasks' registry credentials) is then one
API call away, whatever user the container runs as.`,
		Example: `from airflow.providers.docker.operators.docker import DockerOperator
from docker.types import Mount

DockerOperator(
    task_id="build_image",
    image="registry.example.com/ci/builder:1.0",
    docker_conn_id="registry",
    mounts=[Mount(source="/var/run/docker.sock", target="/var/run/docker.sock", type="bind")],
)
`,
		UseInstead: `from airflow.providers.docker.operators.docker import DockerOperator
from docker.types import Mount

DockerOperator(
    task_id="build_image",
    image="registry.example.com/ci/builder:1.0",
    docker_conn_id="registry",
    mounts=[Mount(source="/srv/build-context", target="/workspace", type="bind", read_only=True)],
)
`,
		Since: "0.1.0",
		Fix:   "none",
	},
	Run: runDockerSocketMount,
}

// mountClasses are the qualified names of docker-py's Mount type.
var mountClasses = map[string]bool{
	"docker.types.Mount":          true,
	"docker.types.services.Mount": true,
}

// mountParsers are the qualified names of Mount.parse_mount_string.
var mountParsers = map[string]bool{
	"docker.types.Mount.parse_mount_string":          true,
	"docker.types.services.Mount.parse_mount_string": true,
}

func runDockerSocketMount(pass *analysis.Pass) error {
	for _, op := range pass.Model.Calls {
		if !op.IsDocker() {
			continue // KPO volumes are Kubernetes objects
		}
		for _, param := range []string{"mounts", "volumes"} {
			for av := range op.Arg(param).EachLocated {
				for _, item := range airflow.Elements(av.Value, av.Loc) {
					src, host, ok := socketMountSource(pass, op, item)
					if !ok {
						continue
					}
					pass.Report(analysis.Diagnostic{
						Start: src.Loc.Start, End: src.Loc.End,
						Message: fmt.Sprintf("%s binds %q, %s, into the container: it can start privileged containers and is root on the worker; "+
							"drop the mount, or give the job a socket proxy that allows only the API calls it needs",
							param, host, socketWhat(host)),
						Related: related(src.Value, src.Loc, "mount source"),
					})
				}
			}
		}
	}
	return nil
}

// socketMountSource returns the source expression of one mount item and
// its host path when it binds the Docker socket: a Mount call, a
// parse_mount_string call, a mount dict or a "src:dst" string.
func socketMountSource(pass *analysis.Pass, op *airflow.OpCall, item airflow.Located) (airflow.Located, string, bool) {
	v := item.Value
	switch v.Kind {
	case airflow.String:
		host := bindSource(v.Str)
		return item, host, dockerSocketPath(host)
	case airflow.Dict:
		src, typ := v.Get("Source"), v.Get("Type")
		if src == nil || typ == nil || typ.Value.Kind != airflow.String || typ.Value.Str != "bind" {
			return airflow.Located{}, "", false
		}
		loc := src.KeyRange
		if src.ValueExpr != nil {
			loc = src.ValueExpr.Span()
		}
		return airflow.Located{Value: src.Value, Loc: loc}, src.Value.Str, src.Value.Kind == airflow.String && dockerSocketPath(src.Value.Str)
	}
	call, ok := v.Expr.(*pyparse.Call)
	if !ok {
		return airflow.Located{}, "", false
	}
	q := pass.Model.QualName(call.Func)
	switch {
	case mountParsers[q]:
		if len(call.Args) == 0 {
			return airflow.Located{}, "", false
		}
		spec := pass.Model.Resolve(call.Args[0], op.Scope)
		host := bindSource(spec.Str)
		if spec.Kind != airflow.String || !dockerSocketPath(host) {
			return airflow.Located{}, "", false
		}
		return airflow.Located{Value: spec, Loc: call.Args[0].Span()}, host, true
	case mountClasses[q]:
		srcExpr := callArg(call, "source", 1)
		if srcExpr == nil {
			return airflow.Located{}, "", false
		}
		if t := callArg(call, "type", 2); t == nil {
			return airflow.Located{}, "", false // docker-py's default type is "volume"
		} else if tv := pass.Model.Resolve(t, op.Scope); tv.Kind != airflow.String || tv.Str != "bind" {
			return airflow.Located{}, "", false
		}
		src := pass.Model.Resolve(srcExpr, op.Scope)
		if src.Kind != airflow.String || !dockerSocketPath(src.Str) {
			return airflow.Located{}, "", false
		}
		return airflow.Located{Value: src, Loc: srcExpr.Span()}, src.Str, true
	}
	return airflow.Located{}, "", false
}

// callArg returns a call's keyword argument name, or its positional argument
// at index pos, or nil.
func callArg(c *pyparse.Call, name string, pos int) pyparse.Expr {
	if kw := c.Keyword(name); kw != nil {
		return kw.Value
	}
	for i, a := range c.Args {
		if _, star := a.(*pyparse.Starred); star {
			return nil // positions after *args are unknown
		}
		if i == pos {
			return a
		}
	}
	return nil
}

// bindSource returns the host side of a "src:dst[:mode]" bind
// specification, or "" when the source is not an absolute path (a named
// volume).
func bindSource(spec string) string {
	src, _, ok := strings.Cut(spec, ":")
	if !ok || !strings.HasPrefix(src, "/") {
		return ""
	}
	return src
}

// dockerSocketPath reports whether an absolute host path is the Docker
// socket or a folder that holds it.
func dockerSocketPath(p string) bool {
	if !strings.HasPrefix(p, "/") {
		return false
	}
	c := path.Clean(p)
	return path.Base(c) == "docker.sock" || c == "/var/run" || c == "/run"
}

// socketWhat describes a socket path for messages.
func socketWhat(p string) string {
	if path.Base(path.Clean(p)) == "docker.sock" {
		return "the Docker daemon's socket"
	}
	return "the folder holding the Docker daemon's socket"
}
