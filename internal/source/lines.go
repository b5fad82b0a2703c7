// Package source maps byte offsets in a file to human and tool positions.
//
// Diagnostics carry half-open byte ranges; positions (line, column in bytes,
// UTF-16 code units or code points) are computed only when a report is written.
package source

import (
	"sort"
	"unicode/utf8"
)

// Lines is the line table of one file: the byte offset at which each line starts.
type Lines struct {
	src    []byte
	starts []int
}

// NewLines builds the line table of src. A line ends after "\n"; a lone "\r"
// also ends a line, as in Python's tokenizer.
func NewLines(src []byte) *Lines {
	starts := make([]int, 1, 64)
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				continue
			}
			starts = append(starts, i+1)
		}
	}
	return &Lines{src: src, starts: starts}
}

// Count returns the number of lines (a file with no newline has one line).
func (l *Lines) Count() int { return len(l.starts) }

// Source returns the text the table was built from.
func (l *Lines) Source() []byte { return l.src }

// Position is a location in a file. Line and every column are 1-based.
type Position struct {
	Offset int // byte offset from the start of the file
	Line   int
	Column int // byte column
	// UTF16Column counts UTF-16 code units from the start of the line, as SARIF's
	// default columnKind "utf16CodeUnits" and LSP expect.
	UTF16Column int
	// RuneColumn counts Unicode code points (invalid bytes count one each).
	RuneColumn int
}

// Line returns the 1-based line that holds offset.
func (l *Lines) Line(offset int) int {
	offset = l.clamp(offset)
	return sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset })
}

// LineStart returns the byte offset at which the 1-based line starts.
func (l *Lines) LineStart(line int) int {
	if line < 1 {
		return 0
	}
	if line > len(l.starts) {
		return len(l.src)
	}
	return l.starts[line-1]
}

// LineEnd returns the byte offset of the end of the 1-based line, before its
// line terminator.
func (l *Lines) LineEnd(line int) int {
	end := len(l.src)
	if line < len(l.starts) {
		end = l.starts[line]
	}
	for end > l.LineStart(line) && (l.src[end-1] == '\n' || l.src[end-1] == '\r') {
		end--
	}
	return end
}

// LineText returns the text of the 1-based line without its terminator.
func (l *Lines) LineText(line int) []byte {
	return l.src[l.LineStart(line):l.LineEnd(line)]
}

// Position converts a byte offset into a Position.
func (l *Lines) Position(offset int) Position {
	offset = l.clamp(offset)
	line := l.Line(offset)
	start := l.starts[line-1]
	p := Position{Offset: offset, Line: line, Column: offset - start + 1, UTF16Column: 1, RuneColumn: 1}
	seg := l.src[start:offset]
	for len(seg) > 0 {
		r, size := utf8.DecodeRune(seg)
		seg = seg[size:]
		p.RuneColumn++
		if r >= 0x10000 && r != utf8.RuneError {
			p.UTF16Column += 2
		} else {
			p.UTF16Column++
		}
	}
	return p
}

func (l *Lines) clamp(offset int) int {
	if offset < 0 {
		return 0
	}
	if offset > len(l.src) {
		return len(l.src)
	}
	return offset
}
