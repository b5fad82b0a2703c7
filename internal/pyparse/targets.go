package pyparse

import (
	"github.com/daglint/daglint/internal/pyparse/internal/scan"
)

// targetCtx says where a target appears, which picks CPython's message.
type targetCtx uint8

const (
	targetAssign     targetCtx = iota // a = ...
	targetAssignHere                  // a = ... where CPython adds "here. Maybe you meant '=='"
	targetFor                         // for a in ..., comprehension for
	targetWith                        // with x as a
	targetDel                         // del a
)

// exprName is CPython's name for an expression that cannot be assigned to
// (_PyPegen_get_expr_name), "" for valid targets and error placeholders.
func exprName(x Expr) string {
	switch x := x.(type) {
	case *Name, *Attribute, *Subscript, *Starred:
		return ""
	case *Seq:
		if x.Kind == "set" {
			return "set display"
		}
		return ""
	case *Call:
		return "function call"
	case *BinOp:
		return "expression"
	case *Lambda:
		return "lambda"
	case *Dict:
		return "dict literal"
	case *NamedExpr:
		return "named expression"
	case *Num:
		return "literal"
	case *Str:
		if x.FString {
			return "f-string expression"
		}
		return "literal"
	case *Const:
		if x.Value == "..." {
			return "ellipsis"
		}
		return x.Value
	case *OtherExpr:
		switch x.Kind {
		case ExprBoolOp, ExprNot, ExprUnary:
			return "expression"
		case ExprCompare:
			return "comparison"
		case ExprIfExp:
			return "conditional expression"
		case ExprListComp:
			return "list comprehension"
		case ExprSetComp:
			return "set comprehension"
		case ExprDictComp:
			return "dict comprehension"
		case ExprGenerator:
			return "generator expression"
		case ExprAwait:
			return "await expression"
		case ExprYield, ExprYieldFrom:
			return "yield expression"
		case ExprTemplate:
			return "t-string expression"
		case ExprSlice:
			return "slice"
		}
	}
	return ""
}

// invalidTarget returns the first sub-expression of x that cannot be a
// target, or nil.
func invalidTarget(x Expr, ctx targetCtx) Expr {
	switch t := x.(type) {
	case *Name, *Attribute, *Subscript:
		return nil
	case *Starred:
		if ctx == targetDel {
			return t
		}
		return invalidTarget(t.Value, ctx)
	case *Seq:
		if t.Kind == "set" {
			return t
		}
		for _, e := range t.Elts {
			if bad := invalidTarget(e, ctx); bad != nil {
				return bad
			}
		}
		return nil
	case *OtherExpr:
		if t.Kind == ExprError {
			return nil
		}
	}
	return x
}

// checkTarget reports an invalid assignment, for, with or del target.
func (p *parser) checkTarget(x Expr, ctx targetCtx) {
	if p.bad {
		return
	}
	bad := invalidTarget(x, ctx)
	if bad == nil {
		p.checkStars(x, ctx)
		p.debugMsg = "cannot assign to __debug__"
		if ctx == targetDel {
			p.debugMsg = "cannot delete __debug__"
		}
		p.checkDebug(x)
		p.debugMsg = ""
		return
	}
	name := exprName(bad)
	if _, star := bad.(*Starred); star && ctx == targetDel {
		name = "starred"
	}
	if name == "" {
		name = "expression"
	}
	switch ctx {
	case targetDel:
		p.fail(bad.Span(), "cannot delete "+name)
	case targetAssign, targetAssignHere:
		if isYield(bad) {
			p.fail(bad.Span(), "assignment to yield expression not possible")
			return
		}
		if ctx == targetAssignHere && bad == x {
			p.fail(bad.Span(), "cannot assign to "+name+" here. Maybe you meant '==' instead of '='?")
			return
		}
		p.fail(bad.Span(), "cannot assign to "+name)
	default:
		p.fail(bad.Span(), "cannot assign to "+name)
	}
}

func isYield(x Expr) bool {
	o, ok := x.(*OtherExpr)
	return ok && (o.Kind == ExprYield || o.Kind == ExprYieldFrom)
}

// checkStars reports the starred-target errors the compiler finds.
func (p *parser) checkStars(x Expr, ctx targetCtx) {
	if ctx == targetDel {
		return
	}
	switch t := x.(type) {
	case *Starred:
		p.errorAt(t.Range, tierCompile, "starred assignment target must be in a list or tuple")
	case *Seq:
		p.checkStarSeq(t)
	}
}

func (p *parser) checkStarSeq(q *Seq) {
	n := 0
	for _, e := range q.Elts {
		switch e := e.(type) {
		case *Starred:
			n++
			if n == 2 {
				p.errorAt(q.Range, tierCompile, "multiple starred expressions in assignment")
				return
			}
			if s, ok := e.Value.(*Seq); ok {
				p.checkStarSeq(s)
			}
		case *Seq:
			p.checkStarSeq(e)
		}
	}
}

// checkDebug reports an assignment to __debug__.
func (p *parser) checkDebug(x Expr) {
	switch t := x.(type) {
	case *Name:
		at := Range{p.stmtStart, p.stmtStart}
		if p.debugMsg == "cannot delete __debug__" {
			at = t.Range
		}
		p.checkDebugName(t.ID, at)
	case *Attribute:
		p.checkDebugName(t.Attr, Range{p.stmtStart, p.stmtStart})
	case *Starred:
		p.checkDebug(t.Value)
	case *Seq:
		for _, e := range t.Elts {
			p.checkDebug(e)
		}
	}
}

// checkDebugName reports a binding of the name __debug__.
func (p *parser) checkDebugName(name string, r Range) {
	if name == "__debug__" {
		msg := p.debugMsg
		if msg == "" {
			msg = "cannot assign to __debug__"
		}
		p.errorAt(r, tierCompile, msg)
	}
}

// checkAugTarget reports an invalid augmented assignment target.
func (p *parser) checkAugTarget(x Expr) {
	switch x.(type) {
	case *Name, *Attribute, *Subscript:
		p.checkDebug(x)
		return
	}
	if o, ok := x.(*OtherExpr); ok && o.Kind == ExprError {
		return
	}
	name := exprName(x)
	switch t := x.(type) {
	case *Seq:
		name = t.Kind
	case *Starred:
		name = "starred"
	}
	p.fail(x.Span(), "'"+name+"' is an illegal expression for augmented assignment")
}

// checkAnnTarget reports an invalid annotated assignment target.
func (p *parser) checkAnnTarget(x Expr) {
	switch t := x.(type) {
	case *Name, *Attribute, *Subscript:
		p.checkDebug(x)
		return
	case *Seq:
		p.fail(t.Range, "only single target (not "+t.Kind+") can be annotated")
		return
	case *OtherExpr:
		if t.Kind == ExprError {
			return
		}
	}
	p.fail(x.Span(), "illegal target for annotation")
}

// checkYield reports yield outside a function (a compiler error).
func (p *parser) checkYield(t scan.Token) {
	p.yieldAt = append(p.yieldAt, int(t.Start))
	if p.fn == nil || p.class > 0 {
		p.errorAt(p.rng(t), tierCompile, "'yield' outside function")
	} else {
		p.fn.hasYield = true
	}
}
