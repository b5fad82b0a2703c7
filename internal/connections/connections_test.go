package connections

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
)

const secret = "s3cr3t-Pa55"

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func conn(src string, line int, id, typ, host string, port int, login string) *analysis.Connection {
	return &analysis.Connection{ID: id, Type: typ, Host: host, Port: port, Login: login, Source: filepath.ToSlash(src), Line: line}
}

func TestLoadFileFormats(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                func(src string) []*analysis.Connection
	}{
		{
			name: "astro settings",
			file: "airflow_settings.yaml",
			content: `airflow:
  connections:
    - conn_id: gitlab_registry
      conn_type: docker
      conn_host: registry.gitlab.com
      conn_login: deploy
      conn_password: ` + secret + `
      conn_port: "5050"
    - conn_id: warehouse
      conn_type: Postgres
      conn_host: db
      conn_port: 5432
      conn_extra:
        sslmode: require
    - conn_id:
      conn_type:
      conn_host:
  variables:
    - variable_name:
`,
			want: func(src string) []*analysis.Connection {
				return []*analysis.Connection{
					conn(src, 3, "gitlab_registry", "docker", "registry.gitlab.com", 5050, "deploy"),
					conn(src, 9, "warehouse", "postgres", "db", 5432, ""),
				}
			},
		},
		{
			name: "export yaml",
			file: "connections.yaml",
			content: `gitlab_registry:
  conn_type: docker
  description: null
  host: registry.gitlab.com
  login: deploy
  password: ` + secret + `
  port: 5050
  schema: null
  extra: null
http_api:
  conn_type: http
  host: example.org
  port: null
by_uri: "docker://u:` + secret + `@ghcr.io"
`,
			want: func(src string) []*analysis.Connection {
				return []*analysis.Connection{
					conn(src, 1, "gitlab_registry", "docker", "registry.gitlab.com", 5050, "deploy"),
					conn(src, 10, "http_api", "http", "example.org", 0, ""),
					conn(src, 14, "by_uri", "docker", "ghcr.io", 0, "u"),
				}
			},
		},
		{
			name: "export json",
			file: "connections.json",
			content: `{
  "gitlab_registry": {
    "conn_type": "docker",
    "description": null,
    "login": "deploy",
    "password": "` + secret + `",
    "host": "registry.gitlab.com",
    "port": 5050,
    "schema": null,
    "extra": null
  },
  "aws_default": {"conn_type": "aws", "port": "443"}
}
`,
			want: func(src string) []*analysis.Connection {
				return []*analysis.Connection{
					conn(src, 2, "gitlab_registry", "docker", "registry.gitlab.com", 5050, "deploy"),
					conn(src, 12, "aws_default", "aws", "", 443, ""),
				}
			},
		},
		{
			name: "dotenv",
			file: ".env",
			content: `# local connections
POSTGRES_USER=airflow
AIRFLOW_CONN_GITLAB_REGISTRY=docker://deploy%40corp:` + secret + `@Registry.GitLab.com:5050

export AIRFLOW_CONN_GHCR='docker://bot:` + secret + `@ghcr.io'
AIRFLOW_CONN_JSON_CONN="{\"conn_type\": \"docker\", \"host\": \"quay.io\", \"login\": \"q\", \"port\": \"8443\"}"
AIRFLOW_CONN_MULTI='{
  "conn_type": "docker",
  "host": "harbor.local"
}'
AIRFLOW_CONN_MY_DB=my-conn-type://db.local:5432/schema?x=1 # trailing comment
`,
			want: func(src string) []*analysis.Connection {
				return []*analysis.Connection{
					conn(src, 3, "gitlab_registry", "docker", "registry.gitlab.com", 5050, "deploy@corp"),
					conn(src, 5, "ghcr", "docker", "ghcr.io", 0, "bot"),
					conn(src, 6, "json_conn", "docker", "quay.io", 8443, "q"),
					conn(src, 7, "multi", "docker", "harbor.local", 0, ""),
					conn(src, 11, "my_db", "my_conn_type", "db.local", 5432, ""),
				}
			},
		},
		{
			name:    "env detected by content",
			file:    "airflow.conns",
			content: "AIRFLOW_CONN_REG=docker://reg.example.com:5000\n",
			want: func(src string) []*analysis.Connection {
				return []*analysis.Connection{conn(src, 1, "reg", "docker", "reg.example.com", 5000, "")}
			},
		},
		{
			name:    "empty astro template",
			file:    "airflow_settings.yaml",
			content: "airflow:\n  connections:\n    - conn_id:\n      conn_type:\n  pools: []\n",
			want:    func(string) []*analysis.Connection { return nil },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, t.TempDir(), tt.file, tt.content)
			got, err := LoadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want(p)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got:")
				for _, c := range got {
					t.Errorf("  %+v", *c)
				}
				t.Errorf("want:")
				for _, c := range want {
					t.Errorf("  %+v", *c)
				}
			}
		})
	}
}

