// Package config reads daglint's configuration: a .daglint.yaml (or
// daglint.yaml) file, or the [tool.daglint] table of pyproject.toml. It
// validates every key strictly, reporting problems as file:line errors, and
// answers the questions the driver asks: which rules run, which files are
// skipped, which rules are ignored for a file, and what settings rules see.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/connections"
	"github.com/daglint/daglint/internal/secrets"
)

// File names searched by Discover, in order of precedence within one folder.
const (
	FileName    = ".daglint.yaml"
	AltFileName = "daglint.yaml"
	PyProject   = "pyproject.toml"
)

// DefaultMaxFileSize is the largest DAG file linted when max-file-size is not
// configured (10 MiB). A configured 0 means no limit.
const DefaultMaxFileSize int64 = 10 << 20

// DefaultAirflowVersion is the Airflow major version assumed by default.
const DefaultAirflowVersion = "2"

// PerFileIgnore turns rules off for the files matching Pattern, a doublestar
// glob relative to the configuration file's folder.
type PerFileIgnore struct {
	Pattern string
	Rules   []string
}

// Config is the effective configuration. Build one with Default, Load or
// Discover; the zero value is not useful.
type Config struct {
	Path string // the configuration file, "" when there is none
	Dir  string // absolute folder of the file, or the start folder

	Select       []string // rule IDs, prefixes or ALL; Default selects ALL
	ExtendSelect []string
	Ignore       []string
	// Severity overrides rules' default levels, keyed by full rule ID
	// (prefixes in the file are expanded to the IDs they cover; when no rule
	// IDs were given to Load, keys are kept as written).
	Severity       map[string]analysis.Severity
	PerFileIgnores []PerFileIgnore
	// Exclude holds exclude and extend-exclude globs, relative to Dir, on top
	// of the driver's built-in skips.
	Exclude []string
	// Options holds the values of the rule options the file sets, by name
	// (see analysis.Option); an option it does not set has its default.
	Options map[string]any
	// Connections holds the configured connections files, resolved against
	// Dir; ConnectionsSet says whether the key was present.
	Connections    []string
	ConnectionsSet bool
	AirflowVersion string // "1.10", "2" or "3"
	MaxFileSize    int64  // bytes; 0 means no limit
	// PythonPath holds the extra folders project modules import from
	// (python-path), resolved against Dir.
	PythonPath []string

	known   []string           // rule IDs selectors are checked against
	options []*analysis.Option // the rules' options, in registry order
	// cliExtend and cliIgnore are the command line's --extend-select and
	// --ignore when it gives no --select: a layer over the file's selectors.
	cliExtend, cliIgnore []string
}

// Default returns the configuration used when no file configures anything,
// rooted at dir, for the known rules (see Load).
func Default(dir string, known []*analysis.Rule) *Config {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	c := &Config{
		Dir:            dir,
		Select:         []string{"ALL"},
		Severity:       map[string]analysis.Severity{},
		Options:        map[string]any{},
		AirflowVersion: DefaultAirflowVersion,
		MaxFileSize:    DefaultMaxFileSize,
		options:        analysis.Options(known),
	}
	for _, r := range known {
		c.known = append(c.known, r.ID)
	}
	return c
}

// Error is a problem in a configuration file. Line is 1-based, 0 when the
// problem is not tied to a line. The driver exits with status 2 on it.
type Error struct {
	Path string
	Line int
	Msg  string
	Err  error // underlying cause, if any
}

// Error formats the problem as "file:line: message".
// Anything shaped like a secret in the message (a token used as a key, a
// URL with user information) is shown redacted (secrets.Scrub).
func (e *Error) Error() string {
	if e.Line > 0 {
		return secrets.Scrub(fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg))
	}
	return secrets.Scrub(fmt.Sprintf("%s: %s", e.Path, e.Msg))
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Load reads the configuration file at path: pyproject.toml is read for its
// [tool.daglint] table, any other file as YAML. Rule IDs in it are checked
// against the known rules (when there are none, any DAG-style ID is
// accepted), and besides its own keys the file may set the known rules'
// options. A key left empty (YAML null) keeps its default. Every problem
// is an *Error.
func Load(path string, known []*analysis.Rule) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("cannot read configuration: %v", unwrapPathError(err)), Err: err}
	}
	var root *node
	if filepath.Base(path) == PyProject {
		n, ok, err := parseTOMLTable(path, data)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, &Error{Path: path, Msg: "no [tool.daglint] table"}
		}
		root = n
	} else {
		root, err = parseYAML(path, data)
		if err != nil {
			return nil, err
		}
	}
	c := Default(filepath.Dir(path), known)
	c.Path = path
	d := &decoder{path: path, known: c.known, cfg: c}
	if err := d.decode(root); err != nil {
		return nil, err
	}
	return c, nil
}

// Discover finds the configuration that governs startDir: the nearest folder,
// startDir itself or an ancestor, holding .daglint.yaml, daglint.yaml or a
// pyproject.toml with a [tool.daglint] table (in that order of precedence
// within one folder). With no such file it returns Default(startDir). A
// pyproject.toml on the way that is not valid TOML is an error.
func Discover(startDir string, known []*analysis.Rule) (*Config, error) {
	dir, err := filepath.Abs(startDir)
	if err != nil {
		return nil, fmt.Errorf("resolving %s: %w", startDir, err)
	}
	for {
		cfg, ok, err := FindIn(dir, known)
		if err != nil || ok {
			return cfg, err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return Default(startDir, known), nil
}

// FindIn looks for a configuration in dir alone (not its ancestors), with
// Discover's precedence, and loads it; ok is false when dir holds none.
// Callers that resolve many folders walk up themselves and cache.
func FindIn(dir string, known []*analysis.Rule) (cfg *Config, ok bool, err error) {
	for _, name := range []string{FileName, AltFileName} {
		p := filepath.Join(dir, name)
		if isFile(p) {
			cfg, err := Load(p, known)
			return cfg, err == nil, err
		}
	}
	p := filepath.Join(dir, PyProject)
	if !isFile(p) {
		return nil, false, nil
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, false, &Error{Path: p, Msg: fmt.Sprintf("cannot read configuration: %v", unwrapPathError(err)), Err: err}
	}
	if _, ok, err := parseTOMLTable(p, data); err != nil || !ok {
		return nil, false, err
	}
	cfg, err = Load(p, known)
	return cfg, err == nil, err
}

// ConnectionSources returns the connections files to read: the configured
// ones, or else the default airflow_settings.yaml (next to the configuration
// file, or in cwd when there is none) if it exists. It returns nil when no
// source is known, which leaves DAG205 off.
func (c *Config) ConnectionSources(cwd string) []string {
	if c.ConnectionsSet {
		return append([]string(nil), c.Connections...)
	}
	return connections.Default(c.Dir, c.Path != "", cwd)
}

// Settings builds the settings rules read. conns is the result of loading
// the connections sources; nil leaves DAG205 off.
func (c *Config) Settings(conns map[string]*analysis.Connection) *analysis.Settings {
	s := &analysis.Settings{
		AirflowVersion: c.AirflowVersion,
		Connections:    conns,
		Options:        maps.Clone(c.Options),
	}
	return s
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// unwrapPathError drops the path from an *fs.PathError, which the caller
// already prints.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
