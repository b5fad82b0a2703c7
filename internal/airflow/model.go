// Package airflow turns a parsed DAG file into what Airflow will do with it:
// which calls are Docker or Kubernetes operator calls, where each argument's
// value comes from (call, partial/expand, **mapping, default_args of the DAG,
// @dag or TaskGroup), and what strings resolve to.
package airflow

import (
	"strings"

	"github.com/daglint/daglint/internal/pyparse"
)

// ArgSource says where an argument's value was given.
type ArgSource int

// Argument sources, from the call outwards.
const (
	FromCall        ArgSource = iota // a keyword of the constructor call
	FromPartial                      // a keyword of .partial(...)
	FromExpand                       // a keyword of .expand(...): the value is mapped over
	FromDecorator                    // a keyword of @task.docker(...)
	FromMapping                      // an entry of a **mapping the file defines
	FromDefaultArgs                  // an entry of default_args (call, TaskGroup, DAG or @dag)
)

// String names the source for messages.
func (s ArgSource) String() string {
	switch s {
	case FromCall:
		return "call"
	case FromPartial:
		return "partial"
	case FromExpand:
		return "expand"
	case FromDecorator:
		return "decorator"
	case FromMapping:
		return "mapping"
	}
	return "default_args"
}

// Arg is the effective value of one operator parameter.
type Arg struct {
	Name  string
	Value Value
	// Expr is the value expression where it reaches the operator: the
	// keyword's value at the call, or the entry's value in a mapping or
	// default_args. Its range is the argument's primary location.
	Expr pyparse.Expr
	// KeyRange is the keyword name or the mapping key.
	KeyRange pyparse.Range
	Source   ArgSource
	// Mapped is set for .expand() arguments: Value is the list mapped over.
	Mapped bool
}

// Loc is the argument's primary location.
func (a *Arg) Loc() pyparse.Range { return a.Expr.Span() }

// Candidates returns the values the parameter may take: the elements of an
// expanded list, or the value itself.
func (a *Arg) Candidates() []Value {
	if a.Mapped {
		if a.Value.Kind == List {
			return a.Value.Elems
		}
		return nil
	}
	return []Value{a.Value}
}

// KeywordSite is a keyword written at an operator call, partial, expand or
// @task.docker decorator.
type KeywordSite struct {
	Name      string
	NameRange pyparse.Range
	Value     pyparse.Expr
	Source    ArgSource
}

// OpCall is one Docker or Kubernetes operator call site.
type OpCall struct {
	Kind OperatorKind
	// Callee is the operator name (or the decorator) as written.
	Callee     pyparse.Range
	CalleeText string
	// Call is the constructor call, or the decorator call for @task.docker
	// (nil for a bare `@task.docker`). With partial/expand it is the
	// partial call.
	Call    *pyparse.Call
	Partial *pyparse.Call
	Expand  *pyparse.Call
	Func    *pyparse.FuncDef // the decorated function of @task.docker
	// Subclass is the class defined in this file the call instantiates.
	Subclass *pyparse.ClassDef
	// Args holds the effective value of each parameter Airflow will see.
	Args map[string]*Arg
	// Keywords lists every keyword written at the call sites, in order.
	Keywords []KeywordSite
	Scope    *Scope
	// open is set when some source of arguments could not be resolved: any
	// parameter may be set by it.
	open bool
	text string // the subclass's source, for MaybeSet
}

// Arg returns the effective argument name, or nil when none is known.
func (c *OpCall) Arg(name string) *Arg { return c.Args[name] }

// Open reports whether arguments may come from somewhere daglint could not
// resolve (`**kwargs` of unknown content, default_args built at run time, an
// unknown DAG context ...).
func (c *OpCall) Open() bool { return c.open }

// MaybeSet reports whether name may be set on the operator: a known argument,
// an unresolved source of arguments, or a same-file subclass that mentions it.
func (c *OpCall) MaybeSet(name string) bool {
	if c.Args[name] != nil || c.open {
		return true
	}
	return c.Subclass != nil && strings.Contains(c.text, name)
}

