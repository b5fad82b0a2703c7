package server_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/server"
	"github.com/daglint/daglint/internal/server/servertest"
	"github.com/daglint/daglint/internal/source"
)

// TestPositionRoundTrip converts every offset that starts a character to a
// position and back, in each encoding, and checks the positions against the
// test client's own conversion.
func TestPositionRoundTrip(t *testing.T) {
	text := "a = 'é'\r\nb = \"🙂x\"  # ü\n\n𝄞\tz\xff!\nlast"
	lines := source.NewLines([]byte(text))
	for _, enc := range []string{server.EncodingUTF16, server.EncodingUTF8, server.EncodingUTF32} {
		for off := 0; off <= len(text); off++ {
			if off < len(text) && text[off]&0xC0 == 0x80 {
				continue // inside a UTF-8 sequence
			}
			if strings.HasSuffix(text[:off], "\r") {
				continue // between \r and \n: no position of its own
			}
			p := server.PositionOf(enc, lines, off)
			if got := server.OffsetOf(enc, lines, p); got != off {
				t.Errorf("%s: offset %d -> %+v -> %d", enc, off, p, got)
			}
			if got := servertest.Offset(text, p, enc); got != off {
				t.Errorf("%s: offset %d -> %+v, which the client reads as %d", enc, off, p, got)
			}
		}
	}
}

func TestOffsetClamps(t *testing.T) {
	text := "ab🙂\ncd\n"
	lines := source.NewLines([]byte(text))
	for _, tt := range []struct {
		p    server.Position
		enc  string
		want int
	}{
		{server.Position{Line: 0, Character: 99}, server.EncodingUTF16, 6}, // past the line: its end
		{server.Position{Line: 0, Character: 3}, server.EncodingUTF16, 2},  // inside the surrogate pair: the emoji's start
		{server.Position{Line: 0, Character: 4}, server.EncodingUTF8, 2},   // inside the UTF-8 sequence
		{server.Position{Line: 9, Character: 0}, server.EncodingUTF16, len(text)},
		{server.Position{Line: -1, Character: 0}, server.EncodingUTF16, 0},
		{server.Position{Line: 2, Character: 5}, server.EncodingUTF32, len(text)},
	} {
		if got := server.OffsetOf(tt.enc, lines, tt.p); got != tt.want {
			t.Errorf("%+v (%s): %d, want %d", tt.p, tt.enc, got, tt.want)
		}
	}
}

func TestNegotiate(t *testing.T) {
	for _, tt := range []struct {
		offered []string
		want    string
	}{
		{nil, server.EncodingUTF16},
		{[]string{"utf-7", server.EncodingUTF32, server.EncodingUTF8}, server.EncodingUTF32},
		{[]string{server.EncodingUTF8, server.EncodingUTF16}, server.EncodingUTF8},
	} {
		if got := server.Negotiate(tt.offered); got != tt.want {
			t.Errorf("%v: %s, want %s", tt.offered, got, tt.want)
		}
	}
}

func TestChangedSpan(t *testing.T) {
	for _, tt := range []struct{ before, after string }{
		{"abc", "abc"}, {"aéc", "aèc"}, {"x = 1\n", "x = 1\ny\n"}, {"🙂a", "🙃a"}, {"", "new"}, {"old", ""},
	} {
		e := server.ChangedSpan([]byte(tt.before), []byte(tt.after))
		got := tt.before[:e.Start] + e.NewText + tt.before[e.End:]
		if got != tt.after {
			t.Errorf("%q -> %q: edit %+v gives %q", tt.before, tt.after, e, got)
		}
		lines := source.NewLines([]byte(tt.before))
		if p := server.PositionOf(server.EncodingUTF16, lines, e.Start); server.OffsetOf(server.EncodingUTF16, lines, p) != e.Start {
			t.Errorf("%q -> %q: edit starts inside a character", tt.before, tt.after)
		}
	}
}

// TestIncrementalChanges applies random range changes with the server's
// conversion and with the test client's, in each encoding: the texts must
// stay equal.
func TestIncrementalChanges(t *testing.T) {
	pieces := []string{"a", "é", "🙂", "\n", "\r\n", "x = 1", "𝄞", " ", "\t"}
	r := rand.New(rand.NewPCG(1, 2))
	for _, enc := range []string{server.EncodingUTF16, server.EncodingUTF8, server.EncodingUTF32} {
		text := "start\n"
		for i := 0; i < 2000; i++ {
			pos := func() server.Position {
				lines := strings.Count(text, "\n") + 1
				return server.Position{Line: r.IntN(lines + 1), Character: r.IntN(12)}
			}
			a, b := pos(), pos()
			if b.Line < a.Line || b.Line == a.Line && b.Character < a.Character {
				a, b = b, a
			}
			if servertest.Offset(text, b, enc) < servertest.Offset(text, a, enc) {
				b = a // a past the end of its line clamps beyond b
			}
			var ins strings.Builder
			for n := r.IntN(4); n > 0; n-- {
				ins.WriteString(pieces[r.IntN(len(pieces))])
			}
			rng := server.Range{Start: a, End: b}
			want := servertest.Apply(text, []server.TextEdit{{Range: rng, NewText: ins.String()}}, enc)
			got := string(server.ApplyChange([]byte(text), server.TextDocumentContentChangeEvent{Range: &rng, Text: ins.String()}, enc))
			if got != want {
				t.Fatalf("%s: change %+v %q to\n%q\ngives\n%q\nwant\n%q", enc, rng, ins.String(), text, got, want)
			}
			text = got
		}
	}
}
