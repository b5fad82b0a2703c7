package server

import (
	"context"
	"path/filepath"

	"github.com/daglint/daglint/internal/config"
	"github.com/daglint/daglint/internal/project"
)

// configEntry is a cached answer of the Configurer.
type configEntry struct {
	cfg *FileConfig
	err error
}

// watchGlobs are the files whose change may change a configuration: the
// configuration files and the default connections sources. Configured
// connections files are matched by path when they change (FileConfig.Files).
var watchGlobs = []string{
	"**/" + config.FileName, "**/" + config.AltFileName, "**/" + config.PyProject,
	"**/airflow_settings.yaml", "**/.env", "**/*.yaml", "**/*.yml", "**/*.json",
	"**/*.py", // project modules an open file imports (see forgetModules)
}

// configNames are the file names whose change always re-reads configuration.
var configNames = map[string]bool{
	config.FileName: true, config.AltFileName: true, config.PyProject: true,
	"airflow_settings.yaml": true, ".env": true,
}

// configFor returns the configuration of the file at path, cached per
// folder and workspace root until a watched file changes.
func (s *Server) configFor(path, root string) (*FileConfig, error) {
	key := filepath.Dir(path) + "\x00" + root
	s.cfgMu.Lock()
	e, ok := s.configs[key]
	s.cfgMu.Unlock()
	if ok {
		return e.cfg, e.err
	}
	cfg, err := s.opts.Configure(path, root)
	s.cfgMu.Lock()
	s.configs[key] = &configEntry{cfg: cfg, err: err}
	s.cfgMu.Unlock()
	return cfg, err
}

// reportConfigError shows a configuration problem once (until the
// configuration is re-read).
func (s *Server) reportConfigError(err error) {
	msg := "daglint: " + err.Error()
	s.cfgMu.Lock()
	seen := s.shown[msg]
	s.shown[msg] = true
	s.cfgMu.Unlock()
	if !seen {
		s.showClient(MessageError, msg)
	}
}

// invalidateConfig forgets every cached configuration.
func (s *Server) invalidateConfig() {
	s.cfgMu.Lock()
	defer s.cfgMu.Unlock()
	s.configs = map[string]*configEntry{}
	s.shown = map[string]bool{}
}

// usedFile reports whether a cached configuration was read from path.
func (s *Server) usedFile(path string) bool {
	s.cfgMu.Lock()
	defer s.cfgMu.Unlock()
	for _, e := range s.configs {
		if e.cfg == nil {
			continue
		}
		for _, f := range e.cfg.Files {
			if filepath.Clean(f) == path {
				return true
			}
		}
	}
	return false
}

func (s *Server) didChangeWatchedFiles(_ context.Context, params []byte) (any, error) {
	var p DidChangeWatchedFilesParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	reread, relint := false, false
	for _, c := range p.Changes {
		path, ok := uriToPath(c.URI)
		if ok && (configNames[filepath.Base(path)] || s.usedFile(path)) {
			reread = true
		}
		if ok && s.forgetModules(path) {
			relint = true
		}
	}
	if reread {
		s.invalidateConfig()
	}
	if reread || relint {
		s.relintAll()
	}
	return nil, nil
}

// didSave: a saved file may be a module other open files import.
func (s *Server) didSave(_ context.Context, params []byte) (any, error) {
	var p DidSaveTextDocumentParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	if path, ok := uriToPath(p.TextDocument.URI); ok && s.forgetModules(path) {
		s.relintAll()
	}
	return nil, nil
}

// forgetModules tells the module index of every cached configuration that
// the file at path changed, so the next lint reads that module again (and
// no other); it reports whether an index had read it.
func (s *Server) forgetModules(path string) bool {
	s.cfgMu.Lock()
	defer s.cfgMu.Unlock()
	seen := map[*project.Index]bool{}
	forgot := false
	for _, e := range s.configs {
		if e.cfg == nil || e.cfg.Options.Modules == nil || seen[e.cfg.Options.Modules] {
			continue
		}
		seen[e.cfg.Options.Modules] = true
		if e.cfg.Options.Modules.Forget(path) {
			forgot = true
		}
	}
	return forgot
}
