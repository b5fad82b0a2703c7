// Package lint is daglint's driver: it reads files, parses those that can
// concern a rule, builds the Airflow model once per file, runs every enabled
// rule on it, applies suppressions and severity overrides, and returns sorted,
// de-duplicated findings.
package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/project"
	"github.com/daglint/daglint/internal/pyparse"
	"github.com/daglint/daglint/internal/secrets"
	"github.com/daglint/daglint/internal/source"
)

// Options configures a lint run.
type Options struct {
	// Rules are the enabled rules; a rule whose Enabled turns it off for
	// Settings is left out. The one marked UnusedSuppressions is reported by
	// the driver when listed here.
	Rules    []*analysis.Rule
	Settings *analysis.Settings
	// Severity overrides rules' default levels.
	Severity map[string]analysis.Severity
	// Ignored reports whether a rule is switched off for a path
	// (per-file-ignores); nil for none.
	Ignored func(path, ruleID string) bool
	// NoInlineIgnores makes `# noqa` and `# daglint: ignore` comments count
	// for nothing (and DAG002 silent).
	NoInlineIgnores bool
	// MaxFileSize skips larger files with a notice; 0 means no limit (the
	// default limit is the configuration's, config.DefaultMaxFileSize).
	MaxFileSize int64
	// Workers is the number of files linted at once (0: GOMAXPROCS).
	Workers int
	// KnownRules holds every rule ID of the registry, enabled or not, so that
	// a suppression naming a switched-off rule is not called unknown.
	KnownRules map[string]bool
	// SecretRules are the rules marked Secret, run on every parsed file,
	// enabled or not, to learn which of its text must never be shown (see
	// Result.Redactor); nil takes those among Rules.
	SecretRules []*analysis.Rule
	// KeepSource keeps each parsed file's line table, and so its source, in
	// Result.Lines (fixing needs it). Otherwise positions and fingerprint
	// texts are computed as each file is linted and its source is let go,
	// so memory does not grow with the size of the tree.
	KeepSource bool
	// Modules is the module index of the file's project: names imported
	// from project modules resolve through it (nil: each file on its own).
	Modules *project.Index

	// sets, when not nil, are the rule sets of these options, worked out
	// once for all the files FilesEach lints with them.
	sets *ruleSets
	// parseAll parses every file, as if the prefilter let all through
	// (tests compare the prefilter with it).
	parseAll bool
}

// Result is the outcome for one file.
type Result struct {
	Path string
	// Lines is the file's line table; nil unless Options.KeepSource was set
	// and the file was parsed.
	Lines *source.Lines
	// Diagnostics are sorted by offset, then rule ID.
	Diagnostics []analysis.Diagnostic
	// Err is set when the file could not be read or linted; other files are
	// still reported.
	Err error
	// Parsed is false when the prefilter found nothing any rule could concern.
	Parsed bool
	// SyntaxError is set when the file was parsed and does not parse as
	// Python 3 (whether or not a rule reports it).
	SyntaxError bool
	// Redactor hides the file's secrets in any text about it; the
	// diagnostics have passed through it already. Nil (which only applies
	// secrets.Scrub) when the file was not parsed.
	Redactor *secrets.Redactor
	// located holds the diagnostics with their positions (see Findings),
	// stamped for the path stampedFor.
	located    []located
	stampedFor string
}

// Files lints paths in parallel and returns one result per path, in the
// order given. Output does not depend on the number of workers.
func Files(paths []string, opts Options) []Result {
	return FilesEach(paths, opts.Workers, func(int) *Options { return &opts })
}

// FilesEach is Files with options of their own for each file: the i-th
// path is linted with optsFor(i) (whose Workers is not read), all in one
// pool of workers (0 means one per CPU), so files of many configurations
// are linted as fast as files of one.
func FilesEach(paths []string, workers int, optsFor func(i int) *Options) []Result {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	p := NewPool(max(min(workers, len(paths)), 1))
	for i, path := range paths {
		p.Add(path, optsFor(i))
	}
	return p.Wait(nil)
}

