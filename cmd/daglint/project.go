package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/daglint/daglint/internal/config"
	"github.com/daglint/daglint/internal/project"
)

// projectRoot is the root of the project a configuration governs (RULES.md,
// "Project"): the folder of the configuration file; without one, the git
// work tree holding cwd, else cwd.
func projectRoot(cfg *config.Config, cwd string) string {
	if cfg.Path != "" {
		return cfg.Dir
	}
	for dir := cwd; ; dir = filepath.Dir(dir) {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		if filepath.Dir(dir) == dir {
			return cwd
		}
	}
}

// modules returns the module index of the project cfg governs, one per
// project root and python-path for the whole run, so that every file of a
// project shares the modules it imports.
func (r *resolver) modules(cfg *config.Config) *project.Index {
	root := projectRoot(cfg, r.cwd)
	key := root + "\x00" + strings.Join(cfg.PythonPath, "\x00")
	if ix, ok := r.indexes[key]; ok {
		return ix
	}
	if r.indexes == nil {
		r.indexes = map[string]*project.Index{}
	}
	ix := project.New(root, r.cwd, cfg.PythonPath)
	r.indexes[key] = ix
	return ix
}
