package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/daglint/daglint/internal/server"
	"github.com/daglint/daglint/internal/server/servertest"
)

// buildDaglint builds the command into a temporary folder.
func buildDaglint(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "daglint")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// syncBuffer is a bytes.Buffer safe for a writer and a later reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Bytes() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]byte(nil), s.b.Bytes()...)
}

// TestServerBinary runs the built command as an editor would: a session
// over its standard input and output, which must carry nothing but
// protocol messages, ending with exit code 0 after shutdown and exit.
func TestServerBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := buildDaglint(t)
	t.Run("session", func(t *testing.T) { binarySession(t, bin) })
	// A real editor: docs/editors/nvim-e2e.sh, when Neovim is installed.
	t.Run("neovim", func(t *testing.T) {
		if _, err := exec.LookPath("nvim"); err != nil {
			t.Skip("nvim is not on PATH")
		}
		cmd := exec.Command("bash", filepath.Join("..", "..", "docs", "editors", "nvim-e2e.sh"))
		cmd.Env = append(os.Environ(), "DAGLINT="+bin)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("nvim-e2e.sh: %v\n%s", err, out)
		}
	})
	// The editor going away without shutdown ends the server with status 1.
	t.Run("end of input", func(t *testing.T) {
		cmd := exec.Command(bin, "server")
		cmd.Stdin = strings.NewReader("")
		cmd.Stdout = io.Discard
		err := cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 {
			t.Errorf("server at end of input: %v, want exit status 1", err)
		}
	})
}

func binarySession(t *testing.T, bin string) {
	dir := t.TempDir()
	cmd := exec.Command(bin, "server")
	cmd.Dir = dir
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var wire syncBuffer
	c := servertest.Connect(t, io.TeeReader(stdout, &wire), stdin)
	var params server.InitializeParams
	params.RootURI = fileURI(dir)
	var res server.InitializeResult
	c.MustCall("initialize", params, &res)
	if res.ServerInfo.Name != "daglint" || res.ServerInfo.Version != fullVersion() {
		t.Errorf("serverInfo %+v", res.ServerInfo)
	}
	c.Notify("initialized", struct{}{})
	uri := fileURI(filepath.Join(dir, "dag.py"))
	openDoc(c, uri, serverDAG)
	if got := codes(c.Diagnostics(uri, 1)); got != "DAG002,DAG102,DAG102,DAG202" {
		t.Errorf("diagnostics %s", got)
	}
	c.MustCall("shutdown", nil, nil)
	c.Notify("exit", nil)
	if err := cmd.Wait(); err != nil {
		t.Errorf("daglint server after shutdown and exit: %v (stderr %s)", err, stderr.Bytes())
	}
	if err := checkFrames(wire.Bytes()); err != nil {
		t.Errorf("standard output is not only protocol messages: %v", err)
	}
}

// checkFrames checks that out is a sequence of LSP messages: a
// Content-Length header, a blank line and that many bytes of JSON-RPC.
func checkFrames(out []byte) error {
	r := bufio.NewReader(bytes.NewReader(out))
	n := 0
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF && line == "" {
			if n == 0 {
				return fmt.Errorf("no message")
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("message %d: %w", n, err)
		}
		size, ok := strings.CutPrefix(line, "Content-Length: ")
		if !ok {
			return fmt.Errorf("message %d: header %q", n, line)
		}
		length, err := strconv.Atoi(strings.TrimSpace(size))
		if err != nil {
			return fmt.Errorf("message %d: %w", n, err)
		}
		if blank, _ := r.ReadString('\n'); blank != "\r\n" {
			return fmt.Errorf("message %d: no blank line after the header", n)
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(r, body); err != nil {
			return fmt.Errorf("message %d: %w", n, err)
		}
		var msg struct {
			JSONRPC string `json:"jsonrpc"`
		}
		if err := json.Unmarshal(body, &msg); err != nil || msg.JSONRPC != "2.0" {
			return fmt.Errorf("message %d is not JSON-RPC 2.0: %q", n, body)
		}
		n++
	}
}
