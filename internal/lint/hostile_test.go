package lint_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/report"
	"github.com/daglint/daglint/internal/walk"
)

const dockerImport = "from airflow.providers.docker.operators.docker import DockerOperator\n"

// dirtyCall gives DAG101 at column 35 of its line (the image value).
const dirtyCall = "DockerOperator(task_id='t', image='etl:1.0', docker_conn_id='gitlab')\n"

// dirtyDAG is the "other file" of every hostile test: one DAG101 at 2:35.
const dirtyDAG = dockerImport + dirtyCall

func writeFile(t *testing.T, dir, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// lintWithOther lints the hostile content next to the dirty DAG file and
// checks that the dirty file's finding survives whatever happens to the
// hostile one. It returns the hostile file's result and report findings.
func lintWithOther(t *testing.T, hostile []byte, opts lint.Options) (lint.Result, []report.Finding) {
	t.Helper()
	dir := t.TempDir()
	hp := writeFile(t, dir, "hostile.py", hostile)
	op := writeFile(t, dir, "other.py", []byte(dirtyDAG))
	results := lint.Files([]string{hp, op}, opts)
	if len(results) != 2 || results[0].Path != hp || results[1].Path != op {
		t.Fatalf("results not in the order given: %+v", results)
	}
	findings, _ := lint.Findings(results, opts.Rules)
	var mine []report.Finding
	other := false
	for _, f := range findings {
		switch f.Path {
		case op:
			if f.RuleID == "DAG101" && f.Start.Line == 2 && f.Start.Column == 35 {
				other = true
			}
		case hp:
			mine = append(mine, f)
		}
	}
	if !other {
		t.Errorf("the other file's DAG101 at 2:35 is missing; findings: %v", summarize(findings))
	}
	if results[1].Err != nil {
		t.Errorf("the other file has an error: %v", results[1].Err)
	}
	return results[0], mine
}

// summarize renders findings briefly for failure messages.
func summarize(fs []report.Finding) string {
	var b strings.Builder
	for i, f := range fs {
		if i == 20 {
			fmt.Fprintf(&b, " ... (%d in all)", len(fs))
			break
		}
		fmt.Fprintf(&b, " %s:%d:%d:%s", filepath.Base(f.Path), f.Start.Line, f.Start.Column, f.RuleID)
	}
	return b.String()
}

// has reports whether findings hold rule id at line:col (col 0: any).
func has(fs []report.Finding, id string, line, col int) bool {
	for _, f := range fs {
		if f.RuleID == id && f.Start.Line == line && (col == 0 || f.Start.Column == col) {
			return true
		}
	}
	return false
}

func noInternalError(t *testing.T, res lint.Result) {
	t.Helper()
	if res.Err != nil && strings.Contains(res.Err.Error(), "internal error") {
		t.Fatalf("daglint broke on the hostile file: %v", res.Err)
	}
}

func TestHostileSkippedFiles(t *testing.T) {
	binary := []byte("\x7fELF\x02\x01\x01\x00\x00\x00DockerOperator(image='etl')\x00\xff\xfe")
	tests := []struct {
		name    string
		content []byte
		wantErr error // nil: linted without error
	}{
		{"binary", binary, lint.ErrBinary},
		{"only NUL bytes", make([]byte, 4096), lint.ErrBinary},
		{"NUL after a DAG", []byte(dirtyDAG + "\x00"), lint.ErrBinary},
		{"empty", nil, nil},
		{"only a BOM", []byte("\xef\xbb\xbf"), nil},
		{"plain text", []byte("just some words\n"), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, mine := lintWithOther(t, tc.content, allRulesOptions())
			noInternalError(t, res)
			switch {
			case tc.wantErr == nil && res.Err != nil:
				t.Errorf("unexpected error: %v", res.Err)
			case tc.wantErr != nil && !errors.Is(res.Err, tc.wantErr):
				t.Errorf("error %v, want %v", res.Err, tc.wantErr)
			}
			if tc.wantErr != nil && len(mine) != 0 {
				t.Errorf("a skipped file has findings: %s", summarize(mine))
			}
		})
	}
}

