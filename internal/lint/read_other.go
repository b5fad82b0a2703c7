//go:build !linux && !darwin

package lint

import (
	"bytes"
	"errors"
	"fmt"
	"os"
)

// readFileIn is readFile reading into scratch when the file fits in its
// capacity (so the bytes returned may be scratch's); every file is opened
// by its path here.
func readFileIn(_ *folder, path string, max int64, scratch []byte) ([]byte, error) {
	// Stat before opening: opening a named pipe for reading blocks until
	// something writes to it, and a device may never end.
	if st, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	} else if !st.Mode().IsRegular() {
		return nil, notRegular(st.Mode())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	defer f.Close()
	// The path may have been replaced between the two calls.
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, notRegular(st.Mode())
	}
	if max > 0 && st.Size() > max {
		return nil, tooLarge(st.Size(), max)
	}
	// Read into a buffer of the size the file had: io.ReadAll would grow
	// one from 512 bytes, copying the file several times.
	room := scratch[:0]
	if int64(cap(room)) < st.Size()+bytes.MinRead {
		room = make([]byte, 0, st.Size()+bytes.MinRead)
	}
	buf := bytes.NewBuffer(room)
	src, err := ReadLimited(buf, f, max)
	if errors.Is(err, ErrTooLarge) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	return src, nil
}
