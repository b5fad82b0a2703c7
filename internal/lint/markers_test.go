package lint

import (
	"bytes"
	"math/rand"
	"testing"
)

// containsAny is the plain search markerSet replaces: one pass per marker.
func containsAny(src []byte, markers [][]byte) bool {
	for _, m := range markers {
		if bytes.Contains(src, m) {
			return true
		}
	}
	return false
}

// TestMarkerSetEqualsSearchPerMarker: the grouped search finds a marker
// exactly when searching for each marker does, on texts built from pieces
// of the markers (so near misses such as "BashOperator", "PodOperato",
// "Operator" at the start, "DockerSwarm Operator" abound), and on the
// prefilter's own list.
func TestMarkerSetEqualsSearchPerMarker(t *testing.T) {
	pieces := []string{"Operator", "Pod", "Job", "Docker", "Swarm", "Bash", "Kubernetes", "kubernetes",
		"docker", "dock", "noqa", "noq", "daglint", "get-login", "get-", " ", "\n", "x", "O", "perator"}
	rng := rand.New(rand.NewSource(1))
	sets := map[string][][]byte{
		"prefilter":     markers,
		"no operators":  {[]byte("noqa"), []byte("daglint")},
		"only operator": {[]byte("PodOperator")},
		"bare word":     {[]byte("Operator"), []byte("JobOperator")},
	}
	for name, ms := range sets {
		s := newMarkerSet(ms)
		found, missed := 0, 0
		for range 20000 {
			var b []byte
			for range rng.Intn(8) {
				b = append(b, pieces[rng.Intn(len(pieces))]...)
			}
			want := containsAny(b, ms)
			if got := s.in(b); got != want {
				t.Fatalf("%s: in(%q) = %v, one search per marker says %v", name, b, got, want)
			}
			if want {
				found++
			} else {
				missed++
			}
		}
		if found < 100 || missed < 100 {
			t.Fatalf("%s: too few texts of one kind: %d with a marker, %d without", name, found, missed)
		}
	}
}
