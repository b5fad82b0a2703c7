package config

// ParseSize parses a size such as "10MB", "512KB" or "1048576" (bytes), as
// the max-file-size key and the --max-file-size flag take it.
func ParseSize(s string) (int64, bool) { return parseSize(s) }
