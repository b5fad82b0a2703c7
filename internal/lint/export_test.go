package lint

// SourceParsingAll is Source with the prefilter switched off: the file is
// parsed whatever it holds, so tests can tell what the prefilter skips.
func SourceParsingAll(path string, src []byte, opts Options) Result {
	opts.parseAll = true
	return Source(path, src, opts)
}

// SetReleaseParsed turns the release of each linted file's tree on or off
// and returns a function that restores the setting.
func SetReleaseParsed(on bool) (restore func()) {
	old := releaseParsed
	releaseParsed = on
	return func() { releaseParsed = old }
}

// FoldSpaces is the white-space folding of fingerprint texts.
var FoldSpaces = foldSpaces
