package rules

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseEnvFile(t *testing.T) {
	tests := []struct {
		text string
		want [][2]string
	}{
		{"DB_HOST=db\nDOCKER_PASSWORD=abc\n", [][2]string{{"DB_HOST", "db"}, {"DOCKER_PASSWORD", "abc"}}},
		{"# comment\n\nexport CI_JOB_TOKEN='x y'\n  A = \"1\"  ", [][2]string{{"CI_JOB_TOKEN", "x y"}, {"A", "1"}}},
		{"EMPTY=\n", [][2]string{{"EMPTY", ""}}},
		// must not match: paths, garbage, invalid names
		{"config/registry.env", nil},
		{"{{ var.value.env_file }}", nil},
		{"1ABC=x\nA-B=y\n=z\n", nil},
	}
	for _, tt := range tests {
		if got := parseEnvFile(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseEnvFile(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestQuoteValue(t *testing.T) {
	tests := []struct {
		in, want, hidden string
	}{
		{"{{ var.value.net }}", "{{ var.value.net }}", ""},
		{"https://ci:hunter2hunter2@{{ host }}", "https://ci:hun…(14 chars)@{{ host }}", "hunter2hunter2"},
		{strings.Repeat("a", 100), strings.Repeat("a", 79) + "…", ""},
	}
	for _, tt := range tests {
		got := quoteValue(tt.in)
		if got != tt.want {
			t.Errorf("quoteValue(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if tt.hidden != "" && strings.Contains(got, tt.hidden) {
			t.Errorf("quoteValue(%q) shows the secret", tt.in)
		}
	}
}
