package rules_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/connections"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/pyparse"
	"github.com/daglint/daglint/internal/rules"
	"github.com/daglint/daglint/internal/rules/ruletest"
)

// fixtureDir holds the rule fixtures, seen from this package's folder;
// connFixtureDir the connections-file fixtures.
const (
	fixtureDir     = "../../testdata/dags"
	connFixtureDir = "../../testdata/connfiles"
)

func TestRegistryValid(t *testing.T) {
	if err := analysis.Validate(rules.All); err != nil {
		t.Fatalf("rules.All is invalid:\n%v", err)
	}
}

func TestRegistryOrder(t *testing.T) {
	ids := rules.IDs()
	if len(ids) == 0 {
		t.Fatal("rules.All is empty")
	}
	for i := 1; i < len(ids); i++ {
		if ids[i-1] >= ids[i] {
			t.Errorf("rules.All is not in strictly increasing ID order: %s before %s", ids[i-1], ids[i])
		}
	}
	for _, id := range ids {
		if r := rules.ByID(id); r == nil || r.ID != id {
			t.Errorf("ByID(%q) = %v", id, r)
		}
	}
	if r := rules.ByID("DAG999"); r != nil {
		t.Errorf("ByID(DAG999) = %s; want nil", r.ID)
	}
}

var ruleFileRE = regexp.MustCompile(`^(DAG[0-9]{3})`)

