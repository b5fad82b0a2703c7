package analysis

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// depth is a throwaway int option, declared as a rule would declare one.
var depth = &Option{
	Name: "max-depth", Doc: "how deep to look", Default: 3,
	Type: OptionType{
		Decode: func(v *ConfigValue) (any, error) {
			n, err := strconv.Atoi(v.Text)
			if v.Kind != ConfigInt || err != nil {
				return nil, v.Errorf("expected a number, got %s", v.Describe())
			}
			return n, nil
		},
		Show: func(v any) *ConfigValue { return &ConfigValue{Kind: ConfigInt, Text: strconv.Itoa(v.(int))} },
	},
}

// hosts is a list option whose default is unset (nil).
var hosts = &Option{
	Name: "hosts", Doc: "hosts", Type: OptionType{
		List: true,
		Decode: func(v *ConfigValue) (any, error) {
			s, _, err := v.Strings("hosts")
			if s == nil && err == nil {
				s = []string{}
			}
			return s, err
		},
		Show: func(v any) *ConfigValue { return StringList(v.([]string)) },
	},
}

func TestGet(t *testing.T) {
	if got := Get[int](nil, depth); got != 3 {
		t.Errorf("no settings: %d, want the default 3", got)
	}
	if got := Get[int](&Settings{}, depth); got != 3 {
		t.Errorf("unset: %d, want the default 3", got)
	}
	if got := Get[int](&Settings{Options: map[string]any{"max-depth": 7}}, depth); got != 7 {
		t.Errorf("set: %d, want 7", got)
	}
	if got := Get[[]string](&Settings{}, hosts); got != nil {
		t.Errorf("unset without default: %q, want nil", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("reading an int option as a string did not panic")
		}
	}()
	Get[string](&Settings{}, depth)
}

func TestParseDirective(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{{"a,b", []string{"a", "b"}}, {"a", []string{"a"}}, {"", []string{}}} {
		got, err := hosts.ParseDirective(tt.text)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseDirective(%q) = %#v, %v; want %#v", tt.text, got, err, tt.want)
		}
	}
	// A scalar has the kind a configuration file would give it.
	if got, err := depth.ParseDirective("7"); err != nil || got != 7 {
		t.Errorf("ParseDirective(7) = %v, %v; want the number 7", got, err)
	}
	if _, err := depth.ParseDirective("seven"); err == nil {
		t.Error("a string directive decoded as an int option")
	}
	for text, want := range map[string]ConfigKind{"7": ConfigInt, "0x1f": ConfigInt, "1.5": ConfigFloat, "true": ConfigBool, "ghcr.io": ConfigString, "": ConfigString, "inf": ConfigString} {
		if got := scalarKind(text); got != want {
			t.Errorf("scalarKind(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestStringsErrors(t *testing.T) {
	v := &ConfigValue{Kind: ConfigList, Line: 3, Items: []*ConfigValue{
		{Kind: ConfigString, Text: "a", Line: 3}, {Kind: ConfigInt, Text: "1", Line: 4},
	}}
	_, _, err := v.Strings("hosts")
	var ve *ValueError
	if !errors.As(err, &ve) || ve.Line != 4 || ve.Msg != "expected a list of hosts, got a list containing a number" {
		t.Errorf("item error = %#v", err)
	}
	_, _, err = (&ConfigValue{Kind: ConfigString, Line: 2}).Strings("hosts")
	if !errors.As(err, &ve) || ve.Line != 2 || ve.Msg != "expected a list of hosts, got a string" {
		t.Errorf("kind error = %#v", err)
	}
}

func TestOptionsOnceInOrder(t *testing.T) {
	a := &Rule{Options: []*Option{hosts}}
	b := &Rule{Options: []*Option{depth, hosts}}
	if got := Options([]*Rule{a, b}); len(got) != 2 || got[0] != hosts || got[1] != depth {
		t.Errorf("Options = %v, want hosts then depth, once each", got)
	}
}

func TestValidateOptions(t *testing.T) {
	twin := *depth
	bad := &Option{Name: "Bad_Name"}
	rule := func(id, name string, opts ...*Option) *Rule {
		r := validRule(id, name)
		r.Options = opts
		return r
	}
	if err := Validate([]*Rule{rule("DAG101", "a-b", depth), rule("DAG102", "c-d", depth)}); err != nil {
		t.Errorf("two rules sharing one option: %v", err)
	}
	err := Validate([]*Rule{rule("DAG101", "a-b", depth), rule("DAG102", "c-d", &twin), rule("DAG103", "e-f", bad)})
	for _, want := range []string{`option "max-depth" is declared twice`, `option name "Bad_Name" is not kebab-case`,
		`option "Bad_Name" has no Doc`, `option "Bad_Name" needs Type.Decode and Type.Show`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate: %v, want %q", err, want)
		}
	}
}
