package pyparse

import "testing"

// TestSourceEncoding checks PEP 263 declarations and UTF-8 string literals
// against what CPython 3.11's compile() says of the same bytes.
func TestSourceEncoding(t *testing.T) {
	tests := []struct {
		name, src string
		line      int    // 0: valid
		msg       string // prefix of the first error
	}{
		{"undeclared non-UTF-8 literal", "x = 1\ns = '\xf6'\n", 2, "(unicode error) 'utf-8' codec can't decode byte 0xf6 in position 0: invalid start byte"},
		{"utf-8 declared, non-UTF-8 literal", "# coding: utf-8\nx = 'ab\xc3'\n", 2, "(unicode error) 'utf-8' codec can't decode byte 0xc3 in position 2: unexpected end of data"},
		{"unknown encoding", "# -*- coding: uft-8 -*-\nx=1\n", 1, "unknown encoding: uft-8"},
		{"BOM with another encoding", "\xef\xbb\xbf# coding: latin-1\nx=1\n", 1, "encoding problem: iso-8859-1 with BOM"},
		{"latin-1 literal", "# coding: latin-1\ns = '\xf6'\n", 0, ""},
		{"declaration on the second line", "#!/usr/bin/python\n# vim: set fileencoding=iso-8859-15 :\ns='\xa4'\n", 0, ""},
		{"declaration after code is not read", "x=1\n# coding: latin-1\ns='\xf6'\n", 3, "(unicode error)"},
		{"declaration on the third line is not read", "\n\n# coding: latin-1\nx='\xf6'\n", 4, "(unicode error)"},
		{"non-UTF-8 comment", "x = 1 # \xf6 comment\n", 0, ""},
		{"Python codec names", "# -*- coding: cp1252 -*-\ns = '\x80'\n", 0, ""},
		{"euc_jp", "# coding: euc_jp\nx = 1\n", 0, ""},
		{"utf8 with BOM", "\xef\xbb\xbf# coding: utf8\nprint('x')\n", 1, "encoding problem: utf8 with BOM"},
		{"utf8 without BOM", "# coding: utf8\nx = '\xc3\xa9'\n", 0, ""},
		{"utf-8 with BOM", "\xef\xbb\xbf# coding: utf-8\nx = 'é'\n", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("enc.py", []byte(tt.src))
			if tt.line == 0 {
				for _, e := range f.Errors {
					t.Errorf("unexpected error %q at line %d", e.Msg, f.Lines.Line(e.Start))
				}
				return
			}
			if len(f.Errors) == 0 {
				t.Fatalf("no error, want %q at line %d", tt.msg, tt.line)
			}
			e := f.Errors[0]
			if got := f.Lines.Line(e.Start); got != tt.line || len(e.Msg) < len(tt.msg) || e.Msg[:len(tt.msg)] != tt.msg {
				t.Errorf("first error %q at line %d, want %q at line %d", e.Msg, got, tt.msg, tt.line)
			}
		})
	}
}
