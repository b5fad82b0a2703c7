package server

import (
	"context"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/source"
)

// Internals exposed to the tests of package server_test.

func encodingNamed(name string) encoding {
	e, _ := negotiate([]string{name})
	return e
}

func PositionOf(enc string, lines *source.Lines, offset int) Position {
	return encodingNamed(enc).position(lines, offset)
}

func OffsetOf(enc string, lines *source.Lines, p Position) int {
	return encodingNamed(enc).offset(lines, p)
}

func Negotiate(offered []string) string {
	_, name := negotiate(offered)
	return name
}

func ChangedSpan(before, after []byte) analysis.TextEdit { return changedSpan(before, after) }

// A method whose handler panics, to test that the server survives it.
func init() {
	handlers["daglint/testPanic"] = func(*Server, context.Context, []byte) (any, error) { panic("test panic") }
}

func ApplyChange(text []byte, c TextDocumentContentChangeEvent, enc string) []byte {
	return applyChange(text, source.NewLines(text), c, encodingNamed(enc))
}
