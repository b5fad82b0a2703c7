package main

import (
	"regexp"
	"strings"
	"testing"
)

// semver is the Semantic Versioning 2.0.0 grammar (SARIF's semanticVersion).
var semver = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

func TestVersionStamped(t *testing.T) {
	defer func(v, c string) { version, commit = v, c }(version, commit)
	version, commit = "v1.4.2", "0123456789abcdef0123456789abcdef01234567"
	ver, rev := buildVersion()
	if ver != "1.4.2" || rev != commit {
		t.Errorf("buildVersion() = %q, %q", ver, rev)
	}
	if got := fullVersion(); got != "1.4.2+0123456789ab" || !semver.MatchString(got) {
		t.Errorf("fullVersion() = %q, want 1.4.2+0123456789ab (semver)", got)
	}
	if got := versionLine(); got != "daglint 1.4.2 (commit "+commit+")" {
		t.Errorf("versionLine() = %q", got)
	}
}

func TestVersionUnstamped(t *testing.T) {
	defer func(v, c string) { version, commit = v, c }(version, commit)
	version, commit = "", ""
	ver, _ := buildVersion()
	// A test binary's main module has version "(devel)": the dev version applies.
	if ver != devVersion {
		t.Errorf("buildVersion() version = %q, want %q", ver, devVersion)
	}
	if got := fullVersion(); !semver.MatchString(got) || !strings.HasPrefix(got, devVersion) {
		t.Errorf("fullVersion() = %q is not semver starting with %s", got, devVersion)
	}
	commit = "abc-dirty"
	if got := fullVersion(); got != devVersion+"+abc.dirty" || !semver.MatchString(got) {
		t.Errorf("fullVersion() with a dirty tree = %q", got)
	}
}
