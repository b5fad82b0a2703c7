package server_test

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/config"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/project"
	"github.com/daglint/daglint/internal/rules"
	"github.com/daglint/daglint/internal/server"
	"github.com/daglint/daglint/internal/server/servertest"
)

// defaults lints every file with the default configuration.
func defaults(string, string) (*server.FileConfig, error) {
	cfg := config.Default(".", rules.All)
	return &server.FileConfig{Options: lint.Options{
		Rules: rules.All, Settings: cfg.Settings(nil), Severity: cfg.Severity, MaxFileSize: 1 << 20,
	}}, nil
}

func start(t testing.TB, configure server.Configurer) *servertest.Client {
	t.Helper()
	c := servertest.Start(t, func(in io.Reader, out io.Writer) int {
		return server.Run(context.Background(), in, out, server.Options{Configure: configure})
	})
	c.MustCall("initialize", server.InitializeParams{}, nil)
	c.Notify("initialized", struct{}{})
	return c
}

func uri(name string) string {
	return "file://" + filepath.ToSlash(filepath.Join(string(filepath.Separator)+"ws", name))
}

func open(c *servertest.Client, u, text string) {
	c.Notify("textDocument/didOpen", server.DidOpenTextDocumentParams{TextDocument: server.TextDocumentItem{URI: u, LanguageID: "python", Version: 1, Text: text}})
}

func change(c *servertest.Client, u string, version int32, changes ...server.TextDocumentContentChangeEvent) {
	c.Notify("textDocument/didChange", server.DidChangeTextDocumentParams{
		TextDocument: server.VersionedTextDocumentIdentifier{URI: u, Version: version}, ContentChanges: changes,
	})
}

const dag = `from airflow.providers.docker.operators.docker import DockerOperator

t = DockerOperator(task_id="t", image="python:latest", force_pull=True)
`

// TestPanicIsRecovered: a handler that panics (here the configuration
// lookup) is logged to the client, and the server goes on serving.
func TestPanicIsRecovered(t *testing.T) {
	var calls atomic.Int32
	c := start(t, func(path, root string) (*server.FileConfig, error) {
		if calls.Add(1) == 1 {
			panic("boom")
		}
		return defaults(path, root)
	})
	open(c, uri("a.py"), dag)
	if l := c.Log("boom"); l.Type != server.MessageError || !strings.Contains(l.Message, "internal error") {
		t.Errorf("log message %+v", l)
	}
	if got := c.Diagnostics(uri("a.py"), 1); len(got) != 0 {
		t.Errorf("diagnostics after a panic: %+v, want none", got)
	}
	open(c, uri("b.py"), dag)
	if got := c.Diagnostics(uri("b.py"), 1); len(got) != 1 || got[0].Code != "DAG102" {
		t.Errorf("diagnostics after recovering: %+v, want DAG102", got)
	}
}

// TestRequestPanicIsRecovered: a request whose handler panics is answered
// with an internal error and logged; the next request is served.
func TestRequestPanicIsRecovered(t *testing.T) {
	c := start(t, defaults)
	err := c.Call("daglint/testPanic", struct{}{}, nil)
	if err == nil || !strings.Contains(err.Error(), "test panic") {
		t.Errorf("panicking request: %v, want an internal error", err)
	}
	if l := c.Log("test panic"); l.Type != server.MessageError {
		t.Errorf("log message %+v", l)
	}
	open(c, uri("a.py"), dag)
	if got := c.Diagnostics(uri("a.py"), 1); len(got) != 1 {
		t.Errorf("after the panic: %+v", got)
	}
}

// imageRule reports every image value with an unsafe and a display-only fix.
var imageRule = &analysis.Rule{
	ID: "DAG999", Name: "test-image", Severity: analysis.Warning,
	Run: func(p *analysis.Pass) error {
		for _, op := range p.Model.Calls {
			if a := op.Arg("image"); a != nil {
				r := a.Loc()
				p.Report(analysis.Diagnostic{Start: r.Start, End: r.End, Message: "image", Fixes: []analysis.SuggestedFix{
					{Message: "pin the image", Applicability: analysis.Unsafe, Edits: []analysis.TextEdit{{Start: r.Start, End: r.End, NewText: `"python:3.12"`}}},
					{Message: "look it up", Applicability: analysis.DisplayOnly, Edits: []analysis.TextEdit{{Start: r.Start, End: r.Start, NewText: "?"}}},
				}})
			}
		}
		return nil
	},
}

