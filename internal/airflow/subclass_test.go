package airflow

import (
	"fmt"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/pyparse"
)

// fakeProject is a ClassFinder over a few modules held in memory: each
// module's classes are found by the names a file imports them as.
type fakeProject struct {
	modules map[string]*Model // module name -> model
	imports map[string]string // name as written -> "module.Class"
	lookups int               // FindClass calls, to prove the bound
}

func (p *fakeProject) FindClass(dotted string) (ClassRef, bool) {
	p.lookups++
	target, ok := p.imports[dotted]
	if !ok {
		return ClassRef{}, false
	}
	mod, class, _ := strings.Cut(target, ".")
	m := p.modules[mod]
	if m == nil {
		return ClassRef{}, false
	}
	for _, st := range m.File.Body {
		if c, ok := st.(*pyparse.ClassDef); ok && c.Name == class {
			return ClassRef{Def: c, Module: m}, true
		}
	}
	return ClassRef{}, false
}

const pluginSrc = `from airflow.providers.docker.operators.docker import DockerOperator

IMAGE = "ghcr.io/acme/app:latest"


class AcmeDockerOperator(DockerOperator):
    def __init__(self, team="data", **kwargs):
        super().__init__(image=IMAGE, privileged=True, environment={"TOKEN": "x"}, **kwargs)
`

const dagSrc = `from plugins.acme import AcmeDockerOperator

AcmeDockerOperator(task_id="a", team="ml", docker_conn_id="ghcr")
`

// TestClassFinderOtherModule: a subclass defined in another module (supplied
// by a ClassFinder) is a Docker call; the keywords it passes to
// super().__init__ are arguments, located at the callee in the calling file;
// its own parameters are parameters of the call.
func TestClassFinderOtherModule(t *testing.T) {
	plugin := BuildWithClasses(pyparse.Parse("plugins/acme.py", []byte(pluginSrc)), nil)
	finder := &fakeProject{modules: map[string]*Model{"acme": plugin}, imports: map[string]string{"AcmeDockerOperator": "acme.AcmeDockerOperator"}}
	dag := BuildWithClasses(pyparse.Parse("dags/dag.py", []byte(dagSrc)), finder)
	if len(dag.Calls) != 1 {
		t.Fatalf("calls = %d, want 1", len(dag.Calls))
	}
	op := dag.Calls[0]
	if op.Kind != DockerOperator || op.Class != "AcmeDockerOperator" || !op.IsSubclass() || op.Subclass != nil {
		t.Fatalf("kind %v class %q subclass %v local %v", op.Kind, op.Class, op.IsSubclass(), op.Subclass)
	}
	if got := argStr(dag, 0, "image"); got != "ghcr.io/acme/app:latest" {
		t.Errorf("image = %q", got)
	}
	callee := dag.File.Text(op.Callee)
	for _, name := range []string{"image", "privileged"} {
		a := op.Arg(name)
		if a == nil {
			t.Fatalf("%s absent", name)
		}
		if a.Source != FromSubclass || dag.File.Text(a.Loc()) != callee || dag.File.Text(a.KeyRange) != callee {
			t.Errorf("%s: source %v at %q / %q, want subclass at the callee %q", name, a.Source, dag.File.Text(a.Loc()), dag.File.Text(a.KeyRange), callee)
		}
		if a.Value.Def != (pyparse.Range{}) {
			t.Errorf("%s keeps a definition range of the other file: %v", name, a.Value.Def)
		}
		if a.Origin == nil || a.Origin.Module != plugin || !strings.HasPrefix(plugin.File.Text(a.Origin.Expr.Span()), map[string]string{"image": "IMAGE", "privileged": "True"}[name]) {
			t.Errorf("%s: origin %+v, want the keyword's value in the plugin", name, a.Origin)
		}
	}
	if !op.Arg("privileged").Value.IsTrue() {
		t.Errorf("privileged = %+v", op.Arg("privileged").Value)
	}
	// A mapping written in the other module keeps its entries, relocated to
	// the callee; each entry's definition is its Origin in the plugin.
	env := op.Arg("environment")
	if env == nil || env.Value.Kind != Dict || len(env.Value.Entries()) != 1 {
		t.Fatalf("environment from another module must be its dict, got %+v", env)
	}
	e := env.Value.Entries()[0]
	if e.Key != "TOKEN" || dag.File.Text(e.KeyRange) != callee || e.Value.Origin() == nil || e.Value.Origin().File != plugin.File ||
		plugin.File.Text(e.Value.Origin().Def) != `"x"` {
		t.Errorf("environment entry %+v (origin %+v), want TOKEN at the callee, defined in the plugin", e, e.Value.Origin())
	}
	if o := op.Arg("privileged").Value.Origin(); o == nil || o.File != plugin.File || plugin.File.Text(o.Def) != "True" {
		t.Errorf("privileged origin %+v, want True in the plugin", o)
	}
	if fs := dag.Foreign(); len(fs) != 1 || fs[0].File != plugin.File {
		t.Errorf("foreign modules %v, want the plugin (its secrets are redacted in the DAG file's messages)", fs)
	}
	if a := op.Arg("image"); a.Origin.Def == (pyparse.Range{}) || plugin.File.Text(a.Origin.Def) != `"ghcr.io/acme/app:latest"` {
		t.Errorf("image origin definition = %v", a.Origin.Def)
	}
	if a := op.Arg("docker_conn_id"); a == nil || a.Source != FromCall || a.Origin != nil {
		t.Errorf("docker_conn_id from the call: %+v", a)
	}
	if !op.AddedParam("team") || op.AddedParam("image") || !op.KeywordsKnown() {
		t.Errorf("team added %v, image added %v, known %v", op.AddedParam("team"), op.AddedParam("image"), op.KeywordsKnown())
	}

	// Without a finder the same file has no operator call.
	if m := Build(pyparse.Parse("dags/dag.py", []byte(dagSrc))); len(m.Calls) != 0 {
		t.Errorf("without a finder: %d calls, want 0", len(m.Calls))
	}
}

