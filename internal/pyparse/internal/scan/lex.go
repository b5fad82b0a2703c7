package scan

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Character classes for the switch on a token's first byte.
const (
	clsOther     = iota // starts no token: $ ? ` and control characters
	clsLetter           // a-z A-Z _
	clsDigit            // 0-9
	clsNonASCII         // a byte >= 0x80: a potential identifier start
	clsQuote            // ' "
	clsLineEnd          // # \n \r
	clsBackslash        // \
	clsOp               // operators and delimiters
)

var class [256]uint8

// identChar marks the bytes CPython's tokenizer lets continue a name
// before it checks the name: ASCII letters, digits, _ and any byte >= 0x80.
var identChar [256]bool

func init() {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
			class[c] = clsLetter
			identChar[c] = true
		case c >= '0' && c <= '9':
			class[c] = clsDigit
			identChar[c] = true
		case c >= 0x80:
			class[c] = clsNonASCII
			identChar[c] = true
		}
	}
	class['\''], class['"'] = clsQuote, clsQuote
	class['#'], class['\n'], class['\r'] = clsLineEnd, clsLineEnd, clsLineEnd
	class['\\'] = clsBackslash
	for _, c := range []byte("()[]{}:,;+-*/|&<>=.%~^@!") {
		class[c] = clsOp
	}
}

// at is the byte at p, or -1 past the end.
func (s *scanner) at(p int) int {
	if p < len(s.src) {
		return int(s.src[p])
	}
	return -1
}

func isDigit(c int) bool { return c >= '0' && c <= '9' }

func isHex(c int) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func isIdentByte(c int) bool { return c >= 0 && identChar[c] }

// nameOrString scans a token starting with an ASCII letter or _: a name,
// a keyword, or a prefixed string.
func (s *scanner) nameOrString() {
	src := s.src
	start := s.pos
	var saw [5]bool // b u r f t, each at most once
	for p := start; p < len(src); {
		i := prefixIndex(src[p])
		if i < 0 || saw[i] {
			break
		}
		saw[i] = true
		p++
		if p < len(src) && (src[p] == '"' || src[p] == '\'') {
			if msg := incompatiblePrefixes(saw); msg != "" {
				s.errorRange(start, p, msg, classSyntax)
			}
			if saw[3] || saw[4] {
				s.fstringStart(start, p, saw[2], saw[4])
			} else {
				s.stringAt(start, p)
			}
			return
		}
	}
	s.name(start)
}

// prefixIndex is the index of a string prefix letter in b u r f t, or -1.
func prefixIndex(c byte) int {
	switch c | 0x20 {
	case 'b':
		return 0
	case 'u':
		return 1
	case 'r':
		return 2
	case 'f':
		return 3
	case 't':
		return 4
	}
	return -1
}

// incompatiblePrefixes is CPython 3.14's error for a prefix that combines
// letters it does not allow together (saw is indexed as prefixIndex), or "".
func incompatiblePrefixes(saw [5]bool) string {
	for _, pair := range [...][2]int{{1, 0}, {1, 2}, {1, 3}, {1, 4}, {0, 3}, {0, 4}, {3, 4}} {
		if saw[pair[0]] && saw[pair[1]] {
			return "'" + string("burft"[pair[0]]) + "' and '" + string("burft"[pair[1]]) + "' prefixes are incompatible"
		}
	}
	return ""
}

// nonASCIIName scans a name that starts with a non-ASCII character.
func (s *scanner) nonASCIIName(start int) { s.name(start) }

func (s *scanner) name(start int) {
	src := s.src
	p := start
	for p < len(src) && src[p] < utf8.RuneSelf && identChar[src[p]] {
		p++
	}
	if p < len(src) && src[p] >= utf8.RuneSelf {
		if p >= s.utf8Checked {
			// CPython decodes the whole run of name bytes first.
			end := p
			for end < len(src) && identChar[src[end]] {
				end++
			}
			s.overshoot += end - p
			if !utf8.Valid(src[start:end]) {
				if s.reporting() {
					s.errorAt(s.lastChar(end), utf8Error(src[start:end]))
				}
				s.pos = end
				s.emit(Name, start, end)
				return
			}
			s.utf8Checked = end
		}
		for p < len(src) && identChar[src[p]] {
			r, n := rune(src[p]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRune(src[p:])
			}
			if p == start && !(r == '_' || IsXIDStart(r)) || p > start && !IsXIDContinue(r) {
				s.invalidChar(start, p, r, n)
				return
			}
			p += n
		}
	}
	s.pos = p
	s.emit(keyword(src[start:p]), start, p)
}

