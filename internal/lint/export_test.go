package lint

// SourceParsingAll is Source with the prefilter switched off: the file is
// parsed whatever it holds, so tests can tell what the prefilter skips.
func SourceParsingAll(path string, src []byte, opts Options) Result {
	opts.parseAll = true
	return Source(path, src, opts)
}
