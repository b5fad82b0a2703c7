package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/source"
)

// peakWriter discards what is written and records the largest live heap
// (after a collection, so garbage does not count) at every 16th write.
type peakWriter struct {
	writes int
	peak   uint64
}

func (p *peakWriter) Write(b []byte) (int, error) {
	if p.writes%16 == 0 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		p.peak = max(p.peak, m.HeapAlloc)
	}
	p.writes++
	return len(b), nil
}

// manyFindings is a run of n DAG002 findings, one per line, as a file of n
// `# noqa: DAG101` lines gives.
func manyFindings(n int) *Run {
	l := source.NewLines([]byte("x = 1  # noqa: DAG101\n"))
	run := &Run{ToolName: "daglint", ToolVersion: "0.1.0", SrcRoot: "file:///src/", Findings: make([]Finding, n)}
	for i := range run.Findings {
		start, end := l.Position(7), l.Position(21)
		start.Line, end.Line = i+1, i+1
		start.Offset, end.Offset = 22*i+7, 22*i+21
		run.Findings[i] = Finding{
			Path: "noqa.py", RuleID: "DAG002", RuleName: "unused-suppression", Severity: analysis.Note,
			Message: "unused suppression for DAG101", Start: start, End: end,
			Fingerprint: fmt.Sprintf("%032x", i),
			Fixes: []Fix{{Message: "remove the unused codes", Applicability: analysis.Safe,
				Edits: []Edit{{Start: start, End: end}}}},
		}
	}
	return run
}

// TestWritersStream: the JSON and SARIF writers hold one finding's wire
// form at a time, so the memory they add over the findings themselves
// does not grow with the number of findings (it did: SARIF held the log
// three times over). (GitLab's streams too, but keeps a set of the
// fingerprints it has written, which does grow.)
func TestWritersStream(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write Writer
	}{{"json", WriteJSON}, {"sarif", WriteSARIF}} {
		t.Run(tc.name, func(t *testing.T) {
			extra := func(n int) uint64 {
				run := manyFindings(n)
				runtime.GC()
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				w := &peakWriter{}
				if err := tc.write(w, run); err != nil {
					t.Fatal(err)
				}
				runtime.KeepAlive(run)
				if w.peak < m.HeapAlloc {
					return 0
				}
				return w.peak - m.HeapAlloc
			}
			small, large := extra(5000), extra(20000)
			t.Logf("memory added while writing: %d KB for 5,000 findings, %d KB for 20,000", small>>10, large>>10)
			if float64(large) > 1.5*float64(small)+(1<<20) {
				t.Errorf("memory added while writing grows with the findings: %d KB for 5,000, %d KB for 20,000", small>>10, large>>10)
			}
		})
	}
}

// TestStreamedEqualsWhole: streaming, in batches encoded on several
// goroutines, gives the bytes of encoding/json's indenting Encoder on the
// whole document at once, for
// arrays shorter than a batch, of exactly one and across several, with
// elements of different sizes (so a slot written out of order would show).
func TestStreamedEqualsWhole(t *testing.T) {
	type elem struct {
		I    int      `json:"i"`
		Tags []string `json:"tags"`
	}
	type doc struct {
		Name  string `json:"name"`
		Items any    `json:"items"`
		After int    `json:"after"`
	}
	for _, n := range []int{0, 1, 15, 40, streamBatch, streamBatch + 1, 3*streamBatch + 17} {
		elems := make([]elem, n)
		for i := range elems {
			elems[i] = elem{I: i, Tags: make([]string, i%5)}
			for j := range elems[i].Tags {
				elems[i].Tags[j] = fmt.Sprintf("<%d&%d>", i, j)
			}
		}
		whole := stdlibIndented(t, doc{Name: "x", Items: elems, After: n}, "")
		var got bytes.Buffer
		order := []int{}
		err := writeStreamed(&got, doc{Name: "x", Items: streamPlaceholder, After: n}, n, func(i int) (any, error) {
			order = append(order, i) // elem is called in order, on one goroutine
			return elems[i], nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), whole) {
			t.Errorf("n=%d: streamed output differs from the whole document's encoding", n)
		}
		for i, j := range order {
			if i != j {
				t.Fatalf("n=%d: elem called for %d at call %d", n, j, i)
			}
		}
	}
}

// stdlibIndented is v as encoding/json's Encoder writes it with
// SetIndent(prefix, "  ") and no HTML escaping.
func stdlibIndented(t testing.TB, v any, prefix string) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestEncodedAsStdlibIndents: the writers' encoding is byte for byte
// encoding/json's indenting Encoder's, for strings holding structure
// characters, escapes (a quote after an escaped backslash), invalid UTF-8
// and line separators, for empty and nested objects and arrays, values
// whose own MarshalJSON spaces them out, and with a prefix.
func TestEncodedAsStdlibIndents(t *testing.T) {
	type inner struct {
		S []string       `json:"s"`
		M map[string]any `json:"m"`
	}
	values := []any{
		"",
		"plain",
		`{"a": [1, 2]}, : "`,
		`ends in a backslash \`,
		"a \\\" quote, \\\\\" more",
		"tab\tnul\x00 bell\x07 \b\f del\x7f",
		"bad \xff\xfe utf-8 \u2028 \u2029 <&> é 🐍",
		[]any{},
		map[string]any{},
		[]any{[]any{}, map[string]any{}, []any{[]any{1}}, nil, true, false, -1.5e-7, 12345678901234567890.0},
		inner{S: []string{}, M: map[string]any{"b": []int{}, "a": map[string]int{"x": 1}, ",": ":"}},
		[]inner{{}, {S: []string{"]", "}"}}},
		json.RawMessage("{ \"spaced\" : [ 1 , { } , [ ] ] }"),
		manyFindings(3).Findings,
	}
	for _, prefix := range []string{"", "    "} {
		for _, v := range values {
			want := stdlibIndented(t, v, prefix)
			got, err := appendEncoded(nil, new(bytes.Buffer), v, prefix)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("prefix %q, %#v:\ngot  %q\nwant %q", prefix, v, got, want)
			}
		}
	}
}

// FuzzAppendIndented: on any compact JSON, appendIndented lays it out as
// json.Indent does.
func FuzzAppendIndented(f *testing.F) {
	for _, s := range []string{`{"a":[1,{"b":"}\\\""},[],{}]}`, `[]`, `"x"`, `[[[]],{"":{}}]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(s)); err != nil {
			return
		}
		var want bytes.Buffer
		if err := json.Indent(&want, compact.Bytes(), "> ", "\t"); err != nil {
			t.Fatal(err)
		}
		if got := appendIndented(nil, compact.Bytes(), "> ", "\t"); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%q:\ngot  %q\nwant %q", compact.Bytes(), got, want.Bytes())
		}
	})
}

// BenchmarkWrite writes the JSON and SARIF reports of 6,000 findings
// (about the bench corpus's); json-stdlib is the JSON writer as it was on
// encoding/json (json_oracle_test.go).
func BenchmarkWrite(b *testing.B) {
	run := manyFindings(6000)
	for _, w := range []struct {
		name  string
		write Writer
	}{{"json", WriteJSON}, {"json-stdlib", writeStdlibJSON}, {"sarif", WriteSARIF}} {
		b.Run(w.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := w.write(io.Discard, run); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
