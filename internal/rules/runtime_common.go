package rules

import (
	"github.com/daglint/daglint/internal/airflow"
)

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
