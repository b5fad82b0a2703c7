package imageref

import (
	"strconv"
	"strings"
)

// How credentials from a Docker connection reach a pull (facts checked in the
// Airflow docker provider's hooks/docker.py and docker-py's auth.py):
//
//   - DockerHook logs in only when docker_conn_id is set; it requires the
//     connection's host and login, and builds the registry it logs in to as
//     "<host>:<port>" when the connection has a port, else "<host>", with the
//     host used as written (a scheme or path stays in the string).
//   - docker-py's APIClient.login stores the credentials in memory keyed by
//     that registry string. A later pull resolves the image's registry with
//     auth.resolve_repository_name (first component is a registry when it
//     has '.' or ':' or is "localhost", else INDEX_NAME "docker.io") and
//     looks the key up after stripping "http://"/"https://" and anything from
//     the first '/' (convert_to_hostname), with "index.docker.io" mapped to
//     "docker.io" (resolve_index_name).
//   - docker-py compares those strings exactly (case-sensitively) and knows
//     no Docker Hub alias other than index.docker.io.
//
// RegistryHostPort and SameRegistry are deliberately more lenient than
// docker-py (hosts compare case-insensitively, and every Docker Hub host name
// counts as Docker Hub): a connection rule that reports a mismatch must be
// sure of it, so they err towards "same registry".

// dockerHubHosts are the host names that all mean Docker Hub.
var dockerHubHosts = map[string]bool{
	"docker.io":               true,
	"index.docker.io":         true,
	"registry-1.docker.io":    true,
	"registry.hub.docker.com": true,
}

// RegistryHostPort returns the registry a Docker connection with this host
// and port logs in to, in the form image references use: the host without a
// "http://" or "https://" prefix and without any path or trailing slash,
// lowercased, followed by ":port" when port > 0. It returns "" for an empty
// host.
//
// When the host has a '/' after it (a path such as "reg.example.com/v2", or
// only a trailing slash), DockerHook appends the port after it
// ("reg.example.com/v2:5000") and docker-py's resolve_index_name cuts
// everything from the first '/', so the port is lost: the credentials are
// found only for "reg.example.com".
func RegistryHostPort(host string, port int) string {
	h := stripToHost(host)
	if h == "" {
		return ""
	}
	if port > 0 && !hasPath(host) {
		h += ":" + strconv.Itoa(port)
	}
	return h
}

// hasPath reports whether a registry address has a '/' after its host.
func hasPath(s string) bool {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+len("://"):]
	}
	return strings.IndexByte(s, '/') >= 0
}

// stripToHost removes surrounding space, a URL scheme and any path from a
// registry address and lowercases it.
func stripToHost(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+len("://"):]
	}
	if i := strings.IndexByte(s, '/'); i >= 0 {
		s = s[:i]
	}
	return strings.ToLower(s)
}

// SameRegistry reports whether an image's registry and a connection's
// registry (as built by RegistryHostPort, or as written) are the same:
// hosts compare case-insensitively, ports exactly (a missing port differs
// from any explicit port), and docker.io, index.docker.io,
// registry-1.docker.io and registry.hub.docker.com all mean Docker Hub.
// Empty inputs are never the same registry.
func SameRegistry(imageRegistry, connRegistry string) bool {
	ih, ip := splitHostPort(stripToHost(imageRegistry))
	ch, cp := splitHostPort(stripToHost(connRegistry))
	if ih == "" || ch == "" {
		return false
	}
	if dockerHubHosts[ih] {
		ih = DockerHub
	}
	if dockerHubHosts[ch] {
		ch = DockerHub
	}
	return ih == ch && ip == cp
}

// IsDockerHub reports whether a registry host (with or without scheme, path
// or port) names Docker Hub.
func IsDockerHub(registry string) bool {
	h, p := splitHostPort(stripToHost(registry))
	return p == "" && dockerHubHosts[h]
}

// splitHostPort splits "host:port", "[v6]:port", "[v6]" or "host" into a host
// (brackets removed) and a port string ("" when absent).
func splitHostPort(s string) (host, port string) {
	if h, p, ok := cutHostPort(s); ok {
		return h, p
	}
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		return s[1 : len(s)-1], ""
	}
	return s, ""
}

// cutHostPort splits s where net.SplitHostPort would, and reports false
// where it would fail (the package leaves net out of the binary): the port
// follows the last ':'; the host before it may be bracketed, "[v6]", and
// then holds the only '[' and ']'; an unbracketed host has no ':', '[' or ']'.
// The port may be empty or anything else, as in net.
func cutHostPort(s string) (host, port string, ok bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return "", "", false
	}
	host, port = s[:i], s[i+1:]
	if strings.HasPrefix(host, "[") {
		if strings.IndexByte(host, ']') != len(host)-1 {
			return "", "", false
		}
		host = host[1 : len(host)-1]
	} else if strings.IndexByte(host, ':') >= 0 {
		return "", "", false
	}
	if strings.ContainsAny(host, "[]") || strings.ContainsAny(port, "[]") {
		return "", "", false
	}
	return host, port, true
}
