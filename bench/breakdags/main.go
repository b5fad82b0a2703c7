//go:build devtools

// Command breakdags measures how much of a broken DAG file daglint still
// analyses.
//
// It takes the valid DAG files (CPython compiles them) under the given paths
// that call DockerOperator, DockerSwarmOperator or KubernetesPodOperator or
// use @task.docker / @task.kubernetes, writes one broken copy of each per
// kind of damage (drop a line, a bracket, a quote, a colon; chosen by a
// seeded random source, so the same seed gives the same copies), runs the
// daglint binary given with -daglint on the originals and on each set of
// copies, and counts:
//
//   - Docker/KPO calls still seen, through the pyparse API of the parser
//     linked into this command (so rebuild it with the parser to measure);
//   - findings still reported by the binary (`check --format json`), DAG001
//     counted apart.
//
// Usage:
//
//	go run ./bench/breakdags -daglint PATH [-seed 1] [-out DIR] [-json] DIR|FILE...
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/daglint/daglint/bench/internal/corpus"
	"github.com/daglint/daglint/internal/pyparse"
	"github.com/daglint/daglint/internal/rules"
)

// targetText picks candidate files before CPython checks them.
var targetText = regexp.MustCompile(`DockerOperator|DockerSwarmOperator|KubernetesPodOperator|task\.docker|task\.kubernetes`)

// kinds of damage, in report order; "original" is the undamaged copy.
var kinds = []string{"original", "drop-line", "drop-bracket", "drop-quote", "drop-colon"}

type fileResult struct {
	Name     string         `json:"name"`
	Source   string         `json:"source"`
	Calls    map[string]int `json:"calls"`
	Findings map[string]int `json:"findings"`      // excluding DAG001
	DAG001   map[string]int `json:"dag001"`        // copies with a DAG001 finding
	Valid    map[string]int `json:"cpython_valid"` // copies CPython compiles
	Copies   map[string]int `json:"copies"`
}

type kindTotal struct {
	Kind         string  `json:"kind"`
	Files        int     `json:"files"`
	CPythonValid int     `json:"cpython_valid"`
	DAG001Files  int     `json:"dag001_files"`
	Calls        int     `json:"calls_seen"`
	CallsRate    float64 `json:"calls_rate"`
	Findings     int     `json:"findings"`
	FindingsRate float64 `json:"findings_rate"`
}

type report struct {
	Daglint string        `json:"daglint"`
	Seed    uint64        `json:"seed"`
	Copies  int           `json:"copies_per_kind"`
	Files   int           `json:"files"`
	Totals  []kindTotal   `json:"totals"`
	PerFile []*fileResult `json:"per_file"`
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("breakdags", flag.ContinueOnError)
	fs.SetOutput(stderr)
	bin := fs.String("daglint", "", "daglint binary to run (required)")
	seed := fs.Uint64("seed", 1, "random seed; the same seed breaks the same places")
	out := fs.String("out", "", "folder for the copies (kept); default a temporary folder, removed")
	copies := fs.Int("copies", 1, "broken copies per kind and file (each broken independently)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	python := fs.String("python", corpus.Python(), "CPython interpreter that decides which files are valid")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *bin == "" || fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: breakdags -daglint PATH [flags] DIR|FILE...")
		return 2
	}
	r, err := measure(*bin, *python, *seed, max(*copies, 1), *out, fs.Args())
	if err != nil {
		fmt.Fprintln(stderr, "breakdags:", err)
		return 1
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(r)
		return 0
	}
	r.writeText(stdout)
	return 0
}

