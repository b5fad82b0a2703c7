package main

import (
	"os"
	"path/filepath"

	"github.com/daglint/daglint/internal/config"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/project"
	"github.com/daglint/daglint/internal/rules"
	"github.com/daglint/daglint/internal/walk"
)

// resolver finds the configuration each file uses, as ruff does: the
// nearest .daglint.yaml, daglint.yaml or pyproject.toml with [tool.daglint]
// in the file's folder or above it, whatever the working directory; with no
// such file, the defaults rooted at the working directory. --config forces
// one configuration for every file and --no-config none. Each folder is
// looked up once and remembered, with the answer of its parent, so the cost
// of a run grows with its folders, not its files. Files governed by the same
// configuration file get the same *config.Config.
type resolver struct {
	flags  *checkFlags
	cwd    string
	forced *config.Config            // --config or --no-config
	def    *config.Config            // no configuration file above a folder
	byDir  map[string]*config.Config // absolute folder -> its configuration
	// lookups counts the folders searched for a configuration file.
	lookups int
	// indexes holds the module index of each project (see modules), and
	// gitRoots the git work tree of each folder looked up.
	indexes  *indexCache
	gitRoots map[string]string
	// err is the first configuration problem met inside a walk callback,
	// which cannot return one.
	err error
}

// newResolver builds a resolver for a run from cwd. A configuration given
// by --config is read at once, so its errors are reported before any walk.
func newResolver(flags *checkFlags, cwd string) (*resolver, error) {
	r := &resolver{flags: flags, cwd: cwd, byDir: map[string]*config.Config{}}
	if flags.noConfig || flags.configPath != "" {
		cfg, err := forcedConfig(flags, cwd)
		if err != nil {
			return nil, err
		}
		r.forced = cfg
	}
	return r, nil
}

// forFile returns the configuration of the file at path (relative to cwd
// or absolute).
func (r *resolver) forFile(path string) (*config.Config, error) {
	return r.forDir(filepath.Dir(absPath(r.cwd, filepath.FromSlash(path))))
}

// forDir returns the configuration governing the files directly in dir.
func (r *resolver) forDir(dir string) (*config.Config, error) {
	if r.forced != nil {
		return r.forced, nil
	}
	dir = absPath(r.cwd, dir)
	if cfg, ok := r.byDir[dir]; ok {
		return cfg, nil
	}
	r.lookups++
	cfg, found, err := config.FindIn(dir, rules.All)
	switch {
	case err != nil:
		_, err = finishConfig(r.flags, r.cwd, nil, err)
		return nil, err
	case found:
		if cfg, err = finishConfig(r.flags, r.cwd, cfg, nil); err != nil {
			return nil, err
		}
	case filepath.Dir(dir) == dir:
		if r.def == nil {
			if r.def, err = finishConfig(r.flags, r.cwd, config.Default(r.cwd, rules.All), nil); err != nil {
				return nil, err
			}
		}
		cfg = r.def
	default:
		if cfg, err = r.forDir(filepath.Dir(dir)); err != nil {
			return nil, err
		}
	}
	r.byDir[dir] = cfg
	return cfg, nil
}

// excluded is the walk's exclude test for path (absolute, slash-separated):
// the configuration of the folder holding path decides, relative to its own
// folder. below is the folder named on the command line holding path ("" for
// none), whose ancestors are never matched (config.ExcludedBelow).
func (r *resolver) excluded(path, below string) bool {
	cfg, err := r.forFile(path)
	if err != nil {
		if r.err == nil {
			r.err = err
		}
		return false
	}
	return cfg.ExcludedBelow(below, relTo(cfg.Dir, path))
}

// forPath returns the configuration for a path named by the user: a folder
// gets the configuration of the files directly in it, a file (existing or
// not) that of its folder.
func (r *resolver) forPath(path string) (*config.Config, error) {
	if st, err := os.Stat(absPath(r.cwd, filepath.FromSlash(path))); err == nil && st.IsDir() {
		return r.forDir(path)
	}
	return r.forFile(path)
}

// showConfigPath is the path --show-config describes: the name standard
// input is linted as, else the first path named, else the working directory.
func showConfigPath(paths []string, fromStdin bool, stdinPath string) string {
	if fromStdin {
		return stdinPath
	}
	if len(paths) > 0 {
		return paths[0]
	}
	return "."
}

// fileGroup is the files one configuration governs, with the lint options
// built from it; idx holds each file's position in the run's file list.
type fileGroup struct {
	cfg  *config.Config
	opts lint.Options
	idx  []int
}

