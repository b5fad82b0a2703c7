package rules

import (
	"fmt"
	"strings"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/imageref"
	"github.com/daglint/daglint/internal/lazyre"
)

// ShortLivedRegistryPassword reports a docker connection whose registry
// hands out passwords that expire within hours, written down as a literal.
var ShortLivedRegistryPassword = &analysis.Rule{
	ID:        "DAG208",
	Name:      "short-lived-registry-password",
	Severity:  analysis.Warning,
	Tags:      []string{"reliability", "registry"},
	Precision: "very-high",
	Doc: analysis.Doc{
		Summary: "a docker connection in a connections file holds a literal password for a registry whose passwords expire within hours",
		What: `Reads the connections sources (see "Connections sources": the files under
` + "`connections:`" + `, else the ` + "`airflow_settings.yaml`" + ` next to the configuration) and
reports a docker connection whose password is a literal (not empty, not a
placeholder such as ` + "`${VAR}`" + ` or ` + "`{{ var.value.x }}`" + `) while its host is

- an Amazon ECR private registry, ` + "`<account>.dkr.ecr.<region>.amazonaws.com`" + ` (also
  ` + "`.amazonaws.com.cn`" + ` and the ` + "`dkr.ecr-fips`" + ` endpoints): its passwords are
  authorization tokens valid for 12 hours (AWS, Amazon ECR API Reference,
  GetAuthorizationToken);
- Google Container Registry (` + "`gcr.io`" + `, ` + "`*.gcr.io`" + `) or Artifact Registry
  (` + "`*-docker.pkg.dev`" + `) with the login ` + "`oauth2accesstoken`" + `: the password is an
  OAuth access token (Google, Container Registry "Advanced authentication"),
  and access tokens last 3600 seconds by default (Google Cloud SDK,
  ` + "`gcloud auth print-access-token`" + `). A ` + "`_json_key`" + ` login (a service-account key)
  does not expire and is not reported here.

The finding is on the password in the connections file (the Astro
` + "`conn_password`" + `, an export's ` + "`password`" + `, or the password of an ` + "`AIRFLOW_CONN_*`" + ` URI in
` + "`.env`" + `). The same value is a DAG304 finding too when no ` + "`.gitignore`" + ` rule covers the
file: one is about expiry, the other about the secret being committed.`,
		Why: `DockerHook logs in with the connection's password on every run. A token
copied into the file works for the first hours and then every pull fails with
"authorization token has expired" or "unauthorized", long after whoever wrote
the file has moved on; this is the long-standing complaint of
apache/airflow#9707 (DockerOperator AWS ECR Login Unauthorised). The fix is a
credential that refreshes itself: a credential helper in the workers' Docker
configuration (amazon-ecr-credential-helper, ` + "`gcloud auth configure-docker`" + `), or a
secrets backend, or a task, that rewrites the connection before it expires.`,
		ExampleFile: "airflow_settings.yaml",
		Example: `airflow:
  connections:
    - conn_id: ecr_registry
      conn_type: docker
      conn_host: 123456789012.dkr.ecr.eu-west-1.amazonaws.com
      conn_login: AWS
      conn_password: eyJwYXlsb2FkIjoiZXhwaXJlcy1pbi0xMmgifQ
`,
		UseInstead: `airflow:
  connections:
    # ecr_registry is not defined here: a secrets backend serves it with a
    # fresh token, or the tasks drop docker_conn_id and the workers' Docker
    # uses amazon-ecr-credential-helper ("credsStore": "ecr-login")
    - conn_id: warehouse
      conn_type: postgres
      conn_host: db.internal
      conn_login: etl
`,
		Since: "0.2.0",
		Fix:   "none (the credential has to come from a helper or a backend that refreshes it)",
	},
	RunConnections: runShortLivedRegistryPassword,
}

// ecrHostRE matches an Amazon ECR private registry host.
var ecrHostRE = lazyre.New(`^[0-9]{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$`)

// googleAccessTokenLogin is the login that makes a GCR / Artifact Registry
// password an OAuth access token.
const googleAccessTokenLogin = "oauth2accesstoken"

func runShortLivedRegistryPassword(pass *analysis.ConnectionsPass) error {
	for _, e := range pass.File.Entries {
		c := e.Conn
		if c.Type != "docker" {
			continue
		}
		why := expiringRegistry(c)
		if why == "" {
			continue
		}
		for _, s := range e.Secrets {
			if s.Kind == analysis.SecretExtra || !literalConnSecret(s) {
				continue
			}
			pass.Report(analysis.Diagnostic{Start: s.Start, End: s.End, Message: fmt.Sprintf(
				"docker connection %q has a literal password for %s: pulls fail once it expires; use a credential helper on the workers, or a secrets backend that refreshes the connection", c.ID, why)})
		}
	}
	return nil
}

// expiringRegistry describes the registry of a docker connection when its
// passwords expire within hours, else "".
func expiringRegistry(c *analysis.Connection) string {
	host, _, _ := strings.Cut(imageref.RegistryHostPort(c.Host, 0), ":")
	switch {
	case ecrHostRE.MatchString(host):
		return fmt.Sprintf("the ECR registry %s, whose authorization tokens are valid for 12 hours", host)
	case strings.EqualFold(strings.TrimSpace(c.Login), googleAccessTokenLogin) && isGoogleRegistry(host):
		return fmt.Sprintf("%s with login %s, an access token valid for about 1 hour", host, googleAccessTokenLogin)
	}
	return ""
}

// isGoogleRegistry reports whether host is Container Registry or Artifact
// Registry's Docker endpoint.
func isGoogleRegistry(host string) bool {
	return host == "gcr.io" || strings.HasSuffix(host, ".gcr.io") || strings.HasSuffix(host, "-docker.pkg.dev")
}
