package airflow

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// The decoder of data/airflow-params.json, the source of truth of the
// parameter tables. Runs take the tables from params_gen.go, which
// TestGeneratedParamTables checks against what this decoder derives (and
// rewrites with -update); only tests need the JSON itself.

// airflowParamsJSON lists, per Airflow and provider release, the keyword
// parameters and template fields of the operators daglint checks. It was
// extracted from the Airflow sources (see its "sources" and "notes").
//
//go:embed data/airflow-params.json
var airflowParamsJSON []byte

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
