package servertest

import (
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/daglint/daglint/internal/server"
)

// Offset converts an LSP position in text to a byte offset, counting
// characters in encoding ("utf-8", "utf-16" or "utf-32"); one that falls
// inside a character means its start. It is written
// apart from the server's conversion so that tests check one against the
// other. Lines end at "\n" ("\r\n" counts as its "\n").
func Offset(text string, p server.Position, encoding string) int {
	off := 0
	for i := 0; i < p.Line; i++ {
		j := strings.IndexByte(text[off:], '\n')
		if j < 0 {
			return len(text)
		}
		off += j + 1
	}
	line := text[off:]
	if j := strings.IndexByte(line, '\n'); j >= 0 {
		line = line[:j]
	}
	line = strings.TrimSuffix(line, "\r")
	units := 0
	for i, r := range line {
		w := len(utf16.Encode([]rune{r}))
		switch encoding {
		case server.EncodingUTF8:
			_, w = utf8.DecodeRuneInString(line[i:]) // 1 for an invalid byte
		case server.EncodingUTF32:
			w = 1
		}
		if units+w > p.Character {
			return off + i // a character inside this one means its start
		}
		units += w
	}
	return off + len(line)
}

// Character returns the LSP character of the byte offset col within line.
func Character(line string, col int, encoding string) int {
	switch encoding {
	case server.EncodingUTF8:
		return col
	case server.EncodingUTF32:
		return utf8.RuneCountInString(line[:col])
	}
	return len(utf16.Encode([]rune(line[:col])))
}

// Apply applies edits (non-overlapping, any order) to text.
func Apply(text string, edits []server.TextEdit, encoding string) string {
	type span struct {
		start, end int
		text       string
	}
	spans := make([]span, 0, len(edits))
	for _, e := range edits {
		spans = append(spans, span{Offset(text, e.Range.Start, encoding), Offset(text, e.Range.End, encoding), e.NewText})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start > spans[j].start })
	for _, s := range spans {
		text = text[:s.start] + s.text + text[s.end:]
	}
	return text
}

// EditsFor returns the edits a WorkspaceEdit makes to uri, from Changes or
// DocumentChanges.
func EditsFor(w *server.WorkspaceEdit, uri string) []server.TextEdit {
	if w == nil {
		return nil
	}
	out := append([]server.TextEdit(nil), w.Changes[uri]...)
	for _, dc := range w.DocumentChanges {
		if dc.TextDocument.URI == uri {
			out = append(out, dc.Edits...)
		}
	}
	return out
}
