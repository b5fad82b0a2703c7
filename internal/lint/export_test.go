package lint

// SetReleaseParsed turns the release of each linted file's tree on or off
// and returns a function that restores the setting.
func SetReleaseParsed(on bool) (restore func()) {
	old := releaseParsed
	releaseParsed = on
	return func() { releaseParsed = old }
}
