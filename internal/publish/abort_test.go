package publish

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A stopped build gives up removing what it wrote once its time is up,
// so that it ends within a second, and leaves the rest marked for the
// next build; with time, it removes all, the marker last.
func TestRemoveMarkerLast(t *testing.T) {
	files := map[string]string{Marker: markerText, "index.html": "x", "a/b/index.html": "y", "a/c.css": "z"}
	dir := filepath.Join(t.TempDir(), ".public.new-1")
	folder(t, dir, files)
	removeMarkerLast(dir, time.Now().Add(-time.Second)) // out of time at once
	if _, err := os.Stat(filepath.Join(dir, Marker)); err != nil {
		t.Errorf("the marker is gone from a folder left behind: %v", err)
	}
	removeMarkerLast(dir, time.Time{})
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the folder is still there: %v", err)
	}
}
