package lint

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"
)

// slotOf is the slot intern puts s in.
func slotOf(s string) (shard, slot uint32) {
	h := internHash(s)
	return h % internShardCount, (h / internShardCount) % internSlotsPerShard
}

// sameSlot returns n different messages that intern puts in one slot.
func sameSlot(t *testing.T, n int) []string {
	t.Helper()
	want0, want1 := slotOf("image m0")
	out := []string{"image m0"}
	for i := 1; len(out) < n; i++ {
		if i > 50_000_000 {
			t.Fatal("no colliding messages found")
		}
		s := fmt.Sprintf("image m%d", i)
		if a, b := slotOf(s); a == want0 && b == want1 {
			out = append(out, s)
		}
	}
	return out
}

func fresh(s string) string { return string([]byte(s)) }

func TestInternSharesEqualMessages(t *testing.T) {
	a := intern(fresh("image \"etl:1.0\" has no registry"))
	b := intern(fresh("image \"etl:1.0\" has no registry"))
	c := intern(fresh("image \"load:2.0\" has no registry"))
	if a != b || unsafe.StringData(a) != unsafe.StringData(b) {
		t.Errorf("equal messages do not share their bytes")
	}
	if c == a || unsafe.StringData(c) == unsafe.StringData(a) {
		t.Errorf("different messages share their bytes")
	}
}

// Two messages in one slot both stay shared; a third evicts the one used
// less recently, and every message still comes back equal to itself.
func TestInternSlotKeepsTwo(t *testing.T) {
	ms := sameSlot(t, 3)
	first := map[string]*byte{}
	for range 3 {
		for _, m := range ms[:2] {
			got := intern(fresh(m))
			if got != m {
				t.Fatalf("intern(%q) = %q", m, got)
			}
			if p, ok := first[m]; ok && p != unsafe.StringData(got) {
				t.Errorf("%q: a second copy although only two messages share its slot", m)
			}
			first[m] = unsafe.StringData(got)
		}
	}
	intern(fresh(ms[1])) // ms[1] most recent: ms[0] is the one to go
	third := intern(fresh(ms[2]))
	if third != ms[2] {
		t.Fatalf("intern(%q) = %q", ms[2], third)
	}
	if got := intern(fresh(ms[1])); unsafe.StringData(got) != first[ms[1]] {
		t.Errorf("the message used last was evicted")
	}
	if got := intern(fresh(ms[0])); got != ms[0] || unsafe.StringData(got) == first[ms[0]] {
		t.Errorf("the message used least recently was kept (or changed): %q", got)
	}
}

func BenchmarkIntern(b *testing.B) {
	ms := make([]string, 300)
	for i := range ms {
		ms[i] = fmt.Sprintf("image \"registry.example.com/team/app-%d:1.0\" names a registry without docker_conn_id; pulls of it get no credentials", i)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		intern(ms[i%len(ms)])
	}
}

// TestInternKeepsNoBytesOfItsArgument: a message entering the table is a
// copy, so a caller that reuses the bytes it came from changes neither what
// intern returned nor what it returns next.
func TestInternKeepsNoBytesOfItsArgument(t *testing.T) {
	const text = "image \"registry.example.com/team/intern-probe:1.0\" has no registry credentials"
	buf := []byte(text)
	first := intern(unsafe.String(unsafe.SliceData(buf), len(buf)))
	copy(buf, strings.Repeat("x", len(buf)))
	if first != text {
		t.Errorf("intern's result changed with its argument's bytes: %q", first)
	}
	if again := intern(fresh(text)); again != text || unsafe.StringData(again) != unsafe.StringData(first) {
		t.Errorf("intern(%q) after the bytes changed = %q, not the copy kept", text, again)
	}
}
