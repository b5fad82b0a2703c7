package secrets

import (
	"strings"
	"testing"
)

func TestScrub(t *testing.T) {
	const pw = "Hunt3r" + "Passw0rdZZ"
	tests := []struct{ in, want string }{
		// Tokens anywhere, also where they are keyword names.
		{`DockerOperator has no argument "` + glpat + `"`, `DockerOperator has no argument "glpa…(26 chars)"`},
		{`image "oauth2:` + glpat + `@registry.gitlab.com/g/app:1.0"`, `image "oauth2:glpa…(26 chars)@registry.gitlab.com/g/app:1.0"`},
		// URL user information, whatever the host (FindTokens skips
		// example hosts, output must not).
		{`docker_url "tcp://admin:` + pw + `@dockerhost:2375"`, `docker_url "tcp://admin:Hunt…(16 chars)@dockerhost:2375"`},
		{`"https://user:Imag3Passw0rdKK@registry.example.com/app:1.0"`, `"https://user:Ima…(15 chars)@registry.example.com/app:1.0"`},
		{"logs in to ci:" + strings.ToLower(pw) + "@registry.gitlab.com (x)", "logs in to ci:hunt…(16 chars)@registry.gitlab.com (x)"},
		{"ci:" + pw + "@localhost:5000/app", "ci:Hunt…(16 chars)@localhost:5000/app"},
		{"redis://:" + pw + "@cache:6379/0", "redis://:Hunt…(16 chars)@cache:6379/0"},
		// A registry password on a login command line, in every spelling.
		{"docker login -u ci -p " + pw + " registry.example.com", "docker login -u ci -p Hunt…(16 chars) registry.example.com"},
		{`bash_command="docker --config /d login --password=` + pw + `"`, `bash_command="docker --config /d login --password=Hunt…(16 chars)"`},
		{"set -e; podman login -uci -p" + pw + " r.example.com && make", "set -e; podman login -uci -pHunt…(16 chars) r.example.com && make"},
		{`["docker", "login", "--password", "` + pw + `"]`, `["docker", "login", "--password", "Hunt…(16 chars)"]`},
		// A short password is a password too: only its length shows.
		{"docker login -u ci -p abc r.example.com", "docker login -u ci -p …(3 chars) r.example.com"},
		{"docker login -u ci -pq7 r.example.com", "docker login -u ci -p…(2 chars) r.example.com"},
		// Not a login password, or a stand-in for one.
		{"docker login -u ci -p $PW r.example.com", "docker login -u ci -p $PW r.example.com"},
		{"docker login -p {{ var.value.pw }} r.example.com", "docker login -p {{ var.value.pw }} r.example.com"},
		{"docker login -u ci --password-stdin r.example.com", "docker login -u ci --password-stdin r.example.com"},
		{"docker login r.example.com; psql -p 5432 -U etl", "docker login r.example.com; psql -p 5432 -U etl"},
		{"docker run -p 8080:80 etl", "docker run -p 8080:80 etl"},
		// Not user information, or nothing to hide.
		{`image "python:3.11@sha256:0123abcd"`, `image "python:3.11@sha256:0123abcd"`},
		{"postgres://user:password@localhost/db", "postgres://user:password@localhost/db"},
		{"postgres://user:${DB_PASS}@db.internal/x", "postgres://user:${DB_PASS}@db.internal/x"},
		{"mail ops@example.com", "mail ops@example.com"},
		{"a:b@c", "a:b@c"},
		{"unexpected token \"=\"", "unexpected token \"=\""},
	}
	for _, tt := range tests {
		got := Scrub(tt.in)
		if got != tt.want {
			t.Errorf("Scrub(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
		if again := Scrub(got); again != got {
			t.Errorf("Scrub is not idempotent: %q -> %q", got, again)
		}
	}
}

func TestRedactor(t *testing.T) {
	r := NewRedactor([]string{"Summer2024!", "s3cr3t", "key", "line-one-secret\nline-two-secret", "    \n"})
	tests := []struct{ in, want string }{
		{`DB_PASSWORD = "Summer2024!"`, `DB_PASSWORD = "Su…(11 chars)"`},
		{`x = "aSummer2024!b"`, `x = "aSu…(11 chars)b"`},
		// Short secrets only as whole words.
		{`PW = "s3cr3t"`, `PW = "s…(6 chars)"`},
		{`not_s3cr3tive = 1`, `not_s3cr3tive = 1`},
		// Too short to look for: it would match anywhere.
		{`key = "key"`, `key = "key"`},
		// A secret over two lines is hidden line by line.
		{`+    line-two-secret`, `+    lin…(15 chars)`},
		{"nothing here    at all", "nothing here    at all"},
		// Shapes are scrubbed too.
		{`T = "` + glpat + `"`, `T = "glpa…(26 chars)"`},
	}
	for _, tt := range tests {
		if got := r.Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
	var none *Redactor
	if got := none.Redact(`T = "` + glpat + `"`); got != `T = "glpa…(26 chars)"` {
		t.Errorf("nil Redactor: %q", got)
	}
	if !r.Hides(`"Summer2024!"`) || r.Hides(`"summer"`) {
		t.Error("Hides disagrees with Redact")
	}
}

// TestRedactorManyShortSecrets checks that past maxShort word-matched
// secrets the rest are still hidden (anywhere).
func TestRedactorManyShortSecrets(t *testing.T) {
	var known []string
	for i := 0; i < 2*maxShort; i++ {
		known = append(known, "pw"+string(rune('A'+i%26))+string(rune('a'+i/26)))
	}
	r := NewRedactor(known)
	for _, k := range known {
		if got := r.Redact(`"` + k + `"`); strings.Contains(got, k) {
			t.Fatalf("%q not hidden: %q", k, got)
		}
	}
}
