package pyparse

import (
	"fmt"
	"strings"
	"testing"
)

// dagLike generates a DAG-like Python file of about size bytes.
func dagLike(size int) []byte {
	var b strings.Builder
	b.WriteString(`"""Generated DAG for benchmarking."""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator
from docker.types import Mount

default_args = {
    "owner": "data",  # team
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
}

`)
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, `with DAG(
    dag_id="etl_%[1]d",
    default_args=default_args,
    schedule="@daily",
    start_date=datetime(2024, 1, 1),
    catchup=False,
    tags=["etl", f"team-{%[1]d}"],
) as dag_%[1]d:
    extract = DockerOperator(
        task_id="extract_%[1]d",
        image="registry.example.com/etl/extract:1.%[1]d",
        docker_conn_id="registry",
        command=["python", "-m", "extract", "--day", "{{ ds }}"],
        environment={"LOG_LEVEL": "info", "BATCH": str(%[1]d * 10)},
        mounts=[Mount(source="/data", target="/data", type="bind")],
        force_pull=True,
    )

    def transform_%[1]d(rows: list[dict], *, limit: int = 10) -> int:
        total = 0
        for row in rows[:limit]:
            if row.get("ok") and (n := row["n"]) > 0:
                total += n
        return total

    extract >> DockerOperator(task_id="load_%[1]d", image="python:3.12-slim")

`, i)
	}
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	src := dagLike(100 << 10)
	p := NewParser()
	defer p.Close()
	if f := p.Parse("bench.py", src); len(f.Errors) > 0 {
		b.Fatalf("generated file has errors: %v", f.Errors[0].Msg)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		p.Parse("bench.py", src)
	}
}

// BenchmarkParseSmallFile measures a typical DAG file of about 6 KB, where
// the per-file costs (arena, line table, first chunks) weigh more.
func BenchmarkParseSmallFile(b *testing.B) {
	src := dagLike(6 << 10)
	p := NewParser()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		p.Parse("small.py", src)
	}
}

// BenchmarkParseReleased is BenchmarkParse with each file released before
// the next is parsed, as the linter does: the nodes reuse one arena.
func BenchmarkParseReleased(b *testing.B) { benchReleased(b, dagLike(100<<10)) }

// BenchmarkParseSmallFileReleased is BenchmarkParseSmallFile with release.
func BenchmarkParseSmallFileReleased(b *testing.B) { benchReleased(b, dagLike(6<<10)) }

func benchReleased(b *testing.B, src []byte) {
	p := NewParser()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		f := p.Parse("bench.py", src)
		f.Index()
		f.Release()
	}
}
