package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/baseline"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/report"
	"github.com/daglint/daglint/internal/rules"
	"github.com/daglint/daglint/internal/secrets"
	"github.com/daglint/daglint/internal/walk"
)

// check is one run of `daglint check`: the state its steps hand on, in the
// order checkSteps fills it (as staticcheck's lintcmd runs its stages).
type check struct {
	args           []string
	stdin          io.Reader
	stdout, stderr io.Writer

	// options
	flags     *checkFlags
	paths     []string
	failOn    analysis.Severity
	outs      []output
	accepted  *baseline.File // --baseline, nil without one
	fromStdin bool
	cwd       string

	// config
	res       *resolver
	stdinPath string

	// walk
	walked  walk.Result
	linter  *walkLinter // lints the files while the walk finds them; nil for stdin, --show-files
	files   []string
	noFiles bool // nothing to lint and nothing went wrong: say so, print no "All checks passed."

	// lint
	groups  []*fileGroup
	results []lint.Result

	// fix
	fixed fixSummary

	// collect
	findings  []report.Finding
	fileErrs  []report.FileError
	hardError bool // a file could not be read, linted or fixed: exit 2 whatever the findings
}

// checkStep is one stage of the pipeline. It returns done to end the run
// with code (a usage error, or a mode such as --show-config that stops
// early).
type checkStep struct {
	name string
	run  func(*check) (code int, done bool)
}

// checkSteps is the pipeline of `daglint check`, in order. A new stage
// (linting connections files, indexing the project's modules) is a method
// of check and one line here.
var checkSteps = []checkStep{
	{"options", (*check).options},         // flags, --fail-on, outputs, baseline file, paths
	{"heap", (*check).heap},               // huge pages under the heap of a run over many files
	{"config", (*check).config},           // per-file configuration; --show-config stops here
	{"walk", (*check).walk},               // the files to lint; --show-files stops here
	{"lint", (*check).lint},               // lint every file with its configuration
	{"fix", (*check).fix},                 // --fix / --diff
	{"connections", (*check).connections}, // connections files (after fixing: no fix touches them)
	{"collect", (*check).collect},         // findings and file errors, per-file problems on stderr
	{"fix-summary", (*check).fixSummary},  // --diff stops here; --fix says what it fixed
	{"baseline", (*check).applyBaseline},  // --write-baseline stops here; --baseline hides findings
	{"write", (*check).write},             // every output format
	{"exit", (*check).exit},               // the exit status
}

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &check{args: args, stdin: stdin, stdout: stdout, stderr: stderr}
	for _, s := range checkSteps {
		if code, done := s.run(c); done {
			return code
		}
	}
	return exitOK // unreachable: the exit step ends every run
}

// heap asks for transparent huge pages under the heap (preferHugePages)
// when the run may lint many files: a folder is named, or at least
// manyPaths paths. A pre-commit run over a few files does not pay for the
// reservation's collection (about 1.5 ms and 150 page faults, a tenth of
// such a run).
func (c *check) heap() (int, bool) {
	if !c.fromStdin && mayLintMany(c.paths) {
		preferHugePages()
	}
	return 0, false
}

// manyPaths is how many paths on the command line make a run large
// enough for huge pages whatever they name.
const manyPaths = 64

// mayLintMany reports whether paths name a folder or are many.
func mayLintMany(paths []string) bool {
	if len(paths) >= manyPaths {
		return true
	}
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return true
		}
	}
	return false
}

// usageError prints err and ends the run with exit status 2.
func (c *check) usageError(err error) (int, bool) {
	fmt.Fprintf(c.stderr, "daglint: %v\n", err)
	return exitUsage, true
}

