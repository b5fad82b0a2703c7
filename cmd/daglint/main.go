// Command daglint checks Apache Airflow DAG files for Docker image and
// registry-credential mistakes without running Python.
//
//	daglint check [flags] [PATH...]
//	daglint rules
//	daglint explain ID
//	daglint server
//	daglint version
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
