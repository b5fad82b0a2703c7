package airflow

import (
	"slices"
	"testing"

	"github.com/daglint/daglint/internal/pyparse"
)

// TestValuePath: file reads and secret reads carry the constant keys they
// were read under, the last access first; a Variable's own key is always
// the innermost, "" when unresolved; values that are no reads carry none.
func TestValuePath(t *testing.T) {
	m := build(t, `import configparser, json
from airflow.models import Variable
cfg = configparser.ConfigParser()
cfg.read("app.ini")
SECTION = "docker"
settings = json.load(open("s.json"))
a = cfg[SECTION]["gitlab_token"]
b = cfg.get("db", option="password", fallback="x")
c = settings["api"].get("key").strip()
d = settings.registry.password
e = Variable.get("db_password").strip()
f = Variable.get(UNKNOWN)["token"]
g = json.load(open("x.json"))
h = {"k": "v"}["k"]
`)
	tests := []struct {
		name string
		kind Kind
		want []string
	}{
		{"a", FileRead, []string{"gitlab_token", "docker"}},
		{"b", FileRead, []string{"db", "password"}},
		{"c", FileRead, []string{"key", "api"}},
		{"d", FileRead, []string{"password", "registry"}},
		{"e", SecretRead, []string{"db_password"}},
		{"f", SecretRead, []string{"token", ""}},
		{"g", FileRead, nil},
		{"h", String, nil},
	}
	for _, tt := range tests {
		v := m.Resolve(&pyparse.Name{ID: tt.name}, nil)
		if v.Kind != tt.kind || !slices.Equal(v.Path(), tt.want) {
			t.Errorf("%s: kind %v path %q, want kind %v path %q", tt.name, v.Kind, v.Path(), tt.kind, tt.want)
		}
	}
}

// TestWithKeysBound: a path never grows past maxPath and keeps its
// innermost key (a Variable's name).
func TestWithKeysBound(t *testing.T) {
	p := []string{"var"}
	for i := 0; i < 3*maxPath; i++ {
		p = withKeys(p, "k")
	}
	if len(p) != maxPath || p[len(p)-1] != "var" {
		t.Errorf("path of %d keys ending %q, want %d ending \"var\"", len(p), p[len(p)-1], maxPath)
	}
}
