package project

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/pyparse"
)

// tree writes files (slash paths relative to a new folder) and returns the folder.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// dagModel writes files into a new project and builds, with its index,
// the model of a DAG file dags/d.py holding src.
func dagModel(t *testing.T, files map[string]string, src string) (*airflow.Model, *pyparse.File) {
	t.Helper()
	dir := tree(t, files)
	f := pyparse.Parse(filepath.Join(dir, "dags", "d.py"), []byte(src))
	return airflow.BuildWith(f, New(dir, dir, nil)), f
}

// image resolves the image of the first operator call of a DAG file
// written at dags/dag.py.
func image(t *testing.T, ix *Index, dir, src string) airflow.Value {
	t.Helper()
	f := pyparse.Parse(filepath.Join(dir, "dags", "dag.py"), []byte("from airflow.providers.docker.operators.docker import DockerOperator\n"+src))
	m := airflow.BuildWith(f, ix)
	if len(m.Calls) == 0 || m.Calls[0].Arg("image") == nil {
		t.Fatalf("no image argument in %q", src)
	}
	return m.Calls[0].Arg("image").Value
}

func TestFindsModulesThePathFinderWay(t *testing.T) {
	dir := tree(t, map[string]string{
		"include/__init__.py":          "",
		"include/images.py":            `IMAGE = "ghcr.io/a/include:1"` + "\n",
		"dags/local.py":                `IMAGE = "ghcr.io/a/dags:1"` + "\n",
		"plugins/pkg/__init__.py":      `IMAGE = "ghcr.io/a/init:1"` + "\n",
		"plugins/pkg.py":               `IMAGE = "ghcr.io/a/shadowed:1"` + "\n",
		"utils.py":                     `IMAGE = "ghcr.io/a/root:1"` + "\n",
		"dags/utils.py":                `IMAGE = "ghcr.io/a/dags-utils:1"` + "\n",
		"dags/ns/a.py":                 `IMAGE = "ghcr.io/a/ns-a:1"` + "\n",
		"plugins/ns/b.py":              `IMAGE = "ghcr.io/a/ns-b:1"` + "\n",
		"plugins/ns/notpython.txt":     "",
		"include/bad-name/__init__.py": `IMAGE = "x"` + "\n",
	})
	ix := New(dir, dir, nil)
	tests := []struct{ src, want string }{
		{"from include.images import IMAGE\nDockerOperator(image=IMAGE)", "ghcr.io/a/include:1"},
		{"from images import IMAGE\nDockerOperator(image=IMAGE)", "ghcr.io/a/include:1"}, // include/ is a root
		{"from local import IMAGE\nDockerOperator(image=IMAGE)", "ghcr.io/a/dags:1"},
		{"from dags.local import IMAGE\nDockerOperator(image=IMAGE)", "ghcr.io/a/dags:1"}, // dags/ as a namespace package of the root
		{"from pkg import IMAGE\nDockerOperator(image=IMAGE)", "ghcr.io/a/init:1"},        // a package wins over pkg.py
		{"from utils import IMAGE\nDockerOperator(image=IMAGE)", ""},                      // in the root and in dags/: ambiguous
		{"from ns.a import IMAGE\nDockerOperator(image=IMAGE)", "ghcr.io/a/ns-a:1"},       // namespace portions of dags/ and plugins/
		{"from ns.b import IMAGE\nDockerOperator(image=IMAGE)", "ghcr.io/a/ns-b:1"},
		{"from ns import b\nDockerOperator(image=b.IMAGE)", "ghcr.io/a/ns-b:1"},
		{"import ns.a, ns.b\nDockerOperator(image=ns.a.IMAGE)", "ghcr.io/a/ns-a:1"},
		{"from ns.notpython import IMAGE\nDockerOperator(image=IMAGE)", ""},
		{"from . import local\nDockerOperator(image=local.IMAGE)", "ghcr.io/a/dags:1"}, // relative to the file's folder
		{"from .local import IMAGE\nDockerOperator(image=IMAGE)", "ghcr.io/a/dags:1"},
		{"from ..include.images import IMAGE\nDockerOperator(image=IMAGE)", "ghcr.io/a/include:1"},
		{"from os import IMAGE\nDockerOperator(image=IMAGE)", ""},
	}
	for _, tt := range tests {
		v := image(t, ix, dir, tt.src)
		got := ""
		if v.Kind == airflow.String {
			got = v.Str
		}
		if got != tt.want {
			t.Errorf("%q: image %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestRelatedLocationPointsIntoTheModule(t *testing.T) {
	dir := tree(t, map[string]string{"include/images.py": "# images\nIMAGE = \"ghcr.io/a/app:latest\"\n"})
	ix := New(dir, dir, nil)
	v := image(t, ix, dir, "from include.images import IMAGE\nDockerOperator(image=IMAGE)")
	if v.Origin() == nil || v.Origin().File == nil {
		t.Fatalf("no origin on %+v", v)
	}
	if got := v.Origin().File.Path; got != "include/images.py" {
		t.Errorf("origin path %q, want include/images.py (relative to the working folder)", got)
	}
	if got := v.Origin().File.Text(v.Origin().Def); got != `"ghcr.io/a/app:latest"` {
		t.Errorf("origin text %q", got)
	}
}

// A run reads only the modules its files import, once each, however many
// workers ask at the same time.
func TestReadsOnlyWhatIsImportedOnce(t *testing.T) {
	files := map[string]string{"include/__init__.py": ""}
	for i := 0; i < 200; i++ {
		files[fmt.Sprintf("include/m%d.py", i)] = fmt.Sprintf("IMAGE = \"ghcr.io/a/m%d:1\"\n", i)
	}
	dir := tree(t, files)
	ix := New(dir, dir, nil)
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := pyparse.Parse(filepath.Join(dir, "dags", "d.py"), []byte("from include.m7 import IMAGE\nfrom include.m9 import IMAGE as B\nx = IMAGE + B\n"))
			m := airflow.BuildWith(f, ix)
			m.Resolve(f.Body[2].(*pyparse.Assign).Value, nil)
		}()
	}
	wg.Wait()
	if got := ix.Reads(); got != 2 { // m7 and m9: nothing asks include/__init__.py for a name
		t.Errorf("read %d modules, want 2", got)
	}
}

// Star imports of a huge package cost one read per module, and the run's
// budget of modules bounds them: reads grow with the package up to it.
func TestHugePackageIsBounded(t *testing.T) {
	reads := func(n, limit int) int {
		files := map[string]string{}
		var init strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&init, "from .m%d import *\n", i)
			files[fmt.Sprintf("include/big/m%d.py", i)] = fmt.Sprintf("V%d = 1\n", i)
		}
		files["include/big/__init__.py"] = init.String()
		dir := tree(t, files)
		ix := New(dir, dir, nil)
		ix.limit = limit
		image(t, ix, dir, "from include.big import IMAGE\nDockerOperator(image=IMAGE)")
		return ix.Reads()
	}
	n, n2 := reads(100, 1000), reads(200, 1000)
	if n < 100 || float64(n2)/float64(n) > 2.2 {
		t.Errorf("reads for 100 modules %d, for 200 %d: want linear", n, n2)
	}
	if got := reads(200, 50); got > 50 {
		t.Errorf("read %d modules with a budget of 50", got)
	}
}