// groupFiles splits files by the configuration each uses (and, without a
// configuration file, by project: see projectRoot), in order of first
// appearance, and builds each group's options (its connections sources read
// relative to its configuration).
func groupFiles(r *resolver, flags *checkFlags, files []string) ([]*fileGroup, error) {
	gr := newGrouper(r, flags)
	var groups []*fileGroup
	for i, f := range files {
		g, err := gr.groupOf(f)
		if err != nil {
			return nil, err
		}
		groups = g.add(groups, i)
	}
	return groups, nil
}

// add records that the run's i-th file is g's, appending g to groups the
// first time (a group's files are added in the run's order).
func (g *fileGroup) add(groups []*fileGroup, i int) []*fileGroup {
	if len(g.idx) == 0 {
		groups = append(groups, g)
	}
	g.idx = append(g.idx, i)
	return groups
}

// groupKey tells groups apart: the configuration, and the project whose
// modules the files import.
type groupKey struct {
	cfg  *config.Config
	mods *project.Index
}

// grouper finds the group of each file of a run, making a group (and its
// lint options) the first time its key is met.
type grouper struct {
	r      *resolver
	flags  *checkFlags
	byKey  map[groupKey]*fileGroup
	failed map[groupKey]error // keys whose options could not be made
}

func newGrouper(r *resolver, flags *checkFlags) *grouper {
	return &grouper{r: r, flags: flags, byKey: map[groupKey]*fileGroup{}, failed: map[groupKey]error{}}
}

// groupOf returns the group of the file at path, with no files yet when it
// is new.
func (gr *grouper) groupOf(path string) (*fileGroup, error) {
	r, flags := gr.r, gr.flags
	cfg, err := r.forFile(path)
	if err != nil {
		return nil, err
	}
	k := groupKey{cfg, r.modules(cfg, path)}
	if g := gr.byKey[k]; g != nil {
		return g, nil
	}
	if err := gr.failed[k]; err != nil {
		return nil, err
	}
	conns, err := loadConnections(cfg, r.cwd)
	if err != nil {
		gr.failed[k] = err
		return nil, err
	}
	g := &fileGroup{cfg: cfg, opts: lintOptions(cfg, conns, r.cwd)}
	g.opts.NoInlineIgnores = flags.noInlineIgnores
	g.opts.Workers = flags.jobs
	g.opts.KeepSource = flags.fixing()
	g.opts.Modules = k.mods
	gr.byKey[k] = g
	return g, nil
}

// walkLinter lints the files of a walk while the walk goes on: the walk
// hands each file to add as it finds it (on the walking goroutine, so the
// resolver is never used by two at once), which finds its group and queues
// it. finish then gives what groupFiles and linting the files one after the
// other would have given for the walk's sorted file list: the same groups in the same order, the same
// first error, the results in the list's order.
type walkLinter struct {
	gr    *grouper
	pool  *lint.Pool
	found map[string]foundFile // by path
}

// foundFile is a file the walk handed on: its index in the pool and its
// group, or why it has none.
type foundFile struct {
	i   int
	g   *fileGroup
	err error
}

func newWalkLinter(r *resolver, flags *checkFlags) *walkLinter {
	return &walkLinter{gr: newGrouper(r, flags), pool: lint.NewPool(flags.jobs), found: map[string]foundFile{}}
}

// add queues the file f (walk.Options.OnFile).
func (l *walkLinter) add(f walk.File) {
	g, err := l.gr.groupOf(f.Path)
	if err != nil {
		l.found[f.Path] = foundFile{i: -1, err: err}
		return
	}
	l.found[f.Path] = foundFile{i: l.pool.Add(f.Path, &g.opts), g: g}
}

// stop abandons the files queued (the run ends with a usage error).
func (l *walkLinter) stop() { l.pool.Stop() }

// finish returns the groups of files, the walk's sorted file list, and the
// result of each file in that order; or the error of the first file that
// has no group, as groupFiles would.
func (l *walkLinter) finish(files []string) ([]*fileGroup, []lint.Result, error) {
	var groups []*fileGroup
	order := make([]int, len(files))
	for i, f := range files {
		ff, ok := l.found[f]
		if !ok {
			panic("walk: a file of the result was never handed on: " + f) // a programmer error, caught by tests
		}
		if ff.err != nil {
			l.stop()
			return nil, nil, ff.err
		}
		groups = ff.g.add(groups, i)
		order[i] = ff.i
	}
	l.found = nil // garbage from now on: the check keeps the linter to the end
	return groups, l.pool.Wait(order), nil
}

// optionsByIndex returns the lint options of the run's i-th file (n files
// in all): its group's.
func optionsByIndex(groups []*fileGroup, n int) func(i int) *lint.Options {
	opts := make([]*lint.Options, n)
	for _, g := range groups {
		for _, i := range g.idx {
			opts[i] = &g.opts
		}
	}
	return func(i int) *lint.Options { return opts[i] }
}
