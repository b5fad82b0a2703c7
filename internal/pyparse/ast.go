package pyparse

import (
	"sync/atomic"

	"github.com/daglint/daglint/internal/source"
)

// Range is a half-open byte range [Start, End) in the file's source.
type Range struct{ Start, End int }

// Span returns r itself, so that every node and Range share one accessor.
func (r Range) Span() Range { return r }

// Node is any syntax node of daglint's view: a statement, an expression or a
// helper record (keyword, dict item, alias, string part).
type Node interface{ Span() Range }

// File is one parsed Python file.
type File struct {
	Path     string
	Src      []byte
	Lines    *source.Lines
	Body     []Stmt
	Comments []Comment
	// Errors lists syntax errors. Errors[0] is the error CPython reports for
	// the file (compile(src, path, "exec")): a tokenizer or parser error if
	// there is one, else the first error of its symbol table and compiler
	// checks. The rest are further errors found after recovering, in source
	// order. Empty for a valid file.
	Errors []SyntaxError
	// index is built by Index on first use; tokens, the parser's token
	// count, sizes its lists.
	index  atomic.Pointer[Index]
	tokens int
	// text is Src as a string: the parser's copy, which comments share.
	text string
	// arena holds the file's nodes until Release hands it back.
	arena *arena
}

// SrcText returns Src as a string, without copying it again when the
// parser has (the parser's copy).
func (f *File) SrcText() string {
	if f.text == "" && len(f.Src) > 0 {
		return string(f.Src)
	}
	return f.text
}

// Release hands the memory of the file's syntax tree back to the parser,
// for the next file parsed to reuse instead of allocating its own. After
// Release, nothing obtained from the file's Body, Comments or Index may be
// used again (its nodes will hold another file's): call it only when the
// file and everything that points into its tree are done with. The strings
// of nodes, Errors, Lines and Src stay valid. Release is not safe for
// concurrent use with any other use of f; a second call does nothing. A
// file never released is freed by the garbage collector as usual.
func (f *File) Release() {
	a := f.arena
	if a == nil {
		return
	}
	f.arena = nil
	f.Body = nil
	if ix := f.index.Swap(nil); ix != nil {
		ix.clear()
		a.index.Store(ix)
	}
	if f.Comments != nil {
		clear(f.Comments[:cap(f.Comments)])
		a.comments = f.Comments[:0]
		f.Comments = nil
	}
	a.release()
}

// Text returns the source text of r.
func (f *File) Text(r Range) string {
	if r.Start < 0 || r.End > len(f.Src) || r.Start > r.End {
		return ""
	}
	return string(f.Src[r.Start:r.End])
}

// Comment is a `# ...` comment; Text includes the leading '#'.
type Comment struct {
	Range
	Text string
}

// SyntaxError is a place where the file is not valid Python 3.
type SyntaxError struct {
	Range
	Msg string
}

// ---------------------------------------------------------------- statements

// Stmt is a statement.
type Stmt interface {
	Node
	stmtNode()
}

// Assign is `a = b = value`, `a: T = value`, `a: T` (Value nil) or an augmented
// assignment `a += value` (Op "+=").
type Assign struct {
	Range
	Targets    []Expr
	Value      Expr
	Annotation Expr
	Op         string // "=" or the augmented operator ("+=", "|=", ...)
}

// ExprStmt is an expression used as a statement (usually a call).
type ExprStmt struct {
	Range
	X Expr
}

// Alias is one imported name: `a.b as c`.
type Alias struct {
	Range
	Name   string // dotted name as written ("*" for a star import)
	AsName string // "" when there is no `as`
}

// Import is `import a.b as c, d`.
type Import struct {
	Range
	Names []*Alias
}

// ImportFrom is `from .mod import a as b` (Level counts the leading dots).
type ImportFrom struct {
	Range
	Module string
	Level  int
	Names  []*Alias
}

// WithItem is one `expr as target` of a with statement.
type WithItem struct {
	Range
	Expr Expr
	As   Expr // nil without `as`
}

// With is `with a as b, c: body` (async too).
type With struct {
	Range
	Items []*WithItem
	Body  []Stmt
}

// Param is one parameter of a function definition.
type Param struct {
	Range
	Name       string
	Annotation Expr // nil without annotation
	Default    Expr // nil without default
	Star       int  // 0, 1 for *args, 2 for **kwargs
}

// FuncDef is a (possibly async, possibly decorated) function definition.
type FuncDef struct {
	Range
	Name       string
	NameRange  Range
	Decorators []Expr
	Params     []*Param
	Returns    Expr // the return annotation, nil without one
	Body       []Stmt
	Async      bool // async def
}

