package rules

import (
	"fmt"
	"strings"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/secrets"
)

// PasswordInConnectionsFile reports literal passwords in connections files
// that git would commit.
var PasswordInConnectionsFile = &analysis.Rule{
	ID:               "DAG304",
	Name:             "password-in-connections-file",
	Severity:         analysis.Error,
	Tags:             []string{"security", "secrets"},
	SecuritySeverity: 8.0,
	Precision:        "high",
	Doc: analysis.Doc{
		Summary: "a connections file that no .gitignore rule covers holds a literal password",
		What: `Reads the connections sources (see "Connections sources": the files under
` + "`connections:`" + `, else the ` + "`airflow_settings.yaml`" + ` next to the configuration), each
once per run, and reports a literal secret in one that no ` + "`.gitignore`" + ` rule covers:

- ` + "`conn_password`" + ` in the Astro CLI's ` + "`airflow_settings.yaml`" + `, ` + "`password`" + ` in an
  ` + "`airflow connections export`" + ` (YAML or JSON);
- the password of a connection URI's user information
  (` + "`AIRFLOW_CONN_REGISTRY='docker://bot:s3cret@registry.example.com'`" + ` in ` + "`.env`" + `, or
  a URI as the value of an export's entry), and of a host written with user
  information (` + "`conn_host: https://ci:s3cret@registry.example.com`" + `);
- the value of a secret-like key (password, token, secret, api key, private
  key, client secret, ...) in a connection's extra: an Astro ` + "`conn_extra`" + `
  mapping, an export's ` + "`extra`" + ` object or JSON string, or a URI query parameter.

Placeholders are not reported (empty, shorter than 4 characters, ` + "`${VAR}`" + `,
` + "`{{ var.value.x }}`" + `, ` + "`<...>`" + `, values containing your/example/placeholder/redacted/dummy,
a value that only names a secret such as ` + "`password`" + `; see "Placeholder").

Whether a file is covered is decided as git decides it: the ` + "`.gitignore`" + ` files
from the work tree's root down to the file's folder and ` + "`.git/info/exclude`" + `
(a user's global excludes file is not read: it is not part of the project,
and a teammate may not have it); a file git already tracks is committed
whatever ` + "`.gitignore`" + ` says, so it is reported too (read from ` + "`.git/index`" + `). A file outside any git work tree is
reported, as secret scanners do: it is one ` + "`git init`" + ` or copy away from being
committed. ` + "`--no-gitignore`" + ` changes which files are walked, not this rule.
The message and every output show at most the first 4 characters and the
length of the value.`,
		Why: `These files are made to be copied between machines: ` + "`astro dev init`" + ` creates
` + "`airflow_settings.yaml`" + `, and ` + "`.env`" + ` and connection exports end up next to the DAGs. Once
committed, the password is in the repository's history for everyone who can
clone it, including forks and CI caches, and rotating it is the only fix.`,
		ExampleFile: ".env",
		Example: `AIRFLOW_CONN_GITLAB_REGISTRY='docker://deploy-bot:Zq8vR2mLx4Tn@registry.gitlab.com'
`,
		UseInstead: `# the password comes from the deployment's secrets backend; locally,
# export AIRFLOW_CONN_GITLAB_REGISTRY in the shell, or list this file in .gitignore
AIRFLOW_CONN_GITLAB_REGISTRY='docker://deploy-bot@registry.gitlab.com'
`,
		Since: "0.2.0",
		Fix:   "none (the secret has to move out of the file, or the file out of git)",
	},
	RunConnections: runPasswordInConnectionsFile,
}

func runPasswordInConnectionsFile(pass *analysis.ConnectionsPass) error {
	f := pass.File
	if f.GitIgnored {
		return nil
	}
	where := "a connections file that no .gitignore rule covers"
	switch {
	case !f.InWorkTree:
		where = "a connections file outside any git work tree (nothing keeps it from being committed)"
	case f.GitTracked:
		where = "a connections file that git tracks (a .gitignore rule covers it, but a tracked file is committed anyway)"
	}
	for _, e := range f.Entries {
		for _, s := range e.Secrets {
			if !literalConnSecret(s) {
				continue
			}
			var what string
			switch {
			case s.Kind == analysis.SecretURIPassword && s.Field == "URI user info":
				what = "a password in its URI's user information"
			case s.Kind == analysis.SecretURIPassword:
				what = fmt.Sprintf("a password in the user information of its %s", strings.TrimSuffix(s.Field, " user info"))
			case s.Kind == analysis.SecretExtra:
				what = fmt.Sprintf("a literal value for the secret-like key %q", s.Field)
			default:
				what = fmt.Sprintf("a literal %s", s.Field)
			}
			pass.Report(analysis.Diagnostic{Start: s.Start, End: s.End, Message: fmt.Sprintf(
				"connection %q has %s in %s; move the secret to a secrets backend or the environment, or list the file in .gitignore", e.Conn.ID, what, where)})
		}
	}
	return nil
}

// literalConnSecret reports whether a connection's secret value is a real
// secret: not a placeholder (RULES.md "Placeholder") and not a word that
// only names one (`password`).
func literalConnSecret(s analysis.SecretValue) bool {
	return !secrets.IsPlaceholder(s.Value) && !secrets.NamesASecret(s.Value)
}