func TestCyclesAndBrokenModules(t *testing.T) {
	dir := tree(t, map[string]string{
		"include/a.py":      "from include.b import X, OK\nY = X\n",
		"include/b.py":      "from include.a import Y as X\nOK = \"ghcr.io/a/ok:1\"\n",
		"include/broken.py": "IMAGE = \"ghcr.io/a/broken:1\"\nif (:\n",
		"include/self.py":   "from include.self import IMAGE\n",
		"include/star1.py":  "from include.star2 import *\n",
		"include/star2.py":  "from include.star1 import *\n",
	})
	ix := New(dir, dir, nil)
	for src, want := range map[string]string{
		"from include.a import Y\nDockerOperator(image=Y)":                 "",
		"from include.a import OK\nDockerOperator(image=OK)":               "ghcr.io/a/ok:1",
		"from include.broken import IMAGE\nDockerOperator(image=IMAGE)":    "",
		"from include.self import IMAGE\nDockerOperator(image=IMAGE)":      "",
		"from include.star1 import IMAGE\nDockerOperator(image=IMAGE)":     "",
		"from include.star1 import *\nDockerOperator(image=IMAGE)":         "",
		"from include import nothing\nDockerOperator(image=nothing.IMAGE)": "",
	} {
		v := image(t, ix, dir, src)
		if got := v.Str; (v.Kind == airflow.String) != (want != "") || got != want {
			t.Errorf("%q: %v %q, want %q", src, v.Kind, got, want)
		}
	}
}

