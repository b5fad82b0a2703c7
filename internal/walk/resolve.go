package walk

import "path/filepath"

// resolved returns abs with symbolic links resolved, or abs itself when
// that fails.
func resolved(abs string) string {
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	return abs
}
