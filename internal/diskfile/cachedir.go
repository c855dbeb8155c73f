package diskfile

import (
	"os"
	"path/filepath"
)

// CacheDir returns the folder of furusato's own cache for one kind of
// file (images, dictionary), shared by the builds of every site of the
// user: in os.UserCacheDir (~/.cache/furusato/images on Linux), or in
// the folder that the environment variable FURUSATO_CACHE_DIR names
// (tests use it for a cache of their own). It returns "" when there is
// none. The folder may not exist yet.
func CacheDir(kind string) string {
	if dir := os.Getenv("FURUSATO_CACHE_DIR"); dir != "" {
		return filepath.Join(dir, kind)
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "furusato", kind)
}
