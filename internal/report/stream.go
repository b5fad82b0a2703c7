package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync"
)

// streamPlaceholder stands for the streamed array in a document's skeleton.
const streamPlaceholder = "\x00daglint-stream\x00"

// writeStreamed writes doc as indented JSON (two spaces, no HTML escaping,
// a final newline) in which the one string value streamPlaceholder is
// replaced by a JSON array of n elements, elem(i) giving each. The bytes are
// those encoding the whole document at once would give, but only a batch of
// elements is held in memory at a time (encoded on all CPUs): a report of
// 50,000 findings is not built three times over before the first byte is
// written.
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
		enc := newBatchEncoder(indent + "  ")
		for start := 0; start < n; start += streamBatch {
			items, err := enc.encode(start, min(start+streamBatch, n), elem)
			if err != nil {
				return err
			}
			for j, item := range items {
				if start+j > 0 {
					bw.WriteString(",")
				}
				bw.WriteString("\n" + indent + "  ")
				bw.Write(bytes.TrimSuffix(item, []byte("\n")))
			}
		}
		bw.WriteString("\n" + indent + "]")
	}
	bw.Write(skeleton[at+len(mark):])
	return bw.Flush()
}

// streamBatch is how many elements writeStreamed holds encoded at a time:
// enough to share the encoding between the CPUs, few enough that the
// memory it adds does not grow with the report.
const streamBatch = 256

// batchEncoder encodes a batch of a streamed array's elements on all CPUs,
// each into a buffer of its own that the next batch reuses.
type batchEncoder struct {
	prefix string
	vals   []any
	bufs   []bytes.Buffer
	items  [][]byte
}

func newBatchEncoder(prefix string) *batchEncoder {
	return &batchEncoder{prefix: prefix, bufs: make([]bytes.Buffer, streamBatch)}
}

// encode returns the encodings of elements from to to-1. The elements are
// taken in order on the calling goroutine (elem may keep state, as the
// GitLab writer's set of fingerprints does); only their encoding is shared
// out.
func (b *batchEncoder) encode(from, to int, elem func(i int) (any, error)) ([][]byte, error) {
	b.vals = b.vals[:0]
	for i := from; i < to; i++ {
		v, err := elem(i)
		if err != nil {
			return nil, err
		}
		b.vals = append(b.vals, v)
	}
	b.items = b.items[:0]
	errs := make([]error, len(b.vals))
	one := func(j int) {
		buf := &b.bufs[j]
		buf.Reset()
		errs[j] = newEncoder(buf, b.prefix).Encode(b.vals[j])
	}
	workers := min(runtime.GOMAXPROCS(0), len(b.vals)/16)
	if workers <= 1 {
		for j := range b.vals {
			one(j)
		}
	} else {
		// Worker w encodes elements w, w+workers, ...: encodings cost
		// about the same, so the shares come out even.
		var wg sync.WaitGroup
		wg.Add(workers)
		for w := range workers {
			go func() {
				defer wg.Done()
				for j := w; j < len(b.vals); j += workers {
					one(j)
				}
			}()
		}
		wg.Wait()
	}
	for j := range b.vals {
		if errs[j] != nil {
			return nil, errs[j]
		}
		b.items = append(b.items, b.bufs[j].Bytes())
	}
	return b.items, nil
}

// encodeIndented encodes v as writeStreamed's documents are, each line
// after the first starting with prefix.
func encodeIndented(v any, prefix string) ([]byte, error) {
	var b bytes.Buffer
	if err := newEncoder(&b, prefix).Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// newEncoder returns the encoder of writeStreamed's documents: indented by
// two spaces, each line after the first starting with prefix, no HTML
// escaping.
func newEncoder(w io.Writer, prefix string) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	return enc
}
