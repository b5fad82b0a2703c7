"""CPython's side of bench/pydiff: one process for every file.

Modes (all read paths from stdin, or from the file given with --list FILE,
one JSON-encoded path or plain path per line):

    cpython_dump.py              one JSON line per file: verdict of
                                 compile(source_bytes, path, "exec"), the
                                 first error, and for a valid file the
                                 normalised positions of calls, keywords and
                                 string literals
    cpython_dump.py --snippets   one JSON line per snippet pulled out of the
                                 given test files (doctests and the string
                                 arguments of the syntax-checking helpers)
    cpython_dump.py --bench N    times `for src in sources: ast.parse(src)`
                                 N times over the files ast.parse accepts and
                                 prints one JSON object

Positions are 1-based lines and 0-based byte columns in the file as stored:
CPython's col_offset counts UTF-8 bytes of the decoded text, so a file with a
BOM or another coding declaration is converted back to its own bytes.

Normalisation (both sides agree on it; see bench/README.md):
  * a string literal is one node however many pieces it is implicitly
    concatenated from (CPython merges them, daglint's Str covers them all);
  * f-strings are recorded as one node and nothing inside them is compared
    (3.11 gives inner nodes approximate positions);
  * parameter and return annotations and match patterns are skipped:
    daglint's syntax view holds neither.
"""

import ast
import doctest
import io
import json
import re
import sys
import time
import tokenize
import warnings

warnings.simplefilter("ignore")  # SyntaxWarning (invalid escapes ...) is not an error
sys.setrecursionlimit(10000)


_LIST = None  # --list FILE: read the paths from FILE instead of stdin


def read_paths():
    src = open(_LIST, encoding="utf-8") if _LIST else sys.stdin
    for line in src:
        line = line.rstrip("\n")
        if not line:
            continue
        yield json.loads(line) if line.startswith('"') else line


def emit(obj):
    sys.stdout.write(json.dumps(obj, ensure_ascii=True) + "\n")
    sys.stdout.flush()


# ------------------------------------------------------------------ verdicts

