package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/daglint/daglint/internal/analysis"
)

// ANSI SGR sequences used by the text format when Run.Color is set.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// WriteText writes one line per finding, `path:line:col: DAG101 message`
// (columns count code points), a `[*]` marker after the rule ID when a safe
// fix exists, each related location on an indented `note:` line, each file
// error as `path: error: message`, each skipped file as `path: message`
// (the message says why: "skipped: ..."), and a summary line. Skipped
// files are counted apart from files that could not be checked.
func WriteText(w io.Writer, run *Run) error {
	bw := bufio.NewWriter(w)
	fs := run.Findings
	es := sortedErrors(run)
	paint := func(code, s string) string {
		if !run.Color {
			return s
		}
		return code + s + ansiReset
	}
	fixable, unsafe := 0, 0
	for _, f := range fs {
		marker := ""
		if hasSafeFix(f) {
			marker = " [*]"
			fixable++
		} else if hasUnsafeFixOnly(f) {
			unsafe++
		}
		fmt.Fprintf(bw, "%s %s%s %s\n",
			paint(ansiBold, textPos(f.Path, f.Start.Line, f.Start.RuneColumn)),
			paint(levelColor(f.Severity), f.RuleID), marker, printable(f.Message))
		for _, r := range f.Related {
			fmt.Fprintf(bw, "  %s %s %s\n",
				paint(ansiBold, textPos(r.Path, r.Start.Line, r.Start.RuneColumn)),
				paint(ansiCyan, "note:"), printable(r.Message))
		}
	}
	failed, skipped := 0, 0
	for _, e := range es {
		if e.Notice {
			skipped++
			fmt.Fprintf(bw, "%s %s\n", paint(ansiBold, printable(e.Path)+":"), paint(ansiCyan, printable(e.Message)))
			continue
		}
		failed++
		fmt.Fprintf(bw, "%s %s %s\n", paint(ansiBold, printable(e.Path)+":"), paint(ansiRed, "error:"), printable(e.Message))
	}
	if run.Quiet {
		return flush(bw)
	}
	if len(fs)+len(es) > 0 {
		bw.WriteString("\n")
	}
	if len(fs) == 0 && failed == 0 {
		bw.WriteString("All checks passed.\n")
	}
	if len(fs) > 0 {
		c := countLevels(fs)
		fmt.Fprintf(bw, "Found %s (%s, %s, %s).\n", plural(len(fs), "finding"),
			plural(c.errors, "error"), plural(c.warnings, "warning"), plural(c.notes, "note"))
	}
	switch {
	case fixable > 0 && unsafe > 0:
		fmt.Fprintf(bw, "[*] %d fixable with --fix (%d more with --unsafe-fixes).\n", fixable, unsafe)
	case fixable > 0:
		fmt.Fprintf(bw, "[*] %d fixable with --fix.\n", fixable)
	case unsafe > 0:
		fmt.Fprintf(bw, "%d fixable with --fix --unsafe-fixes.\n", unsafe)
	}
	if failed > 0 {
		verb := "files could not be checked"
		if failed == 1 {
			verb = "file could not be checked"
		}
		fmt.Fprintf(bw, "%d %s.\n", failed, verb)
	}
	if skipped > 0 {
		fmt.Fprintf(bw, "%s skipped.\n", plural(skipped, "file"))
	}
	return flush(bw)
}

func flush(bw *bufio.Writer) error {
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write text report: %w", err)
	}
	return nil
}

// WriteStatistics writes, instead of the findings, one line per rule that
// reported anything: the count, the rule ID, "[*]" when every one of them
// has a safe fix, and the rule's name; most frequent first, then by ID (as
// ruff --statistics).
func WriteStatistics(w io.Writer, run *Run) error {
	type stat struct {
		id, name    string
		count, safe int
	}
	byID := map[string]*stat{}
	var order []*stat
	for _, f := range run.Findings {
		st := byID[f.RuleID]
		if st == nil {
			st = &stat{id: f.RuleID, name: f.RuleName}
			byID[f.RuleID] = st
			order = append(order, st)
		}
		st.count++
		if hasSafeFix(f) {
			st.safe++
		}
	}
	sort.Slice(order, func(i, j int) bool {
		if order[i].count != order[j].count {
			return order[i].count > order[j].count
		}
		return order[i].id < order[j].id
	})
	width := 1
	for _, st := range order {
		width = max(width, len(strconv.Itoa(st.count)))
	}
	bw := bufio.NewWriter(w)
	for _, st := range order {
		marker := "   "
		if st.safe == st.count {
			marker = "[*]"
		}
		fmt.Fprintf(bw, "%*d\t%s\t%s %s\n", width, st.count, st.id, marker, st.name)
	}
	return flush(bw)
}

func textPos(path string, line, col int) string {
	return fmt.Sprintf("%s:%d:%d:", printable(path), line, col)
}

func levelColor(s analysis.Severity) string {
	switch level(s) {
	case analysis.Error:
		return ansiRed
	case analysis.Warning:
		return ansiYellow
	}
	return ansiCyan
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// printable replaces control characters (C0 but tab, DEL, C1) with \xNN so
// text taken from a scanned file cannot move the cursor or recolour a
// terminal, and a finding always stays on one line.
func printable(s string) string { return replaceRunes(s, isControl, `\x%02x`) }

// replaceRunes writes each rune of s that match selects with format (a
// Printf format of one rune) instead.
func replaceRunes(s string, match func(rune) bool, format string) string {
	if !strings.ContainsFunc(s, match) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if match(r) {
			fmt.Fprintf(&b, format, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isControl(r rune) bool {
	return (r < 0x20 && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f)
}
