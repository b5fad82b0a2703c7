package scan

import "strconv"

// plainByte marks the bytes a string body scan can skip without looking:
// everything but quotes, backslashes and line ends.
var plainByte [256]bool

func init() {
	for c := range plainByte {
		plainByte[c] = true
	}
	for _, c := range []byte("'\"\\\n\r") {
		plainByte[c] = false
	}
}

// eofLine is the line CPython names when a literal is still open at the
// end of the input: the last line that has any character.
func (s *scanner) eofLine() int {
	n := len(s.src)
	if n > 0 && (s.src[n-1] == '\n' || s.src[n-1] == '\r') {
		return int(s.line) - 1
	}
	return int(s.line)
}

// stringAt scans a plain or bytes string literal whose prefix starts at
// start and whose opening quote is at q.
func (s *scanner) stringAt(start, q int) {
	src := s.src
	startLine := s.line
	quote := src[q]
	cur := q + 1
	size := 1
	if s.at(cur) == int(quote) {
		if s.at(cur+1) != int(quote) {
			s.pos = cur + 1
			s.emit(String, start, s.pos)
			return
		}
		size = 3
		cur += 2
	}
	escapedQuote := -1 // the last escaped quote
	if s.failQuote == [2]byte{quote, byte(size)} && q > s.failFrom && q < s.failAt {
		cur = s.failAt
		s.line = s.failLine
		if s.failEscaped > q {
			escapedQuote = s.failEscaped
		}
	}
	for {
		for cur < len(src) && plainByte[src[cur]] {
			cur++
		}
		if cur >= len(src) {
			s.unterminated(start, q, cur, size, escapedQuote, startLine)
			return
		}
		switch c := src[cur]; c {
		case '\n', '\r':
			if size == 1 {
				s.unterminated(start, q, cur, size, escapedQuote, startLine)
				return
			}
			cur += s.lineEnd(cur)
			s.line++
		case '\\':
			cur++
			if cur < len(src) {
				switch src[cur] {
				case quote:
					escapedQuote = cur
					cur++
				case '\n', '\r':
					cur += s.lineEnd(cur)
					s.line++
				default:
					cur++
				}
			}
		default: // a quote
			cur++
			if c != quote {
				continue
			}
			if size == 1 {
				s.pos = cur
				s.emit(String, start, cur)
				return
			}
			if s.at(cur) == int(quote) && s.at(cur+1) == int(quote) {
				s.pos = cur + 2
				s.emit(String, start, s.pos)
				return
			}
		}
	}
}

// unterminated reports a string literal still open at cur (a line end or
// the end of the input) and recovers: the literal becomes a String token
// up to cur, or, when its quote is the enclosing f-string's, the quote
// closes that f-string.
func (s *scanner) unterminated(start, q, cur, size, escapedQuote int, startLine int32) {
	s.failQuote = [2]byte{s.src[q], byte(size)}
	s.failFrom, s.failAt, s.failLine, s.failEscaped = q, cur, s.line, escapedQuote
	if s.nmodes > 0 {
		m := &s.modes[s.nmodes-1]
		if m.quote == s.src[q] && int(m.quoteSize) == size {
			// The '{' of the field the literal is in.
			field := s.parens[max(0, min(s.level-int(m.depth)+int(m.exprStart), s.level-1))]
			if field.line != startLine {
				if s.reporting() {
					s.errorAt(start, m.kind()+": expecting '}' to close '{' on line "+strconv.Itoa(int(field.line)))
				}
			} else {
				if s.reporting() {
					s.errorAt(start, m.kind()+": expecting '}'")
				}
			}
			s.overshoot += cur - q // the rest of the line is read again
			if start < q {
				s.emit(Name, start, q)
			}
			s.pos = q + size
			s.emit(FStringEnd, q, s.pos)
			s.level = int(m.level)
			s.nmodes--
			return
		}
	}
	switch {
	case size == 3:
		if s.reporting() {
			s.errorAt(start, "unterminated triple-quoted string literal (detected at line "+strconv.Itoa(s.eofLine())+")")
		}
	case escapedQuote >= 0:
		if s.reporting() {
			s.errorAt(start, "unterminated string literal (detected at line "+strconv.Itoa(int(s.line))+"); perhaps you escaped the end quote?")
		}
	default:
		if s.reporting() {
			s.errorAt(start, "unterminated string literal (detected at line "+strconv.Itoa(int(s.line))+")")
		}
	}
	s.pos = cur
	s.emit(String, start, cur)
}

