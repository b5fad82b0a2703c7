package airflow

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// The decoder of data/kpo-family.json, the source of truth of the
// KubernetesPodOperator family tables. Runs take the tables from
// kpo_gen.go, which TestGeneratedKPOFamily checks against what this decoder
// derives (and rewrites with -update); only tests need the JSON itself.

// kpoFamilyJSON lists the provider subclasses of KubernetesPodOperator and
// the parameters each adds, and those of @task.kubernetes, with the provider
// source each list was read from.
//
//go:embed data/kpo-family.json
var kpoFamilyJSON []byte

// kpoFamilyDoc is the part of the JSON daglint reads.
type kpoFamilyDoc struct {
	Operators map[string]struct {
		Extends string   `json:"extends"`
		Source  string   `json:"source"`
		Params  []string `json:"params"`
	} `json:"operators"`
	TaskKubernetes struct {
		Params []string `json:"params"`
	} `json:"task_kubernetes"`
}

// buildKPOFamily decodes the JSON and derives each class's parameters.
func buildKPOFamily(data []byte) (*kpoFamilyTables, error) {
	var doc kpoFamilyDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("decode kpo family: %w", err)
	}
	t := &kpoFamilyTables{params: map[string]nameSet{}, task: nameSet{}.add(doc.TaskKubernetes.Params)}
	for name := range doc.Operators {
		set := nameSet{}
		seen := map[string]bool{}
		for cls := name; cls != "KubernetesPodOperator"; cls = doc.Operators[cls].Extends {
			op, ok := doc.Operators[cls]
			if !ok || seen[cls] {
				return nil, fmt.Errorf("decode kpo family: %s does not lead to KubernetesPodOperator", name)
			}
			if op.Source == "" {
				return nil, fmt.Errorf("decode kpo family: %s has no source", cls)
			}
			seen[cls] = true
			set.add(op.Params)
		}
		t.params[name] = set
	}
	if len(t.task) == 0 {
		return nil, fmt.Errorf("decode kpo family: no @task.kubernetes parameters")
	}
	return t, nil
}
