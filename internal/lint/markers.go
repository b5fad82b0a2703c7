package lint

import "bytes"

// markerSet finds whether a source holds any of a list of markers with
// fewer passes over it than one search per marker: the markers that end
// in a common word (the operator names, all ending in "Operator") are
// found by one search for the word, checking what precedes each
// occurrence; the others are searched one by one.
type markerSet struct {
	word     []byte
	prefixes [][]byte // markers ending in word, without it
	others   [][]byte
}

// operatorWord is the common ending markerSet groups markers by.
const operatorWord = "Operator"

func newMarkerSet(markers [][]byte) markerSet {
	s := markerSet{word: []byte(operatorWord)}
	for _, m := range markers {
		if p, ok := bytes.CutSuffix(m, s.word); ok && len(p) > 0 {
			s.prefixes = append(s.prefixes, p)
		} else {
			s.others = append(s.others, m)
		}
	}
	return s
}

// in reports whether src contains one of the markers.
func (s markerSet) in(src []byte) bool {
	for _, m := range s.others {
		if bytes.Contains(src, m) {
			return true
		}
	}
	if len(s.prefixes) == 0 {
		return false
	}
	for from := 0; ; {
		i := bytes.Index(src[from:], s.word)
		if i < 0 {
			return false
		}
		at := from + i
		for _, p := range s.prefixes {
			if bytes.HasSuffix(src[:at], p) {
				return true
			}
		}
		from = at + len(s.word)
	}
}
