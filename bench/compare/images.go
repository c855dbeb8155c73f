package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/furusato/furusato/bench/photos"
	"github.com/furusato/furusato/internal/benchsite"
)

// The image comparison: -images N makes N phone photos (4032×3024 JPEGs,
// see package photos), one per page, and has each generator publish every
// photo in imageWidths as WebP and JPEG at imageQuality:
//
//	furusato        empty cache: the cache folder is deleted before each run
//	hugo            empty cache: resources/ and the cache folder deleted
//	furusato-warm   the same site again, with the cache the first run filled
//	furusato-none   the same pages without their photos: what the warm
//	                build's images cost is its time over this one's
//
// Hugo does it in its page template with .Resize "Wx webp q80" and "Wx jpg
// q80", the same resampling filter (imageFilter), as its users do.
//
// furusato's pages are bare (a title, a sentence and the photo: what the
// photos cost is most of the build) or, with -theme example, like the
// example site's (exampleImageSite): the warm build's cost of the photos
// on a site with a theme and articles. The cold run then also makes the
// example's own photos, which Hugo's site does not have.
var (
	imageWidths  = []int{480, 800, 1200, 1600}
	imageQuality = 80
	// imageFilter is the resampling filter both use: furusato's
	// (package images), and Hugo's of the same name (hugo.toml
	// imaging.resampleFilter).
	imageFilter = "CatmullRom"
	// furusatoCache is furusato's image cache, relative to the site
	// folder (images.CacheDir).
	furusatoCache = ".furusato"
)

func imageComparison(ctx context.Context, dir, from string, n int, size photos.Size, runs, warmup int, photoDir, theme, furusato, hugoPath string, stdout io.Writer) ([]result, error) {
	if photoDir == "" {
		photoDir = filepath.Join(dir, "photos")
	} else {
		// Photos of another size are other photos.
		photoDir = filepath.Join(photoDir, fmt.Sprintf("%dx%d", size.W, size.H))
	}
	fmt.Fprintf(stdout, "making %d photos of %dx%d in %s…\n", n, size.W, size.H, photoDir)
	if err := photos.Write(photoDir, n, size); err != nil {
		return nil, fmt.Errorf("making the photos: %w", err)
	}
	site := func(name string) string { return filepath.Join(dir, fmt.Sprintf("%s-site-%d", name, n)) }
	hugoCache := filepath.Join(dir, "hugo-image-cache")
	clear := func(paths ...string) func() error {
		return func() error {
			for _, p := range paths {
				if err := os.RemoveAll(p); err != nil {
					return err
				}
			}
			return nil
		}
	}
	furusatoCmd := func(s, out string) []string { return []string{furusato, "build", "-s", s, "-o", out, "-q"} }
	furusatoSite := furusatoImageSite
	if theme == "example" {
		furusatoSite = exampleImageSite
	}
	c := comparison{
		dir: dir, from: from, perLang: n, runs: runs, warmup: warmup, stdout: stdout,
		header: fmt.Sprintf("%d pages, a %dx%d photo each, %s theme", n, size.W, size.H, theme),
		tools: []tool{
			{name: "furusato", write: furusatoSite(photoDir, true), cmd: furusatoCmd,
				before: clear(filepath.Join(site("furusato"), furusatoCache))},
			{name: "hugo", write: hugoImageSite(photoDir), cmd: func(s, out string) []string {
				return []string{hugoPath, "--quiet", "-s", s, "-d", out, "--cacheDir", hugoCache}
			}, before: clear(hugoCache, filepath.Join(site("hugo"), "resources"))},
			{name: "furusato-warm", siteOf: "furusato", cmd: furusatoCmd},
			{name: "furusato-none", write: furusatoSite(photoDir, false), cmd: furusatoCmd},
		},
	}
	return c.run(ctx)
}

