package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-isatty"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/config"
	"github.com/daglint/daglint/internal/connections"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/report"
	"github.com/daglint/daglint/internal/rules"
	"github.com/daglint/daglint/internal/walk"
)

const (
	homeURI = "https://github.com/daglint/daglint"
	docsURI = rules.DocsBaseURL
)

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

const usage = `daglint finds Docker image and registry-credential mistakes in Airflow DAG files.

Usage:
  daglint check [flags] [PATH...]   lint files and folders (default ".")
  daglint rules                     list every rule with its level and summary
  daglint explain ID|project        print a rule's documentation, or how projects are found
  daglint server                    run the language server for editors (LSP over stdio)
  daglint version                   print the version

Run "daglint check -h" for the flags of check.
`

// run is the whole program; it returns the exit code. Output that cannot
// be written (a full disk, a closed pipe) is an I/O error: exit 2.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	errs := newScrubWriter(stderr)
	defer errs.Flush()
	stderr = errs
	out := &checkedWriter{w: stdout}
	code := dispatch(args, stdin, out, stderr)
	if out.err != nil {
		fmt.Fprintf(stderr, "daglint: cannot write the output: %v\n", out.err)
		return exitUsage
	}
	return code
}

// checkedWriter remembers the first error of the writes through it and
// fails every later write with it.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	c.err = err
	return n, err
}

// dispatch runs one subcommand.
func dispatch(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if err := analysis.Validate(rules.All); err != nil {
		panic(fmt.Sprintf("invalid rule registry: %v", err)) // a programmer error, caught by tests
	}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "check":
		return runCheck(args[1:], stdin, stdout, stderr)
	case "rules":
		return runRules(args[1:], stdout, stderr)
	case "explain":
		return runExplain(args[1:], stdout, stderr)
	case "server":
		return runServer(args[1:], stdin, stdout, stderr)
	case "version", "--version":
		if helpRequested(args[1:]) {
			fmt.Fprint(stdout, "Usage: daglint version\n\nPrints daglint's version and, for a build from a git checkout, its commit.\n")
			return exitOK
		}
		if len(args) > 1 {
			fmt.Fprintln(stderr, "daglint: version takes no arguments")
			return exitUsage
		}
		fmt.Fprintln(stdout, versionLine())
		return exitOK
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "daglint: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

func runRules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	format := fs.String("format", "text", "output format: text or json")
	if err := parseFlags(fs, args, "rules [--format text|json]", stdout, stderr); err != nil {
		return flagsExit(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "daglint: rules takes no arguments (got %q); use \"daglint explain ID\" for one rule\n", fs.Arg(0))
		return exitUsage
	}
	switch *format {
	case "text":
		for _, r := range rules.All {
			fmt.Fprintf(stdout, "%s  %-38s %-8s %s\n", r.ID, r.Name, r.Severity, r.Doc.Summary)
		}
	case "json":
		if err := writeRulesJSON(stdout); err != nil {
			fmt.Fprintf(stderr, "daglint: %v\n", err)
			return exitUsage
		}
	default:
		fmt.Fprintf(stderr, "daglint: unknown format %q for rules (want text or json)\n", *format)
		return exitUsage
	}
	return exitOK
}

func runExplain(args []string, stdout, stderr io.Writer) int {
	if helpRequested(args) {
		fmt.Fprintf(stdout, "Usage: daglint explain ID\n\nPrints a rule's documentation (ID such as %s, or its name such as %s).\n\n\"daglint explain project\" says how a file's project, configuration and imported modules are found.\n", rules.ImageUnqualified.ID, rules.ImageUnqualified.Name)
		return exitOK
	}
	if len(args) != 1 {
		fmt.Fprintf(stderr, "daglint: usage: daglint explain ID (for example %s)\n", rules.ImageUnqualified.ID)
		return exitUsage
	}
	if strings.EqualFold(args[0], "project") {
		fmt.Fprint(stdout, projectDoc)
		return exitOK
	}
	id := strings.ToUpper(args[0])
	r := rules.ByID(id)
	if r == nil {
		for _, cand := range rules.All {
			if cand.Name == args[0] {
				r = cand
			}
		}
	}
	if r == nil {
		fmt.Fprintf(stderr, "daglint: no rule %q; run \"daglint rules\" for the list\n", args[0])
		return exitUsage
	}
	fmt.Fprint(stdout, rules.Markdown(r))
	return exitOK
}

// listFlag is a repeatable flag whose values may also be comma-separated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// repeatFlag is a repeatable flag kept as given.
type repeatFlag []string

func (r *repeatFlag) String() string     { return strings.Join(*r, " ") }
func (r *repeatFlag) Set(v string) error { *r = append(*r, v); return nil }

