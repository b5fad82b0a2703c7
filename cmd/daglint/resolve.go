package main

import (
	"os"
	"path/filepath"

	"github.com/daglint/daglint/internal/config"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/project"
	"github.com/daglint/daglint/internal/rules"
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
	type key struct {
		cfg  *config.Config
		mods *project.Index
	}
	var groups []*fileGroup
	byCfg := map[key]*fileGroup{}
	for i, f := range files {
		cfg, err := r.forFile(f)
		if err != nil {
			return nil, err
		}
		k := key{cfg, r.modules(cfg, f)}
		g := byCfg[k]
		if g == nil {
			conns, err := loadConnections(cfg, r.cwd)
			if err != nil {
				return nil, err
			}
			g = &fileGroup{cfg: cfg, opts: lintOptions(cfg, conns, r.cwd)}
			g.opts.NoInlineIgnores = flags.noInlineIgnores
			g.opts.Workers = flags.jobs
			g.opts.KeepSource = flags.fixing()
			g.opts.Modules = k.mods
			byCfg[k] = g
			groups = append(groups, g)
		}
		g.idx = append(g.idx, i)
	}
	return groups, nil
}

// lintGroups lints every group's files with its own options, all in one
// pool of workers; the results come back in the order of the run's file
// list (n files in all).
func lintGroups(groups []*fileGroup, files []string, workers int) []lint.Result {
	return lint.FilesEach(files, workers, optionsByIndex(groups, len(files)))
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
