package rules

import (
	"errors"
	"reflect"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
)

// TestRegistryHosts pins the registry-list type of public-registries and
// allowed-registries (once config's own code): hosts lowercased, every
// Docker Hub name without a port is docker.io, a namespace only where the
// option allows one, kept as written without its outer slashes.
func TestRegistryHosts(t *testing.T) {
	for _, tt := range []struct {
		entry    string
		withPath bool
		want     string
		ok       bool
	}{
		{"Index.Docker.IO", false, "docker.io", true},
		{"registry-1.docker.io", false, "docker.io", true},
		{"registry.hub.docker.com", true, "docker.io", true},
		{"index.docker.io:443", false, "index.docker.io:443", true},
		{" GHCR.io ", false, "ghcr.io", true},
		{"registry.gitlab.com:5050", false, "registry.gitlab.com:5050", true},
		{"GHCR.io/OpenData/", true, "ghcr.io/OpenData", true},
		{"ghcr.io/acme", false, "", false},
		{"ghcr.io/", true, "", false},
		{"https://ghcr.io", true, "", false},
		{"user@ghcr.io", true, "", false},
		{"a b", true, "", false},
		{"", true, "", false},
	} {
		got, ok := registryHost(tt.entry, tt.withPath)
		if got != tt.want || ok != tt.ok {
			t.Errorf("registryHost(%q, %v) = %q, %v; want %q, %v", tt.entry, tt.withPath, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRegistryHostsDecode(t *testing.T) {
	dec := registryHosts(false).Decode
	got, err := dec(analysis.StringList(nil))
	if err != nil || got == nil || len(got.([]string)) != 0 {
		t.Errorf("empty list = %#v, %v; want a non-nil empty list (configured, allows nothing)", got, err)
	}
	list := &analysis.ConfigValue{Kind: analysis.ConfigList, Line: 1, Items: []*analysis.ConfigValue{
		{Kind: analysis.ConfigString, Text: "ghcr.io", Line: 2}, {Kind: analysis.ConfigString, Text: "ghcr.io/acme", Line: 3},
	}}
	_, err = dec(list)
	var ve *analysis.ValueError
	if !errors.As(err, &ve) || ve.Line != 3 || ve.Msg != "not a registry host (write host or host:port)" {
		t.Errorf("bad entry: %#v", err)
	}
	if show := registryHosts(true).Show([]string{"a", "b"}); !reflect.DeepEqual(show, analysis.StringList([]string{"a", "b"})) {
		t.Errorf("Show = %#v", show)
	}
}
