package server_test

import (
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