func TestHostileEncodings(t *testing.T) {
	tests := []struct {
		name      string
		content   string
		line, col int // where DAG101 must be
	}{
		{
			name:    "latin-1 in comment and string",
			content: "# -*- coding: latin-1 -*-\n# caf\xe9 cr\xe8me\n" + dockerImport + "DockerOperator(task_id='t\xe9', image='etl:1.0', docker_conn_id='gitlab')  # \xff\n",
			line:    4, col: 36,
		},
		{
			name:    "latin-1 before the image on the same line",
			content: "# coding: iso-8859-1\n" + dockerImport + "X = '\xe9\xe9'; DockerOperator(task_id='t', image='etl:1.0', docker_conn_id='gitlab')\n",
			line:    3, col: 45,
		},
		{
			name:    "BOM and CRLF",
			content: "\xef\xbb\xbf# -*- coding: utf-8 -*-\r\n" + strings.ReplaceAll(dirtyDAG, "\n", "\r\n"),
			line:    3, col: 35,
		},
		{
			name:    "BOM and CRLF, finding on the first line",
			content: "\xef\xbb\xbf" + strings.TrimSuffix(dockerImport, "\n") + "; " + strings.TrimSuffix(dirtyCall, "\n") + "\r\n",
			// the BOM's three bytes count in the byte column
			line: 1, col: 3 + len(dockerImport) - 1 + 2 + 35,
		},
		{
			// CPython's tokenizer takes a lone CR as a line end.
			name:    "lone CR line endings",
			content: strings.ReplaceAll("# x\n"+dirtyDAG, "\n", "\r"),
			line:    3, col: 35,
		},
		{
			name:    "lone CR and CRLF mixed",
			content: "# x\r\n" + dockerImport[:len(dockerImport)-1] + "\r" + dirtyCall,
			line:    3, col: 35,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, mine := lintWithOther(t, []byte(tc.content), allRulesOptions())
			noInternalError(t, res)
			if res.Err != nil {
				t.Fatalf("unexpected error: %v", res.Err)
			}
			if !has(mine, "DAG101", tc.line, tc.col) {
				t.Errorf("want DAG101 at %d:%d; got%s", tc.line, tc.col, summarize(mine))
			}
			for _, f := range mine {
				if f.RuleID == "DAG001" {
					t.Errorf("valid file reported as a syntax error at %d:%d: %s", f.Start.Line, f.Start.Column, f.Message)
				}
			}
		})
	}
}

// TestUndeclaredLatin1 is a latin-1 string literal in a file that
// declares no encoding: CPython rejects it ("(unicode error) 'utf-8' codec
// can't decode byte 0xe9 ..."), so it is DAG001, and the call on the same
// line is still analysed.
func TestUndeclaredLatin1(t *testing.T) {
	content := dockerImport + "X = '\xe9\xe9'; DockerOperator(task_id='t', image='etl:1.0', docker_conn_id='gitlab')\n"
	res, mine := lintWithOther(t, []byte(content), allRulesOptions())
	noInternalError(t, res)
	if !has(mine, "DAG101", 2, 45) {
		t.Errorf("want DAG101 at 2:45; got%s", summarize(mine))
	}
	found := false
	for _, f := range mine {
		if f.RuleID == "DAG001" && f.Start.Line == 2 && strings.Contains(f.Message, "'utf-8' codec can't decode byte 0xe9") {
			found = true
		}
	}
	if !found {
		t.Errorf("want DAG001 for the undeclared latin-1 literal; got%s", summarize(mine))
	}
}

