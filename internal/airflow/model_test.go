package airflow

import (
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/pyparse"
)

func build(t *testing.T, src string) *Model {
	t.Helper()
	return Build(pyparse.Parse("dag.py", []byte(src)))
}

// argStr returns the resolved string of the named argument of call i, or a
// marker for other kinds.
func argStr(m *Model, i int, name string) string {
	if i >= len(m.Calls) {
		return "<no call>"
	}
	a := m.Calls[i].Arg(name)
	if a == nil {
		return "<absent>"
	}
	switch a.Value.Kind {
	case String, Templated:
		return a.Value.Str
	case Unknown:
		return "<unknown>"
	}
	return "<kind " + string(rune('0'+a.Value.Kind)) + ">"
}

func TestCallForms(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		calls int
		kind  OperatorKind
	}{
		{"provider import", "from airflow.providers.docker.operators.docker import DockerOperator\nDockerOperator(task_id='t', image='x')\n", 1, DockerOperator},
		{"alias", "from airflow.providers.docker.operators.docker import DockerOperator as D\nD(task_id='t')\n", 1, DockerOperator},
		{"module qualified", "from airflow.providers.docker.operators import docker\ndocker.DockerOperator(task_id='t')\n", 1, DockerOperator},
		{"import as module", "import airflow.providers.docker.operators.docker as d\nd.DockerOperator(task_id='t')\n", 1, DockerOperator},
		{"full dotted path", "import airflow\nairflow.providers.docker.operators.docker.DockerOperator(task_id='t')\n", 1, DockerOperator},
		{"1.10 path", "from airflow.operators.docker_operator import DockerOperator\nDockerOperator(task_id='t')\n", 1, DockerOperator},
		{"swarm contrib", "from airflow.contrib.operators.docker_swarm_operator import DockerSwarmOperator\nDockerSwarmOperator(task_id='t')\n", 1, DockerSwarmOperator},
		{"kpo", "from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator\nKubernetesPodOperator(task_id='t')\n", 1, KubernetesPodOperator},
		{"star import", "from airflow.providers.docker.operators.docker import *\nDockerOperator(task_id='t')\n", 1, DockerOperator},
		{"subclass", "from airflow.providers.docker.operators.docker import DockerOperator\nclass My(DockerOperator):\n    pass\nclass Mine(My):\n    pass\nMine(task_id='t')\n", 1, DockerOperator},
		{"task.docker", "from airflow.decorators import task\n@task.docker(image='x')\ndef f():\n    pass\n", 1, TaskDocker},
		{"bare task.docker", "from airflow.sdk import task\n@task.docker\ndef f():\n    pass\n", 1, TaskDocker},
		{"docker_task", "from airflow.providers.docker.decorators.docker import docker_task\n@docker_task(image='x')\ndef f():\n    pass\n", 1, TaskDocker},
		{"partial expand is one call", "from airflow.providers.docker.operators.docker import DockerOperator\nDockerOperator.partial(task_id='t').expand(command=['a'])\n", 1, DockerOperator},
		// must not count
		{"not imported", "DockerOperator(task_id='t')\n", 0, 0},
		{"user module", "from mylib.operators import DockerOperator\nDockerOperator(task_id='t')\n", 0, 0},
		{"python task", "from airflow.decorators import task\n@task\ndef f():\n    pass\n", 0, 0},
		{"other airflow operator", "from airflow.operators.bash import BashOperator\nBashOperator(task_id='t')\n", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := build(t, tt.src)
			if len(m.Calls) != tt.calls {
				t.Fatalf("got %d calls, want %d", len(m.Calls), tt.calls)
			}
			if tt.calls > 0 && m.Calls[0].Kind != tt.kind {
				t.Errorf("kind = %v, want %v", m.Calls[0].Kind, tt.kind)
			}
		})
	}
}

const header = `from datetime import datetime
import os
from airflow import DAG
from airflow.decorators import dag, task, task_group
from airflow.utils.task_group import TaskGroup
from airflow.providers.docker.operators.docker import DockerOperator
`

