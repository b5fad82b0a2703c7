package gitignore

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// ErrMalformedIndex is returned for a git index daglint cannot read: not
// an index, a version other than 2, 3 and 4, truncated or inconsistent
// data, or a mandatory extension (a split or sparse index) whose entries
// are not all in the file.
var ErrMalformedIndex = errors.New("malformed git index")

const (
	indexHeaderLen = 12
	entryFixedLen  = 62 // ten 32-bit stat fields, the SHA-1, the flags
	entryExtended  = 0x4000
	entryNameMask  = 0xfff
	indexHashLen   = 20
)

// Tracks reports whether the git index data holds path (slash-separated,
// relative to the work tree), at any stage. The whole index is checked: a
// malformed one is an error, whatever it says about path. The trailing
// checksum is not verified.
func Tracks(index []byte, path string) (bool, error) {
	found := false
	err := indexEntries(index, func(name []byte) {
		found = found || string(name) == path
	})
	if err != nil {
		return false, err
	}
	return found, nil
}

// IndexPaths returns the paths the git index data holds, in index order
// (a path is listed once per stage).
func IndexPaths(index []byte) ([]string, error) {
	var paths []string
	err := indexEntries(index, func(name []byte) {
		paths = append(paths, string(name))
	})
	if err != nil {
		return nil, err
	}
	return paths, nil
}

// indexEntries calls fn with the name of every entry of the index (a
// buffer fn must not keep), then checks the extensions and the room for
// the checksum. Every step consumes input, so corrupt data ends the loop.
func indexEntries(data []byte, fn func(name []byte)) error {
	if len(data) < indexHeaderLen || string(data[:4]) != "DIRC" {
		return fmt.Errorf("%w: no index signature", ErrMalformedIndex)
	}
	version := binary.BigEndian.Uint32(data[4:])
	if version < 2 || version > 4 {
		return fmt.Errorf("%w: unsupported version %d", ErrMalformedIndex, version)
	}
	count := binary.BigEndian.Uint32(data[8:])
	rest := data[indexHeaderLen:]
	var name []byte // v4: the previous entry's name, the base of the next
	for i := uint32(0); i < count; i++ {
		if len(rest) < entryFixedLen {
			return fmt.Errorf("%w: entry %d truncated", ErrMalformedIndex, i)
		}
		flags := binary.BigEndian.Uint16(rest[60:])
		read := entryFixedLen
		if flags&entryExtended != 0 {
			if len(rest) < read+2 {
				return fmt.Errorf("%w: entry %d truncated", ErrMalformedIndex, i)
			}
			read += 2
		}
		rest = rest[read:]
		if version == 4 {
			strip, n := varint(rest)
			if n == 0 {
				return fmt.Errorf("%w: entry %d: bad name prefix length", ErrMalformedIndex, i)
			}
			if strip > uint64(len(name)) {
				return fmt.Errorf("%w: entry %d: name prefix length %d beyond the previous name", ErrMalformedIndex, i, strip)
			}
			rest = rest[n:]
			end := bytes.IndexByte(rest, 0)
			if end < 0 {
				return fmt.Errorf("%w: entry %d: unterminated name", ErrMalformedIndex, i)
			}
			name = append(name[:len(name)-int(strip)], rest[:end]...)
			rest = rest[end+1:]
			fn(name)
			continue
		}
		// Versions 2 and 3: the name, then 1 to 8 NULs padding the entry
		// to a multiple of 8 bytes (a 0xfff length means "0xfff or more":
		// the name ends at its NUL).
		nameLen, consumed := int(flags&entryNameMask), 0
		if nameLen == entryNameMask {
			end := bytes.IndexByte(rest, 0)
			if end < 0 {
				return fmt.Errorf("%w: entry %d: unterminated name", ErrMalformedIndex, i)
			}
			nameLen, consumed = end, end+1
		} else {
			if len(rest) < nameLen {
				return fmt.Errorf("%w: entry %d truncated", ErrMalformedIndex, i)
			}
			consumed = nameLen
		}
		fn(rest[:nameLen])
		pad := 8 - (read+nameLen)%8 - (consumed - nameLen)
		if pad < 0 {
			pad = 0
		}
		if len(rest) < consumed+pad {
			return fmt.Errorf("%w: entry %d truncated", ErrMalformedIndex, i)
		}
		rest = rest[consumed+pad:]
	}
	// Extensions: a signature, a 32-bit length, the data; one whose
	// signature does not start with an upper-case letter must be
	// understood (a split index's "link", a sparse index's "sdir"), and
	// daglint understands none. Fewer bytes than an extension header and
	// a checksum leave only the checksum.
	for len(rest) >= 8+indexHashLen {
		sig := rest[:4]
		size := uint64(binary.BigEndian.Uint32(rest[4:]))
		if sig[0] < 'A' || sig[0] > 'Z' {
			return fmt.Errorf("%w: mandatory extension %q", ErrMalformedIndex, sig)
		}
		if size > uint64(len(rest)-8) {
			return fmt.Errorf("%w: extension %q truncated", ErrMalformedIndex, sig)
		}
		rest = rest[8+size:]
	}
	if len(rest) < indexHashLen {
		return fmt.Errorf("%w: checksum truncated", ErrMalformedIndex)
	}
	return nil
}

// varint decodes git's offset encoding (each continuation adds one before
// shifting), returning the value and the bytes read, 0 when b is
// truncated or the value overflows.
func varint(b []byte) (uint64, int) {
	var v uint64
	for i, c := range b {
		if i > 0 {
			if v >= (1<<63-127)>>7 {
				return 0, 0
			}
			v = (v+1)<<7 | uint64(c&0x7f)
		} else {
			v = uint64(c & 0x7f)
		}
		if c&0x80 == 0 {
			return v, i + 1
		}
	}
	return 0, 0
}
