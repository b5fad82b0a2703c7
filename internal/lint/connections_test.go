package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
)

// connectionsRule reports every secret value of a connections file, so the
// driver's whole path (rules, suppressions, redaction, positions) runs on
// each of them.
var connectionsRule = &analysis.Rule{ID: "DAG900", Name: "every-secret", Severity: analysis.Error,
	RunConnections: func(p *analysis.ConnectionsPass) error {
		for _, e := range p.File.Entries {
			for _, s := range e.Secrets {
				p.Report(analysis.Diagnostic{Start: s.Start, End: s.End, Message: "secret of " + e.Conn.ID + ": " + s.Value})
			}
		}
		return nil
	}}

func lintConnections(t *testing.T, name, src string) Result {
	t.Helper()
	res := ConnectionsSource(name, []byte(src), GitState{InWorkTree: true}, Options{Rules: []*analysis.Rule{connectionsRule}})
	if res.Err != nil {
		t.Fatalf("%s: %v", name, res.Err)
	}
	return res
}

// TestConnectionsSourceRedactsAndLocates: messages never show a value,
// the finding points at it, a suppression comment on its line works.
func TestConnectionsSourceRedactsAndLocates(t *testing.T) {
	pw := "Vx9" + "qLm27Rt"
	src := "AIRFLOW_CONN_A=docker://u:" + pw + "@h.example.com\nAIRFLOW_CONN_B=docker://u:" + pw + "-2@h.example.com  # noqa: DAG900\n"
	res := lintConnections(t, ".env", src)
	if len(res.Diagnostics) != 1 {
		t.Fatalf("%d findings, want 1 (the second is suppressed): %v", len(res.Diagnostics), res.Diagnostics)
	}
	d := res.Diagnostics[0]
	if src[d.Start:d.End] != pw || strings.Contains(d.Message, pw[3:]) {
		t.Errorf("finding at %q, message %q", src[d.Start:d.End], d.Message)
	}
	f, _ := Findings([]Result{res}, []*analysis.Rule{connectionsRule})
	if len(f) != 1 || f[0].Start.Line != 1 || f[0].Start.RuneColumn != 27 || f[0].Fingerprint == "" {
		t.Errorf("finding %+v", f)
	}
}

// TestConnectionsSourceIsLinear: twice the connections cost about twice
// the allocations, in each format, and N aliases of a mapping whose extra
// holds N/2 secret keys read that extra once.
func TestConnectionsSourceIsLinear(t *testing.T) {
	formats := map[string]func(n int) string{
		"airflow_settings.yaml": func(n int) string {
			var b strings.Builder
			b.WriteString("airflow:\n  connections:\n")
			for i := 0; i < n; i++ {
				fmt.Fprintf(&b, "    - conn_id: c%d  # c\n      conn_type: docker\n      conn_password: 'pw-%d-secret'  # noqa: DAG900\n      conn_extra:\n        api_token: \"t-%d\"\n", i, i, i)
			}
			return b.String()
		},
		"conns.json": func(n int) string {
			var b strings.Builder
			b.WriteString("{")
			for i := 0; i < n; i++ {
				if i > 0 {
					b.WriteString(",")
				}
				fmt.Fprintf(&b, "\n\"c%d\": {\"conn_type\": \"docker\", \"password\": \"pw-%d-secret\", \"extra\": \"{\\\"token\\\": \\\"t-%d\\\"}\"}", i, i, i)
			}
			b.WriteString("}\n")
			return b.String()
		},
		".env": func(n int) string {
			var b strings.Builder
			for i := 0; i < n; i++ {
				fmt.Fprintf(&b, "AIRFLOW_CONN_C%d='docker://u:pw-%d-secret@h.example.com?token=t-%d'  # noqa: DAG900\n", i, i, i)
			}
			return b.String()
		},
		"aliases.yaml": func(n int) string {
			var b strings.Builder
			b.WriteString("base: &big\n  conn_type: docker\n  extra:\n")
			for i := 0; i < n/2; i++ { // keys and aliases both grow: read per alias, the work would be quadratic
				fmt.Fprintf(&b, "    token_%d: secret-value-%d\n", i, i)
			}
			for i := 0; i < n; i++ {
				fmt.Fprintf(&b, "c%d: *big\n", i)
			}
			return b.String()
		},
	}
	for name, gen := range formats {
		allocs := func(n int) float64 {
			src := gen(n)
			return testing.AllocsPerRun(1, func() { lintConnections(t, name, src) })
		}
		a1, a2 := allocs(2000), allocs(4000)
		if r := a2 / a1; r > 3.5 {
			t.Errorf("%s: %.0f allocations for 2,000 connections, %.0f for 4,000 (ratio %.2f, want about 2)", name, a1, a2, r)
		}
	}
}

// TestConnectionsPanicHidesSecrets: a rule of connections files that panics
// quoting a value leaves an error that shows the file's secrets redacted.
func TestConnectionsPanicHidesSecrets(t *testing.T) {
	pw := "Qz8m" + "T4vLp2Wx"
	panicky := &analysis.Rule{ID: "DAG901", Name: "panics", Severity: analysis.Error,
		RunConnections: func(p *analysis.ConnectionsPass) error {
			panic("cannot read " + p.File.Entries[0].Secrets[0].Value)
		}}
	src := `{"a": {"conn_type": "docker", "password": "` + pw + `"}}` + "\n"
	res := ConnectionsSource("conns.json", []byte(src), GitState{InWorkTree: true}, Options{Rules: []*analysis.Rule{panicky}})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "internal error") {
		t.Fatalf("error %v, want an internal error", res.Err)
	}
	if msg := res.ErrMessage(); strings.Contains(msg, pw) || !strings.Contains(msg, "cannot read") {
		t.Errorf("error message %q, want it without the password", msg)
	}
}

// TestConnectionsFindingsFingerprinted: a connections file's findings
// carry the fingerprint of their rule, path and text, whatever the path
// (the empty one included: located is stamped as it is made, as a Python
// file's is, not left for Findings to notice).
func TestConnectionsFindingsFingerprinted(t *testing.T) {
	pw := "Vx9" + "qLm27Rt"
	src := "AIRFLOW_CONN_A=docker://u:" + pw + "@h.example.com\n"
	for _, name := range []string{".env", ""} {
		res := ConnectionsSource(name, []byte(src), GitState{InWorkTree: true}, Options{Rules: []*analysis.Rule{connectionsRule}})
		f, _ := Findings([]Result{res}, []*analysis.Rule{connectionsRule})
		if len(f) != 1 {
			t.Fatalf("%q: findings %+v", name, f)
		}
		if want := Fingerprint("DAG900", name, res.located[0].text, 0); f[0].Fingerprint != want || strings.Contains(res.located[0].text, pw) {
			t.Errorf("%q: fingerprint %s, want %s", name, f[0].Fingerprint, want)
		}
	}
}