// ClassDef is a class definition. Bases holds positional bases; Keywords holds
// `metaclass=...` and the like.
type ClassDef struct {
	Range
	Name       string
	NameRange  Range
	Decorators []Expr
	Bases      []Expr
	Keywords   []*Keyword
	Body       []Stmt
}

// Return is `return value` (Value may be nil).
type Return struct {
	Range
	Value Expr
}

// CompoundKind tells the compound statements apart.
type CompoundKind uint8

// Compound statement kinds.
const (
	CompoundIf    CompoundKind = iota + 1 // if/elif/else
	CompoundFor                           // for (and async for) with its else
	CompoundWhile                         // while with its else
	CompoundTry                           // try/except/except*/else/finally
	CompoundMatch                         // match/case
)

var compoundNames = [...]string{"?", "if", "for", "while", "try", "match"}

// String returns the statement's keyword.
func (k CompoundKind) String() string { return kindName(compoundNames[:], int(k)) }

// Compound is any other statement with bodies: if/elif/else, for, while, try,
// match. Exprs holds its header expressions (condition, loop iterable, match
// subject and guards, except types); Targets holds what it binds (for
// targets, `except E as name`, match capture names). Blocks holds each body
// in source order.
type Compound struct {
	Range
	Kind    CompoundKind
	Exprs   []Expr
	Targets []Expr
	Blocks  [][]Stmt
}

// StmtKind tells the simple statements of OtherStmt apart.
type StmtKind uint8

// OtherStmt kinds.
const (
	StmtError     StmtKind = iota + 1 // what is left of a statement that does not parse
	StmtPass                          // pass
	StmtBreak                         // break
	StmtContinue                      // continue
	StmtRaise                         // raise [exc [from cause]]
	StmtDelete                        // del targets
	StmtAssert                        // assert test [, msg]
	StmtGlobal                        // global names
	StmtNonlocal                      // nonlocal names
	StmtTypeAlias                     // type X[T] = value
)

var stmtNames = [...]string{"?", "error", "pass", "break", "continue", "raise", "del", "assert", "global", "nonlocal", "type"}

// String returns the statement's keyword ("error" for StmtError).
func (k StmtKind) String() string { return kindName(stmtNames[:], int(k)) }

// OtherStmt is a simple statement daglint does not model (pass, raise, del,
// assert, global, nonlocal, type alias, the remains of a broken statement).
// Exprs holds the expressions it contains, for traversal; Names holds names
// declared by global/nonlocal.
type OtherStmt struct {
	Range
	Kind  StmtKind
	Exprs []Expr
	Names []string
}

func kindName(names []string, k int) string {
	if k < 0 || k >= len(names) {
		return "?"
	}
	return names[k]
}

func (*Assign) stmtNode()     {}
func (*ExprStmt) stmtNode()   {}
func (*Import) stmtNode()     {}
func (*ImportFrom) stmtNode() {}
func (*With) stmtNode()       {}
func (*FuncDef) stmtNode()    {}
func (*ClassDef) stmtNode()   {}
func (*Return) stmtNode()     {}
func (*Compound) stmtNode()   {}
func (*OtherStmt) stmtNode()  {}

// --------------------------------------------------------------- expressions

// Expr is an expression.
type Expr interface {
	Node
	exprNode()
}

// Name is an identifier.
type Name struct {
	Range
	ID string
}

// Attribute is `value.attr`.
type Attribute struct {
	Range
	Value     Expr
	Attr      string
	AttrRange Range
}

// Keyword is `name=value` in a call, or `**value` (Name "").
type Keyword struct {
	Range
	Name      string
	NameRange Range
	Value     Expr
}

// Call is `func(args, kw=value, *a, **k)`. Args holds positional arguments in
// order (a `*a` argument is a *Starred); Keywords holds keyword and `**`
// arguments in order. Recovered is true for a call whose argument list was
// cut by a syntax error: it holds the arguments parsed before the error.
type Call struct {
	Range
	Func      Expr
	Args      []Expr
	Keywords  []*Keyword
	ArgsRange Range // the parenthesised argument list
	Recovered bool
}

// Keyword returns the last keyword argument named name, or nil.
func (c *Call) Keyword(name string) *Keyword {
	for i := len(c.Keywords) - 1; i >= 0; i-- {
		if c.Keywords[i].Name == name {
			return c.Keywords[i]
		}
	}
	return nil
}

// StrPart is one piece of a string literal: literal text (Expr nil) or an
// f-string replacement field.
type StrPart struct {
	Range
	Lit        string
	Expr       Expr   // the replacement expression of an f-string field
	Conversion string // "r", "s", "a" or ""
	FormatSpec string // raw text after ':' when it is constant, else "?"
}

