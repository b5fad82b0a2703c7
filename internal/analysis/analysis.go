// Package analysis defines the framework every daglint rule is written in:
// a Rule is a value (ID, name, docs, default level, Run function), a Pass is
// one rule applied to one file, and a Diagnostic is one finding with a byte
// range, related locations and suggested fixes. Its shape follows
// golang.org/x/tools/go/analysis.
package analysis

import (
	"fmt"
	"slices"
	"strings"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/pyparse"
)

// Severity is a finding's level. The zero value means "the rule's default".
type Severity int

// Levels, lowest first.
const (
	SeverityDefault Severity = iota
	Note
	Warning
	Error
)

// String returns the level's name as used on the command line and in reports.
func (s Severity) String() string {
	switch s {
	case Note:
		return "note"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "default"
}

// ParseSeverity parses "error", "warning" or "note".
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "note":
		return Note, nil
	}
	return SeverityDefault, fmt.Errorf("unknown level %q (want error, warning or note)", s)
}

// Doc is a rule's documentation. Every field but Options is required (see
// Validate); the rule's options are documented from Rule.Options.
// Example and UseInstead are complete Python files: the registry test lints
// them and requires Example to report this rule and UseInstead not to.
type Doc struct {
	Summary    string // one line, lowercase, no final period
	What       string // what it does
	Why        string // why is this bad
	Example    string // Python source that triggers the rule
	UseInstead string // the corrected source, which must not trigger it
	Since      string // daglint version that introduced the rule
	Fix        string // fix availability: "none", "safe", "unsafe", "safe or unsafe (...)"
	// Options names the deployment settings the rule reads, which are
	// configuration keys but not rule options (airflow-version,
	// connections), as "key (what it changes)".
	Options string
	// ExampleFile names the file Example and UseInstead are, for a rule of
	// connections files ("airflow_settings.yaml", ".env"); empty for Python.
	ExampleFile string
}

// ExampleLanguage is the code block language of the examples: Python, or
// that of the connections file ExampleFile names.
func (d Doc) ExampleLanguage() string {
	switch f := d.ExampleFile; {
	case f == "":
		return "python"
	case strings.HasSuffix(f, ".json"):
		return "json"
	case strings.HasSuffix(f, ".yaml") || strings.HasSuffix(f, ".yml"):
		return "yaml"
	}
	return "dotenv"
}

// Rule is one check. Rules are plain values listed in rules.All.
type Rule struct {
	ID       string // "DAGnnn": family digit, then number
	Name     string // kebab-case problem name, "image-unqualified"
	Severity Severity
	Doc      Doc
	// Tags groups rules ("security", "correctness", ...). A rule tagged
	// TagSecurity reports a security weakness (a secret, a credential, a
	// container's privileges): SARIF viewers show only those as security
	// alerts, and only they have a SecuritySeverity.
	Tags []string
	// SecuritySeverity is the CVSS-like score (0.1 to 10) of a security
	// rule's findings, as GitHub code scanning reads it: 9.0 and over is
	// critical, 7.0 high, 4.0 medium, below that low. Zero for other rules.
	SecuritySeverity float64
	// Precision is how often a finding is a true problem, in SARIF's terms
	// (see Precisions): "very-high" when the rule checks a fact of the file,
	// "high" when it rests on naming conventions or on incomplete knowledge
	// of the deployment.
	Precision string
	// Run reports findings through pass.Report. It returns an error only when
	// the rule itself broke.
	Run func(*Pass) error
	// RunConnections is Run for a rule whose findings are in connections
	// files (Astro settings, connections exports, .env) rather than in
	// Python files; a rule has Run or RunConnections, not both. Its Doc
	// Example and UseInstead are connections files named by Doc.ExampleFile.
	RunConnections func(*ConnectionsPass) error
	// UnusedSuppressions marks the rule the driver reports unused
	// suppression comments under, with its ID and default level, after every
	// other rule has run (it needs their findings); such a rule has no Run.
	UnusedSuppressions bool
	// Options are the configuration keys the rule reads (see Option); the
	// rule reads their values with Get(pass.Settings, option).
	Options []*Option
	// Enabled reports whether the settings let the rule run, for a rule that
	// is off unless an option is set; nil means it always runs. The driver
	// neither runs a rule it turns off nor judges suppressions of it.
	Enabled func(*Settings) bool
	// Secret marks a rule whose findings' primary locations hold secrets.
	// The driver runs it on every parsed file, enabled or not, and hides the
	// text of those locations in every message, fix, diff and fingerprint
	// of the file, whichever rule prints it.
	Secret bool
	// YieldsTo lists the rules this one gives way to (RULES.md
	// "Precedence"): where one of them reports a finding, this rule stays
	// silent on the same thing. The rule asks with Pass.Claimed.
	YieldsTo []*Rule
	// Prefilter, when set, tells from a file's tokens whether the rule could
	// report anything in it, for the files whose bytes hint only at
	// secret-like words (no operator, suppression comment, token prefix or
	// URL with user info, no project import): the driver parses such a file
	// only when the Prefilter of a rule it runs says so. A rule that can
	// report in such files has one, and it never says false where the rule
	// would report.
	Prefilter func(*pyparse.Tokens) bool
}

