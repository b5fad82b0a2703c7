package rules

import (
	"fmt"
	"strings"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/lazyre"
	"github.com/daglint/daglint/internal/pyparse"
	"github.com/daglint/daglint/internal/secrets"
	"github.com/daglint/daglint/internal/source"
)

// SecretInEnvironment reports secrets passed in a Docker call's templated
// `environment` instead of `private_environment`.
var SecretInEnvironment = &analysis.Rule{
	ID:               "DAG204",
	Name:             "secret-in-environment",
	Severity:         analysis.Warning,
	Tags:             []string{"security", "secrets"},
	SecuritySeverity: 6.5,
	Precision:        "high",
	Doc: analysis.Doc{
		Summary: "a secret is passed in environment instead of private_environment",
		What: `Reports an entry of a Docker call's ` + "`environment`" + ` that holds a secret: its
name is secret-like (` + "`DB_PASSWORD`" + `, ` + "`API_TOKEN`" + `, ` + "`AWS_SECRET_ACCESS_KEY`" + ` ...), or its
value comes from a secret source: an environment variable with a secret-like name
(` + "`os.environ[\"DB_PASSWORD\"]`" + `), a connection's password, or an Airflow Variable whose
key is secret-like. Entries whose value is None, a number, or a placeholder
string (empty, ` + "`<password>`" + `, ` + "`${DB_PASSWORD}`" + `, ` + "`changeme-example`" + ` ...) are ignored.
Registry credentials are DAG201's (one finding per entry).

An argument of a call to a ` + "`@task.docker`" + ` function is judged the same way, by its
parameter name and value: the provider pickles the task's arguments into the
container's environment (` + "`__PYTHON_INPUT`" + `, base64) and keeps them in
` + "`op_kwargs`" + `, both templated, so a secret passed there is as exposed.` + "\n\n" + subclassDoc,
		Why: `` + "`environment`" + ` is a template field: its rendered value is shown on the task's
"Rendered Template" page, kept in the metadata database and, for literal values,
stored with the serialized DAG. Airflow masks only values whose key it recognises
as sensitive. ` + "`private_environment`" + ` reaches the container the same way but is
neither templated nor rendered in the UI.`,
		Example: `import os

from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="load",
    image="ghcr.io/acme/loader:2.1.0",
    docker_conn_id="ghcr",
    environment={"DB_HOST": "db", "DB_PASSWORD": os.environ["DB_PASSWORD"]},
)
`,
		UseInstead: `import os

from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="load",
    image="ghcr.io/acme/loader:2.1.0",
    docker_conn_id="ghcr",
    environment={"DB_HOST": "db"},
    private_environment={"DB_PASSWORD": os.environ["DB_PASSWORD"]},
)
`,
		Since: "0.1.0",
		Fix: `safe or unsafe: when ` + "`environment`" + ` is a dict literal written at a DockerOperator
or @task.docker call, move the secret entries to ` + "`private_environment`" + ` (into its
dict literal at the same call, or a new keyword), with the comments that follow
them on their lines. Unsafe when a moved value is unresolved: private_environment
is not templated. No fix is offered for a Jinja value (it would not be rendered
there, which is DAG206's finding), for DockerSwarmOperator (which ignores
private_environment: the message points to Docker secrets instead), for
Airflow 1.10's core DockerOperator (` + "`airflow-version: \"1.10\"`" + `: it has no
private_environment; the message names the backport provider), or when a
moved value holds a string literal (a hard-coded secret must be removed, not
moved, and reports print fix text).`,
	},
	Run:      runSecretInEnvironment,
	YieldsTo: yieldToRegistryCredentials,
}

func runSecretInEnvironment(pass *analysis.Pass) error {
	var vars []envVar
	for _, op := range pass.Model.Calls {
		if !op.IsDocker() {
			continue // KPO has no environment parameter
		}
		var found []envVar
		var why []string
		vars = envVars(vars[:0], op, "environment")
		for _, v := range vars {
			if pass.Claimed(v.Loc) {
				continue // DAG201's entry (precedence.go)
			}
			if w, ok := secretEnvEntry(v); ok {
				found = append(found, v)
				why = append(why, w)
			}
		}
		if len(found) == 0 {
			continue
		}
		var fix *analysis.SuggestedFix
		if hasPrivateEnvironment(pass, op) {
			fix = moveToPrivate(pass, op, found)
		}
		for i, v := range found {
			d := analysis.Diagnostic{
				Start: v.Loc.Start, End: v.Loc.End,
				Message: fmt.Sprintf("%q in environment %s: environment is templated, shown rendered in the UI and stored with the task; %s",
					v.Key, why[i], envAdvice(pass, op, v)),
				Related: envRelated(v),
			}
			if fix != nil {
				d.Fixes = []analysis.SuggestedFix{*fix}
			}
			pass.Report(d)
		}
	}
	taskArgumentSecrets(pass)
	return nil
}