// TestHostileSizes feeds inputs built to exhaust stacks or time: deep
// nesting, one huge line, a huge number of calls. Each must still produce
// its finding, and its cost must grow linearly: the input at half and at
// full size, the allocations (counted, so the test does not depend on the
// machine's load) of the full one stay under 3 times those of the half.
func TestHostileSizes(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	call := dirtyCall[:len(dirtyCall)-2]
	withCommand := func(open, elem, close string) func(int) string {
		return func(n int) string {
			return dockerImport + "DockerOperator(task_id='t', image='etl:1.0', docker_conn_id='gitlab', command=" +
				strings.Repeat(open, n) + elem + strings.Repeat(close, n) + ")\n"
		}
	}
	tests := []struct {
		name string
		gen  func(n int) string
		n    int
		line int  // DAG101 line (0: any); -1: the last line
		col  int  // DAG101 column
		many bool // one DAG101 per unit of n
	}{
		{name: "50k nested parentheses", gen: withCommand("(", "'x'", ")"), n: 50000, line: 2, col: 35},
		{name: "50k nested calls", gen: withCommand("f(", "'x'", ")"), n: 50000, line: 2, col: 35},
		{name: "50k nested lists and dicts", gen: withCommand("[{1: ", "'x'", "}]"), n: 50000, line: 2, col: 35},
		// CPython allows 100 levels of indentation.
		{name: "90 nested blocks", n: 90, line: -1, col: 0, gen: func(n int) string {
			b := dockerImport
			for i := 0; i < n; i++ {
				b += strings.Repeat(" ", i) + "if x:\n"
			}
			return b + strings.Repeat(" ", n) + dirtyCall
		}},
		{name: "5 MB string on one line", n: 5 << 20, line: 2, col: 35, gen: func(n int) string {
			return dockerImport + call + ", command='" + strings.Repeat("a", n) + "')\n"
		}},
		{name: "5 MB sum on one line", n: 5 << 20, line: 2, col: 35, gen: func(n int) string {
			return dockerImport + call + ", command=" + strings.Repeat("1+", n/2) + "1)\n"
		}},
		// A list of many elements costs far more per byte (see the report in
		// bench/README.md), so 1 MB.
		{name: "1 MB list on one line", n: 1 << 20, line: 2, col: 35, gen: func(n int) string {
			return dockerImport + call + ", command=[" + strings.Repeat("'x', ", n/5) + "])\n"
		}},
		{name: "20,000 operator calls", n: 20000, col: 35, many: true, gen: func(n int) string {
			var b strings.Builder
			b.WriteString(dockerImport)
			for i := 0; i < n; i++ {
				fmt.Fprintf(&b, "DockerOperator(task_id='t', image='etl:%d', docker_conn_id='gitlab')\n", i)
			}
			return b.String()
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var cost [2]allocCost
			for i, n := range []int{tc.n / 2, tc.n} {
				content := tc.gen(n)
				mine, c := measuredLint(t, content)
				cost[i] = c
				line, col, want := tc.line, tc.col, 1
				if line < 0 {
					line = strings.Count(content, "\n")
					col = n + 35
				}
				if tc.many {
					want = n
				}
				found := 0
				lines := map[int]bool{}
				for _, f := range mine {
					if f.RuleID == "DAG101" && f.Start.Column == col && (line == 0 || f.Start.Line == line) {
						found++
						lines[f.Start.Line] = true
					}
				}
				if found != want || len(lines) != want {
					t.Errorf("size %d: %d DAG101 findings on %d lines, want %d; got%s", n, found, len(lines), want, summarize(mine))
				}
			}
			cost[1].atMost(t, 3, cost[0])
		})
	}
}

// measuredLint lints hostile content next to the dirty DAG file, checks
// it was linted without an error, and returns its findings and what the
// lint allocated.
//
// It runs on one worker with the pools emptied first (see measureAllocs):
// buffers a previous run left in a pool (the parser's token slices, regexp
// scratch space) would otherwise make one size cheap by chance.
func measuredLint(t *testing.T, content string) ([]report.Finding, allocCost) {
	t.Helper()
	var res lint.Result
	var mine []report.Finding
	opts := allRulesOptions()
	opts.Workers = 1
	cost := measureAllocs(func() { res, mine = lintWithOther(t, []byte(content), opts) })
	noInternalError(t, res)
	if res.Err != nil {
		t.Fatalf("unexpected error: %v", res.Err)
	}
	return mine, cost
}