func (c *check) options() (int, bool) {
	flags, paths, err := parseCheckFlags(c.args, c.stdout, c.stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, true
		}
		return exitUsage, true
	}
	c.flags = flags
	if err := flags.validate(); err != nil {
		return c.usageError(err)
	}
	if c.failOn, err = analysis.ParseSeverity(flags.failOn); err != nil {
		return c.usageError(fmt.Errorf("--fail-on: %w", err))
	}
	if c.outs, err = flags.outputsList(); err != nil {
		return c.usageError(err)
	}
	if err := flags.baselineFlags.validate(&flags.fixFlags); err != nil {
		return c.usageError(err)
	}
	if c.accepted, err = loadBaseline(flags.baseline); err != nil {
		return c.usageError(err)
	}
	if c.fromStdin, err = readsStdin(paths, flags.stdinFilename); err != nil {
		return c.usageError(err)
	}
	for _, p := range paths {
		if strings.TrimSpace(p) == "" {
			return c.usageError(errors.New("an empty path was given; name files or folders (or . for this folder)"))
		}
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	c.paths = paths
	if c.cwd, err = os.Getwd(); err != nil {
		return c.usageError(err)
	}
	return 0, false
}

func (c *check) config() (int, bool) {
	var err error
	if c.res, err = newResolver(c.flags, c.cwd); err != nil {
		return c.usageError(err)
	}
	c.stdinPath = stdinName(c.cwd, c.flags.stdinFilename)
	if !c.flags.showConfig {
		return 0, false
	}
	cfg, err := c.res.forPath(showConfigPath(c.paths, c.fromStdin, c.stdinPath))
	if err == nil {
		err = cfg.Show(c.stdout)
	}
	if err != nil {
		return c.usageError(err)
	}
	return exitOK, true
}

func (c *check) walk() (int, bool) {
	flags := c.flags
	if c.fromStdin && flags.fixing() {
		return c.usageError(errors.New("--fix and --diff do not work on standard input"))
	}
	walkPaths := c.paths
	if c.fromStdin {
		walkPaths = nil
	}
	opts := walk.Options{
		RespectGitignore: !flags.noGitignore,
		ForceExclude:     flags.forceExclude,
		Exclude:          excludeFunc(c.res, c.cwd, walkPaths, flags.forceExclude),
	}
	if !c.fromStdin && !flags.showFiles {
		c.linter = newWalkLinter(c.res, flags)
		opts.OnFile = c.linter.add
	}
	walked, err := walkFiles(walkPaths, opts)
	if err == nil {
		err = c.res.err
	}
	if err != nil {
		if c.linter != nil {
			c.linter.stop()
		}
		return c.usageError(err)
	}
	c.walked = walked
	if flags.showFiles {
		// One write for the list, not one per file.
		w := bufio.NewWriter(c.stdout)
		for _, f := range walked.Files {
			w.WriteString(f.Path)
			w.WriteByte('\n')
		}
		if err := w.Flush(); err != nil {
			return c.usageError(err)
		}
		return exitOK, true
	}
	c.noFiles = !c.fromStdin && len(walked.Files) == 0 && len(walked.Errors) == 0
	if c.noFiles && !flags.quiet {
		fmt.Fprintln(c.stderr, "warning: No Python files found under the given paths")
	}
	c.files = make([]string, len(walked.Files))
	for i, f := range walked.Files {
		c.files[i] = f.Path
	}
	if flags.fixing() { // only fixes write files: a run that only reports needs no roots
		flags.fixFlags.roots = make(map[string]string, len(walked.Files))
		for _, f := range walked.Files {
			flags.fixFlags.roots[f.Path] = f.Root
		}
	}
	if c.fromStdin {
		c.files = []string{c.stdinPath}
	}
	return 0, false
}

func (c *check) lint() (int, bool) {
	var err error
	if !c.fromStdin {
		// The files were queued as the walk found them.
		if c.groups, c.results, err = c.linter.finish(c.files); err != nil {
			return c.usageError(err)
		}
		return 0, false
	}
	if c.groups, err = groupFiles(c.res, c.flags, c.files); err != nil {
		return c.usageError(err)
	}
	// With --force-exclude an excluded name is skipped, as a file named on
	// the command line would be: editors pass every buffer.
	g := c.groups[0]
	if !c.flags.forceExclude || !g.cfg.Excluded(relTo(g.cfg.Dir, absPath(c.cwd, c.stdinPath))) {
		c.results = []lint.Result{lintStdin(c.stdin, c.stdinPath, g.opts)}
	}
	return 0, false
}

func (c *check) fix() (int, bool) {
	if c.flags.fixing() {
		c.fixed = applyFixes(&c.flags.fixFlags, c.results, optionsByIndex(c.groups, len(c.results)), c.stdout, c.stderr)
	}
	return 0, false
}