// Str is a string literal, an f-string, or an implicit concatenation of them.
// Parts holds decoded literal text and f-string fields in order. Prefix holds
// the (lowercased) prefix letters of the first piece.
type Str struct {
	Range
	Parts   []*StrPart
	Prefix  string
	FString bool
	Bytes   bool
}

// Value returns the decoded text when the string has no f-string field.
func (s *Str) Value() (string, bool) {
	if len(s.Parts) == 1 && s.Parts[0].Expr == nil {
		return s.Parts[0].Lit, true
	}
	var n int
	for _, p := range s.Parts {
		if p.Expr != nil {
			return "", false
		}
		n += len(p.Lit)
	}
	b := make([]byte, 0, n)
	for _, p := range s.Parts {
		b = append(b, p.Lit...)
	}
	return string(b), true
}

// Num is an integer, float or complex literal as written.
type Num struct {
	Range
	Text string
}

// Const is True, False, None or Ellipsis.
type Const struct {
	Range
	Value string // "True", "False", "None", "..."
}

// DictItem is `key: value` or `**value` (Key nil).
type DictItem struct {
	Range
	Key   Expr
	Value Expr
}

// Dict is a dict display.
type Dict struct {
	Range
	Items []*DictItem
}

// Seq is a list, tuple or set display.
type Seq struct {
	Range
	Kind string // "list", "tuple", "set"
	Elts []Expr
}

// BinOp is `left op right` for arithmetic and bitwise operators.
type BinOp struct {
	Range
	Op    string
	Left  Expr
	Right Expr
}

// Subscript is `value[index]` (several indices become a tuple Seq).
type Subscript struct {
	Range
	Value Expr
	Index Expr
}

// Starred is `*value` (Double false) or `**value` (Double true) outside a call's
// keyword list.
type Starred struct {
	Range
	Value  Expr
	Double bool
}

// NamedExpr is `target := value`.
type NamedExpr struct {
	Range
	Target *Name
	Value  Expr
}

// Lambda is `lambda params: body`.
type Lambda struct {
	Range
	Params []*Param
	Body   Expr
}

// ExprKind tells the expressions of OtherExpr apart.
type ExprKind uint8

// OtherExpr kinds. Children are listed for each.
const (
	ExprError            ExprKind = iota + 1 // a missing or broken expression (after a syntax error): none
	ExprBoolOp                               // a and b or c (one per operator run): the operands
	ExprNot                                  // not x: x
	ExprUnary                                // -x, +x, ~x: x
	ExprCompare                              // a < b == c: the operands
	ExprIfExp                                // a if b else c: a, b, c
	ExprListComp                             // [elt for ...]: elt, then the ExprComprehensionFor clauses
	ExprSetComp                              // {elt for ...}: elt, clauses
	ExprDictComp                             // {k: v for ...}: k, v, clauses
	ExprGenerator                            // (elt for ...): elt, clauses
	ExprComprehensionFor                     // for target in iter if cond (async too): target, iter, conds
	ExprAwait                                // await x: x
	ExprYield                                // yield [x]: x when present
	ExprYieldFrom                            // yield from x: x
	ExprSlice                                // lower:upper:step: the parts present
	ExprTemplate                             // a t-string (PEP 750): its Str
)

var exprNames = [...]string{"?", "error", "boolop", "not", "unary", "compare", "ifexp",
	"listcomp", "setcomp", "dictcomp", "genexp", "for", "await", "yield", "yieldfrom", "slice", "template"}

// String returns a short lowercase name of the kind.
func (k ExprKind) String() string { return kindName(exprNames[:], int(k)) }

// IsComprehension reports whether k is a list, set or dict comprehension
// or a generator expression.
func (k ExprKind) IsComprehension() bool {
	return k == ExprListComp || k == ExprSetComp || k == ExprDictComp || k == ExprGenerator
}

// OtherExpr is an expression daglint does not model (comparison, boolean
// operator, conditional, comprehension, await ...). Children holds its
// sub-expressions for traversal.
type OtherExpr struct {
	Range
	Kind     ExprKind
	Children []Expr
}

func (*Name) exprNode()      {}
func (*Attribute) exprNode() {}
func (*Call) exprNode()      {}
func (*Str) exprNode()       {}
func (*Num) exprNode()       {}
func (*Const) exprNode()     {}
func (*Dict) exprNode()      {}
func (*Seq) exprNode()       {}
func (*BinOp) exprNode()     {}
func (*Subscript) exprNode() {}
func (*Starred) exprNode()   {}
func (*NamedExpr) exprNode() {}
func (*Lambda) exprNode()    {}
func (*OtherExpr) exprNode() {}
