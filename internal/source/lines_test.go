package source

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPosition(t *testing.T) {
	src := []byte("ab\r\nxé😀z\rq\n")
	l := NewLines(src)
	if l.Count() != 4 {
		t.Fatalf("Count = %d, want 4", l.Count())
	}
	tests := []struct {
		off                       int
		line, col, utf16, runeCol int
	}{
		{0, 1, 1, 1, 1},
		{1, 1, 2, 2, 2},
		{4, 2, 1, 1, 1},  // x
		{5, 2, 2, 2, 2},  // é (2 bytes)
		{7, 2, 4, 3, 3},  // 😀 (4 bytes, 2 UTF-16 units)
		{11, 2, 8, 5, 4}, // z
		{13, 3, 1, 1, 1}, // q after lone CR
		{99, 4, 1, 1, 1}, // clamped to EOF
	}
	for _, tt := range tests {
		p := l.Position(tt.off)
		if p.Line != tt.line || p.Column != tt.col || p.UTF16Column != tt.utf16 || p.RuneColumn != tt.runeCol {
			t.Errorf("Position(%d) = %+v, want line %d col %d utf16 %d rune %d", tt.off, p, tt.line, tt.col, tt.utf16, tt.runeCol)
		}
	}
	if got := string(l.LineText(1)); got != "ab" {
		t.Errorf("LineText(1) = %q", got)
	}
	if got := string(l.LineText(2)); got != "xé😀z" {
		t.Errorf("LineText(2) = %q", got)
	}
}

// TestPositionCostIndependentOfLineLength asks for the position of every
// token of one long line: the bytes decoded must grow with the number of
// tokens, not with tokens times the line's length.
func TestPositionCostIndependentOfLineLength(t *testing.T) {
	scanned := func(n int) int64 {
		var b []byte
		var offs []int
		for i := 0; i < n; i++ {
			offs = append(offs, len(b))
			b = append(b, "é😀x, "...)
		}
		l := NewLines(b)
		for _, o := range offs {
			l.Position(o)
		}
		return l.scanned.Load()
	}
	n1, n2 := scanned(4000), scanned(8000)
	if n1 == 0 || float64(n2)/float64(n1) > 2.5 {
		t.Errorf("bytes decoded: %d for 4,000 tokens, %d for 8,000 (ratio %.2f, want about 2)", n1, n2, float64(n2)/float64(n1))
	}
}

// TestPositionAgreesWithScan checks the checkpointed columns against a
// plain scan from the line start, across checkpoint boundaries, invalid
// UTF-8 and every kind of line end.
func TestPositionAgreesWithScan(t *testing.T) {
	var b []byte
	for i := 0; i < 600; i++ {
		b = append(b, "aé😀\xe2\r\n\xff\x80z\rq"[i%14:]...)
		b = append(b, "xyz\n"[:1+i%4]...)
	}
	l := NewLines(b)
	for off := 0; off <= len(b); off++ {
		p := l.Position(off)
		start := l.LineStart(p.Line)
		runes, units := 1, 1
		for seg := b[start:off]; len(seg) > 0; {
			r, size := utf8.DecodeRune(seg)
			seg = seg[size:]
			runes++
			units += utf16Units(r)
		}
		if p.RuneColumn != runes || p.UTF16Column != units {
			t.Fatalf("Position(%d) = %+v, want rune column %d, UTF-16 column %d", off, p, runes, units)
		}
	}
}

// TestPositionASCII: in an all-ASCII file every column counts bytes, the
// same as decoding would give, and nothing is decoded; one byte above 0x7f
// anywhere (at each place an eight-byte step can leave it) and decoding
// is back.
func TestPositionASCII(t *testing.T) {
	src := []byte("import os\n\tx = f(a, 'b')\r\ny = 1\rz\n" + strings.Repeat("w", 600) + "\n")
	l := NewLines(src)
	for o := 0; o <= len(src); o++ {
		p := l.Position(o)
		if p.UTF16Column != p.Column || p.RuneColumn != p.Column {
			t.Fatalf("offset %d: columns %d/%d/%d differ in an ASCII file", o, p.Column, p.UTF16Column, p.RuneColumn)
		}
	}
	if n := l.scanned.Load(); n != 0 {
		t.Errorf("decoded %d bytes of an ASCII file", n)
	}
	for at := 0; at < 20; at++ {
		b := []byte(strings.Repeat("a", 20) + "\nb\n")
		b[at] = 0xc3
		b = append(b[:at+1], append([]byte{0xa9}, b[at+1:]...)...) // é at at
		l := NewLines(b)
		if p := l.Position(len(b) - 2); p.Line != 2 || p.Column != 1 {
			t.Fatalf("é at %d: position %+v", at, p)
		}
		if p := l.Position(21); at < 20 && (p.RuneColumn != p.Column-1 || p.UTF16Column != p.Column-1) {
			t.Fatalf("é at %d: the end of line 1 has columns %d/%d/%d, want the rune and UTF-16 columns one less", at, p.Column, p.UTF16Column, p.RuneColumn)
		}
	}
}