def verdict(src, path):
    """Returns (tree or None, error dict or None)."""
    try:
        tree = compile(src, path, "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
        compile(tree, path, "exec", dont_inherit=True)
        return tree, None
    except SyntaxError as e:  # IndentationError and TabError too
        kind = {"IndentationError": "indentation", "TabError": "tab"}.get(type(e).__name__, "syntax")
        return None, {"kind": kind, "msg": str(e.msg), "line": e.lineno or 0, "col": e.offset or 0}
    except ValueError as e:  # NUL bytes in 3.11
        return None, {"kind": "value", "msg": str(e), "line": 0, "col": 0}
    except RecursionError as e:
        return None, {"kind": "recursion", "msg": str(e), "line": 0, "col": 0}
    except MemoryError as e:
        return None, {"kind": "memory", "msg": str(e), "line": 0, "col": 0}


# ------------------------------------------------------------ newer syntax

_MANGLED_NONLOCAL = re.compile(r"no binding for nonlocal '_[A-Za-z0-9]\w*__\w+' found")
_AS = re.compile(r"\bas\b")
_TYPE_ALIAS = re.compile(r"^\s*type\s+[A-Za-z_]\w*\s*[\[=]")
_GENERIC_DEF = re.compile(r"^\s*(async\s+)?def\s+[A-Za-z_]\w*\s*\[")
_GENERIC_CLASS = re.compile(r"^\s*class\s+[A-Za-z_]\w*\s*\[")
_QUOTE = re.compile(r"'''|\"\"\"|'|\"")
_STR_START = re.compile(r"(?<![A-Za-z0-9_])([rRbBuUfFtT]{0,2})('''|\"\"\"|'|\")")


class _Scan:
    """A rough scanner with Python 3.12+ string rules, used only on files that
    CPython 3.11 rejects. It finds t-strings, and f-strings that use what
    PEP 701 allowed (the f-string's own quote, a backslash, a comment or a line
    break inside a replacement field), counting such an f-string only when it
    is complete and each such field's expression compiles on its own."""

    def __init__(self, text):
        self.s = text
        self.spans = []  # (first line, last line, feature)

    def line(self, i):
        return self.s.count("\n", 0, i) + 1

    def run(self):
        s, i = self.s, 0
        while i < len(s):
            c = s[i]
            if c == "#":
                j = s.find("\n", i)
                i = len(s) if j < 0 else j
                continue
            m = _STR_START.match(s, i) if c in "rRbBuUfFtT'\"" else None
            if not m:
                i += 1
                continue
            prefix, q = m.group(1).lower(), m.group(2)
            if "f" in prefix or "t" in prefix:
                start = i
                i, newer, ok = self.fstring(m.end(), q, "r" in prefix)
                feature = ""
                if "t" in prefix:
                    feature = "pep750-tstring"
                elif newer and ok:
                    feature = "pep701-fstring"
                if feature:
                    self.spans.append((self.line(start), self.line(i), feature))
            else:
                i, _ = self.plain(m.end(), q)
        return self.spans

    def plain(self, i, q):
        """Skips a plain string; returns (index after it, holds a backslash)."""
        s, backslash = self.s, False
        while i < len(s):
            if s[i] == "\\":
                backslash = True
                i += 2
                continue
            if s.startswith(q, i):
                return i + len(q), backslash
            if s[i] == "\n" and len(q) == 1:
                return i, backslash
            i += 1
        return i, backslash

    def fstring(self, i, q, raw, in_spec=False):
        """Scans literal text up to the closing quote (in a format spec, up to
        the closing brace). Returns (index after it, uses PEP 701, complete)."""
        s, newer = self.s, False
        while i < len(s):
            c = s[i]
            if c == "\\" and not raw:
                i += 2
                continue
            if in_spec and c == "}":
                return i, newer, True
            if not in_spec and s.startswith(q, i):
                return i + len(q), newer, True
            if c == "\n" and len(q) == 1:
                return i, newer, False
            if c == "{":
                if s.startswith("{{", i) and not in_spec:
                    i += 2
                    continue
                i, n, ok = self.field(i + 1, q, raw)
                if not ok:
                    return i, newer, False
                newer = newer or n
                continue
            i += 1
        return i, newer, False

    def field(self, i, q, raw):
        s, stack, newer, start, expr_end = self.s, [], False, i, -1
        while i < len(s):
            c = s[i]
            if c in "([{":
                stack.append(c)
            elif c in ")]}":
                if stack and stack[-1] == "([{"[")]}".index(c)]:
                    stack.pop()
                elif c == "}":
                    end = expr_end if expr_end >= 0 else i
                    return i + 1, newer and _expr_ok(s[start:end]), True
                else:
                    return i, False, False
            elif c in "!:" and not stack and expr_end < 0 and not s.startswith(c + "=", i):
                expr_end = i
                if c == ":":
                    i, n, ok = self.fstring(i + 1, q, raw, in_spec=True)
                    if not ok:
                        return i, False, False
                    newer = newer or n
                    continue
            elif c == "\\":
                newer = True
            elif c == "#":
                if len(q) == 1:
                    return i, False, False  # the comment eats the rest of the line
                newer = True
                j = s.find("\n", i)
                i = len(s) if j < 0 else j
                continue
            elif c == "\n":
                if len(q) == 1:
                    newer = True
            elif c in "'\"":
                inner = _QUOTE.match(s, i).group(0)
                if inner[0] == q[0] and (len(q) == 1 or len(inner) == 3):
                    newer = True  # the f-string's own quote inside a field
                j = i
                while j > 0 and s[j - 1] in "rRbBuUfFtT":
                    j -= 1
                p = s[j:i].lower()
                if "f" in p or "t" in p:
                    i, n, ok = self.fstring(i + len(inner), inner, "r" in p)
                    if not ok:
                        return i, False, False
                    newer = newer or n or ("t" in p)
                else:
                    i, backslash = self.plain(i + len(inner), inner)
                    newer = newer or backslash  # 3.11 allows none in a field, even in a string
                continue
            i += 1
        return i, False, False


def _expr_ok(text):
    """Whether a replacement field's expression is valid on its own."""
    text = text.rstrip()
    if not text.replace("\\", "").strip():
        return False  # an empty field
    if text.endswith("=") and not text.endswith(("==", "!=", "<=", ">=")):
        text = text[:-1]  # f"{x=}"
    try:
        compile("(" + text + "\n)", "<field>", "eval", dont_inherit=True)
        return True
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False


def newer_syntax(src, err):
    """Names the syntax newer than 3.11 that explains CPython's rejection, or
    returns "". Only called for files CPython rejects."""
    if err["kind"] not in ("syntax", "indentation"):
        return ""
    try:
        text = src.decode("utf-8")
    except UnicodeDecodeError:
        text = src.decode("latin-1")
    lines = text.splitlines()
    ln = err["line"]
    line = lines[ln - 1] if 0 < ln <= len(lines) else ""
    if err["msg"] == "multiple exception types must be parenthesized" and not _AS.search(line):
        return "pep758-except"  # 3.14 still rejects it with `as`
    if _MANGLED_NONLOCAL.match(err["msg"]) and ":=" in line and " for " in line:
        return "py312-mangled-scope"  # 3.11 mangles walrus targets in comprehensions wrongly
    if _TYPE_ALIAS.match(line):
        return "pep695-type-alias"
    if _GENERIC_DEF.match(line) or _GENERIC_CLASS.match(line):
        return "pep695-generic"
    for first, last, feature in _Scan(text).run():
        if first - 1 <= ln <= last + 1:
            return feature
    return ""


def safe_newer(src, err):
    try:
        return newer_syntax(src, err)
    except Exception:  # a heuristic must never stop the run
        return ""


# ----------------------------------------------------------------- positions

class _Cols:
    """Converts CPython's (line, UTF-8 column) into a byte column of the file
    as stored."""

    def __init__(self, src):
        try:
            enc, _ = tokenize.detect_encoding(io.BytesIO(src).readline)
        except SyntaxError:
            enc = "utf-8"
        self.bom = src.startswith(b"\xef\xbb\xbf")
        self.enc = None if enc.replace("_", "-").lower() in ("utf-8", "utf-8-sig") else enc
        self.lines = None
        if self.enc:
            text = src.decode(self.enc, errors="replace")
            self.lines = re.split(r"\r\n|\r|\n", text)

    def col(self, line, col):
        if self.enc is None:
            return col + 3 if self.bom and line == 1 else col
        if not 0 < line <= len(self.lines):
            return col
        prefix = self.lines[line - 1].encode("utf-8")[:col].decode("utf-8", errors="replace")
        return len(prefix.encode(self.enc, errors="replace"))


def nodes(tree, src):
    cols = _Cols(src)
    out = []

    def add(kind, n):
        out.append([kind, n.lineno, cols.col(n.lineno, n.col_offset),
                    n.end_lineno, cols.col(n.end_lineno, n.end_col_offset)])

    stack = [tree]
    while stack:
        n = stack.pop()
        if isinstance(n, ast.JoinedStr):
            add("str", n)
            continue
        if isinstance(n, ast.Constant) and isinstance(n.value, (str, bytes)):
            add("str", n)
            continue
        if isinstance(n, ast.Call):
            add("call", n)
        elif isinstance(n, ast.keyword):
            add("kw", n)
        for field, value in ast.iter_fields(n):
            if field in ("annotation", "returns", "pattern", "type_params") and not isinstance(n, ast.AnnAssign):
                continue
            if isinstance(value, list):
                stack.extend(v for v in value if isinstance(v, ast.AST))
            elif isinstance(value, ast.AST):
                stack.append(value)
    out.sort()
    return out


# --------------------------------------------------------------------- modes

def dump_files():
    for path in read_paths():
        rec = {"path": path}
        try:
            with open(path, "rb") as fh:
                src = fh.read()
        except OSError as e:
            rec["read_error"] = str(e)
            emit(rec)
            continue
        tree, err = verdict(src, path)
        if err is None:
            rec["ok"] = True
            try:
                rec["nodes"] = nodes(tree, src)
            except Exception as e:  # never stop the run; the file is left out of the position check
                rec["dump_error"] = repr(e)
        else:
            rec["ok"] = False
            rec["error"] = err
            rec["newer"] = safe_newer(src, err)
        del tree
        emit(rec)


# Helpers of CPython's test suite whose first string argument is a snippet of
# Python source, valid or not (assertAllRaise takes a list of them).
_HELPERS = {"_check_error", "_check_noerror", "check_syntax_error", "check_syntax_warning",
            "assertSyntaxError", "assert_syntax_error", "assertAllRaise", "check"}


# What the test that owns a snippet expects of the Python it tests (the
# interpreter that wrote the test, maybe newer than this one); "" when the
# helper checks something else (test_grammar's local check()).
_EXPECT = {"_check_error": "error", "check_syntax_error": "error", "assertSyntaxError": "error",
           "assert_syntax_error": "error", "assertAllRaise": "error", "_check_noerror": "ok",
           "check_syntax_warning": "ok"}


class _Examples(doctest.DocTestParser):
    def _find_options(self, source, name, lineno):
        return {}  # options (some copies add their own) do not matter here


def _doc_snippets(text, base_line):
    try:
        examples = _Examples().get_examples(text)
    except ValueError:
        return
    for ex in examples:
        expect = "error" if re.search(r"^(SyntaxError|IndentationError|TabError)\b", ex.want, re.M) else "ok"
        yield {"origin": "doctest", "line": base_line + ex.lineno, "source": ex.source, "expect": expect}


def snippets_of(path):
    with open(path, "rb") as fh:
        src = fh.read()
    try:
        tree = ast.parse(src, path)
    except (SyntaxError, ValueError):
        # Newer than this interpreter: doctests can still be found in the text.
        yield from _doc_snippets(src.decode("utf-8", errors="replace"), 1)
        return
    for n in ast.walk(tree):
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and ">>>" in n.value:
            yield from _doc_snippets(n.value, n.lineno)
        if isinstance(n, ast.Call):
            f = n.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if name not in _HELPERS:
                continue
            if name == "assertAllRaise":
                vals = [v for a in n.args if isinstance(a, (ast.List, ast.Tuple)) for v in a.elts]
            else:
                vals = [a for a in n.args if isinstance(a, ast.Constant) and isinstance(a.value, str)][:1]
            for v in vals:
                if isinstance(v, ast.Constant) and isinstance(v.value, str):
                    expect = _EXPECT.get(name, "")
                    if name == "assertAllRaise" and not (n.args and getattr(n.args[0], "id", "") == "SyntaxError"):
                        expect = ""  # a run-time error, not a syntax error
                    yield {"origin": name, "line": v.lineno, "source": v.value, "expect": expect}


def dump_snippets():
    for path in read_paths():
        try:
            found = list(snippets_of(path))
        except OSError as e:
            emit({"file": path, "read_error": str(e)})
            continue
        for sn in found:
            src = sn["source"].encode("utf-8", errors="surrogatepass")
            tree, err = verdict(src, "<snippet>")
            rec = {"file": path, "line": sn["line"], "origin": sn["origin"], "source": sn["source"],
                   "expect": sn["expect"], "ok": err is None}
            if err is not None:
                rec["error"] = err
                rec["newer"] = safe_newer(src, err)
            del tree
            emit(rec)


def bench(runs):
    used, srcs = [], []
    for path in read_paths():
        try:
            with open(path, "rb") as fh:
                src = fh.read()
            ast.parse(src)
        except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        used.append(path)
        srcs.append(src)
    cpu, wall = [], []
    for _ in range(runs):
        t0, w0 = time.process_time(), time.perf_counter()
        for src in srcs:
            ast.parse(src)
        cpu.append(time.process_time() - t0)
        wall.append(time.perf_counter() - w0)
    emit({"python": sys.version.split()[0], "executable": sys.executable, "files": used,
          "bytes": sum(len(s) for s in srcs), "cpu_seconds": cpu, "wall_seconds": wall})


def main():
    global _LIST
    args = sys.argv[1:]
    if "--list" in args:
        i = args.index("--list")
        _LIST = args[i + 1]
        del args[i:i + 2]
    if args[:1] == ["--snippets"]:
        dump_snippets()
    elif args[:1] == ["--bench"]:
        bench(int(args[1]) if len(args) > 1 else 3)
    else:
        dump_files()


if __name__ == "__main__":
    main()
