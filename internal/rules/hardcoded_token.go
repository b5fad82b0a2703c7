package rules

import (
	"fmt"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/secrets"
)

// HardcodedToken reports string literals and comments that hold a
// credential in a known format.
var HardcodedToken = &analysis.Rule{
	ID:               "DAG301",
	Name:             "hardcoded-token",
	Severity:         analysis.Error,
	Tags:             []string{"security", "secrets"},
	SecuritySeverity: 8.5,
	Precision:        "very-high",
	Secret:           true,
	Doc: analysis.Doc{
		Summary: "a string literal or comment holds a credential in a known format",
		What: `Reports any string literal (anywhere in the file, not only in Docker calls) or
comment that holds a credential in a format that identifies it: GitLab tokens
(` + "`glpat-`, `gldt-`, `glrt-`, `glcbt-`, `glptt-`, `gloas-`" + ` and the other documented
prefixes, runner registration tokens), GitHub tokens (` + "`ghp_`, `gho_`, `ghu_`, `ghs_`,\n`ghr_`, `github_pat_`" + `), Docker Hub ` + "`dckr_pat_`" + ` tokens, AWS access key IDs, Google API
keys, Slack tokens, ` + "`hooks.slack.com`" + ` webhook URLs and their ` + "`/T…/B…/…`" + ` paths, PEM private key blocks, and
` + "`scheme://user:password@host`" + ` URLs whose password is not a placeholder.

Bytes literals and docstrings count as string literals. For an f-string only
the literal text is checked; for an implicit concatenation (` + "`\"glpat-\" \"...\"`" + `) the joined text is checked too. A literal holding
several credentials gives one finding that names the first and counts the
rest. Values that are obviously fake (` + "`xxxx…`" + ` runs, ` + "`EXAMPLE`" + `, ` + "`your`" + `,
` + "`placeholder`" + `) and URLs whose password is empty, ` + "`${VAR}`" + `-style or a stand-in word
such as ` + "`password`" + ` are not reported. The message shows at most the first four
characters and the length of the secret.`,
		Why: `DAG files live in version control and are copied to every scheduler and
worker; a token written in one is readable by everyone with access to the
repository, its history, its forks and the Airflow deployment, and stays
there after it is deleted from the latest version. Registry tokens in
particular grant pull (often push) access to private images. Revoke the
credential, then keep it in an Airflow connection (` + "`docker_conn_id`" + ` for registry
logins) or a secrets backend.`,
		Example: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="etl",
    image="registry.gitlab.com/acme/etl:1.4.2",
    private_environment={"CI_REGISTRY_PASSWORD": "glpat-Xq7Rk2LmN9vBt4WcZp3d"},
)
`,
		UseInstead: `from airflow.providers.docker.operators.docker import DockerOperator

# the registry login lives in the Airflow connection "gitlab_registry"
DockerOperator(
    task_id="etl",
    image="registry.gitlab.com/acme/etl:1.4.2",
    docker_conn_id="gitlab_registry",
)
`,
		Since: "0.1.0",
		Fix:   "none (the credential must be revoked, not only removed)",
	},
	Run:       runHardcodedToken,
	Prefilter: mayHideToken,
}

func runHardcodedToken(pass *analysis.Pass) error {
	// The literals fact covers the string literals inside f-string fields too.
	lits := literalsFact.Of(pass)
	for _, st := range lits.strs {
		pass.Reportf(st.str.Range, "string holds %s; %s", describeTokens(st.hits), tokenAdvice(st.hits, false))
	}
	for i, hits := range lits.comments {
		if len(hits) > 0 {
			c := pass.File.Comments[i]
			pass.Reportf(c.Range, "comment holds %s; %s", describeTokens(hits), tokenAdvice(hits, true))
		}
	}
	return nil
}

// tokenAdvice says what to do about the credentials found in a string
// literal (inComment false) or a comment: revoke them (change a URL
// password, replace a key), then move them out of the file.
func tokenAdvice(hits []tokenHit, inComment bool) string {
	verb, it := "revoke it", "it"
	switch {
	case len(hits) > 1:
		verb, it = "revoke them", "them"
	case hits[0].Kind == secrets.KindURLPassword:
		verb = "change the password"
	case hits[0].Kind == secrets.KindPrivateKey:
		verb = "replace the key"
	}
	if inComment {
		return fmt.Sprintf("%s and delete %s from the comment", verb, it)
	}
	return fmt.Sprintf("%s and read %s from an Airflow connection or secrets backend", verb, it)
}
