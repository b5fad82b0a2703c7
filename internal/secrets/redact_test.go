package secrets

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		secret, want string
	}{
		{"glpat-" + b20, "glpa…(26 chars)"},
		{"s3cr3t!!", "s3…(8 chars)"},
		{"hunter2", "h…(7 chars)"},
		{"abcd", "a…(4 chars)"},
		{"abc", "…(3 chars)"},
		{"x", "…(1 char)"},
		{"", "…(0 chars)"},
		{"päss wörd 123", "päs…(13 chars)"},
		{"\n\tAB" + strings.Repeat("z", 12), "??AB…(16 chars)"},
		{strings.Repeat("Q", 100), "QQQQ…(100 chars)"},
	}
	for _, tt := range tests {
		if got := Redact(tt.secret); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.secret, got, tt.want)
		}
	}
}

func TestRedactNeverRevealsMuch(t *testing.T) {
	for n := 0; n <= 64; n++ {
		secret := strings.Repeat("k", n)
		got := Redact(secret)
		shown := strings.Count(got[:strings.Index(got, "…")], "k")
		if shown > 4 || shown*4 > n {
			t.Errorf("Redact of %d chars shows %d of them: %q", n, shown, got)
		}
	}
}

func TestRedactIn(t *testing.T) {
	tests := []struct {
		text, secret, want string
	}{
		{`TOKEN = "` + glpat + `"`, glpat, `TOKEN = "glpa…(26 chars)"`},
		{"a s3cr3t!! b s3cr3t!!", "s3cr3t!!", "a s3…(8 chars) b s3…(8 chars)"},
		{"postgres://app:s3cr3tpw@db/app", "s3cr3tpw", "postgres://app:s3…(8 chars)@db/app"},
		{"nothing here", "s3cr3t!!", "nothing here"},
		{"unchanged", "", "unchanged"},
	}
	for _, tt := range tests {
		got := RedactIn(tt.text, tt.secret)
		if got != tt.want {
			t.Errorf("RedactIn(%q, %q) = %q, want %q", tt.text, tt.secret, got, tt.want)
		}
		if strings.Contains(got, tt.secret) && tt.secret != "" {
			t.Errorf("RedactIn(%q, %q) still holds the secret", tt.text, tt.secret)
		}
	}
}