// invalidChar reports the character r at bad, which cannot be part of the
// name that starts at start: the name before it stays a Name token, the
// character becomes an Illegal one.
func (s *scanner) invalidChar(start, bad int, r rune, size int) {
	if bad > start {
		s.emit(Name, start, bad)
	}
	switch {
	case !s.reporting(): // spare building the message
	case unicode.IsPrint(r):
		s.errorAt(bad, "invalid character '"+string(r)+"' (U+"+hex4(r)+")")
	default:
		s.errorAt(bad, "invalid non-printable character U+"+hex4(r))
	}
	s.pos = bad + size
	s.emit(Illegal, bad, s.pos)
}

// utf8Error is CPython's message for the first invalid UTF-8 sequence in
// b, or "".
func utf8Error(b []byte) string {
	if utf8.Valid(b) {
		return ""
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || n > 1 {
			i += n
			continue
		}
		c := b[i]
		need, lo, hi := 0, byte(0x80), byte(0xBF)
		switch {
		case c >= 0xC2 && c <= 0xDF:
			need = 1
		case c >= 0xE0 && c <= 0xEF:
			need = 2
			if c == 0xE0 {
				lo = 0xA0
			} else if c == 0xED {
				hi = 0x9F
			}
		case c >= 0xF0 && c <= 0xF4:
			need = 3
			if c == 0xF0 {
				lo = 0x90
			} else if c == 0xF4 {
				hi = 0x8F
			}
		}
		prefix := "(unicode error) 'utf-8' codec can't decode "
		one := prefix + "byte 0x" + strconv.FormatUint(uint64(c), 16) + " in position " + strconv.Itoa(i) + ": "
		if need == 0 {
			return one + "invalid start byte"
		}
		for k := 1; k <= need; k++ {
			if i+k >= len(b) {
				if k == 1 {
					return one + "unexpected end of data"
				}
				return prefix + "bytes in position " + strconv.Itoa(i) + "-" + strconv.Itoa(len(b)-1) + ": unexpected end of data"
			}
			if cb := b[i+k]; cb < lo || cb > hi {
				return one + "invalid continuation byte"
			}
			lo, hi = 0x80, 0xBF
		}
		i++
	}
	return ""
}

// IsXIDStart reports whether r may start a Python identifier (Unicode
// XID_Start; _ is allowed separately).
func IsXIDStart(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	if notXID(r) {
		return false
	}
	return (unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Other_ID_Start, r)) &&
		!unicode.Is(unicode.Pattern_Syntax, r) && !unicode.Is(unicode.Pattern_White_Space, r)
}

// IsXIDContinue reports whether r may continue a Python identifier
// (Unicode XID_Continue).
func IsXIDContinue(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_'
	}
	if IsXIDStart(r) {
		return true
	}
	if r == 0x0E33 || r == 0x0EB3 || r == 0xFF9E || r == 0xFF9F {
		return true // XID_Continue though not XID_Start
	}
	if notXID(r) {
		return false
	}
	return (unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc) || unicode.Is(unicode.Other_ID_Continue, r)) &&
		!unicode.Is(unicode.Pattern_Syntax, r) && !unicode.Is(unicode.Pattern_White_Space, r)
}

// notXID holds the characters that are ID_Start or ID_Continue but whose
// NFKC form is not, so the XID properties leave them out.
func notXID(r rune) bool {
	switch r {
	case 0x037A, 0x0E33, 0x0EB3, 0x309B, 0x309C, 0xFDFA, 0xFDFB, 0xFF9E, 0xFF9F:
		return true
	}
	if r >= 0xFC5E && r <= 0xFC63 {
		return true
	}
	return r >= 0xFE70 && r <= 0xFE7E && r%2 == 0
}

