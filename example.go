// Package furusato embeds the example site that this repository is: the
// promotional site of Kitami City, Hokkaido. The furusato command builds it
// when run where there is no site.yaml, and furusato init copies it to start
// a new site.
package furusato

import (
	"embed"
	"io/fs"
)

//go:embed site.yaml all:content all:templates all:static
var example embed.FS

// Example returns the example site as a file system.
func Example() fs.FS { return example }