// Pool lints files as they are handed to it, on a fixed number of
// goroutines, so that a caller still finding files (a walk) keeps the
// CPUs busy meanwhile. Results come back in the order the files were
// added, or in the order Wait is given, whatever the number of workers.
// Add and Wait are for one goroutine; a Pool is used once.
type Pool struct {
	jobs    chan poolJob
	added   int
	chunks  [][]Result // the results, poolChunk to a chunk, in the order added
	stopped atomic.Bool
	wg      sync.WaitGroup
}

// poolJob is one added file and where its result goes.
type poolJob struct {
	path string
	opts *Options
	out  *Result
}

const (
	// poolQueue is how many added files may wait for a worker: enough
	// that the caller rarely waits on the workers.
	poolQueue = 1024
	// poolChunk is how many results are allocated at a time, so that
	// results are never copied while files are still being added.
	poolChunk = 1024
)

// NewPool starts a pool of workers goroutines (0 means one per CPU).
func NewPool(workers int) *Pool {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	p := &Pool{jobs: make(chan poolJob, poolQueue)}
	p.wg.Add(workers)
	for range workers {
		go p.work()
	}
	return p
}

// Add queues the file at path to be linted with opts (whose Workers is not
// read); opts must not change until Wait returns. It returns the file's
// index in Wait's results.
func (p *Pool) Add(path string, opts *Options) int {
	i := p.added
	if i%poolChunk == 0 {
		p.chunks = append(p.chunks, make([]Result, poolChunk))
	}
	p.added++
	p.jobs <- poolJob{path: path, opts: opts, out: &p.chunks[i/poolChunk][i%poolChunk]}
	return i
}

// Wait lints the files still queued and returns their results: the i-th
// is that of the file Add numbered order[i], or with order nil, of the
// i-th file added (every file once).
func (p *Pool) Wait(order []int) []Result {
	close(p.jobs)
	p.wg.Wait()
	if order == nil {
		order = make([]int, p.added)
		for i := range order {
			order[i] = i
		}
	}
	out := make([]Result, len(order))
	for i, j := range order {
		out[i] = p.chunks[j/poolChunk][j%poolChunk]
	}
	p.chunks = nil
	return out
}

// Stop ends the pool without linting the files still queued, for a caller
// that gives up (a usage error found while adding files).
func (p *Pool) Stop() {
	p.stopped.Store(true)
	close(p.jobs)
	p.wg.Wait()
	p.chunks = nil
}

// work is one worker's loop.
func (p *Pool) work() {
	defer p.wg.Done()
	sets := map[*Options]*ruleSets{} // this worker's, so no lock
	var dirs folder
	defer dirs.close()
	for j := range p.jobs {
		if p.stopped.Load() {
			continue
		}
		set := sets[j.opts]
		if set == nil {
			set = newRuleSets(*j.opts)
			sets[j.opts] = set
		}
		oc := *j.opts
		oc.sets = set
		res := fileIn(&dirs, j.path, oc)
		if !j.opts.KeepSource {
			res.release()
		}
		*j.out = res
	}
}

// Skip reasons: a result whose Err wraps one of these is a notice that the
// file was not linted, not a failure to read it.
var (
	ErrTooLarge = errors.New("file too large")
	ErrBinary   = errors.New("binary file")
)

// IsNotice reports whether err, a Result's Err, only says the file was
// skipped on purpose (ErrTooLarge, ErrBinary).
func IsNotice(err error) bool {
	return errors.Is(err, ErrTooLarge) || errors.Is(err, ErrBinary)
}

// File reads and lints one file.
func File(path string, opts Options) Result { return fileIn(nil, path, opts) }