// envAdvice says where the secret should go instead. private_environment
// is the place for a plain value; it renders nothing, so a Jinja value
// cannot move there; DockerSwarmOperator does not pass it on at all.
func envAdvice(pass *analysis.Pass, op *airflow.OpCall, v envVar) string {
	version := ""
	if pass.Settings != nil {
		version = pass.Settings.AirflowVersion
	}
	masked := ""
	if !maskedByAirflow(v.Key) {
		masked = fmt.Sprintf("; Airflow's secrets masker does not recognise the name %q, so the rendered value shows unmasked", v.Key)
	}
	switch {
	case op.Kind == airflow.DockerSwarmOperator && airflow.IsValidKwarg(op.Kind, version, "secrets"):
		return "DockerSwarmOperator ignores private_environment: pass it as a Docker secret (secrets=[docker.types.SecretReference(...)]) and read it from /run/secrets in the service" + masked
	case op.Kind == airflow.DockerSwarmOperator:
		return "DockerSwarmOperator ignores private_environment and, in this Airflow version, has no secrets parameter: upgrade the docker provider to pass it as a Docker secret (secrets=)" + masked
	case !hasPrivateEnvironment(pass, op):
		return "Airflow 1.10's own DockerOperator has no private_environment (it warns and ignores it): install the docker backport provider (apache-airflow-backport-providers-docker) and import DockerOperator from airflow.providers.docker to use private_environment, or let the container fetch the secret itself" + masked
	case v.Entry.Value.Kind == airflow.Templated:
		return "private_environment is not rendered, so the Jinja value cannot move there: let the container fetch the secret itself (from the secrets backend, a mounted secret file or the connection) rather than receive it rendered" + masked
	}
	return "pass it in private_environment instead" + masked
}

// hasPrivateEnvironment reports whether the operator of the call takes
// private_environment: Airflow 1.10's core DockerOperator
// (airflow.operators.docker_operator) does not, so no fix may add it there.
func hasPrivateEnvironment(pass *analysis.Pass, op *airflow.OpCall) bool {
	if pass.Settings == nil || pass.Settings.AirflowVersion != airflow.Airflow1 || !pass.Model.CoreAirflow110(op) {
		return true
	}
	ok, known := airflow.IsValidKwargCore110(op.Kind, "private_environment")
	return ok || !known
}

// airflowSensitiveFields are the words whose presence in a key makes
// Airflow's secrets masker hide its value (DEFAULT_SENSITIVE_FIELDS of
// airflow/utils/log/secrets_masker.py).
var airflowSensitiveFields = []string{
	"access_token", "api_key", "apikey", "authorization", "passphrase", "passwd",
	"password", "private_key", "secret", "token", "keyfile_dict", "service_account",
}

