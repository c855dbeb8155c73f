package build_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/encoding/japanese"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/diag"
)

// basicWith returns the basic site with some files replaced (or removed,
// for an empty string).
func basicWith(t *testing.T, files map[string]string) fstest.MapFS {
	t.Helper()
	fsys := buildtest.FS(readArchive(t, "basic.txtar"))
	for name, data := range files {
		if data == "" {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(data), Mode: 0o644}
	}
	return fsys
}

func shiftJIS(t *testing.T, s string) string {
	t.Helper()
	b, err := japanese.ShiftJIS.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestBadInput checks that each kind of mistake a PR officer can make is
// reported at its file, line and column, in words that say what to do.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // each must be one whole error line
		only  bool     // the wanted errors are the only ones
	}{
		{
			name:  "malformed YAML",
			files: map[string]string{"content/about.ja.md": "---\ntitle: 北見について\ntags: [a, b\n---\n本文\n"},
			want:  []string{"content/about.ja.md:3:"},
		},
		{
			name: "a key written twice, a colon in a value, a tab",
			files: map[string]string{
				"content/about.ja.md":   "---\ntitle: 北見について\ndescription: 一\ndescription: 二\n---\n本文\n",
				"content/contact.ja.md": "---\ntitle: 説明: コロン入り\n---\n本文\n",
				"content/data.ja.md":    "---\ntitle: データ\n\tdescription: 説明\n---\n本文\n",
			},
			want: []string{
				"content/about.ja.md:4:1: key description appears twice (first on line 3); keep one",
				`content/contact.ja.md:2:8: a value with ": " in it must be in quotes, such as title: "北見市: 移住の手引き"`,
				"content/data.ja.md:3:1: a tab: front matter and site.yaml are indented with spaces; replace the tab with spaces",
			},
		},
		{
			name: "a line indented as no line above it",
			files: map[string]string{
				"content/about.ja.md":   "---\ntitle: 北見について\nupdated: 2026-12-06\n weight: 1\n---\n本文\n",
				"content/contact.ja.md": "---\ntitle: 問い合わせ\ncontact:\n  phone: 0157-25-1210\n url: https://example.jp/\n---\n本文\n",
			},
			want: []string{
				"content/about.ja.md:4:2: this line is indented more than line 3 above it, as if it belonged to it; keys of one level start in the same column: take away 1 space(s)",
				"content/contact.ja.md:5:2: this line is indented by 1 space(s), as no line above it is: keys of one level start in the same column, as the lines before and after it do",
			},
		},
		{
			name:  "a line of site.yaml indented as no line above it",
			files: map[string]string{"site.yaml": strings.Replace(readSiteYAML(t), "  - code: en\n    name: English\n    locale", "  - code: en\n    name: English\n   locale", 1)},
			want:  []string{"site.yaml:16:4: this line is indented by 3 space(s), as no line above it is: keys of one level start in the same column, as the lines before and after it do"},
			only:  true,
		},
		{
			name: "what a Japanese keyboard types in front matter",
			files: map[string]string{
				"content/about.ja.md":               "---\ntitle：北見について\nweight: 1\n---\n本文\n",
				"content/contact.ja.md":             "---\ntitle: 問い合わせ\ndraft:false\nweight: 2\n---\n本文\n",
				"content/articles/one.ja.md":        "---\ntitle:　一\ndate: 2026-01-01\n---\n本文\n",
				"content/programs/employment.ja.md": "---\ntitle: 雇用\ndescription: [終了] 雇用の補助\n---\n本文\n",
			},
			want: []string{
				"content/about.ja.md:2:1: title is followed by a full-width colon (：): write a half-width colon and a space, title: …",
				"content/contact.ja.md:3:1: put a space after the colon: draft: false",
				"content/articles/one.ja.md:2:1: title: is followed by a full-width space (　): write a half-width space, title: …",
				`content/programs/employment.ja.md:3:19: a value that starts with [ or { is read as a list; if it is text, put all of it in quotes, such as description: "[中止] 冬まつり"`,
			},
		},
		{
			name: "a # that cuts a value short",
			files: map[string]string{
				"content/about.ja.md":   "---\ntitle: C# 勉強会 #1 のお知らせ\nweight: 1 #1\n---\n本文\n",
				"content/contact.ja.md": "---\ntitle: 問い合わせ # 仮の題\ndescription: \"#1 の説明\"\n---\n本文\n",
			},
			want: []string{
				`content/about.ja.md:2:8: front matter: title: a # after a space starts a comment, so title would be "C# 勉強会"; if the # is part of it, put all of it in quotes: title: "C# 勉強会 #1 のお知らせ"`,
			},
			only: true,
		},
		{
			name: "a key written as its label",
			files: map[string]string{
				"content/companies/kaname.ja.md": "---\nタイトル: 要\n業種: it\n---\n本文\n",
			},
			want: []string{
				"content/companies/kaname.ja.md:2:1: front matter: unknown key タイトル: keys are written in English; for タイトル, write title:",
				"content/companies/kaname.ja.md:3:1: front matter: unknown key 業種: keys are written in English; for 業種, write industry:",
			},
			only: true,
		},
		{
			name: "items separated by 、",
			files: map[string]string{
				"content/articles/one.ja.md":     "---\ntitle: 一\ndate: 2026-01-01\ntags: イベント、冬\n---\n本文\n",
				"content/companies/kaname.ja.md": "---\ntitle: 要\nindustry: it\nprograms: [employment，airfare]\n---\n本文\n",
			},
			want: []string{
				`content/articles/one.ja.md:4:7: front matter: tags: "イベント、冬" is one item, since 、 does not separate items; write a comma (,) instead, in brackets: [イベント, 冬]`,
				`content/companies/kaname.ja.md:4:12: front matter: programs: "employment，airfare" is one item, since 、 does not separate items; write a comma (,) instead, in brackets: [employment, airfare]`,
			},
			only: true,
		},
		{
			name:  "wrong field type",
			files: map[string]string{"content/companies/kaname.ja.md": "---\ntitle: 要\nfounded: 平成22年\nindustry: it\n---\n"},
			want:  []string{`content/companies/kaname.ja.md:3:10: front matter: founded: 平成22年 is the year 2010: write dates in the Western calendar, such as 2010, 2010-04 or 2010-04-01`},
		},
		{
			name:  "wrong yen",
			files: map[string]string{"content/programs/employment.ja.md": "---\ntitle: 雇用\namount: 20万円\n---\n"},
			want:  []string{`content/programs/employment.ja.md:3:9: front matter: amount: want an amount in yen as a whole number, such as 200000, got "20万円"`},
		},
		{
			name:  "missing required field",
			files: map[string]string{"content/companies/kaname.ja.md": "---\ntitle: 要\n---\n"},
			want:  []string{"content/companies/kaname.ja.md:1:1: front matter: industry is missing; pages of companies need it"},
		},
		{
			name:  "required field left empty",
			files: map[string]string{"content/companies/kaname.ja.md": "---\ntitle: 要\nindustry:\n---\n"},
			want:  []string{"content/companies/kaname.ja.md:3:1: front matter: industry is empty; pages of companies need it"},
			only:  true,
		},
		{
			name:  "required field null",
			files: map[string]string{"content/companies/kaname.ja.md": "---\ntitle: 要\nindustry: null\n---\n"},
			want:  []string{"content/companies/kaname.ja.md:3:1: front matter: industry is empty; pages of companies need it"},
			only:  true,
		},
		{
			name:  "required field blank",
			files: map[string]string{"content/companies/kaname.ja.md": "---\ntitle: 要\nindustry: \"  \"\n---\n"},
			want:  []string{"content/companies/kaname.ja.md:3:1: front matter: industry is empty; pages of companies need it"},
			only:  true,
		},
		{
			name:  "title left empty",
			files: map[string]string{"content/about.ja.md": "---\ntitle: \"\"\n---\n本文\n"},
			want:  []string{"content/about.ja.md:2:1: front matter: title is empty; every page needs one"},
			only:  true,
		},
		{
			name:  "unknown key with suggestion",
			files: map[string]string{"content/companies/kaname.ja.md": "---\ntitle: 要\nindustry: it\nfounded: 2010\nprogrms: [employment]\n---\n"},
			want:  []string{"content/companies/kaname.ja.md:5:1: front matter: unknown key progrms (did you mean programs?)"},
		},
		{
			name:  "bad enum value",
			files: map[string]string{"content/companies/kaname.ja.md": "---\ntitle: 要\nindustry: IT\n---\n"},
			want:  []string{`content/companies/kaname.ja.md:3:11: front matter: industry: "IT" is not one of it (did you mean it?)`},
			only:  true,
		},
		{
			name:  "Shift_JIS file",
			files: map[string]string{"content/about.ja.md": shiftJIS(t, "---\ntitle: 北見について\n---\n本文です。\n")},
			want:  []string{"content/about.ja.md:2:8: the file is not UTF-8: it looks like Shift_JIS (the old Windows Japanese encoding). Save it as UTF-8"},
		},
		{
			name:  "broken reference in front matter",
			files: map[string]string{"content/stories/salmon/index.ja.md": "---\ntitle: 事例\ncompany: kanme\n---\n"},
			want:  []string{`content/stories/salmon/index.ja.md:3:10: front matter: company: there is no page "kanme" in content/companies (did you mean kaname?)`},
		},
		{
			name:  "broken link in Markdown",
			files: map[string]string{"content/about.en.md": "---\ntitle: About\n---\nIntro.\n\nSee [Kaname](companies/kaname-co.md) now.\n"},
			want:  []string{"content/about.en.md:6:5: link to content/companies/kaname-co.md: there is no such page (did you mean companies/kaname?)"},
		},
		{
			name:  "missing image",
			files: map[string]string{"content/about.ja.md": "---\ntitle: 北見\n---\n![畑](fields.jpg)\n"},
			want:  []string{"content/about.ja.md:4:1: image fields.jpg: there is no file content/fields.jpg"},
		},
		{
			name: "two pages with the same URL",
			files: map[string]string{
				"content/articles/one.ja.md": "---\ntitle: 一\nslug: two\ndate: 2026-01-01\n---\n",
			},
			want: []string{"content/articles/one.ja.md:3:7: slug: the URL /articles/two/ is already taken by content/articles/two.ja.md; choose another slug"},
			only: true,
		},
		{
			name:  "a slug taking the URL of a page before it",
			files: map[string]string{"content/articles/dup.ja.md": "---\ntitle: 重複\ndate: 2026-01-01\nslug: one\n---\n"},
			want:  []string{"content/articles/dup.ja.md:4:7: slug: the URL /articles/one/ is already taken by content/articles/one.ja.md; choose another slug"},
			only:  true,
		},
		{
			name:  "a page with the URL of a tag",
			files: map[string]string{"content/tags/テレワーク.ja.md": "---\ntitle: テレワーク\n---\n"},
			want: []string{"content/tags/テレワーク.ja.md:1:1: two pages have the URL /tags/テレワーク/: content/tags/テレワーク.ja.md and the tag page; change a file name or a slug", "content/tags: two pages have the URL /tags/: the list of content/tags/ and the tags page; change a file name or a slug",
				// English lists the section too, with the Japanese page.
				"content/tags: two pages have the URL /en/tags/: the list of content/tags/ and the tags page; change a file name or a slug"},
			only: true,
		},
		{
			name:  "a page taking the URL of a list's second page",
			files: map[string]string{"content/articles/page/2.ja.md": "---\ntitle: 重複\ndate: 2026-01-01\n---\n"},
			want:  []string{"content/articles/page/2.ja.md:1:1: two outputs would be written to articles/page/2/index.html: the section page /articles/ and content/articles/page/2.ja.md; rename one of them"},
			only:  true,
		},
		{
			name:  "a slug that would move the page",
			files: map[string]string{"content/articles/page.ja.md": "---\ntitle: 重複\ndate: 2026-01-01\nslug: page/2\n---\n"},
			want:  []string{`content/articles/page.ja.md:4:7: slug: "page/2" is not a name: a slug replaces only the last part of the page's URL (/articles/<slug>/), so it has no / or \ and is not . or ..; to move the page, move its file`},
			only:  true,
		},
		{
			name:  "aliases that cannot be old addresses",
			files: map[string]string{"content/about.ja.md": "---\ntitle: 北見について\naliases:\n  - old/about.html\n  - https://www.city.kitami.lg.jp/about/\n  - /about.php?id=3\n  - /a/../b/\n  - /\n  - 42\n  - /.htaccess\n  - /old/.env/\n---\n"},
			want: []string{
				`content/about.ja.md:4:5: front matter: aliases: "old/about.html" does not start with /: write the old address from the site's root, such as /old/page.html`,
				`content/about.ja.md:5:5: front matter: aliases: "https://www.city.kitami.lg.jp/about/" is not a path of this site: an alias is an old address of the page on this site, from its root, such as /old/page.html`,
				`content/about.ja.md:6:5: front matter: aliases: "/about.php?id=3" has a query or fragment (? or #), which a static site cannot tell apart: give the path alone`,
				`content/about.ja.md:7:5: front matter: aliases: "/a/../b/" has . or .. in it: write the address as visitors knew it`,
				`content/about.ja.md:8:5: front matter: aliases: "/" is the home page: an alias is an address that no page has now`,
				`content/about.ja.md:9:5: front matter: aliases: want a path such as /old/page.html, got 42`,
				`content/about.ja.md:10:5: front matter: aliases: "/.htaccess" names a hidden file (.htaccess): furusato publishes no name that starts with a dot, which web servers read as their own settings (.htaccess)`,
				`content/about.ja.md:11:5: front matter: aliases: "/old/.env/" names a hidden file (.env): furusato publishes no name that starts with a dot, which web servers read as their own settings (.htaccess)`,
			},
			only: true,
		},
		{
			name:  "an alias that is a file furusato writes",
			files: map[string]string{"content/about.ja.md": "---\ntitle: 北見について\naliases:\n  - /sitemap.xml\n  - /robots.txt\n---\n"},
			want: []string{
				"content/about.ja.md:4:5: front matter: aliases: /sitemap.xml would be written where furusato writes sitemap.xml; an alias is an old address that nothing on the site has now",
				"content/about.ja.md:5:5: front matter: aliases: /robots.txt would be written where furusato writes robots.txt; an alias is an old address that nothing on the site has now",
			},
			only: true,
		},
		{
			name: "an alias where furusato writes a file, or a file of the site",
			files: map[string]string{
				"content/about.ja.md": "---\ntitle: 北見について\naliases:\n  - /_headers\n  - /css/site.css\n  - /furusato-manifest.json\n---\n",
				"static/css/site.css": "p{color:red}",
			},
			want: []string{
				"content/about.ja.md:4:5: front matter: aliases: /_headers/ would need a folder _headers/, where furusato writes the file _headers; an alias is an old address that nothing on the site has now",
				"content/about.ja.md:5:5: front matter: aliases: /css/site.css would be written where static/css/site.css is published; an alias is an old address that nothing on the site has now",
				"content/about.ja.md:6:5: front matter: aliases: /furusato-manifest.json would be written where furusato writes furusato-manifest.json; an alias is an old address that nothing on the site has now",
			},
			only: true,
		},
		{
			name: "a file where a folder is needed, and a folder where a file is",
			files: map[string]string{
				"static/about":             "no extension",
				"static/sitemap.xml/a.txt": "in a folder",
			},
			want: []string{
				"static/about: is published as the file about, where furusato needs a folder of that name for about/index.html (content/about.ja.md); rename one of them",
				"static/sitemap.xml/a.txt: is published in a folder sitemap.xml/, where furusato writes the file sitemap.xml; rename the folder",
			},
			only: true,
		},
		{
			name: "a file or an alias in the photos' folder",
			files: map[string]string{
				"static/_photos/a.txt": "mine",
				"content/about.ja.md":  "---\ntitle: 北見について\naliases: [/_photos/old/]\n---\n",
			},
			want: []string{
				"content/about.ja.md:3:11: front matter: aliases: /_photos/old/ would be written in _photos/, the folder where furusato publishes the photos' sizes; an alias is an old address that nothing on the site has now",
				"static/_photos/a.txt: is published in _photos/, the folder where furusato publishes the photos' sizes; rename the folder",
			},
			only: true,
		},
		{
			name: "a page published with the text that furusato new wrote",
			files: map[string]string{
				"content/articles/four.ja.md": "---\ntitle: 四\ndate: 2026-01-01\n---\n\nここに本文を書きます。\n",
				"content/articles/four.en.md": "---\ntitle: Four\n---\nWrite the page here.\n",
				"content/articles/five.ja.md": "---\ntitle: 五\ndate: 2026-01-01\ndraft: true\n---\nここに本文を書きます。\n",
			},
			want: []string{
				`content/articles/four.en.md:4:1: the page still has the text that furusato new wrote ("Write the page here."), and would be published: write the page, or keep it a draft (draft: true) until it is written`,
				`content/articles/four.ja.md:6:1: the page still has the text that furusato new wrote ("ここに本文を書きます。"), and would be published: write the page, or keep it a draft (draft: true) until it is written`,
			},
			only: true,
		},
		{
			name: "an alias that a page or another alias has",
			files: map[string]string{
				"content/about.ja.md":            "---\ntitle: 北見について\naliases: [/old/, /companies/kaname/]\n---\n",
				"content/articles/one.ja.md":     "---\ntitle: 一\ndate: 2026-01-01\naliases:\n  - /old\n---\n",
				"content/companies/kaname.en.md": "---\ntitle: Kaname\nindustry: it\naliases: [/en/companies/kaname/]\n---\n",
			},
			want: []string{
				"content/about.ja.md:3:18: front matter: aliases: /companies/kaname/ is the URL of content/companies/kaname.ja.md; an alias is an old address that no page has now",
				"content/articles/one.ja.md:5:5: front matter: aliases: /old is already an alias of content/about.ja.md; an old address can lead to one page only",
				"content/companies/kaname.en.md:4:11: front matter: aliases: /en/companies/kaname/ is the page's own URL; an alias is an old address that the page no longer has",
			},
			only: true,
		},
		{
			name:  "a slug too long for a folder name",
			files: map[string]string{"content/articles/long.ja.md": "---\ntitle: 長い\ndate: 2026-01-01\nslug: " + strings.Repeat("長", 86) + "\n---\n"},
			want:  []string{`content/articles/long.ja.md:4:7: slug: "` + strings.Repeat("長", 20) + "…" + strings.Repeat("長", 12) + `" is too long: as a URL it is 258 bytes, and the name of a folder of the output can have at most 255 (a Japanese character takes 3); shorten the slug`},
			only:  true,
		},
		{
			name:  "a tag too long for a folder name",
			files: map[string]string{"content/articles/long.ja.md": "---\ntitle: 長い\ndate: 2026-01-01\ntags: [北見, " + strings.Repeat("タ", 86) + "]\n---\n"},
			want:  []string{`content/articles/long.ja.md:4:7: front matter: tags: "` + strings.Repeat("タ", 20) + "…" + strings.Repeat("タ", 12) + `" is too long: as a URL it is 258 bytes, and the name of a folder of the output can have at most 255 (a Japanese character takes 3); shorten the tag`},
			only:  true,
		},
		{
			// Short enough on disk, but its URL name spells out % as percent.
			name:  "a file name too long as a URL",
			files: map[string]string{"content/articles/" + strings.Repeat("%", 40) + ".ja.md": "---\ntitle: 長い\ndate: 2026-01-01\n---\n"},
			want:  []string{`content/articles/` + strings.Repeat("%", 40) + `.ja.md:1:1: the file name "percent-percent-perc…cent-percent" is too long: as a URL it is 319 bytes, and the name of a folder of the output can have at most 255 (a Japanese character takes 3); rename the file, or give the page a shorter slug`},
			only:  true,
		},
		{
			name:  "a bundle folder name too long as a URL",
			files: map[string]string{"content/stories/" + strings.Repeat("%", 40) + "/index.ja.md": "---\ntitle: 長い\n---\n"},
			want:  []string{`content/stories/` + strings.Repeat("%", 40) + `/index.ja.md:1:1: the folder name "percent-percent-perc…cent-percent" is too long: as a URL it is 319 bytes, and the name of a folder of the output can have at most 255 (a Japanese character takes 3); rename the folder, or give the page a shorter slug`},
			only:  true,
		},
		{
			name:  "a file beside a page too long as a URL",
			files: map[string]string{"content/stories/salmon/" + strings.Repeat("&", 80) + ".svg": "<svg/>"},
			want:  []string{`content/stories/salmon/` + strings.Repeat("&", 80) + `.svg: the name "and-and-and-and-and-…-and-and.svg" is too long: as a URL it is 323 bytes, and the name of a file of the output can have at most 255; rename the file`},
			only:  true,
		},
		{
			// Fingerprinting adds a hash to the name of a stylesheet.
			name:  "a file of static/ too long once fingerprinted",
			files: map[string]string{"static/css/" + strings.Repeat("a", 246) + ".css": "body{color:red}"},
			want:  []string{`static/css/` + strings.Repeat("a", 246) + `.css: the name "aaaaaaaaaaaaaaaaaaaa…aaaaaaaa.css" is too long: published as "aaaaaaaaaaaaaaaaaaaa…15c42ab7.css", it is 259 bytes, and the name of a file of the output can have at most 255; rename the file`},
			only:  true,
		},
		{
			name:  "a file of static/ named as the _headers furusato writes",
			files: map[string]string{"static/_headers": "/*\n  X-Frame-Options: DENY\n"},
			want:  []string{"static/_headers: clashes with the _headers that furusato writes; remove it: furusato's gives every file its Cache-Control from site.yaml's cache settings (cache.rules for paths of your own); other headers belong in the host's settings"},
			only:  true,
		},
		{
			name:  "a file of static/ named as the manifest furusato writes",
			files: map[string]string{"static/furusato-manifest.json": "{}"},
			want:  []string{"static/furusato-manifest.json: clashes with the furusato-manifest.json that furusato writes; rename it: furusato's lists the published files for furusato deploy"},
			only:  true,
		},
		{
			name: "files of static/ named as the sitemap, robots.txt and a feed",
			files: map[string]string{
				"static/sitemap.xml":       "<urlset/>",
				"static/robots.txt":        "User-agent: *\n",
				"static/articles/feed.xml": "<feed/>",
			},
			want: []string{
				"static/sitemap.xml: clashes with the sitemap.xml that furusato writes; remove it: furusato's lists every page of the site",
				"static/robots.txt: clashes with the robots.txt that furusato writes; remove it: furusato's allows every page and names the sitemap",
				"static/articles/feed.xml: clashes with the feed articles/feed.xml that furusato writes; remove it from static/articles/, or rename it",
			},
			only: true,
		},
		{
			name:  "two files for one language",
			files: map[string]string{"content/about.md": "---\ntitle: 重複\n---\n"},
			want:  []string{"content/about.md:1:1: ja is also written in content/about.ja.md: each language can have one version of a page (check file names and translationKey)"},
		},
		{
			name:  "template syntax error",
			files: map[string]string{"templates/page.html": "{{define \"main\"}}\n<h1>{{.Page.Title}</h1>\n{{end}}\n"},
			want:  []string{`templates/page.html:2:18: an action is closed with one }: close it with }}, as in {{.Page.Title}}`},
		},
		{
			name: "a block without its end, a function that does not exist",
			files: map[string]string{
				"templates/page.html": "{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>{{/* {{if}} in a comment */}}\n<ul>{{range .Page.Tags}}<li>{{.}}{{end}}</ul>\n  {{ if .Page.Title }}<p>{{.Page.Title}}\n{{end}}\n",
				"templates/home.html": "{{define \"main\"}}\n<p>{{ nosuchfunc .Page.Title }}</p>\n{{end}}\n",
			},
			want: []string{
				"templates/page.html:1:1: an {{end}} is missing: the file ends before this {{define}} is closed; perhaps the {{if}} on line 4 lacks its {{end}}: the {{end}} that closes it is indented as for another block",
				"templates/home.html:2:7: there is no function nosuchfunc: check its spelling, or define it",
			},
		},
		{
			// Every inner block is closed, on its line or indented as
			// it opened: no block is suspected but the one left open.
			name:  "the last {{end}} missing",
			files: map[string]string{"templates/page.html": "{{define \"main\"}}\n<article>\n  {{- if .Page.Title}}\n  <p>{{.Page.Title}}</p>\n  {{- end}}\n  {{- with .Page.Tags}}<p>{{len .}}</p>{{end}}\n</article>\n"},
			want:  []string{"templates/page.html:1:1: an {{end}} is missing: the file ends before this {{define}} is closed"},
			only:  true,
		},
		{
			name:  "an inner {{end}} missing",
			files: map[string]string{"templates/page.html": "{{define \"main\"}}\n<article>\n  {{- if .Page.Title}}\n  <p>{{.Page.Title}}</p>\n  {{- with .Page.Tags}}<p>{{len .}}</p>{{end}}\n</article>\n{{end}}\n"},
			want:  []string{"templates/page.html:1:1: an {{end}} is missing: the file ends before this {{define}} is closed; perhaps the {{if}} on line 3 lacks its {{end}}: the {{end}} that closes it is indented as for another block"},
			only:  true,
		},
		{
			// The escaper notices in base.html, after the page's block.
			name:  "an attribute's quote left open",
			files: map[string]string{"templates/page.html": "{{define \"main\"}}\n<article class=\"{{.Page.Title}}>\n<p title='ok'>{{.Page.Title}}</p>\n</article>\n{{end}}\n"},
			want:  []string{"templates/page.html:2:16: the quote that opens the value of class= is not closed: add the closing \" before the tag's >"},
			only:  true,
		},
		{
			name: "what the template parser says in its own words",
			files: map[string]string{
				"templates/page.html": "{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n  {{ if }}<p>x</p>{{end}}\n{{end}}\n",
				"templates/home.html": "{{define \"main\"}}\n<p>{{ $x }}</p>\n{{end}}\n",
				"templates/404.html":  "{{define \"main\"}}\n<p>x</p>\n{{end}}\n  {{- end}}\n",
			},
			want: []string{
				"templates/page.html:3:3: {{if}} needs a value, such as {{if .Page.Image}}",
				"templates/home.html:2:7: there is no variable $x here: set it first in this template with {{$x := …}} (a template does not see the variables of the one that calls it), or check its spelling",
				"templates/404.html:4:3: this {{end}} closes no block: remove it, or add the {{if}}, {{range}} or {{with}} it was written for",
			},
		},
		{
			name:  "template execution error",
			files: map[string]string{"templates/page.html": "{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n<p>{{.Page.Nonsense}}</p>\n{{end}}\n"},
			want:  []string{`templates/page.html:3:11: <.Page.Nonsense>: can't evaluate field Nonsense in type *site.Page (rendering /about/)`},
		},
		{
			name:  "template calls a missing partial",
			files: map[string]string{"templates/page.html": "{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n\n\n{{template \"partials/nope.html\" .}}\n{{end}}\n"},
			want:  []string{`templates/page.html:5:12: no such template "partials/nope.html" (rendering /about/)`},
			only:  true,
		},
		{
			name:  "template branches end in different contexts",
			files: map[string]string{"templates/page.html": "{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n  {{if .Page.Title}}<a href='{{end}}\n{{end}}\n"},
			want:  []string{"templates/page.html:3:8: {{if}} branches end in different contexts"},
		},
		{
			name:  "template error after Japanese text",
			files: map[string]string{"templates/page.html": "{{define \"main\"}}\n<h1>北見市の{{.Page.Titl}}</h1>\n{{end}}\n"},
			want:  []string{"templates/page.html:2:16: <.Page.Titl>: can't evaluate field Titl in type *site.Page"},
		},
		{
			name:  "Shift_JIS template",
			files: map[string]string{"templates/404.html": shiftJIS(t, "{{define \"main\"}}\n<h1>ページが見つかりません</h1>{{end}}\n")},
			want:  []string{"templates/404.html:2:5: the file is not UTF-8: it looks like Shift_JIS (the old Windows Japanese encoding). Save it as UTF-8"},
			only:  true,
		},
		{
			name:  "template link to a missing page",
			files: map[string]string{"templates/home.html": "{{define \"main\"}}\n<a href=\"{{ref \"companies/nope\"}}\">x</a>{{end}}\n"},
			want:  []string{`templates/home.html:2:12: ref: there is no page "companies/nope" (did you mean companies/kaname?) (rendering /)`},
		},
		{
			name:  "missing UI string",
			files: map[string]string{"templates/404.html": "{{define \"main\"}}{{t \"mre\"}}{{end}}\n"},
			want:  []string{`templates/404.html:1:20: t: no UI string "mre" for en in site.yaml (did you mean more?) (rendering /en/404.html)`, `templates/404.html:1:20: t: no UI string "mre" for ja in site.yaml (did you mean more?) (rendering /404.html)`},
		},
		{
			name:  "unknown key in site.yaml",
			files: map[string]string{"site.yaml": "baseURL: https://example.jp/\npagnate: 3\nlanguages: [{code: ja, title: T}]\n"},
			want:  []string{"site.yaml:2:1: unknown key pagnate (did you mean paginate?)"},
		},
		{
			name:  "page saved by Notepad with .txt",
			files: map[string]string{"content/notepad.ja.md.txt": "---\ntitle: メモ\n---\n"},
			want:  []string{"content/notepad.ja.md.txt: this looks like a page, but its name does not end in .md, so it is not read (Notepad adds .txt when saving): rename it to notepad.ja.md, or delete it"},
			only:  true,
		},
		{
			name:  "page with a name in capitals",
			files: map[string]string{"content/Upper.JA.MD": "---\ntitle: 大文字\n---\n"},
			want:  []string{"content/Upper.JA.MD: this looks like a page, but furusato reads pages only from names ending in .md in small letters: rename it to Upper.ja.md"},
			only:  true,
		},
		{
			name:  "menu entry naming a missing page",
			files: map[string]string{"site.yaml": strings.Replace(readSiteYAML(t), "      - page: companies\n      - title: 市役所", "      - page: compnies\n      - title: 市役所", 1)},
			want:  []string{`site.yaml:11:15: menu: there is no page "compnies" (did you mean companies?); give a content path such as companies or about`},
			only:  true,
		},
		{
			name:  "front matter nested too deep",
			files: map[string]string{"content/about.ja.md": "---\ntitle: 北見\ntx: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n---\n"},
			want:  []string{"content/about.ja.md:3:69: front matter: lists and mappings are nested more than 64 deep here; check the [ ] and { } brackets"},
			only:  true,
		},
		{
			name:  "two files published at one path",
			files: map[string]string{"content/stories/salmon/Photo.SVG": "<svg/>"},
			want:  []string{"content/stories/salmon/photo.svg: content/stories/salmon/Photo.SVG and content/stories/salmon/photo.svg would both be published as stories/salmon/photo.svg; rename one"},
			only:  true,
		},
		{
			name: "embeds: a site that site.yaml leaves out, a missing title",
			files: map[string]string{
				"site.yaml": strings.Replace(readSiteYAML(t), "paginate: 2\n", "paginate: 2\nmarkdown:\n  embeds: [www.youtube.com]\n", 1),
				"content/about.ja.md": "---\ntitle: 北見について\n---\n本文\n\n```embed\nhttps://docs.google.com/forms/d/e/1FAIpQLSf/viewform\ntitle: 申込\n```\n\n" +
					"```embed\nhttps://youtu.be/abcDEF_-123\n```\n",
			},
			want: []string{
				"content/about.ja.md:7:1: embed: Google Forms forms are turned off in site.yaml: add docs.google.com to markdown: embeds to show them (this site shows YouTube videos)",
				"content/about.ja.md:11:1: embed: the title is missing; add a line title: that says what the video shows, such as title: 北見市役所の地図 (screen readers read it out)",
			},
			only: true,
		},
		{
			name:  "embeds: a host furusato cannot embed from",
			files: map[string]string{"site.yaml": strings.Replace(readSiteYAML(t), "paginate: 2\n", "paginate: 2\nmarkdown:\n  embeds:\n    - www.youtube.com\n    - vimeo.com\n", 1)},
			want:  []string{`site.yaml:6:7: markdown: embeds: furusato cannot embed from "vimeo.com"; list some of www.youtube.com, www.openstreetmap.org, www.google.com, docs.google.com, logoform.jp (YouTube, OpenStreetMap, Google Maps, Google Forms, LoGoフォーム)`},
			only:  true,
		},
		{
			name: "a .well-known folder in content/, once for its files",
			files: map[string]string{
				"content/.well-known/security.txt": "Contact: mailto:koho@example.jp\n",
				"content/.well-known/policy.ja.md": "---\ntitle: 方針\n---\n本文\n",
			},
			want: []string{"content/.well-known: a .well-known folder in content/ is not published: files that other services look for at /.well-known/ (security.txt, assetlinks.json) go in static/.well-known/, which is published as it is"},
			only: true,
		},
		{
			name: "names that differ only in case: an alias, static folders",
			files: map[string]string{
				"content/about.ja.md":  "---\ntitle: 北見について\naliases: [/ABOUT/]\n---\n本文\n",
				"static/img/logo.png":  "png",
				"static/IMG/other.png": "png",
			},
			want: []string{
				"content/about.ja.md:3:11: front matter: aliases: /ABOUT/ differs from /about/ (content/about.ja.md) only in small and capital letters: on Windows and macOS they are one address, and the alias would overwrite it; change the alias",
				"static/img/logo.png: /img/ differs from /IMG/ (static/IMG/other.png) only in small and capital letters: on Windows and macOS they are one name, where one file would overwrite the other or two folders become one; rename the file or folder",
			},
			only: true,
		},
		{
			name:  "front matter never closed",
			files: map[string]string{"content/about.ja.md": "---\ntitle: 北見\n\n本文\n"},
			want:  []string{"content/about.ja.md:1:1: front matter starts here with --- but never ends: add a line with --- after the last key"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			_, err := buildtest.BuildFS(t, basicWith(t, tt.files), build.Options{Out: out})
			if err == nil {
				t.Fatal("build succeeded; want an error")
			}
			lines := errorLines(err)
			got := strings.Join(lines, "\n")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("want error\n  %s\ngot\n  %s", w, strings.ReplaceAll(got, "\n", "\n  "))
				}
			}
			if tt.only && len(lines) != len(tt.want) {
				t.Errorf("want only %d errors, got %d:\n%s", len(tt.want), len(lines), got)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a failed build wrote %s", out)
			}
		})
	}
}

