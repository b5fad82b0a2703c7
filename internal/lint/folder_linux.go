package lint

import (
	"strings"
	"syscall"
)

// folder keeps open the folder of the last file a worker read, so that the
// next file of the same folder (a walk hands files over folder by folder)
// is opened relative to it: the kernel then looks up one name, not every
// component of the path again, which makes an open about a quarter
// cheaper on a tree a few folders deep. The zero value holds no folder.
type folder struct {
	dir string // the folder's path, as the file paths spell it; "" for none
	fd  int
}

// open opens path as syscall.Open would, relative to the folder when the
// path lies directly in it (opening the folder first when it is another).
// Whatever fails that way is tried again by the path, so errors are those
// of the path itself, and a folder deleted and made again since (its old
// descriptor finds nothing) is opened anew. (A folder renamed while the
// run reads it may still be read under its old name, until a file is not
// found in it: the path of a file the walk listed names the same file as
// long as nothing moves under the run.) A path too long for the kernel
// (PathMax bytes with its final NUL) is opened by the path, which fails,
// though its folder and name would each be short enough.
func (f *folder) open(path string, flags int) (int, error) {
	i := strings.LastIndexByte(path, '/')
	if f == nil || i <= 0 || i == len(path)-1 || len(path) >= syscall.PathMax {
		return openPath(path, flags)
	}
	if dir := path[:i]; dir != f.dir {
		f.close()
		fd, err := openPath(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC)
		if err != nil {
			return openPath(path, flags)
		}
		f.dir, f.fd = dir, fd
	}
	for {
		fd, err := syscall.Openat(f.fd, path[i+1:], flags, 0)
		switch err {
		case nil:
			return fd, nil
		case syscall.EINTR:
			continue
		}
		f.close() // opened again for the next file, should it have been replaced
		return openPath(path, flags)
	}
}

// close closes the folder held, if any.
func (f *folder) close() {
	if f.dir != "" {
		syscall.Close(f.fd)
		f.dir = ""
	}
}