// keyword is the kind of the name b: its keyword kind, or Name.
func keyword(b []byte) Kind {
	if len(b) < 2 || len(b) > 8 {
		return Name
	}
	switch string(b) {
	case "False":
		return KwFalse
	case "None":
		return KwNone
	case "True":
		return KwTrue
	case "and":
		return KwAnd
	case "as":
		return KwAs
	case "assert":
		return KwAssert
	case "async":
		return KwAsync
	case "await":
		return KwAwait
	case "break":
		return KwBreak
	case "class":
		return KwClass
	case "continue":
		return KwContinue
	case "def":
		return KwDef
	case "del":
		return KwDel
	case "elif":
		return KwElif
	case "else":
		return KwElse
	case "except":
		return KwExcept
	case "finally":
		return KwFinally
	case "for":
		return KwFor
	case "from":
		return KwFrom
	case "global":
		return KwGlobal
	case "if":
		return KwIf
	case "import":
		return KwImport
	case "in":
		return KwIn
	case "is":
		return KwIs
	case "lambda":
		return KwLambda
	case "nonlocal":
		return KwNonlocal
	case "not":
		return KwNot
	case "or":
		return KwOr
	case "pass":
		return KwPass
	case "raise":
		return KwRaise
	case "return":
		return KwReturn
	case "try":
		return KwTry
	case "while":
		return KwWhile
	case "with":
		return KwWith
	case "yield":
		return KwYield
	}
	return Name
}

// numError records a number error at the character before cur and skips
// the rest of the would-be literal, which becomes one Number token.
func (s *scanner) numError(start, cur int, msg string) {
	s.errorAt(s.lastChar(cur), msg)
	p := cur
	for p < len(s.src) && identChar[s.src[p]] {
		p++
	}
	s.pos = p
	s.emit(Number, start, p)
}

// lookahead reports whether the bytes at p are word and no name character
// follows.
func (s *scanner) lookahead(p int, word string) bool {
	for i := 0; i < len(word); i++ {
		if s.at(p+i) != int(word[i]) {
			return false
		}
	}
	return !isIdentByte(s.at(p + len(word)))
}

// endOfNumber checks what follows a number: c is the byte at cur. A name
// character is an error ("invalid decimal literal"), except for the
// keywords that may follow a number in valid code (and, else, for, if,
// in, is, not, or), which CPython only warns about.
func (s *scanner) endOfNumber(cur, c int, kind string) bool {
	r := false
	switch c {
	case 'a':
		r = s.lookahead(cur+1, "nd")
	case 'e':
		r = s.lookahead(cur+1, "lse")
	case 'f':
		r = s.lookahead(cur+1, "or")
	case 'i':
		c2 := s.at(cur + 1)
		r = c2 == 'f' || c2 == 'n' || c2 == 's'
	case 'o':
		r = s.lookahead(cur+1, "r")
	case 'n':
		r = s.lookahead(cur+1, "ot")
	}
	if !r && c >= 0 && c < utf8.RuneSelf && identChar[c] {
		return false
	}
	return true
}

// decimalTail skips digits and single underscores between digits from
// cur; it returns the position after them, or -1 after an error.
func (s *scanner) decimalTail(start, cur int) int {
	for {
		for isDigit(s.at(cur)) {
			cur++
		}
		if s.at(cur) != '_' {
			return cur
		}
		cur++
		if !isDigit(s.at(cur)) {
			s.numError(start, cur, "invalid decimal literal")
			return -1
		}
	}
}

