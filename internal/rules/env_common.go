package rules

import (
	"strings"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/imageref"
	"github.com/daglint/daglint/internal/pyparse"
	"github.com/daglint/daglint/internal/secrets"
)

// envVar is one variable of a container environment (`environment`,
// `private_environment` or an `env_file` text) reaching a Docker call.
type envVar struct {
	Op    *airflow.OpCall
	Arg   *airflow.Arg
	Param string // "environment", "private_environment" or "env_file"
	Key   string
	// Loc is the primary location: the dict key, or the env_file value.
	Loc pyparse.Range
	// Entry is the dict entry; nil for an env_file line.
	Entry *airflow.Entry
	// Line is the value written after '=' on an env_file line.
	Line string
}

// maxEnvFileLines bounds how many lines of an env_file text are read.
const maxEnvFileLines = 1000

// envVars appends to out the variables param gives the call and returns
// the result: the entries of a resolved dict (every element of an expanded
// list of dicts), or the KEY=VALUE lines of an env_file text. Unresolved
// values give nothing. A rule passes the list of its previous call emptied
// (out[:0]), so that its calls allocate once.
func envVars(out []envVar, op *airflow.OpCall, param string) []envVar {
	a := op.Arg(param)
	if a == nil {
		return out
	}
	for lv := range a.EachLocated {
		switch v := lv.Value; {
		case param == "env_file" && (v.Kind == airflow.String || v.Kind == airflow.Templated):
			for _, kv := range parseEnvFile(v.Str) {
				out = append(out, envVar{Op: op, Arg: a, Param: param, Key: kv[0], Line: kv[1], Loc: lv.Loc})
			}
		case param != "env_file" && v.Kind == airflow.Dict:
			for _, e := range v.Entries() {
				out = append(out, envVar{Op: op, Arg: a, Param: param, Key: e.Key, Loc: e.KeyRange, Entry: e})
			}
		}
	}
	return out
}

// parseEnvFile reads the KEY=VALUE lines of .env content (comments, blank
// lines and `export ` prefixes allowed). A text without a line break and
// without '=' is a file name, which gives nothing.
func parseEnvFile(text string) [][2]string {
	var out [][2]string
	for i, line := range strings.Split(text, "\n") {
		if i >= maxEnvFileLines {
			break
		}
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimSpace(strings.TrimPrefix(line, "export "))
		k, v, ok := strings.Cut(line, "=")
		k = strings.TrimSpace(k)
		if !ok || !isEnvName(k) {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		out = append(out, [2]string{k, v})
	}
	return out
}

// isEnvName reports whether s is a shell variable name.
func isEnvName(s string) bool {
	if s == "" || (s[0] >= '0' && s[0] <= '9') {
		return false
	}
	for _, c := range s {
		if c != '_' && (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// registryCredential reports whether the variable is a registry credential
// (DAG201): its name is a registry credential key, or its value is read from
// an environment variable whose name is. source names that variable when it
// differs from the key.
func registryCredential(v envVar) (source string, ok bool) {
	if secrets.IsRegistryCredentialKey(v.Key) {
		return "", true
	}
	if v.Entry != nil && v.Entry.Value.Kind == airflow.EnvRead && secrets.IsRegistryCredentialKey(v.Entry.Value.Name()) {
		return v.Entry.Value.Name(), true
	}
	return "", false
}

// carriesValue reports whether the variable may hold something: not None,
// not an empty string.
func carriesValue(v envVar) bool {
	if v.Entry == nil {
		return v.Line != ""
	}
	switch val := v.Entry.Value; val.Kind {
	case airflow.Const:
		return val.Str != "None"
	case airflow.String:
		return strings.TrimSpace(val.Str) != ""
	}
	return true
}

// imageRegistry returns the registry host of the call's image when it
// resolves to a valid reference, else "".
func imageRegistry(op *airflow.OpCall) string {
	a := op.Arg("image")
	if a == nil || a.Mapped || a.Value.Kind != airflow.String {
		return ""
	}
	ref, err := imageref.Parse(a.Value.Str)
	if err != nil {
		return ""
	}
	return ref.Registry
}

// maxQuoted bounds how much of a value a message quotes.
const maxQuoted = 80

// quoteValue returns s for a message: credentials in known formats redacted
// and long text shortened.
func quoteValue(s string) string {
	ms := secrets.FindTokens(s)
	for i := len(ms) - 1; i >= 0; i-- {
		m := ms[i]
		s = s[:m.Start] + secrets.Redact(s[m.Start:m.End]) + s[m.End:]
	}
	if r := []rune(s); len(r) > maxQuoted {
		s = string(r[:maxQuoted-1]) + "…"
	}
	return s
}

// envRelated returns the definition of the mapping the variable came
// through, unless the finding already points inside it.
func envRelated(v envVar) []analysis.RelatedLocation {
	if v.Entry != nil && v.Entry.Value.Origin() != nil {
		return originRelated(v.Entry.Value.Origin(), v.Param+" entry defined here")
	}
	def := v.Arg.Value.Def
	if def.Start <= v.Loc.Start && v.Loc.End <= def.End {
		return nil
	}
	return related(v.Arg.Value, v.Arg.Loc(), v.Param)
}