// allocCost is what one call allocated.
type allocCost struct{ mallocs, bytes uint64 }

// measureAllocs returns what f allocated (in every goroutine).
func measureAllocs(f func()) allocCost {
	var before, after runtime.MemStats
	// Two collections empty every sync.Pool, so each measured run starts cold.
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return allocCost{after.Mallocs - before.Mallocs, after.TotalAlloc - before.TotalAlloc}
}

// atMost fails t when c is more than ratio times base, in allocations or in
// bytes, beyond a fixed slack (10,000 allocations, 24 MB) that absorbs what
// every run costs and what the runtime allocates meanwhile: small inputs
// pass on their behaviour, large ones must grow linearly.
func (c allocCost) atMost(t *testing.T, ratio float64, base allocCost) {
	t.Helper()
	if limit := ratio*float64(base.mallocs) + 10000; float64(c.mallocs) > limit {
		t.Errorf("allocations grew from %d to %d, want at most %.0f (%.1f times and a slack)", base.mallocs, c.mallocs, limit, ratio)
	}
	// Bytes get a wider bound than counts: doubling slices make the bytes of
	// N and 2N step unevenly, while a quadratic cost would be 4x and more.
	if limit := (ratio+0.5)*float64(base.bytes) + 24<<20; float64(c.bytes) > limit {
		t.Errorf("bytes allocated grew from %d to %d, want at most %.0f (%.1f times and a slack)", base.bytes, c.bytes, limit, ratio)
	}
	t.Logf("allocations %d -> %d, bytes %d -> %d", base.mallocs, c.mallocs, base.bytes, c.bytes)
}

// chain defines n levels of names, each built from width references to the
// level below with the given pattern (%[1]s is the name below), and uses
// the last as the command of the dirty call.
func chain(first, pattern, sep string, n, width int) string {
	var b strings.Builder
	b.WriteString(dockerImport + "L0 = " + first + "\n")
	for k := 1; k <= n; k++ {
		parts := make([]string, width)
		for i := range parts {
			parts[i] = fmt.Sprintf("L%d", k-1)
		}
		fmt.Fprintf(&b, "L%d = "+pattern+"\n", k, strings.Join(parts, sep))
	}
	fmt.Fprintf(&b, "DockerOperator(task_id='t', image='etl:1.0', docker_conn_id='gitlab', command=L%d)\n", n)
	return b.String()
}

// TestHostileExponential feeds small files whose values grow exponentially
// when names are followed: the resolver must give up, not hang or exhaust
// memory, and the image finding must remain. Twice the levels must cost
// (in allocations) at most a few times as much, not the square.
func TestHostileExponential(t *testing.T) {
	big := "'" + strings.Repeat("a", 1<<20) + "'"
	tests := []struct {
		name   string
		levels int
		gen    func(levels int) string
	}{
		{"lists", 8, func(n int) string { return chain("'ab'", "[%s]", ", ", n, 30) }},
		{"tuples", 8, func(n int) string { return chain("'ab'", "(%s,)", ", ", n, 30) }},
		{"dict unpacking", 8, func(n int) string { return chain("{'k': 'v'}", "{%s}", ", ", n, 30) }},
		{"f-strings", 8, func(n int) string { return chain("'ab'", "f'%s'", "", n, 30) }},
		{"concatenation", 8, func(n int) string { return chain("'ab'", "(%s)", " + ", n, 4) }},
		{"percent format", 8, func(n int) string { return chain("'ab'", "'%%s%%s%%s%%s' %% (%s)", ", ", n, 4) }},
		{"str.format", 8, func(n int) string { return chain("'ab'", "'{}{}{}{}'.format(%s)", ", ", n, 4) }},
		{"str.format of one argument", 3, func(n int) string {
			return chain(big, "'"+strings.Repeat("{0}", 1000)+"'.format(%s)", "", n, 1)
		}},
		{"1 MB string doubled", 12, func(n int) string { return chain(big, "f'%s'", "", n, 2) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var cost [2]allocCost
			for i, n := range []int{tc.levels, 2 * tc.levels} {
				content := tc.gen(n)
				mine, c := measuredLint(t, content)
				cost[i] = c
				last := strings.Count(content, "\n")
				if !has(mine, "DAG101", last, 35) {
					t.Errorf("%d levels: want DAG101 at %d:35; got%s", n, last, summarize(mine))
				}
			}
			cost[1].atMost(t, 3.5, cost[0])
		})
	}
}