func reportImages(w io.Writer, results []result) {
	fmt.Fprintf(w, "\n%-16s %12s %12s %12s %12s\n", "photos", "wall", "cpu", "peak memory", "image files")
	walls := map[string]float64{}
	for _, r := range results {
		if len(r.walls) == 0 {
			fmt.Fprintf(w, "%-16s %12s\n", r.tool, "failed")
			continue
		}
		walls[r.tool] = median(r.walls).Seconds()
		fmt.Fprintf(w, "%-16s %12s %12s %12s %12d\n", r.tool, seconds(median(r.walls)), seconds(median(r.cpus)), megabytes(median(r.peaks)), r.images)
	}
	if f, h := walls["furusato"], walls["hugo"]; f > 0 && h > 0 {
		fmt.Fprintf(w, "\nempty cache, furusato / hugo wall: %.2f×\n", f/h)
	}
	if warm, none := walls["furusato-warm"], walls["furusato-none"]; warm > 0 && none > 0 {
		fmt.Fprintf(w, "warm cache / the same pages without photos: %.2f× (%+.1f %%)\n", warm/none, 100*(warm/none-1))
	}
	fmt.Fprintf(w, "each photo in %v px wide, WebP and JPEG, quality %d, %s; wall, cpu and peak memory are medians\n", imageWidths, imageQuality, imageFilter)
}

// furusatoImageSite writes a furusato site of one section with a page per
// photo, each page a bundle showing its photo (or, without photos, the
// same page with no image).
func furusatoImageSite(photoDir string, withPhotos bool) func(string, fs.FS, int) error {
	return func(dir string, _ fs.FS, n int) error {
		widths := make([]string, len(imageWidths))
		for i, w := range imageWidths {
			widths[i] = fmt.Sprint(w)
		}
		files := map[string]string{
			"site.yaml": fmt.Sprintf(`baseURL: https://photos.example.jp/
languages:
  - {code: ja, name: 日本語, title: 写真}
images:
  widths: [%s]
  quality: %d
`, strings.Join(widths, ", "), imageQuality),
			"templates/page.html":         `<!doctype html><html lang="ja"><title>{{.Page.Title}}</title><main><h1>{{.Page.Title}}</h1>{{.Page.Content}}</main></html>`,
			"templates/home.html":         `<!doctype html><html lang="ja"><title>home</title><ul>{{range pages "photos"}}<li>{{.Title}}{{end}}</ul></html>`,
			"templates/section.html":      `<!doctype html><html lang="ja"><title>{{.Page.Title}}</title></html>`,
			"templates/tags.html":         `tags`,
			"templates/tag.html":          `tag`,
			"templates/404.html":          `404`,
			"content/photos/_index.ja.md": "---\ntitle: 写真\n---\n",
		}
		for i := range n {
			body := fmt.Sprintf("---\ntitle: 写真 %d\ndate: 2026-01-01\n---\n写真 %d の本文です。\n", i, i)
			if withPhotos {
				body += fmt.Sprintf("\n![写真 %d](photo.jpg)\n", i)
				if err := copyFile(filepath.Join(photoDir, photos.Name(i)), filepath.Join(dir, "content/photos", fmt.Sprint(i), "photo.jpg")); err != nil {
					return err
				}
			}
			files[fmt.Sprintf("content/photos/%d/index.ja.md", i)] = body
		}
		return writeFiles(dir, files)
	}
}

