package lint

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/lazyre"
	"github.com/daglint/daglint/internal/pyparse"
)

// directive is one suppression written in a comment: `# noqa: A1, B2`,
// a bare `# noqa`, or `# daglint: ignore[...]` / `ignore-file[...]`.
type directive struct {
	comment pyparse.Comment
	kind    string // "noqa", "noqa-all" (bare), "ignore", "ignore-file", "misplaced"
	line    int    // the comment's line
	// start is the offset of the directive's "#"; end is past its last code
	// (past "]" for daglint's form).
	start, end int
	items      []item // every code listed, daglint's or not, in order
}

// item is one code of a directive's list, with its bytes in the file.
type item struct {
	code       string
	start, end int
	sup        *suppression // nil for another tool's code
}

// suppression is one daglint rule code named by a directive.
type suppression struct {
	dir  *directive
	code string
	used bool
}

// The directive expressions are compiled on first use: a run that meets
// no comment naming noqa or daglint (and `daglint version`) never compiles
// them.
var (
	noqaRE     = lazyre.New(`(?i)#\s*noqa(\s*:\s*)?`).Get
	daglintRE  = lazyre.New(`#\s*daglint:\s*(ignore-file|ignore)\[([^\]]*)\]`).Get
	codeRE     = lazyre.New(`^[A-Z]+[0-9]+`).Get
	dagCodeRE  = lazyre.New(`^DAG[0-9]{3}$`).Get
	codeSepRE  = lazyre.New(`^[\s,]+`).Get
	listItemRE = lazyre.New(`[^\s,]+`).Get
)

// mayHoldNoqa reports whether text contains "noqa" in any ASCII case, as
// every match of noqaRE does (no other letter folds to n, o, q or a), so
// that a comment without it is not searched with the expression.
func mayHoldNoqa(text string) bool {
	for i := 0; i+len("noqa") <= len(text); i++ {
		if text[i]|0x20 == 'n' && text[i+1]|0x20 == 'o' && text[i+2]|0x20 == 'q' && text[i+3]|0x20 == 'a' {
			return true
		}
	}
	return false
}

// noqaMatches is noqaRE's submatch indexes in text, without compiling it
// for a text that cannot match.
func noqaMatches(text string) [][]int {
	if !mayHoldNoqa(text) {
		return nil
	}
	return noqaRE().FindAllStringSubmatchIndex(text, -1)
}

// daglintMatches is daglintRE's submatch indexes in text, without
// compiling it for a text that cannot match (every match holds "daglint:").
func daglintMatches(text string) [][]int {
	if !strings.Contains(text, "daglint:") {
		return nil
	}
	return daglintRE().FindAllStringSubmatchIndex(text, -1)
}

// parseDirectives finds every suppression directive of the file. `# noqa:
// A1, B2` lists codes until the first token that is not a code (as ruff);
// other tools' codes are kept as items but suppress nothing. A bare `# noqa`
// suppresses every finding on its line, as in ruff and flake8.
func parseDirectives(f *pyparse.File) []*directive {
	firstStmt := len(f.Src)
	if len(f.Body) > 0 {
		firstStmt = f.Body[0].Span().Start
	}
	return parseDirectivesBefore(f, firstStmt)
}

// parseDirectivesBefore is parseDirectives for a file whose first
// statement (or, in a connections file, first content) starts at
// firstStmt: ignore-file is honoured only before it.
func parseDirectivesBefore(f *pyparse.File, firstStmt int) []*directive {
	var out []*directive
	for _, c := range f.Comments {
		line := f.Lines.Line(c.Start)
		for _, loc := range noqaMatches(c.Text) {
			if loc[2] < 0 {
				if rest := c.Text[loc[1]:]; rest == "" || !isWordByte(rest[0]) {
					out = append(out, &directive{comment: c, kind: "noqa-all", line: line, start: c.Start + loc[0], end: c.Start + loc[1]})
				}
				continue
			}
			out = append(out, noqaDirective(c, line, loc[0], loc[1]))
		}
		for _, m := range daglintMatches(c.Text) {
			kind := c.Text[m[2]:m[3]]
			if kind == "ignore-file" && c.Start > firstStmt {
				kind = "misplaced" // only honoured before the first statement: suppresses nothing
			}
			d := &directive{comment: c, kind: kind, line: line, start: c.Start + m[0], end: c.Start + m[1]}
			for _, loc := range listItemRE().FindAllStringIndex(c.Text[m[4]:m[5]], -1) {
				s, e := m[4]+loc[0], m[4]+loc[1]
				d.add(c.Text[s:e], c.Start+s, c.Start+e, true)
			}
			out = append(out, d)
		}
	}
	return out
}

