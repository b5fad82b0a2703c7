package lint

import (
	"testing"

	"github.com/daglint/daglint/internal/analysis"
)

func TestDedupeKeepsMostSevere(t *testing.T) {
	in := []analysis.Diagnostic{
		{RuleID: "DAG105", Start: 10, End: 20, Severity: analysis.Note, Message: "first"},
		{RuleID: "DAG102", Start: 10, End: 20, Severity: analysis.Warning, Message: "other rule"},
		{RuleID: "DAG105", Start: 10, End: 20, Severity: analysis.Error, Message: "forced"},
		{RuleID: "DAG105", Start: 10, End: 20, Severity: analysis.Note, Message: "again"},
		{RuleID: "DAG105", Start: 30, End: 40, Severity: analysis.Note, Message: "elsewhere"},
	}
	got := dedupe(in)
	want := []string{"forced", "other rule", "elsewhere"}
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Message != w {
			t.Errorf("diagnostic %d = %q, want %q", i, got[i].Message, w)
		}
	}
}

func TestFixesHoldingSecretsAreDropped(t *testing.T) {
	token := "glpat-" + "Xq7Lm2Np9Rt4Vw8Yz3Ab"
	diags := []analysis.Diagnostic{{
		RuleID: "DAG900", Start: 1, End: 2,
		Fixes: []analysis.SuggestedFix{
			{Message: "moves a token", Edits: []analysis.TextEdit{{Start: 1, End: 2, NewText: `x = "` + token + `"`}}},
			{Message: "harmless", Edits: []analysis.TextEdit{{Start: 1, End: 2, NewText: `x = os.environ["TOKEN"]`}}},
		},
	}}
	redactDiagnostics(diags, nil)
	if len(diags[0].Fixes) != 1 || diags[0].Fixes[0].Message != "harmless" {
		t.Errorf("fixes = %+v, want only the harmless one", diags[0].Fixes)
	}
}
