package airflow

import (
	_ "embed"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/daglint/daglint/internal/suggest"
)

// OperatorKind names an operator whose arguments daglint checks.
type OperatorKind int

// The operator kinds. The zero value is UnknownOperator.
const (
	// UnknownOperator is not an operator daglint knows.
	UnknownOperator OperatorKind = iota
	// DockerOperator is the docker provider's DockerOperator (or Airflow
	// 1.10's airflow.operators.docker_operator.DockerOperator).
	DockerOperator
	// DockerSwarmOperator is the docker provider's DockerSwarmOperator.
	DockerSwarmOperator
	// TaskDocker is the @task.docker decorator.
	TaskDocker
	// KubernetesPodOperator is the cncf.kubernetes provider's
	// KubernetesPodOperator (or Airflow 1.10's contrib one).
	KubernetesPodOperator
)

// String returns the name users write: "DockerOperator", "@task.docker", ...
func (k OperatorKind) String() string {
	switch k {
	case DockerOperator:
		return "DockerOperator"
	case DockerSwarmOperator:
		return "DockerSwarmOperator"
	case TaskDocker:
		return "@task.docker"
	case KubernetesPodOperator:
		return "KubernetesPodOperator"
	default:
		return "UnknownOperator(" + strconv.Itoa(int(k)) + ")"
	}
}

// The Airflow versions daglint distinguishes (the airflow-version setting).
const (
	// Airflow1 is Airflow 1.10 (unknown arguments only warn).
	Airflow1 = "1.10"
	// Airflow2 is Airflow 2.x (unknown arguments raise AirflowException).
	Airflow2 = "2"
	// Airflow3 is Airflow 3.x (unknown arguments raise TypeError).
	Airflow3 = "3"
)

// airflowVersions lists the supported versions in order.
var airflowVersions = []string{Airflow1, Airflow2, Airflow3}

// NormalizeVersion maps an Airflow version as users write it ("2", "2.9",
// "2.11.0", "3.0.2", "1.10.15") to "1.10", "2" or "3"; ok is false for any
// other value, including parts that are not numbers ("2.x", "3."). The
// configuration's airflow-version and every rule read versions through it.
func NormalizeVersion(v string) (string, bool) {
	switch v {
	case Airflow1, Airflow2, Airflow3:
		return v, true // already normal: the configuration's value, which rules pass for every argument
	}
	// The dot-separated parts are read in place: rules ask for every
	// argument of every call.
	var first, second string
	n := 0
	for rest, more := strings.TrimSpace(v), true; more; n++ {
		var p string
		p, rest, more = strings.Cut(rest, ".")
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return "", false
		}
		switch n {
		case 0:
			first = p
		case 1:
			second = p
		}
	}
	switch {
	case first == "1" && n >= 2 && second == "10":
		return Airflow1, true
	case first == Airflow2, first == Airflow3:
		return first, true
	}
	return "", false
}

// How the keyword sets are chosen (completeness first: reporting a valid
// argument as unknown is worse than missing an invalid one). A name is valid
// for an Airflow major version when it is accepted by ANY provider release
// usable with that version, plus that version's BaseOperator:
//
//   - "1.10": Airflow 1.10's own DockerOperator / DockerSwarmOperator /
//     contrib KubernetesPodOperator, plus the backport providers (docker:
//     private_environment, privileged, cap_add, extra_hosts; cncf.kubernetes:
//     the data has no backport list, so every provider release's KPO
//     parameters count). @task.docker does not exist on 1.10; it gets the
//     Airflow 2 set so that DAG202 says nothing wrong about it.
//   - "2": docker provider releases 2.0.0 and later (4.x still supports
//     Airflow 2). Provider 1.x (Airflow 2.0 only, 2020-21) is left out on
//     purpose, by the rule contract: "volumes" is DAG202 on Airflow 2+.
//     So skip_exit_code (3.5-3.14) and use_dill (@task.docker, 2.2-3.14)
//     are valid here.
//   - "3": docker provider 4.x (the releases that support Airflow 3); the
//     BaseOperator list includes the parameters added after 3.0.
//   - DockerSwarmOperator adds its own parameters to DockerOperator's of the
//     same releases; @task.docker adds the decorator's and DecoratedOperator's
//     and drops the names the decorator passes itself (command,
//     retrieve_output, retrieve_output_path, op_args, op_kwargs), which
//     raise "got multiple values" when given.
//   - An unknown version gets the union of all versions.
//
// Template fields are the union over every release of every version: a
// field templated in any supported release is not reported by DAG206.

