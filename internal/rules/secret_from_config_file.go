package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/pyparse"
	"github.com/daglint/daglint/internal/secrets"
)

// SecretFromConfigFile reports secrets read from a file when the DAG is
// parsed and handed to a Docker call.
var SecretFromConfigFile = &analysis.Rule{
	ID:               "DAG303",
	Name:             "secret-from-config-file",
	Severity:         analysis.Warning,
	Tags:             []string{"security", "secrets"},
	SecuritySeverity: 5.5,
	Precision:        "high",
	Doc: analysis.Doc{
		Summary: "a secret read from a file at parse time reaches a Docker call",
		What: `Reports a value read from a file while the DAG file is parsed (a
` + "`configparser`" + ` parser filled with ` + "`.read(...)`" + `, ` + "`json.load`/`yaml.safe_load`/`tomllib.load`" + ` of
` + "`open(...)`" + `, ` + "`dotenv_values(...)`" + `, ` + "`open(...).read()`" + `, directly or through ` + "`with open(...) as fh`" + `)
that reaches a Docker call (DockerOperator, DockerSwarmOperator, ` + "`@task.docker`" + `,
through the call, partial/expand, a mapping or default_args) as a secret:

- an entry of ` + "`environment`" + ` or any other mapping argument whose key is secret-like
  (` + "`GITLAB_TOKEN`, `DB_PASSWORD`" + `) or whose value is read under a secret-like key
  (` + "`config[\"docker\"][\"gitlab_token\"]`, `cfg.get(\"db\", \"password\")`" + `);
- any entry of ` + "`private_environment`" + `, or the whole of ` + "`private_environment`" + ` or ` + "`env_file`" + `;
- a whole ` + "`dotenv_values(...)`" + ` mapping given as ` + "`environment`" + ` (a ` + "`.env`" + ` file is
  where secrets live, so the container and the UI get all of them);
- any argument with a secret-like name (on a subclass, for instance).

Values from a file that are not secrets (an image tag, a schedule, a
` + "`LOG_LEVEL`" + ` entry read under ` + "`config[\"app\"][\"log_level\"]`" + `) are not reported: reading
configuration from a file is a normal pattern. Another whole ` + "`environment`" + ` read from a
file (` + "`environment=settings[\"env\"]`" + `) is not reported either unless it is read under a
secret-like key: daglint cannot see which keys the file holds. Kubernetes pods
(` + "`env_vars`" + ` of KubernetesPodOperator) are not covered. The finding is at the value as
written in the call or mapping; the file read is a related location.`,
		Why: `A file the DAG reads at parse time must sit next to it, in the DAG folder
that is synced to every scheduler, DAG processor and worker and very often
committed with the DAGs. The secret is then readable wherever the DAGs are,
cannot be rotated without redeploying files, and is read again on every
parse. Values in ` + "`environment`" + ` also end up rendered in the UI and stored with the
serialized DAG. Keep registry logins in a Docker connection (` + "`docker_conn_id`" + `) and
other secrets in Airflow connections, Variables or a secrets backend.`,
		Example: `import configparser

from airflow.providers.docker.operators.docker import DockerOperator

config = configparser.ConfigParser()
config.read("docker_config.ini")

DockerOperator(
    task_id="sync",
    image="registry.gitlab.com/acme/sync:3.2",
    docker_conn_id="gitlab_registry",
    private_environment={"GITLAB_TOKEN": config["docker"]["gitlab_token"]},
)
`,
		UseInstead: `import configparser

from airflow.providers.docker.operators.docker import DockerOperator

config = configparser.ConfigParser()
config.read("docker_config.ini")

# only non-secret settings come from the file; the registry login is the
# Airflow connection "gitlab_registry"
DockerOperator(
    task_id="sync",
    image="registry.gitlab.com/acme/sync:" + config["docker"]["tag"],
    docker_conn_id="gitlab_registry",
    environment={"LOG_LEVEL": config["app"]["log_level"]},
)
`,
		Since: "0.1.0",
		Fix:   "none (the secret has to move to a connection, Variable or secrets backend)",
	},
	Run: runSecretFromConfigFile,
}

// wholeSecretArgs are arguments whose entire value is secret when it comes
// from a file.
var wholeSecretArgs = map[string]bool{"private_environment": true, "env_file": true}

func runSecretFromConfigFile(pass *analysis.Pass) error {
	for _, op := range pass.Model.Calls {
		if !op.IsDocker() || !argsReadAFile(op) {
			continue
		}
		names := make([]string, 0, len(op.Args))
		for name := range op.Args {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			a := op.Args[name]
			for lv := range a.EachLocated {
				checkConfigValue(pass, op, name, lv.Value, lv.Loc)
			}
		}
	}
	return nil
}

