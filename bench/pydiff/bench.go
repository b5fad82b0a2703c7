//go:build devtools

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"syscall"
	"time"

	"github.com/daglint/daglint/internal/pyparse"
)

type benchRecord struct {
	Python     string    `json:"python"`
	Executable string    `json:"executable"`
	Files      []string  `json:"files"`
	Bytes      int64     `json:"bytes"`
	CPU        []float64 `json:"cpu_seconds"`
	Wall       []float64 `json:"wall_seconds"`
}

type benchResult struct {
	Python      string  `json:"python"`
	Files       int     `json:"files"`
	Bytes       int64   `json:"bytes"`
	Runs        int     `json:"runs"`
	DaglintCPU  float64 `json:"daglint_cpu_seconds"`
	DaglintWall float64 `json:"daglint_wall_seconds"`
	DaglintMBs  float64 `json:"daglint_mb_per_s"`
	CPythonCPU  float64 `json:"cpython_cpu_seconds"`
	CPythonMBs  float64 `json:"cpython_mb_per_s"`
	RatioCPU    float64 `json:"ratio"`
}

// runBench times the parsers alone, each on one core, over the files CPython's
// ast.parse accepts: CPython's `for src in sources: ast.parse(src)` and
// daglint's pyparse.Parse (each tree released, as `daglint check` does) in one goroutine with GOMAXPROCS=1 (so the garbage
// collector shares that core). Best of runs, in CPU seconds.
func runBench(py *python, paths []string, runs int, w io.Writer, asJSON bool) error {
	var rec benchRecord
	if _, err := py.stream([]string{"--bench", fmt.Sprint(runs)}, paths, func(b []byte) error {
		return json.Unmarshal(b, &rec)
	}); err != nil {
		return err
	}
	srcs := make([][]byte, 0, len(rec.Files))
	for _, p := range rec.Files {
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		srcs = append(srcs, src)
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	bestCPU, bestWall := -1.0, -1.0
	for range runs {
		runtime.GC()
		c0, w0 := cpuSeconds(), time.Now()
		for i, src := range srcs {
			// Each tree is released once parsed, as daglint check releases a
			// file's tree once linted (and as CPython's loop frees each AST).
			pyparse.Parse(rec.Files[i], src).Release()
		}
		c, wall := cpuSeconds()-c0, time.Since(w0).Seconds()
		if bestCPU < 0 || c < bestCPU {
			bestCPU = c
		}
		if bestWall < 0 || wall < bestWall {
			bestWall = wall
		}
	}
	pyBest := -1.0
	for _, c := range rec.CPU {
		if pyBest < 0 || c < pyBest {
			pyBest = c
		}
	}
	mb := float64(rec.Bytes) / 1e6
	res := benchResult{Python: rec.Python + " (" + rec.Executable + ")", Files: len(srcs), Bytes: rec.Bytes, Runs: runs,
		DaglintCPU: bestCPU, DaglintWall: bestWall, CPythonCPU: pyBest}
	if bestCPU > 0 {
		res.DaglintMBs = mb / bestCPU
	}
	if pyBest > 0 {
		res.CPythonMBs = mb / pyBest
	}
	if res.CPythonMBs > 0 {
		res.RatioCPU = res.DaglintMBs / res.CPythonMBs
	}
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	fmt.Fprintf(w, "parser alone, one core, best of %d, %d files CPython accepts (%.1f MB)\n", runs, res.Files, mb)
	fmt.Fprintf(w, "daglint pyparse.Parse, each tree released: %.2f s CPU (%.2f s wall), %.1f MB/s\n", res.DaglintCPU, res.DaglintWall, res.DaglintMBs)
	fmt.Fprintf(w, "CPython %s ast.parse: %.2f s CPU, %.1f MB/s\n", res.Python, res.CPythonCPU, res.CPythonMBs)
	fmt.Fprintf(w, "ratio: daglint parses %.2fx CPython's MB/s\n", res.RatioCPU)
	return nil
}

// cpuSeconds is the process's user+system CPU time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
