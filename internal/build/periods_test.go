package build_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/watch"
)

// day is the start of a day in Tokyo, as furusato build --date gives it.
func day(t *testing.T, s string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	d, err := time.ParseInLocation("2006-01-02", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestApplicationStatus(t *testing.T) {
	archive := readArchive(t, "periods.txtar")
	for _, tc := range []struct {
		date            string
		fy, dates, open string // status of each programme
	}{
		{"2027-03-31", "受付予定", "受付予定", "受付中"}, // before both periods
		{"2027-04-01", "受付中", "受付予定", "受付中"},  // the fiscal year's first day
		{"2027-05-10", "受付中", "受付中", "受付中"},   // apply_from's day
		{"2027-06-30", "受付中", "受付中", "受付中"},   // apply_until: 2027-06 is all of June
		{"2027-07-01", "受付中", "受付終了", "受付中"},
		{"2028-03-31", "受付中", "受付終了", "受付中"}, // the fiscal year's last day
		{"2028-04-01", "受付終了", "受付終了", "受付中"},
	} {
		t.Run(tc.date, func(t *testing.T) {
			out := buildtest.MustBuild(t, archive, build.Options{NoMinify: true, Now: day(t, tc.date)})
			out.Contains(t, "programs/fy/index.html", `<p class="status">`+tc.fy+`</p>`, `<p class="period">2027 2027-04-01..2028-03-31</p>`, `<p class="today">`+tc.date+`</p>`)
			out.Contains(t, "programs/dates/index.html", `<p class="status">`+tc.dates+`</p>`, `<p class="period">0 2027-05-10..2027-06</p>`)
			out.Contains(t, "programs/open/index.html", `<p class="status">`+tc.open+`</p>`)
			// The translation inherits the period, and says its status in English.
			en := map[string]string{"受付予定": "Not open yet", "受付中": "Open", "受付終了": "Closed"}[tc.fy]
			out.Contains(t, "en/programs/fy/index.html", `<p class="status">`+en+`</p>`)
			// Lists show the status too.
			status := map[string]string{"受付予定": "upcoming", "受付中": "open", "受付終了": "closed"}
			out.Contains(t, "programs/index.html", `<a class="item" href="/programs/fy/">年度の制度</a><span class="`+status[tc.fy]+`">`)
		})
	}
}

func TestExpires(t *testing.T) {
	archive := readArchive(t, "periods.txtar")
	before := buildtest.MustBuild(t, archive, build.Options{NoMinify: true, Now: day(t, "2027-03-31")})
	for _, f := range []string{"programs/notice/index.html", "en/programs/notice/index.html"} {
		if !before.Exists(f) {
			t.Errorf("%s missing the day before the page expires", f)
		}
	}
	before.Contains(t, "programs/index.html", `href="/programs/notice/"`)
	before.Contains(t, "sitemap.xml", "https://example.jp/programs/notice/")
	before.Contains(t, "programs/feed.xml", "https://example.jp/programs/notice/")

	for _, date := range []string{"2027-04-01", "2030-01-01"} {
		res, err := build.Build(t.Context(), build.Options{Site: buildtest.FS(archive), Out: t.TempDir(), NoMinify: true, Now: day(t, date)})
		if err != nil {
			t.Fatal(err)
		}
		ex := res.Site.Expired()
		if len(ex) != 2 || ex[0].File != "content/programs/notice.en.md" || ex[1].File != "content/programs/notice.ja.md" || ex[1].Expires.Format("2006-01-02") != "2027-04-01" {
			t.Errorf("%s: Expired() = %+v, want both notice files", date, ex)
		}
		after := buildtest.MustBuild(t, archive, build.Options{NoMinify: true, Now: day(t, date)})
		for _, f := range []string{"programs/notice/index.html", "en/programs/notice/index.html"} {
			if after.Exists(f) {
				t.Errorf("%s: %s is published after it expired", date, f)
			}
		}
		after.Lacks(t, "programs/index.html", "notice")
		after.Lacks(t, "index.html", "notice")
		after.Lacks(t, "sitemap.xml", "notice")
		after.Lacks(t, "programs/feed.xml", "notice")
		after.Contains(t, "programs/index.html", `href="/programs/fy/"`)
	}
}

func TestPeriodErrors(t *testing.T) {
	for _, tc := range []struct{ front, want string }{
		{"apply_from: 2027-06-01\napply_until: 2027-05-31", "content/programs/p.ja.md:4:14: front matter: apply_until: the period ends (2027-05-31) before it starts (apply_from: 2027-06-01)"},
		{"apply_from: 2027-06-01\napply_until: 2027-05", "content/programs/p.ja.md:4:14: front matter: apply_until: the period ends"},
		{"fiscal_year: 2027\napply_until: 2027-05-31", "content/programs/p.ja.md:4:14: front matter: apply_until: the period is already fiscal_year 2027 (2027-04-01 to 2028-03-31)"},
		{"fiscal_year: 27", "content/programs/p.ja.md:3:14: front matter: fiscal_year: want a year such as 2027"},
		{"expires: soon", "content/programs/p.ja.md:3:10: front matter: expires: want a date"},
		{"fiscal_year: 来年", "content/programs/p.ja.md:3:14: front matter: fiscal_year: want a year such as 2027, got"},
		{"fiscal_year: 令和9", "content/programs/p.ja.md:3:14: front matter: fiscal_year: 令和9 is 2027: write the year as a number in the Western calendar, fiscal_year: 2027"},
	} {
		fsys := buildtest.FS(readArchive(t, "periods.txtar"))
		fsys["content/programs/p.ja.md"] = mapFile("---\ntitle: P\n" + tc.front + "\n---\n")
		_, err := buildtest.BuildFS(t, fsys, build.Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %q", tc.front, err, tc.want)
		}
	}
	// A year typed with full-width digits (a Japanese input method) is
	// the year it shows.
	fsys := buildtest.FS(readArchive(t, "periods.txtar"))
	fsys["content/programs/p.ja.md"] = mapFile("---\ntitle: P\nfiscal_year: ２０２７\n---\n")
	res, err := buildtest.BuildFS(t, fsys, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Result.Site.Pages {
		if p.File == "content/programs/p.ja.md" {
			if a := p.Application; a == nil || a.FiscalYear != 2027 {
				t.Errorf("fiscal_year: ２０２７ gave %+v", a)
			}
		}
	}
	// A period of one day is fine.
	fsys = buildtest.FS(readArchive(t, "periods.txtar"))
	fsys["content/programs/p.ja.md"] = mapFile("---\ntitle: P\napply_from: 2027-06-01\napply_until: 2027-06-01\n---\n")
	if _, err := buildtest.BuildFS(t, fsys, build.Options{}); err != nil {
		t.Error(err)
	}
}

func mapFile(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s), Mode: 0o644} }

// A page that leaves the site on its expires date does not stop the
// build of pages that link to it: their links become text and their
// references to it are left out, with a warning each, so that the
// morning's rebuild publishes the site without the page.
func TestLinksToExpiredPages(t *testing.T) {
	fsys := buildtest.FS(readArchive(t, "periods.txtar"))
	site := string(fsys["site.yaml"].Data)
	site = strings.Replace(site, "    feed: true\n", "    feed: true\n    fields:\n      - {name: about, type: ref, section: programs}\n", 1)
	site = strings.Replace(site, "    title: テストサイト\n", "    title: テストサイト\n    menu:\n      - {page: programs/notice}\n      - {page: programs/fy}\n", 1)
	fsys["site.yaml"] = mapFile(site)
	fsys["templates/page.html"] = mapFile(`{{define "main"}}<h1>{{.Page.Title}}</h1>{{with .Page.Param "about"}}<p class="about">{{.Title}}</p>{{end}}{{.Page.Fields}}<div>{{.Page.Content}}</div>{{end}}`)
	fsys["content/programs/links.ja.md"] = mapFile("---\ntitle: リンク\ndate: 2026-01-01\nabout: notice\n---\n[お知らせ](notice.ja.md)と[年度の制度](fy.ja.md)を見てください。\n")

	before, err := buildtest.BuildFS(t, fsys, build.Options{NoMinify: true, Now: day(t, "2027-03-31")})
	if err != nil {
		t.Fatal(err)
	}
	before.Contains(t, "programs/links/index.html", `<p class="about">期限のあるお知らせ</p>`, `<a href="/programs/notice/">お知らせ</a>`)

	after, err := buildtest.BuildFS(t, fsys, build.Options{NoMinify: true, Now: day(t, "2027-04-01")})
	if err != nil {
		t.Fatalf("a link to an expired page stops the build: %v", err)
	}
	after.Contains(t, "programs/links/index.html", `<div><p>お知らせと<a href="/programs/fy/">年度の制度</a>を見てください。</p>`)
	after.Lacks(t, "programs/links/index.html", "notice", `class="about"`)
	var warnings []string
	for _, w := range after.Result.Warnings {
		warnings = append(warnings, w.Warning())
	}
	for _, want := range []string{
		"content/programs/links.ja.md:4:8: warning: front matter: about: programs/notice is expired (2027-04-01), so it is not published; the page shows no about",
		"content/programs/links.ja.md:6:1: warning: link to content/programs/notice.ja.md: that page is expired (2027-04-01), so it is not published; its text is shown without the link",
		"site.yaml:7:16: warning: menu: the page \"programs/notice\" is expired (2027-04-01), so it is not published; the menu leaves it out",
	} {
		if !slices.Contains(warnings, want) {
			t.Errorf("no warning %q in:\n%s", want, strings.Join(warnings, "\n"))
		}
	}

	// In serve, a rebuild after the link is taken out of the text no
	// longer warns of it (the page is converted again, its front matter
	// the same).
	dir := writeFS(t, fsys)
	files := watch.NewFS(dir)
	b := build.NewBuilder(build.Options{Site: files, SiteDir: dir, Now: day(t, "2027-04-01")})
	if _, _, err := b.Memory(t.Context()); err != nil {
		t.Fatal(err)
	}
	editFile(t, dir, "content/programs/links.ja.md", "[お知らせ](notice.ja.md)と", "")
	files.Forget([]string{"content/programs/links.ja.md"})
	res, _, err := b.Memory(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if res.Kept == 0 {
		t.Error("the rebuild made the site anew; it should have converted the one page again")
	}
	for _, w := range res.Warnings {
		if strings.Contains(w.Msg, "link to") {
			t.Errorf("after the link was taken out: %s", w.Warning())
		}
	}
	if len(res.Warnings) != 2 {
		t.Errorf("want the reference's and the menu's warnings alone, got %v", res.Warnings)
	}

	// A draft is another thing: a link to it is an error, as before.
	fsys["content/programs/notice.ja.md"] = mapFile("---\ntitle: 下書き\ndraft: true\n---\n")
	_, err = buildtest.BuildFS(t, fsys, build.Options{NoMinify: true, Now: day(t, "2027-03-31")})
	for _, want := range []string{"that page is a draft", `menu: the page "programs/notice" is a draft, so it is not published; publish it, or take it out of the menu`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("a link to a draft: %v, want %q", err, want)
		}
	}
}