// checkConfigValue reports one argument value of a Docker call: the value
// itself when it was read from a file, or its secret entries when it is a
// mapping.
func checkConfigValue(pass *analysis.Pass, op *airflow.OpCall, arg string, v airflow.Value, loc pyparse.Range) {
	switch v.Kind {
	case airflow.FileRead:
		key, secretRead := pathKey(v)
		if !wholeSecretArgs[arg] && !secrets.IsSecretName(arg) && !secretRead && !(arg == "environment" && wholeDotenv(pass, v)) {
			return // a file read that is not a secret (an image tag, a log level)
		}
		pass.Report(analysis.Diagnostic{
			Start: loc.Start, End: loc.End,
			Message: fmt.Sprintf("%s is read from a file when the DAG is parsed%s; %s",
				arg, readWhat(pass, v, key), configAdvice(arg)),
			Related: configRelated(v, loc),
		})
	case airflow.Dict:
		if !readsAFile(v) {
			return
		}
		seen := map[string]bool{}
		entries := v.Entries()
		for i := len(entries) - 1; i >= 0; i-- { // the last entry for a key wins
			e := entries[i]
			if seen[e.Key] {
				continue
			}
			seen[e.Key] = true
			if e.Value.Kind != airflow.FileRead || e.ValueExpr == nil {
				continue
			}
			key, secretRead := pathKey(e.Value)
			if arg != "private_environment" && !secrets.IsSecretName(e.Key) && !secrets.IsRegistryCredentialKey(e.Key) && !secretRead {
				continue // a configuration value, not a secret
			}
			eloc := e.ValueExpr.Span()
			pass.Report(analysis.Diagnostic{
				Start: eloc.Start, End: eloc.End,
				Message: fmt.Sprintf("%q in %s is read from a file when the DAG is parsed%s; %s",
					e.Key, arg, readWhat(pass, e.Value, key), configAdvice(e.Key)),
				Related: configRelated(e.Value, eloc),
			})
		}
	}
}

// argsReadAFile reports whether a value of some argument of op is one
// checkConfigValue may report on (see readsAFile): the others need not be
// looked at in order.
func argsReadAFile(op *airflow.OpCall) bool {
	for _, a := range op.Args {
		for lv := range a.EachLocated {
			if readsAFile(lv.Value) {
				return true
			}
		}
	}
	return false
}

// readsAFile reports whether v is read from a file, or is a mapping with
// such a value among its entries.
func readsAFile(v airflow.Value) bool {
	switch v.Kind {
	case airflow.FileRead:
		return true
	case airflow.Dict:
		for _, e := range v.Entries() {
			if e.Value.Kind == airflow.FileRead && e.ValueExpr != nil {
				return true
			}
		}
	}
	return false
}

// wholeDotenv reports whether v is a whole dotenv_values(...) mapping (not
// one key of it): a .env file is where secrets live, so all of it given as
// environment is a finding.
func wholeDotenv(pass *analysis.Pass, v airflow.Value) bool {
	c, ok := v.Expr.(*pyparse.Call)
	return ok && strings.HasSuffix(pass.Model.QualName(c.Func), "dotenv_values")
}

// pathKey returns the first secret-like key on the access path of a
// file-read value (airflow.Value.Path: `cfg["docker"]["token"]`,
// `cfg.get("db", "password")`, `settings["api"].get("key")`), if any.
func pathKey(v airflow.Value) (string, bool) {
	for _, k := range v.Path() {
		if secrets.IsSecretName(k) {
			return k, true
		}
	}
	return "", false
}

// maxReadText bounds how much of the file-reading call a message quotes.
const maxReadText = 60

// readWhat describes the read for a message: the call that reads the file
// (`config.read("docker_config.ini")`, `open(".env")`), which names a file
// and holds no secret, and the secret-like key the value was read under.
// The value's own expression is never quoted: a default such as
// `cfg.get("db", "password", fallback="...")` may be a secret itself.
func readWhat(pass *analysis.Pass, v airflow.Value, key string) string {
	var parts []string
	if v.Read() != (pyparse.Range{}) && v.Origin() == nil { // a read in another module: the related location shows it
		if t := strings.Join(strings.Fields(pass.File.Text(v.Read())), " "); t != "" && len(t) <= maxReadText {
			parts = append(parts, t)
		}
	}
	if key != "" {
		parts = append(parts, fmt.Sprintf("key %q", key))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// configAdvice says where the secret should come from instead.
func configAdvice(name string) string {
	if secrets.IsRegistryCredentialKey(name) {
		return "keep registry logins out of the DAG folder: use docker_conn_id with an Airflow Docker connection"
	}
	return "keep secrets out of files in the DAG folder: read it from an Airflow connection, Variable or secrets backend"
}

// configRelated points at the file read and, when the value came through a
// name, at its definition.
func configRelated(v airflow.Value, loc pyparse.Range) []analysis.RelatedLocation {
	if v.Origin() != nil {
		return originRelated(v.Origin(), "value read from a file here")
	}
	var out []analysis.RelatedLocation
	read := v.Read()
	if read != (pyparse.Range{}) {
		out = append(out, analysis.RelatedLocation{Start: read.Start, End: read.End, Message: "file read here"})
	}
	inDef := v.Def.Start <= read.Start && read.End <= v.Def.End // `open(...).read()` itself
	if v.Def != (pyparse.Range{}) && v.Def != loc && !inDef {
		out = append(out, analysis.RelatedLocation{Start: v.Def.Start, End: v.Def.End, Message: "value defined here"})
	}
	return out
}
