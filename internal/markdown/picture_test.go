package markdown

import (
	"strings"
	"testing"
)

// photoResolver gives .jpg images the widths of a photo.
type photoResolver struct{ fakeResolver }

func (photoResolver) Image(dest string) (Image, error) {
	if !strings.HasSuffix(dest, ".jpg") {
		return fakeResolver{}.Image(dest)
	}
	stem := "/p/" + strings.TrimSuffix(dest, ".jpg")
	return Image{URL: stem + ".800w.jpg", Width: 800, Height: 600, Srcset: stem + ".480w.jpg 480w, " + stem + ".800w.jpg 800w",
		WebPSrcset: stem + ".480w.webp 480w, " + stem + ".800w.webp 800w", Sizes: "100vw"}, nil
}

func TestPictures(t *testing.T) {
	body := "![畑と *山* & \"空\"](field.jpg \"夏\") then [a page](x.md)\n\n![map](map.svg)\n\n![second](b.jpg)\n"
	r, err := New(Options{}).Convert(Page{File: "content/x.md", Lang: "ja", Body: []byte(body), Resolver: photoResolver{}})
	if err != nil {
		t.Fatal(err)
	}
	got := string(r.HTML)
	for _, want := range []string{
		`<picture><source type="image/webp" srcset="/p/field.480w.webp 480w, /p/field.800w.webp 800w" sizes="100vw">` +
			`<img src="/p/field.800w.jpg" srcset="/p/field.480w.jpg 480w, /p/field.800w.jpg 800w" sizes="100vw" alt="畑と 山 &amp; &quot;空&quot;" title="夏" width="800" height="600" fetchpriority="high" decoding="async"></picture>`,
		// What follows a picture in its paragraph is still resolved.
		` then <a href="/resolved/">a page</a>`,
		`<img src="/img/map.svg" alt="map" width="640" height="400" loading="lazy" decoding="async">`,
		`alt="second" width="800" height="600" loading="lazy" decoding="async"></picture>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want %s\nin %s", want, got)
		}
	}
	if strings.Count(got, "fetchpriority") != 1 {
		t.Errorf("fetchpriority on more than the first image: %s", got)
	}
}

// A page that shows its front matter image above the body loads every
// image of the body lazily.
func TestPicturesBelowALeadImage(t *testing.T) {
	r, err := New(Options{}).Convert(Page{File: "content/x.md", Lang: "en", Body: []byte("![a](a.jpg)\n\n![b](b.svg)\n"), Resolver: photoResolver{}, LeadImage: true})
	if err != nil {
		t.Fatal(err)
	}
	got := string(r.HTML)
	if strings.Contains(got, "fetchpriority") || strings.Count(got, `loading="lazy"`) != 2 {
		t.Errorf("below a lead image: %s", got)
	}
}
