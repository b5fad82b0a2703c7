package airflow

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/daglint/daglint/internal/suggest"
)

// airflowParamsJSON lists, per Airflow and provider release, the keyword
// parameters and template fields of the operators daglint checks. It was
// extracted from the Airflow sources (see its "sources" and "notes").
//
//go:embed data/airflow-params.json
var airflowParamsJSON []byte

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
var paramData = sync.OnceValue(generatedParamLists.tables)

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

// paramsDoc is the part of the JSON daglint reads.
type paramsDoc struct {
	BaseOperator   map[string][]string `json:"base_operator"`
	DockerOperator struct {
		V110              paramList           `json:"1.10"`
		Backport          paramList           `json:"1.10_backport_provider"`
		Provider2         paramList           `json:"provider_2"`
		Provider3         paramList           `json:"provider_3"`
		Provider4         paramList           `json:"provider_4"`
		Current           paramList           `json:"current"`
		PerRelease        map[string][]string `json:"per_provider_release"`
		PerReleaseFields  map[string][]string `json:"per_provider_release_template_fields"`
		AllVersionsUnion  []string            `json:"all_versions_union"`
		ProviderOneSeries paramList           `json:"provider_1"`
	} `json:"docker_operator"`
	DockerSwarmOperator struct {
		V110      swarmList `json:"1.10"`
		Backport  swarmList `json:"1.10_backport_provider"`
		Provider1 swarmList `json:"provider_1"`
		Provider2 swarmList `json:"provider_2"`
		Provider3 swarmList `json:"provider_3"`
		Current   swarmList `json:"current"`
		Ignored   struct {
			Params      []string `json:"params"`
			SecretsLost []string `json:"secrets_lost"`
		} `json:"ignored_inherited"`
	} `json:"docker_swarm_operator"`
	TaskDocker struct {
		Own struct {
			Current   []string            `json:"current"`
			ByVersion map[string][]string `json:"by_version"`
		} `json:"_DockerDecoratedOperator_own_params"`
		Decorated struct {
			Params []string `json:"params"`
		} `json:"DecoratedOperator_params"`
		DecoratorOnly struct {
			Explicit []string `json:"explicit"`
			Popped   []string `json:"popped_by__TaskDecorator"`
		} `json:"decorator_level_only"`
		Collisions map[string]string `json:"collisions_that_raise_TypeError_multiple_values"`
		Accepted   struct {
			Airflow3 []string `json:"airflow_3_union_with_provider_4"`
			Airflow2 []string `json:"for_airflow_2"`
		} `json:"accepted_kwargs_current"`
		TemplateFields struct {
			Early           []string `json:"2.2.0-3.5.0"`
			CurrentResolved []string `json:"current_resolved"`
		} `json:"template_fields"`
	} `json:"task_docker"`
	KubernetesPodOperator struct {
		Current    paramList `json:"current"`
		MirrorMain paramList `json:"mirror_main"`
		AllUnion   []string  `json:"all_provider_versions_union"`
		V110       paramList `json:"1.10_contrib"`
	} `json:"kubernetes_pod_operator"`
}

// paramList is one operator signature with its template fields.
type paramList struct {
	Params         []string `json:"params"`
	TemplateFields []string `json:"template_fields"`
}

