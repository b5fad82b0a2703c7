package rules

import (
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/pyparse"
)

// firstStr returns the first string literal of src.
func firstStr(t *testing.T, src string) *pyparse.Str {
	t.Helper()
	f := pyparse.Parse("x.py", []byte(src))
	var s *pyparse.Str
	pyparse.InspectFile(f, func(n pyparse.Node) bool {
		if x, ok := n.(*pyparse.Str); ok && s == nil {
			s = x
		}
		return s == nil
	})
	if s == nil {
		t.Fatalf("no string literal in %q", src)
	}
	return s
}

func TestLiteralTokens(t *testing.T) {
	tests := []struct {
		src  string
		want []string // kinds, in order
	}{
		{`x = "glpat-nCkhvMdgaKjIg8xNbe3n"`, []string{"GitLab personal access token"}},
		{`x = ("glpat-nCkhvMdg" "aKjIg8xNbe3n")`, []string{"GitLab personal access token"}},
		{`x = ("my" "glpat-nCkhvMdgaKjIg8xNbe3n")`, []string{"GitLab personal access token"}},
		{`x = f"{a} ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d {b}"`, []string{"GitHub personal access token"}},
		{`x = "AKIAUI6D39ZZZZG4ZDME glpat-nCkhvMdgaKjIg8xNbe3n"`, []string{"AWS access key ID", "GitLab personal access token"}},
		{`x = b"dckr_pat_b8DwkNhFdnXsiVpzz63FfkCzJr4"`, []string{"Docker Hub personal access token"}},
		// must not match
		{`x = "myglpat-nCkhvMdgaKjIg8xNbe3n"`, nil},
		{`x = f"glpat-{suffix}"`, nil},
		{`x = f"glpat-nCkhvMdga{mid}KjIg8xNbe3n"`, nil},
		{`x = "glpat-xxxxxxxxxxxxxxxxxxxx"`, nil},
		{`x = "https://oauth2:${TOKEN}@gitlab.com/a.git"`, nil},
	}
	for _, tt := range tests {
		hits := literalTokens(firstStr(t, tt.src))
		var got []string
		for _, h := range hits {
			got = append(got, h.Kind)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("literalTokens(%s) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestDescribeTokensNeverShowsSecret(t *testing.T) {
	secret := "glpat-nCkhvMdgaKjIg8xNbe3n"
	hits := []tokenHit{{Kind: "GitLab personal access token", Secret: secret}}
	if got := describeTokens(hits); strings.Contains(got, secret[4:]) || !strings.Contains(got, "(26 chars)") {
		t.Errorf("describeTokens = %q", got)
	}
	hits = append(hits, tokenHit{Kind: "AWS access key ID", Secret: "AKIAUI6D39ZZZZG4ZDME"}, tokenHit{Kind: "x", Secret: "yyyyyyyy"})
	if got := describeTokens(hits); !strings.HasSuffix(got, "and 2 more credentials") {
		t.Errorf("describeTokens = %q", got)
	}
	if article("AWS access key ID") != "an" || article("GitLab deploy token") != "a" {
		t.Error("wrong article")
	}
}

func TestHardcodedSecret(t *testing.T) {
	tests := []struct {
		value string
		want  bool
	}{
		{"hunter2x9", true},
		{"changeme", true},
		{"password123", true},
		{"etl-pass-77", true},
		{"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8d2LmN0p", true},
		{"Bearer abc123def", true},
		{"", false},
		{"abc", false},
		{"********", false},
		{"DB_PASSWORD", false},
		{"{{ conn.db.password }}", false},
		{"None", false},
		{"db_password", false},
		{"gitlab-token", false},
		{"/home/airflow/.ssh/id_rsa", false},
		{"~/.config/token", false},
		{"service-account.json", false},
		{"secret/data/etl", false},
		{"the token has expired", false},
		{"https://auth.internal/token", false},
	}
	for _, tt := range tests {
		if got := hardcodedSecret(tt.value); got != tt.want {
			t.Errorf("hardcodedSecret(%q) = %v, want %v", tt.value, got, tt.want)
		}
	}
}

func TestSecretTarget(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"DB_PASSWORD", true},
		{"gitlabToken", true},
		{"api_key", true},
		{"client_secret", true},
		{"key", false},
		{"KEY", false},
		{"token_url", false},
		{"PASSWORD_ENV", false},
		{"", false},
		{"key_2", false},
		{"PWD", false},
		{"otrs_pw", true},
		{"a_very_long_name_of_more_than_32_bytes_password", true},
		{"a_very_long_name_of_more_than_32_bytes_and_plain", false},
	}
	for _, tt := range tests {
		if got := secretTarget(tt.name); got != tt.want {
			t.Errorf("secretTarget(%q) = %v, want %v", tt.name, got, tt.want)
		}
		// The prefilter's form for names in the source says the same.
		if got := secretTargetBytes([]byte(tt.name)); got != tt.want {
			t.Errorf("secretTargetBytes(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
