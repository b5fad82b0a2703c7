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
	// end is the index of the token ending the line; lastEq that of its
	// last `=` outside brackets (-1 if none).
	end, lastEq int
	// tuple: a comma outside brackets, or in the first ones, comes before
	// lastEq, so a target may be one element of a tuple or list.
	tuple bool
	// value caches valueHolds for the line: 0 unknown, 1 false, 2 true.
	value uint8
}

// line finds the logical line that starts at token a: up to a NEWLINE,
// INDENT, DEDENT, end of file or `;` outside brackets. It returns the index
// of the token that ends it.
func (s *passwordScan) line(a int) int {
	t := s.t
	s.lastEq, s.value, s.tuple = -1, 0, false
	depth, comma := 0, -1
	defer func() { s.tuple = comma >= 0 && comma < s.lastEq }()
	for i := a; i < t.Len(); i++ {
		switch k := t.Kind(i); {
		case k == pyparse.TokenNewline || k == pyparse.TokenEOF:
			s.end = i
			return i
		case comma < 0 && depth <= 1 && t.Is(i, ","):
			comma = i
		case k != pyparse.TokenOp:
		case isOpener(t, i):
			depth++
		case isCloser(t, i):
			depth = max(depth-1, 0)
		case depth == 0 && t.Is(i, ";"):
			s.end = i
			return i
		case depth == 0 && t.Is(i, "="):
			s.lastEq = i
		}
	}
	s.end = t.Len()
	return s.end
}

// targets reports whether a secret-named target of the line [a, b) may be
// given a literal.
func (s *passwordScan) targets(a, b int) bool {
	t := s.t
	depth := 0
	for i := a; i < b; i++ {
		switch t.Kind(i) {
		case pyparse.TokenOp:
			if isOpener(t, i) {
				depth++
			} else if isCloser(t, i) {
				depth = max(depth-1, 0)
			}
		case pyparse.TokenName:
			if secretTarget(string(t.Bytes(i))) && s.given(i+1, depth, nil) {
				return true
			}
		case pyparse.TokenString, pyparse.TokenFStringStart:
			if i > a && continuesLiteral(t, i-1) {
				continue // a later piece of a literal already read
			}
			// The tokens of its fields are read next, so a literal inside
			// one is seen as well; the depth after it is the depth before.
			lit := t.Literal(i)
			if s.given(lit.End, depth, &lit) {
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

// given reports whether the target that ends before token j, at bracket
// depth depth, may be given a literal: a Name already known to be
// secret-named (key nil), or the literal key, which is checked only once
// the tokens after it make it a target.
func (s *passwordScan) given(j, depth int, key *pyparse.Literal) bool {
	t := s.t
	closed := 0
	for j < s.end && (t.Is(j, ")") || t.Is(j, "]")) {
		j++ // `(password) = ...`, `x["password"] = ...`
		depth = max(depth-1, 0)
		closed++
	}
	if j >= s.end {
		return false
	}
	switch {
	case t.Is(j, "="):
		// A keyword, a default, or an assignment: its value starts after
		// the `=`, or, outside brackets, after the line's last `=` (a
		// chain), where it may also be a tuple given to a tuple of targets.
		if !secretKey(key) {
			return false
		}
		switch {
		case s.valueAt(j + 1):
			return true
		case depth > 0:
			return false
		case s.tuple || closed > 0:
			return s.valueHolds()
		}
		return s.valueAt(s.lastEq + 1)
	case t.Is(j, ":="):
		return secretKey(key) && s.valueAt(j+1)
	case t.Is(j, ":"):
		switch {
		case !secretKey(key):
			return false
		case key != nil && s.valueAt(j+1): // a dict entry
			return true
		case depth == 0: // an annotated assignment
			return s.lastEq > j && s.valueAt(s.lastEq+1)
		case key != nil: // a literal key or slice: no annotation
			return false
		}
		eq, ok := s.annotationEnd(j + 1) // an annotated parameter
		return !ok || eq >= 0 && s.valueAt(eq+1)
	case t.Is(j, ","):
		// One target of a tuple assignment `u, password = ...`.
		return depth <= 1 && s.lastEq > j && secretKey(key) && s.valueHolds()
	}
	return false
}

// secretKey reports whether key, a literal target (nil for a Name, already
// checked), is secret-named, or may be.
func secretKey(key *pyparse.Literal) bool {
	return key == nil || secretTarget(keyText(key))
}

// keyText is the value of a literal used as a key or subscript, or a
// secret name when it is written in a way this prefilter does not read
// (escapes, concatenation, fields, bad escapes): the caller then goes on
// as if it were secret-named.
func keyText(key *pyparse.Literal) string {
	const unsure = "password"
	if key.Pieces > 1 || key.Fields || key.Escaped {
		return unsure
	}
	v, ok := key.Text()
	if !ok {
		return unsure
	}
	return v
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
		case isOpener(t, i):
			depth++
		case isCloser(t, i):
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

// valueHolds reports whether the value after the line's last `=` outside
// brackets may hold a literal given to a target: the value itself, or an
// element of the tuple or list it is (`"a", "b"`, `("a", "b")`).
func (s *passwordScan) valueHolds() bool {
	if s.value == 0 {
		s.value = 1
		if s.tupleValue(s.lastEq + 1) {
			s.value = 2
		}
	}
	return s.value == 2
}

func (s *passwordScan) tupleValue(v int) bool {
	if v <= 0 || v >= s.end {
		return false
	}
	t := s.t
	if s.valueAt(v) {
		return true
	}
	// Element separators are the commas outside brackets and inside the
	// brackets the value opens with.
	wrap := 0
	for i := v; i < s.end && (t.Is(i, "(") || t.Is(i, "[")); i++ {
		wrap++
		if s.valueAt(i + 1) {
			return true
		}
	}
	depth := 0
	for i := v; i < s.end; i++ {
		switch {
		case isOpener(t, i):
			depth++
		case isCloser(t, i):
			depth = max(depth-1, 0)
			wrap = min(wrap, depth) // the brackets it opened with are closing
		case depth <= wrap && t.Is(i, ",") && s.valueAt(i+1):
			return true
		}
	}
	return false
}

// valueAt reports whether the expression starting at token k may be a
// literal that DAG302 reports: after any opening parentheses, a string
// literal that is not a placeholder or reference, or that this prefilter
// cannot read.
func (s *passwordScan) valueAt(k int) bool {
	t := s.t
	for k < s.end && t.Is(k, "(") {
		k++
	}
	if k >= s.end {
		return false
	}
	if kind := t.Kind(k); kind != pyparse.TokenString && kind != pyparse.TokenFStringStart {
		return false
	}
	lit := t.Literal(k)
	if lit.Fields {
		return true
	}
	v, ok := lit.Text()
	return !ok || hardcodedSecret(v)
}

func isOpener(t *pyparse.Tokens, i int) bool {
	return t.Kind(i) == pyparse.TokenOp && (t.Is(i, "(") || t.Is(i, "[") || t.Is(i, "{"))
}

func isCloser(t *pyparse.Tokens, i int) bool {
	return t.Kind(i) == pyparse.TokenOp && (t.Is(i, ")") || t.Is(i, "]") || t.Is(i, "}"))
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
			if n := len(open); n > 0 && t.Is(i, "{") {
				open[n-1].depth++
			} else if n > 0 && t.Is(i, "}") {
				open[n-1].depth--
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
