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
	var out []Located
	for l := range a.EachLocated {
		out = append(out, l)
	}
	return out
}

// EachLocated calls yield with each value Located returns, in its order,
// until yield returns false, without building the list: rules range over
// it (`for l := range a.EachLocated`) at no allocation.
func (a *Arg) EachLocated(yield func(Located) bool) {
	if a == nil {
		return
	}
	if !a.Mapped {
		yield(Located{Value: a.Value, Loc: a.Loc()})
		return
	}
	if a.Value.Kind == List {
		EachElement(a.Value, a.Loc(), yield)
	}
}

// Elements returns the elements of a list value, each located at its own
// expression (at loc when it has none), or v itself at loc when it is no
// list.
func Elements(v Value, loc pyparse.Range) []Located {
	out := make([]Located, 0, max(1, len(v.Elems())))
	EachElement(v, loc, func(l Located) bool {
		out = append(out, l)
		return true
	})
	return out
}

// EachElement calls yield with each value Elements returns, in its order,
// until yield returns false, without building the list.
func EachElement(v Value, loc pyparse.Range, yield func(Located) bool) {
	if v.Kind != List {
		yield(Located{Value: v, Loc: loc})
		return
	}
	for _, el := range v.Elems() {
		l := loc
		if el.Expr != nil {
			l = el.Expr.Span()
		}
		if !yield(Located{Value: el, Loc: l}) {
			return
		}
	}
}
