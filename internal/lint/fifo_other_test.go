//go:build !unix

package lint_test

import "errors"

func mkfifo(string) error { return errors.New("named pipes need a unix system") }
