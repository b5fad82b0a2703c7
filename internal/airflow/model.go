// Package airflow turns a parsed DAG file into what Airflow will do with it:
// which calls are Docker or Kubernetes operator calls, where each argument's
// value comes from (call, partial/expand, **mapping, default_args of the DAG,
// @dag or TaskGroup), and what strings resolve to.
package airflow

import "github.com/daglint/daglint/internal/pyparse"

// Model is the semantic view of one file shared by all rules.
type Model struct {
	File *pyparse.File
}
