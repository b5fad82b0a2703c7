package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/daglint/daglint/internal/analysis"
)

// WriteGitHub writes one GitHub Actions workflow command per finding,
//
//	::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=DAG203 missing-docker-conn-id::message
//
// (warning gives ::warning, note ::notice; columns count code points and are
// left out when the range spans lines, which GitHub does not accept). Related
// locations follow the message on their own lines. A file error becomes an
// ::error command on the file. Data and property values are escaped as the
// Actions toolkit escapes them.
func WriteGitHub(w io.Writer, run *Run) error {
	bw := bufio.NewWriter(w)
	for _, f := range run.Findings {
		props := [][2]string{{"file", f.Path}, {"line", strconv.Itoa(f.Start.Line)}}
		switch {
		case f.End.Line == f.Start.Line:
			props = append(props,
				[2]string{"col", strconv.Itoa(f.Start.RuneColumn)},
				[2]string{"endLine", strconv.Itoa(f.End.Line)},
				[2]string{"endColumn", strconv.Itoa(f.End.RuneColumn)})
		case f.End.Line > f.Start.Line:
			props = append(props, [2]string{"endLine", strconv.Itoa(f.End.Line)})
		default: // no usable end: point at the start
			props = append(props, [2]string{"col", strconv.Itoa(f.Start.RuneColumn)})
		}
		props = append(props, [2]string{"title", f.RuleID + " " + f.RuleName})
		msg := f.Message
		for _, r := range f.Related {
			msg += fmt.Sprintf("\n%s:%d:%d: note: %s", r.Path, r.Start.Line, r.Start.RuneColumn, r.Message)
		}
		bw.WriteString(githubCommand(githubLevel(f.Severity), props, msg))
	}
	for _, e := range sortedErrors(run) {
		if e.Notice {
			bw.WriteString(githubCommand("notice", [][2]string{{"file", e.Path}, {"title", "daglint skipped this file"}}, e.Message))
			continue
		}
		bw.WriteString(githubCommand("error", [][2]string{{"file", e.Path}, {"title", "daglint could not check this file"}}, e.Message))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write github report: %w", err)
	}
	return nil
}

func githubLevel(s analysis.Severity) string {
	switch level(s) {
	case analysis.Error:
		return "error"
	case analysis.Warning:
		return "warning"
	}
	return "notice"
}

// githubCommand formats `::name k=v,k=v::data` and a newline, leaving out
// properties with empty values as the toolkit does.
func githubCommand(name string, props [][2]string, data string) string {
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(name)
	sep := " "
	for _, p := range props {
		if p[1] == "" {
			continue
		}
		b.WriteString(sep)
		b.WriteString(p[0])
		b.WriteString("=")
		b.WriteString(escapeProperty(p[1]))
		sep = ","
	}
	b.WriteString("::")
	b.WriteString(escapeData(data))
	b.WriteString("\n")
	return b.String()
}

// Escapes of workflow command data and property values. A Replacer makes one
// pass, so an inserted "%XX" is never escaped again (the toolkit gets the
// same result by replacing "%" first).
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeData escapes a command's message: %, CR and LF as the toolkit does,
// and every other control character (see escapeControls).
func escapeData(s string) string { return escapeControls(dataEscaper.Replace(s)) }

// escapeProperty escapes a property value: %, CR, LF, ":" and ",", and
// every other control character.
func escapeProperty(s string) string { return escapeControls(propertyEscaper.Replace(s)) }

// escapeControls writes the control characters the toolkit passes through
// (ESC, BEL, the other C0 and C1 codes, DEL) as %XX, so that a file name or
// message cannot drive the terminal that shows the workflow log. "%" is
// already escaped, so the result reads back unambiguously.
func escapeControls(s string) string { return replaceRunes(s, isCommandControl, "%%%02X") }

// isCommandControl reports the C0 and C1 control characters and DEL.
func isCommandControl(r rune) bool { return r < 0x20 || (r >= 0x7f && r <= 0x9f) }
