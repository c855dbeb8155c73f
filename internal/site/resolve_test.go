package site_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/site"
)

const linkSite = siteYAML + `
-- content/about.ja.md --
---
title: 北見について
description: 北見の紹介。
---
[要](companies/kaname.ja.md)、[あおば](companies/aoba.md#地図)、[外](https://city.example.jp/)、[PDF](leaflet.pdf)。
-- content/about.en.md --
---
title: About
---
[Kaname](companies/kaname.ja.md), [Aoba](companies/aoba.ja.md#map), [home](_index.en.md).

![Map](/img/map.svg)
-- content/leaflet.pdf --
%PDF
-- content/companies/kaname.ja.md --
---
title: 株式会社 要
---
-- content/companies/kaname.en.md --
---
title: Kaname
---
-- content/companies/aoba.ja.md --
---
title: あおば
---
-- content/stories/salmon/index.ja.md --
---
title: サケ
image: photo.svg
image_alt: サケの写真
---
![サケ](photo.svg)
-- content/stories/salmon/photo.svg --
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80"></svg>
-- static/img/map.svg --
<svg xmlns="http://www.w3.org/2000/svg" width="300px" height="200"></svg>
-- static/css/site.css --
body{}
`

// TestContentLinks checks that a link to a page's Markdown file becomes
// that page's URL in the linking page's language (or the page in the
// language that has it), and that images get their published URL and
// size.
func TestContentLinks(t *testing.T) {
	s := mustSite(t, linkSite, site.Options{})
	for _, tt := range []struct {
		id   string
		want []string
	}{
		{"ja:page:about", []string{
			`<a href="/kitami/companies/kaname/">要</a>`,
			`<a href="/kitami/companies/aoba/#%E5%9C%B0%E5%9B%B3">あおば</a>`,
			`<a href="https://city.example.jp/"`,
			`<a href="/kitami/leaflet.pdf">PDF（PDF形式：1KB）</a>`,
		}},
		{"en:page:about", []string{
			`<a href="/kitami/en/companies/kaname/">Kaname</a>`,
			`<a href="/kitami/companies/aoba/#map">Aoba</a>`, // no English version
			`<a href="/kitami/en/">home</a>`,
			`src="/kitami/img/map.svg"`, `width="300"`, `height="200"`,
		}},
		{"ja:page:stories/salmon", []string{`src="/kitami/stories/salmon/photo.svg"`, `width="120"`, `height="80"`}},
	} {
		html := string(page(t, s, tt.id).Content())
		for _, w := range tt.want {
			if !strings.Contains(html, w) {
				t.Errorf("%s: no %s in\n%s", tt.id, w, html)
			}
		}
	}
	salmon := page(t, s, "ja:page:stories/salmon")
	want := site.Image{URL: "/kitami/stories/salmon/photo.svg", Alt: "サケの写真", Width: 120, Height: 80, Type: "image/svg+xml"}
	if salmon.Image == nil || *salmon.Image != want {
		t.Errorf("salmon Image = %+v, want %+v", salmon.Image, want)
	}
	// A page's description is its summary.
	if got := page(t, s, "ja:page:about").Summary; got != "北見の紹介。" {
		t.Errorf("about Summary = %q, want the description", got)
	}
	if u, ok := s.StaticURL("css/site.css"); !ok || u != "/kitami/css/site.css" {
		t.Errorf(`StaticURL("css/site.css") = %q, %v`, u, ok)
	}
	if u, ok := s.StaticURL("css/none.css"); ok {
		t.Errorf(`StaticURL("css/none.css") = %q, %v; want not found`, u, ok)
	}
}

func TestContentLinkErrors(t *testing.T) {
	_, err := newSite(t, siteYAML+`
-- content/about.ja.md --
---
title: 北見について
---
本文。

[要](companies/kanme.ja.md)と[下書き](articles/draft.md)と![写真](photo.jpg)。
-- content/companies/kaname.ja.md --
---
title: 株式会社 要
---
-- content/articles/draft.ja.md --
---
title: 下書き
draft: true
---
`, site.Options{})
	// Columns count characters, as editors do.
	want := []string{
		"content/about.ja.md:6:1: link to content/companies/kanme.ja.md: there is no such page (did you mean companies/kaname?)",
		"content/about.ja.md:6:28: link to content/articles/draft.md: that page is a draft, so it is not published",
		"content/about.ja.md:6:53: image photo.jpg: there is no file content/photo.jpg",
	}
	if got := errorLines(err); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
