package outputs

import (
	"slices"
	"testing"
)

func TestFormatsAreComplete(t *testing.T) {
	kinds := []Kind{KindAsset, KindPage, KindFeed, KindHost, KindRedirect}
	rules := []string{CachePages, CacheFeeds, CacheFiles, CacheHashed} // hashed: the search shards, named by their content
	for _, f := range Formats() {
		if f.Name == "" || f.MediaType == "" {
			t.Errorf("%+v: no name or media type", f)
		}
		if !slices.Contains(kinds, f.Kind) {
			t.Errorf("%s: kind %q is not in the table", f.Name, f.Kind)
		}
		if !slices.Contains(rules, f.Cache) {
			t.Errorf("%s: cache rule %q is not one of %v", f.Name, f.Cache, rules)
		}
		if p := f.Kind.Phase(); p < 0 || p >= len(Phases) {
			t.Errorf("%s: deploy phase %d of %d", f.Name, p, len(Phases))
		}
		if f.Reload == ReloadPage && f.Kind != KindPage {
			t.Errorf("%s reloads a page but is of kind %s", f.Name, f.Kind)
		}
	}
}

// Deploys upload what pages load before the pages, and what names pages
// after them.
func TestPhasesOrderUploads(t *testing.T) {
	if !(KindAsset.Phase() < KindPage.Phase() && KindPage.Phase() < KindFeed.Phase()) {
		t.Errorf("phases: asset %d, page %d, feed %d", KindAsset.Phase(), KindPage.Phase(), KindFeed.Phase())
	}
	if Kind("something new").Phase() != KindAsset.Phase() {
		t.Error("an unknown kind is not uploaded first")
	}
}

func TestForFile(t *testing.T) {
	for name, want := range map[string]string{
		"css/site.css":                           "text/css; charset=utf-8",
		"img/PHOTO.JPG":                          "image/jpeg",
		"stories/x/map.png":                      "image/png",
		"docs/budget.pdf":                        "application/pdf",
		"events/seminar.ics":                     "text/calendar; charset=utf-8",
		"data/companies.csv":                     "text/csv; charset=utf-8",
		"about/index.html":                       "text/html; charset=utf-8",
		"downloads/tool.exe":                     "application/octet-stream",
		"LICENSE":                                "application/octet-stream",
		"site.webmanifest":                       "application/manifest+json",
		"static-feed.xml":                        "application/xml; charset=utf-8",
		"fonts/noto.woff2":                       "font/woff2",
		"js/search.mjs":                          "text/javascript; charset=utf-8",
		"images/share.SVG":                       "image/svg+xml",
		"audio/interview.mp3":                    "audio/mpeg",
		"docs/申請書.docx":                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"docs/一覧.XLSX":                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"docs/説明.pptx":                           "application/vnd.openxmlformats-officedocument.presentationml.presentation",
		"docs/old.doc":                           "application/msword",
		"js/app.wasm":                            "application/wasm",
		".well-known/apple-app-site-association": "application/json",
	} {
		if got := ForFile(name).MediaType; got != want {
			t.Errorf("ForFile(%q) = %s, want %s", name, got, want)
		}
	}
	if f := ForFile("about/index.html"); f != HTML {
		t.Errorf("an HTML file of static/ is not a page: %+v", f)
	}
	if !ForFile("css/site.css").Hashed || ForFile("docs/budget.pdf").Hashed {
		t.Error("stylesheets get hashed names, documents people link to keep theirs")
	}
	if ForFile("css/site.css").Reload != ReloadCSS || ForFile("js/site.js").Reload != ReloadAll || XMLSitemap.Reload != ReloadNone {
		t.Error("serve reloads the wrong things")
	}
}
