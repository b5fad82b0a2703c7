// Command daglint checks Apache Airflow DAG files for Docker image and
// registry-credential mistakes without running Python.
//
//	daglint check [flags] [PATH...]
//	daglint rules
//	daglint explain ID
//	daglint server
//	daglint version
package main

import (
	"os"
	"runtime/debug"
)

// softMemoryLimit is the heap size the garbage collector works to stay
// under unless GOMEMLIMIT says otherwise: a lint of a 30,000-file tree keeps
// about 50 MB live, and without a limit the collector lets the heap grow to
// twice that before it runs. It is soft: a larger live heap (one huge file)
// is still allowed, at the cost of more frequent collections. At 75 MiB
// with gcPercent below, 30,000 files peak at 84 MB RSS (93 MB at 80 MiB).
const softMemoryLimit = 75 << 20

// gcPercent is the garbage collector's GOGC unless the environment sets
// one. A run keeps little alive between files (each file's syntax tree goes
// back to the parser, its model is garbage once its findings are
// positioned), so the default of 100 collects every few files. Higher
// values collect less often but let the heap grow over memory the process
// has never touched, and a first touch costs a page fault (on virtual
// machines about 12 us for each 4 KiB page). With the heap on huge pages
// (preferHugePages) faults are cheap, and on bench/corpus 400 is 6-9%
// faster in wall time than 200 (perf stat -r 10, three interleaved series:
// 0.132-0.137 s against 0.141-0.148 s), peak RSS 31 MB instead of 25; 600
// gains nothing more. The soft memory limit above still bounds the heap of
// a large tree: 30,000 files peak at 78 MB either way.
const gcPercent = 400

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if len(os.Args) > 1 && os.Args[1] == "server" {
		preferHugePages() // see hugepages_linux.go; check asks once it knows its paths
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
