package pyparse

import (
	"fmt"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/fixtures"
)

// tokenSamples are sources for the Tokens tests: the DAG fixtures and
// string literals of every form, some broken.
func tokenSamples(t testing.TB) [][]byte {
	out := fixtureDAGs(t)
	for _, s := range []string{
		"x = 'a' \"b\" '''c''' r'\\d' b'e' rb'\\f' u'g'\n",
		"x = ('a'\n     'b\\x41')\n",
		"x = f'a{{b}}c' f'{x!r:>{w}}d' 'e'\n",
		"x = f'a\\tb{x}c\\N{BULLET}d' f'''e\r\nf'''\n",
		"x = rf'\\d{x}' fr'\\e' t'{y}z'\n",
		"x = f'{f\"{y}a\"}b' 'c'\n",
		"x = 'a\\\nb'\ny = \"c\\\r\nd\"\n",
		"x = '\\q\\777\\x4'\n",
		"x = b'\xc3\xa9' 'mixed'\n",
		"s = '''unterminated\nx = 1\n",
		"x = 'a\ny = 2\n",
	} {
		out = append(out, []byte(s))
	}
	return out
}

// fixtureDAGs reads the project's fixture DAG files.
func fixtureDAGs(t testing.TB) [][]byte {
	t.Helper()
	var out [][]byte
	for _, f := range fixtures.DAGs(t, 1) {
		out = append(out, f.Src)
	}
	return out
}

// checkLiterals compares Tokens.Literal with the parsed Str of each string
// literal: a literal run starting where a Str starts ends where it ends,
// and without fields its Text is the Str's Value.
func checkLiterals(t *testing.T, src []byte) {
	t.Helper()
	toks := Tokenize(src)
	if toks.ScanFailed() {
		return // the parser reads a relaid-out stream
	}
	starts := map[int]int{}
	for i := 0; i < toks.Len(); i++ {
		if k := toks.Kind(i); k == TokenString || k == TokenFStringStart {
			if i > 0 && (toks.Kind(i-1) == TokenString || toks.Kind(i-1) == TokenFStringEnd) {
				continue
			}
			starts[toks.Range(i).Start] = i
		}
	}
	f := Parse("t.py", src)
	for _, s := range f.Index().Strs {
		i, ok := starts[s.Start]
		if !ok {
			continue // a format spec
		}
		lit := toks.Literal(i)
		if errorWithin(f.Errors, s.Start, toks.Range(lit.End-1).End) {
			// The parser stopped inside the literal (`f"{:"`): its Str is
			// what it read before the error, the tokens go on to the end.
			continue
		}
		if end := toks.Range(lit.End - 1).End; end != s.End {
			t.Errorf("%q: literal at %d ends at %d, the Str at %d", src, s.Start, end, s.End)
		}
		v, fieldless := s.Value()
		if fieldless == lit.Fields {
			t.Errorf("%q: literal at %d: Fields %v, Str.Value ok %v", src, s.Start, lit.Fields, fieldless)
		}
		text, ok := lit.Text()
		if fieldless && len(f.Errors) == 0 && (!ok || text != v) {
			t.Errorf("%q: literal at %d: Text %q %v, Str.Value %q", src, s.Start, text, ok, v)
		}
		if lit.Pieces < 1 || lit.Pieces > lit.End-lit.Start {
			t.Errorf("%q: literal at %d: %d pieces in %d tokens", src, s.Start, lit.Pieces, lit.End-lit.Start)
		}
	}
}

// errorWithin reports whether a syntax error starts in [start, end).
func errorWithin(errs []SyntaxError, start, end int) bool {
	for _, e := range errs {
		if start <= e.Range.Start && e.Range.Start < end {
			return true
		}
	}
	return false
}

func TestLiteralIsStr(t *testing.T) {
	for _, src := range tokenSamples(t) {
		checkLiterals(t, src)
	}
}