// fileIn is File opening the file through dirs, a worker's last folder
// (nil: by its path).
func fileIn(dirs *folder, path string, opts Options) Result {
	scratch, _ := skippedBytes.Get().(*[]byte)
	if scratch == nil {
		scratch = new([]byte)
	}
	src, err := readFileIn(dirs, path, opts.MaxFileSize, *scratch)
	if err != nil {
		skippedBytes.Put(scratch)
		return Result{Path: path, Err: err}
	}
	res := Source(path, src, opts)
	// A file the prefilter skipped leaves nothing that holds its bytes, so
	// the next file is read into the same memory; a parsed file's tree and
	// line table keep theirs.
	if !res.Parsed && cap(src) <= maxScratch {
		*scratch = src[:0]
	} else if cap(*scratch) > 0 && len(src) > 0 && &(*scratch)[:1][0] == &src[0] {
		*scratch = nil // src is the scratch memory, now the parsed file's
	}
	skippedBytes.Put(scratch)
	return res
}

// skippedBytes holds read buffers for the next file, of at most maxScratch
// bytes each.
var skippedBytes sync.Pool

const maxScratch = 1 << 20

// notRegular is the error for a path that is no regular file.
func notRegular(mode os.FileMode) error {
	return fmt.Errorf("cannot read: not a regular file (%s)", mode.Type())
}

// tooLarge is the notice for a file of size bytes over the limit max.
func tooLarge(size, max int64) error {
	return fmt.Errorf("skipped: %w (%d bytes, limit %d; see --max-file-size)", ErrTooLarge, size, max)
}

// grewTooLarge is the notice for a file that went over the limit max while
// it was read (standard input, or a file that grew after its stat).
func grewTooLarge(max int64) error {
	return fmt.Errorf("skipped: %w (over %d bytes; see --max-file-size)", ErrTooLarge, max)
}

// readFile reads a regular file of at most max bytes (0: no limit); a
// pipe, device or folder is refused without being read (readFileIn, one
// for each kind of system).
func readFile(path string, max int64) ([]byte, error) {
	return readFileIn(nil, path, max, nil)
}

// ReadLimited reads r into buf, failing with an ErrTooLarge notice beyond
// max bytes; max 0 means no limit.
func ReadLimited(buf *bytes.Buffer, r io.Reader, max int64) ([]byte, error) {
	if max > 0 {
		r = io.LimitReader(r, max+1)
	}
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, err
	}
	if max > 0 && int64(buf.Len()) > max {
		return nil, grewTooLarge(max)
	}
	return buf.Bytes(), nil
}

// Source lints src as the file path.
func Source(path string, src []byte, opts Options) (res Result) {
	// The line table is left to the parser: files the prefilter skips have
	// no findings, so they never need one.
	res = Result{Path: path}
	if isBinary(src) {
		res.Err = fmt.Errorf("skipped: %w (contains NUL bytes)", ErrBinary)
		return res
	}
	how, mayToken := prefilterScan(path, src, opts)
	if how == skip {
		return res
	}
	if opts.sets == nil { // a file linted on its own: parseFile and run share them
		opts.sets = newRuleSets(opts)
	}
	var file *pyparse.File
	var model *airflow.Model
	defer func() {
		// A rule that panics is a bug in daglint; it must not take other
		// files' findings with it.
		if r := recover(); r != nil {
			res.Diagnostics, res.located, res.Lines = nil, nil, nil
			res.Err = fmt.Errorf("internal error while linting (please report it): %v", r)
			if res.Redactor == nil && model != nil {
				res.Redactor = panicRedactor(file, model, opts)
			}
		}
	}()
	if file = parseFile(path, src, how, opts); file == nil {
		return res
	}
	res.Parsed = true
	res.SyntaxError = len(file.Errors) > 0
	var mods airflow.Modules
	if opts.Modules != nil {
		mods = opts.Modules
	}
	model = airflow.BuildWith(file, mods)
	res.Diagnostics, res.Redactor = run(file, model, opts, mayToken)
	res.located, res.stampedFor = stamp(locate(file.Lines, res.Diagnostics, res.Redactor), path), path
	if opts.KeepSource {
		res.Lines = file.Lines
	}
	// Nothing of the result points into the syntax tree (diagnostics,
	// fixes, positions and the redactor hold offsets and strings, and the
	// line table is not the tree's), so its memory goes to the next file.
	// Not after a panic: the recovery above may still read the tree.
	if releaseParsed && !relatedTo(res.Diagnostics, file) {
		file.Release()
	}
	return res
}

