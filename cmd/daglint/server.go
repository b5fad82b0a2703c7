package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/daglint/daglint/internal/server"
)

const serverSynopsis = `server [flags]

Run daglint as a language server (Language Server Protocol 3.17) on standard
input and output, for editors: open Python files are linted from their
unsaved text as you type, with the configuration "daglint check" would use
for each file; fixes and "# noqa" / "# daglint: ignore[...]" comments are
offered as code actions, and hovering a finding shows its rule's
documentation. Standard output carries only protocol messages; the server's
own log goes to standard error. See docs/editors for editor setups.`

func runServer(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	debounce := fs.Duration("debounce", server.DefaultDebounce, "wait this long after a change before linting (0 lints at once)")
	if err := parseFlags(fs, args, serverSynopsis, stdout, stderr); err != nil {
		return flagsExit(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "daglint: server takes no arguments (got %q)\n", fs.Arg(0))
		return exitUsage
	}
	return server.Run(context.Background(), stdin, stdout, server.Options{
		Configure: projectConfigurer(&indexCache{}),
		Debounce:  *debounce,
		Log:       stderr,
		Version:   fullVersion(),
	})
}

// fileConfig is the configuration `daglint check` uses for the file at path
// when run from root (the resolver check uses): the nearest configuration
// above the file, and the connections sources it names (without one, the
// airflow_settings.yaml next to it, or in root when there is no file).
func fileConfig(path, root string) (*server.FileConfig, error) {
	return fileConfigIn(path, root, &indexCache{})
}

// projectConfigurer is the server's Configurer: fileConfig with the module
// index of each project kept in indexes for the server's life, so that the
// modules an open file imports are read once, and again only when the
// server is told they changed (project.Index.Forget).
func projectConfigurer(indexes *indexCache) server.Configurer {
	return func(path, root string) (*server.FileConfig, error) { return fileConfigIn(path, root, indexes) }
}

// fileConfigIn is fileConfig with module indexes from indexes.
func fileConfigIn(path, root string, indexes *indexCache) (*server.FileConfig, error) {
	res, err := newResolver(&checkFlags{}, root)
	if err != nil {
		return nil, err
	}
	res.indexes = indexes
	cfg, err := res.forFile(path)
	if err != nil {
		return nil, err
	}
	conns, err := loadConnections(cfg, root)
	if err != nil {
		return nil, err
	}
	fc := &server.FileConfig{
		Options:  lintOptions(cfg, conns, root),
		Excluded: cfg.Excluded(relTo(cfg.Dir, path)),
	}
	fc.Options.Modules = res.modules(cfg, path)
	if cfg.Path != "" {
		fc.Files = append(fc.Files, absPath(root, cfg.Path))
	}
	for _, src := range cfg.ConnectionSources(root) {
		fc.Files = append(fc.Files, absPath(root, src))
	}
	return fc, nil
}
