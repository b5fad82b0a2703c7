package airflow

import (
	"maps"
	"slices"
	"testing"

	"github.com/daglint/daglint/internal/pyparse"
)

// TestIsKubernetesSecret: Secret of a kubernetes module (provider and
// older paths) and a bare Secret nothing imports are Kubernetes Secret
// references; a Secret of another module is not, nor is k8s.V1Secret
// (a Kubernetes object whose data may well be a literal secret).
func TestIsKubernetesSecret(t *testing.T) {
	m := build(t, `from airflow.providers.cncf.kubernetes.secret import Secret
from airflow.contrib.kubernetes.secret import Secret as OldSecret
from mylib.vault import Secret as VaultSecret
from kubernetes.client import models as k8s
from airflow.kubernetes import secret

Secret("env", "DB_PASS", SECRET_NAME, KEY_NAME)
OldSecret(deploy_type="env", deploy_target="X", secret=OLD_NAME, key="k")
secret.Secret("volume", "/etc/s", "creds")
VaultSecret(secret=VAULT_NAME, key=VAULT_KEY)
k8s.V1Secret(string_data={"password": "hunter2hunter2"})
`)
	want := []bool{true, true, true, false, false}
	var got []bool
	for _, c := range m.File.Index().Calls {
		if _, ok := c.Func.(*pyparse.Name); ok || isAttr(c.Func) {
			got = append(got, m.IsKubernetesSecret(c))
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("IsKubernetesSecret of the five calls = %v, want %v", got, want)
	}
	refs := slices.Sorted(maps.Keys(m.KubernetesSecretRefs()))
	if w := []string{"KEY_NAME", "OLD_NAME", "SECRET_NAME"}; !slices.Equal(refs, w) {
		t.Errorf("KubernetesSecretRefs = %v, want %v", refs, w)
	}
	bare := build(t, `Secret("env", "X", NAME, KEY)`)
	if refs := bare.KubernetesSecretRefs(); !refs["NAME"] || !refs["KEY"] || len(refs) != 2 {
		t.Errorf("a bare Secret(...): refs %v, want NAME and KEY", refs)
	}
}

func isAttr(e pyparse.Expr) bool { _, ok := e.(*pyparse.Attribute); return ok }
