package analysis

import (
	"strings"
	"testing"
)

func validRule(id, name string) *Rule {
	return &Rule{
		ID: id, Name: name, Severity: Warning,
		Doc:       Doc{Summary: "s", What: "w", Why: "y", Example: "e", UseInstead: "u", Since: "0.1.0", Fix: "none"},
		Run:       func(*Pass) error { return nil },
		Precision: "very-high",
	}
}

func TestValidate(t *testing.T) {
	driver := validRule("DAG002", "unused-suppression")
	driver.Run, driver.UnusedSuppressions = nil, true
	if err := Validate([]*Rule{validRule("DAG101", "image-unqualified"), validRule("DAG102", "image-mutable-tag"), driver}); err != nil {
		t.Fatalf("valid rules rejected: %v", err)
	}
	// A rule of connections files (no Run, an example file) and a rule
	// that yields to another of the list are valid too.
	connRule := func() *Rule {
		r := validRule("DAG208", "conn-rule")
		r.Run, r.RunConnections, r.Doc.ExampleFile = nil, func(*ConnectionsPass) error { return nil }, ".env"
		return r
	}
	winner := validRule("DAG103", "winner")
	loser := validRule("DAG104", "loser")
	loser.YieldsTo = []*Rule{winner}
	if err := Validate([]*Rule{connRule(), winner, loser}); err != nil {
		t.Fatalf("valid connections and yielding rules rejected: %v", err)
	}
	bad := []struct {
		rules []*Rule
		want  string
	}{
		{[]*Rule{validRule("DAG101", "a"), validRule("DAG101", "b")}, "duplicate ID"},
		{[]*Rule{validRule("DAG101", "a"), validRule("DAG102", "a")}, "duplicate name"},
		{[]*Rule{validRule("X101", "a")}, "not of the form"},
		{[]*Rule{validRule("DAG101", "Not_Kebab")}, "kebab-case"},
		{[]*Rule{func() *Rule { r := validRule("DAG101", "a"); r.Run = nil; return r }()}, "no Run"},
		{[]*Rule{func() *Rule { r := validRule("DAG101", "a"); r.Doc.Why = ""; return r }()}, "Doc.Why is empty"},
		{[]*Rule{func() *Rule { r := validRule("DAG101", "a"); r.Doc.Summary = "ends."; return r }()}, "final period"},
		{[]*Rule{func() *Rule { r := validRule("DAG101", "a"); r.Severity = 0; return r }()}, "no default severity"},
		{[]*Rule{func() *Rule { r := validRule("DAG101", "a"); r.Tags = []string{TagSecurity}; return r }()}, "needs a SecuritySeverity"},
		{[]*Rule{func() *Rule {
			r := validRule("DAG101", "a")
			r.Tags = []string{TagSecurity}
			r.SecuritySeverity = 11
			return r
		}()}, "needs a SecuritySeverity"},
		{[]*Rule{func() *Rule { r := validRule("DAG101", "a"); r.SecuritySeverity = 5; return r }()}, "not tagged"},
		{[]*Rule{func() *Rule { r := validRule("DAG101", "a"); r.Precision = "exact"; return r }()}, "Precision"},
		{[]*Rule{func() *Rule { r := validRule("DAG101", "a"); r.UnusedSuppressions = true; return r }()}, "has no Run"},
		{[]*Rule{
			func() *Rule { r := validRule("DAG101", "a"); r.Run, r.UnusedSuppressions = nil, true; return r }(),
			func() *Rule { r := validRule("DAG102", "b"); r.Run, r.UnusedSuppressions = nil, true; return r }(),
		}, "at most one"},
		{[]*Rule{func() *Rule { r := validRule("DAG101", "a"); r.YieldsTo = []*Rule{r}; return r }()}, "YieldsTo"},
		{[]*Rule{func() *Rule { r := connRule(); r.Run = func(*Pass) error { return nil }; return r }()}, "both Run and RunConnections"},
		{[]*Rule{func() *Rule { r := connRule(); r.Doc.ExampleFile = ""; return r }()}, "needs Doc.ExampleFile"},
		{[]*Rule{func() *Rule { r := validRule("DAG101", "a"); r.YieldsTo = []*Rule{validRule("DAG102", "b")}; return r }()}, "YieldsTo"},
	}
	for _, b := range bad {
		err := Validate(b.rules)
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("Validate: got %v, want error containing %q", err, b.want)
		}
	}
}

func TestParseSeverity(t *testing.T) {
	for _, s := range []Severity{Note, Warning, Error} {
		got, err := ParseSeverity(s.String())
		if err != nil || got != s {
			t.Errorf("ParseSeverity(%q) = %v, %v", s.String(), got, err)
		}
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity(fatal) succeeded")
	}
}
