package lint

import (
	"encoding/hex"
	"testing"
	"unsafe"

	"github.com/daglint/daglint/internal/report"
)

// TestLocatedStaysSmall: every finding of a run is kept as a located until
// the report, so its layout is kept compact (positions, one pointer for
// the rare related locations and fixes, the fingerprint's hash).
func TestLocatedStaysSmall(t *testing.T) {
	if n := unsafe.Sizeof(located{}); n > 160 {
		t.Errorf("located is %d bytes, want at most 160", n)
	}
}

// TestStampCopyKeepsOriginal: stamping a copy of a file's located findings
// for another path (a rebased result) changes neither the related paths
// nor the fingerprints of the original.
func TestStampCopyKeepsOriginal(t *testing.T) {
	orig := stamp([]located{{
		ruleID: "DAG101", message: "m", text: "image='x'",
		more: &locatedMore{related: []report.Related{{Message: "here"}, {Path: "other.py", Message: "there"}}},
	}}, "a.py")
	sum := orig[0].fingerprint
	moved := stamp(append([]located(nil), orig...), "b.py")
	if got := orig[0].more.stamped; got[0].Path != "a.py" || got[1].Path != "other.py" {
		t.Errorf("original related after a rebased copy: %+v, want a.py, other.py", got)
	}
	if got := moved[0].more.stamped; got[0].Path != "b.py" || got[1].Path != "other.py" {
		t.Errorf("rebased related: %+v, want b.py, other.py", got)
	}
	if orig[0].fingerprint != sum || moved[0].fingerprint == sum {
		t.Errorf("fingerprints: original %x (was %x), rebased %x: want the original's kept, the copy's new", orig[0].fingerprint, sum, moved[0].fingerprint)
	}
	if got, want := hex.EncodeToString(moved[0].fingerprint[:]), Fingerprint("DAG101", "b.py", "image='x'", 0); got != want || len(want) != 32 {
		t.Errorf("rebased fingerprint %s, want Fingerprint's %s (32 hex digits)", got, want)
	}
}
