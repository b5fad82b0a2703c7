package source

import "testing"

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