func TestLiteralParts(t *testing.T) {
	for src, want := range map[string]string{
		`'a'`:              "1 false false a",
		`'a' "b"`:          "2 false false ab",
		`'a\x41'`:          "1 false true aA",
		`r'a\x41'`:         `1 false true a\x41`,
		`f'a{{b}}'`:        "1 false false a{b}",
		`f'a{x}b' 'c'`:     "2 true false abc",
		`f'{x:\x41}'`:      "1 true true ",
		`b'a' rb'\d'`:      `2 false true a\d`,
		"'''a\r\nb'''":     "1 false false a\nb",
		`f'''a{x!r}''' ''`: "2 true false a",
	} {
		toks := Tokenize([]byte(src + "\n"))
		lit := toks.Literal(0)
		text, ok := lit.Text()
		got := fmt.Sprintf("%d %v %v %s", lit.Pieces, lit.Fields, lit.Escaped, text)
		if !ok || got != want || toks.Kind(lit.End) != TokenNewline {
			t.Errorf("Literal(%s) = %q (ok %v, then %v), want %q", src, got, ok, toks.Kind(lit.End), want)
		}
	}
	if _, ok := Tokenize([]byte(`'\N{NO SUCH NAME}'`)).Literal(0).Text(); ok {
		t.Error("Text of a bad escape is ok")
	}
	// Raw is the text as written, only where it is the value.
	for src, want := range map[string]string{
		`'abc'`: "abc", `b"abc"`: "abc", `f'abc'`: "abc", `f''`: "", `"""a'b"""`: `a'b`,
		`'a\x41'`: "-", `'a' 'b'`: "-", `f'{x}'`: "-", `f'a{{b'`: "-", "'''a\r\nb'''": "-",
	} {
		raw, ok := Tokenize([]byte(src + "\n")).Literal(0).Raw()
		got := string(raw)
		if !ok {
			got = "-"
		}
		if got != want {
			t.Errorf("Raw(%s) = %q, %v; want %q", src, raw, ok, want)
		}
	}
	toks := Tokenize([]byte("f(a[1], {2})\n"))
	var b strings.Builder
	for i := 0; i < toks.Len(); i++ {
		fmt.Fprint(&b, toks.Bracket(i))
	}
	if got := b.String(); got != "01010-1010-1-100" {
		t.Errorf("Bracket of f(a[1], {2}) = %s", got)
	}
}

// TestParseIf: what ParseIf parses from its scan is what Parse gives; what
// need refuses is not parsed; need sees the scanner's tokens.
func TestParseIf(t *testing.T) {
	for _, src := range tokenSamples(t) {
		want := Parse("t.py", src)
		var seen int
		got := ParseIf("t.py", src, func(toks *Tokens) bool {
			seen = toks.Len()
			if toks.Kind(toks.Len()-1) != TokenEOF {
				t.Errorf("%q: the view does not end with EOF", src)
			}
			return true
		})
		if got == nil || dumpFile(got) != dumpFile(want) || fmt.Sprint(got.Errors) != fmt.Sprint(want.Errors) || fmt.Sprint(got.Comments) != fmt.Sprint(want.Comments) {
			t.Fatalf("%q: ParseIf and Parse differ", src)
		}
		if n := Tokenize(src).Len(); seen != n {
			t.Errorf("%q: need saw %d tokens, Tokenize %d", src, seen, n)
		}
		if f := ParseIf("t.py", src, func(*Tokens) bool { return false }); f != nil {
			t.Errorf("%q: parsed although need said no", src)
		}
		// A refused file leaves nothing behind for the next parse.
		if next := Parse("u.py", []byte("y = 2\n")); dumpFile(next) != dumpFile(Parse("u.py", []byte("y = 2\n"))) || strings.Contains(dumpFile(next), "x") {
			t.Fatalf("a parse after a refused ParseIf differs")
		}
	}
}

// FuzzTokens checks checkLiterals on arbitrary sources.
func FuzzTokens(f *testing.F) {
	for _, src := range tokenSamples(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkLiterals(t, src)
	})
}
