package connections

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// TestEnvUnterminatedQuoteIsLinear: an unterminated quote followed by N
// lines used to rebuild the value once per line (quadratic bytes). Twice
// the lines must allocate about twice the bytes.
func TestEnvUnterminatedQuoteIsLinear(t *testing.T) {
	allocated := func(n int) uint64 {
		var b strings.Builder
		b.WriteString("AIRFLOW_CONN_X=\"never closed\n")
		for i := 0; i < n; i++ {
			b.WriteString("SOME_SETTING=some value that is long enough\n")
		}
		data := []byte(b.String())
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := parseEnv("a.env", data)
		runtime.ReadMemStats(&after)
		if err == nil || !strings.Contains(err.Error(), "a.env:1: AIRFLOW_CONN_X: unterminated quoted value") {
			t.Fatalf("error %v, want the unterminated value on line 1", err)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	n1, n2 := allocated(10000), allocated(20000)
	if r := float64(n2) / float64(n1); r > 3 {
		t.Errorf("bytes allocated: %d for 10,000 lines, %d for 20,000 (ratio %.2f, want about 2)", n1, n2, r)
	}
}

// TestEnvQuotedValueOverLines checks the multi-line reading the linear
// scan replaced: a JSON value over three lines, a quote escaped in double
// quotes, text after the closing quote.
func TestEnvQuotedValueOverLines(t *testing.T) {
	src := "AIRFLOW_CONN_A='{\"conn_type\": \"docker\",\n \"host\": \"reg.example.com\",\n \"login\": \"bot\"}'\n" +
		"AIRFLOW_CONN_B=\"{\\\"conn_type\\\": \\\"docker\\\",\n \\\"host\\\": \\\"b.example.com\\\"}\" # note\n" +
		"AIRFLOW_CONN_C=docker://c.example.com\n"
	conns, err := parseEnv("a.env", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range conns {
		got = append(got, c.ID+" "+c.Host+" "+c.Login+fmt.Sprint(" line ", c.Line))
	}
	want := "a reg.example.com bot line 1|b b.example.com  line 4|c c.example.com  line 6"
	if strings.Join(got, "|") != want {
		t.Errorf("got %q\nwant %q", strings.Join(got, "|"), want)
	}
}

// TestYAMLAliasesAreLinear: N aliases to one mapping of 50,000 keys used
// to scan the mapping once per alias and field; the mapping must be
// indexed once, so the entries looked at grow with N, not N times 50,000.
func TestYAMLAliasesAreLinear(t *testing.T) {
	scanned := func(n int) int {
		var b strings.Builder
		b.WriteString("base: &big\n  conn_type: docker\n  host: registry.example.com\n")
		for i := 0; i < 50000; i++ {
			fmt.Fprintf(&b, "  k%d: v\n", i)
		}
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "c%d: *big\n", i)
		}
		ix := &mappingIndex{}
		conns, err := parseYAMLWith(ix, "a.yaml", []byte(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		if len(conns) != n+1 || conns[n].Host != "registry.example.com" {
			t.Fatalf("%d connections, want %d with the aliased host", len(conns), n+1)
		}
		return ix.scanned
	}
	n1, n2 := scanned(10000), scanned(20000)
	if r := float64(n2) / float64(n1); r > 2.5 || n2 > 200000 {
		t.Errorf("mapping entries looked at: %d for 10,000 aliases, %d for 20,000 (ratio %.2f)", n1, n2, r)
	}
}

// parseEnv is parseEnvComments without the comments.
func parseEnv(path string, data []byte) ([]*entry, error) {
	conns, _, err := parseEnvComments(path, data)
	return conns, err
}
