package lint

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/pyparse"
)

// UnusedSuppressionID is the rule the driver reports unused suppressions under.
const UnusedSuppressionID = "DAG002"

// suppression is one rule code named by a suppression comment.
type suppression struct {
	comment pyparse.Comment
	kind    string // "noqa", "ignore", "ignore-file"
	code    string
	line    int // the comment's line
	used    bool
}

var (
	noqaRE     = regexp.MustCompile(`(?i)#\s*noqa\s*:\s*`)
	daglintRE  = regexp.MustCompile(`#\s*daglint:\s*(ignore-file|ignore)\[([^\]]*)\]`)
	codeRE     = regexp.MustCompile(`^[A-Z]+[0-9]+`)
	dagCodeRE  = regexp.MustCompile(`^DAG[0-9]{3}$`)
	codeSepRE  = regexp.MustCompile(`^[\s,]+`)
	listItemRE = regexp.MustCompile(`[\s,]+`)
)

// parseSuppressions finds every daglint code named by a suppression comment.
// `# noqa: A1, B2` lists codes until the first token that is not a code (as
// ruff); codes of other tools are ignored. A bare `# noqa` names no daglint
// rule and suppresses nothing.
func parseSuppressions(f *pyparse.File) []*suppression {
	var out []*suppression
	firstStmt := len(f.Src)
	if len(f.Body) > 0 {
		firstStmt = f.Body[0].Span().Start
	}
	for _, c := range f.Comments {
		line := f.Lines.Line(c.Start)
		for _, loc := range noqaRE.FindAllStringIndex(c.Text, -1) {
			rest := c.Text[loc[1]:]
			for {
				code := codeRE.FindString(rest)
				if code == "" {
					break
				}
				if dagCodeRE.MatchString(code) {
					out = append(out, &suppression{comment: c, kind: "noqa", code: code, line: line})
				}
				rest = rest[len(code):]
				sep := codeSepRE.FindString(rest)
				if sep == "" {
					break
				}
				rest = rest[len(sep):]
			}
		}
		for _, m := range daglintRE.FindAllStringSubmatch(c.Text, -1) {
			kind := m[1]
			if kind == "ignore-file" && c.Start > firstStmt {
				kind = "misplaced" // only honoured before the first statement: suppresses nothing
			}
			for _, code := range listItemRE.Split(strings.TrimSpace(m[2]), -1) {
				if code != "" {
					out = append(out, &suppression{comment: c, kind: kind, code: code, line: line})
				}
			}
		}
	}
	return out
}

// applySuppressions drops suppressed findings and reports unused
// suppressions as DAG002 when that rule is enabled.
func applySuppressions(f *pyparse.File, diags []analysis.Diagnostic, enabled map[string]bool, opts Options) []analysis.Diagnostic {
	sups := parseSuppressions(f)
	if len(sups) == 0 {
		return diags
	}
	callLines := callFirstLines(f, diags)
	kept := diags[:0]
	for i, d := range diags {
		line := f.Lines.Line(d.Start)
		suppressed := false
		for _, s := range sups {
			if s.code != d.RuleID {
				continue
			}
			match := false
			switch s.kind {
			case "noqa":
				match = s.line == line || s.line == callLines[i]
			case "ignore":
				match = s.line == line || s.line == line-1 || s.line == callLines[i] || s.line == callLines[i]-1
			case "ignore-file":
				match = true
			}
			if match {
				s.used = true
				suppressed = true
			}
		}
		if !suppressed {
			kept = append(kept, d)
		}
	}
	if !enabled[UnusedSuppressionID] || (opts.Ignored != nil && opts.Ignored(f.Path, UnusedSuppressionID)) {
		return kept
	}
	return append(kept, unusedSuppressions(f, sups, enabled, opts)...)
}

// callFirstLines maps each diagnostic to the first line of the innermost
// operator call containing it (0 when none): `# noqa` there covers the call.
func callFirstLines(f *pyparse.File, diags []analysis.Diagnostic) []int {
	out := make([]int, len(diags))
	var calls []pyparse.Range
	pyparse.InspectFile(f, func(n pyparse.Node) bool {
		if c, ok := n.(*pyparse.Call); ok && f.Lines.Line(c.Start) != f.Lines.Line(c.End) {
			calls = append(calls, c.Range)
		}
		return true
	})
	for i, d := range diags {
		best := pyparse.Range{Start: -1}
		for _, c := range calls {
			if c.Start <= d.Start && d.End <= c.End && c.Start >= best.Start {
				best = c
			}
		}
		if best.Start >= 0 {
			out[i] = f.Lines.Line(best.Start)
		}
	}
	return out
}

// unusedSuppressions reports, per comment, the codes that suppressed nothing,
// with a safe fix that removes them.
func unusedSuppressions(f *pyparse.File, sups []*suppression, enabled map[string]bool, opts Options) []analysis.Diagnostic {
	byComment := map[int][]*suppression{}
	var order []int
	for _, s := range sups {
		if _, ok := byComment[s.comment.Start]; !ok {
			order = append(order, s.comment.Start)
		}
		byComment[s.comment.Start] = append(byComment[s.comment.Start], s)
	}
	sort.Ints(order)
	sev := analysis.Note
	if s, ok := opts.Severity[UnusedSuppressionID]; ok {
		sev = s
	}
	var out []analysis.Diagnostic
	for _, start := range order {
		group := byComment[start]
		var unused, used []string
		for _, s := range group {
			ruleOff := !enabled[s.code] || (opts.Ignored != nil && opts.Ignored(f.Path, s.code))
			switch {
			case s.used:
				used = append(used, s.code)
			case knownRule(s.code, opts) && ruleOff:
				// The rule is not run here, so the suppression cannot be judged.
				used = append(used, s.code)
			default:
				unused = append(unused, s.code)
			}
		}
		if len(unused) == 0 {
			continue
		}
		c := group[0].comment
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
		if group[0].kind == "misplaced" {
			msg += " (ignore-file is honoured only before the first statement)"
		}
		d := analysis.Diagnostic{RuleID: UnusedSuppressionID, Severity: sev, Start: c.Start, End: c.End, Message: msg}
		if len(used) == 0 && sameKindComment(group) {
			d.Fixes = []analysis.SuggestedFix{{
				Message:       "remove the suppression comment",
				Applicability: analysis.Safe,
				Edits:         []analysis.TextEdit{removeComment(f, c)},
			}}
		}
		out = append(out, d)
	}
	return out
}

func sameKindComment(group []*suppression) bool {
	// A comment mixing `# noqa` with other text (e.g. `# type: ignore # noqa: DAG101`)
	// is left to the user.
	c := group[0].comment.Text
	return strings.Count(c, "#") == 1
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
