package rules

import (
	"strings"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/imageref"
)

// Option types the rules' options share. Each option is declared in the
// file of the rule that reads it.

// registryHosts is a list of registry hosts ([]string): host or host:port,
// and with withPath also host/namespace. Hosts are lowercased and every
// Docker Hub name becomes docker.io; a namespace is kept as written,
// without its outer slashes. An empty list is not nil (configured, empty).
func registryHosts(withPath bool) analysis.OptionType {
	return analysis.OptionType{
		List: true,
		Show: func(v any) *analysis.ConfigValue { return analysis.StringList(v.([]string)) },
		Decode: func(v *analysis.ConfigValue) (any, error) {
			hosts, lines, err := v.Strings("registry hosts")
			if err != nil {
				return nil, err
			}
			out := make([]string, 0, len(hosts))
			for i, h := range hosts {
				host, ok := registryHost(h, withPath)
				if !ok {
					want := "write host or host:port"
					if withPath {
						want = "write host, host:port or host/namespace"
					}
					return nil, &analysis.ValueError{Line: lines[i], Msg: "not a registry host (" + want + ")"}
				}
				out = append(out, host)
			}
			return out, nil
		},
	}
}

// registryHost normalises one entry of a registry list; ok is false when it
// is no host (empty, a URL, spaces or user info, a path where none is
// allowed or an empty one).
func registryHost(entry string, withPath bool) (string, bool) {
	norm := strings.TrimSpace(entry)
	host, path, hasPath := strings.Cut(norm, "/")
	host = strings.ToLower(host)
	if host == "" || strings.Contains(norm, "://") || strings.ContainsAny(norm, " \t@") ||
		(hasPath && (!withPath || strings.Trim(path, "/") == "")) {
		return "", false
	}
	if imageref.IsDockerHub(host) {
		host = imageref.DockerHub
	}
	if hasPath {
		host += "/" + strings.Trim(path, "/")
	}
	return host, true
}
