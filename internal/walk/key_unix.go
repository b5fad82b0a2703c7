//go:build unix

package walk

import (
	"io/fs"
	"syscall"
)

// dirKey identifies a directory however it is reached.
type dirKey struct {
	dev, ino uint64
	path     string
}

// keyOf returns the identity of the directory described by info at abs:
// device and inode where the platform reports them, else the path with
// symbolic links resolved.
func keyOf(info fs.FileInfo, abs string) dirKey {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return dirKey{dev: uint64(st.Dev), ino: uint64(st.Ino)}
	}
	return dirKey{path: resolved(abs)}
}
