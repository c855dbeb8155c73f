package build_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden compares whole output files of the basic site with the files
// in testdata/golden. After an intended change, run
// go test ./internal/build -run Golden -update and review the diff.
func TestGolden(t *testing.T) {
	out := buildtest.MustBuild(t, readArchive(t, "basic.txtar"), build.Options{NoMinify: true})
	for _, name := range []string{
		"index.html", "en/index.html", "about/index.html", "en/companies/kaname/index.html",
		"articles/index.html", "articles/page/2/index.html", "en/stories/salmon/index.html",
		"articles/feed.xml", "sitemap.xml", "robots.txt", "tags/index.html",
	} {
		got := out.Read(t, name)
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(name, "/", "_"))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", name, golden, got, want)
		}
	}
}