// TestClassFinderCycle: classes that derive from each other across modules
// end, with no operator call, after a bounded number of lookups.
func TestClassFinderCycle(t *testing.T) {
	a := pyparse.Parse("a.py", []byte("from b import B\n\nclass A(B):\n    pass\n"))
	b := pyparse.Parse("b.py", []byte("from a import A\n\nclass B(A):\n    pass\n"))
	p := &fakeProject{modules: map[string]*Model{}, imports: map[string]string{"A": "a.A", "B": "b.B"}}
	// Each module is built with the shared finder, as the index would.
	p.modules["a"] = BuildWithClasses(a, p)
	p.modules["b"] = BuildWithClasses(b, p)
	p.lookups = 0
	dag := BuildWithClasses(pyparse.Parse("dag.py", []byte("from a import A\n\nA(task_id='x', image='app:latest')\n")), p)
	if len(dag.Calls) != 0 {
		t.Errorf("a cycle is no operator: %d calls", len(dag.Calls))
	}
	if p.lookups > 2*maxInheritDepth+2 {
		t.Errorf("%d lookups for a two-module cycle, want at most %d", p.lookups, 2*maxInheritDepth+2)
	}
}

// TestSubclassChainGrowth: the cost of a chain of N subclasses (each call
// of the deepest) grows linearly: the classes are analysed once each.
func TestSubclassChainGrowth(t *testing.T) {
	chain := func(n int) string {
		var b strings.Builder
		b.WriteString("from airflow.providers.docker.operators.docker import DockerOperator\n\nclass C0(DockerOperator):\n    pass\n")
		for i := 1; i < n; i++ {
			fmt.Fprintf(&b, "class C%d(C%d):\n    def __init__(self, p%d=None, **kwargs):\n        super().__init__(**kwargs)\n", i, i-1, i)
		}
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "C%d(task_id='t%d', image='ghcr.io/a/b:1')\n", i, i)
		}
		return b.String()
	}
	// 16 and 30 levels stay under the depth bound.
	for _, n := range []int{16, 30} {
		m := build(t, chain(n))
		if len(m.Calls) != n {
			t.Fatalf("n=%d: %d calls", n, len(m.Calls))
		}
		last := m.Calls[n-1]
		if !last.AddedParam("p1") || !last.AddedParam(fmt.Sprintf("p%d", n-1)) || argStr(m, n-1, "image") != "ghcr.io/a/b:1" {
			t.Errorf("n=%d: the deepest class lost its chain", n)
		}
	}
	allocs := func(n int) float64 {
		src := []byte(chain(n))
		f := pyparse.Parse("dag.py", src)
		return testing.AllocsPerRun(3, func() { Build(f) })
	}
	small, large := allocs(15), allocs(30)
	if ratio := large / small; ratio > 3.5 {
		t.Errorf("allocations for 30 classes / 15 classes = %.2f, want about 2 (linear)", ratio)
	}
}

