// Package corpus holds what bench/pydiff and bench/breakdags share: listing
// the Python files of a tree and finding the CPython interpreter to compare
// with.
package corpus

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Python is /usr/bin/python3 when present (a version manager's python3 shim
// may come first on PATH and add its own start-up cost), else python3.
func Python() string {
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		return "/usr/bin/python3"
	}
	return "python3"
}

// Files lists the regular .py files under roots (a root may also be a file)
// and the paths named one a line in the file list (when not ""), sorted and
// without repeats. Symbolic links are not followed. It also returns how many
// files were left out for being larger than maxBytes.
func Files(roots []string, list string, maxBytes int64) ([]string, int, error) {
	var paths []string
	skipped := 0
	add := func(p string, info fs.FileInfo) {
		if !info.Mode().IsRegular() || strings.ContainsAny(p, "\n\r") {
			return
		}
		if info.Size() > maxBytes {
			skipped++
			return
		}
		paths = append(paths, p)
	}
	for _, root := range roots {
		info, err := os.Lstat(root)
		if err != nil {
			return nil, 0, err
		}
		if !info.IsDir() {
			add(root, info)
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".py") {
				return nil // unreadable folders are left out
			}
			if info, err := d.Info(); err == nil {
				add(p, info)
			}
			return nil
		})
		if err != nil {
			return nil, 0, err
		}
	}
	if list != "" {
		f, err := os.Open(list)
		if err != nil {
			return nil, 0, err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if p := strings.TrimSpace(sc.Text()); p != "" {
				if info, err := os.Lstat(p); err == nil {
					add(p, info)
				}
			}
		}
		if err := sc.Err(); err != nil {
			return nil, 0, err
		}
	}
	slices.Sort(paths)
	return slices.Compact(paths), skipped, nil
}
