package main

import (
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/config"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/rules"
)

// lintOptions is how the files cfg governs are linted, by check and by the
// language server alike: the rules cfg enables (the driver leaves out those
// whose Enabled turns them off for the settings), its settings, levels and
// per-file ignores (paths resolved against cwd).
func lintOptions(cfg *config.Config, conns map[string]*analysis.Connection, cwd string) lint.Options {
	var enabled, secretRules []*analysis.Rule
	known := map[string]bool{}
	for _, r := range rules.All {
		known[r.ID] = true
		if r.Secret {
			secretRules = append(secretRules, r) // run for redaction even when off
		}
		if cfg.Enabled(r.ID) {
			enabled = append(enabled, r)
		}
	}
	var ignored func(path, id string) bool
	if len(cfg.PerFileIgnores) > 0 {
		// Asked once per rule and file: without per-file-ignores, not at all.
		ignored = func(path, id string) bool { return cfg.IgnoredFor(relTo(cfg.Dir, absPath(cwd, path)), id) }
	}
	return lint.Options{
		Rules:       enabled,
		Settings:    cfg.Settings(conns),
		Severity:    cfg.Severity,
		Ignored:     ignored,
		MaxFileSize: cfg.MaxFileSize,
		KnownRules:  known,
		SecretRules: secretRules,
	}
}