// paramTables is the data derived from the embedded JSON.
type paramTables struct {
	// valid maps kind and version to the accepted keyword names.
	valid map[OperatorKind]map[string]map[string]bool
	// sorted holds the same names sorted, for deterministic suggestions.
	sorted map[OperatorKind]map[string][]string
	// templated maps kind to its template fields in any release.
	templated map[OperatorKind]map[string]bool
	// swarmIgnored holds the DockerOperator parameters DockerSwarmOperator
	// accepts but never uses; swarmSecretsLost the ones that carry
	// variables (usually secrets) the service never gets.
	swarmIgnored, swarmSecretsLost nameSet
	// core110 holds, per kind, what Airflow 1.10's own operator (imported
	// from airflow.operators / airflow.contrib, not from the backport
	// provider) accepts.
	core110 map[OperatorKind]nameSet
	// base holds BaseOperator's parameters in any Airflow version.
	base nameSet
	// decoratedParams are DecoratedOperator's parameters and those every
	// @task.* decorator takes itself (python_callable, multiple_outputs ...).
	decoratedParams []string
}

// paramData returns the tables, built once from generatedParamLists: what
// buildParamTables derives from the embedded JSON, written out as Go
// (params_gen.go, which a test checks against the JSON). Decoding the JSON
// (128 kB) cost each run about 2 ms and half a megabyte of heap.
var paramData = sync.OnceValue(func() *paramTables { return generatedParamLists().tables() })

// paramLists is paramTables with each set as its sorted names: the form
// params_gen.go gives the tables in.
type paramLists struct {
	valid                          map[OperatorKind]map[string][]string // the sorted names of paramTables.valid
	templated, core110             map[OperatorKind][]string
	swarmIgnored, swarmSecretsLost []string
	base, decoratedParams          []string
}

// tables makes the sets of the lists.
func (l paramLists) tables() *paramTables {
	set := func(names []string) nameSet { return make(nameSet, len(names)).add(names) }
	t := &paramTables{
		valid:            make(map[OperatorKind]map[string]map[string]bool, len(l.valid)),
		sorted:           l.valid,
		templated:        setsByKind[map[string]bool](l.templated),
		core110:          setsByKind[nameSet](l.core110),
		swarmIgnored:     set(l.swarmIgnored),
		swarmSecretsLost: set(l.swarmSecretsLost),
		base:             set(l.base),
		decoratedParams:  l.decoratedParams,
	}
	for kind, byVersion := range l.valid {
		t.valid[kind] = make(map[string]map[string]bool, len(byVersion))
		for v, names := range byVersion {
			t.valid[kind][v] = set(names)
		}
	}
	return t
}

// setsByKind makes the set of each kind's names.
func setsByKind[S ~map[string]bool](lists map[OperatorKind][]string) map[OperatorKind]S {
	out := make(map[OperatorKind]S, len(lists))
	for kind, names := range lists {
		out[kind] = S(make(nameSet, len(names)).add(names))
	}
	return out
}

// nameSet is a set of names under construction.
type nameSet map[string]bool

// add puts every name of every list into s.
func (s nameSet) add(lists ...[]string) nameSet {
	for _, l := range lists {
		for _, n := range l {
			s[n] = true
		}
	}
	return s
}

// without returns a copy of s minus the given names.
func (s nameSet) without(names nameSet) nameSet {
	out := make(nameSet, len(s))
	for n := range s {
		if !names[n] {
			out[n] = true
		}
	}
	return out
}

// SwarmIgnored reports whether DockerSwarmOperator accepts the parameter
// name (inherited from DockerOperator) but never uses it in the service it
// creates, and whether what it drops are container variables (which usually
// carry secrets). Verified in the provider source: see the data's
// docker_swarm_operator.ignored_inherited.
func SwarmIgnored(name string) (ignored, secretsLost bool) {
	t := paramData()
	return t.swarmIgnored[name], t.swarmSecretsLost[name]
}

// setNames returns the names of a nameSet (any order).
func setNames(s nameSet) []string {
	out := make([]string, 0, len(s))
	for n := range s {
		out = append(out, n)
	}
	return out
}

// sortedSetNames returns the names of a nameSet in order.
func sortedSetNames(s nameSet) []string {
	out := setNames(s)
	slices.Sort(out)
	return out
}

// validSet returns the shared (read-only) nameSet for kind and version; an
// unknown version gets the union of all versions. ok is false for an
// unknown kind.
func validSet(kind OperatorKind, version string) (map[string]bool, bool) {
	byVersion, ok := paramData().valid[kind]
	if !ok {
		return nil, false
	}
	if v, known := NormalizeVersion(version); known {
		return byVersion[v], true
	}
	return validUnion()[kind], true
}

