package config

import (
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/daglint/daglint/internal/analysis"
)

// Show writes the effective configuration as YAML (for --show-config): a
// comment naming the file it came from, then every key in a fixed order.
// Connections paths are shown relative to Dir when they lie under it.
func (c *Config) Show(w io.Writer) error {
	src := "defaults (no configuration file found)"
	if c.Path != "" {
		src = c.Path
	}
	if _, err := fmt.Fprintf(w, "# daglint configuration from %s\n", src); err != nil {
		return fmt.Errorf("writing configuration: %w", err)
	}
	root := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, val *yaml.Node) {
		root.Content = append(root.Content, scalar(key), val)
	}
	add("select", seq(c.Select))
	add("extend-select", seq(append(append([]string{}, c.ExtendSelect...), c.cliExtend...)))
	add("ignore", seq(append(append([]string{}, c.Ignore...), c.cliIgnore...)))

	sev := &yaml.Node{Kind: yaml.MappingNode}
	ids := make([]string, 0, len(c.Severity))
	for id := range c.Severity {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		sev.Content = append(sev.Content, scalar(id), scalar(c.Severity[id].String()))
	}
	add("severity", flowIfEmpty(sev))

	pfi := &yaml.Node{Kind: yaml.MappingNode}
	for _, p := range c.PerFileIgnores {
		pfi.Content = append(pfi.Content, scalar(p.Pattern), seq(p.Rules))
	}
	add("per-file-ignores", flowIfEmpty(pfi))
	add("exclude", seq(c.Exclude))
	for _, o := range c.options {
		add(o.Name, c.showOption(o))
	}
	if c.ConnectionsSet {
		add("connections", seq(c.relPaths(c.Connections)))
	} else {
		add("connections", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null", LineComment: "default: airflow_settings.yaml if present"})
	}
	add("airflow-version", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: c.AirflowVersion, Style: yaml.DoubleQuotedStyle})
	add("max-file-size", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(c.MaxFileSize, 10)})
	add("python-path", seq(c.relPaths(c.PythonPath)))

	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return fmt.Errorf("writing configuration: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("writing configuration: %w", err)
	}
	return nil
}

// showOption renders a rule option's value: the configured one or the
// default; null with the option's note when it is unset.
func (c *Config) showOption(o *analysis.Option) *yaml.Node {
	v, ok := c.Options[o.Name]
	if !ok {
		v = o.Default
	}
	if isNil(v) {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null", LineComment: o.UnsetNote}
	}
	return yamlValue(o.Type.Show(v))
}

// isNil reports whether v is nil or a nil slice, map or pointer.
func isNil(v any) bool {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Invalid:
		return true
	case reflect.Slice, reflect.Map, reflect.Pointer, reflect.Interface:
		return rv.IsNil()
	}
	return false
}

// yamlValue converts an option's shown value: lists in flow style.
func yamlValue(v *analysis.ConfigValue) *yaml.Node {
	var n *yaml.Node
	switch v.Kind {
	case analysis.ConfigList:
		n = &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, it := range v.Items {
			n.Content = append(n.Content, yamlValue(it))
		}
	case analysis.ConfigNull:
		n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	case analysis.ConfigInt:
		n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: v.Text}
	case analysis.ConfigFloat:
		n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: v.Text}
	case analysis.ConfigBool:
		n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: v.Text}
	default:
		n = scalar(v.Text)
	}
	n.LineComment = v.Note
	return n
}

// relPaths shows paths relative to Dir when they lie under it.
func (c *Config) relPaths(paths []string) []string {
	shown := make([]string, 0, len(paths))
	for _, p := range paths {
		if r, err := filepath.Rel(c.Dir, p); err == nil && filepath.IsLocal(r) {
			p = r
		}
		shown = append(shown, filepath.ToSlash(p))
	}
	return shown
}

func scalar(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

func seq(items []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, s := range items {
		n.Content = append(n.Content, scalar(s))
	}
	return n
}

func flowIfEmpty(n *yaml.Node) *yaml.Node {
	if len(n.Content) == 0 {
		n.Style = yaml.FlowStyle
	}
	return n
}
