package ruletest

import "github.com/daglint/daglint/internal/pyparse"

func rangeOf(start, end int) pyparse.Range { return pyparse.Range{Start: start, End: end} }
