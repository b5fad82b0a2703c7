package analysis

import (
	"fmt"
	"strconv"
	"strings"
)

// Option is one configuration key a rule reads, declared in the rule's file
// and listed in Rule.Options (as go/analysis's Analyzer.Flags): the
// configuration decodes, validates and shows it, ruletest sets it from
// `# ruletest: key=value` lines and the rule's page documents it, all from
// this value. Several rules may list the same *Option.
type Option struct {
	Name string // the configuration key, kebab-case: "public-registries"
	// Doc says what the option sets, in a few words; the rule's page prints
	// "Name (Doc)".
	Doc  string
	Type OptionType
	// Default is the value when the configuration does not set the key, of
	// the Go type Type.Decode returns; nil means unset (Get returns the zero
	// value).
	Default any
	// UnsetNote is the comment --show-config writes beside the key when the
	// value is nil ("no allow-list: image-registry-not-allowed is off").
	UnsetNote string
}

// OptionType is how an option's configuration value becomes its Go value
// and back.
type OptionType struct {
	// Decode reads a configuration value (never null: an empty key keeps the
	// default). Its errors are *ValueError, or are reported at the value's
	// line; their messages never quote the value, which may be a secret
	// pasted in the wrong place.
	Decode func(*ConfigValue) (any, error)
	// Show returns the value as --show-config writes it.
	Show func(any) *ConfigValue
	// List says that ruletest reads `key=a,b` as a list of strings.
	List bool
}

// Get returns the value of o in s: the configured value, or o's default
// when s does not set it (or s is nil). It panics when the value is not a T,
// a mistake in the rule's declaration that any test of the rule shows.
func Get[T any](s *Settings, o *Option) T {
	v := o.Default
	if s != nil {
		if set, ok := s.Options[o.Name]; ok {
			v = set
		}
	}
	if v == nil {
		var zero T
		return zero
	}
	t, ok := v.(T)
	if !ok {
		panic(fmt.Sprintf("option %s holds a %T, read as a %T", o.Name, v, t))
	}
	return t
}

// Options returns the options the rules read, each once, in the order the
// rules list them (rules in the order given).
func Options(rules []*Rule) []*Option {
	var out []*Option
	seen := map[*Option]bool{}
	for _, r := range rules {
		for _, o := range r.Options {
			if !seen[o] {
				seen[o] = true
				out = append(out, o)
			}
		}
	}
	return out
}

// ConfigKind is the type of a configuration value.
type ConfigKind int

// Configuration value kinds, as YAML and TOML documents hold them.
const (
	ConfigNull ConfigKind = iota
	ConfigString
	ConfigInt
	ConfigFloat
	ConfigBool
	ConfigList
	ConfigMap
	ConfigOther
)

// ConfigValue is one value of a configuration file with the line it starts
// on: the form in which options see their key's value, whether it came from
// YAML, TOML or a ruletest line.
type ConfigValue struct {
	Kind  ConfigKind
	Line  int    // 1-based, 0 when unknown
	Text  string // scalars: the value (numbers as written); ConfigOther: its type's name
	Items []*ConfigValue
	// Note is a comment --show-config writes beside the value.
	Note string
}

// Describe names the value's type for "expected X, got Y" messages.
func (v *ConfigValue) Describe() string {
	switch v.Kind {
	case ConfigNull:
		return "null"
	case ConfigString:
		return "a string"
	case ConfigInt, ConfigFloat:
		return "a number"
	case ConfigBool:
		return "a boolean"
	case ConfigList:
		return "a list"
	case ConfigMap:
		return "a mapping"
	}
	return "a " + v.Text
}

// ValueError is a problem with a configuration value, at Line (the
// configuration prefixes the file and the key).
type ValueError struct {
	Line int
	Msg  string
}

func (e *ValueError) Error() string { return e.Msg }

// Errorf returns a *ValueError at v's line.
func (v *ConfigValue) Errorf(format string, args ...any) error {
	return &ValueError{Line: v.Line, Msg: fmt.Sprintf(format, args...)}
}

// Strings checks that v is a list of strings, what naming them in errors
// ("registry hosts"), and returns them with their lines; nil when the list
// is empty, as for an absent key.
func (v *ConfigValue) Strings(what string) ([]string, []int, error) {
	if v.Kind != ConfigList {
		return nil, nil, v.Errorf("expected a list of %s, got %s", what, v.Describe())
	}
	var vals []string
	var lines []int
	for _, it := range v.Items {
		if it.Kind != ConfigString {
			return nil, nil, it.Errorf("expected a list of %s, got a list containing %s", what, it.Describe())
		}
		vals = append(vals, it.Text)
		lines = append(lines, it.Line)
	}
	return vals, lines, nil
}

// StringList returns a list value of the given strings.
func StringList(items []string) *ConfigValue {
	v := &ConfigValue{Kind: ConfigList}
	for _, s := range items {
		v.Items = append(v.Items, &ConfigValue{Kind: ConfigString, Text: s})
	}
	return v
}

// ParseDirective reads an option's value as a `# ruletest: key=value` line
// writes it: a comma-separated list of strings for a List type (empty text
// is the empty list), else one scalar of the kind a configuration file
// would give it (a number, true or false, else a string).
func (o *Option) ParseDirective(text string) (any, error) {
	v := &ConfigValue{Kind: scalarKind(text), Text: text}
	if o.Type.List {
		var items []string
		if text != "" {
			items = strings.Split(text, ",")
		}
		v = StringList(items)
	}
	return o.Type.Decode(v)
}

// scalarKind is the kind YAML gives an unquoted scalar.
func scalarKind(text string) ConfigKind {
	if _, err := strconv.ParseInt(text, 0, 64); err == nil {
		return ConfigInt
	}
	if _, err := strconv.ParseFloat(text, 64); err == nil && strings.ContainsAny(text, "0123456789") {
		return ConfigFloat
	}
	if text == "true" || text == "false" {
		return ConfigBool
	}
	return ConfigString
}