// exampleImageSite writes the example site of the repository (example:
// its site.yaml, templates, static files and content) with an article per
// photo in both languages, each a bundle that shows its photo in its
// text (or, without photos, the same pages with no image). Each article
// has the text of one of the example's articles, without its links.
func exampleImageSite(photoDir string, withPhotos bool) func(string, fs.FS, int) error {
	return func(dir string, example fs.FS, n int) error {
		for _, sub := range []string{"templates", "static", "content"} {
			if err := benchsite.CopyDir(filepath.Join(dir, sub), example, sub); err != nil {
				return err
			}
		}
		cfg, err := fs.ReadFile(example, "site.yaml")
		if err != nil {
			return err
		}
		files := map[string]string{"site.yaml": string(cfg)}
		link := regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
		body := map[string]string{}
		for _, lang := range []string{"ja", "en"} {
			text, err := fs.ReadFile(example, "content/articles/kitami-base."+lang+".md")
			if err != nil {
				return err
			}
			parts := strings.SplitN(string(text), "---\n", 3)
			if len(parts) != 3 {
				return fmt.Errorf("content/articles/kitami-base.%s.md: no front matter", lang)
			}
			body[lang] = link.ReplaceAllString(parts[2], "$1")
		}
		for i := range n {
			bundle := fmt.Sprintf("content/articles/photo-%d/", i)
			img := map[string]string{"ja": "\n", "en": "\n"}
			if withPhotos {
				img = map[string]string{"ja": fmt.Sprintf("\n![写真 %d](photo.jpg)\n\n", i), "en": fmt.Sprintf("\n![Photo %d](photo.jpg)\n\n", i)}
				if err := copyFile(filepath.Join(photoDir, photos.Name(i)), filepath.Join(dir, filepath.FromSlash(bundle), "photo.jpg")); err != nil {
					return err
				}
			}
			files[bundle+"index.ja.md"] = fmt.Sprintf("---\ntitle: 写真の記事 %d\ndescription: 写真 %d を載せた記事です。\ndate: 2025-01-01\n---\n%s%s", i, i, img["ja"], body["ja"])
			files[bundle+"index.en.md"] = fmt.Sprintf("---\ntitle: Photo article %d\ndescription: An article with photo %d.\ndate: 2025-01-01\n---\n%s%s", i, i, img["en"], body["en"])
		}
		return writeFiles(dir, files)
	}
}

// hugoImageSite writes the Hugo site that does furusato's work: a page
// bundle per photo, whose template publishes the photo in every width as
// WebP and JPEG in a <picture>, as furusato's Markdown images are.
func hugoImageSite(photoDir string) func(string, fs.FS, int) error {
	return func(dir string, _ fs.FS, n int) error {
		var resize strings.Builder
		resize.WriteString(`{{ $img := .Resources.GetMatch "photo.jpg" }}<picture><source type="image/webp" srcset="`)
		for i, w := range imageWidths {
			if i > 0 {
				resize.WriteString(", ")
			}
			fmt.Fprintf(&resize, `{{ ($img.Resize "%dx webp q%d").RelPermalink }} %dw`, w, imageQuality, w)
		}
		resize.WriteString(`"><img srcset="`)
		for i, w := range imageWidths {
			if i > 0 {
				resize.WriteString(", ")
			}
			fmt.Fprintf(&resize, `{{ ($img.Resize "%dx jpg q%d").RelPermalink }} %dw`, w, imageQuality, w)
		}
		resize.WriteString(`" alt="{{ .Title }}"></picture>`)
		files := map[string]string{
			"hugo.toml": fmt.Sprintf(`baseURL = "https://photos.example.jp/"
languageCode = "ja"
defaultContentLanguage = "ja"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[imaging]
  quality = %d
  resampleFilter = %q
  [imaging.exif]
    disableDate = true
    disableLatLong = true
`, imageQuality, strings.ToLower(imageFilter)),
			"layouts/_default/single.html": `<!doctype html><html lang="ja"><title>{{.Title}}</title><main><h1>{{.Title}}</h1>{{.Content}}` + resize.String() + `</main></html>`,
			"layouts/_default/list.html":   `<!doctype html><html lang="ja"><title>{{.Title}}</title><ul>{{range .Site.RegularPages}}<li>{{.Title}}{{end}}</ul></html>`,
			"content/photos/_index.md":     "---\ntitle: 写真\n---\n",
		}
		for i := range n {
			files[fmt.Sprintf("content/photos/%d/index.md", i)] = fmt.Sprintf("---\ntitle: 写真 %d\ndate: 2026-01-01\n---\n写真 %d の本文です。\n", i, i)
			if err := copyFile(filepath.Join(photoDir, photos.Name(i)), filepath.Join(dir, "content/photos", fmt.Sprint(i), "photo.jpg")); err != nil {
				return err
			}
		}
		return writeFiles(dir, files)
	}
}

func writeFiles(dir string, files map[string]string) error {
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// copyFile links the photo into the site where it can (both generators
// only read it), and copies it where it cannot.
func copyFile(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o644)
}
