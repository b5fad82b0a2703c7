package scan

import "strconv"

var kindNames = [NumKinds]string{
	EOF: "EOF", Newline: "NEWLINE", Indent: "INDENT", Dedent: "DEDENT",
	Name: "NAME", Number: "NUMBER", String: "STRING",
	FStringStart: "FSTRING_START", FStringMiddle: "FSTRING_MIDDLE", FStringEnd: "FSTRING_END",
	Illegal: "ILLEGAL",
	LPar:    "(", RPar: ")", LSqb: "[", RSqb: "]", LBrace: "{", RBrace: "}",
	Colon: ":", Comma: ",", Semi: ";", Plus: "+", Minus: "-", Star: "*", Slash: "/",
	VBar: "|", Amper: "&", Less: "<", Greater: ">", Equal: "=", Dot: ".", Percent: "%",
	EqEqual: "==", NotEqual: "!=", LessEqual: "<=", GreaterEqual: ">=", Tilde: "~",
	Circumflex: "^", LeftShift: "<<", RightShift: ">>", DoubleStar: "**",
	PlusEqual: "+=", MinEqual: "-=", StarEqual: "*=", SlashEqual: "/=",
	PercentEqual: "%=", AmperEqual: "&=", VBarEqual: "|=", CircumflexEqual: "^=",
	LeftShiftEqual: "<<=", RightShiftEqual: ">>=", DoubleStarEqual: "**=",
	DoubleSlash: "//", DoubleSlashEqual: "//=", At: "@", AtEqual: "@=",
	RArrow: "->", Ellipsis: "...", ColonEqual: ":=", Exclamation: "!",
	KwFalse: "False", KwNone: "None", KwTrue: "True", KwAnd: "and", KwAs: "as",
	KwAssert: "assert", KwAsync: "async", KwAwait: "await", KwBreak: "break",
	KwClass: "class", KwContinue: "continue", KwDef: "def", KwDel: "del",
	KwElif: "elif", KwElse: "else", KwExcept: "except", KwFinally: "finally",
	KwFor: "for", KwFrom: "from", KwGlobal: "global", KwIf: "if", KwImport: "import",
	KwIn: "in", KwIs: "is", KwLambda: "lambda", KwNonlocal: "nonlocal", KwNot: "not",
	KwOr: "or", KwPass: "pass", KwRaise: "raise", KwReturn: "return", KwTry: "try",
	KwWhile: "while", KwWith: "with", KwYield: "yield",
}

// String is the kind's name: NAME, NEWLINE, ... for the token classes, the
// operator or keyword itself for the others.
func (k Kind) String() string {
	if k < NumKinds {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// IsKeyword reports whether k is one of the (hard) keywords.
func (k Kind) IsKeyword() bool { return k >= KwFalse && k < NumKinds }

// IsOperator reports whether k is an operator or delimiter.
func (k Kind) IsOperator() bool { return k >= LPar && k <= Exclamation }

// IsSoftKeyword reports whether name is one of Python's soft keywords
// (match, case, type, _), which scan as Name tokens.
func IsSoftKeyword(name []byte) bool {
	switch string(name) {
	case "match", "case", "type", "_":
		return true
	}
	return false
}
