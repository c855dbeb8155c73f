package markdown

import (
	"strings"
	"testing"
)

// movingResolver answers links with a URL that a test can change, as a
// renamed slug changes a page's URL between builds.
type movingResolver struct{ url string }

func (r *movingResolver) Link(string) (string, error) { return r.url, nil }
func (r *movingResolver) Image(dest string) (Image, error) {
	return Image{URL: "/img/" + dest, Width: 1, Height: 1}, nil
}

func TestCacheConvertsAgainOnlyWhatChanged(t *testing.T) {
	conv := New(Options{})
	cache := NewCache()
	res := &movingResolver{url: "/companies/kaname/"}
	page := Page{File: "content/a.en.md", Lang: "en", Body: []byte("See [Kaname](kaname.en.md).\n"), BodyLine: 4, Resolver: res}
	first := cache.Convert(conv, page)
	if first.Err != nil || !strings.Contains(string(first.HTML), `href="/companies/kaname/"`) || first.Sum == 0 {
		t.Fatalf("first conversion: %+v", first)
	}
	if again := cache.Convert(conv, page); again != first {
		t.Error("the same body and the same answers were converted again")
	}
	res.url = "/companies/kaname-co/"
	moved := cache.Convert(conv, page)
	if moved == first || !strings.Contains(string(moved.HTML), `href="/companies/kaname-co/"`) || moved.Sum == first.Sum {
		t.Errorf("a link that resolves elsewhere kept the old HTML: %s", moved.HTML)
	}
	page.Body = []byte("See [Kaname](kaname.en.md), a developer.\n")
	if edited := cache.Convert(conv, page); edited == moved || !strings.Contains(string(edited.HTML), "a developer") {
		t.Errorf("an edited body kept the old HTML: %s", edited.HTML)
	}
	var none *Cache
	if c := none.Convert(conv, page); c.Sum != 0 || !strings.Contains(string(c.HTML), "a developer") {
		t.Errorf("without a cache: %+v", c)
	}
}
