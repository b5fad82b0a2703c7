package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/server"
	"github.com/daglint/daglint/internal/server/servertest"
)

// serverDAG has findings after non-ASCII text on the same line (é is one
// UTF-16 unit in two bytes, the emoji two units in four bytes), a fixable
// typo, a value through a constant (a related location) and an unused
// suppression.
const serverDAG = `from airflow.providers.docker.operators.docker import DockerOperator

IMAGE = "ubuntu:latest"
a = DockerOperator(task_id="é🙂", image="python:latest", force_pul=True)
b = DockerOperator(task_id="b", image=IMAGE, force_pull=True)
c = DockerOperator(task_id="c", image="python:3.12", force_pull=True)  # noqa: DAG101
`

// startServer runs daglint server in-process, without debounce, rooted at
// a new folder, and initializes it.
func startServer(t *testing.T, encodings ...string) (*servertest.Client, string, server.InitializeResult) {
	t.Helper()
	return startServerWith(t, func(p *server.InitializeParams) { p.Capabilities.General.PositionEncodings = encodings })
}

// startServerWith is startServer with initialize parameters set by init.
func startServerWith(t *testing.T, init func(*server.InitializeParams)) (*servertest.Client, string, server.InitializeResult) {
	t.Helper()
	dir := t.TempDir()
	var stderr bytes.Buffer
	c := servertest.Start(t, func(in io.Reader, out io.Writer) int {
		return runServer([]string{"--debounce=0"}, in, out, &stderr)
	})
	var params server.InitializeParams
	params.WorkspaceFolders = []server.WorkspaceFolder{{URI: fileURI(dir), Name: "ws"}}
	params.Capabilities.Workspace.DidChangeWatchedFiles.DynamicRegistration = true
	init(&params)
	var res server.InitializeResult
	c.MustCall("initialize", params, &res)
	c.Notify("initialized", struct{}{})
	return c, dir, res
}

func fileURI(path string) string {
	return "file://" + filepath.ToSlash(path)
}

func openDoc(c *servertest.Client, uri, text string) {
	c.Notify("textDocument/didOpen", server.DidOpenTextDocumentParams{TextDocument: server.TextDocumentItem{
		URI: uri, LanguageID: "python", Version: 1, Text: text,
	}})
}

func changeDoc(c *servertest.Client, uri string, version int32, changes ...server.TextDocumentContentChangeEvent) {
	c.Notify("textDocument/didChange", server.DidChangeTextDocumentParams{
		TextDocument: server.VersionedTextDocumentIdentifier{URI: uri, Version: version}, ContentChanges: changes,
	})
}