// noqaDirective reads the code list of `# noqa:` whose match spans
// text[start:listStart].
func noqaDirective(c pyparse.Comment, line, start, listStart int) *directive {
	d := &directive{comment: c, kind: "noqa", line: line, start: c.Start + start, end: c.Start + listStart}
	pos := listStart
	for {
		code := codeRE().FindString(c.Text[pos:])
		if code == "" {
			break
		}
		d.add(code, c.Start+pos, c.Start+pos+len(code), dagCodeRE().MatchString(code))
		pos += len(code)
		d.end = c.Start + pos
		sep := codeSepRE().FindString(c.Text[pos:])
		if sep == "" {
			break
		}
		pos += len(sep)
	}
	return d
}

func (d *directive) add(code string, start, end int, ours bool) {
	it := item{code: code, start: start, end: end}
	if ours {
		it.sup = &suppression{dir: d, code: code}
	}
	d.items = append(d.items, it)
}

func isWordByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

// suppressionIndex finds the directives that may cover a finding: by line
// for `# noqa` and `# daglint: ignore`, by code for ignore-file. Each
// finding looks at a handful of lines, so matching is linear.
type suppressionIndex struct {
	byLine map[int][]*directive
	file   map[string][]*suppression
	// examined counts the directives looked at (for tests of growth).
	examined int
}

func newSuppressionIndex(dirs []*directive) *suppressionIndex {
	ix := &suppressionIndex{byLine: map[int][]*directive{}, file: map[string][]*suppression{}}
	for _, d := range dirs {
		switch d.kind {
		case "noqa", "noqa-all", "ignore":
			ix.byLine[d.line] = append(ix.byLine[d.line], d)
		case "ignore-file":
			for _, it := range d.items {
				if it.sup != nil {
					ix.file[it.code] = append(ix.file[it.code], it.sup)
				}
			}
		}
	}
	return ix
}

// suppress marks every suppression covering a finding of rule id whose
// primary location is on line, inside a call starting on callLine (0 for
// none), and reports whether there was one.
func (ix *suppressionIndex) suppress(id string, line, callLine int) bool {
	found := false
	for _, s := range ix.file[id] {
		s.used, found = true, true
	}
	lines := [...]int{line, line - 1, callLine, callLine - 1}
	for i, l := range lines {
		if l <= 0 || slices.Contains(lines[:i], l) {
			continue
		}
		for _, d := range ix.byLine[l] {
			ix.examined++
			onLine := l == line || l == callLine
			switch {
			case d.kind == "noqa-all" && onLine:
				found = true
			case d.kind == "noqa" && !onLine:
			default:
				for _, it := range d.items {
					if it.sup != nil && it.code == id {
						it.sup.used, found = true, true
					}
				}
			}
		}
	}
	return found
}

// applySuppressions drops suppressed findings and reports unused
// suppressions under the rule unused, when it is enabled (non-nil).
// dirs are the file's directives (parseDirectives).
func applySuppressions(f *pyparse.File, dirs []*directive, diags []analysis.Diagnostic, enabled map[string]bool, unused *analysis.Rule, opts Options) []analysis.Diagnostic {
	if len(dirs) == 0 {
		return diags
	}
	ix := newSuppressionIndex(dirs)
	callLines := callFirstLines(f, diags)
	kept := diags[:0]
	for i, d := range diags {
		if !ix.suppress(d.RuleID, f.Lines.Line(d.Start), callLines[i]) {
			kept = append(kept, d)
		}
	}
	if unused == nil || (opts.Ignored != nil && opts.Ignored(f.Path, unused.ID)) {
		return kept
	}
	return append(kept, unusedSuppressions(f, dirs, enabled, unused, opts)...)
}

