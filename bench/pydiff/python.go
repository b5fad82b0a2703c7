package main

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

//go:embed cpython_dump.py
var dumpScript []byte

// python runs cpython_dump.py with one interpreter.
type python struct {
	exe    string // the interpreter
	script string // cpython_dump.py written to a temporary folder
	dir    string
}

func newPython(exe string) (*python, error) {
	dir, err := os.MkdirTemp("", "pydiff")
	if err != nil {
		return nil, err
	}
	script := filepath.Join(dir, "cpython_dump.py")
	if err := os.WriteFile(script, dumpScript, 0o644); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &python{exe: exe, script: script, dir: dir}, nil
}

func (p *python) close() { os.RemoveAll(p.dir) }

// version returns "3.11.2 (/usr/bin/python3)".
func (p *python) version() string {
	out, err := exec.Command(p.exe, "-c", "import sys; print(sys.version.split()[0], sys.executable)").Output()
	if err != nil {
		return p.exe + " (version unknown: " + err.Error() + ")"
	}
	f := strings.Fields(string(out))
	if len(f) < 2 {
		return strings.TrimSpace(string(out))
	}
	return f[0] + " (" + f[1] + ")"
}

// stream runs the script with args, writes paths to its stdin (one JSON
// string a line) and calls line for each line it prints, in order. It returns
// how many lines were read and whether the process ended badly.
func (p *python) stream(args []string, paths []string, line func([]byte) error) (int, error) {
	cmd := exec.Command(p.exe, append([]string{p.script}, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &limitedWriter{w: &stderr, n: 8 << 10}
	in, err := cmd.StdinPipe()
	if err != nil {
		return 0, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, fmt.Errorf("starting %s: %w", p.exe, err)
	}
	go func() {
		w := bufio.NewWriter(in)
		for _, path := range paths {
			b, _ := json.Marshal(path)
			w.Write(b)
			w.WriteByte('\n')
		}
		w.Flush()
		in.Close()
	}()
	r := bufio.NewReaderSize(out, 1<<20)
	n := 0
	var cbErr error
	for {
		b, err := r.ReadBytes('\n')
		if len(b) > 0 && b[len(b)-1] == '\n' && cbErr == nil {
			cbErr = line(b)
			n++
		}
		if err != nil {
			break
		}
	}
	werr := cmd.Wait()
	if cbErr != nil {
		return n, cbErr
	}
	if werr != nil {
		return n, fmt.Errorf("%s ended: %w: %s", p.exe, werr, lastLines(stderr.String(), 3))
	}
	return n, nil
}

// fileRecord is one line of the script's default mode.
type fileRecord struct {
	Path      string   `json:"path"`
	ReadError string   `json:"read_error"`
	OK        bool     `json:"ok"`
	Error     *pyError `json:"error"`
	Newer     string   `json:"newer"`
	Nodes     []pyNode `json:"nodes"`
	DumpError string   `json:"dump_error"`
	crashed   string   // set by dumpFiles when the interpreter died on this file
}

type pyError struct {
	Kind string `json:"kind"`
	Msg  string `json:"msg"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

// pyNode is [kind, start line, start col, end line, end col].
type pyNode [5]any

// dumpFiles sends paths through the script and calls got for each record in
// order. When the interpreter dies on a file (a crash deep in the parser),
// that file is reported as crashed and a new interpreter takes the rest.
func (p *python) dumpFiles(paths []string, got func(i int, rec *fileRecord)) error {
	for start := 0; start < len(paths); {
		i := start
		n, err := p.stream(nil, paths[start:], func(b []byte) error {
			rec := &fileRecord{}
			if err := json.Unmarshal(b, rec); err != nil {
				return fmt.Errorf("reading the script's output: %w", err)
			}
			got(i, rec)
			i++
			return nil
		})
		start += n
		if err == nil && start >= len(paths) {
			return nil
		}
		if err != nil && !errors.As(err, new(*exec.ExitError)) {
			return err
		}
		if start < len(paths) {
			msg := "interpreter ended without an answer"
			if err != nil {
				msg = err.Error()
			}
			got(start, &fileRecord{Path: paths[start], crashed: msg})
			start++
		}
	}
	return nil
}

type limitedWriter struct {
	w io.Writer
	n int
}

func (l *limitedWriter) Write(b []byte) (int, error) {
	if l.n > 0 {
		k := min(len(b), l.n)
		l.w.Write(b[:k])
		l.n -= k
	}
	return len(b), nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
