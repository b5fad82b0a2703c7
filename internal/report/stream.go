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
	head, tail, indent, err := splitSkeleton(doc)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, streamBuffer)
	bw.Write(head)
	if n == 0 {
		bw.WriteString("[]")
	} else {
		bw.WriteString("[")
		lineStart := "\n" + indent + "  " // before each element
		enc := newBatchEncoder(lineStart[1:])
		for start := 0; start < n; start += streamBatch {
			items, err := enc.encode(start, min(start+streamBatch, n), elem)
			if err != nil {
				return err
			}
			for j, item := range items {
				if start+j > 0 {
					bw.WriteString(",")
				}
				bw.WriteString(lineStart)
				bw.Write(bytes.TrimSuffix(item, []byte("\n")))
			}
		}
		bw.WriteString("\n" + indent + "]")
	}
	bw.Write(tail)
	return bw.Flush()
}

// splitSkeleton encodes doc as writeStreamed's documents are and splits it
// around the one string value streamPlaceholder: head ends just before the
// array goes, tail starts just after, and indent is the indentation of
// the line the array opens on (`    "results": ` gives four spaces).
func splitSkeleton(doc any) (head, tail []byte, indent string, err error) {
	skeleton, err := encodeIndented(doc, "")
	if err != nil {
		return nil, nil, "", err
	}
	mark, err := encodeIndented(streamPlaceholder, "")
	if err != nil {
		return nil, nil, "", err
	}
	mark = bytes.TrimSuffix(mark, []byte("\n"))
	at := bytes.Index(skeleton, mark)
	if at < 0 || bytes.Count(skeleton, mark) != 1 {
		return nil, nil, "", fmt.Errorf("internal error: the streamed array's place is not marked once")
	}
	line := skeleton[bytes.LastIndexByte(skeleton[:at], '\n')+1 : at]
	indent = string(line[:len(line)-len(bytes.TrimLeft(line, " "))])
	return skeleton[:at], skeleton[at+len(mark):], indent, nil
}

// streamBatch is how many elements writeStreamed holds encoded at a time:
// enough to share the encoding between the CPUs, few enough that the
// memory it adds does not grow with the report.
const streamBatch = 256

// streamBuffer is the size of writeStreamed's output buffer: a report of
// megabytes goes out in a few dozen writes, not hundreds.
const streamBuffer = 64 << 10

// batchEncoder encodes a batch of a streamed array's elements on all CPUs,
// each into a buffer of its own that the next batch reuses.
type batchEncoder struct {
	prefix string
	vals   []any
	items  [][]byte // each element's encoding, its buffer reused
}

func newBatchEncoder(prefix string) *batchEncoder {
	return &batchEncoder{prefix: prefix, items: make([][]byte, streamBatch)}
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
	errs := make([]error, len(b.vals))
	one := func(j int, scratch *bytes.Buffer) {
		b.items[j], errs[j] = appendEncoded(b.items[j][:0], scratch, b.vals[j], b.prefix)
	}
	workers := min(runtime.GOMAXPROCS(0), len(b.vals)/16)
	if workers <= 1 {
		var scratch bytes.Buffer
		for j := range b.vals {
			one(j, &scratch)
		}
	} else {
		// Worker w encodes elements w, w+workers, ...: encodings cost
		// about the same, so the shares come out even.
		var wg sync.WaitGroup
		wg.Add(workers)
		for w := range workers {
			go func() {
				defer wg.Done()
				var scratch bytes.Buffer
				for j := w; j < len(b.vals); j += workers {
					one(j, &scratch)
				}
			}()
		}
		wg.Wait()
	}
	for j := range b.vals {
		if errs[j] != nil {
			return nil, errs[j]
		}
	}
	return b.items[:len(b.vals)], nil
}

// encodeIndented encodes v as writeStreamed's documents are, each line
// after the first starting with prefix.
func encodeIndented(v any, prefix string) ([]byte, error) {
	return appendEncoded(nil, new(bytes.Buffer), v, prefix)
}

// appendEncoded appends to dst the encoding of v as writeStreamed's
// documents are: what encoding/json's Encoder gives with no HTML escaping
// and SetIndent(prefix, "  "), a final newline included. scratch holds the
// compact form on the way.
func appendEncoded(dst []byte, scratch *bytes.Buffer, v any, prefix string) ([]byte, error) {
	scratch.Reset()
	enc := json.NewEncoder(scratch)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return dst, err
	}
	return appendIndented(dst, scratch.Bytes(), prefix, "  "), nil
}

// appendIndented appends src, compact JSON as encoding/json writes it, laid
// out byte for byte as json.Indent(dst, src, prefix, indent) would: a
// newline, prefix and one indent per level before each element and closing
// bracket, a space after each colon, empty objects and arrays kept as {}
// and []. json.Indent runs its validating scanner over every byte, which
// costs more than the encoding itself; src is valid (the encoder wrote it),
// so only strings need to be told from structure here.
func appendIndented(dst, src []byte, prefix, indent string) []byte {
	depth := 0
	opened := false // just after { or [: the newline waits for an element
	for i := 0; i < len(src); i++ {
		c := src[i]
		if opened && c != '}' && c != ']' {
			opened = false
			depth++
			dst = appendNewline(dst, prefix, indent, depth)
		}
		switch c {
		case '"':
			end := i + 1
			for end < len(src) && src[end] != '"' {
				if src[end] == '\\' {
					end++ // the escaped byte, which may be a quote
				}
				end++
			}
			end = min(end, len(src)-1)
			dst = append(dst, src[i:end+1]...)
			i = end
		case '{', '[':
			opened = true
			dst = append(dst, c)
		case '}', ']':
			if opened {
				opened = false // empty: no newline inside
			} else {
				depth--
				dst = appendNewline(dst, prefix, indent, depth)
			}
			dst = append(dst, c)
		case ',':
			dst = appendNewline(append(dst, c), prefix, indent, depth)
		case ':':
			dst = append(dst, c, ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// appendNewline starts a line at depth, as json.Indent does.
func appendNewline(dst []byte, prefix, indent string, depth int) []byte {
	dst = append(dst, '\n')
	dst = append(dst, prefix...)
	for range depth {
		dst = append(dst, indent...)
	}
	return dst
}
