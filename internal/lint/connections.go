package lint

import (
	"bytes"
	"fmt"
	"path/filepath"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/connections"
	"github.com/daglint/daglint/internal/pyparse"
	"github.com/daglint/daglint/internal/secrets"
	"github.com/daglint/daglint/internal/source"
)

// GitState is what git would do with a connections file: whether it lies in
// a work tree and whether a .gitignore rule covers it. The caller finds it
// out (the driver reads no repository).
type GitState struct {
	InWorkTree, Ignored bool
	// Tracked: a .gitignore rule covers the file but git tracks it.
	Tracked bool
}

// ConnectionsFile reads and lints one connections source (Astro settings,
// connections export, .env) with the rules of connections files
// (Rule.RunConnections). Suppression comments work as in Python files, on
// the value's line (`# daglint: ignore[...]` also on the line above);
// unused ones are reported. No finding in such a file carries a fix: daglint
// never edits a connections file.
func ConnectionsFile(path string, git GitState, opts Options) Result {
	src, err := readFile(path, opts.MaxFileSize)
	if err != nil {
		return Result{Path: path, Err: err}
	}
	return ConnectionsSource(path, src, git, opts)
}

// ConnectionsSource lints src as the connections file path.
func ConnectionsSource(path string, src []byte, git GitState, opts Options) (res Result) {
	res = Result{Path: path}
	if isBinary(src) {
		res.Err = fmt.Errorf("skipped: %w (contains NUL bytes)", ErrBinary)
		return res
	}
	defer func() {
		if r := recover(); r != nil {
			res.Diagnostics, res.located, res.Lines = nil, nil, nil
			res.Err = fmt.Errorf("internal error while linting (please report it): %v", r)
		}
	}()
	parsed, err := connections.Parse(path, src)
	if err != nil {
		res.Err = err // connections.Error redacts what it quotes
		return res
	}
	res.Parsed = true
	lines := source.NewLines(src)
	file := &pyparse.File{Path: path, Src: src, Lines: lines}
	for _, c := range parsed.Comments {
		file.Comments = append(file.Comments, pyparse.Comment{Range: pyparse.Range{Start: c.Start, End: c.End}, Text: c.Text})
	}
	// Before any rule runs, so that a rule's panic is shown redacted too.
	res.Redactor = connectionsRedactor(file, parsed.Entries)
	cf := &analysis.ConnectionsFile{
		Path: filepath.ToSlash(path), Src: src, Entries: parsed.Entries,
		GitIgnored: git.Ignored, GitTracked: git.Tracked, InWorkTree: git.InWorkTree,
	}
	enabled, unused := enabledRules(opts)
	var diags []analysis.Diagnostic
	for _, rule := range opts.Rules {
		if rule.RunConnections == nil || !enabled[rule.ID] || (opts.Ignored != nil && opts.Ignored(path, rule.ID)) {
			continue
		}
		rule := rule
		pass := &analysis.ConnectionsPass{Rule: rule, File: cf, Settings: opts.Settings, Report: func(d analysis.Diagnostic) {
			d.RuleID = rule.ID
			if d.Severity == analysis.SeverityDefault {
				d.Severity = rule.Severity
			}
			diags = append(diags, d)
		}}
		if err := rule.RunConnections(pass); err != nil {
			diags = append(diags, analysis.Diagnostic{RuleID: rule.ID, Severity: analysis.Error, Message: fmt.Sprintf("rule %s failed: %v", rule.ID, err)})
		}
	}
	diags = overrideAndDedupe(diags, opts)
	if !opts.NoInlineIgnores {
		diags = applySuppressions(file, parseDirectivesBefore(file, firstContent(src, parsed.Comments)), diags, enabled, unused, opts)
	}
	for i := range diags {
		diags[i].Fixes = nil
	}
	redactDiagnostics(diags, res.Redactor)
	sortDiagnostics(diags)
	res.Diagnostics = diags
	res.located, res.stampedFor = stamp(locate(lines, diags, res.Redactor), path), path
	if opts.KeepSource {
		res.Lines = lines
	}
	return res
}

// firstContent returns the offset of the first byte of src that is neither
// blank nor in a comment: the "first statement" of a connections file.
func firstContent(src []byte, comments []connections.Comment) int {
	i, next := 0, 0
	for i < len(src) {
		switch {
		case next < len(comments) && comments[next].Start == i:
			i = comments[next].End
			next++
		case bytes.IndexByte([]byte(" \t\r\n"), src[i]) >= 0:
			i++
		default:
			return i
		}
	}
	return len(src)
}

// connectionsRedactor hides every secret value of the file, as read and as
// spelled, and every token in it: whatever a rule of connections files may
// flag. Placeholders and values that only name a secret (`password`,
// secrets.NamesASecret) are not secrets and stay readable.
func connectionsRedactor(file *pyparse.File, entries []analysis.ConnectionEntry) *secrets.Redactor {
	src := file.Src
	known := fileSecrets(file, nil) // the tokens
	for _, e := range entries {
		for _, s := range e.Secrets {
			if secrets.IsPlaceholder(s.Value) || secrets.NamesASecret(s.Value) {
				continue
			}
			known = append(known, s.Value)
			if s.Start >= 0 && s.Start <= s.End && s.End <= len(src) {
				known = append(known, string(src[s.Start:s.End]))
			}
		}
	}
	return secrets.NewRedactor(known)
}