// releaseParsed lets Source release each file's tree once linted; tests
// turn it off to compare.
var releaseParsed = true

// relatedTo reports whether a diagnostic's related location points at file.
func relatedTo(diags []analysis.Diagnostic, file *pyparse.File) bool {
	for _, d := range diags {
		for _, r := range d.Related {
			if r.File == file {
				return true
			}
		}
	}
	return false
}

// ErrMessage is the text of Err as every output prints it, with the file's
// secrets hidden; "" when there is no error.
func (r *Result) ErrMessage() string {
	if r.Err == nil {
		return ""
	}
	return r.Redactor.Redact(r.Err.Error())
}

// panicRedactor is the Redactor of a file whose lint panicked (the panic
// message may quote it): the secrets the Secret rules find, or when they
// panic too, the tokens of its source.
func panicRedactor(file *pyparse.File, model *airflow.Model, opts Options) (red *secrets.Redactor) {
	defer func() {
		if recover() != nil {
			red = secrets.NewRedactor(fileSecrets(file, nil))
		}
	}()
	spans := secretSpans(file, analysis.Pass{File: file, Model: model, Settings: opts.Settings, Facts: analysis.NewFacts()}, secretRules(opts), nil, nil)
	return secrets.NewRedactor(fileSecrets(file, spans))
}

// release drops what only a caller that fixes or re-lints the file needs:
// the diagnostics (their positioned copies are kept for Findings) and the
// redactor, unless an error about the file is still to be shown through it.
// A run over a large tree then holds one copy of each finding.
func (r *Result) release() {
	if r.located != nil || !r.Parsed {
		r.Diagnostics = nil
	}
	if r.Err == nil {
		r.Redactor = nil
	}
}

func isBinary(src []byte) bool {
	head := src
	if len(head) > 8000 {
		head = head[:8000]
	}
	return bytes.IndexByte(head, 0) >= 0
}

// markers are byte strings at least one of which a file must contain for any
// rule to concern it; files without them are never parsed.
var markers = [][]byte{
	[]byte("DockerOperator"), []byte("DockerSwarmOperator"), []byte("KubernetesPodOperator"),
	// the rest of the KPO family: GKEStartPodOperator, EksPodOperator,
	// KubernetesJobOperator ..., @task.kubernetes and k8s pod overrides
	[]byte("PodOperator"), []byte("JobOperator"), []byte("kubernetes"),
	[]byte("docker"), []byte("noqa"), []byte("daglint"),
	[]byte("get-login"), // aws ecr get-login (DAG305) need not say docker
}

// markerScan looks for the markers and what may be a secret
// (secrets.SecretHint) in one pass over a file's bytes.
var markerScan = secrets.NewPrefilter(markers)

// Relevant reports whether any rule could concern src as far as its bytes
// tell: it names a Docker or Kubernetes operator, holds a suppression
// comment, or may hold a secret (secrets.MayContainSecret): what the
// prefilter does not skip, without a module index. Source parses
// a file that is relevant only for its secret-like words (secrets.NameHint)
// only when the token prefilter of a rule it runs says so.
func Relevant(src []byte) bool { return prefilter("", src, Options{}) != skip }

// stage is what the prefilter makes of a file.
type stage uint8

