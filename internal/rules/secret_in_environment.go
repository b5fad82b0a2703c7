package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/pyparse"
	"github.com/daglint/daglint/internal/secrets"
)

// SecretInEnvironment reports secrets passed in a Docker call's templated
// `environment` instead of `private_environment`.
var SecretInEnvironment = &analysis.Rule{
	ID:       "DAG204",
	Name:     "secret-in-environment",
	Severity: analysis.Warning,
	Tags:     []string{"security"},
	Doc: analysis.Doc{
		Summary: "a secret is passed in environment instead of private_environment",
		What: `Reports an entry of a Docker call's ` + "`environment`" + ` that holds a secret: its
name is secret-like (` + "`DB_PASSWORD`" + `, ` + "`API_TOKEN`" + `, ` + "`AWS_SECRET_ACCESS_KEY`" + ` ...), or its
value comes from a secret source: an environment variable with a secret-like name
(` + "`os.environ[\"DB_PASSWORD\"]`" + `), a connection's password, or an Airflow Variable whose
key is secret-like. Entries whose value is None, a number, or a placeholder
string (empty, ` + "`<password>`" + `, ` + "`${DB_PASSWORD}`" + `, ` + "`changeme-example`" + ` ...) are ignored.
Registry credentials are DAG201's (one finding per entry).`,
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
    environment={"DB_HOST": "db", "DB_PASSWORD": os.environ["DB_PASSWORD"]},
)
`,
		UseInstead: `import os

from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="load",
    image="ghcr.io/acme/loader:2.1.0",
    environment={"DB_HOST": "db"},
    private_environment={"DB_PASSWORD": os.environ["DB_PASSWORD"]},
)
`,
		Since: "0.1.0",
		Fix: `safe or unsafe: when ` + "`environment`" + ` is a dict literal written at a DockerOperator