// Forget makes the next import read the changed module again, and only it.
func TestForgetRereadsOnlyTheChangedModule(t *testing.T) {
	dir := tree(t, map[string]string{
		"include/images.py": "IMAGE = \"ghcr.io/a/app:1\"\n",
		"include/other.py":  "OTHER = \"ghcr.io/a/other:1\"\n",
	})
	ix := New(dir, dir, nil)
	src := "from include.images import IMAGE\nfrom include.other import OTHER\nDockerOperator(image=IMAGE + OTHER)"
	if v := image(t, ix, dir, src); v.Str != "ghcr.io/a/app:1ghcr.io/a/other:1" {
		t.Fatalf("before: %q", v.Str)
	}
	p := filepath.Join(dir, "include", "images.py")
	if err := os.WriteFile(p, []byte("IMAGE = \"ghcr.io/a/app:2\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if v := image(t, ix, dir, src); v.Str != "ghcr.io/a/app:1ghcr.io/a/other:1" {
		t.Fatalf("cached: %q", v.Str)
	}
	if !ix.Forget(p) {
		t.Fatal("Forget: the index had not read the module")
	}
	if v := image(t, ix, dir, src); v.Str != "ghcr.io/a/app:2ghcr.io/a/other:1" {
		t.Errorf("after Forget: %q", v.Str)
	}
	if got := ix.Reads(); got != 3 {
		t.Errorf("reads %d, want 3 (two modules, then the changed one again)", got)
	}
	if ix.Forget(filepath.Join(dir, "elsewhere", "x.py")) {
		t.Error("Forget of a file the index never saw reports true")
	}
}

// The index reads nothing outside the project's folders: not above the
// root through relative imports, not through symbolic links.
func TestNothingOutsideTheProject(t *testing.T) {
	outside := tree(t, map[string]string{
		"secret.py":              "IMAGE = \"ghcr.io/a/outside:1\"\n",
		"pkg/m.py":               "IMAGE = \"ghcr.io/a/outside:2\"\n",
		"proj/include/images.py": "IMAGE = \"ghcr.io/a/inside:1\"\n",
	})
	dir := filepath.Join(outside, "proj") // the project's parent holds secret.py
	if err := os.Symlink(filepath.Join(outside, "secret.py"), filepath.Join(dir, "include", "linked.py")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink(filepath.Join(outside, "pkg"), filepath.Join(dir, "include", "pkg")); err != nil {
		t.Fatal(err)
	}
	ix := New(dir, dir, nil)
	for _, src := range []string{
		"from include.linked import IMAGE\nDockerOperator(image=IMAGE)",
		"from include.pkg.m import IMAGE\nDockerOperator(image=IMAGE)",
		"from ... import secret\nDockerOperator(image=secret.IMAGE)", // dags/ -> proj/ -> its parent
		"from ...secret import IMAGE\nDockerOperator(image=IMAGE)",
	} {
		if v := image(t, ix, dir, src); v.Kind == airflow.String {
			t.Errorf("%q resolved to %q from outside the project", src, v.Str)
		}
	}
	if v := image(t, ix, dir, "from ..include.images import IMAGE\nDockerOperator(image=IMAGE)"); v.Str != "ghcr.io/a/inside:1" {
		t.Errorf("a relative import inside the project: %q", v.Str)
	}
	if got := ix.Reads(); got != 1 {
		t.Errorf("read %d modules, want only include/images.py", got)
	}
}

// ImportedName finds the module that defines an imported class, through
// re-exports: what a subclass defined in plugins/ needs.
func TestImportedNameFindsTheDefiningModule(t *testing.T) {
	m, f := dagModel(t, map[string]string{
		"plugins/acme/__init__.py":  "from .operators import *\nfrom .operators import AcmeDockerOperator as Renamed\n",
		"plugins/acme/operators.py": "from airflow.providers.docker.operators.docker import DockerOperator\n\nclass AcmeDockerOperator(DockerOperator):\n    pass\n",
	}, "from acme import AcmeDockerOperator, Renamed\nimport acme.operators as ops\nfrom acme import Missing\nimport os\n"+
		"AcmeDockerOperator\nRenamed\nops.AcmeDockerOperator\nMissing\nos.path\n")
	for i, want := range []string{"AcmeDockerOperator", "AcmeDockerOperator", "AcmeDockerOperator", "", ""} {
		e := f.Body[4+i].(*pyparse.ExprStmt).X
		def, name, ok := m.ImportedName(e)
		if want == "" {
			if ok {
				t.Errorf("%s: found %s in %s", f.Text(e.Span()), name, def.File.Path)
			}
			continue
		}
		if !ok || name != want || filepath.Base(def.File.Path) != "operators.py" {
			t.Errorf("%s: %v %q, want %s in plugins/acme/operators.py", f.Text(e.Span()), ok, name, want)
		}
	}
}

// Resolving imported values costs the same per use however many uses a
// file has: allocations of a file with 2N calls are about twice N's, and
// a value whose text doubles with each name (A1 = A0 + A0, ...) stops at
// the resolution budget instead of growing without bound.
func TestImportedValuesCostGrowsLinearly(t *testing.T) {
	var mod strings.Builder
	mod.WriteString("ARGS = {\n")
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&mod, "    'k%d': 'v%d',\n", i, i)
	}
	mod.WriteString("    'docker_conn_id': 'ghcr',\n}\nA0 = 'x'\n")
	for i := 1; i < 40; i++ {
		fmt.Fprintf(&mod, "A%d = A%d + A%d\n", i, i-1, i-1)
	}
	dir := tree(t, map[string]string{"include/common.py": mod.String()})
	ix := New(dir, dir, nil)
	build := func(n int) float64 {
		var src strings.Builder
		src.WriteString("from airflow import DAG\nfrom airflow.providers.docker.operators.docker import DockerOperator\nfrom include.common import ARGS, A39\n")
		src.WriteString("with DAG('d', default_args=ARGS):\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&src, "    DockerOperator(task_id='t%d', image=A39)\n", i)
		}
		f := pyparse.Parse(filepath.Join(dir, "dags", "d.py"), []byte(src.String()))
		airflow.BuildWith(f, ix) // warm the index
		return testing.AllocsPerRun(3, func() { airflow.BuildWith(f, ix) })
	}
	n, n2 := build(50), build(100)
	if ratio := n2 / n; ratio > 2.5 || ratio < 1.5 {
		t.Errorf("allocations for 50 calls %.0f, for 100 %.0f: ratio %.2f, want about 2", n, n2, ratio)
	}
	f := pyparse.Parse(filepath.Join(dir, "dags", "d.py"), []byte("from include.common import A39\nfrom airflow.providers.docker.operators.docker import DockerOperator\nDockerOperator(image=A39)\n"))
	if v := airflow.BuildWith(f, ix).Calls[0].Arg("image").Value; v.Kind == airflow.String {
		t.Errorf("a value of 2^39 characters resolved (%d characters)", len(v.Str))
	}
}

