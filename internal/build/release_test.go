package build_test

import (
	"fmt"
	"testing"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/site"
)

// TestPrintedPagesShowTitles prints pages straight from templates (a ref
// field's value, every page of the language) while a single build lets go
// of each page's HTML once it is written: a printed page shows its title,
// and under -race the build shows that printing a page (html/template
// copies it) reads nothing that letting go writes.
func TestPrintedPagesShowTitles(t *testing.T) {
	const n = 60
	every := `<p class="all">{{range .Site.Regular}}{{.}};{{end}}</p>`
	files := map[string]string{
		"templates/stories/page.html":   "{{define \"main\"}}<h1>{{.Page.Title}}</h1>{{range .Page.Fields}}<dd class=\"{{.Name}}\">{{.Value}}</dd>{{end}}" + every + "{{end}}\n",
		"templates/companies/page.html": "{{define \"main\"}}<h1>{{.Page.Title}}</h1>" + every + "{{end}}\n",
	}
	for i := range n {
		files[fmt.Sprintf("content/companies/c%02d.ja.md", i)] = fmt.Sprintf("---\ntitle: 企業%02d\nindustry: it\n---\n本文%d。\n", i, i)
		files[fmt.Sprintf("content/companies/c%02d.en.md", i)] = fmt.Sprintf("---\ntitle: Company %02d\n---\nBody %d.\n", i, i)
		files[fmt.Sprintf("content/stories/s%02d.ja.md", i)] = fmt.Sprintf("---\ntitle: 話%02d\ncompany: c%02d\n---\n本文。\n", i, (i*7)%n)
		files[fmt.Sprintf("content/stories/s%02d.en.md", i)] = fmt.Sprintf("---\ntitle: Story %02d\n---\nBody.\n", i)
	}
	out, err := buildtest.BuildFS(t, basicWith(t, files), build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		c := (i * 7) % n
		out.Contains(t, fmt.Sprintf("stories/s%02d/index.html", i), fmt.Sprintf(`<dd class="company">企業%02d</dd>`, c))
		out.Contains(t, fmt.Sprintf("en/stories/s%02d/index.html", i), fmt.Sprintf(`<dd class="company">Company %02d</dd>`, c))
		out.Contains(t, fmt.Sprintf("companies/c%02d/index.html", i), "企業00;", "話59;")
	}
}

// TestLinksKeptWhenTemplatesShowThem checks that a single build lets go of
// each page's list of links (only furusato check reads it) unless a
// template shows it.
func TestLinksKeptWhenTemplatesShowThem(t *testing.T) {
	about := func(res *build.Result) *site.Page {
		for _, p := range res.Site.Pages {
			if p.File == "content/about.en.md" {
				return p
			}
		}
		t.Fatal("no content/about.en.md")
		return nil
	}
	out, err := buildtest.BuildFS(t, basicWith(t, nil), build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	if links := about(out.Result).Links; links != nil {
		t.Errorf("links kept though no template shows them: %v", links)
	}
	shown := basicWith(t, map[string]string{
		"templates/page.html": "{{define \"main\"}}<h1>{{.Page.Title}}</h1>{{range .Page.Links}}<p class=\"link\">{{.Written}}</p>{{end}}{{end}}\n",
	})
	out, err = buildtest.BuildFS(t, shown, build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	out.Contains(t, "en/about/index.html", `<p class="link">companies/kaname.ja.md</p>`)
}
