package config

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/lazyre"
)

// keys lists the configuration's own keys; the rules' options come after
// them (Show writes the options after exclude).
var keys = []string{
	"select", "extend-select", "ignore", "severity", "per-file-ignores",
	"exclude", "extend-exclude", "connections", "airflow-version", "max-file-size", "python-path",
}

// ruleIDPattern is the shape of a rule ID or ID prefix ("DAG", "DAG1", "DAG101").
var ruleIDPattern = lazyre.New(`^DAG[0-9]{0,3}$`)

// decoder validates a configuration tree into a Config.
type decoder struct {
	path  string
	known []string
	cfg   *Config
}

// errorf reports a problem at line. Messages name keys and rule IDs but
// never quote a value: the line points at it, and a value may be a secret
// pasted in the wrong place.
func (d *decoder) errorf(line int, format string, args ...any) error {
	return &Error{Path: d.path, Line: line, Msg: fmt.Sprintf(format, args...)}
}

func (d *decoder) decode(root *node) error {
	if root == nil || root.kind == kNull {
		return nil
	}
	if root.kind != kMap {
		return d.errorf(root.line, "expected a mapping of settings, got %s", root.describe())
	}
	var exclude, extendExclude []string
	all := slices.Clone(keys)
	for _, o := range d.cfg.options {
		all = append(all, o.Name)
	}
	for _, e := range root.entries {
		if !slices.Contains(all, e.key) {
			msg := fmt.Sprintf("unknown key %q", e.key)
			if s := closest(e.key, all); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			return d.errorf(e.line, "%s", msg)
		}
		if e.val.kind == kNull {
			// An empty key ("select:") keeps the default, so that the output
			// of Show loads back as the same configuration.
			continue
		}
		var err error
		c := d.cfg
		switch e.key {
		case "select":
			c.Select, err = d.ruleList(e.key, e.val)
		case "extend-select":
			c.ExtendSelect, err = d.ruleList(e.key, e.val)
		case "ignore":
			c.Ignore, err = d.ruleList(e.key, e.val)
		case "severity":
			err = d.severity(e.val)
		case "per-file-ignores":
			err = d.perFileIgnores(e.val)
		case "exclude":
			exclude, err = d.globList(e.key, e.val)
		case "extend-exclude":
			extendExclude, err = d.globList(e.key, e.val)
		case "connections":
			c.Connections, err = d.connections(e.val)
			c.ConnectionsSet = true
		case "airflow-version":
			c.AirflowVersion, err = d.airflowVersion(e.val)
		case "max-file-size":
			c.MaxFileSize, err = d.size(e.val)
		case "python-path":
			c.PythonPath, err = d.pythonPath(e.val)
		default:
			err = d.option(e.key, e.val)
		}
		if err != nil {
			return err
		}
	}
	d.cfg.Exclude = append(exclude, extendExclude...)
	return nil
}

// list checks that n is a list of strings and returns them with their lines.
func (d *decoder) list(key, what string, n *node) ([]string, []int, error) {
	vals, lines, err := n.value().Strings(what)
	if err != nil {
		return nil, nil, d.valueError(key, n, err)
	}
	return vals, lines, nil
}

// valueError turns an error about n's value (an *analysis.ValueError, or
// any error of an option type) into an *Error at its line, prefixed with
// the key.
func (d *decoder) valueError(key string, n *node, err error) error {
	line, msg := n.line, err.Error()
	var ve *analysis.ValueError
	if errors.As(err, &ve) {
		msg = ve.Msg
		if ve.Line > 0 {
			line = ve.Line
		}
	}
	return d.errorf(line, "%s: %s", key, msg)
}

// option decodes the value of the rule option named key.
func (d *decoder) option(key string, n *node) error {
	for _, o := range d.cfg.options {
		if o.Name == key {
			v, err := o.Type.Decode(n.value())
			if err != nil {
				return d.valueError(key, n, err)
			}
			d.cfg.Options[key] = v
			return nil
		}
	}
	return d.errorf(n.line, "unknown key %q", key)
}

