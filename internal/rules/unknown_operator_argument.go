package rules

import (
	"fmt"
	"sort"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
)

// UnknownOperatorArgument reports keywords an operator does not accept.
var UnknownOperatorArgument = &analysis.Rule{
	ID:        "DAG202",
	Name:      "unknown-operator-argument",
	Severity:  analysis.Error,
	Tags:      []string{"correctness"},
	Precision: "very-high",
	Doc: analysis.Doc{
		Summary: "a keyword argument is not a parameter of the operator",
		What: `Reports a keyword written at a DockerOperator, DockerSwarmOperator,
KubernetesPodOperator or ` + "`@task.docker`" + ` call (including ` + "`partial()`" + ` and ` + "`expand()`" + `)
that is neither a parameter of the operator in any provider release for the
configured Airflow version nor a BaseOperator parameter: ` + "`auth_config`" + ` (a docker-py
` + "`pull()`" + ` argument, never an operator one), ` + "`volumes`" + ` (removed in docker provider 2.0.0),
typos such as ` + "`docker_con_id`" + `. A provider subclass of KubernetesPodOperator
(` + "`GKEStartPodOperator`" + `, ` + "`EksPodOperator`" + `, ` + "`KubernetesJobOperator`" + ` ...) and
` + "`@task.kubernetes`" + ` also accept their own parameters. Calls of an operator
subclass of the project are checked against the operator's parameters plus those
each ` + "`__init__`" + ` of its chain declares (and the names it pops from ` + "`**kwargs`" + `),
when every such ` + "`__init__`" + ` passes ` + "`**kwargs`" + ` on to its one ` + "`super().__init__(...)`" + `;
otherwise it may accept anything, and its calls are not checked. Keys of a ` + "`**mapping`" + ` the file
defines count as keywords; ` + "`default_args`" + ` are not checked (Airflow drops the
entries an operator does not accept).`,
		Why: `BaseOperator rejects arguments it does not know: Airflow 2 raises
"Invalid arguments were passed to DockerOperator" when the DAG is parsed, so the
whole DAG disappears with an import error; Airflow 3 raises a TypeError; Airflow
1.10 only warns and ignores the argument, so the setting silently does nothing.
An ignored ` + "`auth_config`" + ` means the private image is pulled without credentials.`,
		Example: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="etl",
    image="registry.gitlab.com/acme/etl:1.4.2",
    docker_con_id="gitlab_registry",
)
`,
		UseInstead: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="etl",
    image="registry.gitlab.com/acme/etl:1.4.2",
    docker_conn_id="gitlab_registry",
)
`,
		Since:   "0.1.0",
		Fix:     "safe: rename a misspelt or renamed keyword (none for auth_config, volumes or mapping keys)",
		Options: "airflow-version (picks the parameter lists and the message)",
	},
	Run: runUnknownOperatorArgument,
}

