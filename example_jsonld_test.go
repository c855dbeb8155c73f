package furusato_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/furusato/furusato"
	"github.com/furusato/furusato/internal/build"
)

// TestExampleStructuredData reads the structured data of every page of
// the example site, minified as published, and holds each schema.org Event
// and Dataset to what Google's rich results require of it: an Event needs
// a name, a startDate and a location (a Place with an address, or a
// VirtualLocation with its url); a Dataset needs a name and a description.
// A sample that lacks one is a poor sample for the cities that copy it.
func TestExampleStructuredData(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(context.Background(), build.Options{
		Site: furusato.Example(), Out: out,
		Now: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC),
	}); err != nil {
		t.Fatalf("the example site does not build:\n%v", err)
	}
	script := regexp.MustCompile(`(?s)<script type="?application/ld\+json"?>(.*?)</script>`)
	type node = map[string]any
	str := func(n node, key string) string { s, _ := n[key].(string); return s }
	events, datasets := 0, 0
	err := filepath.WalkDir(out, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".html") {
			return err
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, name)
		for _, m := range script.FindAllSubmatch(data, -1) {
			var doc struct {
				Graph []node `json:"@graph"`
			}
			if err := json.Unmarshal(m[1], &doc); err != nil {
				t.Errorf("%s: structured data does not parse: %v", rel, err)
				continue
			}
			for _, n := range doc.Graph {
				switch str(n, "@type") {
				case "Event":
					events++
					if str(n, "name") == "" || str(n, "startDate") == "" {
						t.Errorf("%s: Event without name or startDate: %v", rel, n)
					}
					locs, _ := n["location"].([]any)
					if l, ok := n["location"].(map[string]any); ok {
						locs = []any{l}
					}
					if len(locs) == 0 {
						t.Errorf("%s: Event without a location", rel)
					}
					for _, l := range locs {
						l, _ := l.(map[string]any)
						switch str(l, "@type") {
						case "Place":
							if str(l, "name") == "" || l["address"] == nil {
								t.Errorf("%s: Event location Place needs a name and an address: %v", rel, l)
							}
						case "VirtualLocation":
							if str(l, "url") == "" {
								t.Errorf("%s: Event VirtualLocation without url", rel)
							}
						default:
							t.Errorf("%s: Event location of type %q", rel, str(l, "@type"))
						}
					}
				case "Dataset":
					datasets++
					if str(n, "name") == "" || str(n, "description") == "" || str(n, "license") == "" {
						t.Errorf("%s: Dataset %q needs a name, a description and a license: %v", rel, str(n, "name"), n)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Three sample events and three data sets, in two languages.
	if events != 6 || datasets != 6 {
		t.Errorf("found %d Events and %d Datasets, want 6 and 6", events, datasets)
	}
}