or @task.docker call, move the secret entries to ` + "`private_environment`" + ` (into its
dict literal at the same call, or a new keyword). Unsafe when a moved value is
Jinja or unresolved: private_environment is not templated. No fix is offered
when a moved value holds a string literal (a hard-coded secret must be removed,
not moved, and reports print fix text).`,
	},
	Run: runSecretInEnvironment,
}

func runSecretInEnvironment(pass *analysis.Pass) error {
	for _, op := range pass.Model.Calls {
		if !op.IsDocker() {
			continue // KPO has no environment parameter
		}
		var found []envVar
		var why []string
		for _, v := range envVars(op, "environment") {
			if w, ok := secretEnvEntry(v); ok {
				found = append(found, v)
				why = append(why, w)
			}
		}
		if len(found) == 0 {
			continue
		}
		fix := moveToPrivate(pass, op, found)
		for i, v := range found {
			d := analysis.Diagnostic{
				Start: v.Loc.Start, End: v.Loc.End,
				Message: fmt.Sprintf("%q in environment %s: environment is templated, shown rendered in the UI and stored with the task; pass it in private_environment instead",
					v.Key, why[i]),
				Related: envRelated(v),
			}
			if fix != nil {
				d.Fixes = []analysis.SuggestedFix{*fix}
			}
			pass.Report(d)
		}
	}
	return nil
}

// secretEnvEntry reports whether an environment entry holds a secret and
// says why. Registry credentials are left to DAG201.
func secretEnvEntry(v envVar) (why string, ok bool) {
	if v.Entry == nil {
		return "", false
	}
	if _, reg := registryCredential(v); reg {
		return "", false // DAG201 takes precedence on the same entry
	}
	val := v.Entry.Value
	secretKey := secrets.IsSecretName(v.Key)
	switch val.Kind {
	case airflow.EnvRead:
		if secrets.IsSecretName(val.Name) {
			return fmt.Sprintf("is read from the secret variable %q", val.Name), true
		}
	case airflow.SecretRead:
		if val.Name != "Airflow Variable" {
			return "holds a " + val.Name, true
		}
		if k := variableKey(val.Expr); k != "" && secrets.IsSecretName(k) {
			return fmt.Sprintf("holds the Airflow Variable %q", k), true
		}
	case airflow.Const, airflow.Dict, airflow.List:
		return "", false // None, numbers and containers are not secrets
	case airflow.String:
		if secrets.IsPlaceholder(val.Str) {
			return "", false
		}
	}
	if secretKey {
		return "looks like a secret", true
	}
	return "", false
}

// variableKey returns the key of a `Variable.get("key")` call, or "".
func variableKey(e pyparse.Expr) string {
	c, ok := e.(*pyparse.Call)
	if !ok || len(c.Args) == 0 {
		return ""
	}
	if s, ok := c.Args[0].(*pyparse.Str); ok {
		if v, ok := s.Value(); ok {
			return v
		}
	}
	return ""
}

// lineTailRE matches what may follow an item that sits on its own line: an
// optional comma and an optional comment.
var lineTailRE = regexp.MustCompile(`^[ \t]*(,)?[ \t]*(#[^\n]*)?\r?$`)

// moveToPrivate builds the fix moving every found entry from the
// environment dict literal written at the call to private_environment, or
// returns nil when that cannot be done exactly. Every finding of the call
// carries the same fix, so applying one of them resolves all.
func moveToPrivate(pass *analysis.Pass, op *airflow.OpCall, found []envVar) *analysis.SuggestedFix {
	if op.Subclass != nil || (op.Kind != airflow.DockerOperator && op.Kind != airflow.TaskDocker) || op.Call == nil {
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
	src := pass.File.Src
	moved := map[*pyparse.DictItem]bool{}
	var texts, keys []string
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
		moved[it] = true
		texts = append(texts, string(src[it.Start:it.End]))
		keys = append(keys, fmt.Sprintf("%q", v.Key))
		switch v.Entry.Value.Kind {
		case airflow.String, airflow.EnvRead, airflow.SecretRead:
		default:
			unsafe = true // Jinja or unknown: private_environment does not render it
		}
	}
	edits, ok := removeItems(src, dict, moved)
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
		if add, ok = insertItems(src, pd, texts); !ok {
			return nil
		}
	} else {
		if op.MaybeSet("private_environment") {
			return nil // an unresolved **mapping may set it: a second one would raise
		}
		if add, ok = addKeyword(src, kw, "private_environment={"+strings.Join(texts, ", ")+"}"); !ok {
			return nil
		}
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
	for _, e := range v.Entries {
		if e.Key == key {
			n++
		}
	}
	return n
}

// lineStart returns the offset of the line holding off.
func lineStart(src []byte, off int) int {
	for off > 0 && src[off-1] != '\n' {
		off--
	}
	return off
}

// nextLine returns the offset after the newline ending the line holding
// off (len(src) on the last line).
func nextLine(src []byte, off int) int {
	for off < len(src) && src[off] != '\n' {
		off++
	}
	if off < len(src) {
		off++
	}
	return off
}

// ownLine reports whether r sits alone on its line(s), followed at most by a
// comma and a comment; comma tells whether the comma is there.
func ownLine(src []byte, r pyparse.Range) (own, comma bool) {
	ls := lineStart(src, r.Start)
	if strings.TrimSpace(string(src[ls:r.Start])) != "" {
		return false, false
	}
	tail := src[r.End:nextLine(src, r.End)]
	tail = []byte(strings.TrimSuffix(string(tail), "\n"))
	m := lineTailRE.FindSubmatch(tail)
	if m == nil {
		return false, false
	}
	return true, m[1] != nil
}

// removeItems returns edits deleting the moved items from d: a one-line
// dict is rewritten from its remaining items; in a multi-line dict each
// moved item must sit on its own lines, which are deleted.
func removeItems(src []byte, d *pyparse.Dict, moved map[*pyparse.DictItem]bool) ([]analysis.TextEdit, bool) {
	var kept []string
	for _, it := range d.Items {
		if !moved[it] {
			kept = append(kept, string(src[it.Start:it.End]))
		}
	}
	text := string(src[d.Start:d.End])
	if !strings.Contains(text, "\n") || (len(kept) == 0 && !strings.Contains(text, "#")) {
		return []analysis.TextEdit{{Start: d.Start, End: d.End, NewText: "{" + strings.Join(kept, ", ") + "}"}}, true
	}
	var edits []analysis.TextEdit
	for i, it := range d.Items {
		if !moved[it] {
			continue
		}
		own, comma := ownLine(src, it.Range)
		if !own || (!comma && i != len(d.Items)-1) {
			return nil, false
		}
		edits = append(edits, analysis.TextEdit{Start: lineStart(src, it.Start), End: nextLine(src, it.End)})
	}
	return edits, true
}

// insertItems returns edits appending items to the dict literal d.
func insertItems(src []byte, d *pyparse.Dict, items []string) ([]analysis.TextEdit, bool) {
	if len(d.Items) == 0 {
		return []analysis.TextEdit{{Start: d.Start, End: d.End, NewText: "{" + strings.Join(items, ", ") + "}"}}, true
	}
	last := d.Items[len(d.Items)-1]
	if !strings.Contains(string(src[d.Start:d.End]), "\n") {
		return []analysis.TextEdit{{Start: last.End, End: last.End, NewText: ", " + strings.Join(items, ", ")}}, true
	}
	own, comma := ownLine(src, last.Range)
	if !own {
		return nil, false
	}
	return appendLines(src, last.Range, comma, items), true
}

// appendLines returns edits adding one line per item after the line of r,
// indented like r, adding the comma r lacks.
func appendLines(src []byte, r pyparse.Range, comma bool, items []string) []analysis.TextEdit {
	ls := lineStart(src, r.Start)
	indent := string(src[ls:r.Start])
	var b strings.Builder
	for _, it := range items {
		b.WriteString(indent + it + ",\n")
	}
	var edits []analysis.TextEdit
	if !comma {
		edits = append(edits, analysis.TextEdit{Start: r.End, End: r.End, NewText: ","})
	}
	at := nextLine(src, r.End)
	if at == len(src) && (at == 0 || src[at-1] != '\n') {
		b.Reset()
		for _, it := range items {
			b.WriteString("\n" + indent + it + ",")
		}
	}
	return append(edits, analysis.TextEdit{Start: at, End: at, NewText: b.String()})
}

// addKeyword returns edits adding the keyword text after kw: on its own line
// when kw sits on its own line, else right after it on the same line.
func addKeyword(src []byte, kw *pyparse.Keyword, text string) ([]analysis.TextEdit, bool) {
	if own, comma := ownLine(src, kw.Range); own {
		return appendLines(src, kw.Range, comma, []string{text}), true
	}
	return []analysis.TextEdit{{Start: kw.End, End: kw.End, NewText: ", " + text}}, true
}
