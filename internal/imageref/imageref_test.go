package imageref

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"
)

const hex64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func TestParseValid(t *testing.T) {
	tests := []struct {
		in         string
		registry   string
		path       string
		tag        string
		digest     string
		explicit   bool
		familiar   string
		normalized string
	}{
		{"python:3.11", "docker.io", "library/python", "3.11", "", false, "python:3.11", "docker.io/library/python:3.11"},
		{"python", "docker.io", "library/python", "", "", false, "python", "docker.io/library/python:latest"},
		{"acme/tool:1.2", "docker.io", "acme/tool", "1.2", "", false, "acme/tool:1.2", "docker.io/acme/tool:1.2"},
		{"registry.gitlab.com/group/app:latest", "registry.gitlab.com", "group/app", "latest", "", true,
			"registry.gitlab.com/group/app:latest", "registry.gitlab.com/group/app:latest"},
		{"registry.gitlab.com/group/sub/app", "registry.gitlab.com", "group/sub/app", "", "", true,
			"registry.gitlab.com/group/sub/app", "registry.gitlab.com/group/sub/app:latest"},
		{"localhost:5000/x", "localhost:5000", "x", "", "", true, "localhost:5000/x", "localhost:5000/x:latest"},
		{"localhost/x:1", "localhost", "x", "1", "", true, "localhost/x:1", "localhost/x:1"},
		{"myhost:5000/team/x:2", "myhost:5000", "team/x", "2", "", true, "myhost:5000/team/x:2", "myhost:5000/team/x:2"},
		{"ghcr.io/o/i@sha256:" + hex64, "ghcr.io", "o/i", "", "sha256:" + hex64, true,
			"ghcr.io/o/i@sha256:" + hex64, "ghcr.io/o/i@sha256:" + hex64},
		{"gcr.io/p/i:tag@sha256:" + hex64, "gcr.io", "p/i", "tag", "sha256:" + hex64, true,
			"gcr.io/p/i:tag@sha256:" + hex64, "gcr.io/p/i:tag@sha256:" + hex64},
		{"[::1]:5000/x", "[::1]:5000", "x", "", "", true, "[::1]:5000/x", "[::1]:5000/x:latest"},
		{"127.0.0.1:5000/etl:1.0", "127.0.0.1:5000", "etl", "1.0", "", true, "127.0.0.1:5000/etl:1.0", "127.0.0.1:5000/etl:1.0"},
		{"docker.io/library/python:3", "docker.io", "library/python", "3", "", true, "python:3", "docker.io/library/python:3"},
		{"index.docker.io/acme/tool", "docker.io", "acme/tool", "", "", true, "acme/tool", "docker.io/acme/tool:latest"},
		{"Registry.GitLab.com/group/app:v1", "registry.gitlab.com", "group/app", "v1", "", true,
			"Registry.GitLab.com/group/app:v1", "Registry.GitLab.com/group/app:v1"},
		{"etl-runner:1.0", "docker.io", "library/etl-runner", "1.0", "", false, "etl-runner:1.0", "docker.io/library/etl-runner:1.0"},
		{"python:3.11-slim_Bookworm", "docker.io", "library/python", "3.11-slim_Bookworm", "", false,
			"python:3.11-slim_Bookworm", "docker.io/library/python:3.11-slim_Bookworm"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tt.in, err)
			}
			if r.Raw != tt.in || r.Registry != tt.registry || r.Path != tt.path || r.Tag != tt.tag ||
				r.Digest != tt.digest || r.ExplicitRegistry != tt.explicit || r.Familiar != tt.familiar ||
				r.Normalized != tt.normalized {
				t.Errorf("Parse(%q) = %+v", tt.in, r)
			}
		})
	}
}