// A module forgotten and read again (a server, on every save) does not
// use up the run's budget of modules.
func TestForgetGivesTheBudgetBack(t *testing.T) {
	dir := tree(t, map[string]string{"include/images.py": "IMAGE = \"ghcr.io/a/app:1\"\n"})
	ix := New(dir, dir, nil)
	ix.limit = 2
	p := filepath.Join(dir, "include", "images.py")
	for i := 0; i < 5; i++ {
		if v := image(t, ix, dir, "from include.images import IMAGE\nDockerOperator(image=IMAGE)"); v.Str != "ghcr.io/a/app:1" {
			t.Fatalf("read %d: %q", i, v.Str)
		}
		ix.Forget(p)
	}
}

// ImportedQualName follows a re-export through the project to the module
// outside it the name comes from.
func TestImportedQualNameFollowsReexports(t *testing.T) {
	m, f := dagModel(t, map[string]string{
		"include/ops.py":    "from airflow.providers.docker.operators.docker import DockerOperator\nfrom include.local import Local\n",
		"include/deeper.py": "from include.ops import DockerOperator as Docker\n",
		"include/local.py":  "class Local:\n    pass\n",
	}, "from include.ops import DockerOperator, Local\nfrom include.deeper import Docker\nfrom airflow.providers.docker.operators.docker import DockerOperator as Direct\n"+
		"DockerOperator\nDocker\nLocal\nDirect\n")
	for i, want := range []string{
		"airflow.providers.docker.operators.docker.DockerOperator",
		"airflow.providers.docker.operators.docker.DockerOperator",
		"", // defined in the project
		"", // imported directly: the file's own imports say it
	} {
		e := f.Body[3+i].(*pyparse.ExprStmt).X
		if got := m.ImportedQualName(e); got != want {
			t.Errorf("%s: %q, want %q", f.Text(e.Span()), got, want)
		}
	}
}

