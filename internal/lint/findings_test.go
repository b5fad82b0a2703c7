package lint_test

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/report"
)

// TestFindingsMarkNotices checks that files skipped on purpose become
// notices and every other per-file problem stays an error.
func TestFindingsMarkNotices(t *testing.T) {
	dir := t.TempDir()
	big := writeFile(t, dir, "big.py", []byte(dirtyDAG))
	bin := writeFile(t, dir, "bin.py", []byte("\x00\x01"))
	missing := filepath.Join(dir, "missing.py")
	clean := writeFile(t, dir, "clean.py", []byte(dirtyDAG))
	opts := allRulesOptions()
	opts.MaxFileSize = int64(len(dirtyDAG)) - 1 // big.py and clean.py are the same size
	results := lint.Files([]string{big, bin, missing}, opts)
	results = append(results, lint.File(clean, allRulesOptions()))
	_, errs := lint.Findings(results, opts.Rules)
	want := map[string]bool{big: true, bin: true, missing: false}
	if len(errs) != len(want) {
		t.Fatalf("file errors %+v, want one each for %v", errs, want)
	}
	for _, e := range errs {
		notice, ok := want[e.Path]
		if !ok {
			t.Errorf("unexpected file error for %s: %s", e.Path, e.Message)
			continue
		}
		if e.Notice != notice {
			t.Errorf("%s: notice %v, want %v (%s)", e.Path, e.Notice, notice, e.Message)
		}
	}
}

