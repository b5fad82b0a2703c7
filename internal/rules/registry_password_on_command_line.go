package rules

import (
	"strings"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/pyparse"
)

// RegistryPasswordOnCommandLine reports `docker login -p` (and the removed
// `aws ecr get-login`) in commands Airflow runs.
var RegistryPasswordOnCommandLine = &analysis.Rule{
	ID:               "DAG305",
	Name:             "registry-password-on-command-line",
	Severity:         analysis.Error,
	Tags:             []string{"security", "secrets"},
	SecuritySeverity: 7.5,
	Precision:        "very-high",
	Doc: analysis.Doc{
		Summary: "a task runs docker login with the password on the command line",
		What: `Reports a ` + "`bash_command`" + ` of a BashOperator, the command a ` + "`@task.bash`" + `
function returns, or a Docker or Kubernetes call's ` + "`command`" + `, ` + "`cmds`" + ` or
` + "`arguments`" + `, that runs ` + "`docker login`" + ` with ` + "`-p`" + ` / ` + "`--password`" + ` (a literal,
a Jinja template or a ` + "`$VARIABLE`" + `: all are reported), or runs
` + "`aws ecr get-login`" + `, which AWS CLI v2 no longer has. Commands built at run time
are not followed; inside functions only literal strings are read.`,
		Why: `Commands are template fields: Airflow renders them, shows the rendered text in
the UI and stores it with the task instance, so the password is visible to
everyone who can see the task. While the command runs, the password is also in
the process list of the worker (` + "`ps`" + `, ` + "`/proc/<pid>/cmdline`" + `). And
` + "`aws ecr get-login`" + ` fails on AWS CLI v2.`,
		Example: `from airflow.providers.standard.operators.bash import BashOperator

BashOperator(
    task_id="push",
    bash_command="docker login -u ci -p {{ var.value.registry_password }} registry.example.com && docker push registry.example.com/etl:1.0",
)
`,
		UseInstead: `from airflow.providers.standard.operators.bash import BashOperator

BashOperator(
    task_id="push",
    bash_command='printf %s "$REGISTRY_PASSWORD" | docker login -u ci --password-stdin registry.example.com && docker push registry.example.com/etl:1.0',
    env={"REGISTRY_PASSWORD": "{{ var.value.registry_password }}"},
)
`,
		Since: "0.2.0",
		Fix:   "none (where the password comes from is the user's choice: --password-stdin, a credential helper, or docker_conn_id for DockerOperator pulls)",
	},
	Run: runRegistryPasswordOnCommandLine,
}

const loginAdvice = "pipe it to docker login --password-stdin (or, for DockerOperator pulls, use docker_conn_id)"

func runRegistryPasswordOnCommandLine(pass *analysis.Pass) error {
	m := pass.Model
	check := func(text string, at pyparse.Range, where string, rel []analysis.RelatedLocation) {
		if msg := commandLoginProblem(text); msg != "" {
			pass.Report(analysis.Diagnostic{Start: at.Start, End: at.End, Message: where + " " + msg, Related: rel})
		}
	}
	for _, op := range m.Calls {
		for _, name := range []string{"command", "cmds", "arguments"} {
			a := op.Arg(name)
			for v := range a.EachLocated {
				if text, ok := commandText(v.Value); ok {
					var rel []analysis.RelatedLocation
					if o := v.Value.Origin(); o != nil {
						rel = originRelated(o, name+" defined here") // written in another module
					}
					check(text, v.Loc, name+" of "+operatorLabel(op), rel)
				}
			}
		}
	}
	// BashOperator calls and @task.bash functions, in source order, knowing
	// whether each sits inside a function (whose local names daglint does
	// not resolve: there only literals are read).
	var funcEnds []int
	inFunc := func(start int) bool {
		for len(funcEnds) > 0 && funcEnds[len(funcEnds)-1] <= start {
			funcEnds = funcEnds[:len(funcEnds)-1]
		}
		return len(funcEnds) > 0
	}
	for _, n := range m.File.Index().Outline {
		switch n := n.(type) {
		case *pyparse.FuncDef:
			inFunc(n.Start)
			if isTaskBash(m, n) {
				for _, r := range returns(n.Body) {
					if text, ok := literalText(m, r.Value, true); ok {
						check(text, r.Value.Span(), "the command of @task.bash "+n.Name, nil)
					}
				}
			}
			funcEnds = append(funcEnds, n.End)
		case *pyparse.Call:
			if isBashOperator(m.QualName(n.Func)) {
				if k := n.Keyword("bash_command"); k != nil && k.Value != nil {
					if text, ok := literalText(m, k.Value, inFunc(n.Start)); ok {
						check(text, k.Value.Span(), "bash_command", nil)
					}
				}
			}
		}
	}
	return nil
}

// commandLoginProblem returns what is wrong with a shell command's registry
// login, or "".
func commandLoginProblem(cmd string) string {
	if !strings.Contains(cmd, "login") {
		return "" // both problems need a word login or get-login: no need to split the command
	}
	for _, seg := range shellSegments(cmd) {
		switch {
		case dockerLoginWithPassword(seg):
			return "runs docker login with the password on the command line: the rendered command shows it in the Airflow UI and in the worker's process list; " + loginAdvice
		case ecrGetLogin(seg):
			return "runs aws ecr get-login, which AWS CLI v2 removed; use aws ecr get-login-password | docker login --username AWS --password-stdin <registry>"
		}
	}
	return ""
}

