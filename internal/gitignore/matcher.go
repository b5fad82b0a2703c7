package gitignore

// Matcher matches a path against patterns given in increasing precedence:
// info/exclude first, then the ignore files from the top folder down, each
// in line order.
type Matcher []Pattern

// NewMatcher returns the matcher over ps (which it does not copy).
func NewMatcher(ps []Pattern) Matcher { return Matcher(ps) }

// Match reports whether path is ignored: the last pattern that says
// anything about it decides, a "!" pattern bringing it back.
func (m Matcher) Match(path []string, isDir bool) bool {
	for i := len(m) - 1; i >= 0; i-- {
		if r := m[i].Match(path, isDir); r != NoMatch {
			return r == Exclude
		}
	}
	return false
}
