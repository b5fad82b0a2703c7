package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/source"
)

// The json writer's oracle: the findings as daglint encoded them up to
// 0.1, wire structs given to encoding/json (no HTML escaping) and the
// result indented. WriteJSON appends the same bytes by hand.

// The findings' wire structs. Field order is key order in the output.
type (
	jsonFinding struct {
		RuleID      string        `json:"rule_id"`
		RuleName    string        `json:"rule_name"`
		Severity    string        `json:"severity"`
		Message     string        `json:"message"`
		Path        string        `json:"path"`
		Start       jsonPosition  `json:"start"`
		End         jsonPosition  `json:"end"`
		Related     []jsonRelated `json:"related"`
		Fixes       []jsonFix     `json:"fixes"`
		Fingerprint string        `json:"fingerprint"`
	}
	jsonPosition struct {
		Line   int `json:"line"`
		Column int `json:"column"` // 1-based, in code points
		Offset int `json:"offset"` // 0-based, in bytes
	}
	jsonRelated struct {
		Path    string       `json:"path"`
		Start   jsonPosition `json:"start"`
		End     jsonPosition `json:"end"`
		Message string       `json:"message"`
	}
	jsonFix struct {
		Message       string     `json:"message"`
		Applicability string     `json:"applicability"`
		Edits         []jsonEdit `json:"edits"`
	}
	jsonEdit struct {
		Start   jsonPosition `json:"start"`
		End     jsonPosition `json:"end"`
		NewText string       `json:"new_text"`
	}
)

// jsonFindingOf is the wire form of one finding.
func jsonFindingOf(f Finding) jsonFinding {
	jf := jsonFinding{
		RuleID:      f.RuleID,
		RuleName:    f.RuleName,
		Severity:    level(f.Severity).String(),
		Message:     f.Message,
		Path:        f.Path,
		Start:       jsonPos(f.Start),
		End:         jsonPos(f.End),
		Related:     make([]jsonRelated, 0, len(f.Related)),
		Fixes:       make([]jsonFix, 0, len(f.Fixes)),
		Fingerprint: f.Fingerprint,
	}
	for _, r := range f.Related {
		jf.Related = append(jf.Related, jsonRelated{Path: r.Path, Start: jsonPos(r.Start), End: jsonPos(r.End), Message: r.Message})
	}
	for _, fx := range f.Fixes {
		jx := jsonFix{Message: fx.Message, Applicability: fx.Applicability.String(), Edits: make([]jsonEdit, 0, len(fx.Edits))}
		for _, e := range fx.Edits {
			jx.Edits = append(jx.Edits, jsonEdit{Start: jsonPos(e.Start), End: jsonPos(e.End), NewText: e.NewText})
		}
		jf.Fixes = append(jf.Fixes, jx)
	}
	return jf
}

func jsonPos(p source.Position) jsonPosition {
	return jsonPosition{Line: p.Line, Column: p.RuneColumn, Offset: p.Offset}
}

// writeStdlibJSON is WriteJSON as it was on encoding/json.
// The skeleton is the one WriteJSON uses: only the findings' encoding is
// under test.
func writeStdlibJSON(w io.Writer, run *Run) error {
	fs := run.Findings
	err := writeStreamed(w, jsonSkeleton(run), len(fs), func(i int) (any, error) { return jsonFindingOf(fs[i]), nil })
	if err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}

// oddTexts are texts JSON escapes or might be thought to: quotes and
// backslashes, every kind of control character, DEL, HTML, bytes that are
// not UTF-8 (alone, truncated sequences, surrogates, overlong forms), the
// line and paragraph separators and their neighbours, other non-ASCII.
var oddTexts = []string{
	"",
	"plain",
	`say "hi" \ to C:\dags\a.py \"`,
	"\\",
	"\"",
	"tab\tnl\nr\rbs\bff\fnul\x00 bell\x07 esc\x1b us\x1f del\x7f",
	"<script>&amp;</script>",
	"bad \xff\xfe utf-8 \xc3 \xe2\x80 \xed\xa0\x80 \xc0\xaf \xf4\x90\x80\x80",
	"\u2027\u2028\u2029\u202a",
	"é 🐍 ünïcode 日本語 \ufffd \U0010ffff",
	"ends in a lone byte \xe2",
	"`\\ufffd` is text, \\u2028 too",
	streamPlaceholder,
}

