package imageref

import "testing"

// benchRefs are references as DAGs write them.
var benchRefs = []string{
	"python:3.11-slim",
	"apache/airflow:2.9.1-python3.11",
	"registry.gitlab.com/group/sub/app:1.0",
	"ghcr.io/org/image@sha256:" + hex64,
	"localhost:5000/etl",
	"123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/job:v42",
}

// BenchmarkParse is one uncached parse per reference (Parse caches).
func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range benchRefs {
			if _, err := parse(s); err != nil {
				b.Fatal(err)
			}
		}
	}
}
