package pyparse

import (
	"fmt"
	"strings"
)

// dump renders a node compactly for table tests.
func dump(n Node) string {
	var b strings.Builder
	dumpTo(&b, n)
	return b.String()
}

func dumpList[T Node](b *strings.Builder, xs []T) {
	for i, x := range xs {
		if i > 0 {
			b.WriteString(", ")
		}
		dumpTo(b, x)
	}
}

func dumpStmts(b *strings.Builder, ss []Stmt) {
	b.WriteString("{")
	for i, s := range ss {
		if i > 0 {
			b.WriteString("; ")
		}
		dumpTo(b, s)
	}
	b.WriteString("}")
}

func dumpTo(b *strings.Builder, n Node) {
	if n == nil {
		b.WriteString("nil")
		return
	}
	switch n := n.(type) {
	case *Name:
		b.WriteString(n.ID)
	case *Attribute:
		dumpTo(b, n.Value)
		b.WriteString("." + n.Attr)
	case *Call:
		if n.Recovered {
			b.WriteString("!")
		}
		dumpTo(b, n.Func)
		b.WriteString("(")
		dumpList(b, n.Args)
		if len(n.Args) > 0 && len(n.Keywords) > 0 {
			b.WriteString(", ")
		}
		dumpList(b, n.Keywords)
		b.WriteString(")")
	case *Keyword:
		if n.Name == "" {
			b.WriteString("**")
		} else {
			b.WriteString(n.Name + "=")
		}
		dumpTo(b, n.Value)
	case *Str:
		if n.Prefix != "" {
			b.WriteString(n.Prefix)
		}
		b.WriteString("Str[")
		for i, p := range n.Parts {
			if i > 0 {
				b.WriteString(" ")
			}
			if p.Expr != nil {
				b.WriteString("{")
				dumpTo(b, p.Expr)
				if p.Conversion != "" {
					b.WriteString("!" + p.Conversion)
				}
				if p.FormatSpec != "" {
					b.WriteString(":" + p.FormatSpec)
				}
				b.WriteString("}")
			} else {
				fmt.Fprintf(b, "%q", p.Lit)
			}
		}
		b.WriteString("]")
	case *Num:
		b.WriteString(n.Text)
	case *Const:
		b.WriteString(n.Value)
	case *Dict:
		b.WriteString("{")
		dumpList(b, n.Items)
		b.WriteString("}")
	case *DictItem:
		if n.Key == nil {
			b.WriteString("**")
		} else {
			dumpTo(b, n.Key)
			b.WriteString(": ")
		}
		dumpTo(b, n.Value)
	case *Seq:
		b.WriteString(n.Kind + "(")
		dumpList(b, n.Elts)
		b.WriteString(")")
	case *BinOp:
		b.WriteString("(")
		dumpTo(b, n.Left)
		b.WriteString(" " + n.Op + " ")
		dumpTo(b, n.Right)
		b.WriteString(")")
	case *Subscript:
		dumpTo(b, n.Value)
		b.WriteString("[")
		dumpTo(b, n.Index)
		b.WriteString("]")
	case *Starred:
		if n.Double {
			b.WriteString("**")
		} else {
			b.WriteString("*")
		}
		dumpTo(b, n.Value)
	case *NamedExpr:
		b.WriteString("(")
		dumpTo(b, n.Target)
		b.WriteString(" := ")
		dumpTo(b, n.Value)
		b.WriteString(")")
	case *Lambda:
		b.WriteString("lambda(")
		dumpList(b, n.Params)
		b.WriteString("): ")
		dumpTo(b, n.Body)
	case *OtherExpr:
		b.WriteString(n.Kind.String() + "<")
		dumpList(b, n.Children)
		b.WriteString(">")
	case *Param:
		b.WriteString(strings.Repeat("*", n.Star) + n.Name)
		if n.Default != nil {
			b.WriteString("=")
			dumpTo(b, n.Default)
		}
	case *Assign:
		dumpList(b, n.Targets)
		if n.Annotation != nil {
			b.WriteString(": ")
			dumpTo(b, n.Annotation)
		}
		if n.Value != nil {
			b.WriteString(" " + n.Op + " ")
			dumpTo(b, n.Value)
		}
	case *ExprStmt:
		dumpTo(b, n.X)
	case *Import:
		b.WriteString("import ")
		dumpList(b, n.Names)
	case *ImportFrom:
		fmt.Fprintf(b, "from %s%s import ", strings.Repeat(".", n.Level), n.Module)
		dumpList(b, n.Names)
	case *Alias:
		b.WriteString(n.Name)
		if n.AsName != "" {
			b.WriteString(" as " + n.AsName)
		}
	case *With:
		b.WriteString("with ")
		dumpList(b, n.Items)
		dumpStmts(b, n.Body)
	case *WithItem:
		dumpTo(b, n.Expr)
		if n.As != nil {
			b.WriteString(" as ")
			dumpTo(b, n.As)
		}
	case *FuncDef:
		for _, d := range n.Decorators {
			b.WriteString("@")
			dumpTo(b, d)
			b.WriteString(" ")
		}
		b.WriteString("def " + n.Name + "(")
		dumpList(b, n.Params)
		b.WriteString(")")
		dumpStmts(b, n.Body)
	case *ClassDef:
		for _, d := range n.Decorators {
			b.WriteString("@")
			dumpTo(b, d)
			b.WriteString(" ")
		}
		b.WriteString("class " + n.Name + "(")
		dumpList(b, n.Bases)
		if len(n.Bases) > 0 && len(n.Keywords) > 0 {
			b.WriteString(", ")
		}
		dumpList(b, n.Keywords)
		b.WriteString(")")
		dumpStmts(b, n.Body)
	case *Return:
		b.WriteString("return ")
		dumpTo(b, n.Value)
	case *Compound:
		b.WriteString(n.Kind.String() + " ")
		if len(n.Targets) > 0 {
			b.WriteString("targets(")
			dumpList(b, n.Targets)
			b.WriteString(") ")
		}
		b.WriteString("exprs(")
		dumpList(b, n.Exprs)
		b.WriteString(")")
		for _, blk := range n.Blocks {
			dumpStmts(b, blk)
		}
	case *OtherStmt:
		b.WriteString(n.Kind.String())
		if len(n.Exprs) > 0 {
			b.WriteString(" ")
			dumpList(b, n.Exprs)
		}
		if len(n.Names) > 0 {
			b.WriteString(" " + strings.Join(n.Names, ","))
		}
	default:
		fmt.Fprintf(b, "?%T", n)
	}
}

// dumpFile renders every statement of f, separated by newlines.
func dumpFile(f *File) string {
	var lines []string
	for _, s := range f.Body {
		lines = append(lines, dump(s))
	}
	return strings.Join(lines, "\n")
}
