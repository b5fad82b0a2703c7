//go:build devtools

package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/daglint/daglint/internal/pyparse"
)

// node is one normalised position: a call, a keyword argument or a string
// literal, with a 1-based line and a 0-based byte column at each end.
type node struct {
	Kind        string
	Line, Col   int
	ELine, ECol int
}

func (n node) String() string {
	return fmt.Sprintf("%s %d:%d-%d:%d", n.Kind, n.Line, n.Col, n.ELine, n.ECol)
}

func compareNodes(a, b node) int {
	return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col),
		cmp.Compare(a.ELine, b.ELine), cmp.Compare(a.ECol, b.ECol), strings.Compare(a.Kind, b.Kind))
}

// daglintNodes lists the calls, keywords and string literals of f with the
// normalisation cpython_dump.py applies: a string literal (implicit
// concatenation included) is one node and nothing inside an f-string is
// listed.
func daglintNodes(f *pyparse.File) []node {
	var out []node
	add := func(kind string, r pyparse.Range) {
		s, e := f.Lines.Position(r.Start), f.Lines.Position(r.End)
		out = append(out, node{kind, s.Line, s.Column - 1, e.Line, e.Column - 1})
	}
	// Parameter and return annotations are skipped, as on CPython's side. A
	// FuncDef is visited before its annotations, so they are known in time.
	skip := map[pyparse.Node]bool{}
	pyparse.InspectFile(f, func(n pyparse.Node) bool {
		if skip[n] {
			return false
		}
		switch n := n.(type) {
		case *pyparse.FuncDef:
			if n.Returns != nil {
				skip[n.Returns] = true
			}
			for _, p := range n.Params {
				if p.Annotation != nil {
					skip[p.Annotation] = true
				}
			}
		case *pyparse.Call:
			add("call", n.Range)
		case *pyparse.Keyword:
			add("kw", n.Range)
		case *pyparse.Str:
			add("str", n.Range)
			return false
		}
		return true
	})
	slices.SortFunc(out, compareNodes)
	return out
}

// pyNodes converts the script's node list.
func pyNodes(raw []pyNode) []node {
	out := make([]node, 0, len(raw))
	for _, r := range raw {
		kind, _ := r[0].(string)
		n := node{Kind: kind}
		for i, p := range []*int{&n.Line, &n.Col, &n.ELine, &n.ECol} {
			if v, ok := r[i+1].(float64); ok {
				*p = int(v)
			}
		}
		out = append(out, n)
	}
	slices.SortFunc(out, compareNodes)
	return out
}

// firstMismatch describes the first difference between the sorted lists
// want (CPython) and got (daglint), or returns "".
func firstMismatch(want, got []node) string {
	i := 0
	for ; i < len(want) && i < len(got); i++ {
		if want[i] != got[i] {
			return fmt.Sprintf("CPython %v, daglint %v", want[i], got[i])
		}
	}
	switch {
	case i < len(want):
		return fmt.Sprintf("CPython %v, daglint has no more nodes", want[i])
	case i < len(got):
		return fmt.Sprintf("daglint %v, CPython has no more nodes", got[i])
	}
	return ""
}

// daglintSide is what daglint's parser says about one source.
type daglintSide struct {
	Rejected  bool
	ErrLine   int
	ErrMsg    string
	NumErrors int
	Nodes     []node
	Panic     string
}

// parse runs daglint's parser on src; a panic is caught and reported.
func parse(path string, src []byte, withNodes bool) (d daglintSide) {
	defer func() {
		if r := recover(); r != nil {
			d = daglintSide{Panic: fmt.Sprint(r)}
		}
	}()
	f := pyparse.Parse(path, src)
	if len(f.Errors) > 0 {
		e := f.Errors[0]
		return daglintSide{Rejected: true, ErrLine: f.Lines.Line(e.Start), ErrMsg: e.Msg, NumErrors: len(f.Errors)}
	}
	if withNodes {
		d.Nodes = daglintNodes(f)
	}
	return d
}