const (
	skip      stage = iota // nothing any rule could concern
	parse                  // parse it
	askTokens              // only secret-like words: the rules' token prefilters decide
)

// prefilter decides from a file's bytes whether it is parsed: it is when it
// names an operator or holds a suppression comment (markers), may hold a
// credential (secrets.TokenHint) or imports a project module; a file that
// holds only secret-like words (secrets.NameHint) is left to the tokens.
func prefilter(path string, src []byte, opts Options) stage {
	how, _ := prefilterScan(path, src, opts)
	return how
}

// prefilterScan is prefilter, and whether src may hold a credential
// secrets.FindTokens finds (secrets.MayContainToken), from the same pass
// over the bytes: a file parsed for a marker alone need not be searched
// for tokens again (fileSecrets).
func prefilterScan(path string, src []byte, opts Options) (how stage, mayToken bool) {
	if opts.parseAll {
		return parse, true
	}
	hint, mayToken := markerScan.HintToken(src) // TokenHint also for a marker
	return stageOf(hint, path, src, opts), mayToken
}

// stageOf is the prefilter's decision for src once its secret hint is known.
func stageOf(hint secrets.Hint, path string, src []byte, opts Options) stage {
	switch {
	case hint == secrets.TokenHint || importsProject(path, src, opts.Modules, opts.sets.projectHeads()):
		return parse
	case hint == secrets.NameHint:
		return askTokens
	}
	return skip
}

// parseFile parses a file the prefilter did not skip. One it left to the
// tokens is parsed, from the same scan, only when the Prefilter of a rule
// the options run says the rule could report in it; otherwise parseFile
// returns nil.
func parseFile(path string, src []byte, how stage, opts Options) *pyparse.File {
	if how == parse {
		return pyparse.Parse(path, src)
	}
	prefilters := opts.ruleSets().prefilters
	return pyparse.ParseIf(path, src, func(toks *pyparse.Tokens) bool {
		for _, p := range prefilters {
			if p(toks) {
				return true
			}
		}
		return false
	})
}

// run applies the rules to one parsed file and redacts what they say;
// mayToken is false when the file's source holds no credential
// secrets.FindTokens could find (fileSecrets).
func run(file *pyparse.File, model *airflow.Model, opts Options, mayToken bool) ([]analysis.Diagnostic, *secrets.Redactor) {
	var diags []analysis.Diagnostic
	var spans []pyparse.Range
	facts := analysis.NewFacts() // shared by every rule of this file
	sets := opts.ruleSets()
	enabled, unused := sets.enabled, sets.unused
	ran := make([]*analysis.Rule, 0, len(opts.Rules)) // a handful: no map
	// One pass serves every rule in turn: Report reads the rule from it.
	pass := &analysis.Pass{File: file, Model: model, Settings: opts.Settings, Facts: facts}
	pass.Report = func(d analysis.Diagnostic) {
		rule := pass.Rule
		d.RuleID = rule.ID
		if d.Severity == analysis.SeverityDefault {
			d.Severity = rule.Severity
		}
		if rule.Secret {
			spans = append(spans, pyparse.Range{Start: d.Start, End: d.End})
		}
		diags = append(diags, d)
	}
	for _, rule := range opts.Rules {
		if rule.Run == nil || !enabled[rule.ID] || (opts.Ignored != nil && opts.Ignored(file.Path, rule.ID)) {
			continue
		}
		ran = append(ran, rule)
		pass.Rule = rule
		if err := analysis.Run(pass, sets.winners[rule]); err != nil {
			diags = append(diags, analysis.Diagnostic{
				RuleID: rule.ID, Severity: analysis.Error,
				Message: fmt.Sprintf("rule %s failed: %v", rule.ID, err),
			})
		}
	}
	diags = overrideAndDedupe(diags, opts)
	if !opts.NoInlineIgnores {
		diags = applySuppressions(file, parseDirectives(file), diags, enabled, unused, opts)
	}
	spans = secretSpans(file, analysis.Pass{File: file, Model: model, Settings: opts.Settings, Facts: facts}, sets.secret, ran, spans)
	red := secrets.NewRedactor(append(fileSecretsOf(file, spans, mayToken), foreignSecrets(model, opts)...))
	redactDiagnostics(diags, red)
	sortDiagnostics(diags)
	return diags, red
}