// TagSecurity is the tag of security rules.
const TagSecurity = "security"

// Precisions are the values of Rule.Precision, most precise first.
var Precisions = []string{"very-high", "high", "medium", "low"}

// IsSecurity reports whether the rule is tagged TagSecurity.
func (r *Rule) IsSecurity() bool { return slices.Contains(r.Tags, TagSecurity) }

// Settings is the part of the configuration that rules read: facts of the
// deployment that many rules share (the Airflow version, the connections),
// and the values of rule options.
type Settings struct {
	AirflowVersion string // "1.10", "2" or "3"
	// Connections is nil when no connections source is known (which turns
	// docker-conn-mismatch off).
	Connections map[string]*Connection
	// Options holds the rule options the configuration sets, by Option.Name;
	// an option it does not hold has its default (read them with Get).
	Options map[string]any
}

// Connection is one Airflow connection read from a connections source. The
// password is never kept.
type Connection struct {
	ID     string
	Type   string // conn_type, lowercased ("docker")
	Host   string
	Port   int // 0 when unset
	Login  string
	Source string // file the connection was read from (slash path)
	Line   int    // 1-based line in Source, 0 when unknown
}

// ConnectionsFile is one connections source as the rules of connections
// files see it: its connections with the secret values each holds, where
// they are. The secrets are the file's own text; rules never print them.
type ConnectionsFile struct {
	Path    string // slash path as reported
	Src     []byte
	Entries []ConnectionEntry
	// GitIgnored is set when a .gitignore rule (or .git/info/exclude) of
	// the work tree holding the file covers it.
	GitIgnored bool
	// GitTracked is set when a .gitignore rule covers the file but git
	// tracks it, so it is committed anyway (GitIgnored is then false).
	GitTracked bool
	// InWorkTree is set when the file lies in a git work tree.
	InWorkTree bool
}

// ConnectionEntry is one connection of a connections file.
type ConnectionEntry struct {
	Conn *Connection
	// Secrets are the connection's password, the password of its URI's user
	// information, and the values of secret-like keys of its extra, in file
	// order. Placeholders are included: rules decide.
	Secrets []SecretValue
}

// SecretValue is one secret-bearing value of a connection.
type SecretValue struct {
	Kind SecretKind
	// Field names where the value is: "conn_password", "password", "URI
	// user info", "conn_host user info", or the extra key ("extra.token").
	Field string
	// Value is the text as Airflow reads it (unquoted, decoded).
	Value string
	// Start and End are the value's bytes in the file (half-open).
	Start, End int
}

// SecretKind says what a SecretValue is.
type SecretKind int

// Kinds of secret values in connections.
const (
	SecretPassword    SecretKind = iota // a password field
	SecretURIPassword                   // the password in the user information of a connection URI or host
	SecretExtra                         // a secret-like key of the extra
)

// ConnectionsPass is one rule applied to one connections file.
type ConnectionsPass struct {
	Rule     *Rule
	File     *ConnectionsFile
	Settings *Settings
	// Report records a finding in File; the driver stamps ID and level.
	Report func(Diagnostic)
}

// Pass is one rule applied to one file.
type Pass struct {
	Rule     *Rule
	File     *pyparse.File
	Model    *airflow.Model
	Settings *Settings
	// Report records a finding. The driver stamps the rule ID and, when the
	// diagnostic leaves it unset, the rule's severity.
	Report func(Diagnostic)
	// Facts holds what rules derived from this file so far (see Fact); the
	// driver gives every pass of one file the same Facts. Nil computes each
	// fact anew for every request.
	Facts *Facts
}

// Facts is the per-file store of Fact results.
type Facts struct{ m map[any]any }

// NewFacts returns an empty store, for the passes of one file.
func NewFacts() *Facts { return &Facts{m: map[any]any{}} }

// A Fact is something rules derive from a file and share: it is computed
// once per file, on the first request, and every later request of any rule
// gets the same result (go/analysis's Requires and ResultOf). Compute may
// read the pass's File, Model and Settings, never its Rule or Report: the
// pass it gets is whichever asked first.
type Fact[T any] struct {
	Name    string
	Compute func(*Pass) T
}

// Of returns the fact for the pass's file.
func (f *Fact[T]) Of(p *Pass) T {
	if p.Facts == nil {
		return f.Compute(p)
	}
	if v, ok := p.Facts.m[f]; ok {
		return v.(T)
	}
	v := f.Compute(p)
	p.Facts.m[f] = v
	return v
}

// Claimed reports whether a rule the pass's rule yields to (Rule.YieldsTo)
// has a finding whose primary location is exactly r: the thing at r is
// that rule's to report, and the asking rule says nothing about it. The
// rules it yields to run for this on the file, enabled or not (once per
// file with Facts), so switching the winner off does not bring the loser
// back; what they report here is only looked at, never reported.
func (p *Pass) Claimed(r pyparse.Range) bool {
	for _, w := range p.Rule.YieldsTo {
		if runOf(p, w).claimed(r) {
			return true
		}
	}
	return false
}

