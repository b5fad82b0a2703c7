package main

import (
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/daglint/daglint/internal/config"
	"github.com/daglint/daglint/internal/project"
)

// projectRoot is the root of the project of the file at path (RULES.md,
// "Project"): the folder of its configuration file; without one, the git
// work tree holding the file, else the folder daglint runs in.
func (r *resolver) projectRoot(cfg *config.Config, path string) string {
	if cfg.Path != "" {
		return cfg.Dir
	}
	if root := r.gitRoot(filepath.Dir(absPath(r.cwd, filepath.FromSlash(path)))); root != "" {
		return root
	}
	return r.cwd
}

// gitRoot returns the git work tree holding dir ("" for none), each folder
// looked up once.
func (r *resolver) gitRoot(dir string) string {
	if root, ok := r.gitRoots[dir]; ok {
		return root
	}
	root := ""
	if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
		root = dir
	} else if parent := filepath.Dir(dir); parent != dir {
		root = r.gitRoot(parent)
	}
	if r.gitRoots == nil {
		r.gitRoots = map[string]string{}
	}
	r.gitRoots[dir] = root
	return root
}

// indexCache holds the module index of each project, by root and
// python-path, for a run or a language server's life.
type indexCache struct {
	mu    sync.Mutex
	byKey map[string]*project.Index
}

// modules returns the module index of the project of the file at path,
// which cfg governs: one per project root and python-path, so that every
// file of a project shares the modules it imports.
func (r *resolver) modules(cfg *config.Config, path string) *project.Index {
	if r.indexes == nil {
		r.indexes = &indexCache{}
	}
	c := r.indexes
	root := r.projectRoot(cfg, path)
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
