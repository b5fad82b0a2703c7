// Package pyparse parses Python source files with tree-sitter and converts
// the tree into daglint's own small syntax view (File, statements,
// expressions, comments, line table). It is the only package that imports
// tree-sitter.
package pyparse

import (
	"bytes"
	"sort"

	"github.com/daglint/daglint/internal/source"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Parse parses src, the content of the file at path. It never fails: syntax
// errors are listed in File.Errors and the parts of the file tree-sitter
// recovered are still converted. Positions are byte offsets into src, even
// when src starts with a UTF-8 byte order mark.
//
// A lone "\r" ends a line, as in CPython's tokenizer (old Mac files);
// tree-sitter knows only "\n", so such a file is parsed as a copy with each
// lone "\r" turned into "\n". The copy has the same length, so every
// offset is valid in src; File.Src stays the original bytes. Names, comments
// and string values come from the copy, which is what Python sees after its
// universal-newline translation (see decodeLiteral for "\r\n").
func (p *Parser) Parse(path string, src []byte) *File {
	f := &File{Path: path, Src: src, Lines: source.NewLines(src)}
	if len(src) > maxSource {
		f.Errors = append(f.Errors, SyntaxError{Msg: "file too large to parse"})
		return f
	}
	src = withoutLoneCR(src)
	shift := 0
	if bytes.HasPrefix(src, utf8BOM) {
		shift = len(utf8BOM)
	}
	str := string(src)
	budget := 4*len(src) + 64<<10 // bytes re-parsing may spend
	var firstErr *SyntaxError     // the whole-file parse's first top-level error
	pos := shift
	for seg := 0; pos < len(src) || seg == 0; seg++ {
		nodes := p.parseRaw(src, pos, len(src))
		if len(nodes) == 0 {
			break
		}
		c := &conv{t: tables(), n: nodes, src: src, s: str, limit: len(nodes)}
		errAt, top, resync := -1, -1, -1
		if seg < maxSegments && budget > 0 {
			errAt, top = c.firstTopLevelError()
		}
		if errAt >= 0 {
			resync = nextTopLevelLine(src, int(nodes[errAt].start))
			if seg == 0 {
				firstErr = &SyntaxError{Range: c.firstLine(errAt), Msg: c.errorMsg(errAt)}
			}
		}
		if resync < 0 {
			f.Body = append(f.Body, c.body(0)...)
			c.scan(f)
			break
		}
		// Keep what precedes the error, parse the broken region on its own
		// and start again at the next line that opens a top-level statement.
		errStart := int(nodes[top].start)
		if top > 0 {
			c.limit = top
			f.Body = append(f.Body, c.body(0)...)
			c.scan(f)
		}
		if rn := p.parseRaw(src, errStart, resync); len(rn) > 0 {
			rc := &conv{t: tables(), n: rn, src: src, s: str, limit: len(rn)}
			f.Body = append(f.Body, rc.body(0)...)
			rc.scan(f)
		}
		budget -= len(src) - pos + resync - errStart
		pos = resync
	}
	if len(f.Errors) == 0 && firstErr != nil {
		// The pieces parsed cleanly on their own; the file as a whole did not.
		f.Errors = append(f.Errors, *firstErr)
	}
	sort.SliceStable(f.Errors, func(i, j int) bool { return f.Errors[i].Start < f.Errors[j].Start })
	sort.SliceStable(f.Comments, func(i, j int) bool { return f.Comments[i].Start < f.Comments[j].Start })
	return f
}

// withoutLoneCR returns src, or a copy of it in which every "\r" not
// followed by "\n" is a "\n" when there is one.
func withoutLoneCR(src []byte) []byte {
	i := loneCR(src, 0)
	if i < 0 {
		return src
	}
	out := bytes.Clone(src)
	for ; i >= 0; i = loneCR(out, i+1) {
		out[i] = '\n'
	}
	return out
}

// loneCR returns the offset of the first "\r" at or after from that is not
// followed by "\n", or -1.
func loneCR(src []byte, from int) int {
	for from < len(src) {
		j := bytes.IndexByte(src[from:], '\r')
		if j < 0 {
			return -1
		}
		at := from + j
		if at+1 >= len(src) || src[at+1] != '\n' {
			return at
		}
		from = at + 2
	}
	return -1
}

// maxSegments bounds how often one file is split at top-level statements
// after syntax errors.
const maxSegments = 32

// firstTopLevelError finds the first ERROR node and returns its index and
// the index of the top-level statement holding it (0 when that is the
// root), or -1, -1.
func (c *conv) firstTopLevelError() (errAt, top int) {
	for i := range c.n {
		if c.n[i].sym != errorSymbol {
			continue
		}
		top = i
		for top != 0 && c.n[top].parent != 0 {
			top = int(c.n[top].parent)
		}
		return i, top
	}
	return -1, -1
}

// nextTopLevelLine returns the offset of the first line after the one
// holding off that starts, at column 0, something that can open a new
// statement (not a comment, a closing bracket or a clause such as else), or
// -1.
func nextTopLevelLine(src []byte, off int) int {
	for i := off; i < len(src); i++ {
		if src[i] != '\n' && src[i] != '\r' {
			continue
		}
		j := i + 1
		if j >= len(src) {
			return -1
		}
		switch b := src[j]; {
		case b == ' ' || b == '\t' || b == '\f' || b == '\n' || b == '\r' || b == '#':
			continue
		case b == ')' || b == ']' || b == '}' || b == ',' || b == '.' || b == ':' || b == '=':
			continue
		}
		rest := src[j:]
		if hasKeyword(rest, "else") || hasKeyword(rest, "elif") || hasKeyword(rest, "except") || hasKeyword(rest, "finally") {
			continue
		}
		return j
	}
	return -1
}

// hasKeyword reports whether b starts with the keyword kw as a whole word.
func hasKeyword(b []byte, kw string) bool {
	if !bytes.HasPrefix(b, []byte(kw)) {
		return false
	}
	if len(b) == len(kw) {
		return true
	}
	n := b[len(kw)]
	return !(n == '_' || n >= 'a' && n <= 'z' || n >= 'A' && n <= 'Z' || n >= '0' && n <= '9' || n >= 0x80)
}
