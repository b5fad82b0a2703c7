package main

import (
	"os"
	"path/filepath"
	"strings"
	"sync"

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

// indexCache holds the module index of each project, by root and
// python-path, for a run or a language server's life.
type indexCache struct {
	mu    sync.Mutex
	byKey map[string]*project.Index
}

// modules returns the module index of the project cfg governs, one per
// project root and python-path, so that every file of a project shares
// the modules it imports.
func (r *resolver) modules(cfg *config.Config) *project.Index {
	if r.indexes == nil {
		r.indexes = &indexCache{}
	}
	c := r.indexes
	root := projectRoot(cfg, r.cwd)
	key := root + "\x00" + r.cwd + "\x00" + strings.Join(cfg.PythonPath, "\x00")
	c.mu.Lock()
	defer c.mu.Unlock()
	if ix, ok := c.byKey[key]; ok {
		return ix
	}
	if c.byKey == nil {
		c.byKey = map[string]*project.Index{}
	}
	ix := project.New(root, r.cwd, cfg.PythonPath)
	c.byKey[key] = ix
	return ix
}