// swarmList is DockerSwarmOperator's own parameters in one release series.
type swarmList struct {
	OwnParams      []string `json:"own_params"`
	TemplateFields []string `json:"template_fields"`
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

// releaseMajor returns the major number of a provider release key such as
// "3.14.1"; "main" (unreleased head) counts as newest.
func releaseMajor(release string) (int, error) {
	if release == "main" {
		return 1 << 20, nil
	}
	major, _, _ := strings.Cut(release, ".")
	n, err := strconv.Atoi(major)
	if err != nil {
		return 0, fmt.Errorf("provider release %q: %w", release, err)
	}
	return n, nil
}

// rangeMajor returns the major number of the first release of a range key
// such as "2.2.0-2.4.1" or "4.0.0-current".
func rangeMajor(key string) (int, error) {
	first, _, _ := strings.Cut(key, "-")
	return releaseMajor(first)
}

// buildParamTables decodes the JSON and derives the per-version sets. Runs
// take the tables from params_gen.go; TestGeneratedParamTables checks that
// file against what this gives and rewrites it with -update.
func buildParamTables(data []byte) (*paramTables, error) {
	var doc paramsDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("decode airflow parameters: %w", err)
	}
	for _, v := range airflowVersions {
		if len(doc.BaseOperator[v]) == 0 {
			return nil, fmt.Errorf("decode airflow parameters: no BaseOperator list for %q", v)
		}
	}
	do := doc.DockerOperator
	if len(do.PerRelease) == 0 || len(do.Current.Params) == 0 || len(doc.KubernetesPodOperator.Current.Params) == 0 {
		return nil, fmt.Errorf("decode airflow parameters: missing operator lists")
	}

	// DockerOperator's own parameters per Airflow version.
	docker := map[string]nameSet{
		Airflow1: nameSet{}.add(do.V110.Params, do.Backport.Params),
		Airflow2: nameSet{}.add(do.Provider2.Params, do.Provider3.Params, do.Provider4.Params, do.Current.Params),
		Airflow3: nameSet{}.add(do.Provider4.Params, do.Current.Params),
	}
	for release, names := range do.PerRelease {
		major, err := releaseMajor(release)
		if err != nil {
			return nil, fmt.Errorf("decode airflow parameters: %w", err)
		}
		if major >= 2 {
			docker[Airflow2].add(names)
		}
		if major >= 4 {
			docker[Airflow3].add(names)
		}
	}

	sw := doc.DockerSwarmOperator
	swarmOwn := map[string]nameSet{
		Airflow1: nameSet{}.add(sw.V110.OwnParams, sw.Backport.OwnParams),
		Airflow2: nameSet{}.add(sw.Provider2.OwnParams, sw.Provider3.OwnParams, sw.Current.OwnParams),
		Airflow3: nameSet{}.add(sw.Current.OwnParams),
	}

	td := doc.TaskDocker
	collisions := nameSet{}
	for name := range td.Collisions {
		if name != "note" {
			collisions[name] = true
		}
	}
	tdOwn := map[string]nameSet{
		Airflow2: nameSet{}.add(td.Own.Current),
		Airflow3: nameSet{}.add(td.Own.Current),
	}
	for key, names := range td.Own.ByVersion {
		major, err := rangeMajor(key)
		if err != nil {
			return nil, fmt.Errorf("decode airflow parameters: @task.docker: %w", err)
		}
		tdOwn[Airflow2].add(names)
		if major >= 4 {
			tdOwn[Airflow3].add(names)
		}
	}
	tdAccepted := map[string][]string{Airflow2: td.Accepted.Airflow2, Airflow3: td.Accepted.Airflow3}

	kpo := doc.KubernetesPodOperator
	kpoOwn := map[string]nameSet{
		Airflow1: nameSet{}.add(kpo.V110.Params, kpo.AllUnion),
		Airflow2: nameSet{}.add(kpo.AllUnion, kpo.Current.Params, kpo.MirrorMain.Params),
		Airflow3: nameSet{}.add(kpo.AllUnion, kpo.Current.Params, kpo.MirrorMain.Params),
	}

	t := &paramTables{
		valid:     map[OperatorKind]map[string]map[string]bool{},
		sorted:    map[OperatorKind]map[string][]string{},
		templated: map[OperatorKind]map[string]bool{},
	}
	for _, kind := range []OperatorKind{DockerOperator, DockerSwarmOperator, TaskDocker, KubernetesPodOperator} {
		t.valid[kind] = map[string]map[string]bool{}
		t.sorted[kind] = map[string][]string{}
	}
	for _, v := range airflowVersions {
		base := doc.BaseOperator[v]
		dockerOp := nameSet{}.add(setNames(docker[v]), base)
		t.valid[DockerOperator][v] = dockerOp
		t.valid[DockerSwarmOperator][v] = nameSet{}.add(setNames(swarmOwn[v]), setNames(dockerOp))
		t.valid[KubernetesPodOperator][v] = nameSet{}.add(setNames(kpoOwn[v]), base)

		// @task.docker: no decorator on 1.10, use the Airflow 2 set.
		tv, tbase := v, base
		if v == Airflow1 {
			tv, tbase = Airflow2, doc.BaseOperator[Airflow2]
		}
		task := nameSet{}.add(td.DecoratorOnly.Explicit, td.DecoratorOnly.Popped, td.Decorated.Params).
			add(setNames(tdOwn[tv]), setNames(docker[tv]), tbase)
		t.valid[TaskDocker][v] = task.without(collisions).add(tdAccepted[tv])
	}
	for kind, byVersion := range t.valid {
		for v, names := range byVersion {
			t.sorted[kind][v] = sortedSetNames(names)
		}
	}

	dockerFields := nameSet{}.add(do.V110.TemplateFields, do.Backport.TemplateFields, do.ProviderOneSeries.TemplateFields,
		do.Provider2.TemplateFields, do.Provider3.TemplateFields, do.Provider4.TemplateFields, do.Current.TemplateFields)
	for _, fields := range do.PerReleaseFields {
		dockerFields.add(fields)
	}
	// The data's "unverified_newer" remark: docker provider 4.6.0 templates
	// every connection id (#73286), so docker_conn_id may be templated; the
	// rule contract says DAG206 must not fire on it.
	dockerFields["docker_conn_id"] = true
	t.templated[DockerOperator] = dockerFields
	t.templated[DockerSwarmOperator] = nameSet{}.add(setNames(dockerFields), sw.V110.TemplateFields, sw.Current.TemplateFields)
	t.templated[TaskDocker] = nameSet{}.add(setNames(dockerFields), td.TemplateFields.Early, td.TemplateFields.CurrentResolved)
	t.templated[KubernetesPodOperator] = nameSet{}.add(kpo.Current.TemplateFields, kpo.MirrorMain.TemplateFields, kpo.V110.TemplateFields)
	t.base = nameSet{}
	for _, v := range airflowVersions {
		t.base.add(doc.BaseOperator[v])
	}
	base110 := doc.BaseOperator[Airflow1]
	t.core110 = map[OperatorKind]nameSet{
		DockerOperator:      nameSet{}.add(do.V110.Params, base110),
		DockerSwarmOperator: nameSet{}.add(sw.V110.OwnParams, do.V110.Params, base110),
	}
	t.decoratedParams = setNames(nameSet{}.add(td.Decorated.Params, td.DecoratorOnly.Explicit, td.DecoratorOnly.Popped))
	t.swarmIgnored = nameSet{}.add(sw.Ignored.Params)
	t.swarmSecretsLost = nameSet{}.add(sw.Ignored.SecretsLost)
	if len(t.swarmIgnored) == 0 {
		return nil, fmt.Errorf("decode airflow parameters: no DockerSwarmOperator ignored_inherited list")
	}
	for n := range t.swarmSecretsLost {
		if !t.swarmIgnored[n] {
			return nil, fmt.Errorf("decode airflow parameters: secrets_lost name %q is not in ignored_inherited", n)
		}
	}
	return t, nil
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