// callFirstLines maps each diagnostic to the first line of the innermost
// multi-line call containing it (0 when none): `# noqa` there covers the
// call. Calls nest, so one sweep in offset order with a stack of the calls
// open at each diagnostic finds them all.
func callFirstLines(f *pyparse.File, diags []analysis.Diagnostic) []int {
	out := make([]int, len(diags))
	var calls []pyparse.Range
	for _, c := range f.Index().Calls {
		if f.Lines.Line(c.Start) != f.Lines.Line(c.End) {
			calls = append(calls, c.Range)
		}
	}
	if len(calls) == 0 {
		return out
	}
	sort.SliceStable(calls, func(i, j int) bool {
		if calls[i].Start != calls[j].Start {
			return calls[i].Start < calls[j].Start
		}
		return calls[i].End > calls[j].End // the outer call first
	})
	order := make([]int, len(diags))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return diags[order[a]].Start < diags[order[b]].Start })
	var open []pyparse.Range
	next := 0
	for _, i := range order {
		d := diags[i]
		for ; next < len(calls) && calls[next].Start <= d.Start; next++ {
			for len(open) > 0 && open[len(open)-1].End < calls[next].Start {
				open = open[:len(open)-1]
			}
			open = append(open, calls[next])
		}
		for len(open) > 0 && open[len(open)-1].End < d.Start {
			open = open[:len(open)-1]
		}
		for k := len(open) - 1; k >= 0; k-- {
			if d.End <= open[k].End {
				out[i] = f.Lines.Line(open[k].Start)
				break
			}
		}
	}
	return out
}

// unusedSuppressions reports, per comment, the daglint codes that
// suppressed nothing, with a safe fix that removes just those codes: other
// tools' codes, the used codes and any trailing text stay.
func unusedSuppressions(f *pyparse.File, dirs []*directive, enabled map[string]bool, rule *analysis.Rule, opts Options) []analysis.Diagnostic {
	sev := rule.Severity
	if s, ok := opts.Severity[rule.ID]; ok {
		sev = s
	}
	var out []analysis.Diagnostic
	for len(dirs) > 0 {
		n := 1
		for n < len(dirs) && dirs[n].comment.Start == dirs[0].comment.Start {
			n++
		}
		if d, ok := unusedInComment(f, dirs[:n], enabled, opts); ok {
			d.RuleID, d.Severity = rule.ID, sev
			out = append(out, d)
		}
		dirs = dirs[n:]
	}
	return out
}

// unusedInComment judges the directives of one comment.
func unusedInComment(f *pyparse.File, dirs []*directive, enabled map[string]bool, opts Options) (analysis.Diagnostic, bool) {
	var unused []string
	remove := map[*suppression]bool{}
	misplaced := false
	for _, d := range dirs {
		for _, it := range d.items {
			s := it.sup
			if s == nil || s.used {
				continue
			}
			if knownRule(s.code, opts) && (!enabled[s.code] || (opts.Ignored != nil && opts.Ignored(f.Path, s.code))) {
				continue // the rule is not run here, so the suppression cannot be judged
			}
			unused = append(unused, s.code)
			remove[s] = true
			misplaced = misplaced || d.kind == "misplaced"
		}
	}
	if len(unused) == 0 {
		return analysis.Diagnostic{}, false
	}
	c := dirs[0].comment
	msg := fmt.Sprintf("unused suppression for %s", strings.Join(unused, ", "))
	var unknown []string
	for _, code := range unused {
		if !knownRule(code, opts) {
			unknown = append(unknown, code)
		}
	}
	if len(unknown) > 0 {
		msg += fmt.Sprintf(" (no such rule: %s)", strings.Join(unknown, ", "))
	}
	if misplaced {
		msg += " (ignore-file is honoured only before the first statement)"
	}
	return analysis.Diagnostic{
		Start: c.Start, End: c.End, Message: msg,
		Fixes: []analysis.SuggestedFix{{
			Message:       "remove the unused codes",
			Applicability: analysis.Safe,
			Edits:         removeCodes(f, c, dirs, remove),
		}},
	}, true
}

