package rules

import (
	"strings"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/lazyre"
	"github.com/daglint/daglint/internal/pyparse"
	"github.com/daglint/daglint/internal/secrets"
)

// HardcodedPassword reports string literals assigned to secret-named
// targets.
var HardcodedPassword = &analysis.Rule{
	ID:               "DAG302",
	Name:             "hardcoded-password",
	Severity:         analysis.Warning,
	Tags:             []string{"security", "secrets"},
	SecuritySeverity: 7.0,
	Precision:        "high",
	Secret:           true,
	Doc: analysis.Doc{
		Summary: "a string literal is assigned to a secret-named variable, attribute, key or argument",
		What: `Reports a string literal that is not a placeholder and is given to a
secret-like name (one ending in password, passwd, pwd, pass, secret, token,
credentials, api key, access key, secret key, private key, client secret ...):

- an assignment ` + "`DB_PASSWORD = \"...\"`" + `, ` + "`self.token = \"...\"`" + `, ` + "`os.environ[\"DB_PASSWORD\"] = \"...\"`" + `,
  an annotated assignment, a walrus, or one element of ` + "`user, password = \"a\", \"...\"`" + `;
- a dict literal entry ` + "`{\"password\": \"...\"}`" + ` anywhere, including ` + "`auth_config={...}`" + `;
- a keyword argument ` + "`password=\"...\"`" + ` of any call, including ` + "`dict(password=...)`" + `;
- a parameter default ` + "`def connect(password=\"...\")`" + `: a default is a value the
  code uses whenever the caller passes none, so it is as hard-coded as an
  assignment.

Not reported: placeholders (empty or shorter than 4 characters, one character
repeated, ` + "`<...>`, `${...}`, `{...}`, `%(...)s`" + `, Jinja, environment-variable names such as
` + "`\"DB_PASSWORD\"`" + `, values containing your/example/placeholder/redacted/dummy, a run of 8 or
more consecutive letters of the alphabet after an optional short prefix
(` + "`\"sk-abcdefghijklmnop\"`" + `, a made-up test value), URLs without a password);
f-strings with replacement fields and other computed values;
comparisons such as ` + "`if password == \"...\"`" + ` and ` + "`.get(\"password\", \"...\")`" + ` defaults,
which assign nothing; augmented assignments. To stay quiet on real DAGs it
also skips values that are references rather than secrets: names of
letter-only words that are themselves secret-like (` + "`\"db_password\"`, `\"gitlab-token\"`" + `:
Variable keys, connection ids, Kubernetes Secret names); absolute, ` + "`~/`" + ` or ` + "`./`" + `
paths, lowercase resource paths (` + "`\"secret/data/etl\"`" + `) and file names with a key or
config extension (` + "`private_key=\"/home/airflow/.ssh/id_rsa\"`" + `); prose of three or more
words (` + "`INVALID_TOKEN = \"the token has expired\"`" + `); the stand-ins none, null, nil,
true, false, undefined, unset, todo, tbd and fixme; and the keywords of a
Kubernetes ` + "`Secret(...)`" + `, whose ` + "`secret=`" + ` names a Kubernetes Secret. The bare name
` + "`key`" + ` is not a target here, since in Airflow code it is nearly always an XCom key,
an S3 object key or a toleration key. Bytes literals count like strings. A
literal DAG301 reports (a known token format, a URL with a password) is left
to DAG301. The message shows at most a quarter of the value, up to four
characters, and its length.`,
		Why: `A password in a DAG file is readable by everyone with access to the
repository, its history and the Airflow deployment, and it cannot be rotated
without a code change. ` + "`changeme`" + ` and ` + "`password123`" + ` are worse, not better: they are the
first values anyone tries.`,
		Example: `from airflow.models import Connection

warehouse = Connection(
    conn_id="warehouse",
    conn_type="postgres",
    host="db.internal",
    login="etl",
    password="s3cr3t-hunter2",
)
`,
		UseInstead: `from airflow.hooks.base import BaseHook

# the password lives in the Airflow connection (or a secrets backend)
warehouse = BaseHook.get_connection("warehouse")
`,
		Since: "0.1.0",
		Fix:   "none (the secret has to move to a connection, Variable or secrets backend)",
	},
	Run:       runHardcodedPassword,
	YieldsTo:  yieldToHardcodedToken,
	Prefilter: mayHardcodePassword,
}