func TestHostileSyntax(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    [][2]int // DAG101 lines; DAG001 must be present
	}{
		{"unterminated triple-quoted string at EOF", dirtyDAG + "x = '''never closed\n\n", [][2]int{{2, 35}}},
		{"unterminated triple-quoted string, no newline", dirtyDAG + `x = """`, [][2]int{{2, 35}}},
		{"unterminated f-string", dirtyDAG + "x = f'{\n", [][2]int{{2, 35}}},
		{"unclosed call at EOF", dirtyDAG + "DockerOperator(task_id='u', image='etl:2.0'", [][2]int{{2, 35}}},
		{"stray dedent and tabs", dirtyDAG + "  \tx = 1\n\ty = 2\n", [][2]int{{2, 35}}},
		// CPython rejects more than 100 levels of indentation.
		{"1000 nested blocks", dirtyDAG + nestedIfs(1000), [][2]int{{2, 35}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, mine := lintWithOther(t, []byte(tc.content), allRulesOptions())
			noInternalError(t, res)
			if res.Err != nil {
				t.Fatalf("unexpected error: %v", res.Err)
			}
			if !has(mine, "DAG001", 0, 0) && !hasAny(mine, "DAG001") {
				t.Errorf("no DAG001 for a broken file; got%s", summarize(mine))
			}
			for _, w := range tc.want {
				if !has(mine, "DAG101", w[0], w[1]) {
					t.Errorf("DAG101 at %d:%d lost after the syntax error; got%s", w[0], w[1], summarize(mine))
				}
			}
		})
	}
}

func nestedIfs(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i) + "if x:\n")
	}
	b.WriteString(strings.Repeat(" ", n) + "pass\n")
	return b.String()
}

func hasAny(fs []report.Finding, id string) bool {
	for _, f := range fs {
		if f.RuleID == id {
			return true
		}
	}
	return false
}

