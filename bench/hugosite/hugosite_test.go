package hugosite_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/furusato/furusato/bench/hugosite"
	"github.com/furusato/furusato/internal/benchsite"
	"github.com/furusato/furusato/internal/build"
)

// The repository root holds the example site the generated sites use.
const repoRoot = "../.."

const perLang = 40

// writeBoth writes the furusato site and the Hugo site of the same size.
func writeBoth(t *testing.T) (furusato, hugo string) {
	t.Helper()
	furusato, hugo = t.TempDir(), t.TempDir()
	if err := benchsite.Write(furusato, os.DirFS(repoRoot), perLang); err != nil {
		t.Fatal(err)
	}
	if err := hugosite.Write(hugo, os.DirFS(repoRoot), perLang); err != nil {
		t.Fatal(err)
	}
	return furusato, hugo
}

// splitPage returns a content file's front matter lines and its body.
func splitPage(t *testing.T, path string) (map[string]string, string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fm, body, ok := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---\n")
	if !ok {
		t.Fatalf("%s: no front matter", path)
	}
	keys := map[string]string{}
	for line := range strings.SplitSeq(fm, "\n") {
		k, v, _ := strings.Cut(line, ": ")
		keys[k] = v
	}
	return keys, body
}

// TestHugoSiteHasTheSameContent checks that every page of the furusato
// site is in the Hugo site with the same body, and the same front matter
// but for what Hugo cannot inherit from the Japanese page.
func TestHugoSiteHasTheSameContent(t *testing.T) {
	furusato, hugo := writeBoth(t)
	content := filepath.Join(furusato, "content")
	n := 0
	err := filepath.WalkDir(content, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(content, path)
		other := filepath.Join(hugo, "content", rel)
		if filepath.Ext(path) != ".md" {
			a, _ := os.ReadFile(path)
			if b, err := os.ReadFile(other); err != nil || !bytes.Equal(a, b) {
				t.Errorf("%s: not the same in the Hugo site (%v)", rel, err)
			}
			return nil
		}
		n++
		fm, body := splitPage(t, path)
		hfm, hbody := splitPage(t, other)
		if body != hbody {
			t.Errorf("%s: the Hugo site's body differs", rel)
		}
		for k, v := range fm {
			if hfm[k] != v {
				t.Errorf("%s: front matter %s is %q in the Hugo site, want %q", rel, k, hfm[k], v)
			}
		}
		if strings.HasSuffix(rel, ".en.md") {
			// Hugo's translation carries what furusato's inherits.
			jaFM, _ := splitPage(t, strings.TrimSuffix(path, ".en.md")+".ja.md")
			for k, v := range jaFM {
				if _, own := fm[k]; !own && !slices.Contains([]string{"title", "description", "tags", "image_alt"}, k) && hfm[k] != v {
					t.Errorf("%s: Hugo's front matter lacks %s: %s inherited from the Japanese page", rel, k, v)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := 2 * len(benchsite.Pages(perLang)); n != want {
		t.Errorf("compared %d pages, want %d", n, want)
	}

	var cfg struct {
		BaseURL                string
		DefaultContentLanguage string
		Paginate               int
		Languages              map[string]struct {
			Weight       int
			LanguageName string
			Title        string
		}
	}
	if _, err := toml.DecodeFile(filepath.Join(hugo, "hugo.toml"), &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.DefaultContentLanguage != "ja" || cfg.Paginate != 10 || cfg.BaseURL != "https://telework.city.kitami.example/" {
		t.Errorf("hugo.toml: %+v", cfg)
	}
	if ja, en := cfg.Languages["ja"], cfg.Languages["en"]; ja.Weight != 1 || en.Weight != 2 || ja.LanguageName != "日本語" || en.Title != "Kitami Telework" {
		t.Errorf("hugo.toml languages: %+v", cfg.Languages)
	}
}

// TestHugoBuild builds the Hugo site with hugo and checks that it makes the
// same HTML pages as furusato makes of its site, in both languages, and
// that pages, feeds and JSON-LD are complete.
func TestHugoBuild(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("hugo not found, and CI must run this test: install Debian's hugo (apt-get install -y hugo)")
		}
		t.Skip("hugo is not installed (Debian: apt-get install hugo); skipping the Hugo build")
	}
	furusatoSite, hugoSite := writeBoth(t)
	hugoOut := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(hugo, "--minify", "-s", hugoSite, "-d", hugoOut, "--cacheDir", t.TempDir(), "--printI18nWarnings", "--printPathWarnings")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("hugo warned:\n%s", stderr.String())
	}

	furusatoOut := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(context.Background(), build.Options{Site: os.DirFS(furusatoSite), SiteDir: furusatoSite, Out: furusatoOut}); err != nil {
		t.Fatal(err)
	}
	want, got := htmlPages(t, furusatoOut), htmlPages(t, hugoOut)
	for _, p := range want {
		if !slices.Contains(got, p) {
			t.Errorf("Hugo made no %s", p)
		}
	}
	for _, p := range got {
		if !slices.Contains(want, p) {
			t.Errorf("Hugo made %s, which furusato does not", p)
		}
	}
	t.Logf("HTML pages: furusato %d, hugo %d", len(want), len(got))

	read := func(path string) string {
		data, err := os.ReadFile(filepath.Join(hugoOut, filepath.FromSlash(path)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	// A company in each language: its fields, its stories, the other
	// language's version, the links in its body.
	for _, c := range []struct{ path, lang, contains string }{
		{"companies/company-00001/index.html", "ja", "<dt>業種</dt><dd>ソフトウェア開発</dd>"},
		{"companies/company-00001/index.html", "ja", "<a href=/stories/story-00001/>事例1</a>"},
		{"companies/company-00001/index.html", "ja", "hreflang=en href=https://telework.city.kitami.example/en/companies/company-00001/"},
		{"companies/company-00001/index.html", "ja", "<a href=/programs/employment-subsidy/>programme</a>"},
		{"en/companies/company-00001/index.html", "en", "<dt>Industry</dt><dd>Software development</dd>"},
		{"en/companies/company-00001/index.html", "en", "<a href=/en/stories/story-00001/>Story 1</a>"},
		{"en/companies/company-00001/index.html", "en", "<a href=/en/programs/office-rent-subsidy/>Programme 1</a>"},
		{"en/companies/company-00001/index.html", "en", "<a href=/en/programs/employment-subsidy/>programme</a>"},
		{"programs/index.html", "ja", "<td>20万円</td>"},
		{"en/programs/index.html", "en", "<td>¥200,000</td>"},
		{"en/articles/page/2/index.html", "en", "<link rel=canonical href=https://telework.city.kitami.example/en/articles/page/2/>"},
	} {
		page := read(c.path)
		if !strings.Contains(page, "<html lang="+c.lang+">") {
			t.Errorf("%s: not in %s", c.path, c.lang)
		}
		if !strings.Contains(page, c.contains) {
			t.Errorf("%s: no %s", c.path, c.contains)
		}
	}

	jsonLD := regexp.MustCompile(`<script type=application/ld\+json>(.*?)</script>`)
	for _, path := range []string{"index.html", "en/articles/article-00001/index.html", "companies/company-00002/index.html"} {
		m := jsonLD.FindStringSubmatch(read(path))
		var v struct {
			Graph []map[string]any `json:"@graph"`
		}
		if m == nil {
			t.Errorf("%s: no JSON-LD", path)
		} else if err := json.Unmarshal([]byte(m[1]), &v); err != nil || len(v.Graph) < 2 {
			t.Errorf("%s: JSON-LD %s: %v", path, m[1], err)
		}
	}

	articles := 0
	for _, pg := range benchsite.Pages(perLang) {
		if strings.HasPrefix(pg.Path, "articles/") {
			articles++
		}
	}
	for _, path := range []string{"articles/feed.xml", "en/articles/feed.xml"} {
		var feed struct {
			Entries []struct {
				Title   string `xml:"title"`
				Content string `xml:"content"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal([]byte(read(path)), &feed); err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if len(feed.Entries) != articles || !strings.Contains(feed.Entries[0].Content, "<h2") {
			t.Errorf("%s: %d entries, want the %d articles with their content", path, len(feed.Entries), articles)
		}
	}
}

func htmlPages(t *testing.T, out string) []string {
	t.Helper()
	pages, err := hugosite.HTMLPages(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 {
		t.Fatalf("%s: no HTML pages", out)
	}
	return pages
}