func codes(diags []server.Diagnostic) string {
	var out []string
	for _, d := range diags {
		out = append(out, d.Code)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

func find(t *testing.T, diags []server.Diagnostic, code string) server.Diagnostic {
	t.Helper()
	for _, d := range diags {
		if d.Code == code {
			return d
		}
	}
	t.Fatalf("no %s among %s", code, codes(diags))
	return server.Diagnostic{}
}

// rangeOf is the LSP range of the first occurrence of needle in text.
func rangeOf(t *testing.T, text, needle, encoding string) server.Range {
	return rangeAfter(t, text, "", needle, encoding)
}

// rangeAfter is the LSP range of needle where it first follows prefix.
func rangeAfter(t *testing.T, text, prefix, needle, encoding string) server.Range {
	t.Helper()
	i := strings.Index(text, prefix+needle)
	if i < 0 {
		t.Fatalf("%q not in the text", prefix+needle)
	}
	i += len(prefix)
	line := strings.Count(text[:i], "\n")
	ls := strings.LastIndex(text[:i], "\n") + 1
	lt := text[ls:]
	if le := strings.IndexByte(lt, '\n'); le >= 0 {
		lt = lt[:le]
	}
	return server.Range{
		Start: server.Position{Line: line, Character: servertest.Character(lt, i-ls, encoding)},
		End:   server.Position{Line: line, Character: servertest.Character(lt, i-ls+len(needle), encoding)},
	}
}

func TestServerDiagnostics(t *testing.T) {
	c, dir, res := startServer(t)
	if res.Capabilities.PositionEncoding != server.EncodingUTF16 {
		t.Errorf("positionEncoding %q without a client preference, want utf-16", res.Capabilities.PositionEncoding)
	}
	uri := fileURI(filepath.Join(dir, "dag.py"))
	openDoc(c, uri, serverDAG)
	diags := c.Diagnostics(uri, 1)
	if got, want := codes(diags), "DAG002,DAG102,DAG102,DAG202"; got != want {
		t.Fatalf("codes %s, want %s", got, want)
	}
	typo := find(t, diags, "DAG202")
	if want := rangeOf(t, serverDAG, "force_pul=", server.EncodingUTF16); typo.Range.Start != want.Start {
		t.Errorf("DAG202 starts at %+v, want %+v (UTF-16 units after é and an emoji)", typo.Range.Start, want.Start)
	}
	if want := rangeOf(t, serverDAG, "force_pul", server.EncodingUTF16); typo.Range != want {
		t.Errorf("DAG202 range %+v, want %+v", typo.Range, want)
	}
	if typo.Severity != server.SeverityError || typo.Source != "daglint" {
		t.Errorf("DAG202 severity %d source %q, want error from daglint", typo.Severity, typo.Source)
	}
	if typo.CodeDescription == nil || !strings.HasSuffix(typo.CodeDescription.Href, "/docs/rules/DAG202.md") {
		t.Errorf("DAG202 codeDescription %+v, want the rule page", typo.CodeDescription)
	}
	for _, d := range diags {
		switch {
		case d.Code == "DAG102" && d.Range == rangeOf(t, serverDAG, `"python:latest"`, server.EncodingUTF16):
			if d.Severity != server.SeverityWarning || len(d.RelatedInformation) != 0 {
				t.Errorf("literal DAG102: %+v", d)
			}
		case d.Code == "DAG102":
			if d.Range != rangeAfter(t, serverDAG, "image=", "IMAGE", server.EncodingUTF16) ||
				len(d.RelatedInformation) != 1 || d.RelatedInformation[0].Location.URI != uri ||
				d.RelatedInformation[0].Location.Range != rangeOf(t, serverDAG, `"ubuntu:latest"`, server.EncodingUTF16) {
				t.Errorf("DAG102 through a constant: %+v, want the use with the definition as related information", d)
			}
		case d.Code == "DAG002":
			if len(d.Tags) != 1 || d.Tags[0] != server.TagUnnecessary || d.Severity != server.SeverityInformation {
				t.Errorf("DAG002 tags %v severity %d, want Unnecessary, information", d.Tags, d.Severity)
			}
		}
	}

	// An incremental change (ranges in UTF-16) pins the tag on the line with
	// the emoji: that DAG102 goes, the others stay.
	edit := rangeAfter(t, serverDAG, `image="python:`, "latest", server.EncodingUTF16)
	changeDoc(c, uri, 2, server.TextDocumentContentChangeEvent{Range: &edit, Text: "3.12"})
	if got, want := codes(c.Diagnostics(uri, 2)), "DAG002,DAG102,DAG202"; got != want {
		t.Errorf("after pinning the tag: %s, want %s", got, want)
	}
	// A full change to a clean file clears everything.
	changeDoc(c, uri, 3, server.TextDocumentContentChangeEvent{Text: "import os\n"})
	if got := c.Diagnostics(uri, 3); len(got) != 0 {
		t.Errorf("clean text: %s, want none", codes(got))
	}
	changeDoc(c, uri, 4, server.TextDocumentContentChangeEvent{Text: serverDAG})
	c.Diagnostics(uri, 4)
	c.Notify("textDocument/didClose", server.DidCloseTextDocumentParams{TextDocument: server.TextDocumentIdentifier{URI: uri}})
	c.Cleared(uri)

	// Not Python: never linted.
	yamlURI := fileURI(filepath.Join(dir, "conf.yaml"))
	c.Notify("textDocument/didOpen", server.DidOpenTextDocumentParams{TextDocument: server.TextDocumentItem{
		URI: yamlURI, LanguageID: "yaml", Version: 1, Text: "password: hunter2hunter2\n",
	}})
	var h *server.Hover
	c.MustCall("textDocument/hover", server.TextDocumentPositionParams{TextDocument: server.TextDocumentIdentifier{URI: yamlURI}}, &h)
	if h != nil {
		t.Errorf("hover on a YAML document: %+v", h)
	}
	shutdownServer(t, c)
}

func shutdownServer(t *testing.T, c *servertest.Client) {
	t.Helper()
	c.MustCall("shutdown", nil, nil)
	if err := c.Call("textDocument/hover", server.TextDocumentPositionParams{}, nil); err == nil {
		t.Errorf("a request after shutdown succeeded")
	}
	c.Notify("exit", nil)
	if code := c.ExitCode(); code != 0 {
		t.Errorf("exit after shutdown: code %d, want 0", code)
	}
}

func TestServerPositionEncodings(t *testing.T) {
	for _, enc := range []string{server.EncodingUTF8, server.EncodingUTF32, server.EncodingUTF16} {
		t.Run(enc, func(t *testing.T) {
			c, dir, res := startServer(t, enc, server.EncodingUTF16)
			if res.Capabilities.PositionEncoding != enc {
				t.Fatalf("negotiated %q, want %q", res.Capabilities.PositionEncoding, enc)
			}
			uri := fileURI(filepath.Join(dir, "dag.py"))
			openDoc(c, uri, serverDAG)
			typo := find(t, c.Diagnostics(uri, 1), "DAG202")
			if want := rangeOf(t, serverDAG, "force_pul", enc); typo.Range != want {
				t.Errorf("DAG202 range %+v, want %+v", typo.Range, want)
			}
		})
	}
}

// actionNamed returns the code action whose title has the given text.
func actionNamed(t *testing.T, actions []server.CodeAction, text string) server.CodeAction {
	t.Helper()
	var titles []string
	for _, a := range actions {
		if strings.Contains(a.Title, text) {
			return a
		}
		titles = append(titles, a.Title)
	}
	t.Fatalf("no action %q among %q", text, titles)
	return server.CodeAction{}
}

func codeActions(t *testing.T, c *servertest.Client, uri string, r server.Range, only ...string) []server.CodeAction {
	t.Helper()
	var actions []server.CodeAction
	c.MustCall("textDocument/codeAction", server.CodeActionParams{
		TextDocument: server.TextDocumentIdentifier{URI: uri}, Range: r, Context: server.CodeActionContext{Only: only},
	}, &actions)
	return actions
}

func TestServerCodeActions(t *testing.T) {
	c, dir, _ := startServer(t)
	uri := fileURI(filepath.Join(dir, "dag.py"))
	text := serverDAG
	openDoc(c, uri, text)
	diags := c.Diagnostics(uri, 1)
	version := int32(1)
	apply := func(a server.CodeAction) []server.Diagnostic {
		t.Helper()
		edits := servertest.EditsFor(a.Edit, uri)
		if len(edits) == 0 {
			t.Fatalf("action %q edits nothing", a.Title)
		}
		text = servertest.Apply(text, edits, server.EncodingUTF16)
		version++
		changeDoc(c, uri, version, server.TextDocumentContentChangeEvent{Text: text})
		return c.Diagnostics(uri, version)
	}

	typo := find(t, diags, "DAG202")
	actions := codeActions(t, c, uri, typo.Range)
	fixTypo := actionNamed(t, actions, "rename the keyword to force_pull")
	if fixTypo.Kind != server.KindQuickFix || !fixTypo.IsPreferred {
		t.Errorf("safe fix: kind %q preferred %v, want a preferred quickfix", fixTypo.Kind, fixTypo.IsPreferred)
	}
	actionNamed(t, actions, "add # noqa: DAG202")
	actionNamed(t, actions, "add # daglint: ignore[DAG202]")
	if got := codes(apply(fixTypo)); got != "DAG002,DAG102,DAG102" {
		t.Errorf("after the rename fix: %s, want DAG202 gone", got)
	}
	if !strings.Contains(text, "force_pull=True)\nb =") {
		t.Errorf("rename fix did not rename:\n%s", text)
	}

	// Suppress the literal DAG102 with noqa, the one through the constant
	// with daglint: ignore.
	lit := rangeOf(t, text, `"python:latest"`, server.EncodingUTF16)
	apply(actionNamed(t, codeActions(t, c, uri, lit), "add # noqa: DAG102"))
	if !strings.Contains(text, `force_pull=True)  # noqa: DAG102`) {
		t.Errorf("noqa comment not added:\n%s", text)
	}
	useRange := rangeAfter(t, text, "image=", "IMAGE", server.EncodingUTF16)
	got := apply(actionNamed(t, codeActions(t, c, uri, useRange), "add # daglint: ignore[DAG102]"))
	if !strings.Contains(text, "\n# daglint: ignore[DAG102]\nb = ") {
		t.Errorf("ignore comment not added above the line:\n%s", text)
	}
	if codes(got) != "DAG002" {
		t.Errorf("after both suppressions: %s, want only the unused DAG101 suppression", codes(got))
	}
	// The unused suppression's own fix removes it; fix-all does the same.
	unused := find(t, got, "DAG002")
	fixAll := codeActions(t, c, uri, unused.Range, server.KindSourceFixAll)
	if len(fixAll) != 1 || fixAll[0].Kind != server.KindFixAllDaglint {
		t.Fatalf("source.fixAll actions: %+v, want one source.fixAll.daglint", fixAll)
	}
	if got := apply(fixAll[0]); len(got) != 0 {
		t.Errorf("after fix all: %s, want none", codes(got))
	}
	if strings.Contains(text, "DAG101") {
		t.Errorf("fix all left the unused code:\n%s", text)
	}
	shutdownServer(t, c)
}

// TestServerNoqaMergesIntoExistingList also takes the edit as versioned
// documentChanges, as clients that support them get it.
func TestServerNoqaMergesIntoExistingList(t *testing.T) {
	c, dir, _ := startServerWith(t, func(p *server.InitializeParams) { p.Capabilities.Workspace.WorkspaceEdit.DocumentChanges = true })
	uri := fileURI(filepath.Join(dir, "dag.py"))
	text := "from airflow.providers.docker.operators.docker import DockerOperator\n\n" +
		"a = DockerOperator(task_id=\"a\", image=\"python:latest\", force_pull=True)  # noqa: E501 long line\n"
	openDoc(c, uri, text)
	d := find(t, c.Diagnostics(uri, 1), "DAG102")
	a := actionNamed(t, codeActions(t, c, uri, d.Range), "add # noqa: DAG102")
	if a.Edit == nil || len(a.Edit.DocumentChanges) != 1 || a.Edit.DocumentChanges[0].TextDocument.Version == nil ||
		*a.Edit.DocumentChanges[0].TextDocument.Version != 1 {
		t.Errorf("edit %+v, want documentChanges for version 1", a.Edit)
	}
	text = servertest.Apply(text, servertest.EditsFor(a.Edit, uri), server.EncodingUTF16)
	if !strings.HasSuffix(text, "# noqa: E501, DAG102 long line\n") {
		t.Errorf("noqa code not merged into the list:\n%s", text)
	}
	changeDoc(c, uri, 2, server.TextDocumentContentChangeEvent{Text: text})
	if got := c.Diagnostics(uri, 2); len(got) != 0 {
		t.Errorf("after the merged noqa: %s, want none", codes(got))
	}
}

func TestServerHover(t *testing.T) {
	c, dir, _ := startServer(t)
	uri := fileURI(filepath.Join(dir, "dag.py"))
	openDoc(c, uri, serverDAG)
	typo := find(t, c.Diagnostics(uri, 1), "DAG202")
	hover := func(p server.Position) *server.Hover {
		t.Helper()
		var h *server.Hover
		c.MustCall("textDocument/hover", server.TextDocumentPositionParams{TextDocument: server.TextDocumentIdentifier{URI: uri}, Position: p}, &h)
		return h
	}
	h := hover(typo.Range.Start)
	if h == nil || !strings.Contains(h.Contents.Value, "# DAG202: unknown-operator-argument") ||
		!strings.Contains(h.Contents.Value, "## Why is this bad") || h.Range == nil || *h.Range != typo.Range {
		t.Errorf("hover on DAG202: %+v", h)
	}
	code := rangeOf(t, serverDAG, "DAG101", server.EncodingUTF16)
	if h := hover(code.Start); h == nil || !strings.Contains(h.Contents.Value, "# DAG101: image-unqualified") {
		t.Errorf("hover on the noqa code: %+v", h)
	}
	if h := hover(server.Position{Line: 0, Character: 2}); h != nil {
		t.Errorf("hover on an import: %+v, want none", h)
	}
}

func TestServerConfigurationChange(t *testing.T) {
	c, dir, _ := startServer(t)
	regs := c.Registrations()
	if len(regs) == 0 || regs[0].Registrations[0].Method != "workspace/didChangeWatchedFiles" {
		t.Errorf("registrations %+v, want file watchers", regs)
	}
	uri := fileURI(filepath.Join(dir, "dags", "dag.py"))
	openDoc(c, uri, serverDAG)
	if got := codes(c.Diagnostics(uri, 1)); !strings.Contains(got, "DAG102") {
		t.Fatalf("before configuring: %s", got)
	}
	cfgPath := filepath.Join(dir, ".daglint.yaml")
	if err := os.WriteFile(cfgPath, []byte("ignore: [DAG102]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	n := c.Publishes()
	c.Notify("workspace/didChangeWatchedFiles", server.DidChangeWatchedFilesParams{Changes: []server.FileEvent{{URI: fileURI(cfgPath), Type: server.FileCreated}}})
	if got := codes(c.Next(uri, n).Diagnostics); got != "DAG002,DAG202" {
		t.Errorf("after ignoring DAG102: %s, want DAG002,DAG202", got)
	}
	// A broken configuration is shown, not a crash; fixing it recovers.
	if err := os.WriteFile(cfgPath, []byte("ignore: [DAG102\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	n = c.Publishes()
	c.Notify("workspace/didChangeWatchedFiles", server.DidChangeWatchedFilesParams{Changes: []server.FileEvent{{URI: fileURI(cfgPath), Type: server.FileChanged}}})
	c.Log(".daglint.yaml")
	if got := c.Next(uri, n).Diagnostics; len(got) != 0 {
		t.Errorf("with a broken configuration: %s, want none", codes(got))
	}
	if err := os.WriteFile(cfgPath, []byte("select: [DAG102]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	n = c.Publishes()
	c.Notify("workspace/didChangeWatchedFiles", server.DidChangeWatchedFilesParams{Changes: []server.FileEvent{{URI: fileURI(cfgPath), Type: server.FileChanged}}})
	if got := codes(c.Next(uri, n).Diagnostics); got != "DAG102,DAG102" {
		t.Errorf("with select DAG102: %s", got)
	}
}

// TestServerMultiRoot: each workspace folder is its own project. Only the
// first has a connections source, so only there is an undefined
// docker_conn_id reported.
func TestServerMultiRoot(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	settings := "airflow:\n  connections:\n    - conn_id: gitlab_registry\n      conn_type: docker\n      conn_host: registry.gitlab.com\n"
	if err := os.WriteFile(filepath.Join(a, "airflow_settings.yaml"), []byte(settings), 0o644); err != nil {
		t.Fatal(err)
	}
	c := servertest.Start(t, func(in io.Reader, out io.Writer) int {
		return runServer([]string{"--debounce=0"}, in, out, io.Discard)
	})
	var params server.InitializeParams
	params.WorkspaceFolders = []server.WorkspaceFolder{{URI: fileURI(a), Name: "a"}, {URI: fileURI(b), Name: "b"}}
	c.MustCall("initialize", params, nil)
	c.Notify("initialized", struct{}{})
	dag := "from airflow.providers.docker.operators.docker import DockerOperator\n\n" +
		"t = DockerOperator(task_id=\"t\", image=\"registry.gitlab.com/g/etl:1.0\", docker_conn_id=\"gitlab_registy\")\n"
	ua, ub := fileURI(filepath.Join(a, "dags", "x.py")), fileURI(filepath.Join(b, "dags", "x.py"))
	openDoc(c, ua, dag)
	openDoc(c, ub, dag)
	if got := codes(c.Diagnostics(ua, 1)); got != "DAG205" {
		t.Errorf("folder with connections: %s, want DAG205", got)
	}
	if got := codes(c.Diagnostics(ub, 1)); got != "" {
		t.Errorf("folder without connections: %s, want none", got)
	}
	// Without its workspace folder, the file's own folder is where a run
	// would start: no airflow_settings.yaml there.
	n := c.Publishes()
	c.Notify("workspace/didChangeWorkspaceFolders", server.DidChangeWorkspaceFoldersParams{Event: server.WorkspaceFoldersChangeEvent{
		Removed: []server.WorkspaceFolder{{URI: fileURI(a), Name: "a"}},
	}})
	if got := codes(c.Next(ua, n).Diagnostics); got != "" {
		t.Errorf("after removing the folder with connections: %s, want none", got)
	}
}

func TestServerExitWithoutShutdown(t *testing.T) {
	c, _, _ := startServer(t)
	c.Notify("exit", nil)
	if code := c.ExitCode(); code != 1 {
		t.Errorf("exit without shutdown: code %d, want 1", code)
	}
}

func TestServerHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"server", "--help"}, nil, &stdout, &stderr); code != 0 {
		t.Errorf("server --help: exit %d", code)
	}
	if !strings.Contains(stdout.String(), "language server") || stderr.Len() != 0 {
		t.Errorf("server --help: stdout %q stderr %q", stdout.String(), stderr.String())
	}
	if code := run([]string{"server", "extra"}, nil, &stdout, &stderr); code != exitUsage {
		t.Errorf("server with an argument: exit %d, want %d", code, exitUsage)
	}
	// An unknown flag is one line with a suggestion, as for every command.
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"server", "--debounc", "1s"}, nil, &stdout, &stderr); code != exitUsage {
		t.Errorf("server --debounc: exit %d, want %d", code, exitUsage)
	}
	if got := stderr.String(); !strings.Contains(got, "unknown flag --debounc; did you mean --debounce?") || strings.Contains(got, "language server") || stdout.Len() != 0 {
		t.Errorf("server --debounc: stdout %q stderr %q", stdout.String(), got)
	}
}