// TestHostileTree covers trees that change or loop under the walk: the
// walk's errors and the lint's per-file errors are separate, and the other
// file is reported either way.
func TestHostileTree(t *testing.T) {
	t.Run("symlink loop", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, dir, "dags/other.py", []byte(dirtyDAG))
		if err := os.Symlink("..", filepath.Join(dir, "dags", "up")); err != nil {
			t.Skipf("no symlinks: %v", err)
		}
		if err := os.Symlink("self.py", filepath.Join(dir, "dags", "self.py")); err != nil {
			t.Fatal(err)
		}
		// A walk that did not end would hang here until go test gives up.
		w, err := walk.Walk([]string{dir}, walk.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		for _, f := range w.Files {
			paths = append(paths, f.Path)
		}
		results := lint.Files(paths, allRulesOptions())
		findings, _ := lint.Findings(results, allRulesOptions().Rules)
		n := 0
		for _, f := range findings {
			if f.RuleID == "DAG101" && strings.HasSuffix(f.Path, "other.py") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("DAG101 in other.py reported %d times, want once (files %v)", n, paths)
		}
		if len(w.Errors) == 0 {
			t.Errorf("the self-referencing link is not reported")
		}
	})
	t.Run("file deleted before linting", func(t *testing.T) {
		dir := t.TempDir()
		gone := writeFile(t, dir, "gone.py", []byte(dirtyDAG))
		other := writeFile(t, dir, "other.py", []byte(dirtyDAG))
		if err := os.Remove(gone); err != nil {
			t.Fatal(err)
		}
		results := lint.Files([]string{gone, other}, allRulesOptions())
		if !errors.Is(results[0].Err, fs.ErrNotExist) {
			t.Errorf("deleted file: error %v, want not-exist", results[0].Err)
		}
		findings, errs := lint.Findings(results, allRulesOptions().Rules)
		if len(errs) != 1 || errs[0].Path != gone {
			t.Errorf("file errors %+v, want one for %s", errs, gone)
		}
		if !has(findings, "DAG101", 2, 35) || len(findings) != 1 {
			t.Errorf("findings%s, want the other file's DAG101", summarize(findings))
		}
	})
	t.Run("directory in place of a file", func(t *testing.T) {
		dir := t.TempDir()
		odd := filepath.Join(dir, "odd.py")
		if err := os.Mkdir(odd, 0o755); err != nil {
			t.Fatal(err)
		}
		other := writeFile(t, dir, "other.py", []byte(dirtyDAG))
		results := lint.Files([]string{odd, other}, allRulesOptions())
		if results[0].Err == nil || !strings.Contains(results[0].Err.Error(), "not a regular file") {
			t.Errorf("directory: error %v, want not a regular file", results[0].Err)
		}
		findings, _ := lint.Findings(results, allRulesOptions().Rules)
		if !has(findings, "DAG101", 2, 35) {
			t.Errorf("the other file's finding is missing:%s", summarize(findings))
		}
	})
	t.Run("fifo is not opened for reading", func(t *testing.T) {
		dir := t.TempDir()
		fifo := filepath.Join(dir, "pipe.py")
		if err := mkfifo(fifo); err != nil {
			t.Skipf("no fifo: %v", err)
		}
		other := writeFile(t, dir, "other.py", []byte(dirtyDAG))
		// Opening the pipe for reading would block until go test gives up.
		results := lint.Files([]string{fifo, other}, allRulesOptions())
		if results[0].Err == nil {
			t.Errorf("fifo linted without an error")
		}
		if got, _ := lint.Findings(results[1:], allRulesOptions().Rules); results[1].Err != nil || len(got) == 0 {
			t.Errorf("other file: %v %v", results[1].Err, got)
		}
	})
}

// TestMaxFileSize checks the limit is a notice, exact at the boundary.
func TestMaxFileSize(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "big.py", []byte(dirtyDAG))
	size := int64(len(dirtyDAG))
	tests := []struct {
		max     int64
		skipped bool
	}{
		{size - 1, true},
		{1, true},
		{size, false},
		{size + 1, false},
		{0, false}, // no limit
	}
	for _, tc := range tests {
		opts := allRulesOptions()
		opts.MaxFileSize = tc.max
		res := lint.File(p, opts)
		if got := errors.Is(res.Err, lint.ErrTooLarge); got != tc.skipped {
			t.Errorf("limit %d: skipped=%v (err %v), want %v", tc.max, got, res.Err, tc.skipped)
		}
		if tc.skipped {
			if !strings.Contains(res.Err.Error(), "--max-file-size") || len(res.Diagnostics) != 0 {
				t.Errorf("limit %d: notice %q does not name the flag, or diagnostics %v", tc.max, res.Err, res.Diagnostics)
			}
		} else if len(res.Diagnostics) != 1 || res.Diagnostics[0].RuleID != "DAG101" {
			t.Errorf("limit %d: diagnostics %v, want DAG101", tc.max, res.Diagnostics)
		}
	}
}

// TestNoFileSizeLimit checks that MaxFileSize 0 means no limit: a file over
// the default 10 MiB is linted.
func TestNoFileSizeLimit(t *testing.T) {
	big := dirtyDAG + "# " + strings.Repeat("x", 10<<20) + "\n"
	p := writeFile(t, t.TempDir(), "big.py", []byte(big))
	opts := allRulesOptions()
	opts.MaxFileSize = 0
	res := lint.File(p, opts)
	if res.Err != nil || len(res.Diagnostics) != 1 || res.Diagnostics[0].RuleID != "DAG101" {
		t.Errorf("no limit: err %v, diagnostics %v; want the file linted (DAG101)", res.Err, res.Diagnostics)
	}
}

