package content

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/textfile"
)

const testConfig = `baseURL: https://example.jp/
languages: [{code: ja, title: サイト}, {code: en, title: Site}]
sections:
  companies:
    fields:
      - {name: founded, type: date}
      - {name: staff, type: int}
      - {name: hiring, type: bool}
      - {name: site, type: url}
      - {name: amount, type: yen}
      - {name: tags2, type: list}
      - {name: kind, type: enum, values: [{value: a}, {value: b}]}
      - {name: parent, type: ref, section: companies}
      - {name: note, type: text}
      - {name: name, type: string}
      - {name: tel, type: string}
      - {name: codes, type: list}
`

func testCfg(t testing.TB) *config.Config {
	cfg, err := config.Parse([]byte(testConfig))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// get returns the value of key.
func get(fm FrontMatter, key string) Raw {
	for _, r := range fm {
		if r.Key == key {
			return r
		}
	}
	return Raw{}
}

func TestSplitPositions(t *testing.T) {
	fm, body, line, err := Split("content/a.md", []byte("\n---\ntitle: T\ntags: [a, b]\n---\nbody\n"))
	if err != nil {
		t.Fatal(err)
	}
	if string(body) != "body\n" || line != 6 {
		t.Errorf("body %q at line %d, want \"body\\n\" at 6", body, line)
	}
	title := get(fm, "title")
	if title.Value != "T" || title.Pos != (diag.Pos{File: "content/a.md", Line: 3, Col: 8}) || title.KeyPos.Col != 1 {
		t.Errorf("title = %+v", title)
	}
	tags := get(fm, "tags")
	items := tags.Value.([]Raw)
	if len(items) != 2 || items[1].Value != "b" || items[1].Pos.Line != 4 || items[1].Pos.Col != 11 {
		t.Errorf("tags = %+v", tags)
	}
	// No front matter at all is a page with only a body.
	fm, body, line, err = Split("content/a.md", []byte("# Hi\n"))
	if err != nil || fm != nil || string(body) != "# Hi\n" || line != 1 {
		t.Errorf("no front matter: %v %q %d %v", fm, body, line, err)
	}
}

func TestDecodeValues(t *testing.T) {
	cfg := testCfg(t)
	src := "---\ntitle: T\nfounded: 2010-07\nstaff: 3\nhiring: yes\nsite: https://x.jp/\namount: \"1,000,000\"\ntags2: one\nkind: b\nparent: companies/y\nnote: |\n  line one\n  line two\nname: 2024\ntel: 0157251210\ncodes: [0120, 08, 1.50, yes]\n---\n"
	var errs diag.List
	fm, _, _, err := Split("content/companies/x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	params, _ := decodeFront(fm, cfg, cfg.Sections["companies"], false, &errs)
	if errs.Len() != 1 || !strings.Contains(errs.Error(), "content/companies/x.md:5:9: front matter: hiring: want true or false, got \"yes\"") {
		t.Errorf("errors = %v (YAML 1.2: yes is text, and a bool field must say so)", errs.Error())
	}
	want := map[string]any{
		"title": "T", "staff": 3, "site": "https://x.jp/", "amount": Yen(1_000_000),
		"tags2": []any{"one"}, "kind": "b", "note": "line one\nline two", "name": "2024",
		// As written: YAML reads 0157251210 as an octal number.
		"tel": "0157251210", "codes": []any{"0120", "08", "1.50", "yes"},
	}
	for k, v := range want {
		if got := params[k]; !equal(got, v) {
			t.Errorf("%s = %#v, want %#v", k, got, v)
		}
	}
	d := params["founded"].(Date)
	if d.Precision != Month || d.Year() != 2010 || d.Month() != time.July {
		t.Errorf("founded = %+v", d)
	}
	if r := params["parent"].(Ref); r.Name != "y" || r.Section != "companies" {
		t.Errorf("parent = %+v", r)
	}

	// Digits typed full-width with a Japanese input method.
	fm, _, _, err = Split("content/companies/z.md", []byte("---\ntitle: Z\nstaff: ３\namount: ２００，０００\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	errs = diag.List{}
	params, _ = decodeFront(fm, cfg, cfg.Sections["companies"], false, &errs)
	if errs.Len() != 0 || params["staff"] != 3 || params["amount"] != Yen(200_000) {
		t.Errorf("full-width digits: staff %#v, amount %#v, %v", params["staff"], params["amount"], errs.Err())
	}
}

func equal(a, b any) bool {
	as, aok := a.([]any)
	bs, bok := b.([]any)
	if aok && bok {
		if len(as) != len(bs) {
			return false
		}
		for i := range as {
			if as[i] != bs[i] {
				return false
			}
		}
		return true
	}
	return a == b
}

func TestLoadLocatesFiles(t *testing.T) {
	cfg := testCfg(t)
	fsys := fstest.MapFS{
		"content/_index.md":                  {Data: []byte("---\ntitle: Home\n---\n")},
		"content/about.en.md":                {Data: []byte("---\ntitle: About\n---\n")},
		"content/companies/_index.ja.md":     {Data: []byte("---\ntitle: 企業\n---\n")},
		"content/companies/x.md":             {Data: []byte("---\ntitle: X\n---\n")},
		"content/stories/s/index.en.md":      {Data: []byte("---\ntitle: S\n---\n")},
		"content/stories/s/photo.jpg":        {Data: []byte("jpg")},
		"content/stories/s/.DS_Store":        {Data: []byte("junk")},
		"content/companies/x.ja.md~":         {Data: []byte("backup")},
		"content/companies/y.fr.md":          {Data: []byte("---\ntitle: Y\n---\n")},
		"content/stories/s/extra/page.ja.md": {Data: []byte("---\ntitle: P\n---\n")},
	}
	c, err := Load(context.Background(), fsys, cfg, nil)
	got := map[string]string{}
	for _, s := range c.Sources {
		got[s.File] = s.Lang + " " + s.Path + " " + s.Section + " " + s.Bundle
	}
	want := map[string]string{
		"content/_index.md":              "ja   ",
		"content/about.en.md":            "en about  ",
		"content/companies/_index.ja.md": "ja companies companies ",
		"content/companies/x.md":         "ja companies/x companies ",
		"content/stories/s/index.en.md":  "en stories/s stories stories/s",
	}
	for f, w := range want {
		if got[f] != w {
			t.Errorf("%s: got %q, want %q", f, got[f], w)
		}
	}
	if len(c.Resources) != 1 || c.Resources[0].Path != "stories/s/photo.jpg" {
		t.Errorf("resources = %+v", c.Resources)
	}
	msg := diag.All(err)
	if len(msg) != 2 || !strings.Contains(msg[0].Error(), `content/companies/y.fr.md: the file name says language "fr", but site.yaml has only ja, en`) ||
		!strings.Contains(msg[1].Error(), "content/stories/s/extra/page.ja.md: this file is inside the page bundle content/stories/s") {
		t.Errorf("errors = %v", err)
	}
}

// FuzzSplit feeds the front matter reader anything; it must never panic,
// and positions must stay inside the file.
func FuzzSplit(f *testing.F) {
	for _, seed := range []string{
		"---\ntitle: T\n---\nbody", "+++\ntitle = \"T\"\n+++\n", "---\n---\n", "---\n: :\n---\n",
		"---\ntags: [a, [b]]\nx: {a: 1}\n---\n", "---\na: &x 1\nb: *x\n---\n", "\ufeff---\r\ntitle: T\r\n---\r\n",
		"---\ntitle: |\n  a\n  b\n---\n", "---\n- a\n- b\n---\n", "---", "+++\n[t]\na=1\n+++\n",
	} {
		f.Add([]byte(seed))
	}
	cfg := testCfg(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		data, err := textfile.Clean("content/companies/x.md", data)
		if err != nil {
			return
		}
		lines := strings.Count(string(data), "\n") + 1
		fm, _, bodyLine, err := Split("content/companies/x.md", data)
		for _, e := range diag.All(err) {
			if e.Pos.Line > lines+1 {
				t.Errorf("error past the end of the file (%d lines): %v", lines, e)
			}
		}
		if err != nil {
			return
		}
		if bodyLine < 1 || bodyLine > lines+1 {
			t.Errorf("body line %d of %d", bodyLine, lines)
		}
		var errs diag.List
		decodeFront(fm, cfg, cfg.Sections["companies"], false, &errs)
	})
}

// TestFrontMatterLimits checks that front matter too large or too deeply
// nested for the YAML parser is refused before it is parsed, at its place.
func TestFrontMatterLimits(t *testing.T) {
	deepBlock := "a:\n"
	for i := range 70 {
		deepBlock += strings.Repeat(" ", i+1) + "- \n"
	}
	tests := []struct{ name, text, want string }{
		{"deep brackets", "---\ntitle: x\ntx: " + strings.Repeat("[", 30000) + strings.Repeat("]", 30000) + "\n---\n",
			"p.md:3:69: front matter: lists and mappings are nested more than 64 deep here; check the [ ] and { } brackets"},
		{"deep and large", "---\ntx: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n---\n",
			"p.md:2:1: front matter is 196 kB, more than the 64 kB allowed; long text belongs in the body, below the closing ---"},
		{"deep mappings", "---\ntx: " + strings.Repeat("{a: ", 65) + "1" + strings.Repeat("}", 65) + "\n---\n",
			"p.md:2:261: front matter: lists and mappings are nested more than 64 deep here; check the [ ] and { } brackets"},
		{"deep indentation", "---\n" + deepBlock + "---\n",
			"p.md:66:65: front matter: lists and mappings are nested more than 64 deep here; check the indentation"},
		{"too large", "---\ntitle: x\ndescription: " + strings.Repeat("長い説明。", 5000) + "\n---\n",
			"p.md:2:1: front matter is 74 kB, more than the 64 kB allowed; long text belongs in the body, below the closing ---"},
		{"too large TOML", "+++\ntitle = \"" + strings.Repeat("x", 70000) + "\"\n+++\n",
			"p.md:2:1: front matter is 69 kB, more than the 64 kB allowed; long text belongs in the body, below the closing +++"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := Split("p.md", []byte(tt.text))
			if err == nil || err.Error() != tt.want {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
	// Brackets and indentation as real pages use them are fine.
	ok := "---\ntitle: \"[お知らせ] 北見\"\ntags: [a, b]\nprograms:\n  - x\n  - y\ndescription: |\n  text\n    indented\n---\n"
	if _, _, _, err := Split("p.md", []byte(ok)); err != nil {
		t.Error(err)
	}
}

func TestSiteYAMLLimits(t *testing.T) {
	_, err := config.Parse([]byte("baseURL: https://e.jp/\nlanguages: " + strings.Repeat("[", 65) + strings.Repeat("]", 65) + "\n"))
	if err == nil || err.Error() != "site.yaml:2:76: site.yaml: lists and mappings are nested more than 64 deep here; check the [ ] and { } brackets" {
		t.Errorf("got %v", err)
	}
}

// TestDateHints: a date written as PR staff write it elsewhere gets the
// form to write instead; one that is not in the calendar says so.
func TestDateHints(t *testing.T) {
	for in, want := range map[string]string{
		"2027/01/20 14:00": "write the date and time as 2027-01-20T14:00 (year-month-day with hyphens, T, then the time)",
		"2027/1/20":        "write the date as 2027-01-20 (year-month-day, with hyphens)",
		"2027.1.20":        "write the date as 2027-01-20 (year-month-day, with hyphens)",
		"2027年1月20日":       "write the date as 2027-01-20 (year-month-day, with hyphens)",
		"2027年4月":          "write the date as 2027-04 (year-month, with a hyphen)",
		"令和9年1月20日":        "write the date as 2027-01-20 (year-month-day, with hyphens)",
		"平成元年":             "平成元年 is the year 1989: write dates in the Western calendar, such as 1989, 1989-04 or 1989-04-01",
		"2027-1-5":         "write the date as 2027-01-05 (year-month-day, with hyphens)",
		"2027-02-30":       `"2027-02-30" is not a day of the calendar: February 2027 has 28 days`,
		"2028-02-29 25:00": `"2028-02-29 25:00" is not a time of the day`,
		"2027/13/01":       `"2027/13/01" has no month 13`,
		"2027-01-20":       "",
		"tomorrow":         "",
	} {
		if got := dateHint(in); got != want {
			t.Errorf("dateHint(%q) = %q, want %q", in, got, want)
		}
	}
}
