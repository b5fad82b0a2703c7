package ruletest

import (
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
)

// fakeRule reports every string literal "bad" as DAG999-style finding DAG900.
var fakeRule = &analysis.Rule{
	ID: "DAG900", Name: "fake", Severity: analysis.Warning,
	Run: func(p *analysis.Pass) error {
		src := string(p.File.Src)
		for i := strings.Index(src, `"bad"`); i >= 0; {
			p.Reportf(rangeOf(i, i+5), "found bad literal")
			j := strings.Index(src[i+1:], `"bad"`)
			if j < 0 {
				break
			}
			i += j + 1
		}
		return nil
	},
}

func TestCheckFailureModes(t *testing.T) {
	const header = "from airflow.providers.docker.operators.docker import DockerOperator\n"
	tests := []struct {
		name    string
		src     string
		want    []string // substrings of the problems, in order
		wantErr string
	}{
		{"all expectations met", header + "x = \"bad\"  # want \"DAG900\"\ny = \"good\"\n", nil, ""},
		{"message regexp met", header + "x = \"bad\"  # want DAG900:\"bad lit\"\n", nil, ""},
		{"unexpected finding", header + "x = \"bad\"\n", []string{":2: unexpected finding DAG900"}, ""},
		{"unmet expectation", header + "x = \"good\"  # want \"DAG900\"\n", []string{":2: no DAG900 finding"}, ""},
		{"expectation on the wrong line", header + "x = \"bad\"\ny = 1  # want \"DAG900\"\n", []string{":2: unexpected finding", ":3: no DAG900 finding"}, ""},
		{"message mismatch", header + "x = \"bad\"  # want DAG900:\"secret\"\n", []string{":2: unexpected finding", `:2: no DAG900 finding matching "secret"`}, ""},
		{"two findings, one expected", header + "x = (\"bad\", \"bad\")  # want \"DAG900\"\n", []string{":2: unexpected finding DAG900"}, ""},
		{"two findings, two expected", header + "x = (\"bad\", \"bad\")  # want \"DAG900\" \"DAG900\"\n", nil, ""},
		{"wrong rule expected", header + "x = \"bad\"  # want \"DAG901\"\n", []string{"no DAG901 finding", "unexpected finding DAG900"}, ""},
		{"malformed want", header + "x = \"bad\"  # want DAG900\n", nil, "bad want comment"},
		{"bad rule id", header + "x = \"bad\"  # want \"E501\"\n", nil, "not a rule ID"},
		{"bad regexp", header + "x = \"bad\"  # want DAG900:\"(\"\n", nil, "bad want regexp"},
		{"unknown directive", header + "# ruletest: colour=blue\nx = 1\n", nil, "unknown ruletest directive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems, err := Check("fixture.py", []byte(tt.src), []*analysis.Rule{fakeRule}, nil)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) != len(tt.want) {
				t.Fatalf("problems = %q, want %d matching %q", problems, len(tt.want), tt.want)
			}
			for _, w := range tt.want {
				found := false
				for _, p := range problems {
					if strings.Contains(p, w) {
						found = true
					}
				}
				if !found {
					t.Errorf("no problem contains %q in %q", w, problems)
				}
			}
		})
	}
}

func TestRulesFor(t *testing.T) {
	other := &analysis.Rule{ID: "DAG901", Name: "other"}
	all := []*analysis.Rule{fakeRule, other}
	if got := RulesFor("testdata/DAG901_aliases.py", all); len(got) != 1 || got[0] != other {
		t.Errorf("DAG901_aliases.py runs %v", got)
	}
	if got := RulesFor("testdata/seed_example1.py", all); len(got) != 2 {
		t.Errorf("seed_example1.py runs %d rules, want all", len(got))
	}
}

// TestConnectionVariants checks that `connections=a|b` runs the fixture once
// per source and reports a problem with the source it happened under.
func TestConnectionVariants(t *testing.T) {
	connRule := &analysis.Rule{
		ID: "DAG901", Name: "conn", Severity: analysis.Warning,
		Run: func(p *analysis.Pass) error {
			if p.Settings.Connections["x"] != nil {
				p.Reportf(rangeOf(len(p.File.Src)-2, len(p.File.Src)-1), "x is defined")
			}
			return nil
		},
	}
	load := func(paths []string) (map[string]*analysis.Connection, error) {
		if strings.HasSuffix(paths[0], "with_x") {
			return map[string]*analysis.Connection{"x": {ID: "x"}}, nil
		}
		return map[string]*analysis.Connection{}, nil
	}
	src := "from airflow.providers.docker.operators.docker import DockerOperator\n# ruletest: connections=with_x|without_x\ny = 1  # want \"DAG901\"\n"
	problems, err := Check("fixture.py", []byte(src), []*analysis.Rule{connRule}, load)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !strings.Contains(problems[0], "no DAG901 finding") || !strings.Contains(problems[0], "[connections=without_x]") {
		t.Errorf("problems = %q, want one unmet expectation under without_x", problems)
	}
	one := "from airflow.providers.docker.operators.docker import DockerOperator\n# ruletest: connections=with_x\ny = 1  # want \"DAG901\"\n"
	if problems, err := Check("fixture.py", []byte(one), []*analysis.Rule{connRule}, load); err != nil || len(problems) != 0 {
		t.Errorf("single source: problems %q, err %v", problems, err)
	}
}
