//go:build linux && (amd64 || arm64)

package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// vmFlags returns the VmFlags of the mapping of this process that holds
// addr, from /proc/self/smaps.
func vmFlags(t *testing.T, addr uintptr) []string {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no smaps: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		if r, _, ok := strings.Cut(line, " "); ok && strings.Count(r, "-") == 1 && !strings.HasSuffix(r, ":") {
			lo, hi, _ := strings.Cut(r, "-")
			l, err1 := strconv.ParseUint(lo, 16, 64)
			h, err2 := strconv.ParseUint(hi, 16, 64)
			in = err1 == nil && err2 == nil && uintptr(l) <= addr && addr < uintptr(h)
			continue
		}
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && in {
			return strings.Fields(flags)
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
	return nil
}

// hugePagesChild runs scenario in a fresh test process (a process's heap
// is advised once, and other tests' allocations would share it) and
// returns what it printed.
func hugePagesChild(t *testing.T, scenario string, env ...string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHugePagesChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), append(env, "DAGLINT_HUGEPAGES_CHILD="+scenario)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child %s: %v\n%s", scenario, err, out)
	}
	return string(out)
}

// TestHugePagesChild is the child process of the tests below; it does
// nothing in a normal run.
func TestHugePagesChild(t *testing.T) {
	switch os.Getenv("DAGLINT_HUGEPAGES_CHILD") {
	case "advise":
		lo, hi := adviseHugePages()
		if lo == hi {
			fmt.Println("RESULT no-advice")
			return
		}
		b := make([]byte, 16<<20)
		at := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
		zero := !slices.ContainsFunc(b, func(c byte) bool { return c != 0 })
		// b may start below lo, where the freed allocation started before
		// the first 2 MiB boundary: most of it lies in the range.
		mid := at + uintptr(len(b))/2
		fmt.Printf("RESULT advised=%v inside=%v zero=%v\n", slices.Contains(vmFlags(t, lo), "hg"),
			lo <= mid && mid < hi && slices.Contains(vmFlags(t, mid), "hg"), zero)
	case "prefer":
		preferHugePages()
		b := make([]byte, 16<<20)
		mid := uintptr(unsafe.Pointer(unsafe.SliceData(b))) + uintptr(len(b))/2
		fmt.Printf("RESULT advised=%v\n", slices.Contains(vmFlags(t, mid), "hg"))
	}
}

// TestAdviseHugePagesAdvisesTheHeap: the range adviseHugePages frees is
// marked for huge pages ("hg"), and the runtime hands it out again, zeroed:
// a large allocation made next lies mostly in it and reads as zero.
func TestAdviseHugePagesAdvisesTheHeap(t *testing.T) {
	out := hugePagesChild(t, "advise")
	if strings.Contains(out, "RESULT no-advice") {
		t.Skip("this kernel takes no huge-page advice")
	}
	if !strings.Contains(out, "RESULT advised=true inside=true zero=true") {
		t.Errorf("want the range advised, the next allocation inside it and zero; the child says:\n%s", out)
	}
}

// With the runtime's own switch against huge pages nothing is advised; and
// without it, preferHugePages does advise where adviseHugePages can.
func TestPreferHugePagesHonoursDisablethp(t *testing.T) {
	if out := hugePagesChild(t, "prefer", "GODEBUG=disablethp=1"); !strings.Contains(out, "RESULT advised=false") {
		t.Errorf("GODEBUG=disablethp=1, yet the heap is advised for huge pages; the child says:\n%s", out)
	}
	if out := hugePagesChild(t, "advise"); strings.Contains(out, "RESULT no-advice") {
		t.Skip("this kernel takes no huge-page advice")
	}
	if out := hugePagesChild(t, "prefer"); !strings.Contains(out, "RESULT advised=true") {
		t.Errorf("preferHugePages advised nothing; the child says:\n%s", out)
	}
}