func TestLoadFileErrors(t *testing.T) {
	tests := []struct {
		name, file, content string
		line                int
		msg                 string
	}{
		{"yaml syntax", "c.yaml", "a:\n  conn_type: docker\nb:\n\t- x\n", 4, "invalid YAML: found character that cannot start any token"},
		{"yaml bad port", "airflow_settings.yaml", "airflow:\n  connections:\n    - conn_id: x\n      conn_password: " + secret + "\n      conn_port: abc\n", 3, `connection "x": invalid port (want a number)`},
		{"yaml port holds the password", "c.yaml", "x:\n  conn_type: docker\n  port: " + secret + "\n", 1, `connection "x": invalid port (want a number)`},
		{"yaml unknown anchor", "airflow_settings.yaml", "airflow:\n  connections:\n    - conn_id: x\n      conn_password: *" + secret + "\n", 4, "invalid YAML: unknown anchor referenced"},
		{"yaml not mapping", "c.yaml", "- a\n- b\n", 1, "expected a mapping of connections"},
		{"yaml entry not mapping", "c.yaml", "ok:\n  conn_type: docker\nbad: [1]\n", 3, `connection "bad"`},
		{"yaml duplicate", "c.yaml", "a:\n  conn_type: docker\na:\n  conn_type: http\n", 3, `duplicate connection "a" (first at line 1)`},
		{"json syntax", "c.json", "{\n  \"a\": {\"conn_type\": \"docker\"},\n  \"b\": {\"conn_type\" \"x\"}\n}\n", 3, "invalid JSON"},
		{"json not object", "c.json", "[1]\n", 1, "expected a JSON object"},
		{"json truncated", "c.json", "{\n  \"a\": {\n", 3, "invalid JSON"},
		{"env no equals", ".env", "A=1\nAIRFLOW_CONN_X\n", 2, "expected NAME=value"},
		{"env bad port", ".env", "\nAIRFLOW_CONN_X=docker://u:" + secret + "@host:99999\n", 2, `connection "x": invalid connection URI: invalid port`},
		{"env no scheme", ".env", "AIRFLOW_CONN_X=u:" + secret + "@host\n", 1, "invalid connection URI"},
		{"env bad json", ".env", "AIRFLOW_CONN_X={\"password\": \"" + secret + "\"\n", 1, "invalid JSON value"},
		{"env unterminated", ".env", "AIRFLOW_CONN_X='docker://h\n", 1, "unterminated"},
		{"env three schemes", ".env", "AIRFLOW_CONN_X=a://b://c://d\n", 1, "too many"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, t.TempDir(), tt.file, tt.content)
			_, err := LoadFile(p)
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("got %v, want *Error", err)
			}
			if ce.Line != tt.line {
				t.Errorf("line %d, want %d (%v)", ce.Line, tt.line, err)
			}
			if !strings.Contains(ce.Msg, tt.msg) {
				t.Errorf("message %q, want it to contain %q", ce.Msg, tt.msg)
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error leaks the password: %v", err)
			}
			if !strings.HasPrefix(err.Error(), p+":") {
				t.Errorf("error %q does not start with the path", err)
			}
		})
	}
	if _, err := LoadFile(filepath.Join(t.TempDir(), "missing.yaml")); err == nil {
		t.Error("missing file: no error")
	}
}