// IsDocker reports whether the call runs a Docker container (not Kubernetes).
func (c *OpCall) IsDocker() bool { return c.Kind != KubernetesPodOperator }

// Model is the semantic view of one file shared by all rules.
type Model struct {
	File  *pyparse.File
	Calls []*OpCall

	imports *imports
	module  *Scope
	// mutated holds names changed in place anywhere in the file.
	mutated map[string]bool
	// reads indexes ConfigParser reads, built on first use.
	reads *readIndex
}

// Module returns the module scope.
func (m *Model) Module() *Scope { return m.module }

// QualName returns the dotted name e refers to through the file's imports, or "".
func (m *Model) QualName(e pyparse.Expr) string { return m.imports.qualName(e) }

// CoreAirflow110 reports whether the call's operator was imported from
// Airflow 1.10's own modules (airflow.operators.docker_operator,
// airflow.contrib.operators...) rather than from a provider package.
func (m *Model) CoreAirflow110(op *OpCall) bool {
	if op.Call == nil {
		return false
	}
	fn := op.Call.Func
	if at, ok := fn.(*pyparse.Attribute); ok && at.Attr == "partial" {
		fn = at.Value
	}
	q := m.QualName(fn)
	return strings.HasPrefix(q, "airflow.operators.") || strings.HasPrefix(q, "airflow.contrib.")
}

// Build analyses a parsed file.
func Build(f *pyparse.File) *Model {
	return buildModel(f, true)
}

// buildModel is Build; with shortcut, a file that imports nothing from Airflow
// gets no operator calls without the walk that looks for them (a plain
// module costs its imports and module scope only). The model test checks
// that the shortcut changes nothing.
func buildModel(f *pyparse.File, shortcut bool) *Model {
	m := &Model{File: f, imports: collectImports(f), mutated: mutatedNames(f)}
	m.module = newScope(nil, nil, f.Body)
	if shortcut && !m.imports.fromAirflow() {
		return m
	}
	b := &builder{m: m, subclasses: map[string]*subclass{}, invocations: map[string][][]*frame{}, overridden: map[string]bool{}}
	b.findSubclasses()
	b.stmts(f.Body, m.module, nil)
	b.finish()
	return m
}

// mutatingMethods change a dict or list in place.
var mutatingMethods = map[string]bool{
	"update": true, "setdefault": true, "pop": true, "popitem": true, "clear": true,
	"append": true, "extend": true, "insert": true, "remove": true, "__setitem__": true,
}

// mutatedNames returns the names whose value the file changes in place
// (`d["k"] = v`, `d.update(...)`, `del d["k"]`): a dict bound to such a name
// may hold other keys than its literal shows, so it resolves as partial.
func mutatedNames(f *pyparse.File) map[string]bool {
	out := map[string]bool{}
	mark := func(e pyparse.Expr) {
		if n, ok := e.(*pyparse.Name); ok {
			out[n.ID] = true
		}
	}
	ix := f.Index()
	for _, s := range ix.Stmts {
		switch n := s.(type) {
		case *pyparse.Assign:
			for _, t := range n.Targets {
				if s, ok := t.(*pyparse.Subscript); ok {
					mark(s.Value)
				}
			}
		case *pyparse.OtherStmt:
			if n.Kind == pyparse.StmtDelete {
				for _, e := range n.Exprs {
					pyparse.Inspect(e, func(x pyparse.Node) bool {
						if s, ok := x.(*pyparse.Subscript); ok {
							mark(s.Value)
						}
						return true
					})
				}
			}
		}
	}
	for _, n := range ix.Calls {
		if at, ok := n.Func.(*pyparse.Attribute); ok && mutatingMethods[at.Attr] {
			mark(at.Value)
		}
	}
	return out
}