// countingIndex counts the imports a model asks the index to find.
type countingIndex struct {
	*Index
	imports int
}

func (c *countingIndex) Import(from string, level int, dotted string) *airflow.Module {
	c.imports++
	return c.Index.Import(from, level, dotted)
}

// TestImportedNameFollowedOncePerFile: a DAG file that reads an imported
// name in every operator asks the index for the module once, not once per
// reading, and every reading still resolves.
func TestImportedNameFollowedOncePerFile(t *testing.T) {
	dir := tree(t, map[string]string{
		"plugins/common/__init__.py": "",
		"plugins/common/config.py":   `IMAGE = "ghcr.io/a/common:1"` + "\n",
	})
	asked := func(calls int) int {
		var b strings.Builder
		b.WriteString("from airflow.providers.docker.operators.docker import DockerOperator\nfrom common.config import IMAGE\n")
		for i := 0; i < calls; i++ {
			fmt.Fprintf(&b, "DockerOperator(task_id='t%d', image=IMAGE)\n", i)
		}
		ix := &countingIndex{Index: New(dir, dir, nil)}
		m := airflow.BuildWith(pyparse.Parse(filepath.Join(dir, "dags", "d.py"), []byte(b.String())), ix)
		if len(m.Calls) != calls {
			t.Fatalf("%d calls, want %d", len(m.Calls), calls)
		}
		for i, op := range m.Calls {
			if v := op.Arg("image").Value; v.Str != "ghcr.io/a/common:1" {
				t.Fatalf("call %d: image %q, want the imported one", i, v.Str)
			}
		}
		return ix.imports
	}
	if few, many := asked(5), asked(50); few != many || few == 0 {
		t.Errorf("imports asked for 5 readings: %d, for 50: %d; want the same, not none", few, many)
	}
}