func TestParseInvalid(t *testing.T) {
	tests := []struct {
		in      string
		want    error
		mention string // a part of the message that must be quoted
	}{
		{"Registry.GitLab.com/Group/App", ErrUppercase, `"Group/App"`},
		{"registry.gitlab.com/Group/app:1", ErrUppercase, `"Group/app"`},
		{"Python:3.11", ErrUppercase, `"Python"`},
		{"Acme/tool", ErrUppercase, `"Acme/tool"`},
		{"https://registry.gitlab.com/x", ErrScheme, `"https://"`},
		{"http://localhost:5000/x", ErrScheme, `"http://"`},
		{"docker://python", ErrScheme, `"docker://"`},
		{"my image", ErrWhitespace, "byte 2"},
		{" python", ErrWhitespace, "byte 0"},
		{"python:3.11\n", ErrWhitespace, "byte 11"},
		{"", ErrEmpty, ""},
		{"   ", ErrEmpty, ""},
		{"x:", ErrBadTag, `""`},
		{"x:.hidden", ErrBadTag, `".hidden"`},
		{"x:" + strings.Repeat("a", 129), ErrBadTag, ""},
		{"x:a/b", ErrBadHost, `"x:a"`},
		{"my_registry.example.com/app:1.0", ErrBadHost, `"my_registry.example.com"`},
		{"reg.example.com:50a0/app", ErrBadHost, ""},
		{"oauth2:glpat-Ab7Lm2Np9Rt4Vw8Yz3Cd@registry.gitlab.com/g/app:1.0", ErrUserInfo, ""},
		{"https://user:Imag3Passw0rdKK@registry.example.com/app:1.0", ErrUserInfo, ""},
		{"ci@reg.example.com/app", ErrUserInfo, ""},
		{"sha256:" + hex64, ErrImageID, ""},
		{"x@sha256:short", ErrBadDigest, `"sha256:short"`},
		{"x@sha256:" + hex64[:40], ErrBadDigest, ""},
		{"x@", ErrBadDigest, `""`},
		{"x:1@md5:" + hex64, ErrBadDigest, ""},
		{hex64, ErrImageID, ""},
		{"-x", ErrInvalid, ""},
		{"x__/y", ErrInvalid, ""},
		{"registry.gitlab.com/", ErrInvalid, ""},
		{":tag", ErrInvalid, ""},
		{"reg.io/" + strings.Repeat("a", 256), ErrTooLong, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want error %v", tt.in, r, tt.want)
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse(%q) error %q, want %q", tt.in, err, tt.want)
			}
			if tt.mention != "" && !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("Parse(%q) error %q does not mention %s", tt.in, err, tt.mention)
			}
			if msg := err.Error(); msg != strings.ToLower(msg[:1])+msg[1:] || strings.HasSuffix(msg, ".") {
				t.Errorf("error %q: want lowercase start and no final period", msg)
			}
		})
	}
}

func mustParse(t *testing.T, s string) Ref {
	t.Helper()
	r, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return r
}

func TestPredicates(t *testing.T) {
	tests := []struct {
		in       string
		single   bool
		loopback bool
		mutable  bool
		official bool
	}{
		{"python", true, false, true, true},
		{"python:3.11", true, false, false, true},
		{"python:latest", true, false, true, true},
		{"python@sha256:" + hex64, true, false, false, true},
		{"python:latest@sha256:" + hex64, true, false, false, true},
		{"etl-runner:1.0", true, false, false, false},
		{"library/python:3", false, false, false, true},
		{"docker.io/library/python:3", false, false, false, true},
		{"docker.io/python:3", false, false, false, true},
		{"acme/tool:1.2", false, false, false, false},
		{"registry.gitlab.com/group/app:latest", false, false, true, false},
		{"registry.gitlab.com/python:3", false, false, false, false},
		{"localhost:5000/x", false, true, true, false},
		{"localhost/x:1", false, true, false, false},
		{"127.0.0.1/x:1", false, true, false, false},
		{"127.8.9.10:5000/x:1", false, true, false, false},
		{"[::1]:5000/x", false, true, true, false},
		{"[::1]/x:1", false, true, false, false},
		{"128.0.0.1:5000/x:1", false, false, false, false},
		{"localhost.example.com/x:1", false, false, false, false},
		{"[::2]:5000/x:1", false, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r := mustParse(t, tt.in)
			if got := r.IsSingleName(); got != tt.single {
				t.Errorf("IsSingleName = %v, want %v", got, tt.single)
			}
			if got := r.IsLoopback(); got != tt.loopback {
				t.Errorf("IsLoopback = %v, want %v", got, tt.loopback)
			}
			if got := r.MutableTag(); got != tt.mutable {
				t.Errorf("MutableTag = %v, want %v", got, tt.mutable)
			}
			if got := r.IsOfficialImage(); got != tt.official {
				t.Errorf("IsOfficialImage = %v, want %v", got, tt.official)
			}
		})
	}
}

