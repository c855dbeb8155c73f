package embed_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/markdown"
)

// The embeds are tested as package markdown converts pages with them, so
// that the errors are checked at their positions in the file.

// convertEmbeds converts body as a page of lang with the given sites
// allowed, and returns its HTML and its errors, one string each.
func convertEmbeds(t *testing.T, lang, body string, allowed []string) (string, []string) {
	t.Helper()
	r, err := markdown.New(markdown.Options{Embeds: allowed}).Convert(markdown.Page{File: "content/x.md", Lang: lang, Body: []byte(body), BodyLine: 4})
	var errs []string
	for _, e := range diag.All(err) {
		errs = append(errs, e.Error())
	}
	if r == nil {
		t.Fatalf("no result: %v", err)
	}
	return string(r.HTML), errs
}

func embedBlock(lines ...string) string {
	return "Text.\n\n```embed\n" + strings.Join(lines, "\n") + "\n```\n"
}

func TestEmbedKinds(t *testing.T) {
	for _, tc := range []struct {
		name, lang, addr, want string
	}{
		{"watch", "ja", "https://www.youtube.com/watch?v=abcDEF_-123&feature=share",
			`<figure class="embed embed-video embed-16x9"><iframe src="https://www.youtube-nocookie.com/embed/abcDEF_-123" title="北見の冬" width="560" height="315" loading="lazy" referrerpolicy="strict-origin-when-cross-origin" allow="encrypted-media; picture-in-picture" allowfullscreen></iframe><figcaption><a href="https://www.youtube.com/watch?v=abcDEF_-123">YouTubeで「北見の冬」を見る</a></figcaption></figure>`},
		{"youtu.be with a start", "en", "https://youtu.be/abcDEF_-123?si=xyz&t=1m30s",
			`<iframe src="https://www.youtube-nocookie.com/embed/abcDEF_-123?start=90" title="北見の冬"`},
		{"youtu.be link keeps the start", "en", "https://youtu.be/abcDEF_-123?t=75",
			`<a href="https://www.youtube.com/watch?v=abcDEF_-123&amp;t=75s">Watch “北見の冬” on YouTube</a>`},
		{"embed address", "en", "https://www.youtube.com/embed/abcDEF_-123?start=30",
			`src="https://www.youtube-nocookie.com/embed/abcDEF_-123?start=30"`},
		{"no-cookie address", "en", "https://www.youtube-nocookie.com/embed/abcDEF_-123",
			`src="https://www.youtube-nocookie.com/embed/abcDEF_-123"`},
		{"shorts", "ja", "https://youtube.com/shorts/abcDEF_-123",
			`<figure class="embed embed-video embed-9x16"><iframe src="https://www.youtube-nocookie.com/embed/abcDEF_-123" title="北見の冬" width="315" height="560"`},
		{"OpenStreetMap", "ja", "https://www.openstreetmap.org/export/embed.html?bbox=143.88%2C43.79%2C143.91%2C43.81&layer=mapnik&marker=43.8%2C143.89",
			`<figure class="embed embed-map embed-4x3"><iframe src="https://www.openstreetmap.org/export/embed.html?bbox=143.88,43.79,143.91,43.81&amp;layer=mapnik&amp;marker=43.8,143.89" title="北見の冬" width="640" height="480" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe><figcaption><a href="https://www.openstreetmap.org/?mlat=43.8&amp;mlon=143.89&amp;bbox=143.88,43.79,143.91,43.81">OpenStreetMapで「北見の冬」を開く</a></figcaption></figure>`},
		{"Google Maps", "en", "https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d2914.5!2d143.8!3d43.8",
			`<figure class="embed embed-map embed-4x3"><iframe src="https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d2914.5!2d143.8!3d43.8" title="北見の冬" width="640" height="480" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe><figcaption><a href="https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d2914.5!2d143.8!3d43.8">Open “北見の冬” on Google Maps</a></figcaption></figure>`},
		{"Google Forms", "ja", "https://docs.google.com/forms/d/e/1FAIpQLSf-x_Y/viewform?usp=sf_link",
			`<figure class="embed embed-form"><iframe src="https://docs.google.com/forms/d/e/1FAIpQLSf-x_Y/viewform?embedded=true" title="北見の冬" width="640" height="1000" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe><figcaption><a href="https://docs.google.com/forms/d/e/1FAIpQLSf-x_Y/viewform">Googleフォームで「北見の冬」を開く</a></figcaption></figure>`},
		{"LoGo Form", "en", "https://logoform.jp/form/AbCd/123456",
			`<figure class="embed embed-form"><iframe src="https://logoform.jp/form/AbCd/123456" title="北見の冬" width="640" height="1000" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe><figcaption><a href="https://logoform.jp/form/AbCd/123456">Open “北見の冬” on LoGo Form</a></figcaption></figure>`},
		{"Google Maps with more", "en", "https://www.google.com/maps/embed?pb=!1m2%3A!2z&hl=ja",
			`src="https://www.google.com/maps/embed?pb=%211m2%3A%212z"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			html, errs := convertEmbeds(t, tc.lang, embedBlock(tc.addr, "title: 北見の冬"), config.EmbedHosts)
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if !strings.Contains(html, tc.want) {
				t.Errorf("want\n%s\nin\n%s", tc.want, html)
			}
			if strings.Contains(html, "<pre>") || strings.Count(html, "<iframe") != 1 {
				t.Errorf("want one iframe and no code block:\n%s", html)
			}
		})
	}
}

// TestEmbedHeightAndEscaping checks that height: gives a map or form a
// fixed height instead of a shape, and that the title is escaped in the
// title attribute and the link.
func TestEmbedHeightAndEscaping(t *testing.T) {
	html, errs := convertEmbeds(t, "en", embedBlock(
		"  https://www.openstreetmap.org/export/embed.html?bbox=143.88,43.79,143.91,43.81",
		"  title: \"Hall\" <b>&</b> 'park'",
		"  height: 600"), config.EmbedHosts)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{
		`<figure class="embed embed-map"><iframe`,
		`title="&quot;Hall&quot; &lt;b&gt;&amp;&lt;/b&gt; 'park'" width="640" height="600"`,
		`<a href="https://www.openstreetmap.org/?bbox=143.88,43.79,143.91,43.81">Open “&quot;Hall&quot; &lt;b&gt;&amp;&lt;/b&gt; 'park'” on OpenStreetMap</a>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("want %s in\n%s", want, html)
		}
	}
	if strings.Contains(html, "<b>") {
		t.Errorf("the title's markup is not escaped:\n%s", html)
	}
}

