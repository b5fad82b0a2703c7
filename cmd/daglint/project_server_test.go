package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/server"
)

// TestServerProjectModules: an open DAG file gets the findings of the
// image it imports from include/, with the related location in that
// module; a change to the module on disk (a watched-file event, or a save
// in the editor) re-reads it and re-lints the open file.
func TestServerProjectModules(t *testing.T) {
	c, dir, _ := startServer(t)
	images := filepath.Join(dir, "include", "images.py")
	writeFile(t, dir, "include/images.py", "# images\nETL_IMAGE = 'ghcr.io/acme/etl:latest'\n")
	uri := fileURI(filepath.Join(dir, "dags", "etl.py"))
	openDoc(c, uri, "from airflow.providers.docker.operators.docker import DockerOperator\n"+
		"from include.images import ETL_IMAGE\n"+
		"DockerOperator(task_id='a', image=ETL_IMAGE, docker_conn_id='ghcr')\n")
	diags := c.Diagnostics(uri, 1)
	d := find(t, diags, "DAG102")
	if len(d.RelatedInformation) != 1 {
		t.Fatalf("related %+v, want the definition in include/images.py", d.RelatedInformation)
	}
	rel := d.RelatedInformation[0].Location
	if rel.URI != fileURI(images) || rel.Range.Start.Line != 1 {
		t.Errorf("related location %+v, want line 2 of %s", rel, fileURI(images))
	}

	if err := os.WriteFile(images, []byte("ETL_IMAGE = 'ghcr.io/acme/etl:1.4.0'\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	n := c.Publishes()
	c.Notify("workspace/didChangeWatchedFiles", server.DidChangeWatchedFilesParams{Changes: []server.FileEvent{{URI: fileURI(images), Type: server.FileChanged}}})
	if got := codes(c.Next(uri, n).Diagnostics); strings.Contains(got, "DAG102") {
		t.Errorf("after pinning the imported image: %s, want no DAG102", got)
	}

	if err := os.WriteFile(images, []byte("ETL_IMAGE = 'ghcr.io/acme/etl'\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	n = c.Publishes()
	c.Notify("textDocument/didSave", server.DidSaveTextDocumentParams{TextDocument: server.TextDocumentIdentifier{URI: fileURI(images)}})
	if d := find(t, c.Next(uri, n).Diagnostics, "DAG102"); !strings.Contains(d.Message, "no tag") {
		t.Errorf("after saving the module without a tag: %q", d.Message)
	}
}
