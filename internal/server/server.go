// Package server is daglint's language server: it speaks the Language
// Server Protocol 3.17 over a byte stream (standard input and output for
// `daglint server`), lints open Python documents from their unsaved text
// with the same driver as `daglint check`, and offers the rules' fixes,
// suppression comments and documentation as code actions and hovers.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"runtime/debug"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/secrets"
)

// DefaultDebounce is how long the server waits after a change before it
// lints, so that typing a word lints once.
const DefaultDebounce = 100 * time.Millisecond

// FileConfig is how one file is linted, as `daglint check` would lint it.
type FileConfig struct {
	Options lint.Options
	// Excluded is true when the configuration excludes the file: it gets
	// no diagnostics.
	Excluded bool
	// Files are the configuration and connections files the configuration
	// was read from (absolute paths); a change to one re-reads it.
	Files []string
}

// Configurer returns the configuration for the file at path (absolute, OS
// form) in the workspace folder root (the folder a command-line run would
// start in). It is the one place the server asks for configuration.
type Configurer func(path, root string) (*FileConfig, error)

// Options configures a server.
type Options struct {
	Configure Configurer
	// Debounce is the delay between a change and its lint; 0 lints at once.
	Debounce time.Duration
	// Log receives the server's own log lines (never standard output);
	// nil discards them.
	Log io.Writer
	// Version is reported in serverInfo.
	Version string
}

// Exit codes of Run.
const (
	ExitOK    = 0 // exit after shutdown
	ExitError = 1 // exit (or end of input) without shutdown
)

// Server is one language server connection.
type Server struct {
	opts   Options
	logger *log.Logger
	conn   *jsonrpc2.Conn
	ready  chan struct{} // closed once conn is set

	mu          sync.Mutex
	initialized bool
	shutdown    bool
	exited      chan int
	enc         encoding
	docChanges  bool
	watchDyn    bool
	folders     []string // workspace folder paths
	docs        map[string]*document

	cfgMu   sync.Mutex
	configs map[string]*configEntry
	shown   map[string]bool // configuration errors already shown
}

// Run serves one client reading from in and writing to out until the client
// sends exit or closes in. It returns ExitOK after shutdown and exit, else
// ExitError.
func Run(ctx context.Context, in io.Reader, out io.Writer, opts Options) int {
	s := newServer(opts)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream := jsonrpc2.NewBufferedStream(&stdio{in: in, out: out}, jsonrpc2.VSCodeObjectCodec{})
	s.conn = jsonrpc2.NewConn(ctx, stream, jsonrpc2.HandlerWithError(s.handle), jsonrpc2.SetLogger(s.logger))
	close(s.ready)
	code := ExitError
	select {
	case code = <-s.exited:
	case <-s.conn.DisconnectNotify():
		s.mu.Lock()
		if s.shutdown {
			code = ExitOK
		}
		s.mu.Unlock()
	case <-ctx.Done():
	}
	s.stopTimers()
	s.conn.Close()
	return code
}

func newServer(opts Options) *Server {
	if opts.Debounce < 0 {
		opts.Debounce = 0
	}
	w := opts.Log
	if w == nil {
		w = io.Discard
	}
	return &Server{
		opts:    opts,
		logger:  log.New(w, "daglint server: ", log.LstdFlags),
		exited:  make(chan int, 1),
		ready:   make(chan struct{}),
		docs:    map[string]*document{},
		configs: map[string]*configEntry{},
		shown:   map[string]bool{},
	}
}

// stdio joins a reader and a writer into the stream jsonrpc2 wants.
type stdio struct {
	in  io.Reader
	out io.Writer
}