func (d *decoder) ruleList(key string, n *node) ([]string, error) {
	ids, lines, err := d.list(key, "rule IDs", n)
	if err != nil {
		return nil, err
	}
	for i, id := range ids {
		if msg := checkRuleID(id, d.known); msg != "" {
			return nil, d.errorf(lines[i], "%s: %s", key, msg)
		}
	}
	return ids, nil
}

// checkRuleID returns "" when id is ALL, a known rule ID or a prefix of at
// least one, and otherwise a message naming the closest valid ID.
func checkRuleID(id string, known []string) string {
	if validRuleID(id, known) {
		return ""
	}
	msg := fmt.Sprintf("unknown rule %q", id)
	if up := strings.ToUpper(strings.TrimSpace(id)); validRuleID(up, known) {
		return msg + fmt.Sprintf("; did you mean %q?", up)
	}
	if s := closest(id, append([]string{"ALL"}, known...)); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return msg
}

// validRuleID reports whether id is ALL, or has the shape of a rule ID or
// prefix and (when known is not empty) covers at least one known ID.
func validRuleID(id string, known []string) bool {
	if id == "ALL" {
		return true
	}
	if !ruleIDPattern.MatchString(id) {
		return false
	}
	if len(known) == 0 {
		return true
	}
	for _, k := range known {
		if strings.HasPrefix(k, id) {
			return true
		}
	}
	return false
}

func (d *decoder) severity(n *node) error {
	if n.kind != kMap {
		return d.errorf(n.line, "severity: expected a mapping of rule IDs to levels, got %s", n.describe())
	}
	type item struct {
		id  string
		sev analysis.Severity
	}
	var items []item
	for _, e := range n.entries {
		if msg := checkRuleID(e.key, d.known); msg != "" {
			return d.errorf(e.line, "severity: %s", msg)
		}
		if e.val.kind != kString {
			return d.errorf(e.val.line, "severity: %s: expected error, warning or note, got %s", e.key, e.val.describe())
		}
		sev, err := analysis.ParseSeverity(e.val.text)
		if err != nil {
			return d.errorf(e.val.line, "severity: %s: unknown level (want error, warning or note)", e.key)
		}
		items = append(items, item{e.key, sev})
	}
	// Expand prefixes, least specific first, so a more specific entry wins.
	sort.SliceStable(items, func(i, j int) bool { return specificity(items[i].id) < specificity(items[j].id) })
	for _, it := range items {
		if len(d.known) == 0 {
			d.cfg.Severity[it.id] = it.sev
			continue
		}
		for _, k := range d.known {
			if matchesRule(it.id, k) {
				d.cfg.Severity[k] = it.sev
			}
		}
	}
	return nil
}

func (d *decoder) perFileIgnores(n *node) error {
	if n.kind != kMap {
		return d.errorf(n.line, "per-file-ignores: expected a mapping of globs to lists of rule IDs, got %s", n.describe())
	}
	for _, e := range n.entries {
		pat, err := d.glob("per-file-ignores", e.key, e.line)
		if err != nil {
			return err
		}
		ids, err := d.ruleList("per-file-ignores: "+e.key, e.val)
		if err != nil {
			return err
		}
		d.cfg.PerFileIgnores = append(d.cfg.PerFileIgnores, PerFileIgnore{Pattern: pat, Rules: ids})
	}
	return nil
}

func (d *decoder) globList(key string, n *node) ([]string, error) {
	pats, lines, err := d.list(key, "globs", n)
	if err != nil {
		return nil, err
	}
	for i, p := range pats {
		if pats[i], err = d.glob(key, p, lines[i]); err != nil {
			return nil, err
		}
	}
	return pats, nil
}

// glob validates a doublestar pattern and normalises it to a slash path
// without "./" or a trailing "/".
func (d *decoder) glob(key, pat string, line int) (string, error) {
	clean := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(pat), "./"), "/")
	if clean == "" {
		return "", d.errorf(line, "%s: empty glob", key)
	}
	if strings.HasPrefix(clean, "/") || filepath.IsAbs(clean) {
		return "", d.errorf(line, "%s: glob must be relative to the configuration file's folder", key)
	}
	if !doublestar.ValidatePattern(clean) {
		return "", d.errorf(line, "%s: invalid glob", key)
	}
	return clean, nil
}