func TestParseURI(t *testing.T) {
	tests := []struct {
		uri              string
		typ, host, login string
		port             int
		bad              bool
	}{
		{uri: "docker://login:pw@registry.gitlab.com:5050", typ: "docker", host: "registry.gitlab.com", login: "login", port: 5050},
		{uri: "docker://REGISTRY.Example.COM", typ: "docker", host: "registry.example.com"},
		{uri: "docker://u%2Bx:p%2Fw@reg%2Dx.io/", typ: "docker", host: "reg-x.io", login: "u+x"},
		{uri: "docker://:pw@host", typ: "docker", host: "host"},
		{uri: "docker://user:p@ss@host:1", typ: "docker", host: "host", login: "user", port: 1},
		{uri: "docker://[::1]:5000", typ: "docker", host: "::1", port: 5000},
		{uri: "docker://https://reg.io", typ: "docker", host: "https://reg.io"},
		{uri: "docker://u@bad%zzhost", typ: "docker", host: "bad%zzhost", login: "u"},
		{uri: "docker://host:abc", bad: true},
		{uri: "docker://host:70000", bad: true},
		{uri: "host.example.com", bad: true},
		{uri: "1docker://host", bad: true},
		{uri: "docker://us:er@https://reg.io", bad: true},
		{uri: "docker://[::1", bad: true},
	}
	for _, tt := range tests {
		f, err := parseURI(tt.uri)
		if tt.bad {
			if err == nil {
				t.Errorf("%s: no error", tt.uri)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.uri, err)
			continue
		}
		port := 0
		if f.hasPortNum {
			port = f.portNum
		}
		if f.Type != tt.typ || f.Host != tt.host || f.Login != tt.login || port != tt.port {
			t.Errorf("%s: got %+v, want type %q host %q login %q port %d", tt.uri, f, tt.typ, tt.host, tt.login, tt.port)
		}
	}
}

func TestNormaliseType(t *testing.T) {
	for in, want := range map[string]string{"docker": "docker", "Docker": "docker", "postgresql": "postgres", "my-conn-type": "my_conn_type", "": ""} {
		if got := normaliseType(in); got != want {
			t.Errorf("normaliseType(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoad(t *testing.T) {
	if got, err := Load(nil); got != nil || err != nil {
		t.Errorf("no paths: got %v, %v; want nil, nil", got, err)
	}
	dir := t.TempDir()
	a := write(t, dir, "a.env", "AIRFLOW_CONN_REG=docker://first.io\n")
	b := write(t, dir, "b.json", `{"reg": {"conn_type": "docker", "host": "second.io"}, "other": {"conn_type": "http"}}`)
	empty := write(t, dir, "empty.yaml", "")
	got, err := Load([]string{a, b, empty})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["reg"].Host != "first.io" || got["other"].Type != "http" {
		t.Errorf("merge: got %v", got)
	}
	got, err = Load([]string{empty})
	if err != nil || got == nil || len(got) != 0 {
		t.Errorf("empty source: got %v, %v; want an empty map", got, err)
	}
	if _, err := Load([]string{a, filepath.Join(dir, "nope.yaml")}); err == nil {
		t.Error("missing file: no error")
	}
}

func TestDefault(t *testing.T) {
	cfgDir, cwd := t.TempDir(), t.TempDir()
	if got := Default(cfgDir, true, cwd); got != nil {
		t.Errorf("nothing present: %v", got)
	}
	inCwd := write(t, cwd, SettingsFile, "airflow: {}\n")
	if got := Default(cfgDir, true, cwd); got != nil {
		t.Errorf("config file present: cwd must not be searched, got %v", got)
	}
	if got := Default(cfgDir, false, cwd); !reflect.DeepEqual(got, []string{inCwd}) {
		t.Errorf("no config file: got %v, want %v", got, inCwd)
	}
	inCfg := write(t, cfgDir, SettingsFile, "airflow: {}\n")
	if got := Default(cfgDir, true, cwd); !reflect.DeepEqual(got, []string{inCfg}) {
		t.Errorf("config file: got %v, want %v", got, inCfg)
	}
}

// TestHostUserinfoNeverKept loads hosts that carry a password in their user
// information, in each format: the connection keeps the host and login but
// never the password, so no message about it can print one.
func TestHostUserinfoNeverKept(t *testing.T) {
	const pw = "Hunt3r" + "Passw0rdZZ"
	tests := []struct{ file, content string }{
		{"airflow_settings.yaml", "airflow:\n  connections:\n    - conn_id: x\n      conn_type: docker\n      conn_host: https://ci:" + pw + "@registry.gitlab.com\n"},
		{"c.yaml", "x:\n  conn_type: docker\n  host: ci:" + pw + "@registry.gitlab.com\n"},
		{"c.json", `{"x": {"conn_type": "docker", "host": "https://ci:` + pw + `@registry.gitlab.com"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			conns, err := LoadFile(write(t, t.TempDir(), tt.file, tt.content))
			if err != nil || len(conns) != 1 {
				t.Fatalf("LoadFile: %v, %d connections", err, len(conns))
			}
			c := conns[0]
			if strings.Contains(c.Host, pw[:8]) || strings.Contains(c.Login, pw[:8]) {
				t.Errorf("host %q, login %q keep the password", c.Host, c.Login)
			}
			if !strings.Contains(c.Host, "registry.gitlab.com") {
				t.Errorf("host %q lost the registry", c.Host)
			}
		})
	}
}
