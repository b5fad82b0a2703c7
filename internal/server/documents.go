package server

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/pyparse"
	"github.com/daglint/daglint/internal/secrets"
	"github.com/daglint/daglint/internal/source"
)

// document is one open document. Its text is never modified in place: each
// change makes a new slice, so a lint may read an old one while the next
// change arrives.
type document struct {
	uri     string
	path    string // absolute OS path the file is linted as
	version int32
	text    []byte
	lines   *source.Lines // of text
	gen     uint64        // bumped by every change
	timer   *time.Timer
	running bool // a lint of this document is in progress
	again   bool // text changed while it ran
	last    *linted
}

// linted is the outcome of linting one generation of a document.
type linted struct {
	gen     uint64
	version int32
	path    string // as linted (slash form)
	text    []byte
	lines   *source.Lines
	diags   []analysis.Diagnostic
	cfg     *FileConfig // nil when the file is not linted
}

// moduleURI is the URI of a project module a related location is in.
func (l *linted) moduleURI(f *pyparse.File) string {
	path := filepath.FromSlash(f.Path)
	if l.cfg != nil && l.cfg.Options.Modules != nil {
		path = l.cfg.Options.Modules.Abs(f.Path)
	}
	return pathToURI(path)
}

// pathToURI converts an absolute OS path into a file URI.
func pathToURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x -> /C:/x
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// isPython reports whether the server lints a document: Python by language
// or by name.
func isPython(languageID, path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return languageID == "python" || ext == ".py" || ext == ".pyi"
}

func (s *Server) didOpen(_ context.Context, params []byte) (any, error) {
	var p DidOpenTextDocumentParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	td := p.TextDocument
	path, ok := uriToPath(td.URI)
	if !ok {
		path = s.untitledPath(td.URI)
	}
	if !isPython(td.LanguageID, path) {
		return nil, nil
	}
	text := []byte(td.Text)
	d := &document{uri: td.URI, path: path, version: td.Version, text: text, lines: source.NewLines(text)}
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.docs[td.URI]; old != nil && old.timer != nil {
		old.timer.Stop()
	}
	s.docs[td.URI] = d
	s.schedule(d)
	return nil, nil
}

func (s *Server) didChange(_ context.Context, params []byte) (any, error) {
	return onOpenDoc(s, params, func(p *DidChangeTextDocumentParams) string { return p.TextDocument.URI },
		func(p *DidChangeTextDocumentParams, d *document) {
			text, lines := d.text, d.lines
			for _, c := range p.ContentChanges {
				text = applyChange(text, lines, c, s.enc)
				lines = source.NewLines(text)
			}
			d.text, d.lines, d.version = text, lines, p.TextDocument.Version
			s.schedule(d)
		})
}

// onOpenDoc decodes a notification about a document and calls f with it
// and the document, with s.mu held; documents not open (or not Python)
// are ignored.
func onOpenDoc[P any](s *Server, params []byte, uri func(*P) string, f func(*P, *document)) (any, error) {
	var p P
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.docs[uri(&p)]; d != nil {
		f(&p, d)
	}
	return nil, nil
}

// applyChange returns a new slice holding text with the change applied.
func applyChange(text []byte, lines *source.Lines, c TextDocumentContentChangeEvent, enc encoding) []byte {
	if c.Range == nil {
		return []byte(c.Text)
	}
	start, end := enc.offset(lines, c.Range.Start), enc.offset(lines, c.Range.End)
	if end < start {
		start, end = end, start
	}
	out := make([]byte, 0, len(text)-(end-start)+len(c.Text))
	out = append(out, text[:start]...)
	out = append(out, c.Text...)
	return append(out, text[end:]...)
}

func (s *Server) didClose(_ context.Context, params []byte) (any, error) {
	return onOpenDoc(s, params, func(p *DidCloseTextDocumentParams) string { return p.TextDocument.URI },
		func(_ *DidCloseTextDocumentParams, d *document) {
			if d.timer != nil {
				d.timer.Stop()
			}
			delete(s.docs, d.uri)
			s.publish(PublishDiagnosticsParams{URI: d.uri, Diagnostics: []Diagnostic{}})
		})
}

// schedule lints d after the debounce delay. s.mu is held.
func (s *Server) schedule(d *document) {
	d.gen++
	if d.timer != nil {
		d.timer.Stop()
	}
	if s.opts.Debounce == 0 {
		go s.refresh(d)
		return
	}
	d.timer = time.AfterFunc(s.opts.Debounce, func() { s.refresh(d) })
}

// stopTimers cancels pending lints.
func (s *Server) stopTimers() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		if d.timer != nil {
			d.timer.Stop()
		}
	}
}

// refresh lints d's latest text and publishes the result, unless a newer
// change or a close came first. One lint of a document runs at a time; a
// change during it makes it go round again.
func (s *Server) refresh(d *document) {
	s.mu.Lock()
	if d.running {
		d.again = true
		s.mu.Unlock()
		return
	}
	d.running = true
	for {
		d.again = false
		snap := *d
		s.mu.Unlock()
		res := s.lintSafely(&snap)
		s.mu.Lock()
		if s.docs[d.uri] != d || s.shutdown {
			break // closed, reopened or shut down meanwhile
		}
		if res.gen == d.gen {
			d.last = res
			s.publish(s.diagnostics(d, res))
		}
		if !d.again {
			break
		}
	}
	d.running = false
	s.mu.Unlock()
}

