package connections

import "testing"

// FuzzParse: any content, in any format, parses or fails without a panic,
// and every secret value and comment it returns lies inside the content.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"airflow:\n  connections:\n    - conn_id: a\n      conn_password: 'x''y'  # c\n      conn_extra: {token: t}\n",
		"r:\n  password: \"a\\\"b\"\n  extra: '{\"token\": \"v\"}'\nu: docker://a:b@h?token=x\n",
		"{\"a\": {\"password\": \"p\\u0041\", \"host\": \"u:p@h\", \"extra\": {\"k\": {\"secret\": \"s\"}}}, \"b\": \"docker://u:p@h\"}",
		"AIRFLOW_CONN_A='docker://u:p@h' # c\nexport AIRFLOW_CONN_B=\"{\\\"password\\\": \\\"q\\\"}\"\nAIRFLOW_CONN_C='multi\nline'\n",
		"a: &x\n  password: &p v\nb: *x\n",
	} {
		for _, name := range []string{"a.yaml", "a.json", ".env"} {
			f.Add(name, seed)
		}
	}
	f.Fuzz(func(t *testing.T, name, src string) {
		file, err := Parse(name, []byte(src))
		if err != nil {
			return
		}
		for _, e := range file.Entries {
			for _, s := range e.Secrets {
				if s.Start < 0 || s.Start > s.End || s.End > len(src) {
					t.Fatalf("%s: secret %q at %d-%d outside the %d bytes", e.Conn.ID, s.Field, s.Start, s.End, len(src))
				}
			}
		}
		for _, c := range file.Comments {
			if c.Start < 0 || c.Start > c.End || c.End > len(src) || src[c.Start:c.End] != c.Text {
				t.Fatalf("comment %q at %d-%d does not spell itself", c.Text, c.Start, c.End)
			}
		}
	})
}