func TestIsOfficialImage(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"python", true},
		{"alpine", true},
		{"busybox", true},
		{"postgres", true},
		{"library/python", true},
		{"docker.io/library/ubuntu", true},
		{"centos", true}, // removed from the library, still pullable
		{"etl-runner", false},
		{"myimage", false},
		{"opensuse", false}, // tags deleted from Docker Hub
		{"scratch", false},
		{"acme/python", false},
		{"library/", false},
		{"", false},
		{"Python", false},
	}
	for _, tt := range tests {
		if got := IsOfficialImage(tt.name); got != tt.want {
			t.Errorf("IsOfficialImage(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestEmbeddedOfficialImages(t *testing.T) {
	set, err := parseOfficialImages(officialImagesJSON)
	if err != nil {
		t.Fatal(err)
	}
	if len(set) < 100 {
		t.Errorf("only %d official images decoded", len(set))
	}
	if _, err := parseOfficialImages([]byte(`{"images": []}`)); err == nil {
		t.Error("empty images list: want error")
	}
	if _, err := parseOfficialImages([]byte(`{`)); err == nil {
		t.Error("broken JSON: want error")
	}
}

func TestRegistryHostPort(t *testing.T) {
	tests := []struct {
		host string
		port int
		want string
	}{
		{"registry.gitlab.com", 0, "registry.gitlab.com"},
		{"https://registry.gitlab.com", 0, "registry.gitlab.com"},
		{"https://registry.gitlab.com/", 0, "registry.gitlab.com"},
		{"HTTP://Registry.GitLab.com//", 0, "registry.gitlab.com"},
		{"https://index.docker.io/v1/", 0, "index.docker.io"},
		{"myreg.local", 5000, "myreg.local:5000"},
		{"https://myreg.local/", 5000, "myreg.local"}, // "https://myreg.local/:5000": docker-py cuts at the '/'
		{"reg.example.com/v2", 5000, "reg.example.com"},
		{"https://reg.example.com:5000/v2", 0, "reg.example.com:5000"},
		{" localhost ", 5000, "localhost:5000"},
		{"ghcr.io", -1, "ghcr.io"},
		{"", 5000, ""},
		{"https://", 0, ""},
	}
	for _, tt := range tests {
		if got := RegistryHostPort(tt.host, tt.port); got != tt.want {
			t.Errorf("RegistryHostPort(%q, %d) = %q, want %q", tt.host, tt.port, got, tt.want)
		}
	}
}

func TestSameRegistry(t *testing.T) {
	tests := []struct {
		image, conn string
		want        bool
	}{
		{"registry.gitlab.com", "registry.gitlab.com", true},
		{"registry.gitlab.com", "Registry.GitLab.com", true},
		{"registry.gitlab.com", "https://registry.gitlab.com/", true},
		{"docker.io", "index.docker.io", true},
		{"docker.io", "https://index.docker.io/v1/", true},
		{"docker.io", "registry-1.docker.io", true},
		{"docker.io", "registry.hub.docker.com", true},
		{"index.docker.io", "registry.hub.docker.com", true},
		{"myreg:5000", "myreg:5000", true},
		{"[::1]:5000", "[::1]:5000", true},
		{"registry.gitlab.com", "gitlab.com", false},
		{"docker.io", "ghcr.io", false},
		{"myreg:5000", "myreg", false},
		{"myreg", "myreg:5000", false},
		{"myreg:5000", "myreg:5001", false},
		{"docker.io", "docker.io:443", false},
		{"", "", false},
		{"ghcr.io", "", false},
	}
	for _, tt := range tests {
		if got := SameRegistry(tt.image, tt.conn); got != tt.want {
			t.Errorf("SameRegistry(%q, %q) = %v, want %v", tt.image, tt.conn, got, tt.want)
		}
	}
}

func TestSameRegistryWithParsedImage(t *testing.T) {
	tests := []struct {
		image string
		host  string
		port  int
		want  bool
	}{
		{"registry.gitlab.com/group/app:1", "https://registry.gitlab.com", 0, true},
		{"python:3.11", "https://index.docker.io/v1/", 0, true},
		{"acme/tool:1", "registry-1.docker.io", 0, true},
		{"localhost:5000/x:1", "localhost", 5000, true},
		{"localhost:5000/x:1", "localhost", 0, false},
		{"acme/tool:1", "registry.gitlab.com", 0, false},
		{"registry.gitlab.com/group/app:1", "docker.io", 0, false},
	}
	for _, tt := range tests {
		r := mustParse(t, tt.image)
		if got := SameRegistry(r.Registry, RegistryHostPort(tt.host, tt.port)); got != tt.want {
			t.Errorf("image %q vs conn %q:%d = %v, want %v", tt.image, tt.host, tt.port, got, tt.want)
		}
	}
}

func TestIsDockerHub(t *testing.T) {
	for in, want := range map[string]bool{
		"docker.io": true, "https://index.docker.io/v1/": true, "registry-1.docker.io": true,
		"REGISTRY.HUB.DOCKER.COM": true, "ghcr.io": false, "docker.io:5000": false, "": false,
	} {
		if got := IsDockerHub(in); got != want {
			t.Errorf("IsDockerHub(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestUserInfoNotInErrors(t *testing.T) {
	for _, s := range []string{
		"oauth2:glpat-Ab7Lm2Np9Rt4Vw8Yz3Cd@registry.gitlab.com/g/app:1.0",
		"https://user:Imag3Passw0rdKK@registry.example.com/app:1.0",
	} {
		_, err := Parse(s)
		if err == nil || strings.Contains(err.Error(), "Ab7Lm2Np") || strings.Contains(err.Error(), "Imag3Pass") {
			t.Errorf("Parse(%q) error %v: want ErrUserInfo without the secret", s, err)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"u:p@reg.example.com/app:1", "reg.example.com/app:1"},
		{"https://u:p@reg.example.com/app", "https://reg.example.com/app"},
		{"python@sha256:" + hex64, "python@sha256:" + hex64},
		{"reg.example.com/app@sha256:" + hex64, "reg.example.com/app@sha256:" + hex64},
	} {
		if got, _ := StripUserInfo(tt.in); got != tt.want {
			t.Errorf("StripUserInfo(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Digests and ports are no user info.
	for _, s := range []string{"python@sha256:" + hex64, "reg.example.com:5000/app@sha256:" + hex64, "localhost:5000/a/b:1"} {
		if _, err := Parse(s); err != nil {
			t.Errorf("Parse(%q): %v", s, err)
		}
	}
}

// TestLeadingScheme: the "://" test before the scheme pattern changes
// nothing: leadingScheme finds what the pattern alone finds, on schemes,
// near misses and random strings over the bytes that matter.
func TestLeadingScheme(t *testing.T) {
	inputs := []string{"", "https://x", "HTTP://Registry/", "docker://python", "a+b.c-d://h", "1http://x",
		"http:/x", "http:://x", "x:/", "://x", "python:3.11", "user:pw@reg.example.com/app", "reg.example.com/a://b"}
	r := rand.New(rand.NewPCG(4, 4))
	word := func() string {
		b := make([]byte, r.IntN(6))
		for i := range b {
			b[i] = "ab1+.-:/@ "[r.IntN(10)]
		}
		return string(b)
	}
	for range 20000 {
		s := word() + word()
		if r.IntN(2) == 0 {
			s = word() + "://" + word() // most with a letter first have a scheme
		}
		inputs = append(inputs, s)
	}
	found := 0
	for _, s := range inputs {
		got, want := leadingScheme(s), schemePattern.FindString(s)
		if got != want {
			t.Fatalf("leadingScheme(%q) = %q, the pattern finds %q", s, got, want)
		}
		if want != "" {
			found++
		}
	}
	if found < 100 {
		t.Fatalf("only %d inputs have a scheme", found)
	}
}

// TestParseKeepsNoBytesOfItsArgument: the cache outlives the string Parse
// was given, whose bytes the caller may reuse (lint.Source's src is the
// caller's): neither the result nor the next answer for the same text may
// change when they do.
func TestParseKeepsNoBytesOfItsArgument(t *testing.T) {
	const text = "registry.example.com/team/alias-probe:1.0"
	buf := []byte(text)
	ref, err := Parse(unsafe.String(unsafe.SliceData(buf), len(buf)))
	if err != nil {
		t.Fatal(err)
	}
	copy(buf, strings.Repeat("x", len(buf)))
	if ref.Raw != text || ref.Registry != "registry.example.com" || ref.Path != "team/alias-probe" || ref.Tag != "1.0" {
		t.Errorf("the result changed with its argument's bytes: %+v", ref)
	}
	again, err := Parse(text)
	if err != nil || again.Raw != text || again.Path != "team/alias-probe" {
		t.Errorf("Parse(%q) after the bytes changed = %+v, %v", text, again, err)
	}
}
