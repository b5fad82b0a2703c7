package server

import (
	"unicode/utf8"

	"github.com/daglint/daglint/internal/source"
)

// encoding is the unit LSP character offsets count in.
type encoding int

const (
	utf16 encoding = iota // the protocol's default
	utf8Enc
	utf32
)

// negotiate picks the first encoding of the client's list (most preferred
// first) that the server supports; UTF-16 when the list names none.
func negotiate(offered []string) (encoding, string) {
	for _, e := range offered {
		switch e {
		case EncodingUTF8:
			return utf8Enc, e
		case EncodingUTF16:
			return utf16, e
		case EncodingUTF32:
			return utf32, e
		}
	}
	return utf16, EncodingUTF16
}

// position converts a byte offset into an LSP position.
func (e encoding) position(lines *source.Lines, offset int) Position {
	p := lines.Position(offset)
	col := p.UTF16Column
	switch e {
	case utf8Enc:
		col = p.Column
	case utf32:
		col = p.RuneColumn
	}
	return Position{Line: p.Line - 1, Character: col - 1}
}

// rangeOf converts a half-open byte range into an LSP range.
func (e encoding) rangeOf(lines *source.Lines, start, end int) Range {
	return Range{Start: e.position(lines, start), End: e.position(lines, end)}
}

// offset converts an LSP position into a byte offset. A line past the end
// means the end of the text; a character past the end of its line means the
// end of the line (as the protocol asks); a character inside a UTF-16
// surrogate pair or a UTF-8 sequence means the start of that character.
func (e encoding) offset(lines *source.Lines, p Position) int {
	src := lines.Source()
	if p.Line < 0 {
		return 0
	}
	if p.Line >= lines.Count() {
		return len(src)
	}
	start, end := lines.LineStart(p.Line+1), lines.LineEnd(p.Line+1)
	units := 0
	for i := start; i < end; {
		if units >= p.Character {
			return i
		}
		r, size := utf8.DecodeRune(src[i:end])
		switch {
		case e == utf8Enc:
			units += size
		case e == utf16 && r >= 0x10000 && r != utf8.RuneError:
			units += 2
		default:
			units++
		}
		if units > p.Character {
			return i
		}
		i += size
	}
	return end
}