// TestSubclassArguments covers how the call's keywords and the subclass's
// own defaults combine.
func TestSubclassArguments(t *testing.T) {
	const head = "from airflow.providers.docker.operators.docker import DockerOperator\n"
	tests := []struct {
		name, src, arg, want string
	}{
		{"hard-coded wins over default_args", `
class Op(DockerOperator):
    def __init__(self, **kwargs):
        super().__init__(image="a:1", **kwargs)
Op(task_id="t", default_args={"image": "b:2"})
`, "image", "a:1"},
		{"call keyword through the parameter", `
class Op(DockerOperator):
    def __init__(self, image="a:1", **kwargs):
        super().__init__(image=image, **kwargs)
Op(task_id="t", image="c:3")
`, "image", "c:3"},
		{"renamed parameter", `
class Op(DockerOperator):
    def __init__(self, img="a:1", **kwargs):
        super().__init__(image=img, **kwargs)
Op(task_id="t", img="d:4")
`, "image", "d:4"},
		{"parameter default", `
class Op(DockerOperator):
    def __init__(self, img="a:1", **kwargs):
        super().__init__(image=img, **kwargs)
Op(task_id="t")
`, "image", "a:1"},
		{"default unknown when **unknown may give the parameter", `
class Op(DockerOperator):
    def __init__(self, img="a:1", **kwargs):
        super().__init__(image=img, **kwargs)
Op(task_id="t", **OPTS)
`, "image", "<unknown>"},
		{"built from the parameter: unknown", `
class Op(DockerOperator):
    def __init__(self, tag="1", **kwargs):
        super().__init__(image="app:" + tag, **kwargs)
Op(task_id="t", tag="2")
`, "image", "<unknown>"},
		{"through **kwargs", `
class Op(DockerOperator):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
Op(task_id="t", image="e:5")
`, "image", "e:5"},
		{"mapping given to super", `
OPTS = {"image": "f:6"}
class Op(DockerOperator):
    def __init__(self, **kwargs):
        super().__init__(**OPTS, **kwargs)
Op(task_id="t")
`, "image", "f:6"},
		{"class attribute is no argument", `
class Op(DockerOperator):
    image = "g:7"
Op(task_id="t")
`, "image", "<absent>"},
		{"two super calls: unknown which", `
class Op(DockerOperator):
    def __init__(self, fast=False, **kwargs):
        if fast:
            super().__init__(image="h:8", **kwargs)
        else:
            super().__init__(image="h:9", **kwargs)
Op(task_id="t")
`, "image", "<absent>"},
		{"grandparent's keyword through a middle class without __init__", `
class A(DockerOperator):
    def __init__(self, **kwargs):
        super().__init__(image="i:10", **kwargs)
class B(A):
    pass
class C(B):
    def __init__(self, x=1, **kwargs):
        super().__init__(**kwargs)
C(task_id="t", x=2)
`, "image", "i:10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := build(t, head+tt.src)
			if len(m.Calls) != 1 {
				t.Fatalf("calls = %d", len(m.Calls))
			}
			if got := argStr(m, 0, tt.arg); got != tt.want {
				t.Errorf("%s = %q, want %q", tt.arg, got, tt.want)
			}
		})
	}
}

// TestKwargsInPlace: changes an __init__ makes to **kwargs before
// super().__init__: a constant key set or defaulted is an argument, a popped
// one a parameter; any other change leaves the call open (rules that need a
// parameter to be absent stay silent), what passes through unknown and the
// keywords unchecked. Changes after the call do nothing.
func TestKwargsInPlace(t *testing.T) {
	m := build(t, `from airflow.providers.docker.operators.docker import DockerOperator
class Defaulted(DockerOperator):
    def __init__(self, **kwargs):
        kwargs.setdefault("docker_conn_id", "ghcr")
        kwargs["image"] = "ghcr.io/a/forced:latest"
        super().__init__(**kwargs)
class Updated(DockerOperator):
    def __init__(self, **kwargs):
        kwargs.update(EXTRA)
        super().__init__(**kwargs)
class Fine(DockerOperator):
    def __init__(self, team=None, **kwargs):
        kwargs.pop("legacy", None)
        super().__init__(**kwargs)
        kwargs.update(EXTRA)
Defaulted(task_id="t", image="ghcr.io/a/b:1")
Defaulted(task_id="t2", docker_conn_id="other")
Updated(task_id="u", image="ghcr.io/a/b:1")
Fine(task_id="v", image="ghcr.io/a/b:1")
`)
	if len(m.Calls) != 4 {
		t.Fatalf("calls = %d", len(m.Calls))
	}
	if op := m.Calls[0]; op.Open() || !op.KeywordsKnown() || argStr(m, 0, "docker_conn_id") != "ghcr" || argStr(m, 0, "image") != "ghcr.io/a/forced:latest" {
		t.Errorf("setdefault / set: open %v, known %v, docker_conn_id %q, image %q", op.Open(), op.KeywordsKnown(), argStr(m, 0, "docker_conn_id"), argStr(m, 0, "image"))
	}
	if got := argStr(m, 1, "docker_conn_id"); got != "other" {
		t.Errorf("setdefault keeps the call's keyword: %q", got)
	}
	if op := m.Calls[2]; !op.Open() || op.KeywordsKnown() || argStr(m, 2, "image") != "<unknown>" {
		t.Errorf("update: open %v, known %v, image %q; want open, unknown, <unknown>", op.Open(), op.KeywordsKnown(), argStr(m, 2, "image"))
	}
	if op := m.Calls[3]; op.Open() || !op.KeywordsKnown() || !op.AddedParam("legacy") || !op.AddedParam("team") || argStr(m, 3, "image") != "ghcr.io/a/b:1" {
		t.Errorf("pop, own parameters, update after the call: open %v, known %v, legacy %v, team %v", op.Open(), op.KeywordsKnown(), op.AddedParam("legacy"), op.AddedParam("team"))
	}
}