func runHardcodedPassword(pass *analysis.Pass) error {
	check := func(name string, value pyparse.Expr) {
		s, ok := value.(*pyparse.Str)
		if !ok || !secretTarget(name) {
			return
		}
		v, ok := s.Value()
		if !ok || !hardcodedSecret(v) {
			return // f-string with fields: computed, not written down
		}
		if pass.Claimed(s.Range) {
			return // DAG301's literal (precedence.go)
		}
		pass.Reportf(s.Range, "%q is set to a hard-coded secret (%s); read it from an Airflow connection, Variable or secrets backend instead",
			name, secrets.Redact(v))
	}
	refs := pass.Model.KubernetesSecretRefs()
	checkVar := func(name string, value pyparse.Expr) {
		if refs[name] {
			return // the name of a key in a Kubernetes Secret, not its value
		}
		check(name, value)
	}
	for _, n := range pass.File.Index().Outline {
		switch x := n.(type) {
		case *pyparse.Assign:
			if x.Op != "=" || x.Value == nil {
				continue // `token += "..."` changes a value set elsewhere
			}
			checkAssign(x.Targets, x.Value, checkVar)
		case *pyparse.NamedExpr:
			if x.Target != nil {
				check(x.Target.ID, x.Value)
			}
		case *pyparse.Dict:
			for _, it := range x.Items {
				if k, ok := it.Key.(*pyparse.Str); ok {
					if key, ok := k.Value(); ok {
						check(key, it.Value)
					}
				}
			}
		case *pyparse.Call:
			if pass.Model.IsKubernetesSecret(x) {
				continue // Secret(secret="airflow-secrets", key=...) names a Kubernetes Secret
			}
			for _, kw := range x.Keywords {
				if kw.Name != "" {
					check(kw.Name, kw.Value)
				}
			}
		case *pyparse.Param:
			if x.Star == 0 && x.Default != nil {
				check(x.Name, x.Default)
			}
		}
	}
	return nil
}

// checkAssign checks each target of `a = b = value` (the first secret-named
// one wins: one literal, one finding) and the elements of a tuple
// assignment `user, password = "u", "p"`.
func checkAssign(targets []pyparse.Expr, value pyparse.Expr, check func(string, pyparse.Expr)) {
	switch value.(type) {
	case *pyparse.Str, *pyparse.Seq:
	default:
		return // only a literal, or a tuple of them, can be a hard-coded secret
	}
	for _, t := range targets {
		if name := targetName(t); secretTarget(name) {
			check(name, value)
			return
		}
	}
	vs, ok := value.(*pyparse.Seq)
	if !ok {
		return
	}
	for _, t := range targets {
		ts, ok := t.(*pyparse.Seq)
		if !ok || len(ts.Elts) != len(vs.Elts) {
			continue
		}
		for i, el := range ts.Elts {
			check(targetName(el), vs.Elts[i])
		}
	}
}

// targetName returns the name an assignment target binds: a variable, an
// attribute's name, or the constant string key of a subscript
// (`os.environ["DB_PASSWORD"]`); "" for anything else.
func targetName(t pyparse.Expr) string {
	switch x := t.(type) {
	case *pyparse.Name:
		return x.ID
	case *pyparse.Attribute:
		return x.Attr
	case *pyparse.Subscript:
		if s, ok := x.Index.(*pyparse.Str); ok {
			if v, ok := s.Value(); ok {
				return v
			}
		}
	}
	return ""
}

// secretTarget reports whether a value given to name is a secret for DAG302:
// a secret-like name other than the bare `key` (or `key1`, `key_2`: the
// numbered keys of key/value examples).
func secretTarget(name string) bool {
	if name == "" || !secrets.IsSecretName(name) {
		return false
	}
	w := secrets.Words(name)
	for len(w) > 1 && strings.Trim(w[len(w)-1], "0123456789") == "" {
		w = w[:len(w)-1] // key_2 is key
	}
	return !(len(w) == 1 && strings.TrimRight(w[0], "0123456789") == "key")
}

// standIns are values that say "no value" rather than being one.
var standIns = map[string]bool{
	"none": true, "null": true, "nil": true, "true": true, "false": true,
	"undefined": true, "unset": true, "todo": true, "tbd": true, "fixme": true,
}

// nameRefRE matches a value that is a name made of several words of
// letters, such as a Variable key, connection id or Kubernetes Secret name
// (`db_password`, `gitlab-token`).
var nameRefRE = lazyre.New(`^[A-Za-z]+(?:[_.-][A-Za-z]+)+$`)

// pathRE matches absolute, home- or dot-relative paths without white space.
var pathRE = lazyre.New(`^(?:/|~/|\./|\.\./)[^\s]*$`)

// resourcePathRE matches a relative path of lowercase segments, such as a
// Vault or Secrets Manager path (`secret/data/etl`, `prod/db/password`).
// Generated secrets mix cases, so they rarely look like this.
var resourcePathRE = lazyre.New(`^[a-z0-9_.-]+(?:/[a-z0-9_.-]+)+/?$`)

// keyFileRE matches a plain file name with a key, certificate or
// configuration extension.
var keyFileRE = lazyre.New(`(?i)^[\w.-]+\.(?:json|pem|key|p12|pfx|crt|cer|der|txt|ya?ml|ini|cfg|conf|env|toml)$`)

// hardcodedSecret reports whether a literal value given to a secret-like
// name is a real secret rather than a placeholder, a reference or prose.
func hardcodedSecret(v string) bool {
	t := strings.TrimSpace(v)
	switch {
	case secrets.IsPlaceholder(t),
		standIns[strings.ToLower(t)],
		nameRefRE.MatchString(t) && secrets.IsSecretName(t),
		pathRE.MatchString(t),
		resourcePathRE.MatchString(t),
		keyFileRE.MatchString(t),
		len(strings.Fields(t)) >= 3:
		return false
	}
	return true
}
