package pyparse

import (
	"bytes"
	"testing"
)

func TestLoneCR(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int // line of the call, counted as CPython does
		col  int // byte column of the call
	}{
		{"lone CR", "# c\rimport os\rx = DockerOperator(image='a')\r", 3, 5},
		{"lone CR, no final newline", "import os\r\rx = DockerOperator(image='a')", 3, 5},
		{"LF", "# c\nimport os\nx = DockerOperator(image='a')\n", 3, 5},
		{"CRLF", "# c\r\nimport os\r\nx = DockerOperator(image='a')\r\n", 3, 5},
		{"mixed", "# c\r\nimport os\rif x:\n    x = DockerOperator(image='a')  # c\r", 4, 9},
		{"BOM and lone CR", "\xEF\xBB\xBF# c\rx = DockerOperator(image='a')\r", 2, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			f := Parse("cr.py", src)
			if len(f.Errors) > 0 {
				t.Fatalf("unexpected error %q at %d", f.Errors[0].Msg, f.Errors[0].Start)
			}
			if !bytes.Equal(f.Src, []byte(tt.src)) {
				t.Errorf("File.Src is not the original source: %q", f.Src)
			}
			if !bytes.Equal(src, []byte(tt.src)) {
				t.Errorf("Parse changed its input: %q", src)
			}
			call := firstCall(f)
			if call == nil {
				t.Fatalf("no call in %s", dumpFile(f))
			}
			if got := f.Text(call.Range); got != "DockerOperator(image='a')" {
				t.Errorf("call text %q", got)
			}
			if got := f.Lines.Position(call.Start); got.Line != tt.line || got.Column != tt.col {
				t.Errorf("call at %d:%d, want %d:%d", got.Line, got.Column, tt.line, tt.col)
			}
			v, _ := call.Keywords[0].Value.(*Str).Value()
			if v != "a" {
				t.Errorf("image value %q", v)
			}
			// A comment never takes the line terminator, "\r\n" or lone "\r".
			for _, c := range f.Comments {
				if c.Text != "# c" || f.Text(c.Range) != c.Text {
					t.Errorf("comment %q at %v (source %q)", c.Text, c.Range, f.Text(c.Range))
				}
			}
		})
	}
}

func TestLoneCRErrors(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		wantErr bool
		stmts   int // statements of a valid file
	}{
		// A lone CR ends the line, so the string is unterminated (CPython:
		// "unterminated string literal").
		{"CR inside a one-line string", "x = 'a\rb'\r", true, 0},
		{"CR between statements", "x = 'a'\ry = 'b'\r", false, 2},
		{"CR as the only separator", "x = 1\ry = 2", false, 2},
		{"CR inside a triple-quoted string", "x = '''a\rb'''\r", false, 1},
		{"CR after a comment", "x = 1  # a\ry = 2\r", false, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("e.py", []byte(tt.src))
			if got := len(f.Errors) > 0; got != tt.wantErr {
				t.Errorf("errors %v, want error %v", f.Errors, tt.wantErr)
			}
			if !tt.wantErr && len(f.Body) != tt.stmts {
				t.Errorf("%d statements, want %d: %s", len(f.Body), tt.stmts, dumpFile(f))
			}
		})
	}
}

// TestLiteralLineEnds checks string values follow Python's universal
// newlines: a line break inside a literal is "\n" whatever the file uses.
func TestLiteralLineEnds(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"CRLF in triple-quoted", "x = '''a\r\nb'''\r\n", "a\nb"},
		{"lone CR in triple-quoted", "x = '''a\rb'''\r", "a\nb"},
		{"LF in triple-quoted", "x = '''a\nb'''\n", "a\nb"},
		{"escaped CR kept", "x = 'a\\rb'\r\n", "a\rb"},
		{"escaped CRLF kept", "x = 'a\\r\\nb'\n", "a\r\nb"},
		{"continuation over CRLF", "x = 'a\\\r\nb'\r\n", "ab"},
		{"continuation over lone CR", "x = 'a\\\rb'\r", "ab"},
		{"raw continuation over CRLF", "x = r'''a\\\r\nb'''\r\n", "a\\\nb"},
		{"f-string over CRLF", "x = f'''{y}a\r\nb'''\r\n", "\x00a\nb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("s.py", []byte(tt.src))
			if len(f.Errors) > 0 {
				t.Fatalf("unexpected error %q", f.Errors[0].Msg)
			}
			a, ok := f.Body[0].(*Assign)
			if !ok {
				t.Fatalf("not an assignment: %s", dumpFile(f))
			}
			s, ok := a.Value.(*Str)
			if !ok {
				t.Fatalf("not a string: %s", dumpFile(f))
			}
			var got []byte
			for _, p := range s.Parts {
				if p.Expr != nil {
					got = append(got, 0)
					continue
				}
				got = append(got, p.Lit...)
			}
			if string(got) != tt.want {
				t.Errorf("value %q, want %q", got, tt.want)
			}
			if s.End > len(f.Src) || f.Src[s.End-1] != '\'' {
				t.Errorf("string range %v does not end at the closing quote", s.Range)
			}
		})
	}
}
