package rules_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/report"
	"github.com/daglint/daglint/internal/rules"
)

// TestSARIFSecurityFromRuleData writes the registry's SARIF descriptors and
// checks what GitHub code scanning reads from them: a rule is a security
// alert when its tags hold "security" and it has a security-severity, so the
// two go together, and they come from the rule's own data, never from its ID.
func TestSARIFSecurityFromRuleData(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteSARIF(&buf, &report.Run{ToolName: "daglint", ToolVersion: "0.1.0", Rules: rules.All}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID         string
						Properties struct {
							Tags             []string
							Precision        string
							SecuritySeverity string `json:"security-severity"`
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	descs := log.Runs[0].Tool.Driver.Rules
	if len(descs) != len(rules.All) {
		t.Fatalf("%d descriptors for %d rules", len(descs), len(rules.All))
	}
	security := 0
	for i, d := range descs {
		r := rules.All[i]
		tagged := slices.Contains(d.Properties.Tags, "security")
		if tagged != r.IsSecurity() || tagged != (d.Properties.SecuritySeverity != "") {
			t.Errorf("%s: security tag %v, security-severity %q, rule security %v", d.ID, tagged, d.Properties.SecuritySeverity, r.IsSecurity())
		}
		if d.Properties.Precision != r.Precision {
			t.Errorf("%s: precision %q, rule says %q", d.ID, d.Properties.Precision, r.Precision)
		}
		if tagged {
			security++
		}
	}
	// The cases the ID-digit heuristic got wrong: a correctness rule of the
	// DAG2xx family is no security alert, and the registry allow-list is one.
	for r, want := range map[*analysis.Rule]bool{
		rules.UnknownOperatorArgument: false, rules.MissingDockerConnID: false, rules.DockerConnMismatch: false,
		rules.TemplateInUntemplatedField: false, rules.ImageRegistryNotAllowed: true, rules.HardcodedToken: true,
	} {
		if r.IsSecurity() != want {
			t.Errorf("%s: security %v, want %v", r.ID, r.IsSecurity(), want)
		}
	}
	if security == 0 || security == len(descs) {
		t.Errorf("%d of %d rules are security rules", security, len(descs))
	}
}
