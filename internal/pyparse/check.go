package pyparse

import (
	"strconv"
	"strings"
)

// scan walks the flat tree once, in source order, collecting comments and
// syntax errors: tree-sitter ERROR and MISSING nodes plus constructs that
// tree-sitter accepts but CPython 3 rejects.
func (c *conv) scan(f *File) {
	errEnd := 0 // inside an ERROR subtree until this index: comments only
	for i := 0; i < c.limit; i++ {
		k := c.kind(i)
		if k == kComment {
			// tree-sitter's comment token takes the "\r" of a "\r\n"; the
			// line terminator is not part of the comment.
			r := c.rng(i)
			for r.End > r.Start && c.src[r.End-1] == '\r' {
				r.End--
			}
			f.Comments = append(f.Comments, Comment{Range: r, Text: c.s[r.Start:r.End]})
			continue
		}
		if i < errEnd {
			continue
		}
		if k == kError {
			f.Errors = append(f.Errors, SyntaxError{Range: c.firstLine(i), Msg: c.errorMsg(i)})
			errEnd = c.end(i)
			continue
		}
		if c.n[i].flags&flagMissing != 0 {
			name := c.t.nameOf(c.n[i].sym)
			msg := "missing " + name
			if !c.named(i) {
				msg = "missing " + strconv.Quote(name)
			}
			f.Errors = append(f.Errors, SyntaxError{Range: c.rng(i), Msg: msg})
			continue
		}
		switch k {
		case kPrintStatement:
			c.addErr(f, i, `missing parentheses in call to "print"`)
		case kExecStatement:
			c.addErr(f, i, `missing parentheses in call to "exec"`)
		case kModule:
			c.checkIndent(f, i, true)
		case kBlock:
			c.checkIndent(f, i, false)
		case kInteger:
			if msg := checkInteger(c.text(i)); msg != "" {
				f.Errors = append(f.Errors, SyntaxError{Range: c.rng(i), Msg: msg})
			}
		case kStringStart:
			if msg := checkPrefix(c.text(i)); msg != "" {
				f.Errors = append(f.Errors, SyntaxError{Range: c.rng(i), Msg: msg})
			}
		case kExceptClause:
			for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
				if !c.named(ch) && c.text(ch) == "," {
					f.Errors = append(f.Errors, SyntaxError{Range: c.rng(ch), Msg: "multiple exception types must be parenthesized"})
				}
			}
		case kRaiseStatement:
			if ch := c.childKind(i, kExpressionList); ch >= 0 {
				f.Errors = append(f.Errors, SyntaxError{Range: c.rng(ch), Msg: "invalid syntax"})
			}
		case kOther:
			if !c.named(i) && c.end(i) == i+1 && c.text(i) == "<>" {
				f.Errors = append(f.Errors, SyntaxError{Range: c.rng(i), Msg: `invalid operator "<>"`})
			}
		}
	}
}

// addErr reports msg on the first line of node i.
func (c *conv) addErr(f *File, i int, msg string) {
	f.Errors = append(f.Errors, SyntaxError{Range: c.firstLine(i), Msg: msg})
}

// firstLine returns the range of node i cut at the end of its first line.
func (c *conv) firstLine(i int) Range {
	r := c.rng(i)
	if nl := strings.IndexAny(c.s[r.Start:r.End], "\r\n"); nl >= 0 {
		r.End = r.Start + nl
	}
	return r
}

// errorMsg describes an ERROR node: the token when it holds a single one.
func (c *conv) errorMsg(i int) string {
	if c.end(i) == i+2 && c.end(i+1) == i+2 {
		if t := c.text(i + 1); t != "" && len(t) <= 20 {
			return "unexpected token " + strconv.Quote(t)
		}
	}
	if c.end(i) == i+1 && c.n[i].end > c.n[i].start && c.n[i].end-c.n[i].start <= 20 {
		return "unexpected token " + strconv.Quote(c.text(i))
	}
	return "invalid syntax"
}

// checkIndent reports statements of a block (or the module) that start a
// line at a different indentation than the block's first statement, and
// empty blocks. Module-level statements must start at column 0.
func (c *conv) checkIndent(f *File, i int, module bool) {
	ref := -1
	if module {
		ref = 0
	}
	seen := false
	for ch, e := i+1, min(c.end(i), c.limit); ch < e; ch = c.end(ch) {
		if !c.named(ch) || c.isTrivia(ch) {
			continue
		}
		seen = true
		if c.kind(ch) == kError {
			continue
		}
		col, ok := lineIndent(c.src, int(c.n[ch].start))
		if !ok {
			continue
		}
		switch {
		case ref < 0:
			ref = col
		case col > ref && prevIndent(c.src, int(c.n[ch].start)) > col:
			c.addErr(f, ch, "unindent does not match any outer indentation level")
		case col > ref:
			c.addErr(f, ch, "unexpected indent")
		case col < ref:
			c.addErr(f, ch, "unindent does not match any outer indentation level")
		}
	}
	if !module && !seen {
		f.Errors = append(f.Errors, SyntaxError{Range: c.rng(i), Msg: "expected an indented block"})
	}
}

// lineIndent returns the indentation column of the line holding off (tabs
// to the next multiple of 8) and whether only blanks precede off on it.
func lineIndent(src []byte, off int) (int, bool) {
	start := off
	for start > 0 && src[start-1] != '\n' && src[start-1] != '\r' {
		start--
		switch src[start] {
		case ' ', '\t', '\f':
		default:
			return 0, false
		}
	}
	col := 0
	for _, b := range src[start:off] {
		switch b {
		case '\t':
			col = (col/8 + 1) * 8
		case '\f':
			col = 0
		default:
			col++
		}
	}
	return col, true
}

// prevIndent returns the indentation of the last line before the one
// holding off that has code (not blank, not only a comment), or -1.
func prevIndent(src []byte, off int) int {
	end := off
	for end > 0 && src[end-1] != '\n' && src[end-1] != '\r' {
		end--
	}
	for end > 0 {
		// end is the start of a line; step to the previous line.
		lineEnd := end - 1
		if lineEnd > 0 && src[lineEnd] == '\n' && src[lineEnd-1] == '\r' {
			lineEnd--
		}
		start := lineEnd
		for start > 0 && src[start-1] != '\n' && src[start-1] != '\r' {
			start--
		}
		j := start
		for j < lineEnd && (src[j] == ' ' || src[j] == '\t' || src[j] == '\f') {
			j++
		}
		if j < lineEnd && src[j] != '#' {
			col, _ := lineIndent(src, j)
			return col
		}
		end = start
	}
	return -1
}

// checkInteger reports Python 2 integer forms: 0777 and 10L.
func checkInteger(t string) string {
	if t == "" {
		return ""
	}
	if last := t[len(t)-1]; last == 'l' || last == 'L' {
		return "invalid integer literal suffix " + strconv.Quote(string(last))
	}
	if strings.ContainsAny(t, ".eEjJxXoObB") {
		return ""
	}
	if len(t) > 1 && t[0] == '0' && strings.Trim(t, "0_") != "" {
		return "leading zeros in decimal integer literals are not permitted"
	}
	return ""
}

// checkPrefix reports backquotes and string prefixes Python 3 rejects.
func checkPrefix(start string) string {
	if strings.HasPrefix(start, "`") {
		return "backquotes are not python 3 syntax, use repr()"
	}
	p := strings.ToLower(strings.TrimRight(start, "'\""))
	switch p {
	case "", "r", "u", "b", "br", "rb", "f", "fr", "rf":
		return ""
	}
	return "invalid string prefix " + strconv.Quote(p)
}