func measure(bin, python string, seed uint64, copies int, out string, roots []string) (*report, error) {
	paths, _, err := corpus.Files(roots, "", 10<<20)
	if err != nil {
		return nil, err
	}
	var cands []string
	srcs := map[string][]byte{}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err == nil && targetText.Match(src) {
			cands = append(cands, p)
			srcs[p] = src
		}
	}
	valid, err := cpythonValid(python, cands)
	if err != nil {
		return nil, err
	}
	if out == "" {
		if out, err = os.MkdirTemp("", "breakdags"); err != nil {
			return nil, err
		}
		defer os.RemoveAll(out)
	}
	r := &report{Daglint: bin, Seed: seed, Copies: copies}
	files := map[string]map[string]*fileResult{} // kind -> copy path -> result
	for _, k := range kinds {
		files[k] = map[string]*fileResult{}
		if err := os.MkdirAll(filepath.Join(out, k), 0o755); err != nil {
			return nil, err
		}
	}
	for i, p := range cands {
		if !valid[i] || countCalls(p, srcs[p]) == 0 {
			continue
		}
		fr := &fileResult{Name: fmt.Sprintf("%04d_%s", len(r.PerFile), filepath.Base(p)), Source: p,
			Calls: map[string]int{}, Findings: map[string]int{}, DAG001: map[string]int{}, Valid: map[string]int{}, Copies: map[string]int{}}
		for _, k := range kinds {
			n := copies
			if k == "original" {
				n = 1
			}
			for c := range n {
				broken, ok := breakSource(srcs[p], k, seed+uint64(c))
				if !ok {
					continue
				}
				cp := filepath.Join(out, k, strings.TrimSuffix(fr.Name, ".py")+fmt.Sprintf("_%d.py", c))
				if err := os.WriteFile(cp, broken, 0o644); err != nil {
					return nil, err
				}
				fr.Calls[k] += countCalls(cp, broken)
				fr.Copies[k]++
				files[k][cp] = fr
			}
		}
		r.PerFile = append(r.PerFile, fr)
	}
	r.Files = len(r.PerFile)
	for _, k := range kinds {
		var paths []string
		for cp := range files[k] {
			paths = append(paths, cp)
		}
		ok, err := cpythonValid(python, paths)
		if err != nil {
			return nil, err
		}
		for i, cp := range paths {
			if ok[i] {
				files[k][cp].Valid[k]++
			}
		}
		findings, err := runDaglint(bin, filepath.Join(out, k))
		if err != nil {
			return nil, err
		}
		t := kindTotal{Kind: k, Files: len(paths)}
		for cp, fr := range files[k] {
			f := findings[filepath.Base(cp)]
			fr.Findings[k] += f.other
			t.Findings += f.other
			if f.dag001 {
				fr.DAG001[k]++
				t.DAG001Files++
			}
		}
		for _, fr := range r.PerFile {
			t.Calls += fr.Calls[k]
			t.CPythonValid += fr.Valid[k]
		}
		r.Totals = append(r.Totals, t)
	}
	// Rates compare each kind with the originals of the same files.
	for i := range r.Totals {
		t := &r.Totals[i]
		calls, finds := 0, 0
		for _, fr := range r.PerFile {
			calls += fr.Copies[t.Kind] * fr.Calls["original"]
			finds += fr.Copies[t.Kind] * fr.Findings["original"]
		}
		if calls > 0 {
			t.CallsRate = float64(t.Calls) / float64(calls)
		}
		if finds > 0 {
			t.FindingsRate = float64(t.Findings) / float64(finds)
		}
	}
	return r, nil
}

// breakSource returns src with one thing removed, chosen by a random source
// seeded from seed, the file's content and the kind; false when src has nothing
// of that kind: a non-blank line, or a bracket, a colon or a string's opening
// or closing quote in code (not inside a string or a comment).
func breakSource(src []byte, kind string, seed uint64) ([]byte, bool) {
	if kind == "original" {
		return src, true
	}
	h := fnv.New64a()
	h.Write(src) // the content, not the path: the same file breaks the same way wherever it is
	h.Write([]byte("\x00" + kind))
	rng := rand.New(rand.NewPCG(seed, h.Sum64()))
	var spans [][2]int // candidate [start, end) byte ranges to delete
	switch kind {
	case "drop-line":
		start := 0
		for i := 0; i <= len(src); i++ {
			if i == len(src) || src[i] == '\n' {
				end := min(i+1, len(src))
				if len(bytes.TrimSpace(src[start:i])) > 0 {
					spans = append(spans, [2]int{start, end})
				}
				start = i + 1
			}
		}
	default:
		brackets, quotes, colons := lexPositions(src)
		for _, i := range map[string][]int{"drop-bracket": brackets, "drop-quote": quotes, "drop-colon": colons}[kind] {
			spans = append(spans, [2]int{i, i + 1})
		}
	}
	if len(spans) == 0 {
		return nil, false
	}
	sp := spans[rng.IntN(len(spans))]
	out := make([]byte, 0, len(src))
	out = append(out, src[:sp[0]]...)
	return append(out, src[sp[1]:]...), true
}

// lexPositions returns the offsets of the brackets, string quotes (the
// first and the last character of each string literal's quotes) and colons
// of src that are code, with a small scanner of Python's lexical rules: it
// skips comments and strings (prefixes, triple quotes, backslash escapes).
func lexPositions(src []byte) (brackets, quotes, colons []int) {
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case '(', ')', '[', ']', '{', '}':
			brackets = append(brackets, i)
		case ':':
			colons = append(colons, i)
		case '\'', '"':
			q := 1
			if i+2 < len(src) && src[i+1] == c && src[i+2] == c {
				q = 3
			}
			quotes = append(quotes, i)
			j := i + q
			for j < len(src) {
				if src[j] == '\\' {
					j += 2
					continue
				}
				if src[j] == c && (q == 1 || j+2 < len(src) && src[j+1] == c && src[j+2] == c) {
					break
				}
				if src[j] == '\n' && q == 1 {
					break
				}
				j++
			}
			if j < len(src) && src[j] == c {
				quotes = append(quotes, j+q-1)
			}
			i = min(j+q-1, len(src))
		}
	}
	return brackets, quotes, colons
}