// TestUnsafeFixes: an unsafe fix is offered labelled and not preferred, a
// display-only one not at all, and fix-all applies neither.
func TestUnsafeFixes(t *testing.T) {
	c := start(t, func(string, string) (*server.FileConfig, error) {
		return &server.FileConfig{Options: lint.Options{Rules: []*analysis.Rule{imageRule}, Settings: &analysis.Settings{}}}, nil
	})
	open(c, uri("a.py"), dag)
	d := c.Diagnostics(uri("a.py"), 1)
	if len(d) != 1 || d[0].Code != "DAG999" || d[0].CodeDescription != nil {
		t.Fatalf("diagnostics %+v, want DAG999 without a rule page", d)
	}
	var actions []server.CodeAction
	c.MustCall("textDocument/codeAction", server.CodeActionParams{TextDocument: server.TextDocumentIdentifier{URI: uri("a.py")}, Range: d[0].Range}, &actions)
	var titles []string
	for _, a := range actions {
		titles = append(titles, a.Title)
		if strings.Contains(a.Title, "pin the image") && (a.IsPreferred || !strings.Contains(a.Title, "unsafe")) {
			t.Errorf("unsafe fix %+v: want labelled unsafe, not preferred", a)
		}
		if strings.Contains(a.Title, "look it up") || a.Kind == server.KindFixAllDaglint {
			t.Errorf("action %q offered", a.Title)
		}
	}
	if len(titles) != 3 {
		t.Errorf("actions %q, want the unsafe fix and two suppressions", titles)
	}
}

// TestHostileDocuments: half-typed, binary, huge and odd documents and
// requests never take the server down.
func TestHostileDocuments(t *testing.T) {
	c := start(t, defaults)
	docs := map[string]string{
		"half.py":    "from airflow.providers.docker.operators.docker import DockerOperator\n\nt = DockerOperator(task_id=\"t\", image=\"python:lat",
		"binary.py":  "docker\x00\x01\x02\xff\xfe",
		"huge.py":    "# docker\n" + strings.Repeat("x = 'é🙂'\n", 200000),
		"invalid.py": "docker = '\xff\xfe\xc3'\nDockerOperator(image=\"\xc3(\")\n",
		"empty.py":   "",
	}
	for name, text := range docs {
		open(c, uri(name), text)
	}
	for name := range docs {
		got := c.Diagnostics(uri(name), 1)
		if name != "half.py" && len(got) != 0 {
			t.Errorf("%s: %+v, want no diagnostics", name, got)
		}
	}
	if got := c.Diagnostics(uri("half.py"), 1); len(got) == 0 || got[0].Code != "DAG001" {
		t.Errorf("half-typed file: %+v, want DAG001", got)
	}
	c.Log("huge.py") // the size limit is said, not silent
	// Ranges far outside the text, reversed, and in the middle of a
	// character are clamped.
	bad := []server.Range{
		{Start: server.Position{Line: 99, Character: 5}, End: server.Position{Line: 120, Character: 0}},
		{Start: server.Position{Line: 0, Character: 50}, End: server.Position{Line: 0, Character: 2}},
		{Start: server.Position{Line: -3, Character: -1}, End: server.Position{Line: 0, Character: 1 << 30}},
	}
	for i, r := range bad {
		r := r
		change(c, uri("invalid.py"), int32(i+2), server.TextDocumentContentChangeEvent{Range: &r, Text: "🙂"})
		c.Diagnostics(uri("invalid.py"), int32(i+2))
	}
	// Bad params answer with an error; unknown methods too.
	if err := c.Call("textDocument/hover", "not an object", nil); err == nil {
		t.Errorf("hover with bad params succeeded")
	}
	if err := c.Call("textDocument/definition", struct{}{}, nil); err == nil {
		t.Errorf("unsupported method succeeded")
	}
	var actions []server.CodeAction
	c.MustCall("textDocument/codeAction", server.CodeActionParams{TextDocument: server.TextDocumentIdentifier{URI: uri("nothing.py")}}, &actions)
	if len(actions) != 0 {
		t.Errorf("actions for a document not open: %+v", actions)
	}
	open(c, uri("after.py"), dag)
	if got := c.Diagnostics(uri("after.py"), 1); len(got) != 1 {
		t.Errorf("server unhealthy after hostile input: %+v", got)
	}
}

