package config

import (
	"slices"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/diag"
)

func TestParseDefaults(t *testing.T) {
	c, err := Parse([]byte("baseURL: https://example.jp/kitami\nlanguages: [{code: ja, title: サイト}, {code: en, title: Site}]\nsections: {articles: {}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "https://example.jp/kitami/" || c.Base.Path != "/kitami/" {
		t.Errorf("base = %q, path %q", c.BaseURL, c.Base.Path)
	}
	if c.Paginate != 10 || !c.Minify || c.Location.String() != "Asia/Tokyo" || c.Markdown.RawHTML {
		t.Errorf("defaults: %+v", c)
	}
	if s := c.Sections["articles"]; s.Sort != SortWeight || s.Paginate != 10 || s.Name != "articles" {
		t.Errorf("section defaults: %+v", s)
	}
	if c.DefaultLanguage().Code != "ja" || c.Language("en").Index != 1 || c.Language("fr") != nil {
		t.Error("languages")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"languages: [{code: ja, title: T}]\n", "site.yaml:1:1: baseURL is missing"},
		{"baseURL: example.jp\nlanguages: [{code: ja, title: T}]\n", `site.yaml:1:10: baseURL: want an absolute http(s) URL such as https://www.example.jp/, got "example.jp"`},
		{"baseURL: https://e.jp/\n", "site.yaml:1:1: languages: list at least one language"},
		{"baseURL: https://e.jp/\nlanguages: [{code: JA, title: T}]\n", `site.yaml:2:14: languages: code "JA" is not a language code such as ja or en`},
		{"baseURL: https://e.jp/\nlanguages: [{code: ja}]\n", "site.yaml:2:14: languages: ja has no title"},
		{"baseURL: https://e.jp/\ntimezone: Mars/Olympus\nlanguages: [{code: ja, title: T}]\n", `site.yaml:2:11: timezone: unknown zone "Mars/Olympus"`},
		{"baseURL: https://e.jp/\npaginate: many\nlanguages: [{code: ja, title: T}]\n", `site.yaml:2:11: paginate: want a whole number, got "many"`},
		{"baseURL: https://e.jp/\nlanguages: [{code: ja, title: T}]\nsections: {a: {sort: newest}}\n", `sort: want weight, date or title, got "newest"`},
		{"baseURL: https://e.jp/\nlanguages: [{code: ja, title: T}]\nsections: {a: {schema: article}}\n", `site.yaml:3:24: schema: want a schema.org type such as Article or Organization, got "article"`},
		{"baseURL: https://e.jp/\nlanguages: [{code: ja, title: T}]\nsections: {a: {fields: [{name: x, type: date, schema: foundingDate}]}}\n", `site.yaml:3:55: fields: x: schema names a property of the section's schema type, and section a has no schema`},
		{"baseURL: https://e.jp/\nlanguages: [{code: ja, title: T}]\nsections: {a: {schema: Organization, fields: [{name: x, type: date, schema: Founding Date}]}}\n", `fields: x: schema: want a schema.org property such as foundingDate, got "Founding Date"`},
		{"baseURL: https://e.jp/\nlanguages: [{code: ja, title: T}]\nsections: {a: {schema: Organization, fields: [{name: x, type: text, schema: address}, {name: y, type: text, schema: address}]}}\n", `fields: y: schema: address is already given by field x`},
		{"baseURL: https://e.jp/\nlanguages: [{code: ja, title: T}]\nsections: {a: {fields: [{name: x, type: strng}]}}\n", `fields: x: unknown type "strng" (did you mean string?); the types are string, text, int, bool, date, url, yen, list, enum, ref`},
		{"baseURL: https://e.jp/\nlanguages: [{code: ja, title: T}]\nsections: {a: {fields: [{name: x, type: integer}]}}\n", `site.yaml:3:41: fields: x: unknown type "integer"; the types are string, text, int, bool, date, url, yen, list, enum, ref`},
		{"baseURL: https://e.jp/\nlanguages: [{code: ja, title: T}]\nsections: {a: {fields: [{name: x, type: ref, section: compnies}]}, companies: {}}\n", `fields: x: there is no section "compnies" (did you mean companies?)`},
		{"baseURL: https://e.jp/\nlanguages: [{code: ja, title: T}]\nsections: {a: {fields: [{name: x, type: enum}]}}\n", "fields: x: an enum needs values"},
		{"baseURL: https://e.jp/\nlanguages: [{code: ja, title: T}]\nsections: {a: {fields: [{name: title, type: string}]}}\n", "fields: title is a common front matter key"},
		{"baseURL: https://e.jp/\nlanguages: [{code: ja, title: T}, {code: en, title: E}]\nsections: {a: {fields: [{name: x, type: int, label: {ja: エックス}}]}}\n", "fields: x: label is missing for en"},
		{"baseURL: https://e.jp/\nlanguages: [{code: ja, title: T, menu: [{title: x}]}]\n", "menu: give either page (a content path such as companies) or url, not both"},
		{"baseURL: https://e.jp/\nbaseURL: https://f.jp/\n", "site.yaml:2:1: "},
		{"baseURL: https://e.jp/\ncontact:\n  url: javascript:alert(1)\nlanguages: [{code: ja, title: T}]\n", `site.yaml:3:8: contact: url: "javascript:alert(1)": a link can be http, https or mailto, not javascript:; give the address of a web page such as https://www.example.jp/`},
		{"baseURL: https://e.jp/\ncontact: {url: \"JavaScript:alert(1)\"}\nlanguages: [{code: ja, title: T}]\n", `site.yaml:2:16: contact: url: "JavaScript:alert(1)": a link can be http, https or mailto, not javascript:`},
		{"baseURL: https://e.jp/\ncontact: {url: \"java\\tscript:alert(1)\"}\nlanguages: [{code: ja, title: T}]\n", `site.yaml:2:16: contact: url: "java\tscript:alert(1)" is not a URL: `},
		{"baseURL: https://e.jp/\ncontact:\n  phone: 0157251210\nlanguages: [{code: ja, title: T}]\n", `site.yaml:3:10: phone: 0157251210 is read as the number 29184648, not as the text written; put it in quotes: phone: "0157251210"`},
		{"baseURL: https://e.jp/\ncontact: {url: \"tel:0157-25-1210\"}\nlanguages: [{code: ja, title: T}]\n", `contact: url: "tel:0157-25-1210": a link can be http, https or mailto; a phone number goes in contact: phone`},
		{"baseURL: https://e.jp/\nlanguages:\n  - code: ja\n    title: T\n    menu: [{title: x, url: \"data:text/html,<script>alert(1)</script>\"}]\n", `site.yaml:5:28: menu: url: "data:text/html,<script>alert(1)</script>": a link can be http, https or mailto, not data:`},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s\nwant error containing %q, got %v", tt.yaml, tt.want, err)
		}
		for _, e := range diag.All(err) {
			if e.Pos.File != File || e.Pos.Line == 0 {
				t.Errorf("error without a position: %v", e)
			}
		}
	}
}