// TestDeterministicAcrossWorkers lints one generated tree with 1, 4 and 16
// workers and wants identical findings and errors.
func TestDeterministicAcrossWorkers(t *testing.T) {
	paths, _ := corpusPaths(t, 300, 42)
	// some per-file errors too: a missing file and a binary one
	dir := t.TempDir()
	paths = append(paths, filepath.Join(dir, "missing.py"), writeFile(t, dir, "bin.py", []byte("\x00\x01")))
	var first string
	for _, workers := range []int{1, 4, 16} {
		opts := allRulesOptions()
		opts.Workers = workers
		findings, errs := lint.Findings(lint.Files(paths, opts), opts.Rules)
		var b bytes.Buffer
		for _, f := range findings {
			fmt.Fprintf(&b, "%s %d:%d-%d:%d %s %v %s %s\n", f.Path, f.Start.Line, f.Start.Column, f.End.Line, f.End.Column,
				f.RuleID, f.Severity, f.Fingerprint, f.Message)
		}
		for _, e := range errs {
			fmt.Fprintf(&b, "error %s %s\n", e.Path, e.Message)
		}
		if workers == 1 {
			first = b.String()
			if len(findings) < 100 || len(errs) != 2 {
				t.Fatalf("corpus too quiet to test anything: %d findings, %d errors", len(findings), len(errs))
			}
			continue
		}
		if b.String() != first {
			t.Errorf("%d workers give different output from 1 worker", workers)
		}
	}
}

// TestSourceCallerMayReuseBuffer: src stays the caller's. Once Source has
// returned, the caller may overwrite it (a fuzzing engine does, an editor
// buffer may) and lint the same text again: nothing the run keeps between
// files (interned messages, cached image references) may share its bytes.
func TestSourceCallerMayReuseBuffer(t *testing.T) {
	opts := allRulesOptions()
	messages := func(res lint.Result) []string {
		var out []string
		for _, d := range res.Diagnostics {
			out = append(out, d.RuleID+" "+d.Message)
			for _, r := range d.Related {
				out = append(out, "related "+r.Message)
			}
			for _, fx := range d.Fixes {
				out = append(out, "fix "+fx.Message)
				for _, e := range fx.Edits {
					out = append(out, "edit "+e.NewText)
				}
			}
		}
		findings, _ := lint.Findings([]lint.Result{res}, opts.Rules)
		for _, f := range findings {
			out = append(out, f.RuleID+" "+f.Message+" "+f.Fingerprint)
			for _, r := range f.Related {
				out = append(out, "related "+r.Message)
			}
		}
		return out
	}
	// Images no other test names, so that they enter every cache here.
	src := strings.ReplaceAll(dirtyDAG, "etl:1.0", "reuse-buffer-probe:1.0")
	buf := []byte(src)
	first := lint.Source("a.py", buf, opts)
	want := messages(first)
	if len(want) == 0 {
		t.Fatal("the probe DAG has no findings")
	}
	for round := range 50 {
		// Overwrite the bytes with another text of the same length, lint
		// it, then put the first text back and lint it again.
		other := strings.ReplaceAll(src, "reuse-buffer-probe", fmt.Sprintf("reuse-buffer-other%d", round%10)[:len("reuse-buffer-probe")])
		copy(buf, other)
		if res := lint.Source("b.py", buf, opts); res.Err != nil {
			t.Fatalf("round %d: %v", round, res.Err)
		}
		copy(buf, src)
		res := lint.Source("a.py", buf, opts)
		if res.Err != nil {
			t.Fatalf("round %d: %v", round, res.Err)
		}
		if got := messages(res); !slices.Equal(got, want) {
			t.Fatalf("round %d: the same text now says\n%q\nwant\n%q", round, got, want)
		}
	}
	if got := messages(first); !slices.Equal(got, want) {
		t.Fatalf("the first result changed when its buffer was reused:\n%q\nwant\n%q", got, want)
	}
}
