package scan

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// corpus is the project's DAG fixtures, concatenated.
func corpus(tb testing.TB) []byte {
	files, err := filepath.Glob(filepath.Join("..", "..", "..", "..", "testdata", "dags", "*.py"))
	if err != nil || len(files) == 0 {
		tb.Skip("no testdata/dags fixtures")
	}
	var buf bytes.Buffer
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		buf.Write(b)
		if len(b) > 0 && b[len(b)-1] != '\n' {
			buf.WriteByte('\n')
		}
	}
	return buf.Bytes()
}

func BenchmarkScan(b *testing.B) {
	src := corpus(b)
	var r Result
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Scan(src, &r)
	}
}