// shellSegments splits a command into simple commands (at ; & | newlines,
// parentheses and backquotes), each a list of words.
func shellSegments(cmd string) [][]string {
	var segs [][]string
	var words []string
	flush := func() {
		if len(words) > 0 {
			segs = append(segs, words)
			words = nil
		}
	}
	for _, field := range strings.FieldsFunc(cmd, func(r rune) bool { return r == ' ' || r == '\t' }) {
		for field != "" {
			i := strings.IndexAny(field, ";&|\n\r()`")
			if i < 0 {
				words = append(words, strings.Trim(field, `"'`))
				break
			}
			if i > 0 {
				words = append(words, strings.Trim(field[:i], `"'`))
			}
			flush()
			field = field[i+1:]
		}
	}
	flush()
	return segs
}

// dockerLoginWithPassword reports whether a simple command is `docker ...
// login` with -p / --password (any form but --password-stdin).
func dockerLoginWithPassword(words []string) bool {
	login := -1
	for i, w := range words {
		if w == "docker" || strings.HasSuffix(w, "/docker") {
			for j := i + 1; j < len(words); j++ {
				if words[j] == "login" {
					login = j
					break
				}
				if !strings.HasPrefix(words[j], "-") {
					break
				}
				if dockerGlobalValueFlags[words[j]] {
					j++ // the option's value
				}
			}
			break
		}
	}
	if login < 0 {
		return false
	}
	for _, w := range words[login+1:] {
		switch {
		case w == "-p", w == "--password", strings.HasPrefix(w, "--password="):
			return true
		case strings.HasPrefix(w, "-p") && !strings.HasPrefix(w, "--"):
			return true // -pSECRET or -p=SECRET
		}
	}
	return false
}

// dockerGlobalValueFlags are the docker CLI's global options that take a
// value as the next word.
var dockerGlobalValueFlags = map[string]bool{
	"--config": true, "-c": true, "--context": true, "-H": true, "--host": true,
	"-l": true, "--log-level": true, "--tlscacert": true, "--tlscert": true, "--tlskey": true,
}

// ecrGetLogin reports whether a simple command is `aws ... ecr get-login`.
func ecrGetLogin(words []string) bool {
	for i := range words {
		if words[i] != "aws" {
			continue
		}
		for j := i + 1; j+1 < len(words); j++ {
			if words[j] == "ecr" && words[j+1] == "get-login" {
				return true
			}
		}
	}
	return false
}

// commandText is the text of a command value: a string, or a list of
// strings joined with spaces (exec form); ok is false for anything else.
func commandText(v airflow.Value) (string, bool) {
	switch v.Kind {
	case airflow.String, airflow.Templated:
		return v.Str, true
	case airflow.List:
		parts := make([]string, 0, len(v.Elems()))
		for _, el := range v.Elems() {
			if el.Kind != airflow.String && el.Kind != airflow.Templated {
				parts = append(parts, "?")
				continue
			}
			parts = append(parts, el.Str)
		}
		return strings.Join(parts, " "), len(parts) > 0
	}
	return "", false
}

// literalText resolves a command expression. Inside a function only
// expressions without names are resolved (local names are not tracked).
func literalText(m *airflow.Model, e pyparse.Expr, inFunc bool) (string, bool) {
	if inFunc && hasName(e) {
		return "", false
	}
	return commandText(m.Resolve(e, nil))
}

func hasName(e pyparse.Expr) bool {
	found := false
	pyparse.Inspect(e, func(n pyparse.Node) bool {
		if _, ok := n.(*pyparse.Name); ok {
			found = true
		}
		return !found
	})
	return found
}

// isBashOperator reports whether a qualified name is Airflow's BashOperator.
func isBashOperator(q string) bool {
	if !strings.HasPrefix(q, "airflow.") {
		return false
	}
	return strings.HasSuffix(q, ".bash.BashOperator") || strings.HasSuffix(q, ".bash_operator.BashOperator")
}

// isTaskBash reports whether fn is decorated with @task.bash.
func isTaskBash(m *airflow.Model, fn *pyparse.FuncDef) bool {
	for _, d := range fn.Decorators {
		if c, ok := d.(*pyparse.Call); ok {
			d = c.Func
		}
		q := m.QualName(d)
		if strings.HasPrefix(q, "airflow.") && strings.HasSuffix(q, ".task.bash") {
			return true
		}
	}
	return false
}

// returns lists the return statements of a function body, not of the
// functions and classes nested in it.
func returns(body []pyparse.Stmt) []*pyparse.Return {
	var out []*pyparse.Return
	for _, s := range body {
		pyparse.Inspect(s, func(n pyparse.Node) bool {
			switch n := n.(type) {
			case *pyparse.FuncDef, *pyparse.ClassDef, *pyparse.Lambda:
				return false
			case *pyparse.Return:
				if n.Value != nil {
					out = append(out, n)
				}
			case pyparse.Expr:
				return false
			}
			return true
		})
	}
	return out
}