// claimsKey keys a rule's run on the file in Facts (see ruleRun).
type claimsKey struct{ rule *Rule }

// ruleRun is what a rule reported on a file, kept in Facts for the rules
// that yield to it and for the driver's own run of it (see Run).
type ruleRun struct {
	diags []Diagnostic
	err   error
	// claims are the diagnostics' primary locations, made on first use
	// when there are more than maxScannedClaims: fewer are looked for in
	// diags (most files have a few, and a map per winner and file costs
	// more than the comparisons).
	claims map[pyparse.Range]bool
}

// maxScannedClaims bounds the findings of a winner that Claimed compares
// one by one.
const maxScannedClaims = 16

// claimed reports whether one of the run's diagnostics has its primary
// location at r.
func (run *ruleRun) claimed(r pyparse.Range) bool {
	if len(run.diags) <= maxScannedClaims {
		for _, d := range run.diags {
			if d.Start == r.Start && d.End == r.End {
				return true
			}
		}
		return false
	}
	if run.claims == nil {
		run.claims = make(map[pyparse.Range]bool, len(run.diags))
		for _, d := range run.diags {
			run.claims[pyparse.Range{Start: d.Start, End: d.End}] = true
		}
	}
	return run.claims[r]
}

// runOf returns what w reports on the pass's file, running it unless it
// ran already.
func runOf(p *Pass, w *Rule) *ruleRun {
	var run *ruleRun
	if p.Facts != nil {
		if c, ok := p.Facts.m[claimsKey{w}]; ok {
			run = c.(*ruleRun)
		}
	}
	if run == nil {
		run = &ruleRun{}
		if w.Run != nil {
			q := *p
			q.Rule = w
			q.Report = func(d Diagnostic) { run.diags = append(run.diags, d) }
			// A broken winner claims what it reported before breaking; the
			// driver reports its error when it runs.
			run.err = w.Run(&q)
		}
		if p.Facts != nil {
			p.Facts.m[claimsKey{w}] = run
		}
	}
	return run
}

// Run runs the pass's rule on its file, reporting through p.Report, and
// returns the rule's error. A rule that another rule's Pass.Claimed has
// already run on the file (with the same Facts) is not run again: what it
// reported then is reported now, in the same order, with the same error.
// With keep (some rule yields to this one), what it reports is kept in
// Facts for Pass.Claimed, which then need not run it again.
func Run(p *Pass, keep bool) error {
	if p.Facts == nil {
		return p.Rule.Run(p)
	}
	if c, ok := p.Facts.m[claimsKey{p.Rule}]; ok {
		run := c.(*ruleRun)
		for _, d := range run.diags {
			p.Report(d)
		}
		return run.err
	}
	if !keep {
		return p.Rule.Run(p)
	}
	run := &ruleRun{}
	report := p.Report
	q := *p
	q.Report = func(d Diagnostic) {
		run.diags = append(run.diags, d)
		report(d)
	}
	run.err = p.Rule.Run(&q)
	p.Facts.m[claimsKey{p.Rule}] = run
	return run.err
}

// Reportf reports a finding over r with a formatted message.
func (p *Pass) Reportf(r pyparse.Range, format string, args ...any) {
	p.Report(Diagnostic{Start: r.Start, End: r.End, Message: fmt.Sprintf(format, args...)})
}

// RelatedLocation is a secondary place that explains a finding, such as the
// definition of a constant used at the call.
type RelatedLocation struct {
	Start, End int
	Message    string
	// File is the other module of the project the location is in (a value
	// imported from it); nil for the diagnostic's own file.
	File *pyparse.File
}

// Applicability says how safe it is to apply a fix without review (as ruff's).
type Applicability int

// Fix safety labels.
const (
	Safe        Applicability = iota // keeps the program's meaning; applied by --fix
	Unsafe                           // may change behaviour; offered, never applied by default
	DisplayOnly                      // shown to help, never applied
)

// String returns "safe", "unsafe" or "display-only".
func (a Applicability) String() string {
	switch a {
	case Safe:
		return "safe"
	case Unsafe:
		return "unsafe"
	}
	return "display-only"
}

// TextEdit replaces the bytes [Start, End) with NewText.
type TextEdit struct {
	Start, End int
	NewText    string
}

// SuggestedFix is a set of non-overlapping edits that resolve a finding.
type SuggestedFix struct {
	Message       string // imperative: `move "DB_PASSWORD" to private_environment`
	Applicability Applicability
	Edits         []TextEdit
}

// Diagnostic is one finding: a half-open byte range in the file and a message.
type Diagnostic struct {
	RuleID   string // set by the driver
	Severity Severity
	Start    int
	End      int
	Message  string
	Related  []RelatedLocation
	Fixes    []SuggestedFix
}
