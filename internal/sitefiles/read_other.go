//go:build !unix

package sitefiles

import "io/fs"

// readFile reads name from fsys, os.DirFS(root).
func readFile(fsys fs.FS, _, name string) ([]byte, error) { return fs.ReadFile(fsys, name) }
