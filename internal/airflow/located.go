package airflow

import "github.com/daglint/daglint/internal/pyparse"

// Located is one value an argument may take, with its primary location.
type Located struct {
	Value Value
	Loc   pyparse.Range
}

// Located returns the values the parameter may take (Candidates), each at
// its primary location: the argument's (the keyword value at the call, or
// the entry of the **mapping, default_args or partial that brings it), or,
// for an expanded list, each element where it is written. An expanded
// value daglint cannot list gives nothing; so does a nil Arg.
func (a *Arg) Located() []Located {
	if a == nil {
		return nil
	}
	if !a.Mapped {
		return []Located{{Value: a.Value, Loc: a.Loc()}}
	}
	if a.Value.Kind != List {
		return nil
	}
	return Elements(a.Value, a.Loc())
}

// Elements returns the elements of a list value, each located at its own
// expression (at loc when it has none), or v itself at loc when it is no
// list.
func Elements(v Value, loc pyparse.Range) []Located {
	if v.Kind != List {
		return []Located{{Value: v, Loc: loc}}
	}
	out := make([]Located, 0, len(v.Elems))
	for _, el := range v.Elems {
		l := loc
		if el.Expr != nil {
			l = el.Expr.Span()
		}
		out = append(out, Located{Value: el, Loc: l})
	}
	return out
}
