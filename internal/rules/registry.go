// Package rules holds every daglint rule, one per file, and the registry.
package rules

import (
	"sort"

	"github.com/daglint/daglint/internal/analysis"
)

// All is every rule, in ID order. It is the single registry: no rule
// registers itself.
var All = sortedRules(
	SyntaxError,
	UnusedSuppression,
	ImageUnqualified,
	ImageMutableTag,
	ImageInvalidReference,
	ImageRegistryNotAllowed,
	ImageLocalOnly,
	HardcodedToken,
	HardcodedPassword,
	SecretFromConfigFile,
	MissingDockerConnID,
	DockerConnMismatch,
	PrivilegedContainer,
	DockerSocketMount,
	InsecureDockerURL,
	HostNetwork,
	RegistryCredentialsInEnvironment,
	UnknownOperatorArgument,
	SecretInEnvironment,
	TemplateInUntemplatedField,
	ArgumentIgnoredBySwarm,
	RegistryPasswordOnCommandLine,
	ShortLivedRegistryPassword,
	PasswordInConnectionsFile,
)

func sortedRules(rs ...*analysis.Rule) []*analysis.Rule {
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
	return rs
}

// ByID returns the rule with the given ID, or nil.
func ByID(id string) *analysis.Rule {
	for _, r := range All {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// IDs returns every rule ID in order.
func IDs() []string {
	ids := make([]string, len(All))
	for i, r := range All {
		ids[i] = r.ID
	}
	return ids
}