func TestStringResolution(t *testing.T) {
	tests := []struct {
		expr string
		want string
	}{
		{`"registry.gitlab.com/g/app:1"`, "registry.gitlab.com/g/app:1"},
		{`"registry.gitlab.com" "/g/app:1"`, "registry.gitlab.com/g/app:1"},
		{`REG + "/g/app:" + TAG`, "registry.gitlab.com/g/app:1.2"},
		{`f"{REG}/g/app:{TAG}"`, "registry.gitlab.com/g/app:1.2"},
		{`"%s/g/app:%s" % (REG, TAG)`, "registry.gitlab.com/g/app:1.2"},
		{`"%(r)s/app" % {"r": REG}`, "registry.gitlab.com/app"},
		{`"{}/g/app:{}".format(REG, TAG)`, "registry.gitlab.com/g/app:1.2"},
		{`"{reg}/app".format(reg=REG)`, "registry.gitlab.com/app"},
		{`"/".join([REG, "g", "app"])`, "registry.gitlab.com/g/app"},
		{`CFG["image"]`, "python:3.12"},
		{`CFG.get("image")`, "python:3.12"},
		{`"{{ var.value.image }}"`, "{{ var.value.image }}"},
		{`f"{REG}/app:{{{{ ds }}}}"`, "registry.gitlab.com/app:{{ ds }}"},
		{`f"{REG}/{TAG}/{VERSION}/{REG}/{TAG}/{VERSION}:x"`, "registry.gitlab.com/1.2/1/registry.gitlab.com/1.2/1:x"},
		{`f"{REG}" "/app" f":{TAG}-{3}"`, "registry.gitlab.com/app:1.2-3"},
		{`f"{REG}/app"`, "registry.gitlab.com/app"},
		// unresolved: never guessed
		{`os.environ["IMAGE"]`, "<unknown>"},
		{`get_image()`, "<unknown>"},
		{`f"{REG}/app:{TAG!r}"`, "<unknown>"},
		{`f"{REG}/app:{VERSION:>5}"`, "<unknown>"},
		{`f"{REG}/{TAG}/{VERSION}/{REG}/{get_tag()}"`, "<unknown>"},
		{`TWICE`, "<unknown>"},
		{`AUG`, "<unknown>"},
		{`"%s-%s" % (REG,)`, "<unknown>"},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			src := header + `REG = "registry.gitlab.com"
TAG = "1.2"
VERSION = "1"
CFG = {"image": "python:3.12"}
TWICE = "a"
TWICE = "b"
AUG = "a"
AUG += "b"
DockerOperator(task_id="t", image=` + tt.expr + `)
`
			m := build(t, src)
			got := argStr(m, 0, "image")
			if strings.HasPrefix(got, "<kind") && strings.HasPrefix(tt.want, "<") {
				return
			}
			if got != tt.want {
				t.Errorf("image = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestFStringTextBound checks that an f-string whose text would pass
// maxTextLen is unresolved, and one just under it is not.
func TestFStringTextBound(t *testing.T) {
	half := strings.Repeat("x", maxTextLen/2)
	for _, c := range []struct {
		tail string
		want int // length of the resolved image, 0 for unresolved
	}{{"", maxTextLen}, {"y", 0}} {
		src := header + "A = \"" + half + "\"\nB = \"" + c.tail + "\"\nDockerOperator(task_id=\"t\", image=f\"{A}{A}{B}\")\n"
		got := build(t, src).Calls[0].Arg("image").Value
		if c.want == 0 && got.Kind != Unknown || c.want > 0 && (got.Kind != String || len(got.Str) != c.want) {
			t.Errorf("tail %q: image kind %v, %d bytes; want %d bytes (0: unresolved)", c.tail, got.Kind, len(got.Str), c.want)
		}
	}
}

func TestArgumentSources(t *testing.T) {
	src := header + `
DEFAULTS = {"docker_conn_id": "from_dag", "retries": 2}
common = {"image": "from_mapping:1"}

with DAG("d", default_args=DEFAULTS, start_date=datetime(2024, 1, 1)) as d:
    DockerOperator(task_id="a", image="x")                                  # 0: dag default
    DockerOperator(task_id="b", image="x", docker_conn_id="explicit")       # 1: explicit wins
    with TaskGroup("g", default_args={"docker_conn_id": "from_group"}):
        DockerOperator(task_id="c", image="x")                              # 2: group over dag
        DockerOperator(task_id="d", image="x", default_args={"docker_conn_id": "own"})  # 3: own over group
    DockerOperator(task_id="e", **common)                                   # 4: mapping
    DockerOperator(task_id="f", **unknown_kwargs)                           # 5: open

other = DAG("o", default_args={"docker_conn_id": "other_dag"})
DockerOperator(task_id="g", image="x", dag=other)                           # 6: dag= keyword
DockerOperator(task_id="h", image="x")                                      # 7: no context at module level

def factory():
    return DockerOperator(task_id="i", image="x")                           # 8: runtime context unknown

@dag(default_args={"docker_conn_id": "from_decorator"})
def pipeline():
    DockerOperator(task_id="j", image="x")                                  # 9: @dag default
    DockerOperator.partial(task_id="k").expand(image=["a:1", "b:2"])        # 10: expand mapped

    @task_group(default_args={"docker_conn_id": "tg_deco"})
    def grp():
        DockerOperator(task_id="l", image="x")                              # 11: @task_group default
`
	m := build(t, src)
	if len(m.Calls) != 12 {
		t.Fatalf("got %d calls, want 12", len(m.Calls))
	}
	conn := []string{"from_dag", "explicit", "from_group", "own", "from_dag", "", "other_dag", "<absent>", "<absent>", "from_decorator", "from_decorator", "tg_deco"}
	for i, want := range conn {
		if want == "" {
			continue
		}
		if got := argStr(m, i, "docker_conn_id"); got != want {
			t.Errorf("call %d: docker_conn_id = %q, want %q", i, got, want)
		}
	}
	open := map[int]bool{5: true, 8: true}
	for i, c := range m.Calls {
		if c.Open() != open[i] {
			t.Errorf("call %d: Open() = %v, want %v", i, c.Open(), open[i])
		}
	}
	if !m.Calls[8].MaybeSet("docker_conn_id") || m.Calls[7].MaybeSet("docker_conn_id") {
		t.Error("MaybeSet must follow Open and known arguments")
	}
	if got := argStr(m, 4, "image"); got != "from_mapping:1" {
		t.Errorf("mapping image = %q", got)
	}
	if a := m.Calls[4].Arg("image"); a.Source != FromMapping {
		t.Errorf("mapping source = %v", a.Source)
	}
	if a := m.Calls[0].Arg("docker_conn_id"); a.Source != FromDefaultArgs || m.File.Text(a.Loc()) != `"from_dag"` {
		t.Errorf("default_args arg: source %v at %q", a.Source, m.File.Text(a.Loc()))
	}
	exp := m.Calls[10].Arg("image")
	if exp == nil || !exp.Mapped || len(exp.Candidates()) != 2 || exp.Candidates()[1].Str != "b:2" {
		t.Errorf("expand image: %+v", exp)
	}
}

func TestTaskDockerInvocationContext(t *testing.T) {
	src := header + `
@task.docker(image="x")
def shared():
    pass

@task.docker(image="y")
def never_called():
    pass

with DAG("d", default_args={"docker_conn_id": "c"}):
    shared()
`
	m := build(t, src)
	if len(m.Calls) != 2 {
		t.Fatalf("got %d calls", len(m.Calls))
	}
	if got := argStr(m, 0, "docker_conn_id"); got != "c" {
		t.Errorf("invocation context: docker_conn_id = %q, want c", got)
	}
	if !m.Calls[1].Open() {
		t.Error("a decorated function never called in a known context must be open")
	}
}

func TestShadowingIsNotGuessed(t *testing.T) {
	src := header + `
img = "module:1"
with DAG("d"):
    [DockerOperator(task_id=f"t{img}", image=img) for img in ["a:1", "b:1"]]
    list(map(lambda img: DockerOperator(task_id="x", image=img), ["c:1"]))

def f(img):
    return DockerOperator(task_id="p", image=img)
`
	m := build(t, src)
	if len(m.Calls) != 3 {
		t.Fatalf("got %d calls", len(m.Calls))
	}
	for i := range m.Calls {
		if got := argStr(m, i, "image"); got != "<unknown>" {
			t.Errorf("call %d: image = %q, want unknown (shadowed name)", i, got)
		}
	}
}

func TestValueSources(t *testing.T) {
	src := header + `
import configparser, json
from airflow.models import Variable
from airflow.hooks.base import BaseHook

config = configparser.ConfigParser()
config.read("docker_config.ini")
with open("settings.json") as fh:
    settings = json.load(fh)
conn = BaseHook.get_connection("registry")

DockerOperator(task_id="t", environment={
    "A": os.environ.get("GITLAB_TOKEN"),
    "B": os.getenv("X"),
    "C": config["docker"]["gitlab_token"],
    "D": settings["token"],
    "E": Variable.get("token"),
    "F": conn.password,
    "G": json.load(open("x.json"))["k"],
})
`
	m := build(t, src)
	env := m.Calls[0].Arg("environment").Value
	want := map[string]Kind{"A": EnvRead, "B": EnvRead, "C": FileRead, "D": FileRead, "E": SecretRead, "F": SecretRead, "G": FileRead}
	for k, kind := range want {
		e := env.Get(k)
		if e == nil || e.Value.Kind != kind {
			t.Errorf("%s: got %+v, want kind %v", k, e, kind)
		}
	}
	if e := env.Get("A"); e.Value.Name() != "GITLAB_TOKEN" {
		t.Errorf("env var name = %q", e.Value.Name())
	}
	if e := env.Get("C"); !strings.HasPrefix(m.File.Text(e.Value.Read()), "config.read(") {
		t.Errorf("config read location = %q", m.File.Text(e.Value.Read()))
	}
}

func TestMutatedDictIsPartial(t *testing.T) {
	src := header + `
args = {"owner": "data"}
args["docker_conn_id"] = "gitlab"
other = {"owner": "x"}
other.update(docker_conn_id="gitlab")
kept = {"owner": "y"}

with DAG("a", default_args=args):
    DockerOperator(task_id="t", image="registry.gitlab.com/g/a:1")
with DAG("b", default_args=other):
    DockerOperator(task_id="u", image="registry.gitlab.com/g/a:1")
with DAG("c", default_args=kept):
    DockerOperator(task_id="v", image="registry.gitlab.com/g/a:1")
`
	m := build(t, src)
	if len(m.Calls) != 3 {
		t.Fatalf("got %d calls", len(m.Calls))
	}
	for i, want := range []bool{true, true, false} {
		if got := m.Calls[i].MaybeSet("docker_conn_id"); got != want {
			t.Errorf("call %d: MaybeSet(docker_conn_id) = %v, want %v", i, got, want)
		}
	}
}

func TestDagKeywordNamesEnclosingWithAlias(t *testing.T) {
	src := header + `
with DAG("a", default_args={"docker_conn_id": "conn_a"}) as dag:
    DockerOperator(task_id="t0", image="x", dag=dag)       # 0: the with alias
with DAG("b") as dag:
    DockerOperator(task_id="t1", image="x", dag=dag)       # 1: same alias reused, no default_args
    DockerOperator(task_id="t2", image="x", dag=elsewhere) # 2: unknown DAG object
with DAG("c", default_args={"docker_conn_id": "conn_c"}) as c_dag:
    pass
DockerOperator(task_id="t3", image="x", dag=c_dag)         # 3: alias used after its block
`
	m := build(t, src)
	if len(m.Calls) != 4 {
		t.Fatalf("got %d calls, want 4", len(m.Calls))
	}
	if got := argStr(m, 0, "docker_conn_id"); got != "conn_a" {
		t.Errorf("call 0: docker_conn_id = %q, want conn_a", got)
	}
	if got := argStr(m, 3, "docker_conn_id"); got != "conn_c" {
		t.Errorf("call 3: docker_conn_id = %q, want conn_c", got)
	}
	for i, want := range []bool{false, false, true, false} {
		if got := m.Calls[i].Open(); got != want {
			t.Errorf("call %d: Open() = %v, want %v", i, got, want)
		}
	}
	if m.Calls[1].MaybeSet("docker_conn_id") {
		t.Error("call 1: a DAG without default_args passed as dag= must not leave docker_conn_id open")
	}
}

// TestWalrusRebinds: a name a := expression binds again, in the module or
// in a function, is bound more than once there, so it resolves to nothing;
// in a file without := the same names resolve.
func TestWalrusRebinds(t *testing.T) {
	head := "from airflow.providers.docker.operators.docker import DockerOperator\nIMAGE = \"a:1\"\n"
	tests := []struct {
		body, want string
	}{
		{"DockerOperator(task_id=\"t\", image=IMAGE)\n", "a:1"},
		{"print(IMAGE := pick())\nDockerOperator(task_id=\"t\", image=IMAGE)\n", "<unknown>"},
		{"x = [IMAGE := pick()]\nDockerOperator(task_id=\"t\", image=IMAGE)\n", "<unknown>"},
		{"def f():\n    TAG = \"b:2\"\n    DockerOperator(task_id=\"t\", image=TAG)\n", "b:2"},
		{"def f():\n    TAG = \"b:2\"\n    print(TAG := pick())\n    DockerOperator(task_id=\"t\", image=TAG)\n", "<unknown>"},
	}
	for _, tt := range tests {
		m := build(t, head+tt.body)
		if got := argStr(m, 0, "image"); got != tt.want {
			t.Errorf("%q: image = %q, want %q", tt.body, got, tt.want)
		}
	}
}

// TestEachKeyword checks the keyword sites of each form of operator call:
// the call's, a partial's then its expand's (not an expand_kwargs', which
// are not the operator's), a decorator's; **mappings are no sites; and
// yield returning false stops the walk.
func TestEachKeyword(t *testing.T) {
	m := build(t, `from airflow.decorators import task
from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(task_id="a", image="x", **extra)
DockerOperator.partial(task_id="p", image="y").expand(command=["a", "b"])
DockerOperator.partial(task_id="k").expand_kwargs(kws, extra="x")

@task.docker(image="z", auto_remove="success")
def f():
    pass
`)
	want := []string{
		"task_id call, image call",
		"task_id partial, image partial, command expand",
		"task_id partial",
		"image decorator, auto_remove decorator",
	}
	if len(m.Calls) != len(want) {
		t.Fatalf("%d calls, want %d", len(m.Calls), len(want))
	}
	for i, op := range m.Calls {
		var got []string
		for k := range op.EachKeyword {
			if m.File.Text(k.NameRange) != k.Name || m.File.Text(k.Value.Span()) == "" {
				t.Errorf("call %d: keyword %s at %v, value %v", i, k.Name, k.NameRange, k.Value)
			}
			got = append(got, k.Name+" "+k.Source.String())
		}
		if s := strings.Join(got, ", "); s != want[i] {
			t.Errorf("call %d: keywords %q, want %q", i, s, want[i])
		}
		n := 0
		for range op.EachKeyword {
			n++
			break
		}
		if n != 1 {
			t.Errorf("call %d: %d keywords seen before the break, want 1", i, n)
		}
	}
}

// TestScratchReuse checks that a builder's scratch holds nothing of its
// file once put back, and that a file built after another with the same
// callee names does not see the first one's answers.
func TestScratchReuse(t *testing.T) {
	first := build(t, "from airflow.providers.docker.operators.docker import DockerOperator as Op\nOp(task_id='a', image='x')\nlog.info('x')\n")
	if len(first.Calls) != 1 {
		t.Fatalf("%d calls in the first file, want 1", len(first.Calls))
	}
	second := build(t, "from airflow.operators.bash import BashOperator as Op\nimport airflow\nOp(task_id='a', bash_command='x')\n")
	if len(second.Calls) != 0 {
		t.Errorf("%d calls in the second file, want 0: Op is no Docker operator there", len(second.Calls))
	}

	sc := new(scratch)
	b := &builder{sites: sc.sitesFor(4), kinds: map[string]kindOf{"Op": {ok: true}}}
	b.sites = append(b.sites, callSite{call: &pyparse.Call{}}, callSite{call: &pyparse.Call{}})
	sc.keep(b)
	if len(sc.kinds) != 0 || len(sc.sites) != 0 || cap(sc.sites) < 4 || sc.sites[:2][0].call != nil || sc.sites[:2][1].call != nil {
		t.Errorf("kept scratch: %d answers, sites %v (cap %d), want none with room for 4", len(sc.kinds), sc.sites[:2], cap(sc.sites))
	}
}