func runUnknownOperatorArgument(pass *analysis.Pass) error {
	version := airflow.Airflow2
	if pass.Settings != nil && pass.Settings.AirflowVersion != "" {
		version = pass.Settings.AirflowVersion
	}
	for _, op := range pass.Model.Calls {
		if !op.KeywordsKnown() {
			continue // a subclass's __init__ that may take keywords daglint cannot list
		}
		// An operator daglint has no parameter list for takes any keyword.
		valid := airflow.ValidKwarg(op.Kind, version)
		if version == airflow.Airflow1 && pass.Model.CoreAirflow110(op) {
			if _, known := airflow.IsValidKwargCore110(op.Kind, ""); known {
				// No backport provider: e.g. no private_environment.
				valid = func(name string) bool { ok, _ := airflow.IsValidKwargCore110(op.Kind, name); return ok }
			}
		}
		written := map[string]bool{}
		for k := range op.EachKeyword {
			written[k.Name] = true
		}
		check := func(k airflow.KeywordSite) {
			if valid(k.Name) || op.AddedParam(k.Name) {
				return
			}
			msg := fmt.Sprintf("%s has no argument %q (%s)", argumentOwner(op), k.Name, versionEffect(op, version, k.Source))
			var fix *analysis.SuggestedFix
			// A mapping key may be shared with other calls: no rename there.
			canFix := k.Source != airflow.FromMapping
			if hint, ok := airflow.Removed(op.Kind, version, k.Name); ok {
				msg += "; " + hint
				if to, ok := airflow.RenamedKwarg(op.Kind, version, k.Name); ok && !written[to] && canFix {
					fix = renameFix(k.NameRange.Start, k.NameRange.End, to)
				}
			} else if to, ok := airflow.ClosestKwargFor(op, version, k.Name); ok {
				msg += fmt.Sprintf("; did you mean %q?", to)
				if !written[to] && canFix {
					fix = renameFix(k.NameRange.Start, k.NameRange.End, to)
				}
			} else {
				msg += "; remove it"
			}
			d := analysis.Diagnostic{Start: k.NameRange.Start, End: k.NameRange.End, Message: msg}
			if fix != nil {
				d.Fixes = []analysis.SuggestedFix{*fix}
			}
			pass.Report(d)
		}
		for k := range op.EachKeyword {
			check(k)
		}
		for _, k := range mappingKeywords(op) {
			check(k)
		}
	}
	return nil
}

// mappingKeywords returns the entries of `**mapping`s at the call as
// keyword sites, in source order: Python passes them as keywords, so
// unknown ones raise like written keywords (unlike default_args, which
// Airflow filters).
func mappingKeywords(op *airflow.OpCall) []airflow.KeywordSite {
	var out []airflow.KeywordSite
	for name, a := range op.Args {
		if a.Source == airflow.FromMapping {
			out = append(out, airflow.KeywordSite{Name: name, NameRange: a.KeyRange, Value: a.Expr, Source: a.Source})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].NameRange.Start < out[j].NameRange.Start })
	return out
}

// renameFix replaces a keyword name.
func renameFix(start, end int, to string) *analysis.SuggestedFix {
	return &analysis.SuggestedFix{
		Message:       fmt.Sprintf("rename the keyword to %s", to),
		Applicability: analysis.Safe,
		Edits:         []analysis.TextEdit{{Start: start, End: end, NewText: to}},
	}
}

// versionEffect says what the Airflow version does with an unknown argument.
// Mapped operators (partial/expand) validate their keywords themselves and
// raise a TypeError on Airflow 2 as well.
func versionEffect(op *airflow.OpCall, version string, src airflow.ArgSource) string {
	class := op.Kind.String()
	switch {
	case op.Class == "@task.kubernetes":
		class = "_KubernetesDecoratedOperator"
	case op.Class != "":
		class = op.Class
	case op.Kind == airflow.TaskDocker:
		class = "_DockerDecoratedOperator"
	}
	v, _ := airflow.NormalizeVersion(version)
	switch v {
	case airflow.Airflow1:
		return "Airflow 1.10 warns and ignores it"
	case airflow.Airflow3:
		return "Airflow 3 raises a TypeError when the DAG is parsed"
	}
	if src == airflow.FromPartial || src == airflow.FromExpand {
		return fmt.Sprintf("Airflow 2 raises a TypeError from %s.%s() when the DAG is parsed", class, src)
	}
	return fmt.Sprintf("Airflow 2 raises \"Invalid arguments were passed to %s\" when the DAG is parsed", class)
}

// argumentOwner names the class whose parameters a keyword was checked
// against: a subclass (project or provider) or the operator.
func argumentOwner(op *airflow.OpCall) string {
	switch {
	case op.Class == "@task.kubernetes":
		return op.Class
	case op.IsSubclass():
		return fmt.Sprintf("%s (a %s subclass)", op.Class, op.Kind)
	case op.Class != "":
		return op.Class
	}
	return op.Kind.String()
}