// validUnion holds, per kind, the names valid on any version (what
// validSet gives for an unknown version), built once.
var validUnion = sync.OnceValue(func() map[OperatorKind]map[string]bool {
	out := map[OperatorKind]map[string]bool{}
	for kind, byVersion := range paramData().valid {
		size := 0 // the largest version's: the union seldom adds many
		for _, names := range byVersion {
			size = max(size, len(names))
		}
		union := make(map[string]bool, size)
		for _, names := range byVersion {
			for n := range names {
				union[n] = true
			}
		}
		out[kind] = union
	}
	return out
})

// ValidKwargs returns the keyword names kind accepts on the Airflow version
// ("1.10", "2" or "3"; see NormalizeVersion): the operator's parameters in
// any provider release usable with that version plus BaseOperator's. An
// unknown version gets the names valid on any version; an unknown kind
// gets nil. The map is the caller's own copy.
func ValidKwargs(kind OperatorKind, version string) map[string]bool {
	names, ok := validSet(kind, version)
	return copyOf(names, ok)
}

// IsBaseOperatorParam reports whether name is a parameter of BaseOperator in
// some Airflow version (task_id, retries, pool, on_failure_callback...):
// Airflow itself, not the operator's container, uses its value.
func IsBaseOperatorParam(name string) bool { return paramData().base[name] }

// ValidKwargsCore110 returns the keywords Airflow 1.10's own operator of
// kind accepts (airflow.operators.docker_operator and the contrib Swarm
// operator, without what only the backport provider added, such as
// private_environment), or nil when daglint has no such list.
func ValidKwargsCore110(kind OperatorKind) map[string]bool {
	names, ok := paramData().core110[kind]
	return copyOf(names, ok)
}

// ValidKwarg returns IsValidKwarg for kind and version as a function of the
// name, looking the parameter list up once: a rule asks it for every
// keyword of a call without copying the list (ValidKwargs) for each call.
func ValidKwarg(kind OperatorKind, version string) func(name string) bool {
	names, ok := validSet(kind, version)
	return func(name string) bool { return !ok || names[name] }
}

// IsValidKwargCore110 is IsValidKwarg for the keywords of ValidKwargsCore110,
// without copying them; known is false when daglint has no such list.
func IsValidKwargCore110(kind OperatorKind, name string) (valid, known bool) {
	names, ok := paramData().core110[kind]
	return names[name], ok
}

// IsValidKwarg reports whether kind accepts name on the Airflow version. It
// is true for an unknown kind: daglint never reports what it cannot check.
func IsValidKwarg(kind OperatorKind, version, name string) bool {
	names, ok := validSet(kind, version)
	return !ok || names[name]
}

// TemplateFields returns the fields of kind that are templated in at least
// one supported provider release (Airflow renders Jinja in them). The map is
// the caller's own copy; an unknown kind gets nil.
func TemplateFields(kind OperatorKind) map[string]bool {
	fields, ok := paramData().templated[kind]
	return copyOf(fields, ok)
}

// copyOf returns the caller's own copy of a name set, or nil when !ok.
func copyOf(names map[string]bool, ok bool) map[string]bool {
	if !ok {
		return nil
	}
	out := make(map[string]bool, len(names))
	for n := range names {
		out[n] = true
	}
	return out
}

// IsTemplatedInAnyVersion reports whether name is a template field of kind
// in at least one supported release. It is true for an unknown kind.
func IsTemplatedInAnyVersion(kind OperatorKind, name string) bool {
	fields, ok := paramData().templated[kind]
	return !ok || fields[name]
}

// removedParam describes a well-known name that is not (or no longer) a
// parameter: when it applies and what to do instead.
type removedParam struct {
	name     string
	kinds    []OperatorKind // nil: every kind
	versions []string       // nil: every version
	hint     string
	rename   string // a drop-in replacement keyword, "" when none
}

// dockerKinds are the operators built on DockerOperator.
var dockerKinds = []OperatorKind{DockerOperator, DockerSwarmOperator, TaskDocker}

// removedParams are the facts behind Removed (each checked against the
// embedded data by the tests: the name is absent from the sets it applies
// to, and present in an older release where the hint says so).
var removedParams = []removedParam{
	{name: "auth_config", kinds: dockerKinds,
		hint: "auth_config is not a DockerOperator parameter (it is an argument of docker-py's pull()); " +
			"store the registry credentials in a Docker connection and pass its id as docker_conn_id"},
	{name: "volumes", kinds: dockerKinds, versions: []string{Airflow2, Airflow3},
		hint: "volumes was removed in docker provider 2.0.0; use mounts with docker.types.Mount entries"},
	{name: "skip_exit_code", kinds: dockerKinds, versions: []string{Airflow3},
		hint: "skip_exit_code was removed in docker provider 4.0.0; use skip_on_exit_code", rename: "skip_on_exit_code"},
	{name: "use_dill", kinds: []OperatorKind{TaskDocker}, versions: []string{Airflow3},
		hint: `use_dill was removed in docker provider 4.0.0; use serializer="dill"`},
	{name: "xcom_push", versions: []string{Airflow2, Airflow3},
		hint: "xcom_push was an Airflow 1.10 argument; use do_xcom_push", rename: "do_xcom_push"},
	{name: "task_concurrency", versions: []string{Airflow3},
		hint: "task_concurrency was removed in Airflow 3.0; use max_active_tis_per_dag", rename: "max_active_tis_per_dag"},
	{name: "schedule_interval", versions: []string{Airflow2, Airflow3},
		hint: "schedule_interval is not a task argument since Airflow 2.0; nameSet the schedule on the DAG"},
}