// removeCodes returns the edits that take the removed codes out of a
// comment's directives. A directive left with no code goes (with its "#"
// unless text follows it); a comment left with nothing goes whole.
func removeCodes(f *pyparse.File, c pyparse.Comment, dirs []*directive, remove map[*suppression]bool) []analysis.TextEdit {
	var edits []analysis.TextEdit
	rest := []byte(c.Text) // the comment as it will read, directives blanked
	for _, d := range dirs {
		var keep []item
		for _, it := range d.items {
			if it.sup == nil || !remove[it.sup] {
				keep = append(keep, it)
			}
		}
		switch {
		case len(keep) == len(d.items):
			continue
		case len(keep) > 0:
			edits = append(edits, keepCodes(f.Src, d, keep))
			continue
		}
		for i := d.start; i < d.end; i++ {
			rest[i-c.Start] = ' '
		}
		edits = append(edits, dropDirective(f.Src, c, d))
	}
	if strings.Trim(string(rest), " \t#") == "" {
		return []analysis.TextEdit{removeComment(f, c)}
	}
	return edits
}

// keepCodes rewrites a directive's code list as the kept codes, joined the
// way the list was.
func keepCodes(src []byte, d *directive, keep []item) analysis.TextEdit {
	first, last := d.items[0], d.items[len(d.items)-1]
	sep := " "
	if strings.Contains(string(src[first.start:last.end]), ",") {
		sep = ", "
	}
	codes := make([]string, len(keep))
	for i, it := range keep {
		codes[i] = it.code
	}
	return analysis.TextEdit{Start: first.start, End: last.end, NewText: strings.Join(codes, sep)}
}

// dropDirective removes a directive whose codes all go. Text after it in
// the comment stays a comment: `# noqa: DAG101 keep this` becomes
// `# keep this`.
func dropDirective(src []byte, c pyparse.Comment, d *directive) analysis.TextEdit {
	end := d.end
	for end < c.End && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	if d.start == c.Start && end < c.End && src[end] != '#' {
		return analysis.TextEdit{Start: d.start, End: end, NewText: "# "}
	}
	start := d.start
	if d.start > c.Start {
		for start > c.Start && (src[start-1] == ' ' || src[start-1] == '\t') {
			start--
		}
		if end < c.End {
			start = d.start // text follows: keep the blanks that separate it
		}
	}
	return analysis.TextEdit{Start: start, End: end}
}

func knownRule(code string, opts Options) bool {
	if opts.KnownRules != nil {
		return opts.KnownRules[code]
	}
	for _, r := range opts.Rules {
		if r.ID == code {
			return true
		}
	}
	return false
}

// removeComment deletes a comment with the blanks before it, or its whole
// line when the comment stands alone.
func removeComment(f *pyparse.File, c pyparse.Comment) analysis.TextEdit {
	line := f.Lines.Line(c.Start)
	ls, le := f.Lines.LineStart(line), f.Lines.LineEnd(line)
	before := strings.TrimSpace(string(f.Src[ls:c.Start]))
	if before == "" && strings.TrimSpace(string(f.Src[c.End:le])) == "" {
		end := f.Lines.LineStart(line + 1)
		if line == f.Lines.Count() {
			end = len(f.Src)
		}
		return analysis.TextEdit{Start: ls, End: end}
	}
	start := c.Start
	for start > ls && (f.Src[start-1] == ' ' || f.Src[start-1] == '\t') {
		start--
	}
	return analysis.TextEdit{Start: start, End: c.End}
}
