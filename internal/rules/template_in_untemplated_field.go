package rules

import (
	"fmt"
	"strings"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/pyparse"
)

// TemplateInUntemplatedField reports Jinja given to an operator argument
// Airflow never renders.
var TemplateInUntemplatedField = &analysis.Rule{
	ID:        "DAG206",
	Name:      "template-in-untemplated-field",
	Severity:  analysis.Error,
	Tags:      []string{"correctness"},
	Precision: "very-high",
	Doc: analysis.Doc{
		Summary: "a jinja template is given to an argument that is never rendered",
		What: `Reports a string holding Jinja (` + "`{{ ... }}`" + ` or ` + "`{% ... %}`" + `) given to an argument
of a Docker call or KubernetesPodOperator that is in no supported provider
release's ` + "`template_fields`" + `: ` + "`private_environment`" + ` values, ` + "`docker_url`" + `,
` + "`network_mode`" + `, ` + "`user`" + ` ... Values of dict and list arguments are checked one by
one. Not reported: Go templates such as ` + "`{{.Task.Slot}}`" + ` (Docker Swarm and
` + "`--format`" + ` syntax, meant for Docker itself), arguments some release templates (` + "`docker_conn_id`" + ` included),
keywords that are no parameter (DAG202's), documentation and ` + "`params`" + `
arguments, ` + "`map_index_template`" + ` (rendered on its own), and calls of a subclass
defined in the file that sets its own ` + "`template_fields`" + `.`,
		Why: `Airflow renders only the operator's template fields. Anything else is
passed on as written, so the container or the Docker daemon receives the literal
text ` + "`{{ var.value.db_password }}`" + ` instead of the value, and the task fails or, worse,
runs with a wrong setting.`,
		Example: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="load",
    image="ghcr.io/acme/loader:2.1.0",
    docker_conn_id="ghcr",
    private_environment={"RUN_DATE": "{{ ds }}"},
)
`,
		UseInstead: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="load",
    image="ghcr.io/acme/loader:2.1.0",
    docker_conn_id="ghcr",
    environment={"RUN_DATE": "{{ ds }}"},
)
`,
		Since:   "0.1.0",
		Fix:     "none",
		Options: "airflow-version (which parameters count as arguments)",
	},
	Run: runTemplateInUntemplatedField,
}

// unrenderedExempt are parameters whose Jinja-looking text is either
// documentation, rendered by other means, or passed on on purpose.
var unrenderedExempt = map[string]bool{
	"doc": true, "doc_md": true, "doc_json": true, "doc_yaml": true, "doc_rst": true,
	"params": true, "map_index_template": true, "default_args": true,
}

func runTemplateInUntemplatedField(pass *analysis.Pass) error {
	version := ""
	if pass.Settings != nil {
		version = pass.Settings.AirflowVersion
	}
	for _, op := range pass.Model.Calls {
		if op.OwnTemplateFields() {
			continue // the subclass chooses its own template fields
		}
		for name, a := range op.Args {
			if unrenderedExempt[name] || airflow.IsTemplatedInAnyVersion(op.Kind, name) ||
				!airflow.IsValidKwarg(op.Kind, version, name) {
				continue
			}
			for lv := range a.EachLocated {
				for _, t := range templatedIn(lv.Value, lv.Loc) {
					pass.Report(analysis.Diagnostic{
						Start: t.loc.Start, End: t.loc.End,
						Message: fmt.Sprintf("%q in %s is passed verbatim: %s is not a template field of %s, so %s gets the literal text; %s",
							quoteValue(t.text), name, name, op.Kind, receiver(name), untemplatedHint(name)),
						Related: related(t.val, t.loc, name),
					})
				}
			}
		}
	}
	return nil
}

// templatedValue is one Jinja string inside an argument value.
type templatedValue struct {
	text string
	loc  pyparse.Range
	val  airflow.Value
}

// templatedIn returns the Jinja strings of v: v itself, or the values of a
// dict or the elements of a list (one level deep).
func templatedIn(v airflow.Value, loc pyparse.Range) []templatedValue {
	switch v.Kind {
	case airflow.Templated:
		if goTemplateOnly(v.Str) {
			return nil
		}
		return []templatedValue{{text: v.Str, loc: loc, val: v}}
	case airflow.Dict:
		var out []templatedValue
		for _, e := range v.Entries() {
			if e.Value.Kind == airflow.Templated && e.ValueExpr != nil && !goTemplateOnly(e.Value.Str) {
				out = append(out, templatedValue{text: e.Value.Str, loc: e.ValueExpr.Span(), val: e.Value})
			}
		}
		return out
	case airflow.List:
		var out []templatedValue
		for _, el := range v.Elems() {
			if el.Kind == airflow.Templated && el.Expr != nil && !goTemplateOnly(el.Str) {
				out = append(out, templatedValue{text: el.Str, loc: el.Expr.Span(), val: el})
			}
		}
		return out
	}
	return nil
}

// receiver names who gets an argument's value.
func receiver(name string) string {
	switch {
	case name == "docker_url" || strings.HasPrefix(name, "tls_") || name == "api_version":
		return "the Docker client"
	case airflow.IsBaseOperatorParam(name) || strings.HasPrefix(name, "on_"):
		return "Airflow (not the container)"
	}
	return "the container"
}

// untemplatedHint says what to do instead.
func untemplatedHint(name string) string {
	if name == "private_environment" {
		return "use a value known when the DAG is parsed, or environment when it is not a secret"
	}
	return "use a value known when the DAG is parsed"
}

// goTemplateOnly reports whether every `{{ ... }}` in s is a Go template
// action such as `{{.Task.Slot}}` (Docker Swarm service templates, docker
// --format strings), which is meant to reach Docker verbatim.
func goTemplateOnly(s string) bool {
	if strings.Contains(s, "{%") {
		return false
	}
	found := false
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			return found
		}
		s = s[i+2:]
		j := strings.Index(s, "}}")
		if j < 0 {
			return false
		}
		action := strings.TrimSpace(strings.TrimPrefix(s[:j], "-"))
		if !strings.HasPrefix(action, ".") {
			return false
		}
		found = true
		s = s[j+2:]
	}
}
