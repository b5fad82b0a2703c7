package main

import (
	"fmt"
	"path/filepath"

	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/walk"
)

// lintConnectionsFiles lints the connections sources of the run's groups
// (Astro settings, connections exports, .env files) with the rules of
// connections files, each file once however many configurations read it,
// with the options of the first group that does. Its findings are reported
// like those of Python files, at the file's path relative to cwd. Whether
// git would commit a file is decided from the work tree's .gitignore files
// whatever --no-gitignore says: that flag is about which files are walked.
func lintConnectionsFiles(groups []*fileGroup, cwd string) []lint.Result {
	var out []lint.Result
	seen := map[string]bool{}
	for _, g := range groups {
		if !readsConnectionsFiles(g.opts) {
			continue
		}
		for _, src := range g.cfg.ConnectionSources(cwd) {
			abs := absPath(cwd, src)
			key := abs
			if real, err := filepath.EvalSymlinks(abs); err == nil {
				key = real
			}
			if seen[key] {
				continue
			}
			seen[key] = true
			path := relTo(cwd, filepath.ToSlash(abs))
			git, err := walk.FileGitState(abs)
			if err != nil {
				out = append(out, lint.Result{Path: path, Err: fmt.Errorf("cannot tell whether git commits it: %w", err)})
				continue
			}
			opts := g.opts
			opts.KeepSource = false
			out = append(out, lint.ConnectionsFile(path, lint.GitState{InWorkTree: git.InWorkTree, Ignored: git.Ignored, Tracked: git.Tracked}, opts))
		}
	}
	return out
}

// readsConnectionsFiles reports whether a rule of connections files is
// among the options' rules.
func readsConnectionsFiles(opts lint.Options) bool {
	for _, r := range opts.Rules {
		if r.RunConnections != nil && (r.Enabled == nil || r.Enabled(opts.Settings)) {
			return true
		}
	}
	return false
}
