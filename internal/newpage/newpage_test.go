package newpage_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/furusato/furusato"
	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/newpage"
	"github.com/furusato/furusato/internal/sitefiles"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// exampleSite copies the example site into a temporary folder.
func exampleSite(t *testing.T) (string, *config.Config) {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, furusato.Example()); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(sitefiles.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	return dir, cfg
}

// write makes a new page in the site folder and returns its files.
func write(t *testing.T, dir string, cfg *config.Config, req newpage.Request) []newpage.File {
	t.Helper()
	if req.Now.IsZero() {
		req.Now = buildtest.Now
	}
	files, err := newpage.Files(sitefiles.Dir(dir), cfg, req)
	if err != nil {
		t.Fatalf("Files(%s/%s): %v", req.Section, req.Name, err)
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// load reads content/ and returns its sources by file.
func load(t *testing.T, dir string, cfg *config.Config) map[string]*content.Source {
	t.Helper()
	c, err := content.Load(context.Background(), sitefiles.Dir(dir), cfg, nil)
	if err != nil {
		t.Fatalf("content does not load:\n%v", err)
	}
	m := map[string]*content.Source{}
	for _, s := range c.Sources {
		m[s.File] = s
	}
	return m
}

// TestGolden keeps the text of a new company page, in both languages,
// for review: go test -update rewrites it.
func TestGolden(t *testing.T) {
	dir, cfg := exampleSite(t)
	for _, f := range write(t, dir, cfg, newpage.Request{Section: "companies", Name: "acme"}) {
		golden := filepath.Join("testdata", filepath.Base(f.Path)+".golden")
		if *update {
			if err := os.WriteFile(golden, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if string(f.Data) != string(want) {
			t.Errorf("%s differs from %s:\n%s", f.Path, golden, f.Data)
		}
	}
}

// TestNewPagesRead makes a page in each section of the example site and
// reads it back: the keys written are those that belong in each language,
// with no value, and the date and draft are read as such.
func TestNewPagesRead(t *testing.T) {
	dir, cfg := exampleSite(t)
	for _, sec := range cfg.SectionNames() {
		files := write(t, dir, cfg, newpage.Request{Section: sec, Name: "new-" + sec})
		if len(files) != 2 || files[0].Path != "content/"+sec+"/new-"+sec+".ja.md" || files[1].Path != "content/"+sec+"/new-"+sec+".en.md" {
			t.Fatalf("%s: files %v", sec, paths(files))
		}
	}
	sources := load(t, dir, cfg)
	for _, sec := range cfg.SectionNames() {
		ja, en := sources["content/"+sec+"/new-"+sec+".ja.md"], sources["content/"+sec+"/new-"+sec+".en.md"]
		if ja == nil || en == nil {
			t.Fatalf("%s: the new pages were not read", sec)
		}
		for _, s := range []*content.Source{ja, en} {
			if s.Params["title"] != "new-"+sec {
				t.Errorf("%s: title %v", s.File, s.Params["title"])
			}
			if !s.Keys.Has("description") || s.Params["description"] != nil {
				t.Errorf("%s: description %v, want an empty key", s.File, s.Params["description"])
			}
			if len(s.Body) == 0 {
				t.Errorf("%s: no body", s.File)
			}
		}
		if d, ok := ja.Params["date"].(content.Date); !ok || d.Format("2006-01-02") != "2026-11-24" || d.Precision != content.Day {
			t.Errorf("%s: date %v, want 2026-11-24 (buildtest.Now in Tokyo)", ja.File, ja.Params["date"])
		}
		if ja.Params["draft"] != true {
			t.Errorf("%s: draft %v", ja.File, ja.Params["draft"])
		}
		if en.Keys.Has("date") || en.Keys.Has("draft") {
			t.Errorf("%s: has date or draft, which it inherits", en.File)
		}
		for _, f := range cfg.Sections[sec].Fields {
			wantJa := !f.Required
			wantEn := !f.Required && f.Translated()
			if ja.Keys.Has(f.Name) != wantJa || en.Keys.Has(f.Name) != wantEn {
				t.Errorf("%s: %s (%s, required %v) written in ja %v, en %v; want %v, %v",
					sec, f.Name, f.Type, f.Required, ja.Keys.Has(f.Name), en.Keys.Has(f.Name), wantJa, wantEn)
			}
			if v, ok := ja.Params[f.Name]; ok {
				t.Errorf("%s: %s has the value %v", ja.File, f.Name, v)
			}
		}
	}
}

// sample is a value a user writes for each type, and what it reads as.
var sample = map[string]struct {
	yaml string
	want any
}{
	config.TypeString: {"一行", "一行"},
	config.TypeText:   {"長い文章", "長い文章"},
	config.TypeInt:    {"3", 3},
	config.TypeBool:   {"true", true},
	config.TypeURL:    {"https://example.jp/", "https://example.jp/"},
	config.TypeYen:    {"200000", content.Yen(200000)},
	config.TypeOnline: {"true", true},
	config.TypeFee:    {"3000", content.Yen(3000)},
}

// fill writes a value for every field into a new page's files, as a user
// following the comments would: uncommenting the required ones.
func fill(t *testing.T, dir string, cfg *config.Config, sec *config.Section, files []newpage.File) map[string]any {
	t.Helper()
	want := map[string]any{}
	for i, f := range files {
		text := string(f.Data)
		text = strings.Replace(text, "draft: true", "draft: false", 1)
		// The text too: a page published with the placeholder is an error.
		for _, placeholder := range content.Placeholders {
			text = strings.Replace(text, placeholder, "長い文章の本文。", 1)
		}
		for _, field := range sec.Fields {
			var value string
			switch typ := field.Type; {
			case typ == config.TypeEnum:
				value, want[field.Name] = field.Values[0].Value, field.Values[0].Value
			case typ == config.TypeRef:
				value, want[field.Name] = "kaname", "kaname"
			case typ == config.TypeDate && sec.Kind == config.KindEvents:
				// An event's dates are days: start, end and deadline on one.
				value, want[field.Name] = "2010-07-01", "2010-07"
			case typ == config.TypeDate:
				value, want[field.Name] = "2010-07", "2010-07"
			case typ == config.TypeList && field.Of == config.TypeRef:
				value, want[field.Name] = "[employment-subsidy, airfare-subsidy]", "[employment-subsidy airfare-subsidy]"
			case typ == config.TypeList:
				value, want[field.Name] = "[一つ目, 二つ目]", "[一つ目 二つ目]"
			default:
				s, ok := sample[typ]
				if !ok {
					t.Fatalf("no sample value for %s", typ)
				}
				value, want[field.Name] = s.yaml, s.want
			}
			line := regexp.MustCompile(`(?m)^(# )?` + field.Name + `:$`)
			if i == 0 || field.Translated() {
				if !line.MatchString(text) {
					t.Fatalf("%s has no line for %s:\n%s", f.Path, field.Name, text)
				}
				text = line.ReplaceAllLiteralString(text, field.Name+": "+value)
			} else if line.MatchString(text) {
				t.Errorf("%s has a line for %s, which it inherits", f.Path, field.Name)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(f.Path)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return want
}

// TestFilledPagesPublish fills in a new page of each section with a value
// for every field, of every type the example site declares, and
// publishes it: the values read back as written, and the site builds.
func TestFilledPagesPublish(t *testing.T) {
	dir, cfg := exampleSite(t)
	types := map[string]bool{}
	for _, name := range cfg.SectionNames() {
		sec := cfg.Sections[name]
		files := write(t, dir, cfg, newpage.Request{Section: name, Name: "filled", Bundle: name == "stories"})
		want := fill(t, dir, cfg, sec, files)
		sources := load(t, dir, cfg)
		ja := sources[files[0].Path]
		for _, field := range sec.Fields {
			types[field.Type+"/"+field.Of] = true
			got := ja.Params[field.Name]
			switch v := got.(type) {
			case content.Date:
				got = v.Format("2006-01")
			case content.Ref:
				got = v.Name
			case []any:
				var items []string
				for _, item := range v {
					if r, ok := item.(content.Ref); ok {
						item = r.Name
					}
					items = append(items, fmt.Sprint(item))
				}
				got = "[" + strings.Join(items, " ") + "]"
			}
			if !reflect.DeepEqual(got, want[field.Name]) {
				t.Errorf("%s: %s = %#v, want %#v", ja.File, field.Name, got, want[field.Name])
			}
		}
	}
	for _, typ := range []string{"string/", "text/", "int/", "bool/", "date/", "url/", "enum/", "ref/", "yen/", "list/string", "list/ref"} {
		if !types[typ] {
			t.Errorf("the example site has no field of type %s: the test no longer covers it", typ)
		}
	}
	out, err := buildtest.BuildFS(t, sitefiles.Dir(dir), build.Options{})
	if err != nil {
		t.Fatalf("the site with the filled pages does not build:\n%v", err)
	}
	out.Contains(t, "companies/filled/index.html", "2010")
	out.Contains(t, "en/stories/filled/index.html", "長い文章")
}

// TestDraftBuilds checks that a new page, as written, builds at once: left
// out of the site, and shown with drafts.
func TestDraftBuilds(t *testing.T) {
	dir, cfg := exampleSite(t)
	for _, name := range cfg.SectionNames() {
		write(t, dir, cfg, newpage.Request{Section: name, Name: "新しい" + name})
	}
	out, err := buildtest.BuildFS(t, sitefiles.Dir(dir), build.Options{})
	if err != nil {
		t.Fatalf("the site with new drafts does not build:\n%v", err)
	}
	if out.Exists("companies/新しいcompanies/index.html") {
		t.Error("the draft is published")
	}
	out, err = buildtest.BuildFS(t, sitefiles.Dir(dir), build.Options{Drafts: true})
	if err != nil {
		t.Fatalf("the site with new drafts does not build with drafts:\n%v", err)
	}
	out.Contains(t, "companies/新しいcompanies/index.html", "新しいcompanies")
	out.Contains(t, "en/stories/新しいstories/index.html", "Write the page here.")
}

// TestSectionWithoutFields makes a page in a folder of content/ that
// site.yaml does not describe: only the common keys.
func TestSectionWithoutFields(t *testing.T) {
	dir, cfg := exampleSite(t)
	if err := os.Mkdir(filepath.Join(dir, "content", "notes"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := write(t, dir, cfg, newpage.Request{Section: "notes", Name: "first", Bundle: true})
	if got := paths(files); got != "content/notes/first/index.ja.md content/notes/first/index.en.md" {
		t.Fatalf("files %s", got)
	}
	ja := load(t, dir, cfg)["content/notes/first/index.ja.md"]
	var keys []string
	for _, k := range ja.Keys {
		keys = append(keys, k.Name)
	}
	if got := strings.Join(keys, " "); got != "title description date draft" {
		t.Errorf("keys %s", got)
	}
}

// TestRefused checks that a page that exists, a name that would make a
// bad file or URL, and an unknown section write nothing.
func TestRefused(t *testing.T) {
	dir, cfg := exampleSite(t)
	write(t, dir, cfg, newpage.Request{Section: "articles", Name: "only-ja"})
	if err := os.Remove(filepath.Join(dir, "content/articles/only-ja.ja.md")); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		req  newpage.Request
		want string
	}{
		{newpage.Request{Section: "companies", Name: "kaname"}, "content/companies/kaname already exists: furusato new does not overwrite pages"}, // the folder of its photo
		{newpage.Request{Section: "companies", Name: "kaname", Bundle: true}, "content/companies/kaname already exists"},
		{newpage.Request{Section: "stories", Name: "accountant"}, "content/stories/accountant already exists"},
		{newpage.Request{Section: "articles", Name: "only-ja"}, "content/articles/only-ja.en.md already exists"},
		{newpage.Request{Section: "companies", Name: "Kaname"}, `content/companies/kaname has the same URL (kaname) as "Kaname" would`},
		{newpage.Request{Section: "companies", Name: "ｋａｎａｍｅ"}, "content/companies/kaname already exists"}, // full-width, folded
		{newpage.Request{Section: "company", Name: "acme"}, `there is no section "company": the sections are articles, companies, events, programs, stories`},
		{newpage.Request{Section: "..", Name: "acme"}, `there is no section ".."`},
		{newpage.Request{Section: "companies", Name: ""}, "the page needs a name"},
		{newpage.Request{Section: "companies", Name: "a.b"}, "a dot in a page's name is read as a language code (a.b.ja.md); use a hyphen instead: a-b"},
		{newpage.Request{Section: "companies", Name: "index"}, `"index" is the name of a page bundle's own file`},
		{newpage.Request{Section: "companies", Name: "_index"}, "kept for furusato's own files"},
		{newpage.Request{Section: "companies", Name: "?!"}, "makes no URL"},
		{newpage.Request{Section: "companies", Name: strings.Repeat("北", 84)}, "too long for a file name (258 bytes"},
	} {
		files, err := newpage.Files(sitefiles.Dir(dir), cfg, tt.req)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s/%s: files %v, err %v; want %q", tt.req.Section, tt.req.Name, paths(files), err, tt.want)
		}
	}
}

// TestFullWidthName: a name typed in full-width letters, as an input
// method left in that mode types it, is written in the letters it is.
func TestFullWidthName(t *testing.T) {
	dir, cfg := exampleSite(t)
	files, err := newpage.Files(sitefiles.Dir(dir), cfg, newpage.Request{Section: "companies", Name: "ａｃｍｅ－２０２７"})
	if err != nil || paths(files) != "content/companies/acme-2027.ja.md content/companies/acme-2027.en.md" {
		t.Errorf("files %s, err %v", paths(files), err)
	}
}

func paths(files []newpage.File) string {
	var p []string
	for _, f := range files {
		p = append(p, f.Path)
	}
	return strings.Join(p, " ")
}

// TestEventHints: an event's fields are named in the page's language,
// and its dates say that a time may follow the day, as an event's start
// takes no month alone.
func TestEventHints(t *testing.T) {
	dir, cfg := exampleSite(t)
	files := write(t, dir, cfg, newpage.Request{Section: "events", Name: "seminar"})
	want := map[string][]string{
		"ja": {"# 開始（必須）: 日付（例: 2027-02-10）か、日付と時刻（例: 2027-02-10T14:00）\n", "# 申込締切: 日付（例: 2027-02-10）か、日付と時刻", "# 参加費: 金額（円"},
		"en": {"# Venue: one line of text\n", "# Fee: an amount in yen"}, // the dates are the Japanese page's
	}
	for _, f := range files {
		text := string(f.Data)
		lang := filepath.Ext(strings.TrimSuffix(f.Path, ".md"))[1:]
		for _, w := range want[lang] {
			if !strings.Contains(text, w) {
				t.Errorf("%s has no %q:\n%s", f.Path, w, text)
			}
		}
		if strings.Contains(text, "2010-07") || strings.Contains(text, "# start（") || strings.Contains(text, "# start (") {
			t.Errorf("%s says an event's start may be a month, or names the key alone:\n%s", f.Path, text)
		}
	}
}

// A page of a section whose templates show the application period
// (programs) gets its keys, in the default language only; filled in,
// the page says whether applications are open.
func TestApplicationKeys(t *testing.T) {
	dir, cfg := exampleSite(t)
	files := write(t, dir, cfg, newpage.Request{Section: "programs", Name: "grant"})
	ja, en := string(files[0].Data), string(files[1].Data)
	for _, key := range []string{"apply_from:  # 受付の初日", "apply_until:  # 受付の最終日", "fiscal_year:  # 年度"} {
		if !strings.Contains(ja, "\n"+key) {
			t.Errorf("grant.ja.md lacks %q:\n%s", key, ja)
		}
	}
	if strings.Contains(en, "\napply_") || !strings.Contains(en, "date, draft, apply_from, apply_until, fiscal_year") {
		t.Errorf("grant.en.md does not take the application period from grant.ja.md:\n%s", en)
	}
	if company := string(write(t, dir, cfg, newpage.Request{Section: "companies", Name: "acme"})[0].Data); strings.Contains(company, "apply_") {
		t.Errorf("a company's page has application keys:\n%s", company)
	}
	// Filled in and published: open on the day of the build.
	page := filepath.Join(dir, filepath.FromSlash(files[0].Path))
	text := strings.NewReplacer("draft: true", "draft: false", "apply_until:  #", "apply_until: 2099-03-31  #", content.Placeholders["ja"], "本文。").Replace(ja)
	if err := os.WriteFile(page, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	enPage := filepath.Join(dir, filepath.FromSlash(files[1].Path))
	if err := os.WriteFile(enPage, []byte(strings.Replace(en, content.Placeholders[""], "Text.", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := buildtest.BuildFS(t, sitefiles.Dir(dir), build.Options{})
	if err != nil {
		t.Fatalf("the filled page does not build:\n%v", err)
	}
	out.Contains(t, "programs/grant/index.html", "受付中")
}
