// Command pydiff compares daglint's Python parser with CPython.
//
// For each .py file under the given folders it asks CPython (one interpreter
// process for all files, running cpython_dump.py) whether
// compile(source_bytes, path, "exec") accepts the file, where the first error
// is and, for a valid file, where every call, keyword argument and string
// literal is; then it asks daglint's parser (internal/pyparse, through its
// exported view only) the same and reports the differences.
//
// Usage:
//
//	go run ./bench/pydiff [flags] DIR|FILE...
//	go run ./bench/pydiff --snippets FILE...   # doctest and helper snippets of CPython's tests
//	go run ./bench/pydiff --bench 5 DIR...     # parser-alone MB/s on one core, next to ast.parse
//
// See bench/README.md for what is compared and how it is normalised.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/daglint/daglint/bench/internal/corpus"
)

type options struct {
	json     bool
	jsonOut  string
	limit    int
	jobs     int
	python   string
	maxBytes int64
	list     string
	snippets bool
	bench    int
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	var o options
	fs := flag.NewFlagSet("pydiff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&o.json, "json", false, "print the result as JSON")
	fs.StringVar(&o.jsonOut, "json-out", "", "also write the JSON result to this file")
	fs.IntVar(&o.limit, "limit", 0, "compare only the first N files (sorted by path); 0 for all")
	fs.IntVar(&o.jobs, "jobs", runtime.NumCPU(), "files parsed by daglint in parallel")
	fs.StringVar(&o.python, "python", corpus.Python(), "CPython interpreter")
	fs.Int64Var(&o.maxBytes, "max-bytes", 10<<20, "skip files larger than this")
	fs.StringVar(&o.list, "list", "", "read the paths to compare from this file (one a line) as well")
	fs.BoolVar(&o.snippets, "snippets", false, "compare the snippets found in the given CPython test files instead of whole files")
	fs.IntVar(&o.bench, "bench", 0, "time parsing N times over the files CPython accepts (one core) instead of comparing")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	roots := fs.Args()
	if len(roots) == 0 && o.list == "" {
		fmt.Fprintln(stderr, "usage: pydiff [flags] DIR|FILE...")
		return 2
	}
	paths, skipped, err := corpus.Files(roots, o.list, o.maxBytes)
	if err != nil {
		fmt.Fprintln(stderr, "pydiff:", err)
		return 1
	}
	if o.limit > 0 && len(paths) > o.limit {
		paths = paths[:o.limit]
	}
	py, err := newPython(o.python)
	if err != nil {
		fmt.Fprintln(stderr, "pydiff:", err)
		return 1
	}
	defer py.close()

	if o.bench > 0 {
		if err := runBench(py, paths, o.bench, stdout, o.json); err != nil {
			fmt.Fprintln(stderr, "pydiff:", err)
			return 1
		}
		return 0
	}
	var s *summary
	if o.snippets {
		s, err = diffSnippets(py, paths)
	} else {
		s, err = diffFiles(py, paths, o.jobs)
		s.Skipped += skipped
	}
	if err != nil {
		fmt.Fprintln(stderr, "pydiff:", err)
		return 1
	}
	s.Roots = roots
	s.finish()
	if o.jsonOut != "" {
		b, _ := json.MarshalIndent(s, "", "  ")
		if err := os.WriteFile(o.jsonOut, append(b, '\n'), 0o644); err != nil {
			fmt.Fprintln(stderr, "pydiff:", err)
			return 1
		}
	}
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(s)
	} else {
		s.writeText(stdout)
	}
	return 0
}
