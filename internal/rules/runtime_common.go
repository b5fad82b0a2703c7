package rules

import (
	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/pyparse"
)

// argValue is one value an argument may take, with the place to report it.
type argValue struct {
	Value airflow.Value
	Loc   pyparse.Range
}

// argValues returns the values a parameter may take: the value at its
// primary location, or, for an expanded argument, each element of the list
// mapped over, located at the element. An expanded value daglint cannot
// list gives nothing.
func argValues(a *airflow.Arg) []argValue {
	if a == nil {
		return nil
	}
	if !a.Mapped {
		return []argValue{{Value: a.Value, Loc: a.Loc()}}
	}
	var out []argValue
	for _, v := range a.Candidates() {
		loc := a.Loc()
		if v.Expr != nil {
			loc = v.Expr.Span()
		}
		out = append(out, argValue{Value: v, Loc: loc})
	}
	return out
}

// listItems returns the elements of a list value, each located at its own
// expression (falling back to loc), or the value itself when it is no list.
func listItems(v airflow.Value, loc pyparse.Range) []argValue {
	if v.Kind != airflow.List {
		return []argValue{{Value: v, Loc: loc}}
	}
	out := make([]argValue, 0, len(v.Elems))
	for _, el := range v.Elems {
		l := loc
		if el.Expr != nil {
			l = el.Expr.Span()
		}
		out = append(out, argValue{Value: el, Loc: l})
	}
	return out
}

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
