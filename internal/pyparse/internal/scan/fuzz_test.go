package scan

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// checkInvariants fails t unless r is a well-formed scan of src: tokens
// inside src, in order, not overlapping, ending with one EOF at len(src);
// comments and errors inside src; the token count bounded by the size.
func checkInvariants(t *testing.T, src []byte, r *Result) {
	t.Helper()
	n := int32(len(src))
	toks := r.Tokens
	if len(toks) == 0 || toks[len(toks)-1].Kind != EOF || toks[len(toks)-1].Start != n {
		t.Fatalf("%q: does not end with EOF at %d: %v", src, n, toks)
	}
	if len(toks) > 2*len(src)+2 {
		t.Fatalf("%q: %d tokens for %d bytes", src, len(toks), len(src))
	}
	prevEnd := int32(0)
	for i, tok := range toks {
		if tok.Start < prevEnd || tok.End < tok.Start || tok.End > n {
			t.Fatalf("%q: token %d %v [%d,%d) after %d", src, i, tok.Kind, tok.Start, tok.End, prevEnd)
		}
		if tok.Kind == EOF && i != len(toks)-1 {
			t.Fatalf("%q: EOF at %d of %d", src, i, len(toks))
		}
		prevEnd = tok.End
	}
	for _, c := range r.Comments {
		if c[0] < 0 || c[1] < c[0] || c[1] > n || src[c[0]] != '#' {
			t.Fatalf("%q: bad comment %v", src, c)
		}
	}
	for _, e := range r.Errors {
		if e.Start < 0 || e.Start > n || e.End > n || e.Msg == "" || e.Class == "" {
			t.Fatalf("%q: bad error %+v", src, e)
		}
	}
}

func FuzzScan(f *testing.F) {
	for _, tc := range tokenStreams {
		f.Add([]byte(tc.src))
	}
	for _, tc := range cpythonErrors {
		f.Add([]byte(tc.src))
	}
	for _, tc := range decodeCases {
		f.Add([]byte(tc.src))
	}
	f.Add([]byte(strings.Repeat("(", 300)))
	f.Add([]byte("f'{f'{f'{f'{x}'}'}'}'"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var r1, r2 Result
		Scan(src, &r1)
		checkInvariants(t, src, &r1)
		Scan(src, &r2)
		if !slices.Equal(r1.Tokens, r2.Tokens) || !slices.Equal(r1.Comments, r2.Comments) || !slices.Equal(r1.Errors, r2.Errors) {
			t.Fatalf("%q: two scans differ", src)
		}
		// A reused Result gives the same answer.
		Scan(src, &r1)
		if !slices.Equal(r1.Tokens, r2.Tokens) || !slices.Equal(r1.Errors, r2.Errors) {
			t.Fatalf("%q: reused Result differs", src)
		}
		for _, tok := range r1.Tokens {
			switch tok.Kind {
			case String:
				DecodeString(src, tok)
			case FStringMiddle:
				DecodeFStringMiddle(src, tok, false)
				DecodeFStringMiddle(src, tok, true)
			}
		}
	})
}

// TestGrowth checks that twice the input costs about twice the tokens and
// errors and no more than a few more allocations, on clean and on
// error-dense inputs.
func TestGrowth(t *testing.T) {
	for _, unit := range []string{
		"x = 1 +\n",
		"\"\n",
		"'''\n",
		"f'{\n",
		"x = f'{a!r:>{b}}' + \"s\" # c\n",
		"if x:\n  y = (1,\n",
		strings.Repeat("(", 250) + "\n",
		strings.Repeat("[{(", 100) + strings.Repeat(")}]", 100) + "\n",
		"\tif x:\n        y\n   z\n",
		"1_ 0x 0o8 09 1e+ € \\ $\n",
		"€",                // one long line of invalid characters
		"a€",               // names broken by invalid characters
		"f\"{\"",           // f-strings closed by an unterminated string
		"f'{f'{'",          // the same, nested
		"if x:\n  a\n b\n", // unindents that match nothing
	} {
		n := 1 + 64<<10/len(unit) // about 64 KB
		small := []byte(strings.Repeat(unit, n))
		large := []byte(strings.Repeat(unit, 2*n))
		var rs, rl Result
		os := scanOvershoot(small, &rs)
		ol := scanOvershoot(large, &rl)
		for _, c := range []struct {
			what   string
			s, l   int
			ratioS float64
		}{
			{"bytes read twice", os + len(small), ol + len(large), 2.2},
			{"tokens", len(rs.Tokens), len(rl.Tokens), 2.2},
			{"errors", len(rs.Errors), len(rl.Errors), 2.2}, // both may be MaxErrors
		} {
			if c.s > 0 && float64(c.l)/float64(c.s) > c.ratioS {
				t.Errorf("%q: %s %d for N, %d for 2N", unit, c.what, c.s, c.l)
			}
		}
		allocs := func(src []byte) float64 {
			return testing.AllocsPerRun(3, func() {
				var r Result
				Scan(src, &r)
			})
		}
		if as, al := allocs(small), allocs(large); al > 2*as+4 {
			t.Errorf("%q: %v allocations for N, %v for 2N", unit, as, al)
		}
	}
}

// TestNoAllocsPerToken checks that a reused Result scans without
// allocating, errors included.
func TestNoAllocsPerToken(t *testing.T) {
	src := []byte(strings.Repeat("x = f'{a!r:>{b}}' + \"s\" + 0x1F # c\nif y:\n    z(1, [2])\n", 200))
	var r Result
	Scan(src, &r)
	if a := testing.AllocsPerRun(5, func() { Scan(src, &r) }); a != 0 {
		t.Errorf("%v allocations per scan of clean input with a reused Result", a)
	}
}

// TestOffsets checks that positions are byte offsets into the original
// source, with a BOM, "\r\n" and lone "\r" line ends.
func TestOffsets(t *testing.T) {
	src := []byte("\ufeffif x:\r\n  y = 'a\\\r\nb'\r  z\rw\r\n")
	var r Result
	Scan(src, &r)
	var got []string
	for _, tok := range r.Tokens {
		got = append(got, tok.Kind.String()+"@"+strconv.Itoa(int(tok.Start))+"-"+strconv.Itoa(int(tok.End)))
	}
	want := "if@3-5 NAME@6-7 :@7-8 NEWLINE@8-10 INDENT@10-12 NAME@12-13 =@14-15 STRING@16-23 NEWLINE@23-24 " +
		"NAME@26-27 NEWLINE@27-28 DEDENT@28-28 NAME@28-29 NEWLINE@29-31 EOF@31-31"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("got  %s\nwant %s", s, want)
	}
	if len(r.Errors) != 0 {
		t.Errorf("errors: %v", r.Errors)
	}
}