func TestRequestsBeforeInitialize(t *testing.T) {
	c := servertest.Start(t, func(in io.Reader, out io.Writer) int {
		return server.Run(context.Background(), in, out, server.Options{Configure: defaults})
	})
	if err := c.Call("textDocument/hover", server.TextDocumentPositionParams{}, nil); err == nil || !strings.Contains(err.Error(), "initialize") {
		t.Errorf("hover before initialize: %v, want an error", err)
	}
}

// TestMemoryFlatOverEdits compares the live heap after 1,000 and after
// 10,000 edits of one document: the server keeps nothing per edit.
func TestMemoryFlatOverEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 edits")
	}
	c := start(t, defaults)
	u := uri("edits.py")
	open(c, u, dag)
	c.Diagnostics(u, 1)
	version := int32(1)
	edit := func(n int) {
		for i := 0; i < n; i++ {
			version++
			// Alternate between a finding and none, on a line with an emoji.
			tag := "latest"
			if version%2 == 0 {
				tag = "3.12"
			}
			text := strings.Replace(dag, "python:latest", "python:"+tag, 1) + fmt.Sprintf("# 🙂 edit %d\n", version)
			change(c, u, version, server.TextDocumentContentChangeEvent{Text: text})
			if got := c.Diagnostics(u, version); len(got) != int(version%2) {
				t.Fatalf("version %d: %d diagnostics, want %d", version, len(got), version%2)
			}
			c.Forget()
		}
	}
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	edit(1000)
	h1 := heap()
	edit(9000)
	h10 := heap()
	t.Logf("live heap after 1,000 edits %d bytes, after 10,000 %d bytes", h1, h10)
	// Leaking even 1 KB per edit would add 9 MB.
	if h10 > h1+h1/2+4<<20 {
		t.Errorf("heap grew from %d to %d bytes over 9,000 edits", h1, h10)
	}
}

// largeDAG is a DAG file of about n lines with findings spread through it.
func largeDAG(n int) string {
	var b strings.Builder
	b.WriteString("from airflow import DAG\nfrom airflow.providers.docker.operators.docker import DockerOperator\n\n")
	b.WriteString("with DAG(dag_id=\"big\", schedule=None):\n")
	for i := 0; strings.Count(b.String(), "\n") < n; i++ {
		tag := "1.4.2"
		if i%10 == 0 {
			tag = "latest" // one task in ten has a finding
		}
		fmt.Fprintf(&b, "    t%d = DockerOperator(\n        task_id=\"t%d\",  # tâche %d\n        image=\"registry.example.com/team/app%d:%s\",\n        docker_conn_id=\"registry\",\n        force_pull=True,\n    )\n", i, i, i, i, tag)
	}
	return b.String()
}

// BenchmarkRelintAfterChange measures one edit of a 2,000-line DAG file:
// the change sent, the file re-linted and its diagnostics received.
func BenchmarkRelintAfterChange(b *testing.B) {
	c := start(b, defaults)
	u := uri("big.py")
	text := largeDAG(2000)
	open(c, u, text)
	if got := c.Diagnostics(u, 1); len(got) == 0 {
		b.Fatal("no diagnostics in the large DAG")
	}
	cpu0, hasCPU := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := int32(i + 2)
		// Type a space before a keyword argument in the middle of the file,
		// then delete it: both are one change each.
		r := server.Range{Start: server.Position{Line: 1001}, End: server.Position{Line: 1001}}
		ins := " "
		if i%2 == 1 {
			r.End.Character, ins = 1, ""
		}
		change(c, u, v, server.TextDocumentContentChangeEvent{Range: &r, Text: ins})
		if got := c.Diagnostics(u, v); len(got) == 0 || got[0].Code == "DAG001" {
			b.Fatalf("version %d: %+v", v, got[:1])
		}
		c.Forget()
	}
	b.StopTimer()
	// CPU time per change (server and test client together) says what
	// the change costs on a machine shared with other work.
	if cpu1, ok := cpuTime(); ok && hasCPU {
		b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
	}
}

