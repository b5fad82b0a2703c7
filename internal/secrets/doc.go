// Package secrets holds daglint's pure, table-driven knowledge about
// credentials: which names look secret (Words, IsSecretName,
// IsRegistryCredentialKey), which values are only placeholders
// (IsPlaceholder), which strings hold a credential in a known format
// (FindTokens, MayContainSecret), and how a secret is shown in any output
// (Redact, RedactIn): Scrub hides whatever is shaped like a secret in any
// text, and a Redactor also hides the secrets known to be in one file.
//
// Nothing here parses Python or reports findings; the DAG201, DAG204, DAG301
// and DAG302 rules, the lint driver and the command call these functions. All tables are built once at package
// initialisation and never modified.
package secrets
