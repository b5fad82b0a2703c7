// Package source maps byte offsets in a file to human and tool positions.
//
// Diagnostics carry half-open byte ranges; positions (line, column in bytes,
// UTF-16 code units or code points) are computed only when a report is written.
package source

import (
	"bytes"
	"encoding/binary"
	"sort"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// Lines is the line table of one file: the byte offset at which each line starts.
type Lines struct {
	src    []byte
	starts []int

	// Column checkpoints, built on the first Position call: a position costs
	// a binary search and at most two checkpointStride-byte scans, however
	// long its line is.
	once        sync.Once
	checkpoints []checkpoint
	// ascii is set when the file is all ASCII: every column is then a
	// byte count, and no checkpoint is needed.
	ascii bool
	// scanned counts the bytes Position has decoded (for tests of growth).
	scanned atomic.Int64
}

// checkpointStride is the distance in bytes between column checkpoints.
const checkpointStride = 512

// checkpoint records, at a rune boundary, how many code points and UTF-16
// units precede it in the file.
type checkpoint struct {
	offset, runes, utf16 int
}

var newline = []byte{'\n'}

// NewLines builds the line table of src. A line ends after "\n"; a lone "\r"
// also ends a line, as in Python's tokenizer.
func NewLines(src []byte) *Lines {
	// Sized once, and found with the vectorised byte search when the file
	// has no "\r" (the common case): building the table is on every parse.
	starts := make([]int, 1, bytes.Count(src, newline)+1)
	if bytes.IndexByte(src, '\r') < 0 {
		for i := 0; ; {
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			starts = append(starts, i)
		}
		return &Lines{src: src, starts: starts}
	}
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

// Position converts a byte offset into a Position. Its cost does not depend
// on the length of the line.
func (l *Lines) Position(offset int) Position {
	offset = l.clamp(offset)
	line := l.Line(offset)
	start := l.starts[line-1]
	l.once.Do(l.buildCheckpoints)
	// Line starts follow an ASCII terminator, so decoding from the file's
	// start and from the line's start agree on rune boundaries there: the
	// columns are differences of counts from the start of the file.
	sr, su := l.countTo(start)
	or, ou := l.countTo(offset)
	return Position{Offset: offset, Line: line, Column: offset - start + 1, UTF16Column: ou - su + 1, RuneColumn: or - sr + 1}
}

// buildCheckpoints decodes the file once, recording a checkpoint at the
// first rune boundary at or after each multiple of checkpointStride.
func (l *Lines) buildCheckpoints() {
	if isASCII(l.src) {
		l.ascii = true
		return
	}
	cps := make([]checkpoint, 0, len(l.src)/checkpointStride+1)
	runes, units := 0, 0
	for i := 0; i <= len(l.src); {
		if i >= len(cps)*checkpointStride {
			cps = append(cps, checkpoint{offset: i, runes: runes, utf16: units})
		}
		if i == len(l.src) {
			break
		}
		r, size := utf8.DecodeRune(l.src[i:])
		i += size
		runes++
		units += utf16Units(r)
	}
	l.checkpoints = cps
}

// countTo returns the code points and UTF-16 units in src[:offset], a rune
// cut by offset counting one per byte (as decoding the prefix would).
func (l *Lines) countTo(offset int) (runes, units int) {
	if l.ascii {
		return offset, offset
	}
	k := offset / checkpointStride
	if k >= len(l.checkpoints) {
		k = len(l.checkpoints) - 1
	}
	for l.checkpoints[k].offset > offset {
		k--
	}
	cp := l.checkpoints[k]
	runes, units = cp.runes, cp.utf16
	seg := l.src[cp.offset:offset]
	l.scanned.Add(int64(len(seg)))
	for len(seg) > 0 {
		r, size := utf8.DecodeRune(seg)
		seg = seg[size:]
		runes++
		units += utf16Units(r)
	}
	return runes, units
}

// isASCII reports whether src has no byte above 0x7f, eight bytes at a time.
func isASCII(src []byte) bool {
	const high = 0x8080808080808080
	i := 0
	for ; i+8 <= len(src); i += 8 {
		if binary.LittleEndian.Uint64(src[i:])&high != 0 {
			return false
		}
	}
	for ; i < len(src); i++ {
		if src[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func utf16Units(r rune) int {
	if r >= 0x10000 && r != utf8.RuneError {
		return 2
	}
	return 1
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
