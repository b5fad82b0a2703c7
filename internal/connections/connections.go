// Package connections reads Airflow connections from the files DAG205
// checks docker_conn_id against: the Astro CLI airflow_settings.yaml, the
// YAML and JSON written by `airflow connections export`, and AIRFLOW_CONN_*
// variables in a .env file. Passwords are kept only in what Parse returns
// to the rules of connections files, with their places;
// the connections DAG205 reads (Load) never hold one.
package connections

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/secrets"
)

// SettingsFile is the Astro CLI's local settings file, the default source.
const SettingsFile = "airflow_settings.yaml"

// Error is a problem in a connections file: "file:line: message". Line is
// 1-based, 0 when unknown.
type Error struct {
	Path string
	Line int
	Msg  string
	Err  error
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

// Default returns the default connections source: airflow_settings.yaml in
// configDir when a configuration file was found (hasConfigFile), else in
// cwd, when that file exists; otherwise nil.
func Default(configDir string, hasConfigFile bool, cwd string) []string {
	dir := cwd
	if hasConfigFile {
		dir = configDir
	}
	p := filepath.Join(dir, SettingsFile)
	if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
		return []string{p}
	}
	return nil
}

// Load reads every file in paths and returns the connections by ID. It
// returns nil for no paths, so that DAG205 stays off, and an empty map when
// the files define nothing. When several files define an ID the first one
// listed wins.
func Load(paths []string) (map[string]*analysis.Connection, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	out := map[string]*analysis.Connection{}
	for _, p := range paths {
		conns, err := LoadFile(p)
		if err != nil {
			return nil, err
		}
		for _, c := range conns {
			if _, seen := out[c.ID]; !seen {
				out[c.ID] = c
			}
		}
	}
	return out, nil
}

// format is a connections file layout.
type format int

const (
	formatYAML format = iota // Astro settings or connections export
	formatJSON               // connections export
	formatEnv                // AIRFLOW_CONN_* variables
)

// LoadFile reads one connections file, detecting its format from the name
// (.json, .yaml/.yml, .env or a name starting with ".env") or else from the
// content. Connections come back in file order, each with Source (the path
// as given, in slash form) and the line of its entry.
func LoadFile(path string) ([]*analysis.Connection, error) {
	f, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	var conns []*analysis.Connection
	for _, e := range f.Entries {
		conns = append(conns, e.Conn)
	}
	return conns, nil
}

// File is a connections file read for the rules of connections files: its
// connections with the secret values each holds and where they are, and its
// comments (where suppressions are written).
type File struct {
	Entries  []analysis.ConnectionEntry
	Comments []Comment
}

// Comment is one comment of a connections file: "#" to the end of its
// line, trailing blanks excluded.
type Comment struct {
	Start, End int
	Text       string
}

// ReadFile reads and parses one connections file (see Parse).
func ReadFile(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("cannot read connections: %v", pe.Err), Err: err}
		}
		return nil, &Error{Path: path, Msg: "cannot read connections", Err: err}
	}
	return Parse(path, data)
}

// Parse reads a connections file's content, its format detected as
// LoadFile does. JSON has no comments.
func Parse(path string, data []byte) (*File, error) {
	var conns []*entry
	var comments []Comment
	var err error
	switch detect(path, data) {
	case formatJSON:
		conns, err = parseJSON(path, data)
	case formatEnv:
		conns, comments, err = parseEnvComments(path, data)
	default:
		conns, err = parseYAML(path, data)
		if err == nil {
			comments = yamlComments(data)
		}
	}
	if err != nil {
		return nil, err
	}
	src := filepath.ToSlash(path)
	seen := map[string]int{}
	f := &File{Entries: make([]analysis.ConnectionEntry, len(conns)), Comments: comments}
	for i, c := range conns {
		if prev, dup := seen[c.ID]; dup {
			return nil, &Error{Path: path, Line: c.Line, Msg: fmt.Sprintf("duplicate connection %q (first at line %d)", c.ID, prev)}
		}
		seen[c.ID] = c.Line
		c.Source = src
		f.Entries[i] = analysis.ConnectionEntry{Conn: c.Connection, Secrets: c.secrets}
	}
	return f, nil
}

func detect(path string, data []byte) format {
	base := strings.ToLower(filepath.Base(path))
	switch ext := filepath.Ext(base); {
	case ext == ".json":
		return formatJSON
	case ext == ".yaml" || ext == ".yml":
		return formatYAML
	case ext == ".env" || strings.HasPrefix(base, ".env"):
		return formatEnv
	}
	text := strings.TrimSpace(string(data))
	if strings.HasPrefix(text, "{") {
		return formatJSON
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		line = strings.TrimPrefix(line, "export ")
		if strings.HasPrefix(strings.TrimSpace(line), envPrefix) {
			return formatEnv
		}
	}
	return formatYAML
}

// normaliseType lowercases a conn_type and applies Airflow's own
// normalisation: "postgresql" is "postgres", "-" becomes "_".
func normaliseType(t string) string {
	t = strings.ToLower(strings.TrimSpace(t))
	if t == "postgresql" {
		return "postgres"
	}
	return strings.ReplaceAll(t, "-", "_")
}