// TestEveryRuleHasFixture requires a `# want` for every rule in some fixture,
// and every fixture named after a rule to name an existing one.
func TestEveryRuleHasFixture(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(fixtureDir, "*.py"))
	if err != nil {
		t.Fatal(err)
	}
	conns, err := filepath.Glob(filepath.Join(connFixtureDir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	wanted := map[string][]string{} // rule ID -> fixtures expecting it
	for _, path := range append(paths, conns...) {
		if strings.HasSuffix(path, ".want") {
			continue // a JSON fixture's expectations, read with it
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		view := pyparse.Parse(path, src)
		if !strings.HasSuffix(path, ".py") {
			fx, err := ruletest.ReadConnectionsFixture(path, src)
			if err != nil {
				t.Errorf("%v", err)
				continue
			}
			view = fx.File
		}
		wants, err := ruletest.ParseWants(view)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		for _, w := range wants {
			wanted[w.RuleID] = append(wanted[w.RuleID], filepath.Base(path))
		}
		if m := ruleFileRE.FindString(filepath.Base(path)); m != "" && rules.ByID(m) == nil {
			t.Errorf("fixture %s is named after %s, which is no rule", filepath.Base(path), m)
		}
	}
	for _, r := range rules.All {
		if len(wanted[r.ID]) == 0 {
			t.Errorf("%s (%s) has no fixture: add testdata/dags/%s.py with a `# want \"%s\"` comment", r.ID, r.Name, r.ID, r.ID)
		}
	}
	var unknown []string
	for id := range wanted {
		if rules.ByID(id) == nil {
			unknown = append(unknown, id)
		}
	}
	sort.Strings(unknown)
	for _, id := range unknown {
		t.Errorf("fixtures %v expect %s, which is no rule", wanted[id], id)
	}
}

// lintDoc lints a documentation snippet with every rule. Settings are the
// fixture defaults plus the snippet's `# ruletest:` directives; a
// connections directive is read relative to the fixture folder.
// docSettings holds the configuration a rule's doc examples assume (their
// first comment line says so in words): rules that are off by default need it.
var docSettings = map[string]string{
	"DAG104": "# ruletest: allowed-registries=registry.gitlab.com\n",
	"DAG205": "# ruletest: connections=connections/airflow_settings.yaml\n",
}

func lintDoc(t *testing.T, name, src string) []analysis.Diagnostic {
	t.Helper()
	path := filepath.Join(fixtureDir, name)
	directive := docSettings[strings.SplitN(name, "_", 2)[0]]
	variants, err := ruletest.Settings(pyparse.Parse(path, []byte(directive+src)), rules.All, connections.Load)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	settings := variants[0].Settings
	known := map[string]bool{}
	for _, r := range rules.All {
		known[r.ID] = true
	}
	res := lint.Source(path, []byte(src), lint.Options{Rules: rules.All, Settings: settings, KnownRules: known})
	if res.Err != nil {
		t.Fatalf("%s: %v", name, res.Err)
	}
	return res.Diagnostics
}

func messagesOf(diags []analysis.Diagnostic, id string) []string {
	var out []string
	for _, d := range diags {
		if d.RuleID == id {
			out = append(out, d.Message)
		}
	}
	return out
}

// TestDocExamples checks that docs cannot lie: every rule's Example reports
// the rule and its Use instead does not (nor holds a syntax error), with
// every rule enabled, as a user running daglint on the snippet would see.
func TestDocExamples(t *testing.T) {
	for _, r := range rules.All {
		if r.RunConnections != nil {
			continue // TestConnectionsDocExamples
		}
		t.Run(r.ID, func(t *testing.T) {
			ex := lintDoc(t, r.ID+"_doc_example.py", r.Doc.Example)
			if len(messagesOf(ex, r.ID)) == 0 {
				t.Errorf("%s: Doc.Example reports no %s finding (findings: %v)", r.ID, r.ID, summary(ex))
			}
			fixed := lintDoc(t, r.ID+"_doc_use_instead.py", r.Doc.UseInstead)
			if msgs := messagesOf(fixed, r.ID); len(msgs) > 0 {
				t.Errorf("%s: Doc.UseInstead still reports it: %s", r.ID, strings.Join(msgs, "; "))
			}
			if msgs := messagesOf(fixed, rules.SyntaxError.ID); len(msgs) > 0 && r.ID != rules.SyntaxError.ID {
				t.Errorf("%s: Doc.UseInstead is not valid Python: %s", r.ID, strings.Join(msgs, "; "))
			}
			// The advice itself must be clean: a user who copies it gets no
			// finding from another rule either (an argument the operator
			// does not have, a private image pulled without docker_conn_id).
			for _, d := range fixed {
				if d.RuleID != r.ID && d.RuleID != rules.SyntaxError.ID {
					t.Errorf("%s: Doc.UseInstead reports %s: %s", r.ID, d.RuleID, d.Message)
				}
			}
		})
	}
}

func summary(diags []analysis.Diagnostic) []string {
	out := make([]string, len(diags))
	for i, d := range diags {
		out[i] = d.RuleID + ": " + d.Message
	}
	return out
}

// TestConnectionsDocExamples: the Example of a rule of connections files,
// linted as the file it names (in a git work tree, not ignored), reports
// the rule; its Use instead reports nothing at all.
func TestConnectionsDocExamples(t *testing.T) {
	n := 0
	for _, r := range rules.All {
		if r.RunConnections == nil {
			continue
		}
		n++
		t.Run(r.ID, func(t *testing.T) {
			lintFile := func(src string) []analysis.Diagnostic {
				res := lint.ConnectionsSource(r.Doc.ExampleFile, []byte(src), lint.GitState{InWorkTree: true}, lint.Options{Rules: rules.All, Settings: &analysis.Settings{AirflowVersion: "2"}})
				if res.Err != nil {
					t.Fatalf("%s: %v", r.ID, res.Err)
				}
				return res.Diagnostics
			}
			if ex := lintFile(r.Doc.Example); len(messagesOf(ex, r.ID)) == 0 {
				t.Errorf("%s: Doc.Example reports no %s finding (findings: %v)", r.ID, r.ID, summary(ex))
			}
			if fixed := lintFile(r.Doc.UseInstead); len(fixed) > 0 {
				t.Errorf("%s: Doc.UseInstead reports %v", r.ID, summary(fixed))
			}
		})
	}
	if n == 0 {
		t.Fatal("no rule of connections files")
	}
}
