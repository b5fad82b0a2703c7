package lint

import (
	"fmt"
	"strings"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/fix"
	"github.com/daglint/daglint/internal/pyparse"
)

// SuppressionForm is a kind of suppression comment an editor can add.
type SuppressionForm int

// Suppression comment forms.
const (
	// Noqa is `# noqa: DAG101` at the end of the finding's line, or the
	// code added to the `# noqa:` list already there.
	Noqa SuppressionForm = iota
	// Ignore is `# daglint: ignore[DAG101]` on its own line above the
	// finding's, or the code added to such a comment on that line or the
	// finding's own.
	Ignore
)

// SuppressEdit returns the edit that silences d in src with a comment of the
// given form. The edit is checked by linting the edited text with opts: ok
// is false unless the finding is gone, the comment is a real comment (not
// text inside a string) and the file parses as well as before.
func SuppressEdit(path string, src []byte, d analysis.Diagnostic, form SuppressionForm, opts Options) (analysis.TextEdit, bool) {
	file := pyparse.Parse(path, src)
	var edit analysis.TextEdit
	var ok bool
	switch form {
	case Noqa:
		edit, ok = noqaEdit(file, d)
	case Ignore:
		edit, ok = ignoreEdit(file, d)
	}
	if !ok {
		return edit, false
	}
	return edit, suppresses(file, d, edit, opts)
}

// noqaEdit adds the code to the line's `# noqa:` list, or appends a new
// `# noqa:` comment to the line (after any comment already there).
func noqaEdit(f *pyparse.File, d analysis.Diagnostic) (analysis.TextEdit, bool) {
	line := f.Lines.Line(d.Start)
	if c, ok := commentOnLine(f, line); ok {
		if loc := noqaRE().FindStringIndex(c.Text); loc != nil {
			end, n := codeListEnd(c.Text, loc[1])
			if n == 0 {
				// A bare `# noqa` belongs to every tool: adding a code
				// would narrow it for the others.
				return analysis.TextEdit{}, false
			}
			return insertAt(c.Start+end, ", "+d.RuleID), true
		}
		return insertAt(c.End, "  # noqa: "+d.RuleID), true
	}
	end := f.Lines.LineEnd(line)
	text := "  # noqa: " + d.RuleID
	if strings.TrimSpace(string(f.Src[f.Lines.LineStart(line):end])) == "" {
		text = "# noqa: " + d.RuleID
	}
	return insertAt(end, text), true
}

// codeListEnd returns the offset in text just past the last code of the
// noqa list starting at from, and how many codes it holds (the list ends at
// the first token that is not a code, as parseSuppressions reads it).
func codeListEnd(text string, from int) (int, int) {
	end, n := from, 0
	rest := text[from:]
	pos := from
	for {
		code := codeRE().FindString(rest)
		if code == "" {
			return end, n
		}
		pos += len(code)
		end, n = pos, n+1
		rest = rest[len(code):]
		sep := codeSepRE().FindString(rest)
		if sep == "" {
			return end, n
		}
		pos += len(sep)
		rest = rest[len(sep):]
	}
}

// ignoreEdit adds the code to a `# daglint: ignore[...]` comment on the
// finding's line or the line above, or inserts such a comment as a line of
// its own above, indented like the finding's line.
func ignoreEdit(f *pyparse.File, d analysis.Diagnostic) (analysis.TextEdit, bool) {
	line := f.Lines.Line(d.Start)
	for _, l := range []int{line, line - 1} {
		c, ok := commentOnLine(f, l)
		if !ok {
			continue
		}
		for _, m := range daglintMatches(c.Text) {
			if c.Text[m[2]:m[3]] != "ignore" {
				continue
			}
			sep := ", "
			if strings.TrimSpace(c.Text[m[4]:m[5]]) == "" {
				sep = ""
			}
			// m[5] is the end of the list, just before "]".
			return insertAt(c.Start+m[5], sep+d.RuleID), true
		}
	}
	start := f.Lines.LineStart(line)
	text := f.Lines.LineText(line)
	indent := text[:len(text)-len(strings.TrimLeft(string(text), " \t"))]
	return insertAt(start, fmt.Sprintf("%s# daglint: ignore[%s]%s", indent, d.RuleID, lineEnding(f.Src[f.Lines.LineEnd(line):]))), true
}

// lineEnding returns the terminator rest starts with ("\r\n", "\r" or
// "\n"; "\n" at the end of the file), so an inserted line ends like the
// line it precedes.
func lineEnding(rest []byte) string {
	switch {
	case len(rest) >= 2 && rest[0] == '\r' && rest[1] == '\n':
		return "\r\n"
	case len(rest) >= 1 && rest[0] == '\r':
		return "\r"
	}
	return "\n"
}

// commentOnLine returns the comment that starts on the 1-based line.
func commentOnLine(f *pyparse.File, line int) (pyparse.Comment, bool) {
	if line < 1 {
		return pyparse.Comment{}, false
	}
	for _, c := range f.Comments {
		if f.Lines.Line(c.Start) == line {
			return c, true
		}
	}
	return pyparse.Comment{}, false
}

func insertAt(offset int, text string) analysis.TextEdit {
	return analysis.TextEdit{Start: offset, End: offset, NewText: text}
}

// suppresses reports whether applying edit to the file removes d, lands in
// a comment, and adds no syntax error.
func suppresses(f *pyparse.File, d analysis.Diagnostic, edit analysis.TextEdit, opts Options) bool {
	out, err := fix.Apply(f.Src, []analysis.TextEdit{edit})
	if err != nil {
		return false
	}
	after := pyparse.Parse(f.Path, out)
	if len(after.Errors) > len(f.Errors) {
		return false
	}
	// The inserted code must be comment text.
	code := edit.Start + strings.Index(edit.NewText, d.RuleID)
	inComment := false
	for _, c := range after.Comments {
		if c.Start < code && code+len(d.RuleID) <= c.End {
			inComment = true
		}
	}
	if !inComment {
		return false
	}
	shift := 0
	if edit.Start <= d.Start {
		shift = len(edit.NewText)
	}
	for _, nd := range Source(f.Path, out, opts).Diagnostics {
		if nd.RuleID == d.RuleID && nd.Start == d.Start+shift && nd.End == d.End+shift {
			return false
		}
	}
	return true
}

// SuppressionCodeAt returns the daglint rule code under offset when offset
// lies on a code named by a `# noqa:` or `# daglint: ignore[...]` comment,
// else "".
func SuppressionCodeAt(path string, src []byte, offset int) string {
	for _, d := range parseDirectives(pyparse.Parse(path, src)) {
		for _, it := range d.items {
			if it.sup != nil && offset >= it.start && offset <= it.end {
				return it.code
			}
		}
	}
	return ""
}

// FixLinter lints successive versions of one file for fix.Iterate. It tells
// of a syntax error whether or not a rule reports it (the rule may be off or
// ignored for the file), since fixes never apply to a file the parser had
// to recover.
func FixLinter(path string, opts Options) fix.Linter {
	if opts.sets == nil {
		opts.sets = newRuleSets(opts) // once for every version
	}
	return func(src []byte) ([]analysis.Diagnostic, bool, error) {
		res := Source(path, src, opts)
		if res.Err != nil {
			return nil, false, res.Err
		}
		return res.Diagnostics, res.SyntaxError, nil
	}
}