func TestIsNotice(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{fmt.Errorf("skipped: %w (1 bytes)", lint.ErrTooLarge), true},
		{fmt.Errorf("skipped: %w", lint.ErrBinary), true},
		{lint.ErrBinary, true},
		{fmt.Errorf("cannot read: %w", fs.ErrNotExist), false},
		{errors.New("skipped: file too large"), false}, // the words alone do not make a notice
		{nil, false},
	}
	for _, tt := range tests {
		if got := lint.IsNotice(tt.err); got != tt.want {
			t.Errorf("IsNotice(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

// TestResultsDoNotKeepSources: positions and fingerprint texts are computed
// as each file is linted, so a run's results hold no file's source (a
// 30,000-file tree used to keep every source and line table until the
// report). The live heap after linting must stay far below the bytes read,
// unless KeepSource asks for them (--fix).
func TestResultsDoNotKeepSources(t *testing.T) {
	dir := t.TempDir()
	pad := "# " + strings.Repeat("padding ", 25000) + "\n" // 200 KB a file
	var paths []string
	for i := 0; i < 40; i++ {
		p := filepath.Join(dir, fmt.Sprintf("dag%d.py", i))
		if err := os.WriteFile(p, []byte(dirtyDAG+pad), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	read := int64(40 * (len(dirtyDAG) + len(pad)))
	retained := func(keep bool) int64 {
		opts := allRulesOptions()
		opts.KeepSource = keep
		var before, after runtime.MemStats
		// Two collections empty sync.Pool caches (parser buffers, regexp
		// scratch space), which are no part of the results.
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&before)
		results := lint.Files(paths, opts)
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&after)
		findings, _ := lint.Findings(results, opts.Rules)
		if len(findings) != 40 {
			t.Fatalf("%d findings, want one DAG101 per file", len(findings))
		}
		runtime.KeepAlive(results)
		return int64(after.HeapAlloc) - int64(before.HeapAlloc)
	}
	if got := retained(false); got > read/10 {
		t.Errorf("results hold %d KB after reading %d KB: the sources were kept", got>>10, read>>10)
	}
	if got := retained(true); got < read {
		t.Errorf("KeepSource: results hold %d KB, want the %d KB of sources", got>>10, read>>10)
	}
}

// TestFindingsInReportOrder: the writers keep the order Findings returns, so
// it must be report order (path, offset, rule ID, end, message) whatever the
// order of the results.
func TestFindingsInReportOrder(t *testing.T) {
	dir := t.TempDir()
	src := []byte(dockerImport + `DockerOperator(task_id="x", image="ghcr.io/a/b:latest", privileged=True, network_mode="host")
DockerOperator(task_id="y", image="python", docker_conn_id="gitlab")
`)
	b := writeFile(t, dir, "b.py", src)
	a := writeFile(t, dir, "a.py", src)
	opts := allRulesOptions()
	results := []lint.Result{lint.File(b, opts), lint.File(a, opts)}
	fs, _ := lint.Findings(results, opts.Rules)
	if len(fs) < 8 || fs[0].Path != a {
		t.Fatalf("want findings of %s first, got %d findings starting with %+v", a, len(fs), fs)
	}
	for i := 1; i < len(fs); i++ {
		p, q := fs[i-1], fs[i]
		key := func(f report.Finding) string {
			return fmt.Sprintf("%s\x00%012d\x00%s\x00%012d\x00%s", f.Path, f.Start.Offset, f.RuleID, f.End.Offset, f.Message)
		}
		if key(p) > key(q) {
			t.Errorf("findings %d and %d out of report order: %s %s@%d before %s %s@%d", i-1, i, p.Path, p.RuleID, p.Start.Offset, q.Path, q.RuleID, q.Start.Offset)
		}
	}
}

// TestFingerprintStable pins fingerprints: baselines written by earlier
// versions hold them, so the hash of rule, path, text and occurrence must
// never change.
func TestFingerprintStable(t *testing.T) {
	for occurrence, want := range map[int]string{0: "dd6465b4e8733739881b7dba636951d0", 12: "eedab89079233d593054d1625d033ab0"} {
		if got := lint.Fingerprint("DAG101", "dags/etl.py", `image="python"`, occurrence); got != want {
			t.Errorf("Fingerprint(occurrence %d) = %s, want %s", occurrence, got, want)
		}
	}
}

// TestFindingsSameOnAnyCPUs: Findings converts runs of files on all CPUs;
// the findings, their order and fingerprints are those of one CPU.
func TestFindingsSameOnAnyCPUs(t *testing.T) {
	paths, _ := corpusPaths(t, 600, 5)
	opts := allRulesOptions()
	results := lint.Files(paths, opts)
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	want, wantErrs := lint.Findings(results, opts.Rules)
	if len(want) < 512 {
		t.Fatalf("%d findings: too few to be converted in several runs", len(want))
	}
	for _, cpus := range []int{2, 3, 8} {
		runtime.GOMAXPROCS(cpus)
		got, gotErrs := lint.Findings(results, opts.Rules)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotErrs, wantErrs) {
			t.Errorf("%d CPUs: %d findings differ from those of one CPU (%d)", cpus, len(got), len(want))
		}
	}
}

// TestFindingsOfRebasedResult: fingerprints and the paths of related
// locations are worked out as a file is linted; a result whose path changed
// since (the baseline rebases paths) gets those of its new path, the same as
// linting it there, and the result under its first path keeps its own.
func TestFindingsOfRebasedResult(t *testing.T) {
	src := []byte(dockerImport + `IMAGE = "etl"
DockerOperator(task_id="x", image=IMAGE, docker_conn_id="gitlab")
DockerOperator(task_id="y", image="etl", docker_conn_id="gitlab")
DockerOperator(task_id="z", image="etl", docker_conn_id="gitlab")
`)
	opts := allRulesOptions()
	for _, keep := range []bool{false, true} {
		opts.KeepSource = keep
		first := lint.Source("dags/etl.py", src, opts)
		before, _ := lint.Findings([]lint.Result{first}, opts.Rules)
		related := 0
		for _, f := range before {
			related += len(f.Related)
		}
		if len(before) < 3 || related == 0 {
			t.Fatalf("keep %v: want findings with related locations, got %+v", keep, before)
		}
		moved := first
		moved.Path = "other/etl.py"
		got, _ := lint.Findings([]lint.Result{moved}, opts.Rules)
		want, _ := lint.Findings([]lint.Result{lint.Source(moved.Path, src, opts)}, opts.Rules)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("keep %v: findings of the rebased result\n%+v\nwant those of the file linted there\n%+v", keep, got, want)
		}
		if got[0].Fingerprint == before[0].Fingerprint {
			t.Errorf("keep %v: rebased finding kept the fingerprint of its first path", keep)
		}
		again, _ := lint.Findings([]lint.Result{first}, opts.Rules)
		if !reflect.DeepEqual(again, before) {
			t.Errorf("keep %v: findings under the first path changed after the rebase\n%+v\nwant\n%+v", keep, again, before)
		}
	}
}

// TestFoldSpaces: the folding of a location's text for its fingerprint is
// strings.Join(strings.Fields(s), " "), on listed texts and generated ones
// mixing words, every ASCII space, Unicode spaces and invalid UTF-8.
func TestFoldSpaces(t *testing.T) {
	inputs := []string{"", " ", "a", " a", "a ", "a b", "a  b", "a\tb", "a \n b", "\v\f\r", "image=\"x\"",
		"a\u00a0b", "a\u2003 b", "\x85", "a\xffb  c"}
	r := rand.New(rand.NewPCG(6, 6))
	pieces := []string{"a", "bc", " ", "  ", "\t", "\n", "\v", "\f", "\r", "\u00a0", "\u0085", "\u3000", "\xff", "é"}
	for range 20000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		inputs = append(inputs, b.String())
	}
	for _, s := range inputs {
		if got, want := lint.FoldSpaces(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("FoldSpaces(%q) = %q, want %q", s, got, want)
		}
	}
	folded := "DockerOperator(task_id=\"x\", image=IMAGE)"
	if n := testing.AllocsPerRun(20, func() { lint.FoldSpaces(folded) }); n != 0 {
		t.Errorf("folding a folded text allocates %v times", n)
	}
}

// TestEqualMessagesShareBytes: findings that say the same thing in
// different files keep one copy of their message (the report holds every
// finding until the end of the run), and different messages stay apart.
func TestEqualMessagesShareBytes(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.py", []byte(dirtyDAG))
	b := writeFile(t, dir, "b.py", []byte(dirtyDAG))
	other := strings.ReplaceAll(dirtyCall, "etl:1.0", "load:2.0") // another image: another message
	c := writeFile(t, dir, "c.py", []byte(dirtyDAG+other))
	opts := allRulesOptions()
	findings, _ := lint.Findings(lint.Files([]string{a, b, c}, opts), opts.Rules)
	byMessage := map[string]*byte{}
	shared := 0
	for _, f := range findings {
		p, seen := byMessage[f.Message]
		switch {
		case !seen:
			byMessage[f.Message] = unsafe.StringData(f.Message)
		case p != unsafe.StringData(f.Message):
			t.Errorf("%s: message %q is a second copy", f.Path, f.Message)
		default:
			shared++
		}
	}
	if len(byMessage) != 2 || shared != 2 {
		t.Fatalf("%d findings with %d messages, %d shared: want two messages, one of them in three files", len(findings), len(byMessage), shared)
	}
	for m, p := range byMessage {
		for m2, p2 := range byMessage {
			if m != m2 && p == p2 {
				t.Errorf("messages %q and %q share their bytes", m, m2)
			}
		}
	}
}