// TestSubclassHostile: cycles in the file and a class deriving from itself
// end without a call being invented. A chain written bases first is
// followed at any depth (classes are analysed in source order); one written
// the other way round is followed up to the depth bound.
func TestSubclassHostile(t *testing.T) {
	const head = "from airflow.providers.docker.operators.docker import DockerOperator\n"
	n := 3 * maxInheritDepth
	var forward, reverse strings.Builder
	forward.WriteString(head + "class D0(DockerOperator):\n    pass\n")
	reverse.WriteString(head)
	for i := 1; i < n; i++ {
		fmt.Fprintf(&forward, "class D%d(D%d):\n    pass\n", i, i-1)
		fmt.Fprintf(&reverse, "class D%d(D%d):\n    pass\n", n-i, n-i-1)
	}
	reverse.WriteString("class D0(DockerOperator):\n    pass\n")
	calls := fmt.Sprintf("D%d(task_id='t', image='a:1')\nD0(task_id='u', image='a:1')\n", n-1)
	for _, tt := range []struct {
		name, src string
		calls     int
	}{
		{"cycle", head + "class A(B):\n    pass\nclass B(A):\n    pass\nA(task_id='t')\nB(task_id='u')\n", 0},
		{"itself", "class A(A):\n    pass\nA(task_id='t')\n", 0},
		{"deep chain, bases first", forward.String() + calls, 2},
		{"deep chain, derived first: bounded", reverse.String() + calls, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if m := build(t, tt.src); len(m.Calls) != tt.calls {
				t.Errorf("calls = %d, want %d", len(m.Calls), tt.calls)
			}
		})
	}
}

// TestSubclassCallsShareDescription: what a call takes from its class's
// chain (parameters, source text) is worked out once per class in a file,
// so another call of a deep class costs a few allocations, not some for
// every class of the chain.
func TestSubclassCallsShareDescription(t *testing.T) {
	const depth = 24
	src := func(calls int) []byte {
		var b strings.Builder
		b.WriteString("from airflow.providers.docker.operators.docker import DockerOperator\n\nclass C0(DockerOperator):\n    pass\n")
		for i := 1; i < depth; i++ {
			fmt.Fprintf(&b, "class C%d(C%d):\n    pass\n", i, i-1)
		}
		for i := 0; i < calls; i++ {
			fmt.Fprintf(&b, "C%d(task_id='t%d', image='ghcr.io/a/b:1')\n", depth-1, i)
		}
		return []byte(b.String())
	}
	m := Build(pyparse.Parse("dag.py", src(2)))
	if len(m.Calls) != 2 || m.Calls[0].text != m.Calls[1].text || !strings.Contains(m.Calls[1].text, "class C0(DockerOperator)") {
		t.Fatalf("the calls of one class should carry the chain's whole source")
	}
	allocs := func(calls int) float64 {
		f := pyparse.Parse("dag.py", src(calls))
		return testing.AllocsPerRun(3, func() { Build(f) })
	}
	small, large := allocs(20), allocs(40)
	perCall := (large - small) / 20
	t.Logf("%.1f allocations per further call", perCall)
	if perCall >= depth {
		t.Errorf("%.1f allocations per further call of a class %d deep, want fewer than %d", perCall, depth, depth)
	}
}