// checkAbout is how check finds the configuration, for its --help.
const checkAbout = `Each file is linted with the nearest configuration in its folder or above it:
.daglint.yaml, daglint.yaml, or pyproject.toml with a [tool.daglint] table
(the first found in a folder wins), whatever folder daglint runs from; a file
with none above it gets the defaults. A configuration's exclude,
per-file-ignores and connections paths are relative to its own folder;
without connections, the airflow_settings.yaml next to it is read (with no
configuration file, the one in the current folder). --config FILE applies
one configuration to every file and --no-config none.`

type checkFlags struct {
	formats, outputs             repeatFlag
	configPath                   string
	noConfig                     bool
	failOn                       string
	selectIDs, ignore, extendSel listFlag
	showConfig                   bool
	noInlineIgnores              bool
	maxFileSize                  string
	category                     string
	color                        string
	jobs                         int
	noGitignore                  bool
	forceExclude                 bool
	stdinFilename                string
	exitZero, statistics         bool
	showFiles, quiet             bool
	fixFlags                     // --fix, --diff, --unsafe-fixes (fix.go)
	baselineFlags                // --baseline, --write-baseline (baseline.go)
}

func parseCheckFlags(args []string, stdout, stderr io.Writer) (*checkFlags, []string, error) {
	c := &checkFlags{}
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.Var(&c.formats, "format", "output format: text, json, sarif, gitlab, github; repeatable; FORMAT=PATH writes that format to PATH")
	fs.Var(&c.formats, "output-format", "the same as --format (ruff's name)")
	fs.Var(&c.outputs, "output", "write the output to `FILE` instead of standard output; repeatable, pairs with --format in order")
	fs.StringVar(&c.configPath, "config", "", "use this configuration `FILE` for every file instead of each file's nearest .daglint.yaml / pyproject.toml")
	fs.BoolVar(&c.noConfig, "no-config", false, "ignore configuration files")
	fs.StringVar(&c.failOn, "fail-on", "warning", "exit 1 when a finding at or above this `level` remains: error, warning or note")
	fs.Var(&c.selectIDs, "select", "rule IDs or prefixes to run (replaces the configuration's select, extend-select and ignore)")
	fs.Var(&c.extendSel, "extend-select", "rule IDs or prefixes to run in addition")
	fs.Var(&c.ignore, "ignore", "rule IDs or prefixes to skip")
	fs.BoolVar(&c.showConfig, "show-config", false, "print the configuration that applies to the first PATH (or the --stdin-filename, or this folder), naming its file, and exit")
	fs.BoolVar(&c.noInlineIgnores, "no-inline-ignores", false, "ignore # noqa and # daglint: ignore comments")
	fs.StringVar(&c.maxFileSize, "max-file-size", "", fmt.Sprintf("skip files larger than this `size` (bytes, or with KB/MB suffix; 0 means no limit; default %dMB)", config.DefaultMaxFileSize>>20))
	fs.StringVar(&c.category, "category", "", "SARIF automationDetails.id, to tell several uploads apart")
	fs.StringVar(&c.color, "color", "auto", "colour text output: auto, always or never (NO_COLOR is honoured)")
	fs.IntVar(&c.jobs, "jobs", 0, "files linted in parallel (default: number of CPUs)")
	fs.BoolVar(&c.noGitignore, "no-gitignore", false, "also lint files that .gitignore files ignore")
	fs.BoolVar(&c.forceExclude, "force-exclude", false, "apply exclude globs to paths named on the command line too")
	fs.StringVar(&c.stdinFilename, "stdin-filename", "", "lint standard input (the path \"-\", or no path) as this `path` (for editors)")
	fs.BoolVar(&c.exitZero, "exit-zero", false, "exit 0 even when findings remain (2 still reports usage, configuration and I/O errors)")
	fs.BoolVar(&c.statistics, "statistics", false, "print how many findings each rule reported instead of the findings")
	fs.BoolVar(&c.showFiles, "show-files", false, "print the files that would be linted, with the configuration that applies, and exit")
	fs.BoolVar(&c.quiet, "quiet", false, "print findings and errors only: no summary, no notices")
	fs.BoolVar(&c.quiet, "q", false, "the same as --quiet")
	c.fixFlags.register(fs)
	c.baselineFlags.register(fs)
	// Flags may follow paths, as in ruff and most linters.
	var paths []string
	for {
		if err := parseFlags(fs, args, "check [flags] [PATH...]\n\n"+checkAbout, stdout, stderr); err != nil {
			return nil, nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if rest[0] == "--" {
			paths = append(paths, rest[1:]...)
			break
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
	return c, paths, nil
}

// output is one format written to one destination ("" is standard output).
type output struct {
	format string
	path   string
	writer report.Writer
}

func (c *checkFlags) outputsList() ([]output, error) {
	formats := c.formats
	if len(formats) == 0 {
		formats = repeatFlag{"text"}
	}
	var outs []output
	files := append([]string(nil), c.outputs...)
	for _, f := range formats {
		name, path, hasPath := strings.Cut(f, "=")
		w, ok := report.Get(name)
		if !ok {
			return nil, fmt.Errorf("unknown format %q (want one of %s)", name, strings.Join(report.Formats, ", "))
		}
		if !hasPath && len(files) > 0 {
			path, files = files[0], files[1:]
		}
		outs = append(outs, output{format: name, path: path, writer: w})
	}
	if len(files) > 0 {
		return nil, fmt.Errorf("more --output files than --format flags")
	}
	stdoutCount := 0
	seen := map[string]string{}
	for _, o := range outs {
		if o.path == "" || o.path == "-" {
			stdoutCount++
			continue
		}
		if strings.TrimSpace(o.path) == "" {
			return nil, fmt.Errorf("empty output path for the %s format", o.format)
		}
		key := filepath.Clean(o.path)
		if prev, dup := seen[key]; dup {
			return nil, fmt.Errorf("the %s and %s formats are both written to %s; give each its own file", prev, o.format, o.path)
		}
		seen[key] = o.format
	}
	if stdoutCount > 1 {
		return nil, fmt.Errorf("only one format can go to standard output; give the others an --output FILE or FORMAT=PATH")
	}
	return outs, nil
}

func writeOutput(o output, rep *report.Run, stdout io.Writer, colorMode string) error {
	run := *rep
	if o.path == "" || o.path == "-" {
		run.Color = useColor(colorMode, stdout)
		return o.writer(stdout, &run)
	}
	f, err := os.Create(o.path)
	if err != nil {
		return fmt.Errorf("cannot write %s output: %w", o.format, err)
	}
	if err := o.writer(f, &run); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", o.path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", o.path, err)
	}
	return nil
}

func useColor(mode string, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	if v := os.Getenv("FORCE_COLOR"); v != "" && v != "0" && v != "false" {
		return true
	}
	if os.Getenv("TERM") == "dumb" {
		return false
	}
	if c, ok := w.(*checkedWriter); ok {
		w = c.w
	}
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// forcedConfig is the configuration --no-config (the defaults) or --config
// FILE gives every file of the run.
func forcedConfig(flags *checkFlags, cwd string) (*config.Config, error) {
	if flags.noConfig {
		return finishConfig(flags, cwd, config.Default(cwd, rules.All), nil)
	}
	cfg, err := config.Load(flags.configPath, rules.All)
	return finishConfig(flags, cwd, cfg, err)
}

// finishConfig completes a configuration just read (or reports the error
// of reading it): paths shown relative to cwd, then the command line's
// --max-file-size, --select, --extend-select and --ignore on top.
func finishConfig(flags *checkFlags, cwd string, cfg *config.Config, err error) (*config.Config, error) {
	var cerr *config.Error
	if errors.As(err, &cerr) {
		// Name the file as the user would: relative to the working directory.
		cerr.Path = relToDir(cwd, absPath(cwd, cerr.Path))
	}
	if err != nil {
		return nil, err
	}
	if cfg.Path != "" {
		cfg.Path = relToDir(cwd, absPath(cwd, cfg.Path))
	}
	if flags.maxFileSize != "" {
		n, ok := config.ParseSize(flags.maxFileSize)
		if !ok {
			return nil, fmt.Errorf("--max-file-size: %q is not a size (bytes, or with a KB/MB/GB suffix)", flags.maxFileSize)
		}
		cfg.MaxFileSize = n
	}
	if err := cfg.ApplyCLI(flags.selectIDs, flags.extendSel, flags.ignore); err != nil {
		return nil, err
	}
	return cfg, nil
}

// loadConnections reads the connections sources; nil means none is known
// (DAG205 stays off).
func loadConnections(cfg *config.Config, cwd string) (map[string]*analysis.Connection, error) {
	srcs := cfg.ConnectionSources(cwd)
	if len(srcs) == 0 {
		return nil, nil
	}
	project := cwd
	if cfg.Path != "" {
		project = cfg.Dir
	}
	for i, src := range srcs {
		if !insideProject(project, absPath(cwd, src)) {
			return nil, fmt.Errorf("connections source %d is outside the project folder (symbolic links resolved); daglint reads connections files only inside it", i+1)
		}
	}
	conns, err := connections.Load(srcs)
	var cerr *connections.Error
	if errors.As(err, &cerr) {
		cerr.Path = relToDir(cwd, absPath(cwd, cerr.Path))
	}
	if err != nil {
		return nil, err
	}
	for _, c := range conns {
		// Messages name the file a connection came from: keep it relative
		// to the working directory so output does not depend on the machine.
		if abs, err := filepath.Abs(c.Source); err == nil {
			c.Source = relTo(cwd, filepath.ToSlash(abs))
		}
	}
	return conns, nil
}

// insideProject reports whether the file at path, symbolic links resolved,
// lies inside the project folder. A file that does not exist is judged by
// its path; reading it then fails with its own error.
func insideProject(project, path string) bool {
	root, err := filepath.EvalSymlinks(project)
	if err != nil {
		root = project
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		real = filepath.Join(root, mustRel(project, path))
	}
	return walk.Within(root, real)
}

// mustRel returns path relative to dir, or path itself when it has none.
func mustRel(dir, path string) string {
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return path
	}
	return rel
}

func absPath(cwd, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(cwd, filepath.FromSlash(p))
}

// relTo returns p relative to dir with slashes, or p when it is outside dir.
func relTo(dir, p string) string {
	rel, err := filepath.Rel(dir, filepath.FromSlash(p))
	if err != nil || strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}

// validate rejects flag values that would otherwise be silently ignored.
func (c *checkFlags) validate() error {
	switch c.color {
	case "auto", "always", "never":
	default:
		return fmt.Errorf("--color: %q is not a colour mode (want auto, always or never)", c.color)
	}
	if c.jobs < 0 {
		return fmt.Errorf("--jobs: %d is negative (0 means one per CPU)", c.jobs)
	}
	return nil
}

// readsStdin reports whether the run lints standard input: the path "-"
// alone, or --stdin-filename with no path. "-" among other paths, or
// --stdin-filename with paths other than "-", is a usage error rather than a
// flag that silently does nothing.
func readsStdin(paths []string, stdinFilename string) (bool, error) {
	dash := false
	for _, p := range paths {
		if p == "-" {
			dash = true
		}
	}
	switch {
	case dash && len(paths) > 1:
		return false, errors.New("standard input (-) cannot be linted together with other paths")
	case dash:
		return true, nil
	case stdinFilename != "" && len(paths) > 0:
		return false, errors.New("--stdin-filename names standard input: give the path - (or no path) instead of files")
	}
	return stdinFilename != "", nil
}

// stdinName is the path standard input is linted as: --stdin-filename shown
// like a walked file (relative to cwd when under it, cleaned), or stdin.py.
func stdinName(cwd, name string) string {
	if name == "" {
		return "stdin.py"
	}
	if filepath.IsAbs(name) {
		if rel, err := filepath.Rel(cwd, name); err == nil && filepath.IsLocal(rel) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(filepath.Clean(name))
}

// excludeFunc is the walk's exclude test. With forceExclude every ancestor
// counts; otherwise a folder named on the command line and its ancestors do
// not (see config.ExcludedBelow): the deepest named folder holding a path is
// its root.
func excludeFunc(res *resolver, cwd string, paths []string, forceExclude bool) func(string, bool) bool {
	if forceExclude {
		return func(p string, _ bool) bool { return res.excluded(p, "") }
	}
	var roots []string
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			roots = append(roots, absPath(cwd, p))
		}
	}
	return func(p string, _ bool) bool {
		abs := filepath.FromSlash(p)
		root := ""
		for _, r := range roots {
			if rel, err := filepath.Rel(r, abs); err == nil && filepath.IsLocal(rel) && len(r) > len(root) {
				root = r
			}
		}
		return res.excluded(p, root)
	}
}

