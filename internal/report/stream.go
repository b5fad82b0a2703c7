package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// streamPlaceholder stands for the streamed array in a document's skeleton.
const streamPlaceholder = "\x00daglint-stream\x00"

// writeStreamed writes doc as indented JSON (two spaces, no HTML escaping,
// a final newline) in which the one string value streamPlaceholder is
// replaced by a JSON array of n elements, elem(i) giving each. The bytes are
// those encoding the whole document at once would give, but only one
// element is held in memory at a time: a report of 50,000 findings is not
// built three times over before the first byte is written.
func writeStreamed(w io.Writer, doc any, n int, elem func(i int) (any, error)) error {
	skeleton, err := encodeIndented(doc, "")
	if err != nil {
		return err
	}
	mark, err := encodeIndented(streamPlaceholder, "")
	if err != nil {
		return err
	}
	mark = bytes.TrimSuffix(mark, []byte("\n"))
	at := bytes.Index(skeleton, mark)
	if at < 0 || bytes.Count(skeleton, mark) != 1 {
		return fmt.Errorf("internal error: the streamed array's place is not marked once")
	}
	line := skeleton[bytes.LastIndexByte(skeleton[:at], '\n')+1 : at] // `    "results": `
	indent := string(line[:len(line)-len(bytes.TrimLeft(line, " "))])
	bw := bufio.NewWriter(w)
	bw.Write(skeleton[:at])
	if n == 0 {
		bw.WriteString("[]")
	} else {
		bw.WriteString("[")
		for i := 0; i < n; i++ {
			v, err := elem(i)
			if err != nil {
				return err
			}
			item, err := encodeIndented(v, indent+"  ")
			if err != nil {
				return err
			}
			if i > 0 {
				bw.WriteString(",")
			}
			bw.WriteString("\n" + indent + "  ")
			bw.Write(bytes.TrimSuffix(item, []byte("\n")))
		}
		bw.WriteString("\n" + indent + "]")
	}
	bw.Write(skeleton[at+len(mark):])
	return bw.Flush()
}

// encodeIndented encodes v as writeStreamed's documents are, each line
// after the first starting with prefix.
func encodeIndented(v any, prefix string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