// connections lints each connections source of the run's configurations
// once (DAG208, DAG304). Standard input has none.
func (c *check) connections() (int, bool) {
	if !c.fromStdin {
		c.results = append(c.results, lintConnectionsFiles(c.groups, c.cwd)...)
	}
	return 0, false
}

func (c *check) collect() (int, bool) {
	c.findings, c.fileErrs = lint.Findings(c.results, rules.All)
	for _, pe := range c.walked.Errors {
		c.fileErrs = append(c.fileErrs, report.FileError{Path: pe.Path, Message: secrets.Scrub(pe.Err.Error())})
		c.hardError = true
	}
	for _, res := range c.results {
		if res.Err != nil && !lint.IsNotice(res.Err) {
			c.hardError = true
		}
	}
	if c.fixed.unwritten > 0 {
		c.hardError = true
	}
	// Per-file problems go to stderr, unless the text report on stdout
	// already lists them (a terminal would show them twice).
	if !textOnStdout(c.outs) {
		for _, fe := range c.fileErrs {
			fmt.Fprintf(c.stderr, "daglint: %s: %s\n", fe.Path, fe.Message)
		}
	}
	return 0, false
}

func (c *check) fixSummary() (int, bool) {
	if c.flags.diff {
		fmt.Fprintln(c.stderr, c.fixed.fixedMessage("Would fix"))
		switch {
		case c.hardError:
			return exitUsage, true
		case c.fixed.findings > 0:
			return exitFindings, true
		}
		return exitOK, true
	}
	if c.flags.fix && !c.flags.quiet {
		fmt.Fprintln(c.stderr, c.fixed.fixedMessage("Fixed"))
	}
	return 0, false
}

func (c *check) applyBaseline() (int, bool) {
	flags := c.flags
	if flags.writeBaseline != "" {
		n, err := writeBaseline(flags.writeBaseline, baselineView(c.findings, c.results, c.cwd, flags.writeBaseline))
		if err != nil {
			return c.usageError(err)
		}
		fmt.Fprintf(c.stderr, "Recorded %d %s in %s.\n", n, plural(n, "finding"), flags.writeBaseline)
		if c.hardError {
			return exitUsage, true
		}
		return exitOK, true
	}
	if c.accepted == nil {
		return 0, false
	}
	covered := c.accepted.Covered(baselineView(c.findings, c.results, c.cwd, flags.baseline))
	kept := make([]report.Finding, 0, len(c.findings))
	for i, f := range c.findings {
		if !covered[i] {
			kept = append(kept, f)
		}
	}
	hidden := len(c.findings) - len(kept)
	c.findings = kept
	if hidden > 0 && !flags.quiet {
		fmt.Fprintf(c.stderr, "daglint: %d %s hidden by the baseline %s\n", hidden, plural(hidden, "finding"), flags.baseline)
	}
	return 0, false
}

func (c *check) write() (int, bool) {
	flags := c.flags
	srcRoot, _ := report.DirURI(c.cwd)
	rep := &report.Run{
		ToolName: "daglint", ToolVersion: fullVersion(), InfoURI: homeURI, DocsURI: docsURI,
		Rules: rules.All, Findings: c.findings, Errors: c.fileErrs, Category: flags.category, SrcRoot: srcRoot,
		Quiet: flags.quiet,
	}
	outs := c.outs
	if flags.statistics && !stdoutUsed(outs) {
		outs = append(outs, output{format: "text"})
	}
	for _, o := range outs {
		if o.path == "" || o.path == "-" {
			switch {
			case flags.statistics:
				o.writer = report.WriteStatistics
			case c.noFiles && o.format == "text":
				continue // the warning said it: no "All checks passed."
			}
		}
		if err := writeOutput(o, rep, c.stdout, flags.color); err != nil {
			return c.usageError(err)
		}
	}
	return 0, false
}

func (c *check) exit() (int, bool) {
	if c.hardError {
		return exitUsage, true
	}
	if c.flags.exitZero {
		return exitOK, true
	}
	for _, f := range c.findings {
		if f.Severity >= c.failOn {
			return exitFindings, true
		}
	}
	return exitOK, true
}