// current returns the lint of d's latest text, linting it now when the last
// one is stale. s.mu is not held.
func (s *Server) current(uri string) (*linted, encoding, bool) {
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil {
		s.mu.Unlock()
		return nil, 0, false
	}
	enc := s.enc
	if d.last != nil && d.last.gen == d.gen {
		res := d.last
		s.mu.Unlock()
		return res, enc, true
	}
	snap := *d
	s.mu.Unlock()
	res := s.lintSafely(&snap)
	s.mu.Lock()
	if s.docs[uri] == d && d.gen == res.gen {
		d.last = res
	}
	s.mu.Unlock()
	return res, enc, true
}

// lintSafely lints a snapshot of a document; a panic is logged to the
// client and leaves the document without diagnostics.
func (s *Server) lintSafely(d *document) (res *linted) {
	res = &linted{gen: d.gen, version: d.version, path: filepath.ToSlash(d.path), text: d.text, lines: d.lines}
	defer func() {
		if r := recover(); r != nil {
			msg := secrets.Scrub(fmt.Sprintf("internal error while linting %s (please report it): %v", d.path, r))
			s.logger.Printf("%s\n%s", msg, debug.Stack())
			s.logClient(MessageError, msg)
			res.diags, res.cfg = nil, nil
		}
	}()
	cfg, err := s.configFor(d.path, s.rootFor(d.path))
	if err != nil {
		s.reportConfigError(err)
		return res
	}
	if cfg.Excluded {
		return res
	}
	// max-file-size 0 means no limit (the configuration holds the default).
	if max := cfg.Options.MaxFileSize; max > 0 && int64(len(d.text)) > max {
		s.logClient(MessageInfo, fmt.Sprintf("%s: not linted: %d bytes, over the limit of %d (max-file-size)", d.path, len(d.text), cfg.Options.MaxFileSize))
		return res
	}
	out := lint.Source(res.path, d.text, cfg.Options)
	if out.Err != nil {
		s.logClient(MessageInfo, d.path+": "+out.ErrMessage())
	}
	res.cfg = cfg
	res.diags = out.Diagnostics
	return res
}

// publish sends textDocument/publishDiagnostics. s.mu is held, so that a
// close and a late lint cannot publish out of order.
func (s *Server) publish(p PublishDiagnosticsParams) {
	if err := s.conn.Notify(context.Background(), "textDocument/publishDiagnostics", p); err != nil {
		s.logger.Printf("publishing diagnostics for %s: %v", p.URI, err)
	}
}

// relintAll schedules every open document.
func (s *Server) relintAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		s.schedule(d)
	}
}

// rootFor returns the workspace folder holding path (the deepest when they
// nest), else the file's own folder.
func (s *Server) rootFor(path string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	root := ""
	for _, f := range s.folders {
		if rel, err := filepath.Rel(f, path); err == nil && filepath.IsLocal(rel) && len(f) > len(root) {
			root = f
		}
	}
	if root == "" {
		return filepath.Dir(path)
	}
	return root
}

// untitledPath names a document without a file (an unsaved buffer): a file
// in the first workspace folder, so that its configuration applies.
func (s *Server) untitledPath(uri string) string {
	name := uri
	if i := strings.LastIndexAny(name, "/:"); i >= 0 {
		name = name[i+1:]
	}
	if name == "" {
		name = "untitled.py"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	dir := "."
	if len(s.folders) > 0 {
		dir = s.folders[0]
	}
	if abs, err := filepath.Abs(filepath.Join(dir, name)); err == nil {
		return abs
	}
	return filepath.Join(dir, name)
}

func (s *Server) didChangeWorkspaceFolders(_ context.Context, params []byte) (any, error) {
	var p DidChangeWorkspaceFoldersParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	s.mu.Lock()
	removed := map[string]bool{}
	for _, f := range p.Event.Removed {
		if path, ok := uriToPath(f.URI); ok {
			removed[path] = true
		}
	}
	kept := s.folders[:0:0]
	for _, f := range s.folders {
		if !removed[f] {
			kept = append(kept, f)
		}
	}
	for _, f := range p.Event.Added {
		if path, ok := uriToPath(f.URI); ok {
			kept = append(kept, path)
		}
	}
	s.folders = kept
	s.mu.Unlock()
	s.invalidateConfig()
	s.relintAll()
	return nil, nil
}

// uriToPath converts a file URI into an absolute OS path.
func uriToPath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return "", false
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		// file:///C:/x -> C:\x; file://server/share/x -> \\server\share\x
		if u.Host != "" {
			p = "//" + u.Host + p
		} else if len(p) >= 3 && p[0] == '/' && p[2] == ':' {
			p = p[1:]
		}
	}
	if p == "" {
		return "", false
	}
	return filepath.Clean(filepath.FromSlash(p)), true
}
