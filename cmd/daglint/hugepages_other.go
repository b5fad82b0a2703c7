//go:build !linux || !(amd64 || arm64)

package main

// preferHugePages does nothing where daglint does not ask for transparent
// huge pages (see hugepages_linux.go).
func preferHugePages() {}