// walkFiles walks paths; no paths (standard input) means no files.
func walkFiles(paths []string, opts walk.Options) (walk.Result, error) {
	if len(paths) == 0 {
		return walk.Result{}, nil
	}
	return walk.Walk(paths, opts)
}

// lintStdin lints standard input as the file name (for editors), bounded by
// the maximum file size.
func lintStdin(stdin io.Reader, name string, opts lint.Options) lint.Result {
	src, err := lint.ReadLimited(new(bytes.Buffer), stdin, opts.MaxFileSize)
	if errors.Is(err, lint.ErrTooLarge) {
		return lint.Result{Path: name, Err: err}
	}
	if err != nil {
		return lint.Result{Path: name, Err: fmt.Errorf("cannot read standard input: %w", err)}
	}
	return lint.Source(filepath.ToSlash(name), src, opts)
}

// stdoutUsed reports whether some format is written to standard output.
func stdoutUsed(outs []output) bool {
	for _, o := range outs {
		if o.path == "" || o.path == "-" {
			return true
		}
	}
	return false
}

// textOnStdout reports whether the text format is written to standard output.
func textOnStdout(outs []output) bool {
	for _, o := range outs {
		if o.format == "text" && (o.path == "" || o.path == "-") {
			return true
		}
	}
	return false
}
