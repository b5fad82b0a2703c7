package airflow

import (
	"strings"

	"github.com/daglint/daglint/internal/pyparse"
)

// IsKubernetesSecret reports whether c constructs a Kubernetes Secret
// reference (`airflow.providers.cncf.kubernetes.secret.Secret` and its
// older paths under a kubernetes module, or a bare `Secret` no import
// explains): its `secret` and `key` arguments name a Kubernetes object and
// a key in it, never a secret value.
func (m *Model) IsKubernetesSecret(c *pyparse.Call) bool {
	switch f := c.Func.(type) {
	case *pyparse.Attribute:
		if f.Attr != "Secret" {
			return false // its dotted name ends with another name: no need to build it
		}
	case *pyparse.Name:
	default:
		return false // no dotted name
	}
	q := m.QualName(c.Func)
	if q == "" {
		if n, ok := c.Func.(*pyparse.Name); ok {
			q = n.ID
		}
	}
	return q == "Secret" || (strings.HasSuffix(q, ".Secret") && strings.Contains(q, "kubernetes"))
}

// KubernetesSecretRefs returns the names of the variables the file gives a
// Kubernetes Secret(...) as its secret or key argument (keyword, or third
// and fourth positional argument): their values name a Kubernetes object
// and a key in it (`password_key = "password"`), so they are references,
// never secrets.
func (m *Model) KubernetesSecretRefs() map[string]bool {
	refs := map[string]bool{}
	add := func(e pyparse.Expr) {
		if n, ok := e.(*pyparse.Name); ok {
			refs[n.ID] = true
		}
	}
	for _, c := range m.File.Index().Calls {
		if !m.IsKubernetesSecret(c) {
			continue
		}
		for i, a := range c.Args {
			if i >= 2 {
				add(a)
			}
		}
		for _, kw := range c.Keywords {
			if kw.Name == "secret" || kw.Name == "key" {
				add(kw.Value)
			}
		}
	}
	return refs
}