// maskedByAirflow reports whether Airflow's secrets masker hides the value
// of a key with this name: it lowercases the name and looks for any
// sensitive word in it.
func maskedByAirflow(key string) bool {
	k := strings.ToLower(strings.TrimSpace(key))
	for _, w := range airflowSensitiveFields {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// secretEnvEntry reports whether an environment entry holds a secret and
// says why.
func secretEnvEntry(v envVar) (why string, ok bool) {
	if v.Entry == nil {
		return "", false
	}
	val := v.Entry.Value
	secretKey := secrets.IsSecretName(v.Key)
	switch val.Kind {
	case airflow.EnvRead:
		if secrets.IsSecretName(val.Name()) {
			return fmt.Sprintf("is read from the secret variable %q", val.Name()), true
		}
	case airflow.SecretRead:
		if val.Name() != "Airflow Variable" {
			return "holds a " + val.Name(), true
		}
		if k := variableKey(val); k != "" && secrets.IsSecretName(k) {
			return fmt.Sprintf("holds the Airflow Variable %q", k), true
		}
	case airflow.Const, airflow.Dict, airflow.List:
		return "", false // None, numbers and containers are not secrets
	case airflow.String:
		// Only a secret-named key can make a string a finding: the
		// placeholder test (regular expressions) is not needed otherwise.
		if !secretKey || secrets.IsPlaceholder(val.Str) {
			return "", false
		}
	}
	if secretKey {
		return "looks like a secret", true
	}
	return "", false
}

// variableKey returns the key of the Airflow Variable a value was read
// from (`Variable.get("key")`, also through `[...]` or `.get(...)` of it:
// the first key of its access path), or "".
func variableKey(v airflow.Value) string {
	path := v.Path()
	if len(path) == 0 {
		return ""
	}
	return path[len(path)-1]
}

// lineTailRE matches what may follow an item that sits on its own line: an
// optional comma and an optional comment.
var lineTailRE = lazyre.New(`^[ \t]*(,)?[ \t]*(#.*)?$`)

// moveToPrivate builds the fix moving every found entry from the
// environment dict literal written at the call to private_environment, or
// returns nil when that cannot be done exactly. Every finding of the call
// carries the same fix, so applying one of them resolves all. Comments after
// a moved entry move with it, and new lines end the way the file's do.
func moveToPrivate(pass *analysis.Pass, op *airflow.OpCall, found []envVar) *analysis.SuggestedFix {
	if op.IsSubclass() || (op.Kind != airflow.DockerOperator && op.Kind != airflow.TaskDocker) || op.Call == nil {
		return nil // a subclass or DockerSwarmOperator may not pass private_environment on
	}
	version := ""
	if pass.Settings != nil {
		version = pass.Settings.AirflowVersion
	}
	if !airflow.IsValidKwarg(op.Kind, version, "private_environment") {
		return nil
	}
	env := op.Arg("environment")
	kw := op.Call.Keyword("environment")
	if env == nil || kw == nil || env.Mapped || env.Value.Partial || !sameExpr(kw.Value, env.Expr) {
		return nil // not a literal written at this call
	}
	dict, ok := env.Expr.(*pyparse.Dict)
	if !ok || hasSpread(dict) {
		return nil
	}
	ed := editor{src: pass.File.Src, lines: pass.File.Lines}
	moved := map[*pyparse.DictItem]bool{}
	var items []movedItem
	var keys []string
	unsafe := false
	for _, v := range found {
		it := dictItem(dict, v.Entry.Item)
		if it == nil || countKey(env.Value, v.Key) != 1 {
			return nil
		}
		if holdsLiteral(it.Value) {
			// The fix text would carry the literal, and reports print fix
			// text: a hard-coded secret is DAG302's business, not a move.
			return nil
		}
		switch v.Entry.Value.Kind {
		case airflow.Templated:
			// Nothing is rendered in private_environment: the move would
			// turn this finding into DAG206's.
			return nil
		case airflow.String, airflow.EnvRead, airflow.SecretRead:
		default:
			unsafe = true // unknown: it may be a template private_environment does not render
		}
		moved[it] = true
		mi := movedItem{text: string(ed.src[it.Start:it.End])}
		if own, _, comment := ed.ownLine(it.Range); own {
			mi.comment = comment
		}
		items = append(items, mi)
		keys = append(keys, fmt.Sprintf("%q", v.Key))
	}
	edits, ok := ed.removeItems(dict, moved)
	if !ok {
		return nil
	}
	var add []analysis.TextEdit
	if priv := op.Arg("private_environment"); priv != nil {
		pkw := op.Call.Keyword("private_environment")
		if pkw == nil || priv.Mapped || priv.Value.Partial || !sameExpr(pkw.Value, priv.Expr) {
			return nil
		}
		pd, ok := priv.Expr.(*pyparse.Dict)
		if !ok || hasSpread(pd) {
			return nil
		}
		for _, v := range found {
			if priv.Value.Get(v.Key) != nil {
				return nil // private_environment already sets it and wins
			}
		}
		if add, ok = ed.insertItems(pd, items); !ok {
			return nil
		}
	} else {
		if op.MaybeSet("private_environment") {
			return nil // an unresolved **mapping may set it: a second one would raise
		}
		add = ed.addPrivate(kw, items)
	}
	fix := &analysis.SuggestedFix{
		Message:       fmt.Sprintf("move %s to private_environment", strings.Join(keys, ", ")),
		Applicability: analysis.Safe,
		Edits:         append(edits, add...),
	}
	if unsafe {
		fix.Applicability = analysis.Unsafe
	}
	return fix
}

// movedItem is the text of a dict item to move and the comment that
// followed it on its line ("" for none).
type movedItem struct {
	text, comment string
}

func hasComments(items []movedItem) bool {
	for _, it := range items {
		if it.comment != "" {
			return true
		}
	}
	return false
}

func joinItems(items []movedItem) string {
	texts := make([]string, len(items))
	for i, it := range items {
		texts[i] = it.text
	}
	return strings.Join(texts, ", ")
}

// holdsLiteral reports whether e contains a string literal that is not a
// placeholder (such as `fallback="hunter2"` inside a config read).
func holdsLiteral(e pyparse.Expr) bool {
	found := false
	pyparse.Inspect(e, func(n pyparse.Node) bool {
		if s, ok := n.(*pyparse.Str); ok {
			for _, p := range s.Parts {
				if p.Expr == nil && !secrets.IsPlaceholder(p.Lit) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// sameExpr reports whether two expressions are the same node.
func sameExpr(a, b pyparse.Expr) bool {
	return a != nil && b != nil && a.Span() == b.Span()
}

// hasSpread reports whether a dict display holds a `**mapping` item.
func hasSpread(d *pyparse.Dict) bool {
	for _, it := range d.Items {
		if it.Key == nil {
			return true
		}
	}
	return false
}

// dictItem returns the item of d spanning r, or nil.
func dictItem(d *pyparse.Dict, r pyparse.Range) *pyparse.DictItem {
	for _, it := range d.Items {
		if it.Range == r {
			return it
		}
	}
	return nil
}

// countKey counts the entries of a dict value named key.
func countKey(v airflow.Value, key string) int {
	n := 0
	for _, e := range v.Entries() {
		if e.Key == key {
			n++
		}
	}
	return n
}

// editor computes the text edits of DAG204's fix on one file, with lines
// as Python (and the file's line table) count them: "\n", "\r\n" or a lone
// "\r".
type editor struct {
	src   []byte
	lines *source.Lines
}

// lineStart returns the offset of the line holding off.
func (e editor) lineStart(off int) int { return e.lines.LineStart(e.lines.Line(off)) }

// nextLine returns the offset after the terminator of the line holding off
// (len(src) on the last line).
func (e editor) nextLine(off int) int {
	line := e.lines.Line(off)
	if line >= e.lines.Count() {
		return len(e.src)
	}
	return e.lines.LineStart(line + 1)
}

// eol returns the terminator of the line holding off; on a last line
// without one, the file's first terminator, else "\n".
func (e editor) eol(off int) string {
	line := e.lines.Line(off)
	if line < e.lines.Count() {
		return string(e.src[e.lines.LineEnd(line):e.lines.LineStart(line+1)])
	}
	if e.lines.Count() > 1 {
		return string(e.src[e.lines.LineEnd(1):e.lines.LineStart(2)])
	}
	return "\n"
}

// indent returns the blanks that start the line holding off.
func (e editor) indent(off int) string {
	ls := e.lineStart(off)
	end := ls
	for end < len(e.src) && (e.src[end] == ' ' || e.src[end] == '\t') {
		end++
	}
	return string(e.src[ls:end])
}

// ownLine reports whether r sits alone on its line(s), followed at most by a
// comma and a comment; comma tells whether the comma is there, comment is
// the comment's text.
func (e editor) ownLine(r pyparse.Range) (own, comma bool, comment string) {
	if strings.TrimSpace(string(e.src[e.lineStart(r.Start):r.Start])) != "" {
		return false, false, ""
	}
	tail := e.src[r.End:e.lines.LineEnd(e.lines.Line(r.End))]
	m := lineTailRE.Get().FindSubmatch(tail)
	if m == nil {
		return false, false, ""
	}
	return true, m[1] != nil, string(m[2])
}

// removeItems returns edits deleting the moved items from d: a one-line
// dict is rewritten from its remaining items; in a multi-line dict each
// moved item must sit on its own lines, which are deleted.
func (e editor) removeItems(d *pyparse.Dict, moved map[*pyparse.DictItem]bool) ([]analysis.TextEdit, bool) {
	var kept []string
	for _, it := range d.Items {
		if !moved[it] {
			kept = append(kept, string(e.src[it.Start:it.End]))
		}
	}
	multiLine := e.lines.Line(d.Start) != e.lines.Line(d.End)
	if !multiLine || (len(kept) == 0 && !strings.Contains(string(e.src[d.Start:d.End]), "#")) {
		return []analysis.TextEdit{{Start: d.Start, End: d.End, NewText: "{" + strings.Join(kept, ", ") + "}"}}, true
	}
	var edits []analysis.TextEdit
	for i, it := range d.Items {
		if !moved[it] {
			continue
		}
		own, comma, _ := e.ownLine(it.Range)
		if !own || (!comma && i != len(d.Items)-1) {
			return nil, false
		}
		edits = append(edits, analysis.TextEdit{Start: e.lineStart(it.Start), End: e.nextLine(it.End)})
	}
	return edits, true
}

// insertItems returns edits appending items to the dict literal d. A
// one-line dict cannot hold a moved comment: then there is no fix.
func (e editor) insertItems(d *pyparse.Dict, items []movedItem) ([]analysis.TextEdit, bool) {
	multiLine := e.lines.Line(d.Start) != e.lines.Line(d.End)
	if !multiLine && hasComments(items) {
		return nil, false
	}
	if len(d.Items) == 0 {
		return []analysis.TextEdit{{Start: d.Start, End: d.End, NewText: "{" + joinItems(items) + "}"}}, true
	}
	last := d.Items[len(d.Items)-1]
	if !multiLine {
		return []analysis.TextEdit{{Start: last.End, End: last.End, NewText: ", " + joinItems(items)}}, true
	}
	own, comma, _ := e.ownLine(last.Range)
	if !own {
		return nil, false
	}
	lines := make([]string, len(items))
	for i, it := range items {
		lines[i] = it.text + "," + commentSuffix(it.comment)
	}
	return e.appendLines(last.Range, comma, lines), true
}

func commentSuffix(c string) string {
	if c == "" {
		return ""
	}
	return "  " + c
}

// addPrivate returns edits adding a private_environment keyword holding
// items after kw: on its own line when kw sits on its own line, else right
// after it. Moved comments make the new dict one item per line.
func (e editor) addPrivate(kw *pyparse.Keyword, items []movedItem) []analysis.TextEdit {
	text := "private_environment={" + joinItems(items) + "}"
	own, comma, _ := e.ownLine(kw.Range)
	if hasComments(items) {
		nl := e.eol(kw.End)
		inner := e.indent(kw.Value.Span().End) + "    "
		var b strings.Builder
		b.WriteString("private_environment={" + nl)
		for _, it := range items {
			b.WriteString(inner + it.text + "," + commentSuffix(it.comment) + nl)
		}
		b.WriteString(e.indent(kw.Value.Span().End) + "}")
		text = b.String()
	}
	if own {
		return e.appendLines(kw.Range, comma, []string{text + ","})
	}
	return []analysis.TextEdit{{Start: kw.End, End: kw.End, NewText: ", " + text}}
}

// appendLines returns edits adding lines after the line of r, indented like
// r and ended like it, adding the comma r lacks (a comment after r stays
// after it).
func (e editor) appendLines(r pyparse.Range, comma bool, lines []string) []analysis.TextEdit {
	indent := string(e.src[e.lineStart(r.Start):r.Start])
	nl := e.eol(r.End)
	var edits []analysis.TextEdit
	if !comma {
		edits = append(edits, analysis.TextEdit{Start: r.End, End: r.End, NewText: ","})
	}
	var b strings.Builder
	at := e.nextLine(r.End)
	if at == len(e.src) && e.lines.Line(at) == e.lines.Line(r.End) {
		// r's line is the last and has no terminator: start a new one.
		for _, l := range lines {
			b.WriteString(nl + indent + l)
		}
	} else {
		for _, l := range lines {
			b.WriteString(indent + l + nl)
		}
	}
	return append(edits, analysis.TextEdit{Start: at, End: at, NewText: b.String()})
}