// ruleSets are the rules of a run's options sorted for the driver.
type ruleSets struct {
	enabled map[string]bool // the IDs of the rules the settings let run
	unused  *analysis.Rule  // the one unused suppressions are reported under, or nil
	secret  []*analysis.Rule
	// prefilters are the token prefilters of the enabled rules.
	prefilters []func(*pyparse.Tokens) bool
	// winners are the rules some rule yields to (Rule.YieldsTo): what
	// they report is kept for Pass.Claimed.
	winners map[*analysis.Rule]bool
	// heads caches importsProject's answers for the options' module index
	// (see projectHeads).
	heads map[string]bool
}

func newRuleSets(opts Options) *ruleSets {
	s := &ruleSets{secret: secretRules(opts), winners: map[*analysis.Rule]bool{}}
	s.enabled, s.unused = enabledRules(opts)
	for _, r := range opts.Rules {
		if r.Prefilter != nil && s.enabled[r.ID] {
			s.prefilters = append(s.prefilters, r.Prefilter)
		}
		for _, w := range r.YieldsTo {
			s.winners[w] = true
		}
	}
	return s
}

// ruleSets returns the options' rule sets, worked out now unless FilesEach
// did once for all their files.
func (o *Options) ruleSets() *ruleSets {
	if o.sets != nil {
		return o.sets
	}
	return newRuleSets(*o)
}

// enabledRules returns the IDs of the rules the settings let run, and the
// one unused suppressions are reported under (nil when it is not enabled).
func enabledRules(opts Options) (map[string]bool, *analysis.Rule) {
	enabled := map[string]bool{}
	var unused *analysis.Rule
	for _, r := range opts.Rules {
		if r.Enabled != nil && !r.Enabled(opts.Settings) {
			continue
		}
		enabled[r.ID] = true
		if r.UnusedSuppressions {
			unused = r
		}
	}
	return enabled, unused
}

// overrideAndDedupe applies the severity overrides, then dedupe.
func overrideAndDedupe(diags []analysis.Diagnostic, opts Options) []analysis.Diagnostic {
	for i := range diags {
		if s, ok := opts.Severity[diags[i].RuleID]; ok {
			diags[i].Severity = s
		}
	}
	return dedupe(diags)
}

// dedupe keeps one finding per rule and primary location: several calls
// sharing one default_args entry or constant report it once, at the highest
// level any of them gives (a task that forces the pull makes it an error),
// in the position of the first.
func dedupe(diags []analysis.Diagnostic) []analysis.Diagnostic {
	type key struct {
		id         string
		start, end int
	}
	index := map[key]int{}
	out := diags[:0]
	for _, d := range diags {
		k := key{d.RuleID, d.Start, d.End}
		if i, ok := index[k]; ok {
			if d.Severity > out[i].Severity {
				out[i] = d
			}
			continue
		}
		index[k] = len(out)
		out = append(out, d)
	}
	return out
}

// sortDiagnostics sorts by offset, rule ID, end and message, keeping the
// order of equal ones (slices.SortStableFunc: no reflection, no allocation).
func sortDiagnostics(diags []analysis.Diagnostic) {
	slices.SortStableFunc(diags, func(a, b analysis.Diagnostic) int {
		switch {
		case a.Start != b.Start:
			return a.Start - b.Start
		case a.RuleID != b.RuleID:
			return strings.Compare(a.RuleID, b.RuleID)
		case a.End != b.End:
			return a.End - b.End
		}
		return strings.Compare(a.Message, b.Message)
	})
}