// number scans a numeric literal starting with a digit at start.
func (s *scanner) number(start int) {
	cur := start + 1
	if s.src[start] != '0' {
		if cur = s.decimalTail(start, start); cur < 0 {
			return
		}
		s.floatRest(start, cur)
		return
	}
	switch s.at(cur) | 0x20 {
	case 'x':
		s.radix(start, cur+1, isHex, "hexadecimal", false)
		return
	case 'o':
		s.radix(start, cur+1, func(c int) bool { return c >= '0' && c <= '7' }, "octal", true)
		return
	case 'b':
		s.radix(start, cur+1, func(c int) bool { return c == '0' || c == '1' }, "binary", true)
		return
	}
	// Zeros, maybe an old-style octal or a float.
	for {
		if s.at(cur) == '_' {
			cur++
			if !isDigit(s.at(cur)) {
				s.numError(start, cur, "invalid decimal literal")
				return
			}
		}
		if s.at(cur) != '0' {
			break
		}
		cur++
	}
	zerosEnd := cur
	nonzero := false
	if isDigit(s.at(cur)) {
		nonzero = true
		if cur = s.decimalTail(start, cur); cur < 0 {
			return
		}
	}
	switch c := s.at(cur); c {
	case '.', 'e', 'E', 'j', 'J':
		s.floatRest(start, cur)
		return
	default:
		if nonzero {
			s.errorRange(start, zerosEnd, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", classSyntax)
			s.skipNumber(start, cur)
			return
		}
		if !s.endOfNumber(cur, c, "decimal") {
			s.numError(start, cur, "invalid decimal literal")
			return
		}
	}
	s.pos = cur
	s.emit(Number, start, cur)
}

func (s *scanner) skipNumber(start, cur int) {
	for cur < len(s.src) && identChar[s.src[cur]] {
		cur++
	}
	s.pos = cur
	s.emit(Number, start, cur)
}

var invalidMsg = map[string]string{
	"hexadecimal": "invalid hexadecimal literal",
	"octal":       "invalid octal literal",
	"binary":      "invalid binary literal",
}

// digitMsg is CPython's message for the digit c in a kind literal, built
// only while errors are still recorded.
func (s *scanner) digitMsg(c int, kind string) string {
	if !s.reporting() {
		return ""
	}
	return "invalid digit '" + string(rune(c)) + "' in " + kind + " literal"
}

// radix scans the digits of a 0x, 0o or 0b literal from cur.
func (s *scanner) radix(start, cur int, ok func(int) bool, kind string, digitErr bool) {
	for {
		c := s.at(cur)
		if c == '_' {
			cur++
			c = s.at(cur)
		}
		if !ok(c) {
			if digitErr && isDigit(c) {
				s.numError(start, cur+1, s.digitMsg(c, kind))
			} else {
				s.numError(start, cur, invalidMsg[kind])
			}
			return
		}
		for ok(s.at(cur)) {
			cur++
		}
		if s.at(cur) != '_' {
			break
		}
	}
	c := s.at(cur)
	if digitErr && isDigit(c) {
		s.numError(start, cur+1, s.digitMsg(c, kind))
		return
	}
	if !s.endOfNumber(cur, c, kind) {
		s.numError(start, cur, invalidMsg[kind])
		return
	}
	s.pos = cur
	s.emit(Number, start, cur)
}

// floatRest scans what may follow a decimal integer part ending at cur: a
// fraction, an exponent, a j suffix.
func (s *scanner) floatRest(start, cur int) {
	if s.at(cur) == '.' {
		cur++
		if isDigit(s.at(cur)) {
			if cur = s.decimalTail(start, cur); cur < 0 {
				return
			}
		}
	}
	s.exponent(start, cur)
}

func (s *scanner) exponent(start, cur int) {
	if c := s.at(cur); c == 'e' || c == 'E' {
		e := cur
		cur++
		c = s.at(cur)
		if c == '+' || c == '-' {
			cur++
			if !isDigit(s.at(cur)) {
				s.numError(start, cur, "invalid decimal literal")
				return
			}
		} else if !isDigit(c) {
			// Not an exponent: the number ends before the e.
			if !s.endOfNumber(e, 'e', "decimal") {
				s.numError(start, e, "invalid decimal literal")
				return
			}
			s.pos = e
			s.emit(Number, start, e)
			return
		}
		if cur = s.decimalTail(start, cur); cur < 0 {
			return
		}
	}
	c := s.at(cur)
	if c == 'j' || c == 'J' {
		cur++
		if !s.endOfNumber(cur, s.at(cur), "imaginary") {
			s.numError(start, cur, "invalid imaginary literal")
			return
		}
	} else if !s.endOfNumber(cur, c, "decimal") {
		s.numError(start, cur, "invalid decimal literal")
		return
	}
	s.pos = cur
	s.emit(Number, start, cur)
}

// operator scans an operator or delimiter at start.
func (s *scanner) operator(start int) {
	c := s.src[start]
	c2 := s.at(start + 1)
	k, n := Illegal, 1
	switch c {
	case '(', '[', '{':
		s.open(start, bracketKind[c])
		return
	case ')', ']', '}':
		s.close(start, bracketKind[c])
		return
	case ':':
		if s.nmodes > 0 {
			m := &s.modes[s.nmodes-1]
			if m.exprStart >= 0 && m.depth-1 == m.exprStart {
				s.pos = start + 1
				s.emit(Colon, start, s.pos)
				m.regular = false
				m.inSpec = true
				return
			}
		}
		k = Colon
		if c2 == '=' {
			k, n = ColonEqual, 2
		}
	case ',':
		k = Comma
	case ';':
		k = Semi
	case '~':
		k = Tilde
	case '.':
		if isDigit(c2) {
			s.floatRest(start, start)
			return
		}
		k = Dot
		if c2 == '.' && s.at(start+2) == '.' {
			k, n = Ellipsis, 3
		}
	case '-':
		if c2 == '>' {
			k, n = RArrow, 2
			break
		}
		k, n = opKind(c, c2, s.at(start+2))
	case '<':
		if c2 == '>' {
			k, n = NotEqual, 2
			break
		}
		k, n = opKind(c, c2, s.at(start+2))
	default:
		k, n = opKind(c, c2, s.at(start+2))
	}
	s.pos = start + n
	s.emit(k, start, s.pos)
}

var bracketKind = [256]Kind{'(': LPar, '[': LSqb, '{': LBrace, ')': RPar, ']': RSqb, '}': RBrace}

// opKinds gives, for the first byte of an operator that may be followed
// by '=' or doubled: the kinds of c, c=, cc and cc= (EOF where none).
var opKinds = [256][4]Kind{
	'+': {Plus, PlusEqual},
	'-': {Minus, MinEqual},
	'%': {Percent, PercentEqual},
	'&': {Amper, AmperEqual},
	'|': {VBar, VBarEqual},
	'^': {Circumflex, CircumflexEqual},
	'@': {At, AtEqual},
	'=': {Equal, EqEqual},
	'!': {Exclamation, NotEqual},
	'*': {Star, StarEqual, DoubleStar, DoubleStarEqual},
	'/': {Slash, SlashEqual, DoubleSlash, DoubleSlashEqual},
	'<': {Less, LessEqual, LeftShift, LeftShiftEqual},
	'>': {Greater, GreaterEqual, RightShift, RightShiftEqual},
}

// opKind is the longest operator starting with c, c2, c3 and its length.
func opKind(c byte, c2, c3 int) (Kind, int) {
	ks := &opKinds[c]
	switch {
	case c2 == '=':
		return ks[1], 2
	case c2 == int(c) && ks[2] != EOF:
		if c3 == '=' {
			return ks[3], 3
		}
		return ks[2], 2
	}
	return ks[0], 1
}

func (s *scanner) open(start int, k Kind) {
	s.pos = start + 1
	if s.level >= maxLevel {
		if s.overflow == 0 {
			s.errorAt(start, "too many nested parentheses")
		}
		s.overflow++
		s.emit(k, start, s.pos)
		return
	}
	s.parens[s.level] = paren{ch: s.src[start], pos: int32(start), line: s.line}
	s.level++
	if s.nmodes > 0 {
		s.modes[s.nmodes-1].depth++
	}
	s.emit(k, start, s.pos)
}

func (s *scanner) close(start int, k Kind) {
	c := s.src[start]
	s.pos = start + 1
	var m *fmode
	if s.nmodes > 0 {
		m = &s.modes[s.nmodes-1]
		if m.depth == 0 && c == '}' {
			if s.reporting() {
				s.errorAt(start, m.kind()+": single '}' is not allowed")
			}
			m.regular = false
			return
		}
	}
	if s.overflow > 0 {
		s.overflow--
		s.emit(k, start, s.pos)
		return
	}
	if s.level == 0 {
		if s.reporting() {
			s.errorAt(start, "unmatched '"+string(c)+"'")
		}
		return
	}
	s.level--
	open := s.parens[s.level]
	if !(open.ch == '(' && c == ')' || open.ch == '[' && c == ']' || open.ch == '{' && c == '}') {
		switch {
		case m != nil && open.ch == '{' && m.depth-1 == m.exprStart:
			if s.reporting() {
				s.errorAt(start, m.kind()+": unmatched '"+string(c)+"'")
			}
		case open.line != s.line:
			if s.reporting() {
				s.errorAt(start, "closing parenthesis '"+string(c)+"' does not match opening parenthesis '"+string(open.ch)+"' on line "+strconv.Itoa(int(open.line)))
			}
		default:
			if s.reporting() {
				s.errorAt(start, "closing parenthesis '"+string(c)+"' does not match opening parenthesis '"+string(open.ch)+"'")
			}
		}
	}
	if m != nil {
		m.depth--
		if m.depth < 0 {
			if s.reporting() {
				s.errorAt(start, m.kind()+": unmatched '"+string(c)+"'")
			}
			m.depth = 0
		}
		if c == '}' && m.depth == m.exprStart {
			m.exprStart--
			m.regular = false
			m.inSpec = false
		}
	}
	s.emit(k, start, s.pos)
}
