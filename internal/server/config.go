package server

import (
	"context"
	"path/filepath"

	"github.com/daglint/daglint/internal/config"
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
	reread := false
	for _, c := range p.Changes {
		path, ok := uriToPath(c.URI)
		if ok && (configNames[filepath.Base(path)] || s.usedFile(path)) {
			reread = true
		}
	}
	if reread {
		s.invalidateConfig()
		s.relintAll()
	}
	return nil, nil
}
