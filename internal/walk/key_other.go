//go:build !unix

package walk

import "io/fs"

// dirKey identifies a directory however it is reached.
type dirKey struct {
	path string
}

// keyOf returns the identity of the directory at abs: its path with
// symbolic links resolved (this platform has no portable inode).
func keyOf(_ fs.FileInfo, abs string) dirKey {
	return dirKey{path: resolved(abs)}
}