func (s *stdio) Read(p []byte) (int, error)  { return s.in.Read(p) }
func (s *stdio) Write(p []byte) (int, error) { return s.out.Write(p) }
func (s *stdio) Close() error {
	var errs []error
	if c, ok := s.in.(io.Closer); ok {
		errs = append(errs, c.Close())
	}
	if c, ok := s.out.(io.Closer); ok {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

// handle dispatches one message. A panic in a handler is a bug in daglint:
// it is logged to the client and answered as an internal error, and the
// server goes on.
func (s *Server) handle(ctx context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (result any, err error) {
	<-s.ready // the connection starts reading before Run has stored it
	defer func() {
		if r := recover(); r != nil {
			msg := secrets.Scrub(fmt.Sprintf("internal error in %s (please report it): %v", req.Method, r))
			s.logger.Printf("%s\n%s", msg, debug.Stack())
			s.logClient(MessageError, msg)
			result, err = nil, &jsonrpc2.Error{Code: codeInternalError, Message: msg}
		}
	}()
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case req.Method == "exit":
		s.exit()
		return nil, nil
	case shutdown:
		return nil, &jsonrpc2.Error{Code: codeInvalidRequest, Message: "the server is shut down"}
	case !initialized && req.Method != "initialize":
		if req.Notif {
			return nil, nil // notifications before initialize are dropped
		}
		return nil, &jsonrpc2.Error{Code: codeServerNotInitialized, Message: "initialize first"}
	}
	h, ok := handlers[req.Method]
	if !ok {
		if req.Notif {
			return nil, nil // unknown notifications are ignored ($/cancelRequest, ...)
		}
		return nil, &jsonrpc2.Error{Code: codeMethodNotFound, Message: "method not supported: " + req.Method}
	}
	return h(s, ctx, rawParams(req.Params))
}

// handlers maps a method to its handler.
var handlers = map[string]func(*Server, context.Context, []byte) (any, error){
	"initialize":                          (*Server).initialize,
	"initialized":                         (*Server).didInitialize,
	"shutdown":                            (*Server).doShutdown,
	"textDocument/didOpen":                (*Server).didOpen,
	"textDocument/didChange":              (*Server).didChange,
	"textDocument/didClose":               (*Server).didClose,
	"textDocument/didSave":                (*Server).didSave,
	"textDocument/codeAction":             (*Server).codeAction,
	"textDocument/hover":                  (*Server).hover,
	"workspace/didChangeWatchedFiles":     (*Server).didChangeWatchedFiles,
	"workspace/didChangeWorkspaceFolders": (*Server).didChangeWorkspaceFolders,
	"workspace/didChangeConfiguration":    func(*Server, context.Context, []byte) (any, error) { return nil, nil },
}

// decode unmarshals params, answering bad ones with InvalidParams.
func decode(params []byte, v any) error {
	if err := json.Unmarshal(params, v); err != nil {
		return &jsonrpc2.Error{Code: codeInvalidParams, Message: "invalid params: " + err.Error()}
	}
	return nil
}

func (s *Server) initialize(_ context.Context, params []byte) (any, error) {
	var p InitializeParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	enc, name := negotiate(p.Capabilities.General.PositionEncodings)
	var folders []string
	for _, f := range p.WorkspaceFolders {
		if path, ok := uriToPath(f.URI); ok {
			folders = append(folders, path)
		}
	}
	if len(folders) == 0 {
		if path, ok := uriToPath(p.RootURI); ok {
			folders = append(folders, path)
		} else if p.RootPath != "" {
			folders = append(folders, p.RootPath)
		}
	}
	s.mu.Lock()
	s.initialized = true
	s.enc = enc
	s.docChanges = p.Capabilities.Workspace.WorkspaceEdit.DocumentChanges
	s.watchDyn = p.Capabilities.Workspace.DidChangeWatchedFiles.DynamicRegistration
	s.folders = folders
	s.mu.Unlock()
	var caps ServerCapabilities
	caps.PositionEncoding = name
	caps.TextDocumentSync = TextDocumentSyncOptions{OpenClose: true, Change: syncIncremental}
	caps.CodeActionProvider = CodeActionOptions{CodeActionKinds: []string{KindQuickFix, KindFixAllDaglint}}
	caps.HoverProvider = true
	caps.Workspace.WorkspaceFolders.Supported = true
	caps.Workspace.WorkspaceFolders.ChangeNotifications = true
	return InitializeResult{Capabilities: caps, ServerInfo: ServerInfo{Name: "daglint", Version: s.opts.Version}}, nil
}

// didInitialize asks the client to watch the files configuration is read
// from, when it can watch for the server.
func (s *Server) didInitialize(ctx context.Context, _ []byte) (any, error) {
	s.mu.Lock()
	dyn := s.watchDyn
	s.mu.Unlock()
	if !dyn {
		return nil, nil
	}
	var watchers []FileSystemWatcher
	for _, g := range watchGlobs {
		watchers = append(watchers, FileSystemWatcher{GlobPattern: g})
	}
	params := RegistrationParams{Registrations: []Registration{{
		ID: "daglint-config-files", Method: "workspace/didChangeWatchedFiles",
		RegisterOptions: DidChangeWatchedFilesRegistrationOptions{Watchers: watchers},
	}}}
	// The answer comes through the read loop this handler runs on: do not
	// wait for it here.
	if _, err := s.conn.DispatchCall(ctx, "client/registerCapability", params); err != nil {
		s.logger.Printf("registering file watchers: %v", err)
	}
	return nil, nil
}

func (s *Server) doShutdown(context.Context, []byte) (any, error) {
	s.mu.Lock()
	s.shutdown = true
	s.mu.Unlock()
	s.stopTimers()
	return nil, nil
}

// exit ends Run: with ExitOK after shutdown, else ExitError.
func (s *Server) exit() {
	s.mu.Lock()
	code := ExitError
	if s.shutdown {
		code = ExitOK
	}
	s.mu.Unlock()
	select {
	case s.exited <- code:
	default:
	}
}

// logClient sends window/logMessage; failures only go to the log.
func (s *Server) logClient(typ int, msg string) {
	if err := s.conn.Notify(context.Background(), "window/logMessage", LogMessageParams{Type: typ, Message: msg}); err != nil {
		s.logger.Printf("window/logMessage: %v", err)
	}
}

// showClient sends window/showMessage (and logs it).
func (s *Server) showClient(typ int, msg string) {
	s.logClient(typ, msg)
	if err := s.conn.Notify(context.Background(), "window/showMessage", LogMessageParams{Type: typ, Message: msg}); err != nil {
		s.logger.Printf("window/showMessage: %v", err)
	}
}
