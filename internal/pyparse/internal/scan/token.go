// Package scan is daglint's Python tokenizer: it turns a source file into a
// flat slice of tokens (byte offsets, no per-token heap objects), the
// comments, and the errors CPython's tokenizer would raise, with CPython's
// messages. It follows CPython 3.14's tokenizer: INDENT/DEDENT from the
// indentation (tabs to multiples of 8, form feed resets the column,
// inconsistent tabs and spaces are a TabError), no NEWLINE inside brackets,
// implicit line joining after a backslash, "\r\n", "\r" and "\n" as line
// ends, a UTF-8 BOM skipped, PEP 701 f-strings and PEP 750 t-strings
// tokenized into their parts.
//
// Only package pyparse uses it; nothing of it is exported beyond.
package scan

// Kind is a token's type.
type Kind uint8

// Token kinds. Keywords have their own kinds; soft keywords (match, case,
// type, _) are Name tokens.
const (
	EOF           Kind = iota // end of input (zero width, at len(src))
	Newline                   // end of a logical line; zero width at EOF when the last line has no line end
	Indent                    // the line's indentation grew; spans the indentation
	Dedent                    // the line's indentation shrank; zero width at the next token
	Name                      // identifier (or soft keyword)
	Number                    // integer, float or imaginary literal
	String                    // a whole plain or bytes string literal: prefix, quotes and body
	FStringStart              // prefix and opening quote(s) of an f-string or t-string
	FStringMiddle             // literal text in an f-/t-string or its format spec, as written (escapes and doubled braces not decoded)
	FStringEnd                // closing quote(s) of an f-/t-string
	Illegal                   // a character that starts no token ($, ?, `, a stray backslash); the parser reports it

	// Operators and delimiters.
	LPar             // (
	RPar             // )
	LSqb             // [
	RSqb             // ]
	LBrace           // {
	RBrace           // }
	Colon            // :
	Comma            // ,
	Semi             // ;
	Plus             // +
	Minus            // -
	Star             // *
	Slash            // /
	VBar             // |
	Amper            // &
	Less             // <
	Greater          // >
	Equal            // =
	Dot              // .
	Percent          // %
	EqEqual          // ==
	NotEqual         // != (also "<>", which the parser rejects as CPython does)
	LessEqual        // <=
	GreaterEqual     // >=
	Tilde            // ~
	Circumflex       // ^
	LeftShift        // <<
	RightShift       // >>
	DoubleStar       // **
	PlusEqual        // +=
	MinEqual         // -=
	StarEqual        // *=
	SlashEqual       // /=
	PercentEqual     // %=
	AmperEqual       // &=
	VBarEqual        // |=
	CircumflexEqual  // ^=
	LeftShiftEqual   // <<=
	RightShiftEqual  // >>=
	DoubleStarEqual  // **=
	DoubleSlash      // //
	DoubleSlashEqual // //=
	At               // @
	AtEqual          // @=
	RArrow           // ->
	Ellipsis         // ...
	ColonEqual       // :=
	Exclamation      // ! (only inside an f-string replacement field, before the conversion)

	// Keywords.
	KwFalse
	KwNone
	KwTrue
	KwAnd
	KwAs
	KwAssert
	KwAsync
	KwAwait
	KwBreak
	KwClass
	KwContinue
	KwDef
	KwDel
	KwElif
	KwElse
	KwExcept
	KwFinally
	KwFor
	KwFrom
	KwGlobal
	KwIf
	KwImport
	KwIn
	KwIs
	KwLambda
	KwNonlocal
	KwNot
	KwOr
	KwPass
	KwRaise
	KwReturn
	KwTry
	KwWhile
	KwWith
	KwYield

	NumKinds
)

// Token is one token: its kind and its half-open byte range [Start, End) in
// the source. Its text is src[Start:End].
type Token struct {
	Kind       Kind
	Start, End int32
}

// Error is a tokenizer error at [Start, End) with CPython's message, e.g.
// "unterminated string literal (detected at line 3)", "unindent does not
// match any outer indentation level", "'(' was never closed",
// "invalid character '€' (U+20AC)". Class is "SyntaxError",
// "IndentationError" or "TabError", as CPython raises it.
type Error struct {
	Start, End int32
	Msg        string
	Class      string
}

// Result is everything Scan produces for one file. A Result can be reused
// across files to keep its slices' capacity.
type Result struct {
	Tokens   []Token    // in source order, always ending with EOF
	Comments [][2]int32 // [start, end) of each "#..." comment, without its line end
	Errors   []Error    // in source order; scanning goes on after an error
}
