//go:build linux && (amd64 || arm64)

package main

import (
	"os"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"unsafe"
)

// hugePageHeap is how much of the heap's first address space
// preferHugePages asks the kernel to back with transparent huge pages:
// all a 3,000-file run ever uses, and most of what the soft memory limit
// lets a 30,000-file run use.
const hugePageHeap = 64 << 20

// preferHugePages asks Linux to back the memory the garbage collector is
// about to hand out with 2 MiB pages where the system allows it
// (transparent_hugepage set to "madvise", the default of most
// distributions; "always" needs nothing, "never" ignores the request).
//
// A run touches every page of its heap once, and on virtual machines (CI
// runners among them) the first touch of a 4 KiB page costs about 12 µs:
// 4,500 faults were a sixth of a bench-corpus run's CPU time. The Go
// runtime no longer asks for huge pages itself, so this reserves the first
// hugePageHeap bytes of heap with one allocation the runtime maps but
// never writes (fresh memory is known to be zero), marks that range
// MADV_HUGEPAGE and frees it at once; the runtime's page allocator hands
// out the lowest free addresses first, so the spans of the run come from
// it. The advice changes no byte and no allocation: at worst (a kernel
// without transparent huge pages, a range the runtime maps again) it does
// nothing. Measured on bench/corpus: page faults 4,700 to 1,200, CPU time
// -20%, wall time -14%, peak RSS 23 to 28 MB; on 30,000 files peak RSS is
// unchanged (the soft memory limit bounds it). GODEBUG=disablethp=1, the
// runtime's own switch against huge pages, turns it off.
func preferHugePages() {
	hugePagesOnce.Do(func() {
		if !strings.Contains(os.Getenv("GODEBUG"), "disablethp=1") {
			adviseHugePages()
		}
	})
}

// hugePagesOnce makes preferHugePages a process's once: the range is the
// heap's first, and in-process tests run check many times.
var hugePagesOnce sync.Once

// adviseHugePages is preferHugePages without the switch; it returns the
// range it advised (lo == hi: none).
func adviseHugePages() (lo, hi uintptr) {
	b := make([]byte, hugePageHeap)
	const huge = 2 << 20
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	lo, hi = (start+huge-1)&^(huge-1), (start+hugePageHeap)&^(huge-1)
	if hi <= lo {
		return 0, 0
	}
	if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, lo, hi-lo, syscall.MADV_HUGEPAGE); errno != 0 {
		lo, hi = 0, 0 // a kernel without transparent huge pages: advice only, nothing to undo
	}
	runtime.KeepAlive(b)
	runtime.GC() // the range goes back to the page allocator now, before the run's first span
	return lo, hi
}
