package main

import (
	"runtime/debug"
	"strings"
)

// Stamped by release builds: go build -ldflags "-X main.version=1.2.3 -X main.commit=<sha>".
var (
	version string
	commit  string
)

// devVersion is the version of a build from source that was not stamped.
const devVersion = "0.2.0-dev"

// buildVersion returns daglint's semantic version and the commit it was
// built from ("" when unknown). A release build carries both in -ldflags;
// `go install module@v1.2.3` records the module version in the build info;
// a build in a git checkout records the commit (and whether the tree had
// uncommitted changes) in the build info's vcs settings.
func buildVersion() (ver, rev string) {
	ver, rev = strings.TrimPrefix(version, "v"), commit
	info, ok := debug.ReadBuildInfo()
	if !ok {
		if ver == "" {
			ver = devVersion
		}
		return ver, rev
	}
	if ver == "" {
		if v := info.Main.Version; v != "" && v != "(devel)" {
			ver = strings.TrimPrefix(v, "v")
		} else {
			ver = devVersion
		}
	}
	if rev == "" {
		var modified bool
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if rev != "" && modified {
			rev += "-dirty"
		}
	}
	return ver, rev
}

// fullVersion is the version with the short commit as semver build metadata
// ("0.2.0-dev+1a2b3c4d5e6f"), as SARIF's semanticVersion allows.
func fullVersion() string {
	ver, rev := buildVersion()
	if rev == "" || strings.Contains(ver, "+") {
		return ver
	}
	short := strings.TrimSuffix(rev, "-dirty")
	if len(short) > 12 {
		short = short[:12]
	}
	if strings.HasSuffix(rev, "-dirty") {
		short += ".dirty"
	}
	return ver + "+" + short
}

// versionLine is what `daglint version` prints.
func versionLine() string {
	ver, rev := buildVersion()
	if rev == "" {
		return "daglint " + ver
	}
	return "daglint " + ver + " (commit " + rev + ")"
}
