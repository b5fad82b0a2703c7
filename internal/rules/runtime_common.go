package rules

import (
	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/pyparse"
)

// argValue is one value an argument may take, with the place to report it.
type argValue = airflow.Located

// argValues returns the values a parameter may take, each at its primary
// location (airflow.Arg.Located).
func argValues(a *airflow.Arg) []argValue { return a.Located() }

// listItems returns the elements of a list value, each located at its own
// expression (falling back to loc), or the value itself when it is no list.
func listItems(v airflow.Value, loc pyparse.Range) []argValue { return airflow.Elements(v, loc) }

// operatorLabel names the operator of a call for messages: the same-file
// subclass, "@task.docker task" or the operator class.
func operatorLabel(op *airflow.OpCall) string {
	switch {
	case op.Class != "":
		return op.Class
	case op.Kind == airflow.TaskDocker:
		return "@task.docker task"
	}
	return op.Kind.String()
}

// isNone reports whether v is the constant None.
func isNone(v airflow.Value) bool { return v.Kind == airflow.Const && v.Str == "None" }

// isSwarm reports whether the call runs a Docker Swarm service, which has no
// privileged mode and ignores network_mode.
func isSwarm(op *airflow.OpCall) bool { return op.Kind == airflow.DockerSwarmOperator }