// countCalls counts the Docker and Kubernetes pod operator calls daglint's
// parser sees: calls whose callee's name ends in DockerOperator,
// DockerSwarmOperator or KubernetesPodOperator, and task.docker /
// task.kubernetes decorators (called or not).
func countCalls(path string, src []byte) (n int) {
	defer func() {
		if recover() != nil {
			n = 0 // a parser panic sees nothing
		}
	}()
	f := pyparse.Parse(path, src)
	pyparse.InspectFile(f, func(nd pyparse.Node) bool {
		switch nd := nd.(type) {
		case *pyparse.Call:
			if isTarget(nd.Func) {
				n++
			}
		case *pyparse.FuncDef:
			for _, d := range nd.Decorators {
				if isTaskDecorator(d) {
					n++ // a called decorator is counted as a Call
				}
			}
		}
		return true
	})
	return n
}

func isTarget(e pyparse.Expr) bool {
	var name string
	switch e := e.(type) {
	case *pyparse.Name:
		name = e.ID
	case *pyparse.Attribute:
		if isTaskDecorator(e) {
			return true
		}
		name = e.Attr
	}
	for _, s := range []string{"DockerOperator", "DockerSwarmOperator", "KubernetesPodOperator"} {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// isTaskDecorator reports whether e is task.docker or task.kubernetes.
func isTaskDecorator(e pyparse.Expr) bool {
	a, ok := e.(*pyparse.Attribute)
	if !ok || (a.Attr != "docker" && a.Attr != "kubernetes") {
		return false
	}
	n, ok := a.Value.(*pyparse.Name)
	return ok && n.ID == "task"
}

// validScript prints 1 or 0 for each path on stdin: whether CPython compiles it.
const validScript = `import json, sys, warnings
warnings.simplefilter("ignore")
for line in sys.stdin:
    p = json.loads(line)
    try:
        with open(p, "rb") as f:
            compile(f.read(), p, "exec", dont_inherit=True)
        print(1)
    except Exception:
        print(0)
    sys.stdout.flush()
`

func cpythonValid(python string, paths []string) ([]bool, error) {
	var in bytes.Buffer
	for _, p := range paths {
		b, _ := json.Marshal(p)
		in.Write(b)
		in.WriteByte('\n')
	}
	cmd := exec.Command(python, "-c", validScript)
	cmd.Stdin = &in
	outb, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("running %s: %w", python, err)
	}
	var ok []bool
	sc := bufio.NewScanner(bytes.NewReader(outb))
	for sc.Scan() {
		ok = append(ok, sc.Text() == "1")
	}
	if len(ok) != len(paths) {
		return nil, fmt.Errorf("%s answered for %d of %d files", python, len(ok), len(paths))
	}
	return ok, nil
}

type fileFindings struct {
	other  int
	dag001 bool
}

// runDaglint runs `daglint check --format json` on dir and counts findings
// per file name.
func runDaglint(bin, dir string) (map[string]fileFindings, error) {
	cmd := exec.Command(bin, "check", "--no-config", "--no-gitignore", "--format", "json", dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	outb, err := cmd.Output()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		return nil, fmt.Errorf("running %s: %w: %s", bin, err, strings.TrimSpace(stderr.String()))
	}
	var doc struct {
		Findings []struct {
			RuleID string `json:"rule_id"`
			Path   string `json:"path"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(outb, &doc); err != nil {
		return nil, fmt.Errorf("reading %s's JSON: %w", bin, err)
	}
	res := map[string]fileFindings{}
	for _, f := range doc.Findings {
		name := filepath.Base(f.Path)
		ff := res[name]
		if f.RuleID == rules.SyntaxError.ID {
			ff.dag001 = true
		} else {
			ff.other++
		}
		res[name] = ff
	}
	return res, nil
}

func (r *report) writeText(w io.Writer) {
	fmt.Fprintf(w, "breakdags: %d valid DAG files with Docker/KPO calls, seed %d, %d broken copies per kind, daglint %s\n\n",
		r.Files, r.Seed, r.Copies, r.Daglint)
	fmt.Fprintf(w, "%-13s %6s %8s %7s %12s %15s\n", "kind", "copies", "valid", rules.SyntaxError.ID, "calls seen", "findings")
	for _, t := range r.Totals {
		fmt.Fprintf(w, "%-13s %6d %8d %7d %5d %5.1f%% %7d %5.1f%%\n", t.Kind, t.Files, t.CPythonValid, t.DAG001Files,
			t.Calls, 100*t.CallsRate, t.Findings, 100*t.FindingsRate)
	}
	fmt.Fprintln(w, "\nvalid: copies CPython still compiles; calls seen: by the parser linked into breakdags;")
	fmt.Fprintf(w, "findings: reported by the binary, %s excluded; rates against the same files' originals\n", rules.SyntaxError.ID)
}
