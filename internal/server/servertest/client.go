// Package servertest is a Language Server Protocol client for tests: it
// starts a server on pipes, speaks JSON-RPC to it as an editor would, and
// collects what the server sends (diagnostics, log messages), so tests can
// wait for a notification without sleeping.
package servertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/daglint/daglint/internal/server"
)

// Timeout bounds every wait. It only turns a hang into a failure: no test
// asserts how long anything takes.
const Timeout = 60 * time.Second

// Client is one editor connected to one server.
type Client struct {
	t    testing.TB
	conn *jsonrpc2.Conn
	exit chan int // the server's exit code, when it runs in-process

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every notification
	publish []server.PublishDiagnosticsParams
	dropped int // notifications forgotten (Forget)
	logs    []server.LogMessageParams
	regs    []server.RegistrationParams
}

// Serve runs an in-process server: it reads what the client writes and
// writes what the client reads, and returns its exit code.
type Serve func(in io.Reader, out io.Writer) int

// Start starts serve on a pair of pipes and connects a client to it.
func Start(t testing.TB, serve Serve) *Client {
	t.Helper()
	toServer, fromClient := io.Pipe()
	toClient, fromServer := io.Pipe()
	c := Connect(t, toClient, fromClient)
	c.exit = make(chan int, 1)
	go func() {
		code := serve(toServer, fromServer)
		fromServer.Close()
		toServer.Close()
		c.exit <- code
	}()
	t.Cleanup(func() { fromClient.Close() })
	return c
}

// Connect speaks to a server reading from r and writing to w (the pipes of
// a server process, for instance).
func Connect(t testing.TB, r io.Reader, w io.WriteCloser) *Client {
	c := &Client{t: t, changed: make(chan struct{})}
	stream := jsonrpc2.NewBufferedStream(readWriter{r, w}, jsonrpc2.VSCodeObjectCodec{})
	c.conn = jsonrpc2.NewConn(context.Background(), stream, jsonrpc2.HandlerWithError(c.handle))
	t.Cleanup(func() { c.conn.Close() })
	return c
}

type readWriter struct {
	io.Reader
	io.WriteCloser
}

func (c *Client) handle(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	var params []byte
	if req.Params != nil {
		params = *req.Params
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch req.Method {
	case "textDocument/publishDiagnostics":
		var p server.PublishDiagnosticsParams
		if err := json.Unmarshal(params, &p); err != nil {
			c.t.Errorf("bad publishDiagnostics: %v", err)
		}
		c.publish = append(c.publish, p)
	case "window/logMessage", "window/showMessage":
		var p server.LogMessageParams
		if err := json.Unmarshal(params, &p); err != nil {
			c.t.Errorf("bad %s: %v", req.Method, err)
		}
		c.logs = append(c.logs, p)
	case "client/registerCapability":
		var p server.RegistrationParams
		if err := json.Unmarshal(params, &p); err != nil {
			c.t.Errorf("bad registerCapability: %v", err)
		}
		c.regs = append(c.regs, p)
	}
	close(c.changed)
	c.changed = make(chan struct{})
	return nil, nil
}

// Call sends a request and decodes its result into result (which may be nil).
func (c *Client) Call(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	return c.conn.Call(ctx, method, params, result)
}

// MustCall is Call that fails the test on an error.
func (c *Client) MustCall(method string, params, result any) {
	c.t.Helper()
	if err := c.Call(method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// Notify sends a notification.
func (c *Client) Notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// wait blocks until cond, called with c.mu held after each notification,
// returns true.
func (c *Client) wait(what string, cond func() bool) {
	c.t.Helper()
	deadline := time.NewTimer(Timeout)
	defer deadline.Stop()
	for {
		c.mu.Lock()
		ok, ch := cond(), c.changed
		c.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-deadline.C:
			c.t.Fatalf("no %s within %s", what, Timeout)
		}
	}
}

// Diagnostics waits for the diagnostics of version of uri and returns them.
func (c *Client) Diagnostics(uri string, version int32) []server.Diagnostic {
	c.t.Helper()
	var got []server.Diagnostic
	c.wait(fmt.Sprintf("diagnostics for %s version %d", uri, version), func() bool {
		for i := len(c.publish) - 1; i >= 0; i-- {
			p := c.publish[i]
			if p.URI == uri && p.Version != nil && *p.Version == version {
				got = p.Diagnostics
				return true
			}
		}
		return false
	})
	return got
}

// Cleared waits until the last diagnostics published for uri are a
// version-less empty list (what closing a document publishes).
func (c *Client) Cleared(uri string) {
	c.t.Helper()
	c.wait("cleared diagnostics for "+uri, func() bool {
		for i := len(c.publish) - 1; i >= 0; i-- {
			if p := c.publish[i]; p.URI == uri {
				return p.Version == nil && len(p.Diagnostics) == 0
			}
		}
		return false
	})
}

// Log waits for a log or shown message containing text and returns it.
func (c *Client) Log(text string) server.LogMessageParams {
	c.t.Helper()
	var got server.LogMessageParams
	c.wait(fmt.Sprintf("log message containing %q", text), func() bool {
		for _, l := range c.logs {
			if bytes.Contains([]byte(l.Message), []byte(text)) {
				got = l
				return true
			}
		}
		return false
	})
	return got
}

// Registrations waits for a client/registerCapability request and returns them all.
func (c *Client) Registrations() []server.RegistrationParams {
	c.t.Helper()
	var got []server.RegistrationParams
	c.wait("client/registerCapability", func() bool {
		got = append(got[:0], c.regs...)
		return len(got) > 0
	})
	return got
}

// ExitCode waits for the in-process server to return.
func (c *Client) ExitCode() int {
	c.t.Helper()
	select {
	case code := <-c.exit:
		return code
	case <-time.After(Timeout):
		c.t.Fatalf("server did not exit within %s", Timeout)
	}
	return -1
}

// Publishes returns how many diagnostics notifications arrived so far.
func (c *Client) Publishes() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.dropped + len(c.publish)
}

// Next waits for a diagnostics notification for uri after the first n
// notifications (see Publishes) and returns the first such one.
func (c *Client) Next(uri string, n int) server.PublishDiagnosticsParams {
	c.t.Helper()
	var got server.PublishDiagnosticsParams
	c.wait("new diagnostics for "+uri, func() bool {
		for i := n - c.dropped; i < len(c.publish); i++ {
			if i >= 0 && c.publish[i].URI == uri {
				got = c.publish[i]
				return true
			}
		}
		return false
	})
	return got
}

// Forget drops the notifications received so far (long-running tests keep
// the client's memory flat with it); Publishes still counts them.
func (c *Client) Forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropped += len(c.publish)
	c.publish = nil
	c.logs = nil
}
