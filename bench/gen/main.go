//go:build devtools

// Command gen writes daglint's benchmark corpus: a synthetic repository of
// Airflow DAG files and plain Python modules, the same for the same seed.
//
// Usage:
//
//	go run ./bench/gen -out bench/corpus -files 3000 -seed 1
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/daglint/daglint/internal/lint/lintbench"
)

func main() {
	out := flag.String("out", "bench/corpus", "folder to write the corpus into (its content is replaced)")
	files := flag.Int("files", 3000, "number of files")
	dags := flag.Int("dag-percent", 40, "share of DAG files, in percent")
	seed := flag.Uint64("seed", 1, "random seed; the same seed gives the same corpus")
	flag.Parse()
	if err := os.RemoveAll(*out); err != nil {
		fmt.Fprintf(os.Stderr, "gen: clearing %s: %v\n", *out, err)
		os.Exit(1)
	}
	st, err := lintbench.Generate(*out, lintbench.Options{Files: *files, DAGPercent: *dags, Seed: *seed})
	if err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("%d files (%d DAG files), %d bytes in %s\n", st.Files, st.DAGFiles, st.Bytes, *out)
}
