//go:build devtools

// Command xmodule measures what the project's module index adds: for every
// Python file under a project root it builds the model twice, on its own
// (as daglint did before the index) and with the index, and counts the
// operator calls and the image, docker_conn_id and default_args values
// that resolve, and how many values came from another module.
//
// Usage (from the module root, the project root as argument):
//
//	go run -tags devtools ./bench/xmodule [-python-path a,b] DIR
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/project"
	"github.com/daglint/daglint/internal/pyparse"
)

type counts struct {
	files, calls, subclass, images, conns, imported int
}

func (c *counts) add(m *airflow.Model) {
	for _, op := range m.Calls {
		c.calls++
		if op.IsSubclass() {
			c.subclass++
		}
		if a := op.Arg("image"); a != nil && a.Value.Kind == airflow.String {
			c.images++
		}
		if a := op.Arg("docker_conn_id"); a != nil && a.Value.Kind == airflow.String {
			c.conns++
		}
		for _, a := range op.Args {
			if a.Value.Origin() != nil {
				c.imported++
				break
			}
		}
	}
}

func main() {
	pyPath := flag.String("python-path", "", "extra import folders, comma-separated, relative to DIR")
	verbose := flag.Bool("v", false, "print each call whose image resolves only with the index")
	unresolved := flag.Bool("unresolved", false, "print each call whose image stays unresolved with the index")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: xmodule [-python-path a,b] DIR")
		os.Exit(2)
	}
	root, err := filepath.Abs(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var extra []string
	if *pyPath != "" {
		extra = strings.Split(*pyPath, ",")
	}
	cwd, _ := os.Getwd()
	ix := project.New(root, cwd, extra)
	var alone, with counts
	var tAlone, tWith time.Duration
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if n := d.Name(); n != "." && strings.HasPrefix(n, ".") || n == "node_modules" || n == "__pycache__" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".py") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil || !lint.Relevant(src) && !lint.ImportsProject(path, src, ix) {
			return nil
		}
		f := pyparse.Parse(path, src)
		start := time.Now()
		a := airflow.Build(f)
		tAlone += time.Since(start)
		start = time.Now()
		w := airflow.BuildWith(f, ix)
		tWith += time.Since(start)
		alone.files++
		with.files++
		alone.add(a)
		with.add(w)
		if *unresolved {
			for _, op := range w.Calls {
				if wa := op.Arg("image"); wa == nil || wa.Value.Kind != airflow.String {
					fmt.Printf("%s:%d: %s image unresolved\n", path, f.Lines.Line(op.Callee.Start), op.CalleeText)
				}
			}
		}
		if *verbose {
			for i, op := range w.Calls {
				wa, aa := op.Arg("image"), a.Calls[i].Arg("image")
				if wa != nil && wa.Value.Kind == airflow.String && (aa == nil || aa.Value.Kind != airflow.String) {
					fmt.Printf("%s:%d: %s image %q\n", path, f.Lines.Line(op.Callee.Start), op.CalleeText, wa.Value.Str)
				}
			}
		}
		return nil
	})
	fmt.Printf("root %s (import roots %d, modules read %d)\n", root, len(ix.Roots()), ix.Reads())
	fmt.Printf("%-12s %6s %6s %8s %8s %14s %8s %10s\n", "", "files", "calls", "subclass", "images", "docker_conn_id", "imported", "model time")
	fmt.Printf("%-12s %6d %6d %8d %8d %14d %8d %10s\n", "per file", alone.files, alone.calls, alone.subclass, alone.images, alone.conns, alone.imported, tAlone.Round(time.Millisecond))
	fmt.Printf("%-12s %6d %6d %8d %8d %14d %8d %10s\n", "with index", with.files, with.calls, with.subclass, with.images, with.conns, with.imported, tWith.Round(time.Millisecond))
}