// oddPositions are positions with their parts zero, negative and large.
var oddPositions = []source.Position{
	{},
	{Line: 1, RuneColumn: 1, Offset: 0},
	{Line: 4, RuneColumn: 40, Offset: 123, UTF16Column: 41},
	{Line: -1, RuneColumn: -2, Offset: -3},
	{Line: 1 << 40, RuneColumn: 1<<31 - 1, Offset: 1<<63 - 1},
}

// oracleFindings are findings with odd texts in every text field, with
// no, one and several related locations, fixes and edits, severities and
// applicabilities in and out of range.
func oracleFindings() []Finding {
	var fs []Finding
	sevs := []analysis.Severity{analysis.Error, analysis.Warning, analysis.Note, analysis.Severity(99)}
	apps := []analysis.Applicability{analysis.Safe, analysis.Unsafe, analysis.DisplayOnly, analysis.Applicability(42)}
	n := len(oddTexts)
	for i := range 3 * n {
		text := func(k int) string { return oddTexts[(i+k)%n] }
		pos := func(k int) source.Position { return oddPositions[(i+k)%len(oddPositions)] }
		f := Finding{
			Path: text(0), RuleID: text(1), RuleName: text(2), Severity: sevs[i%len(sevs)],
			Message: text(3), Start: pos(0), End: pos(1), Fingerprint: text(4),
		}
		for r := range i % 3 {
			f.Related = append(f.Related, Related{Path: text(5 + r), Start: pos(r), End: pos(r + 2), Message: text(6 + r)})
		}
		if i%4 == 1 {
			f.Related = []Related{} // empty, not nil
		}
		for x := range i % 4 {
			fx := Fix{Message: text(7 + x), Applicability: apps[(i+x)%len(apps)]}
			for e := range (i + x) % 3 {
				fx.Edits = append(fx.Edits, Edit{Start: pos(e + x), End: pos(e + x + 3), NewText: text(8 + e + x)})
			}
			f.Fixes = append(f.Fixes, fx)
		}
		fs = append(fs, f)
	}
	return fs
}

// checkFindingAsStdlib fails unless f appended by hand at depth is what
// encoding/json gives for its wire struct indented there.
func checkFindingAsStdlib(t testing.TB, f Finding, depth int) {
	t.Helper()
	want, err := appendEncoded(nil, new(bytes.Buffer), jsonFindingOf(f), strings.Repeat(jsonIndent, depth))
	if err != nil {
		t.Fatal(err)
	}
	want = bytes.TrimSuffix(want, []byte("\n"))
	if got := appendJSONFinding(nil, &f, depth); !bytes.Equal(got, want) {
		showDiff(t, fmt.Sprintf("depth %d, finding %q", depth, f.Message), got, want)
	}
}

func showDiff(t testing.TB, what string, got, want []byte) {
	t.Helper()
	i := 0
	for i < min(len(got), len(want)) && got[i] == want[i] {
		i++
	}
	t.Errorf("%s: appended bytes differ from encoding/json's at byte %d:\n got: %q\nwant: %q", what, i,
		got[max(i-80, 0):min(i+80, len(got))], want[max(i-80, 0):min(i+80, len(want))])
}

func TestJSONFindingAsStdlib(t *testing.T) {
	fs := append(oracleFindings(), testRun(t).Findings...)
	fs = append(fs, manyFindings(3).Findings...)
	for _, depth := range []int{0, 1, 2, 5} {
		for _, f := range fs {
			checkFindingAsStdlib(t, f, depth)
		}
	}
}

// TestJSONStringAsStdlib: every byte alone and inside text, every code
// point of the first three planes' edges and the separators' block, and
// the odd texts are quoted as encoding/json quotes them.
func TestJSONStringAsStdlib(t *testing.T) {
	var texts []string
	for b := range 256 {
		texts = append(texts, string([]byte{byte(b)}), "a"+string([]byte{byte(b)})+"z")
	}
	for r := rune(0); r <= 0x3000; r++ {
		texts = append(texts, string(r))
	}
	for _, r := range []rune{0xd7ff, 0xe000, 0xfeff, 0xfffd, 0xfffe, 0xffff, 0x10000, 0x1f40d, 0x10ffff} {
		texts = append(texts, string(r)+"x")
	}
	texts = append(texts, oddTexts...)
	texts = append(texts, strings.Join(oddTexts, ""))
	for _, s := range texts {
		want, err := appendEncoded(nil, new(bytes.Buffer), s, "")
		if err != nil {
			t.Fatal(err)
		}
		want = bytes.TrimSuffix(want, []byte("\n"))
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("%q: got %q, want %q", s, got, want)
		}
	}
}

