package main

import (
	"bytes"
	"io"

	"github.com/daglint/daglint/internal/secrets"
)

// scrubWriter passes each line written to it through secrets.Scrub before
// writing it on, so that no message on standard error (an error from a
// library, a path, a flag value) shows a secret whole, whichever code
// printed it. Flush writes a final line that has no newline.
type scrubWriter struct {
	w   io.Writer
	buf []byte
	err error
}

func newScrubWriter(w io.Writer) *scrubWriter { return &scrubWriter{w: w} }

// Write buffers p and writes every complete line; it reports the first
// error of the underlying writer.
func (s *scrubWriter) Write(p []byte) (int, error) {
	s.buf = append(s.buf, p...)
	if i := bytes.LastIndexByte(s.buf, '\n'); i >= 0 {
		s.emit(s.buf[:i+1])
		s.buf = append(s.buf[:0], s.buf[i+1:]...)
	}
	if s.err != nil {
		return 0, s.err
	}
	return len(p), nil
}

// Flush writes what is left of the last line.
func (s *scrubWriter) Flush() error {
	if len(s.buf) > 0 {
		s.emit(s.buf)
		s.buf = s.buf[:0]
	}
	return s.err
}

func (s *scrubWriter) emit(text []byte) {
	if s.err == nil {
		_, s.err = io.WriteString(s.w, secrets.Scrub(string(text)))
	}
}
