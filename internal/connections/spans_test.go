package connections

import (
	"fmt"
	"strings"
	"testing"
)

// TestSecretSpans: every secret value comes back with the bytes of the
// file that spell it, in each format, quoted or not, in a URI, in extra.
func TestSecretSpans(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            []string // field=value@spelling
	}{
		{
			name: "astro", file: "airflow_settings.yaml",
			src: "airflow:\n  connections:\n    - conn_id: a\n      conn_type: docker\n      conn_password: 'it''s-secret'  # noqa: X1\n" +
				"      conn_extra:\n        api_token: \"tok-éé-1\"\n        region: eu\n    - conn_id: b\n      conn_password: &pw plain-pw\n",
			want: []string{"conn_password=it's-secret@it''s-secret", "conn_extra.api_token=tok-éé-1@tok-éé-1", "conn_password=plain-pw@plain-pw"},
		},
		{
			name: "export yaml", file: "conns.yaml",
			src:  "reg:\n  conn_type: docker\n  password: \"a\\\"b-pass\"\n  extra: '{\"token\": \"xyz-123\"}'\nuri: docker://bot:p%40ss@reg.io?secret=s3cr3t-x&region=eu\n",
			want: []string{`password=a"b-pass@a\"b-pass`, "extra.token=xyz-123@xyz-123", "URI user info=p@ss@p%40ss", "extra.secret=s3cr3t-x@s3cr3t-x"},
		},
		{
			name: "export json", file: "conns.json",
			src:  "{\n  \"reg\": {\"conn_type\": \"docker\", \"password\": \"pa\\u0073s-1\",\n \"extra\": \"{\\\"token\\\": \\\"t-1234\\\"}\"},\n  \"b\": {\"password\": \"hunter22\", \"extra\": {\"client_secret\": \"cs-99\"}}\n}\n",
			want: []string{`password=pass-1@pa\u0073s-1`, `extra.token=t-1234@{\"token\": \"t-1234\"}`, "password=hunter22@hunter22", "extra.client_secret=cs-99@cs-99"},
		},
		{
			name: "env", file: ".env",
			src: "# comment\r\nAIRFLOW_CONN_A=docker://u:pw-one@reg.io # noqa: DAG304\r\nexport AIRFLOW_CONN_B='{\"conn_type\": \"docker\", \"password\": \"pw-two\"}'  # x\n" +
				"AIRFLOW_CONN_C=\"docker://u:pw\\\"3@reg.io\"\nAIRFLOW_CONN_D='docker://u:pw-four@\nreg.io'\n",
			want: []string{"URI user info=pw-one@pw-one", "password=pw-two@pw-two", `URI user info=pw"3@docker://u:pw\"3@reg.io`, "URI user info=pw-four@docker://u:pw-four@\nreg.io"},
		},
	}
	for _, tt := range tests {
		f, err := Parse(tt.file, []byte(tt.src))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var got []string
		for _, e := range f.Entries {
			for _, s := range e.Secrets {
				got = append(got, fmt.Sprintf("%s=%s@%s", s.Field, s.Value, tt.src[s.Start:s.End]))
			}
		}
		if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
			t.Errorf("%s:\ngot  %s\nwant %s", tt.name, strings.Join(got, " | "), strings.Join(tt.want, " | "))
		}
	}
}

// TestComments: comments of YAML and .env files, with their bytes; a "#"
// inside a value is none.
func TestComments(t *testing.T) {
	tests := []struct{ file, src, want string }{
		{"a.yaml", "# head\nreg:  # line\n  password: 'a # b'  # noqa: DAG304\n  host: x#y\n  extra: |\n    # not a comment\n  login: \"q\\\" # r\" # after\n", "# head|# line|# noqa: DAG304|# after"},
		{"a.env", "# one\nAIRFLOW_CONN_A=docker://h # two\nAIRFLOW_CONN_B='docker://x # y' # three\nX=a#b\n", "# one|# two|# three"},
	}
	for _, tt := range tests {
		f, err := Parse(tt.file, []byte(tt.src))
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		var got []string
		for _, c := range f.Comments {
			if tt.src[c.Start:c.End] != c.Text {
				t.Errorf("%s: comment %q at %d-%d spells %q", tt.file, c.Text, c.Start, c.End, tt.src[c.Start:c.End])
			}
			got = append(got, c.Text)
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("%s: comments %q, want %q", tt.file, strings.Join(got, "|"), tt.want)
		}
	}
}
