package main

import (
	"bytes"
	"slices"
	"testing"
)

func TestLexPositions(t *testing.T) {
	src := []byte("f(a, 'x:(', \"\"\"q\"()\"\"\")  # c: ( \"\nd = {1: [2]}\n")
	br, qs, cs := lexPositions(src)
	if want := []int{1, 22, 38, 42, 44, 45}; !slices.Equal(br, want) {
		t.Errorf("brackets %v, want %v", br, want)
	}
	if want := []int{5, 9, 12, 21}; !slices.Equal(qs, want) {
		t.Errorf("quotes %v, want %v", qs, want)
	}
	if want := []int{40}; !slices.Equal(cs, want) {
		t.Errorf("colons %v, want %v", cs, want)
	}
}

func TestBreakSource(t *testing.T) {
	src := []byte("x: int = 1\nt = DockerOperator(\n    task_id='a',\n    image='b:1',\n)\n")
	for _, kind := range kinds[1:] {
		a, ok := breakSource(src, kind, 1)
		if !ok {
			t.Fatalf("%s: nothing to break", kind)
		}
		if b, _ := breakSource(src, kind, 1); !bytes.Equal(a, b) {
			t.Errorf("%s: same seed, different copies", kind)
		}
		if d := len(src) - len(a); kind != "drop-line" && d != 1 || kind == "drop-line" && d < 2 {
			t.Errorf("%s removed %d bytes: %q", kind, d, a)
		}
	}
	if _, ok := breakSource([]byte("x = 1\n"), "drop-colon", 1); ok {
		t.Errorf("drop-colon broke a file without colons")
	}
}

func TestCountCalls(t *testing.T) {
	src := []byte(`from airflow.providers.docker.operators.docker import DockerOperator

a = DockerOperator(task_id="a", image="x")
b = k8s.KubernetesPodOperator(task_id="b")
c = BashOperator(task_id="c")

@task.docker(image="python:3.12")
def f(): ...

@task.kubernetes
def g(): ...

@task
def h(): ...
`)
	if got := countCalls("x.py", src); got != 4 {
		t.Errorf("countCalls = %d, want 4", got)
	}
}