func readSiteYAML(t *testing.T) string {
	return string(buildtest.FS(readArchive(t, "basic.txtar"))["site.yaml"].Data)
}

// exampleWith is the example site with some files replaced.
func exampleWith(t *testing.T, change func(name, text string) string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(repoRoot), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		top, _, _ := strings.Cut(p, "/")
		if d.IsDir() || (top != "content" && top != "templates" && top != "static" && p != "site.yaml") {
			return nil
		}
		data, err := fs.ReadFile(os.DirFS(repoRoot), p)
		if err != nil {
			return err
		}
		fsys[p] = &fstest.MapFile{Data: []byte(change(p, string(data)))}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// TestAliasOfTheSearchIndex: the search index's files are furusato's
// too, and an alias that names one is reported at the alias.
func TestAliasOfTheSearchIndex(t *testing.T) {
	fsys := exampleWith(t, func(name, text string) string {
		if name == "content/about.ja.md" {
			return strings.Replace(text, "\nweight: 1\n", "\nweight: 1\naliases: [/search/index.json, /en/search/index.json/]\n", 1)
		}
		return text
	})
	_, err := buildtest.BuildFS(t, fsys, build.Options{})
	got := strings.Join(errorLines(err), "\n")
	want := "content/about.ja.md:6:11: front matter: aliases: /search/index.json would be written where furusato writes search/index.json; an alias is an old address that nothing on the site has now\n" +
		"content/about.ja.md:6:31: front matter: aliases: /en/search/index.json/ would need a folder en/search/index.json/, where furusato writes the file en/search/index.json; an alias is an old address that nothing on the site has now"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestOneMistakeOneError checks that a mistake is reported once, where it
// is made, and not again through what depends on it: the pages that refer
// to the page, the translations that inherit from it, the templates that
// show it.
func TestOneMistakeOneError(t *testing.T) {
	for _, tt := range []struct {
		name, file, old, new, want string
	}{
		{"a reference with a typo", "content/stories/accountant/index.ja.md", "company: kaname", "company: kanme",
			`content/stories/accountant/index.ja.md:7:10: front matter: company: there is no page "kanme" in content/companies (did you mean kaname?)`},
		{"a key with a typo", "content/companies/kaname.ja.md", "industry: software", "industy: software",
			"content/companies/kaname.ja.md:5:1: front matter: unknown key industy (did you mean industry?)"},
		{"front matter that does not parse", "content/companies/kaname.ja.md", "industry: software", "industry: [software",
			"content/companies/kaname.ja.md:"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := exampleWith(t, func(name, text string) string {
				if name == tt.file {
					if !strings.Contains(text, tt.old) {
						t.Fatalf("%s has no %q", name, tt.old)
					}
					return strings.Replace(text, tt.old, tt.new, 1)
				}
				return text
			})
			_, err := buildtest.BuildFS(t, fsys, build.Options{})
			errs := diag.All(err)
			if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), tt.want) {
				var got []string
				for _, e := range errs {
					got = append(got, e.Error())
				}
				t.Errorf("got %d errors:\n%s\nwant one: %s", len(errs), strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

// TestUIStringMissingInOneLanguage: a UI string that one language lacks is
// a warning, and that language's pages show the other language's text
// until it is written.
func TestUIStringMissingInOneLanguage(t *testing.T) {
	fsys := basicWith(t, map[string]string{
		"site.yaml":          strings.Replace(readSiteYAML(t), "strings: {more: More, min: \"%d min\"}", "strings: {min: \"%d min\"}", 1),
		"templates/404.html": "{{define \"main\"}}<p class=\"more\">{{t \"more\"}}</p>{{end}}\n",
	})
	dir := t.TempDir()
	res, err := build.Build(t.Context(), build.Options{Site: fsys, Out: filepath.Join(dir, "public"), NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	want := `site.yaml:19:15: warning: strings: "more" is missing for en: its pages show the ja text "続き" until it is written`
	if got := warningLines(res, "strings:"); len(got) != 1 || got[0] != want {
		t.Errorf("warnings %q, want %q", got, want)
	}
	data, err := os.ReadFile(filepath.Join(dir, "public", "en", "404.html"))
	if err != nil || !strings.Contains(string(data), `<p class="more">続き</p>`) {
		t.Errorf("en/404.html: %v\n%s", err, data)
	}
}
