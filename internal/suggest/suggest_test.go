package suggest

import (
	"strings"
	"testing"
)

func TestClosest(t *testing.T) {
	for _, tt := range []struct {
		s    string
		cand []string
		want string
	}{
		{"gitlab_regsitry", []string{"docker_default", "gitlab_registry"}, "gitlab_registry"},
		{"selct", []string{"select", "exclude"}, "select"},
		{"GITLAB", []string{"gitlab"}, "gitlab"},
		{"x", []string{"y"}, ""},                     // as far as it is long
		{"harbor", []string{"gitlab_registry"}, ""},  // no plausible typo
		{strings.Repeat("a", 65), []string{"a"}, ""}, // hostile length
		{"ab", nil, ""},
		// A transposition is one typo (the distance was Levenshtein's, where
		// it cost two, and airflow kept its own transposing distance).
		{"slecet", []string{"select"}, "select"},
		{"ab", []string{"ba"}, "ba"},
	} {
		if got := Closest(tt.s, tt.cand); got != tt.want {
			t.Errorf("Closest(%q, %v) = %q, want %q", tt.s, tt.cand, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"image", "image", 0}, {"image", "imagee", 1},
		{"command", "comamnd", 1}, {"ab", "ba", 1}, {"abc", "ca", 3}, {"kitten", "sitting", 3},
		{"enviroment", "environment", 1}, {"docker_con_id", "docker_conn_id", 1},
		{"käse", "kase", 1}, // code points, not bytes
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