// TestPanicMessageHidesSecrets: a rule that panics quoting the file's text
// is logged to the client as `daglint check` prints it, with the file's
// secrets hidden.
func TestPanicMessageHidesSecrets(t *testing.T) {
	const key = "AKIAZ7Q3RT5KX2M4PLWB"
	quoting := &analysis.Rule{
		ID: "DAG998", Name: "test-panic", Severity: analysis.Warning,
		Run: func(p *analysis.Pass) error { panic("bad line: " + string(p.File.Src)) },
	}
	c := start(t, func(path, root string) (*server.FileConfig, error) {
		cfg, err := defaults(path, root)
		if err == nil {
			cfg.Options.Rules = append([]*analysis.Rule{quoting}, cfg.Options.Rules...)
		}
		return cfg, err
	})
	open(c, uri("a.py"), dag+"aws_key = \""+key+"\"\n")
	l := c.Log("bad line")
	if strings.Contains(l.Message, key) {
		t.Errorf("log message prints the key whole: %q", l.Message)
	}
	if !strings.Contains(l.Message, "internal error") {
		t.Errorf("log message %q, want an internal error", l.Message)
	}
}

// TestHandlerPanicHidesSecrets: a panic outside the lint (here the
// configuration lookup) is logged with anything shaped like a secret hidden.
func TestHandlerPanicHidesSecrets(t *testing.T) {
	const key = "AKIAZ7Q3RT5KX2M4PLWB"
	c := start(t, func(path, root string) (*server.FileConfig, error) {
		panic("cannot read key " + key)
	})
	open(c, uri("a.py"), dag)
	if l := c.Log("cannot read key"); strings.Contains(l.Message, key) || !strings.Contains(l.Message, "internal error") {
		t.Errorf("log message %q, want an internal error without the key", l.Message)
	}
}

// TestProjectModules: a finding whose value comes from another module of
// the project points its related location at that module's file, and
// saving that module (didSave) re-lints the open file with its new text;
// saving a file outside the project re-lints nothing.
func TestProjectModules(t *testing.T) {
	root := t.TempDir()
	images := filepath.Join(root, "include", "images.py")
	write := func(path, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(images, "IMAGE = \"python:latest\"\n")
	outside := filepath.Join(t.TempDir(), "other.py")
	write(outside, "X = 1\n")
	dagPath := filepath.Join(root, "dags", "d.py")
	src := "from airflow.providers.docker.operators.docker import DockerOperator\n" +
		"from include.images import IMAGE\n\n" +
		"t = DockerOperator(task_id=\"t\", image=IMAGE, force_pull=True)\n"
	write(dagPath, src)
	modules := project.New(root, root, nil)
	c := start(t, func(path, r string) (*server.FileConfig, error) {
		cfg, err := defaults(path, r)
		if err == nil {
			cfg.Options.Modules = modules
		}
		return cfg, err
	})
	fileURI := func(p string) string {
		p = filepath.ToSlash(p)
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/x
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	dagURI := fileURI(dagPath)
	open(c, dagURI, src)
	got := c.Diagnostics(dagURI, 1)
	if len(got) != 1 || got[0].Code != "DAG102" {
		t.Fatalf("diagnostics %+v, want one DAG102", got)
	}
	rel := got[0].RelatedInformation
	if len(rel) != 1 || rel[0].Location.URI != fileURI(images) || rel[0].Location.Range.Start.Line != 0 {
		t.Errorf("related locations %+v, want line 0 of %s", rel, fileURI(images))
	}

	// A saved file outside the project, which no index read: nothing to
	// re-lint.
	n := c.Publishes()
	save := func(p string) {
		c.Notify("textDocument/didSave", server.DidSaveTextDocumentParams{TextDocument: server.TextDocumentIdentifier{URI: fileURI(p)}})
	}
	save(outside)
	// The module the DAG imports, saved with a pinned tag: the DAG is
	// linted again, and the finding is gone. Had the first save re-linted,
	// its notification (still DAG102) would come first.
	write(images, "IMAGE = \"python:3.12\"\n")
	save(images)
	if p := c.Next(dagURI, n); len(p.Diagnostics) != 0 {
		t.Errorf("diagnostics after saving the module: %+v, want none", p.Diagnostics)
	}
}
