package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/daglint/daglint/bench/internal/corpus"
	"github.com/daglint/daglint/internal/pyparse"
)

// startPython returns the script runner, or skips the test when there is no
// CPython 3.11 (the newer-syntax rules are written against its messages).
func startPython(t *testing.T) *python {
	t.Helper()
	exe := corpus.Python()
	out, err := exec.Command(exe, "-c", "import sys; print(sys.version_info[:2] == (3, 11))").Output()
	if err != nil || string(out) != "True\n" {
		t.Skipf("no CPython 3.11 (%s)", exe)
	}
	py, err := newPython(exe)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(py.close)
	return py
}

// dump writes each source to a file and returns the script's records.
func dump(t *testing.T, py *python, srcs map[string]string) map[string]*fileRecord {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for name, src := range srcs {
		p := filepath.Join(dir, name+".py")
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	recs := map[string]*fileRecord{}
	if err := py.dumpFiles(paths, func(i int, rec *fileRecord) { recs[paths[i]] = rec }); err != nil {
		t.Fatal(err)
	}
	out := map[string]*fileRecord{}
	for name := range srcs {
		out[name] = recs[filepath.Join(dir, name+".py")]
	}
	return out
}

// TestNewerSyntax pairs sources 3.11 rejects only for syntax added later
// (classified) with sources every version rejects (not classified).
func TestNewerSyntax(t *testing.T) {
	py := startPython(t)
	cases := map[string]struct{ src, want string }{
		"nested_quote":     {"x = f\"{d[\"k\"]}\"\n", "pep701-fstring"},
		"backslash_nested": {"x = f\"{'\\n'.join(y)}\"\n", "pep701-fstring"},
		"multiline_field":  {"x = f'{a +\n b}'\n", "pep701-fstring"},
		"unclosed_field":   {"x = f'{3'\n", ""},
		"empty_field":      {"x = f'{\\}'\n", ""},
		"bad_conversion":   {"x = f\"{x!z}\"\n", ""},
		"type_alias":       {"type X = int\n", "pep695-type-alias"},
		"generic_def":      {"def f[T](x: T): pass\n", "pep695-generic"},
		"generic_class":    {"class C[T]: pass\n", "pep695-generic"},
		"except_list":      {"try:\n    pass\nexcept A, B:\n    pass\n", "pep758-except"},
		"except_list_as":   {"try:\n    pass\nexcept A, B as e:\n    pass\n", ""},
		"tstring":          {"x = t\"a{b}\"\n", "pep750-tstring"},
		"kw_then_pos":      {"f(a=1, 2)\n", ""},
		"type_call_bad":    {"type(x) = 1\n", ""},
	}
	srcs := map[string]string{}
	for name, c := range cases {
		srcs[name] = c.src
	}
	recs := dump(t, py, srcs)
	for name, c := range cases {
		rec := recs[name]
		if rec == nil || rec.OK {
			t.Errorf("%s: CPython 3.11 accepts %q", name, c.src)
			continue
		}
		if rec.Newer != c.want {
			t.Errorf("%s: newer %q, want %q (error %+v)", name, rec.Newer, c.want, rec.Error)
		}
	}
}

// TestPositionsAgree runs both sides on files whose byte columns differ from
// CPython's UTF-8 columns (a coding declaration, a BOM) and on plain ones.
func TestPositionsAgree(t *testing.T) {
	py := startPython(t)
	srcs := map[string]string{
		"latin1": "# -*- coding: latin-1 -*-\ns = \"caf\xe9\"\nf(a=\"\xe9\xe9\", b=g(\"x\"), **k)\n",
		"bom":    "\xef\xbb\xbff(x=\"\xc3\xa9\", y=h())\n",
		"plain":  "class C(B, metaclass=M):\n    \"\"\"doc\"\"\"\n    x = f(\"a\" \"b\", c=[d(e) for e in g])\n",
	}
	recs := dump(t, py, srcs)
	for name, src := range srcs {
		rec := recs[name]
		if rec == nil || !rec.OK {
			t.Fatalf("%s: CPython rejects it: %+v", name, rec)
		}
		want := pyNodes(rec.Nodes)
		if len(want) == 0 {
			t.Fatalf("%s: CPython lists no node", name)
		}
		got := daglintNodes(pyparse.Parse(name+".py", []byte(src)))
		if m := firstMismatch(want, got); m != "" {
			t.Errorf("%s: %s", name, m)
		}
	}
}