// jsonOracleRuns are runs WriteJSON is compared with the old writer on.
func jsonOracleRuns(t *testing.T) map[string]*Run {
	odd := emptyRun()
	odd.ToolName, odd.ToolVersion = "dag<lint>", "0.1.0-rc.1+\xc3"
	odd.Findings = oracleFindings()
	odd.Errors = []FileError{
		{Message: "no path at all"},
		{Path: "dags/\xff.py", Message: "read dags/\xff.py: permission denied", Notice: true},
		{Path: "dags/x.py", Message: "line\nbreak \u2029 </script>"},
	}
	return map[string]*Run{
		"full": testRun(t), "empty": emptyRun(), "bare": {}, "odd": odd,
		"many": manyFindings(600), "one": manyFindings(1),
		// Several output buffers' worth.
		"large": manyFindings(3 * streamBuffer / 500),
	}
}

func TestJSONMatchesStdlib(t *testing.T) {
	for name, run := range jsonOracleRuns(t) {
		t.Run(name, func(t *testing.T) {
			var got, want bytes.Buffer
			if err := WriteJSON(&got, run); err != nil {
				t.Fatal(err)
			}
			if err := writeStdlibJSON(&want, run); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				showDiff(t, name, got.Bytes(), want.Bytes())
			}
		})
	}
}

// failingWriter fails its first write after ok bytes.
type failingWriter struct{ ok int }

func (w *failingWriter) Write(b []byte) (int, error) {
	if len(b) > w.ok {
		return 0, errors.New("disk full")
	}
	w.ok -= len(b)
	return len(b), nil
}

// TestJSONWriteError: a failing write is reported, whichever buffer it
// fails on.
func TestJSONWriteError(t *testing.T) {
	run := manyFindings(2000)
	for _, ok := range []int{0, streamBuffer + 10<<10} {
		err := WriteJSON(&failingWriter{ok: ok}, run)
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("after %d bytes: error %v, want disk full", ok, err)
		}
	}
}

// FuzzFindingWire compares the appended finding with encoding/json's on
// findings whose every text and position is fuzzed.
func FuzzFindingWire(f *testing.F) {
	f.Add("DAG102", "image-mutable-tag", "image \"x:latest\" has a mutable tag", "dags/a.py", "abc123", "pin it", "x:1.2", 4, 40, 123)
	f.Add("", "", "", "", "", "", "", 0, 0, 0)
	f.Add("\x00\x1f\x7f", "\xff\xfe", "\u2028\u2029", `C:\a\"b`, "<&>", "é🐍", "\xe2\x80", -1, 1<<31, -1<<40)
	f.Add(streamPlaceholder, "\\ufffd", "\t\n\r\b\f", "\xed\xa0\x80", "\xc0\xaf", "\U0010ffff", "\"", 1, 1, 1)
	f.Fuzz(func(t *testing.T, id, name, message, path, fingerprint, fixMsg, newText string, line, col, off int) {
		pos := source.Position{Line: line, RuneColumn: col, Offset: off}
		f := Finding{
			Path: path, RuleID: id, RuleName: name, Severity: analysis.Severity(line & 3), Message: message,
			Start: pos, End: source.Position{Line: off, RuneColumn: line, Offset: col}, Fingerprint: fingerprint,
		}
		checkFindingAsStdlib(t, f, 2)
		f.Related = []Related{{Path: fingerprint, Start: pos, End: pos, Message: newText}, {Path: path, Message: name}}
		f.Fixes = []Fix{
			{Message: fixMsg, Applicability: analysis.Applicability(col & 3), Edits: []Edit{{Start: pos, NewText: newText}, {End: pos, NewText: message}}},
			{Message: newText},
		}
		checkFindingAsStdlib(t, f, 2)
		checkFindingAsStdlib(t, f, 0)
		s := id + name + message + path + fingerprint + fixMsg + newText
		want, err := appendEncoded(nil, new(bytes.Buffer), s, "")
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); !bytes.Equal(got, bytes.TrimSuffix(want, []byte("\n"))) {
			t.Errorf("%q: got %q, want %q (valid UTF-8: %v)", s, got, want, utf8.ValidString(s))
		}
	})
}
