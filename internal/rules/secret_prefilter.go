package rules

import (
	"bytes"

	"github.com/daglint/daglint/internal/pyparse"
	"github.com/daglint/daglint/internal/secrets"
)

// The token prefilters of DAG301 and DAG302 (analysis.Rule.Prefilter): the
// driver asks them about files whose bytes hint only at secret-like words,
// and parses such a file only when one says the rule could report in it.
// Both say true whenever they are unsure: when the tokenizer failed (the
// parser then reads a relaid-out stream), and for the odd shapes named
// below.

// maxAnnotation bounds the tokens read after `name:` inside brackets in
// search of the `=` of a parameter default; a longer annotation counts as
// one that has a default.
const maxAnnotation = 256

// mayHardcodePassword is DAG302's prefilter: it reports whether a string
// literal may be the value given to a secret-named target (secretTarget),
// in any of the shapes runHardcodedPassword and checkAssign read:
// `NAME = "lit"`, `a.NAME = "lit"`, `x["NAME"] = "lit"`, chained and tuple
// assignments (`a = NAME = "lit"`, `u, NAME = "a", "b"`, `[u, NAME] = [...]`),
// annotated ones (`NAME: T = "lit"`), `NAME := "lit"`, a dict entry
// `"NAME": "lit"`, a keyword `NAME="lit"` and parameter defaults (`def f(NAME="lit")`,
// `NAME: str = "lit"`, lambda), with the literal in parentheses, implicitly
// concatenated, bytes or an f-string. A literal the rule would take for a
// placeholder or a reference (hardcodedSecret false) does not count; one
// with replacement fields or bad escapes does, and so does a key written
// with escapes, implicit concatenation or fields.
func mayHardcodePassword(t *pyparse.Tokens) bool {
	if t.ScanFailed() {
		return true
	}
	s := passwordScan{t: t}
	for a := 0; a < t.Len(); {
		b := s.line(a)
		if s.targets(a, b) {
			return true
		}
		a = b + 1
	}
	return false
}

// passwordScan holds the logical line mayHardcodePassword is reading.
type passwordScan struct {
	t *pyparse.Tokens
	// end is the index of the token ending the line; firstEq and lastEq
	// those of its first and last `=` outside brackets (-1 if none).
	end, firstEq, lastEq int
	// tuple: a comma outside brackets, or in the first ones, comes before
	// lastEq, so a target may be one element of a tuple or list.
	tuple bool
	// starts and elems cache valueStarts and valueElems for the line: 0
	// unknown, 1 false, 2 true.
	starts, elems uint8
}

// line finds the logical line that starts at token a: up to a NEWLINE,
// INDENT, DEDENT, end of file or `;` outside brackets. It returns the index
// of the token that ends it.
func (s *passwordScan) line(a int) int {
	t := s.t
	s.firstEq, s.lastEq, s.starts, s.elems = -1, -1, 0, 0
	depth, comma := 0, -1
	s.end = t.Len()
scan:
	for i := a; i < t.Len(); i++ {
		switch k := t.Kind(i); {
		case k == pyparse.TokenNewline || k == pyparse.TokenEOF:
			s.end = i
			break scan
		case k != pyparse.TokenOp:
		case t.Bracket(i) > 0:
			depth++
		case t.Bracket(i) < 0:
			depth = max(depth-1, 0)
		default:
			switch opByte(t, i) {
			case ',':
				if comma < 0 && depth <= 1 {
					comma = i
				}
			case ';':
				if depth == 0 {
					s.end = i
					break scan
				}
			case '=':
				if depth == 0 {
					if s.firstEq < 0 {
						s.firstEq = i
					}
					s.lastEq = i
				}
			}
		}
	}
	s.tuple = comma >= 0 && comma < s.lastEq
	return s.end
}

// opByte returns the operator or delimiter of one character at token i
// (`=`, `,`, `)` ...), or 0 for any other token (`:=` included):
// opByte(t, i) == '=' says what t.Is(i, "=") says, reading the token once
// for all the operators a test looks for.
func opByte(t *pyparse.Tokens, i int) byte {
	if t.Kind(i) != pyparse.TokenOp {
		return 0
	}
	if b := t.Bytes(i); len(b) == 1 {
		return b[0]
	}
	return 0
}

// targets reports whether a secret-named target of the line [a, b) may be
// given a literal.
func (s *passwordScan) targets(a, b int) bool {
	t := s.t
	depth := 0
	for i := a; i < b; i++ {
		switch t.Kind(i) {
		case pyparse.TokenOp:
			depth = max(depth+t.Bracket(i), 0)
		case pyparse.TokenName:
			if s.given(i+1, depth, target{name: i}) {
				return true
			}
		case pyparse.TokenString, pyparse.TokenFStringStart:
			if i > a && continuesLiteral(t, i-1) {
				continue // a later piece of a literal already read
			}
			// The tokens of its fields are read next, so a literal inside
			// one is seen as well; the depth after it is the depth before.
			lit := t.Literal(i)
			if s.given(lit.End, depth, target{key: &lit}) {
				return true
			}
		}
	}
	return false
}

