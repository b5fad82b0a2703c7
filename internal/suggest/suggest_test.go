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
	} {
		if got := Closest(tt.s, tt.cand); got != tt.want {
			t.Errorf("Closest(%q, %v) = %q, want %q", tt.s, tt.cand, got, tt.want)
		}
	}
}
