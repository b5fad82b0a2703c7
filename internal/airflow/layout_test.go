package airflow

import (
	"testing"
	"unsafe"
)

// TestModelStructSizes keeps the byte-sized kinds packed with the flags
// next to them: every Arg and Entry holds a Value, and a file's model
// allocates one per argument and mapping entry.
func TestModelStructSizes(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("sizes are given for 64-bit platforms")
	}
	for _, c := range []struct {
		name      string
		got, most uintptr
	}{
		{"Value", unsafe.Sizeof(Value{}), 168},
		{"Arg", unsafe.Sizeof(Arg{}), 232},
		{"Entry", unsafe.Sizeof(Entry{}), 232},
		{"binding", unsafe.Sizeof(binding{}), 32},
	} {
		if c.got > c.most {
			t.Errorf("%s is %d bytes, want at most %d", c.name, c.got, c.most)
		}
	}
}