// continuesLiteral reports whether token i ends a string literal piece, so
// that a literal right after it is part of the same implicit
// concatenation.
func continuesLiteral(t *pyparse.Tokens, i int) bool {
	k := t.Kind(i)
	return k == pyparse.TokenString || k == pyparse.TokenFStringEnd
}

// target is a Name (the index of its token) or a literal key or subscript
// that may be given a value.
type target struct {
	name int
	key  *pyparse.Literal
}

// secret reports whether the target is secret-named, or may be.
func (s *passwordScan) secret(tg target) bool {
	if tg.key == nil {
		return secretTargetBytes(s.t.Bytes(tg.name))
	}
	return secretKey(tg.key)
}

// secretTargetBytes is secretTarget of a name in the source. Most names are
// not secret-like, and secrets.IsSecretName tells so without keeping the
// name, so the conversion for it allocates nothing (the compiler converts
// short bytes that do not escape on the stack); only a secret-like name is
// converted again for secretTarget.
func secretTargetBytes(name []byte) bool {
	return secrets.IsSecretName(string(name)) && secretTarget(string(name))
}

// given reports whether tg, the target that ends before token j at
// bracket depth depth, is secret-named and may be given a literal. Its
// name is read only once the tokens after it make it a target.
func (s *passwordScan) given(j, depth int, tg target) bool {
	key := tg.key
	t := s.t
	closed := 0
	op := byte(0)
	for ; j < s.end; j++ {
		if op = opByte(t, j); op != ')' && op != ']' {
			break
		}
		// `(password) = ...`, `x["password"] = ...`
		depth = max(depth-1, 0)
		closed++
	}
	if j >= s.end {
		return false
	}
	switch {
	case op == '=':
		// A keyword, a default, or an assignment: its value starts after
		// the `=`, or, outside brackets, after the line's last `=` (a
		// chain), where it may also be a tuple given to a tuple of targets.
		if s.reported(tg, s.literalAt(j+1)) {
			return true
		}
		switch {
		case depth > 0:
			return false
		case s.tuple || closed > 0:
			return s.secret(tg) && s.valueElems()
		}
		return s.secret(tg) && s.valueStarts()
	case op == 0 && t.Is(j, ":="):
		return s.reported(tg, s.literalAt(j+1))
	case op == ':':
		switch {
		case depth == 0: // an annotated assignment
			return s.lastEq > j && s.secret(tg) && s.valueStarts()
		case key != nil: // a dict entry
			return s.reported(tg, s.literalAt(j+1))
		case !s.secret(tg):
			return false
		}
		eq, ok := s.annotationEnd(j + 1) // an annotated parameter
		return !ok || eq >= 0 && s.reported(tg, s.literalAt(eq+1))
	case op == ',':
		// One target of a tuple assignment `u, password = ...`.
		return depth <= 1 && s.lastEq > j && s.secret(tg) && s.valueElems()
	}
	return false
}

// reported reports whether tg is secret-named and the literal at token
// lit (-1: none) is one DAG302 reports; the cheap test first.
func (s *passwordScan) reported(tg target, lit int) bool {
	return lit >= 0 && s.secret(tg) && s.literalReported(lit)
}

// secretKey reports whether key, a literal used as a key or subscript, is
// secret-named, or may be: one written with escapes, concatenation or
// fields is taken for secret-named.
func secretKey(key *pyparse.Literal) bool {
	if body, ok := key.Raw(); ok {
		return secretTargetBytes(body)
	}
	return true
}

// annotationEnd finds the `=` after the annotation that starts at token k
// inside brackets: the index of the `=`, -1 when the annotation ends
// without one (at a `,` or the closing bracket), and false when it is
// longer than maxAnnotation tokens.
func (s *passwordScan) annotationEnd(k int) (int, bool) {
	t := s.t
	depth := 0
	for i := k; i < s.end; i++ {
		if i-k > maxAnnotation {
			return -1, false
		}
		switch {
		case t.Bracket(i) > 0:
			depth++
		case t.Bracket(i) < 0:
			if depth == 0 {
				return -1, true
			}
			depth--
		case depth == 0 && t.Is(i, ","):
			return -1, true
		case depth == 0 && t.Is(i, "="):
			return i, true
		}
	}
	return -1, true
}

// valueStarts reports whether a literal DAG302 may report follows one of
// the line's `=` outside brackets. Every one counts, not only the last: the
// value of a chain `a = b = "lit"` follows the last, but where the line
// does not parse, the statement the parser recovers may end earlier.
func (s *passwordScan) valueStarts() bool {
	return cached(&s.starts, func() bool { return s.values(false) })
}