// lookupRemoved finds the entry for name that applies to kind and version,
// only when name is not valid there.
func lookupRemoved(kind OperatorKind, version, name string) (removedParam, bool) {
	v, known := NormalizeVersion(version)
	if !known || IsValidKwarg(kind, v, name) {
		return removedParam{}, false
	}
	for _, r := range removedParams {
		if r.name != name {
			continue
		}
		if r.kinds != nil && !slices.Contains(r.kinds, kind) {
			continue
		}
		if r.versions != nil && !slices.Contains(r.versions, v) {
			continue
		}
		return r, true
	}
	return removedParam{}, false
}

// Removed returns a hint for a well-known keyword that kind does not accept
// on the Airflow version: a parameter removed in an earlier release
// (volumes, skip_exit_code, task_concurrency, use_dill, xcom_push,
// schedule_interval) or one that never existed but is often tried
// (auth_config). The hint is lowercase without a final period and says what
// to use instead. ok is false when name is valid there or not a known case.
func Removed(kind OperatorKind, version, name string) (hint string, ok bool) {
	r, ok := lookupRemoved(kind, version, name)
	if !ok {
		return "", false
	}
	return r.hint, true
}

// RenamedKwarg returns the keyword that replaces a removed one with the same
// meaning (skip_exit_code -> skip_on_exit_code, task_concurrency ->
// max_active_tis_per_dag, xcom_push -> do_xcom_push), for a fix that renames
// the keyword. ok is false when there is no such drop-in replacement.
func RenamedKwarg(kind OperatorKind, version, name string) (string, bool) {
	r, ok := lookupRemoved(kind, version, name)
	if !ok || r.rename == "" || !IsValidKwarg(kind, version, r.rename) {
		return "", false
	}
	return r.rename, true
}

// maxSuggestLen bounds the names ClosestKwarg compares, so the quadratic
// edit distance (suggest.Distance) stays cheap on hostile input.
const maxSuggestLen = 64

// ClosestKwarg returns the valid keyword of kind on the Airflow version that
// name is most likely a typo of: one that differs only in case, '_' or '-',
// else the nearest within an edit distance (insertions, deletions,
// substitutions, adjacent transpositions) of 1 for names up to 5 characters
// and 2 for longer ones. Ties go to the alphabetically first. ok is false
// when name is already valid or nothing is close enough.
func ClosestKwarg(kind OperatorKind, version, name string) (string, bool) {
	if name == "" || len(name) > maxSuggestLen || IsValidKwarg(kind, version, name) {
		return "", false
	}
	byVersion, ok := paramData().sorted[kind]
	if !ok {
		return "", false
	}
	var candidates []string
	if v, known := NormalizeVersion(version); known {
		candidates = byVersion[v]
	} else {
		candidates = sortedSetNames(nameSet(ValidKwargs(kind, version)))
	}
	return closestAmong(name, candidates)
}

// ClosestKwargFor is ClosestKwarg for a call whose class adds parameters to
// its operator's (a subclass, @task.kubernetes): those count as candidates.
func ClosestKwargFor(op *OpCall, version, name string) (string, bool) {
	if len(op.extra) == 0 {
		return ClosestKwarg(op.Kind, version, name)
	}
	if name == "" || len(name) > maxSuggestLen || op.extra[name] || IsValidKwarg(op.Kind, version, name) {
		return "", false
	}
	names, ok := validSet(op.Kind, version)
	if !ok {
		return "", false
	}
	return closestAmong(name, sortedSetNames(nameSet{}.add(setNames(names), setNames(op.extra))))
}

// closestAmong returns the candidate (sorted) name is most likely a typo of.
func closestAmong(name string, candidates []string) (string, bool) {
	folded := foldName(name)
	for _, c := range candidates {
		if foldName(c) == folded {
			return c, true
		}
	}
	limit := 1
	if len(name) > 5 {
		limit = 2
	}
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if d := suggest.Distance(name, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best, best != ""
}

// foldName lowercases a name and drops '_' and '-'.
func foldName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r != '_' && r != '-' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
