package imageref

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// officialImagesJSON is a snapshot of the library/ names of the
// docker-library/official-images repository. Its "images" list holds the
// current library files plus the removed ones whose tags Docker Hub still
// serves; names whose tags were deleted (opensuse) and the reserved
// "scratch" are left out (see the file's notes).
//
//go:embed data/docker-official-images.json
var officialImagesJSON []byte

// officialImages returns the read-only set of Official Image names, built
// once from the embedded data.
var officialImages = sync.OnceValue(func() map[string]bool {
	set, err := parseOfficialImages(officialImagesJSON)
	if err != nil {
		// The data is embedded at build time: a parse failure is a build
		// defect, caught by the package tests.
		panic(fmt.Sprintf("imageref: embedded official images: %v", err))
	}
	return set
})

// parseOfficialImages decodes the embedded data into a set of names.
func parseOfficialImages(data []byte) (map[string]bool, error) {
	var doc struct {
		Images []string `json:"images"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("decode official images: %w", err)
	}
	if len(doc.Images) == 0 {
		return nil, fmt.Errorf("decode official images: empty \"images\" list")
	}
	set := make(map[string]bool, len(doc.Images))
	for _, name := range doc.Images {
		set[name] = true
	}
	return set, nil
}

// IsOfficialImage reports whether name is a Docker Official Image: a name
// such as "python", "library/python" or "docker.io/library/python" (without
// tag or digest) that Docker Hub serves as docker.io/library/<name>.
func IsOfficialImage(name string) bool {
	for _, prefix := range []string{"docker.io/", "index.docker.io/"} {
		if rest, ok := strings.CutPrefix(name, prefix); ok {
			name = rest
			break
		}
	}
	name = strings.TrimPrefix(name, "library/")
	return name != "" && !strings.Contains(name, "/") && officialImages()[name]
}