// TestEmbedLeavesOtherCodeAlone checks that only blocks of kind embed
// change: a Go block that holds an address, and an embed block shown as an
// example inside a longer fence, stay code.
func TestEmbedLeavesOtherCodeAlone(t *testing.T) {
	body := "```go\nhttps://youtu.be/abcDEF_-123\ntitle: x\n```\n\n````md\n```embed\nhttps://youtu.be/abcDEF_-123\n```\n````\n\n    ```embed\n    indented code\n"
	html, errs := convertEmbeds(t, "en", body, config.EmbedHosts)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if strings.Contains(html, "<iframe") || strings.Count(html, "<pre>") != 3 {
		t.Errorf("code blocks changed:\n%s", html)
	}
	if !strings.Contains(html, `<pre><code class="language-go">https://youtu.be/abcDEF_-123`) {
		t.Errorf("the Go block is not kept:\n%s", html)
	}
}

func TestEmbedErrors(t *testing.T) {
	all := config.EmbedHosts
	for _, tc := range []struct {
		name    string
		body    string
		allowed []string
		want    []string
	}{
		{"unknown host", embedBlock("https://vimeo.com/12345", "title: 動画"), all, []string{
			"content/x.md:7:1: embed: cannot show https://vimeo.com/12345: an embed shows YouTube videos, OpenStreetMap maps, Google Maps maps, Google Forms forms or LoGoフォーム forms"}},
		{"missing title", embedBlock("https://youtu.be/abcDEF_-123"), all, []string{
			"content/x.md:6:1: embed: the title is missing; add a line title: that says what the video shows, such as title: 北見市役所の地図 (screen readers read it out)"}},
		{"empty title", embedBlock("https://logoform.jp/form/AbCd/1", "title:   "), all, []string{
			"content/x.md:8:1: embed: the title is missing; add a line title: that says what the form shows, such as title: 北見市役所の地図 (screen readers read it out)"}},
		{"not in the allow-list", embedBlock("https://www.google.com/maps/embed?pb=!1m2", "title: 地図"), []string{"www.youtube.com", "docs.google.com"}, []string{
			"content/x.md:7:1: embed: Google Maps maps are turned off in site.yaml: add www.google.com to markdown: embeds to show them (this site shows YouTube videos or Google Forms forms)"}},
		{"embeds off", embedBlock("https://youtu.be/abcDEF_-123", "title: 動画"), []string{}, []string{
			"content/x.md:6:1: embed: embeds are turned off in site.yaml (markdown: embeds: []); list the sites to embed from there, or link to the page instead"}},
		{"no address", embedBlock("title: 動画"), all, []string{
			"content/x.md:6:1: embed: the block has no address; write the address of the video, map or form on a line of its own (see the README: Maps, videos and forms)"}},
		{"unknown key and stray text", embedBlock("https://youtu.be/abcDEF_-123", "titel: 動画", "自由な文"), all, []string{
			"content/x.md:6:1: embed: the title is missing; add a line title: that says what the video shows, such as title: 北見市役所の地図 (screen readers read it out)",
			"content/x.md:8:1: embed: unknown key titel (did you mean title?); an embed block holds an address, title: and, for maps and forms, height:",
			`content/x.md:9:1: embed: want the address (https://…) or title: here, got "自由な文"`}},
		{"two addresses", embedBlock("https://youtu.be/abcDEF_-123", "https://youtu.be/abcDEF_-124", "title: 動画"), all, []string{
			"content/x.md:8:1: embed: a second address; an embed block shows one thing: write each in a block of its own"}},
		{"a YouTube channel", embedBlock("https://www.youtube.com/@kitami", "title: 動画"), all, []string{
			"content/x.md:7:1: embed: https://www.youtube.com/@kitami is not the address of a YouTube video; copy it from the video's Share button (https://youtu.be/…) or from the address bar while it plays (https://www.youtube.com/watch?v=…)"}},
		{"a bad video ID", embedBlock("https://www.youtube.com/watch?v=abc", "title: 動画"), all, []string{
			`content/x.md:7:1: embed: "abc" is not a YouTube video ID (11 letters, digits, - or _); copy the address again from the video's Share button`}},
		{"a bad start", embedBlock("https://youtu.be/abcDEF_-123?t=soon", "title: 動画"), all, []string{
			`content/x.md:7:1: embed: start time "soon": want seconds (90) or a time such as 1m30s`}},
		{"an OpenStreetMap page", embedBlock("https://www.openstreetmap.org/#map=17/43.8/143.9", "title: 地図"), all, []string{
			"content/x.md:7:1: embed: https://www.openstreetmap.org/#map=17/43.8/143.9 is not the address of a map to embed; copy the address from OpenStreetMap's Share → HTML: the address after src=, which starts https://www.openstreetmap.org/export/embed.html?bbox="}},
		{"a Google Maps place", embedBlock("https://www.google.com/maps/place/Kitami", "title: 地図"), all, []string{
			"content/x.md:7:1: embed: https://www.google.com/maps/place/Kitami is not the address of a map to embed; in Google Maps choose Share → Embed a map → Copy HTML, and copy the address after src=, which starts https://www.google.com/maps/embed?pb="}},
		{"a short form link", embedBlock("https://forms.gle/abc", "title: 申込"), all, []string{
			"content/x.md:7:1: embed: https://forms.gle/abc is not the address of a published form; in Google Forms choose Send → <> (embed HTML) and copy the address after src=, or open the form as a visitor and copy the address that ends in /viewform"}},
		{"a height for a video", embedBlock("https://youtu.be/abcDEF_-123", "title: 動画", "height: 400"), all, []string{
			"content/x.md:9:1: embed: a video keeps the shape YouTube gives it; remove height:"}},
		{"a bad height", embedBlock("https://logoform.jp/form/AbCd/1", "title: 申込", "height: 50%"), all, []string{
			`content/x.md:9:1: embed: height: want a number of pixels from 100 to 3000, such as height: 600, got "50%"`}},
		{"two embeds with one title", embedBlock("https://youtu.be/abcDEF_-123", "title: 動画") + "\n" + embedBlock("https://youtu.be/abcDEF_-124", "title: 動画"), all, []string{
			`content/x.md:15:1: embed: the title "動画" is already the title of the embed at line 8; give each embed of a page its own title, so that screen readers can tell them apart`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := convertEmbeds(t, "ja", tc.body, tc.allowed)
			if !slices.Equal(errs, tc.want) {
				t.Errorf("errors\n%s\nwant\n%s", strings.Join(errs, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