// fstringStart opens an f-string or t-string whose prefix starts at start
// and whose quote is at q.
func (s *scanner) fstringStart(start, q int, raw, tstring bool) {
	quote := s.src[q]
	cur := q + 1
	size := 1
	if s.at(cur) == int(quote) && s.at(cur+1) == int(quote) {
		size = 3
		cur += 2
	}
	if s.nmodes+1 >= maxFStrings {
		s.errorAt(s.lastChar(cur), "too many nested f-strings or t-strings")
		s.stringAt(start, q)
		return
	}
	s.modes[s.nmodes] = fmode{
		start:     int32(start),
		line:      s.line,
		level:     int32(s.level),
		exprStart: -1,
		quote:     quote,
		quoteSize: int8(size),
		raw:       raw,
		tstring:   tstring,
	}
	s.nmodes++
	s.pos = cur
	s.emit(FStringStart, start, cur)
}

// enterField switches the innermost f-string to a replacement field whose
// '{' is at s.pos.
func (s *scanner) enterField(m *fmode) {
	m.exprStart++
	if m.exprStart >= maxExprNesting {
		if s.reporting() {
			s.errorAt(s.lastChar(s.pos), m.kind()+": expressions nested too deeply")
		}
	}
	m.regular = true
	m.inSpec = false
}

// fstring scans in f-string mode: the literal text of the innermost
// f-string (or of its format spec) up to a replacement field, the end of
// the spec, or the closing quote.
func (s *scanner) fstring() {
	src := s.src
	m := &s.modes[s.nmodes-1]
	start := s.pos
	size := int(m.quoteSize)
	quote := int(m.quote)
	inSpec := m.inSpec && m.exprStart >= 0
	if s.at(start) == '{' && (s.at(start+1) != '{' || inSpec) {
		s.enterField(m)
		return
	}
	if s.at(start) == quote && (size == 1 || s.at(start+1) == quote && s.at(start+2) == quote) {
		s.pos = start + size
		s.emit(FStringEnd, start, s.pos)
		s.level = int(m.level)
		s.nmodes--
		return
	}
	cur := start
	namedEscape := false
	for {
		for cur < len(src) && plainFByte[src[cur]] {
			cur++
		}
		c := s.at(cur)
		switch c {
		case -1:
			s.unterminatedF(m, start, cur)
			return
		case '\n', '\r':
			if size == 1 {
				if inSpec {
					if s.reporting() {
						s.errorAt(cur, m.kind()+": newlines are not allowed in format specifiers for single quoted "+m.kind()+"s")
					}
					s.middle(start, cur)
					m.regular = true
					m.inSpec = false
					return
				}
				s.unterminatedF(m, start, cur)
				return
			}
			cur += s.lineEnd(cur)
			s.line++
		case '{':
			if s.at(cur+1) != '{' || inSpec {
				s.middle(start, cur)
				s.enterField(m)
				return
			}
			cur += 2
		case '}':
			if namedEscape {
				namedEscape = false
				cur++
				continue
			}
			if s.at(cur+1) == '}' && !inSpec && m.depth == 0 {
				cur += 2
				continue
			}
			s.middle(start, cur)
			m.regular = true
			m.inSpec = false
			return
		case '\\':
			c2 := s.at(cur + 1)
			switch {
			case c2 == '{' || c2 == '}':
				cur++
			case c2 == '\n' || c2 == '\r':
				cur++
				cur += s.lineEnd(cur)
				s.line++
			case c2 == 'N' && !m.raw && s.at(cur+2) == '{':
				namedEscape = true
				cur += 3
			case c2 < 0:
				cur++
			default:
				cur += 2
			}
		default: // a quote
			if c == quote && (size == 1 || s.at(cur+1) == quote && s.at(cur+2) == quote) {
				s.middle(start, cur)
				return
			}
			cur++
		}
	}
}

// plainFByte marks the bytes an f-string literal scan can skip.
var plainFByte [256]bool

func init() {
	plainFByte = plainByte
	plainFByte['{'] = false
	plainFByte['}'] = false
}

// middle emits the literal text [start, end) of an f-string, if any, and
// moves to end.
func (s *scanner) middle(start, end int) {
	if end > start {
		s.emit(FStringMiddle, start, end)
	}
	s.pos = end
}

// unterminatedF reports the innermost f-string still open at cur (a line
// end of a single-quoted one, or the end of the input) and closes it and
// every f-string around it.
func (s *scanner) unterminatedF(m *fmode, start, cur int) {
	if m.quoteSize == 3 {
		if s.reporting() {
			s.errorAt(int(m.start), "unterminated triple-quoted "+m.kind()+" literal (detected at line "+strconv.Itoa(s.eofLine())+")")
		}
	} else {
		if s.reporting() {
			s.errorAt(int(m.start), "unterminated "+m.kind()+" literal (detected at line "+strconv.Itoa(int(s.line))+")")
		}
	}
	s.middle(start, cur)
	for s.nmodes > 0 {
		s.emit(FStringEnd, cur, cur)
		s.level = int(s.modes[s.nmodes-1].level)
		s.nmodes--
	}
}
