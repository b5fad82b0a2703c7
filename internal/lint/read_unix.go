//go:build linux || darwin

package lint

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// readFileIn is readFile opening the file through dirs (nil: by its
// path) and reading into scratch when the file fits in its capacity (so
// the bytes returned may be scratch's). It costs four system calls for a
// file (open, fstat, read to the end, close) where os.Stat, os.Open and a
// bytes.Buffer take eight or more: opening with O_NONBLOCK returns at once
// even for a named pipe nobody writes to, so no stat is needed before it,
// and fstat on the open descriptor decides.
func readFileIn(dirs *folder, path string, max int64, scratch []byte) ([]byte, error) {
	fd, err := dirs.open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK|syscall.O_NOCTTY)
	if err != nil {
		// Say what os.Stat would have said first, as the portable reader
		// does: a missing path, a socket.
		if st, serr := os.Stat(path); serr != nil {
			return nil, fmt.Errorf("cannot read: %w", serr)
		} else if !st.Mode().IsRegular() {
			return nil, notRegular(st.Mode())
		}
		return nil, fmt.Errorf("cannot read: %w", &fs.PathError{Op: "open", Path: path, Err: err})
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := fstat(fd, &st); err != nil {
		return nil, fmt.Errorf("cannot read: %w", &fs.PathError{Op: "stat", Path: path, Err: err})
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, notRegular(fileMode(uint32(st.Mode))) // uint16 on darwin
	}
	size := st.Size
	if max > 0 && size > max {
		return nil, tooLarge(size, max)
	}
	// One byte more than the size, so a file read whole is known to have
	// ended without a second read (unless it grew meanwhile).
	buf := scratch[:0]
	if int64(cap(buf)) < size+1 {
		buf = make([]byte, 0, size+1)
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		if err == syscall.EINTR || err == syscall.EAGAIN {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("cannot read: %w", &fs.PathError{Op: "read", Path: path, Err: err})
		}
		if n <= 0 {
			break
		}
		buf = buf[:len(buf)+n]
		if max > 0 && int64(len(buf)) > max {
			return nil, grewTooLarge(max)
		}
		if int64(len(buf)) == size {
			break // the size fstat gave, and the byte of room left unread
		}
	}
	return buf, nil
}

// openPath is syscall.Open, tried again when a signal interrupts it.
func openPath(path string, flags int) (int, error) {
	for {
		fd, err := syscall.Open(path, flags, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

func fstat(fd int, st *syscall.Stat_t) error {
	for {
		err := syscall.Fstat(fd, st)
		if err != syscall.EINTR {
			return err
		}
	}
}

// fileMode turns the type bits of a stat mode into an fs.FileMode, for the
// message about a path that is no regular file.
func fileMode(m uint32) fs.FileMode {
	switch m & syscall.S_IFMT {
	case syscall.S_IFDIR:
		return fs.ModeDir
	case syscall.S_IFIFO:
		return fs.ModeNamedPipe
	case syscall.S_IFCHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFBLK:
		return fs.ModeDevice
	case syscall.S_IFSOCK:
		return fs.ModeSocket
	case syscall.S_IFLNK:
		return fs.ModeSymlink
	}
	return fs.ModeIrregular
}