// valueElems is valueStarts for a tuple or list of targets: the literal may
// also be an element of the value (`"a", "b"`, `("a", "b")`, `["a", "b"]`).
func (s *passwordScan) valueElems() bool {
	return cached(&s.elems, func() bool { return s.values(true) })
}

// cached evaluates f once for the line, keeping its result in *c.
func cached(c *uint8, f func() bool) bool {
	if *c == 0 {
		*c = 1
		if f() {
			*c = 2
		}
	}
	return *c == 2
}

// values reads the line from its first `=` outside brackets: whether a
// literal DAG302 may report starts a value after one of them, or, with
// elems, is an element of such a value (after a comma outside brackets or
// inside the brackets the value opens with).
func (s *passwordScan) values(elems bool) bool {
	if s.firstEq < 0 {
		return false
	}
	t := s.t
	depth, wrap := 0, 0
	for i := s.firstEq; i < s.end; i++ {
		switch {
		case depth == 0 && t.Is(i, "="):
			if s.valueAt(i + 1) {
				return true
			}
			wrap = 0
			for k := i + 1; elems && k < s.end && (t.Is(k, "(") || t.Is(k, "[")); k++ {
				wrap++
				if s.valueAt(k + 1) {
					return true
				}
			}
		case t.Bracket(i) > 0:
			depth++
		case t.Bracket(i) < 0:
			depth = max(depth-1, 0)
			wrap = min(wrap, depth) // the brackets it opened with are closing
		case elems && depth <= wrap && t.Is(i, ",") && s.valueAt(i+1):
			return true
		}
	}
	return false
}

// valueAt reports whether the expression starting at token k may be a
// literal that DAG302 reports.
func (s *passwordScan) valueAt(k int) bool {
	lit := s.literalAt(k)
	return lit >= 0 && s.literalReported(lit)
}

// literalAt returns the index of the string literal that starts the
// expression at token k after any opening parentheses, or -1.
func (s *passwordScan) literalAt(k int) int {
	t := s.t
	for k < s.end && t.Is(k, "(") {
		k++
	}
	if k >= s.end {
		return -1
	}
	if kind := t.Kind(k); kind != pyparse.TokenString && kind != pyparse.TokenFStringStart {
		return -1
	}
	return k
}

// literalReported reports whether the literal starting at token k is one
// DAG302 reports: not a placeholder or reference, or one this prefilter
// cannot read (replacement fields, bad escapes).
func (s *passwordScan) literalReported(k int) bool {
	lit := s.t.Literal(k)
	if lit.Fields {
		return true
	}
	v, ok := lit.Text()
	return !ok || hardcodedSecret(v)
}

// mayHideToken is DAG301's prefilter. The driver has already found no
// token prefix, "private key" or URL with user info in the file's bytes,
// and none of those with a Slack webhook path; so DAG301 can only find a
// credential that the raw bytes do not show: in a literal whose escapes
// decode to one, or one that implicit concatenation joins. It reports
// whether the decoded text of a literal with escapes or several pieces
// (fields left out, a superset of what DAG301 joins), or of a format spec
// with escapes, may hold one (secrets.MayContainToken), or cannot be
// decoded.
func mayHideToken(t *pyparse.Tokens) bool {
	if t.ScanFailed() {
		return true
	}
	type fstring struct {
		raw   bool
		depth int // open braces of its replacement fields
	}
	var open []fstring
	for i := 0; i < t.Len(); i++ {
		switch t.Kind(i) {
		case pyparse.TokenString, pyparse.TokenFStringStart:
			if t.Kind(i) == pyparse.TokenFStringStart {
				open = append(open, fstring{raw: t.FStringRaw(i)})
			}
			if i > 0 && continuesLiteral(t, i-1) {
				continue
			}
			if lit := t.Literal(i); lit.Pieces > 1 || lit.Escaped {
				v, ok := lit.Text()
				if !ok || secrets.MayContainToken([]byte(v)) {
					return true
				}
			}
		case pyparse.TokenFStringEnd:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case pyparse.TokenOp:
			if n := len(open); n > 0 {
				open[n-1].depth += t.Bracket(i) // > 0 inside a replacement field
			}
		case pyparse.TokenFStringMiddle:
			// A format spec's text is a literal of its own, not part of the
			// f-string's (whose own text Literal.Text reads).
			if n := len(open); n > 0 && open[n-1].depth > 0 && !open[n-1].raw && bytes.IndexByte(t.Bytes(i), '\\') >= 0 {
				v, ok := t.MiddleValue(i, i+1, false)
				if !ok || secrets.MayContainToken([]byte(v)) {
					return true
				}
			}
		}
	}
	return false
}
