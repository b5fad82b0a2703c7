package pyparse

import (
	"cmp"
	"slices"
)

// checkComprehensionYields reports `yield` in a comprehension's own scope
// (its element, its conditions and every iterable but the first, which the
// enclosing scope evaluates), as CPython's symbol table does. A lambda is
// a scope of its own, where yield is allowed.
func (p *parser) checkComprehensionYields(f *File) {
	InspectFile(f, func(n Node) bool {
		c, ok := n.(*OtherExpr)
		if !ok {
			return true
		}
		switch c.Kind {
		case ExprListComp, ExprSetComp, ExprDictComp, ExprGenerator:
		default:
			return true
		}
		name := exprName(c) // as CPython's symbol table names it
		firstIter := true
		for _, ch := range c.Children {
			clause, ok := ch.(*OtherExpr)
			if !ok || clause.Kind != ExprComprehensionFor {
				p.reportYields(ch, name)
				continue
			}
			for j, cc := range clause.Children {
				if j == 1 && firstIter {
					continue // the first iterable is the enclosing scope's
				}
				p.reportYields(cc, name)
			}
			firstIter = false
		}
		return true
	})
}

// yieldInComprehension reports whether a yield starts inside the range of
// a comprehension (nodes a lookahead took back included): only then can
// checkComprehensionYields find one. Sorting makes it O(n log n) however
// the two nest.
func (p *parser) yieldInComprehension() bool {
	spans := p.compSpans
	slices.SortFunc(spans, func(a, b Range) int { return cmp.Compare(a.Start, b.Start) })
	// Each span's End becomes the furthest end among it and the spans
	// before it (the order of spans with one start does not matter then).
	// The spans are the parser's scratch list, emptied once the file is
	// parsed.
	for i := 1; i < len(spans); i++ {
		spans[i].End = max(spans[i].End, spans[i-1].End)
	}
	for _, y := range p.yieldAt {
		// The last span starting at or before y: the one before the first
		// that starts after it.
		i, _ := slices.BinarySearchFunc(spans, y+1, func(r Range, t int) int { return cmp.Compare(r.Start, t) })
		if i--; i >= 0 && spans[i].End > y {
			return true
		}
	}
	return false
}

// reportYields reports the first yield in e outside nested lambdas.
func (p *parser) reportYields(e Expr, comp string) {
	done := false
	Inspect(e, func(n Node) bool {
		if done {
			return false
		}
		switch n := n.(type) {
		case *Lambda:
			return false
		case *OtherExpr:
			if n.Kind == ExprYield || n.Kind == ExprYieldFrom {
				p.errorAt(n.Range, tierSymtable, "'yield' inside "+comp)
				done = true
				return false
			}
		}
		return true
	})
}
