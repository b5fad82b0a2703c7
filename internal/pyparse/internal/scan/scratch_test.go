package scan

func init() { scratch = "" }