func TestSetBaseURL(t *testing.T) {
	c, err := Parse([]byte("baseURL: https://example.jp/\nlanguages: [{code: ja, title: T}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.SetBaseURL("ftp://x"); err == nil || c.BaseURL != "https://example.jp/" {
		t.Errorf("bad URL accepted: %v, %s", err, c.BaseURL)
	}
	if err := c.SetBaseURL("https://staging.example.jp/sub"); err != nil || c.Base.Path != "/sub/" {
		t.Errorf("SetBaseURL: %v, %s", err, c.Base.Path)
	}
}

func TestPublishingSettings(t *testing.T) {
	base := "baseURL: https://e.jp/\nlanguages: [{code: ja, title: T}]\n"
	c, err := Parse([]byte(base))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Assets.Fingerprint || c.Assets.Precompress || c.Cache.Hashed != DefaultCacheHashed || c.Deploy.KeepOld.Hours() != 168 {
		t.Errorf("defaults: %+v %+v %+v", c.Assets, c.Cache, c.Deploy)
	}
	c, err = Parse([]byte(base + "cache:\n  pages: no-cache\n  rules:\n    - {path: /dl/*, cacheControl: \"public, max-age=60\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Cache.CacheControl("dl/a.pdf", "files"); got != "public, max-age=60" {
		t.Errorf("rule: %q", got)
	}
	if got := c.Cache.CacheControl("about/index.html", "pages"); got != "no-cache" {
		t.Errorf("pages: %q", got)
	}
	for _, tt := range []struct{ yaml, want string }{
		{"cache:\n  pages: \"\"\n", "site.yaml:4:10: cache: pages is empty"},
		{"cache:\n  rules:\n    - {path: dl/*, cacheControl: x}\n", "path \"dl/*\" must start with /"},
		{"cache:\n  rules:\n    - {path: \"/[\", cacheControl: x}\n", "is not a valid pattern"},
		{"deploy:\n  keepOldAssets: 7d\n", "site.yaml:4:18: deploy: keepOldAssets: want a duration"},
		{"assets:\n  fingerprnt: true\n", "unknown key fingerprnt (did you mean fingerprint?)"},
	} {
		_, err := Parse([]byte(base + tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: want %q, got %v", tt.yaml, tt.want, err)
		}
	}
}

func TestLabelsAreChecked(t *testing.T) {
	yaml := `baseURL: https://e.jp/
languages: [{code: ja, title: T}, {code: en, title: E}]
sections:
  companies:
    fields:
      - name: industry
        type: enum
        label: {ja: 業種, en: Industry, fr: Secteur}
        values:
          - {value: dx, label: {ja: DX・IoT・AI開発, en: DX, IoT and AI development}}
          - {value: web, label: {ja: Web, eng: Web}}
          - {value: app, label: {ja: アプリ, en: ""}}
`
	_, err := Parse([]byte(yaml))
	var got []string
	for _, e := range diag.All(err) {
		got = append(got, e.Error())
	}
	want := []string{
		`site.yaml:8:39: fields: industry: label: "fr" is not a language of the site (ja, en)`,
		`site.yaml:10:58: fields: industry: the label of value dx: "IoT and AI development" is not a language of the site (ja, en); if it is the end of a text with a comma, put the whole text in quotes, such as en: "DX, IoT and AI"`,
		`site.yaml:11:34: fields: industry: the label of value web is missing for en`,
		`site.yaml:11:43: fields: industry: the label of value web: "eng" is not a language of the site (ja, en) (did you mean en?)`,
		`site.yaml:12:34: fields: industry: the label of value app is missing for en`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestUnitsAreChecked(t *testing.T) {
	yaml := `baseURL: https://e.jp/
languages: [{code: ja, title: T}, {code: en, title: E}]
sections:
  companies:
    fields:
      - {name: staff, type: int, unit: {ja: "%d人", en: "%d people"}}
      - {name: desks, type: int, unit: {ja: "%d台"}}
      - {name: rooms, type: int, unit: {ja: 部屋, en: "%d%% of %d"}}
      - {name: city, type: string, unit: {ja: "%d", en: "%d"}}
      - {name: share, type: int, unit: {ja: "%d%%", en: "%s"}}
`
	c, err := Parse([]byte(yaml))
	var got []string
	for _, e := range diag.All(err) {
		got = append(got, e.Error())
	}
	want := []string{
		`site.yaml:7:41: fields: desks: unit is missing for en`,
		`site.yaml:8:41: fields: rooms: unit for ja: want the number written once as %d, such as "%d人", got "部屋"`,
		`site.yaml:8:49: fields: rooms: unit for en: want the number written once as %d, such as "%d人", got "%d%% of %d"`,
		`site.yaml:9:43: fields: city: unit is only for int fields, and city is string`,
		`site.yaml:10:53: fields: share: unit for en: want the number written once as %d, such as "%d人", got "%s"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c != nil {
		t.Errorf("a site.yaml with bad units parsed: %+v", c)
	}
}

// TestEveryProblemOfSiteYAML checks that one run reports every unknown key
// and every value of the wrong kind, each named by its own key.
func TestEveryProblemOfSiteYAML(t *testing.T) {
	yaml := `baseURL: https://e.jp/
pagnate: 10
timezon: Asia/Tokyo
minify: yes please
markdown: {rawHTM: true}
languages:
  - code: ja
    title: T
    lokale: ja_JP
    strings: [a, b]
sections:
  articles:
    paginate: ten
    feed: true
    fields:
      - {name: x, type: string, requird: true}
      - {name: y, type: list, label: {ja: [y]}}
`
	_, err := Parse([]byte(yaml))
	var got []string
	for _, e := range diag.All(err) {
		got = append(got, e.Error())
	}
	want := []string{
		"site.yaml:2:1: unknown key pagnate (did you mean paginate?)",
		"site.yaml:3:1: unknown key timezon (did you mean timezone?)",
		`site.yaml:4:9: minify: want true or false, got "yes please"`,
		"site.yaml:5:12: unknown key rawHTM (did you mean rawHTML?)",
		"site.yaml:9:5: unknown key lokale (did you mean locale?)",
		"site.yaml:10:14: strings: want keys with values (key: value), got a list",
		`site.yaml:13:15: paginate: want a whole number, got "ten"`,
		"site.yaml:16:33: unknown key requird (did you mean required?)",
		"site.yaml:17:43: ja: want text, got a list",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestEmptySiteYAML checks that an empty site.yaml reports what is
// missing, and nothing about settings that have defaults.
func TestEmptySiteYAML(t *testing.T) {
	for _, yaml := range []string{"", "\n", "# nothing yet\n", "~\n"} {
		_, err := Parse([]byte(yaml))
		var got []string
		for _, e := range diag.All(err) {
			got = append(got, e.Error())
		}
		want := "site.yaml:1:1: baseURL is missing: say where the site is published, e.g. baseURL: https://www.example.jp/\n" +
			"site.yaml:1:1: languages: list at least one language; the first is the default"
		if strings.Join(got, "\n") != want {
			t.Errorf("%q:\ngot\n%s\nwant\n%s", yaml, strings.Join(got, "\n"), want)
		}
	}
	_, err := Parse([]byte("- a\n- b\n"))
	if err == nil || !strings.Contains(err.Error(), "site.yaml:1:1: want keys with values (key: value), got a list") {
		t.Errorf("a list for site.yaml: %v", err)
	}
}

// Links of site.yaml may be web pages, mail addresses or paths of the
// site: what html/template keeps in an href.
func TestLinksThatWork(t *testing.T) {
	for _, u := range []string{"https://www.city.kitami.lg.jp/", "http://e.jp/a?b=c", "mailto:info@e.jp", "/downloads/", "about/", "//cdn.e.jp/"} {
		yaml := "baseURL: https://e.jp/\ncontact: {url: \"" + u + "\"}\nlanguages: [{code: ja, title: T, menu: [{title: x, url: \"" + u + "\"}]}]\n"
		if _, err := Parse([]byte(yaml)); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
}

// TestEmptyEntries checks entries written with nothing after them, which
// YAML decodes as nothing (FuzzParse found them panicking): a section so
// declared has the defaults; an empty language or field is an error at
// its line.
func TestEmptyEntries(t *testing.T) {
	c, err := Parse([]byte("baseURL: https://e.jp/\nlanguages: [{code: ja, title: T}]\nsections:\n  news:\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s := c.Sections["news"]; s == nil || s.Name != "news" || s.Sort != SortWeight || s.Paginate != c.Paginate {
		t.Errorf("section news = %+v, want the defaults", s)
	}
	tests := []struct{ yaml, want string }{
		{"baseURL: https://e.jp/\nlanguages:\n  - code: ja\n    title: T\n  -\n", "site.yaml:5:"}, {"baseURL: https://e.jp/\nlanguages: [{code: ja, title: T}, ~]\n", "languages: entry 2 is empty; give its code and title"},
		{"baseURL: https://e.jp/\nlanguages: [~]\n", "site.yaml:2:13: languages: entry 1 is empty"},
		{"baseURL: https://e.jp/\nlanguages: [{code: ja, title: T}]\nsections: {a: {fields: [~]}}\n", "site.yaml:3:"},
		{"sections: {0}", "site.yaml:1:1: "},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %s", tt.yaml, err, tt.want)
		}
	}
}

func TestTagsAreChecked(t *testing.T) {
	yaml := `baseURL: https://e.jp/
languages: [{code: ja, title: T}, {code: en, title: E}]
tags:
  - {ja: サケモデル, en: salmon model}
  - {ja: 北見工業大学}
  - {ja: IoT, fr: IoT}
  - {ja: さけモデル, en: Salmon Model}
  - {ja: "!!!", en: dots}
`
	c, err := Parse([]byte(yaml))
	var got []string
	for _, e := range diag.All(err) {
		got = append(got, e.Error())
	}
	want := []string{
		`site.yaml:5:6: tags: entry 2 names the tag in 1 language; give it in two or more, such as {ja: サケモデル, en: salmon model}`,
		`site.yaml:6:19: tags: "fr" is not a language of the site`,
		`site.yaml:7:21: tags: "Salmon Model" is also in entry 1; a tag can have one set of translations`,
		`site.yaml:8:10: tags: "!!!" has no letters or digits to make a URL of`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	c, err = Parse([]byte(strings.Join(strings.Split(yaml, "\n")[:4], "\n")))
	if err != nil || len(c.Tags) != 1 || c.Tags[0]["en"] != "salmon model" {
		t.Errorf("a good entry: %v, %v", c, err)
	}
}

// TestEmbeds checks that every embed site is on unless site.yaml says
// otherwise, that embeds: [] turns them off, and that an unknown or
// repeated host is an error at its place.
func TestEmbeds(t *testing.T) {
	const head = "baseURL: https://e.jp/\nlanguages: [{code: ja, title: T}]\n"
	for _, tc := range []struct {
		yaml string
		want []string
	}{
		{"", EmbedHosts},
		{"markdown:\n  embeds:\n", EmbedHosts},
		{"markdown:\n  embeds: []\n", []string{}},
		{"markdown:\n  embeds: [logoform.jp, www.youtube.com]\n", []string{"logoform.jp", "www.youtube.com"}},
	} {
		c, err := Parse([]byte(head + tc.yaml))
		if err != nil {
			t.Fatalf("%q: %v", tc.yaml, err)
		}
		if !slices.Equal(c.Markdown.Embeds, tc.want) || c.Markdown.Embeds == nil {
			t.Errorf("%q: embeds %#v, want %#v", tc.yaml, c.Markdown.Embeds, tc.want)
		}
	}
	_, err := Parse([]byte(head + "markdown:\n  embeds: [youtu.be, logoform.jp, logoform.jp]\n"))
	want := `site.yaml:4:12: markdown: embeds: furusato cannot embed from "youtu.be"; list some of www.youtube.com, www.openstreetmap.org, www.google.com, docs.google.com, logoform.jp (YouTube, OpenStreetMap, Google Maps, Google Forms, LoGoフォーム)
site.yaml:4:35: markdown: embeds: logoform.jp is listed twice`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	// The default is a copy: one site's settings do not change another's.
	Default().Markdown.Embeds[0] = "x"
	if EmbedHosts[0] != "www.youtube.com" {
		t.Errorf("Default shares EmbedHosts")
	}
}

func TestEventsKind(t *testing.T) {
	base := "baseURL: https://example.jp/\nlanguages:\n  - {code: ja, title: テスト}\nsections:\n"
	c, err := Parse([]byte(base + "  events:\n    kind: events\n    fields:\n      - {name: capacity, type: int}\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := c.Sections["events"]
	var names []string
	for _, f := range s.Fields {
		names = append(names, f.Name)
	}
	if got := strings.Join(names, " "); got != "start end all_day venue address online registration deadline fee capacity" {
		t.Errorf("fields %s", got)
	}
	if s.Schema != "Event" || !s.Field("start").Required || s.Field("online").Translated() || !s.Field("fee").Translated() || !s.Field("venue").Translated() {
		t.Errorf("section %+v", s)
	}
	for text, want := range map[string]string{
		"  events:\n    kind: event\n":                                                  `site.yaml:6:11: kind: want events or nothing, got "event"`,
		"  events:\n    kind: events\n    schema: Article\n":                            "site.yaml:7:13: schema: a section of kind events is of schema Event",
		"  events:\n    kind: events\n    fields:\n      - {name: start, type: date}\n": "site.yaml:8:16: fields: start is a key of every event (kind: events)",
	} {
		_, err := Parse([]byte(base + text))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %s", text, err, want)
		}
	}
}

// TestContact checks the parts of contact: beside the phone: a form's
// address, and reception hours in each language.
func TestContact(t *testing.T) {
	c, err := Parse([]byte("baseURL: https://e.jp/\ncontact: {phone: 0157-25-1210, form: \"https://logoform.jp/form/abc\", hours: {ja: 平日 9時から, en: Weekdays from 9}}\nlanguages: [{code: ja, title: T}, {code: en, title: E}]\nsections: {companies: {filterFrom: 6}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Contact.Form != "https://logoform.jp/form/abc" || c.Contact.Hours["ja"] != "平日 9時から" || c.Contact.Hours["en"] != "Weekdays from 9" {
		t.Errorf("contact = %+v", c.Contact)
	}
	if c.Sections["companies"].FilterFrom != 6 {
		t.Errorf("filterFrom = %d, want 6", c.Sections["companies"].FilterFrom)
	}
	for _, tt := range []struct{ yaml, want string }{
		{"contact: {form: \"javascript:alert(1)\"}", `site.yaml:2:17: contact: form: "javascript:alert(1)": a link can be http, https or mailto`},
		{"contact: {form: \"mailto:a@e.jp\"}", `site.yaml:2:17: contact: form: "mailto:a@e.jp" is not the address of a web page`},
		{"contact: {hours: {fr: 9h}}", `contact: hours: "fr" is not a language of the site; give the hours under each language's code (ja, en)`},
		{"sections: {companies: {filterFrom: -1}}", "filterFrom: want how many pages the list needs to show its filters (0 for always), got -1"},
	} {
		_, err := Parse([]byte("baseURL: https://e.jp/\n" + tt.yaml + "\nlanguages: [{code: ja, title: T}, {code: en, title: E}]\n"))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s\nwant error containing %q, got %v", tt.yaml, tt.want, err)
		}
	}
}

func TestInternationalPhone(t *testing.T) {
	for in, want := range map[string]string{
		"0157-25-1210":    "+81-157-25-1210",
		" 03-1234-5678 ":  "+81-3-1234-5678",
		"+81-157-25-1210": "+81-157-25-1210",
		"010-1-234":       "010-1-234", // a call abroad from Japan: left as it is
		"":                "",
	} {
		if got := (Contact{Phone: in}).InternationalPhone(); got != want {
			t.Errorf("InternationalPhone(%q) = %q, want %q", in, got, want)
		}
	}
}