func (d *decoder) connections(n *node) ([]string, error) {
	return d.paths("connections", "file paths", "file", n, func(st os.FileInfo) string {
		if !st.Mode().IsRegular() {
			return "not a file"
		}
		return ""
	})
}

// pythonPath reads the extra import folders of the project: existing
// folders, relative to the configuration's folder.
func (d *decoder) pythonPath(n *node) ([]string, error) {
	out, err := d.paths("python-path", "folders", "folder", n, func(st os.FileInfo) string {
		if !st.IsDir() {
			return "not a folder"
		}
		return ""
	})
	if len(out) == 0 {
		return nil, err // nil when empty, like an absent key
	}
	for i := range out {
		out[i] = filepath.Clean(out[i])
	}
	return out, nil
}

// paths reads a list of existing paths, relative to the configuration's
// folder, each a kind ("file", "folder"); check says what is wrong with
// one that exists ("" for nothing).
func (d *decoder) paths(key, what, kind string, n *node, check func(os.FileInfo) string) ([]string, error) {
	paths, lines, err := d.list(key, what, n)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(paths))
	for i, p := range paths {
		if strings.TrimSpace(p) == "" {
			return nil, d.errorf(lines[i], "%s: empty path", key)
		}
		full := filepath.FromSlash(p)
		if !filepath.IsAbs(full) {
			full = filepath.Join(d.cfg.Dir, full)
		}
		st, err := os.Stat(full)
		if err != nil {
			return nil, d.errorf(lines[i], "%s: %s not found", key, kind)
		}
		if msg := check(st); msg != "" {
			return nil, d.errorf(lines[i], "%s: %s", key, msg)
		}
		out = append(out, full)
	}
	return out, nil
}

func (d *decoder) airflowVersion(n *node) (string, error) {
	if n.kind == kString || n.kind == kInt || n.kind == kFloat {
		if v, ok := airflow.NormalizeVersion(n.text); ok {
			return v, nil
		}
		if n.kind == kFloat && n.text == "1.1" {
			return "", d.errorf(n.line, `airflow-version: unknown version 1.1 (want "1.10", "2" or "3"; quote "1.10")`)
		}
		return "", d.errorf(n.line, `airflow-version: unknown version (want "1.10", "2" or "3")`)
	}
	return "", d.errorf(n.line, `airflow-version: expected "1.10", "2" or "3", got %s`, n.describe())
}

var sizePattern = lazyre.New(`^([0-9]+)\s*([KMG]I?B|B)?$`)

func (d *decoder) size(n *node) (int64, error) {
	const want = "a size in bytes or with a KB, MB or GB suffix"
	switch n.kind {
	case kInt:
		v, err := strconv.ParseInt(n.text, 0, 64)
		if err != nil || v < 0 {
			return 0, d.errorf(n.line, "max-file-size: invalid size (want %s)", want)
		}
		return v, nil
	case kString:
		v, ok := parseSize(n.text)
		if !ok {
			return 0, d.errorf(n.line, "max-file-size: invalid size (want %s)", want)
		}
		return v, nil
	}
	return 0, d.errorf(n.line, "max-file-size: expected %s, got %s", want, n.describe())
}

// parseSize reads "1048576", "512KB", "10MB", "1GB" (powers of 1024; KiB,
// MiB and GiB are accepted too).
func parseSize(s string) (int64, bool) {
	m := sizePattern.FindStringSubmatch(strings.ToUpper(strings.TrimSpace(s)))
	if m == nil {
		return 0, false
	}
	v, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil {
		return 0, false
	}
	var mult int64 = 1
	switch strings.TrimSuffix(strings.Replace(m[2], "I", "", 1), "B") {
	case "K":
		mult = 1 << 10
	case "M":
		mult = 1 << 20
	case "G":
		mult = 1 << 30
	}
	if v > (1<<62)/mult {
		return 0, false
	}
	return v * mult, true
}

// cleanRel turns a path relative to the configuration folder into the clean
// slash form patterns are matched against.
func cleanRel(dir, p string) string {
	if filepath.IsAbs(p) && dir != "" {
		if r, err := filepath.Rel(dir, p); err == nil {
			p = r
		}
	}
	return path.Clean(filepath.ToSlash(p))
}
