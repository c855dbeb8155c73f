// Package config reads site.yaml, the one file that describes a site.
//
// # site.yaml
//
//	baseURL: https://telework.example.jp/   # required; where the site is published
//	timezone: Asia/Tokyo   # dates without a zone are read in this zone (default Asia/Tokyo)
//	paginate: 10           # items per list page (default 10)
//	minify: true           # minify HTML, CSS, JS, SVG, JSON and XML (default true)
//	search: true           # a search page per language, its index and a box in the header (default false; see package search)
//	markdown:
//	  rawHTML: false       # let Markdown contain raw HTML (default false: it is dropped)
//	  reservedIDs: [map]   # element IDs the templates use, which headings must not get,
//	                       # besides those go doc ./internal/markdown lists
//	  embeds: [www.youtube.com, www.openstreetmap.org, www.google.com, docs.google.com, logoform.jp]
//	                       # the sites whose videos, maps and forms pages may show with an
//	                       # embed block (default: all five); [] turns embeds off
//	contact:               # the office responsible for the site, shown in footers
//	  phone: 0157-25-1210
//	  email: ""
//	  url: https://www.city.kitami.lg.jp/   # a web page (http, https), mailto: or a path of the site
//	languages:             # in order; the first is the default language, at the site root
//	  - code: ja           # other languages are published under /<code>/
//	    name: 日本語        # shown in the language switcher
//	    locale: ja_JP      # for Open Graph, and dates: en_GB writes 10 March 2027, en_US March 10, 2027
//	    title: 北見市 地方創生テレワーク
//	    description: …
//	    office: 北見市 商工観光部 工業振興課   # the responsible office, in this language
//	    strings:           # UI strings for templates ({{t "key"}}); every language needs every key
//	      read_more: 続きを読む
//	    menu:              # the main navigation
//	      - page: companies            # a content path: a section, or a page such as about
//	      - title: 市役所               # or a title with a url (http, https, mailto: or a path)
//	        url: https://www.city.kitami.lg.jp/
//	sections:
//	  companies:           # content/companies/
//	    sort: title        # weight (default), date (newest first) or title
//	    paginate: 20       # overrides the site's paginate for this section
//	    feed: false        # true: an Atom feed of this section at /feed.xml (per language)
//	    schema: Organization   # the schema.org type of its pages, for search engines ({{jsonld}})
//	    kind: events       # its pages are events, with start, end, venue ... (see KindEvents)
//	    fields:            # front matter keys of this section's pages, besides the common ones
//	      - name: industry
//	        type: enum     # string, text, int, bool, date, url, yen, list, enum, ref
//	        required: true # every page of the section gives it a value (empty or null is missing)
//	        translate: false   # text the same in every language, inherited by translations (see below)
//	        label: {ja: 業種, en: Industry}   # a text for each language, and nothing else
//	        values:        # for enum: the allowed values and their labels
//	          - {value: dx, label: {ja: DX・IoT, en: "DX, IoT and AI"}}   # quote text with commas
//	      - name: founded
//	        type: date
//	        schema: foundingDate   # the schema.org property it gives, with the section's schema
//	      - name: local_staff
//	        type: int
//	        unit: {ja: "%d人", en: "%d"}   # for int: how a number is written in each language,
//	                                      # %d where it goes; pages and cards show 2人
//	      - name: programs
//	        type: list
//	        of: ref        # for list: the type of each item (default string)
//	        section: programs   # for ref: the section the referenced page is in
//	tags:                  # a tag written differently in each language is one tag: its
//	  - {ja: サケモデル, en: salmon model}   # pages link to each other (language switcher,
//	                                       # hreflang); a tag the same in every
//	                                       # language (IoT) needs no entry
//	assets:                # fingerprinting and pre-compression: see Assets
//	  fingerprint: true
//	  precompress: false
//	cache:                 # Cache-Control of each kind of file: see Cache
//	  pages: public, max-age=0, must-revalidate
//	deploy:                # furusato deploy: see Deploy
//	  keepOldAssets: 168h
//	data:                  # open data files of sections, and their catalogue page: see Data
//	  sets:
//	    - {name: companies, section: companies}
//	images:                # the widths and quality of published photos: see Images
//	  widths: [480, 800, 1200, 1600]
//
// Field types: string (one line of text), text (longer text), int, bool,
// date (2026-11-24, or 2010-07 and 2004 for a month or a year), url
// (absolute http(s) URL), yen (a whole number of yen, 200000 or "200,000"),
// list (of another type; a single value is a list of one, so programs:
// employment is programs: [employment]), enum (one of values), ref (the
// name of a page in another section, such as kaname for
// content/companies/kaname.ja.md). A key written with no value (key:,
// key: null, key: "" or key: []) is the same as no key, and an error for
// a required field. A draft shown with --drafts may lack a required field
// (not write it): the build warns instead, so that a page that furusato new
// just started can be previewed.
//
// A translation inherits from its default-language page every field that
// is the same in every language (dates, numbers, amounts, enums, refs,
// URLs, booleans), but not text: string, text and lists of strings are
// written in each language, since inheriting them would show Japanese on
// an English page. A required text field missing in a translation is an
// error; any other text the default-language page has and a translation
// lacks is listed as a warning. translate: false makes a text field the
// same in every language (inherited), and translate: true makes any field
// written per language.
package config

import (
	"fmt"
	"io/fs"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/textfile"
)

// File is the name of the configuration file in the site folder.
const File = "site.yaml"

// maxSize is the largest site.yaml read: a hundred times a large site's.
const maxSize = 1 << 20

// Config is the decoded site.yaml.
type Config struct {
	BaseURL  string `yaml:"baseURL"`
	Timezone string `yaml:"timezone"`
	Paginate int    `yaml:"paginate"`
	Minify   bool   `yaml:"minify"`
	// Search turns on the search page of each language and its index.
	Search    bool                `yaml:"search"`
	Markdown  Markdown            `yaml:"markdown"`
	Contact   Contact             `yaml:"contact"`
	Languages []*Language         `yaml:"languages"`
	Sections  map[string]*Section `yaml:"sections"`
	// Tags are tags written differently in each language that are one
	// tag: their pages link to each other across languages.
	Tags   []map[string]string `yaml:"tags"`
	Assets Assets              `yaml:"assets"`
	Cache  Cache               `yaml:"cache"`
	Deploy Deploy              `yaml:"deploy"`
	Data   Data                `yaml:"data"` // open data files: see Data
	Images Images              `yaml:"images"`

	// Warnings are problems that do not stop a build, such as a UI
	// string that one language lacks.
	Warnings []*diag.Error `yaml:"-"`
	// Location is Timezone, loaded.
	Location *time.Location `yaml:"-"`
	// Base is BaseURL, parsed; its path always ends in a slash.
	Base *url.URL `yaml:"-"`

	file *ast.File // for positions of validation errors
}

// Markdown holds the Markdown options.
type Markdown struct {
	RawHTML     bool     `yaml:"rawHTML"`
	ReservedIDs []string `yaml:"reservedIDs"`
	// Embeds are the sites whose videos, maps and forms pages may show
	// with a fenced block of kind embed, each named by a host of
	// EmbedHosts. Unset, it is all of them; an empty list turns embeds off.
	Embeds []string `yaml:"embeds"`
}

// EmbedHosts are the hosts that markdown: embeds may name, one for each
// site furusato can embed from (package embed says which addresses of
// each it takes, and a test of it checks that its list is this one):
// YouTube, OpenStreetMap, Google Maps, Google Forms and LoGoフォーム.
var EmbedHosts = []string{"www.youtube.com", "www.openstreetmap.org", "www.google.com", "docs.google.com", "logoform.jp"}

// Contact is how to reach the office responsible for the site. Templates
// show each part wherever it is set, and nothing where it is not.
type Contact struct {
	Phone string `yaml:"phone"`
	Email string `yaml:"email"`
	URL   string `yaml:"url"`
	// Form is the address of an inquiry form.
	Form string `yaml:"form"`
	// Hours are the reception hours, by language code.
	Hours map[string]string `yaml:"hours"`
}

// InternationalPhone is Phone as it is dialled from abroad, for
// structured data: a number written as in Japan (0157-25-1210) gets
// Japan's country code in place of its leading 0 (+81-157-25-1210); a
// number that starts with + is returned as it is, and so is one that
// starts with neither or with 010.
func (c Contact) InternationalPhone() string {
	p := strings.TrimSpace(c.Phone)
	// 010 starts a call abroad from Japan: not a number in Japan.
	if rest, ok := strings.CutPrefix(p, "0"); ok && rest != "" && !strings.HasPrefix(p, "010") {
		return "+81-" + rest
	}
	return p
}

// Language is one language of the site.
type Language struct {
	Code        string            `yaml:"code"`
	Name        string            `yaml:"name"`
	Locale      string            `yaml:"locale"`
	Title       string            `yaml:"title"`
	Description string            `yaml:"description"`
	Office      string            `yaml:"office"`
	Strings     map[string]string `yaml:"strings"`
	Menu        []MenuItem        `yaml:"menu"`

	// Index is the language's place in Languages; 0 is the default.
	Index int `yaml:"-"`
}

// MenuItem is one entry of a language's menu: a page of the site by its
// content path, or an external URL with a title.
type MenuItem struct {
	Page  string `yaml:"page"`
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
}

// Section describes one folder of content/.
type Section struct {
	Sort     string   `yaml:"sort"`
	Paginate int      `yaml:"paginate"`
	Feed     bool     `yaml:"feed"`
	Fields   []*Field `yaml:"fields"`
	// FilterFrom is how many pages the section needs for its list to show
	// filters ({{if .Page.ShowsFilters}}): a short list reads whole
	// without them. 0 shows them always.
	FilterFrom int `yaml:"filterFrom"`
	// Schema is the schema.org type of the section's pages, for the
	// structured data that search engines read ({{jsonld}}): Article,
	// Organization, ... ; "" for none.
	Schema string `yaml:"schema"`
	// Kind is what the section's pages are, when furusato knows more of
	// them than their fields: "events" (see KindEvents), or "" for plain
	// pages.
	Kind string `yaml:"kind"`

	Name string `yaml:"-"`
}

// Field declares one front matter key of a section.
type Field struct {
	Name     string            `yaml:"name"`
	Type     string            `yaml:"type"`
	Of       string            `yaml:"of"`
	Section  string            `yaml:"section"`
	Required bool              `yaml:"required"`
	Label    map[string]string `yaml:"label"`
	Values   []EnumValue       `yaml:"values"`
	// Unit writes an int field's number in each language, with %d where
	// the number goes: {ja: "%d人", en: "%d"}.
	Unit map[string]string `yaml:"unit"`
	// Translate says whether each language writes its own value, which
	// translations then do not inherit; nil means by type (see Translated).
	Translate *bool `yaml:"translate"`
	// Schema is the schema.org property the field gives in the page's
	// structured data, when its section has a schema type: foundingDate.
	Schema string `yaml:"schema"`
}

// Translated reports whether the field is text that each language writes
// for itself: by default string, text and lists of them, which a
// translation does not inherit from its default-language page (it would
// show text in the wrong language); every other type is the same in every
// language and inherited. translate: false or true in site.yaml decides
// otherwise, such as for a phone number declared as a string.
func (f *Field) Translated() bool {
	if f.Translate != nil {
		return *f.Translate
	}
	switch f.Type {
	case TypeString, TypeText:
		return true
	case TypeList:
		return f.Of == TypeString || f.Of == TypeText || f.Of == ""
	}
	return false
}

// EnumValue is one allowed value of an enum field.
type EnumValue struct {
	Value string            `yaml:"value"`
	Label map[string]string `yaml:"label"`
}

// Field types.
const (
	TypeString = "string"
	TypeText   = "text"
	TypeInt    = "int"
	TypeBool   = "bool"
	TypeDate   = "date"
	TypeURL    = "url"
	TypeYen    = "yen"
	TypeList   = "list"
	TypeEnum   = "enum"
	TypeRef    = "ref"
)

var fieldTypes = []string{TypeString, TypeText, TypeInt, TypeBool, TypeDate, TypeURL, TypeYen, TypeList, TypeEnum, TypeRef}

// CommonKeys are the front matter keys every page may use.
var CommonKeys = []string{"title", "description", "date", "updated", "draft", "tags", "image", "image_alt", "slug", "translationKey", "weight", "aliases", "translated", "translations",
	"expires", "apply_from", "apply_until", "fiscal_year"}

// Sort orders of a section.
const (
	SortWeight = "weight"
	SortDate   = "date"
	SortTitle  = "title"
)

// Default returns the settings used for everything site.yaml leaves out.
func Default() *Config {
	c := &Config{Timezone: "Asia/Tokyo", Paginate: 10, Minify: true,
		Markdown: Markdown{Embeds: slices.Clone(EmbedHosts)}}
	defaultPublishing(c)
	defaultImages(c)
	return c
}

// Load reads and validates site.yaml from the site folder.
// All problems are returned together as a *diag.List.
func Load(site fs.FS) (*Config, error) {
	data, err := fs.ReadFile(site, File)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: File}, "cannot read the site settings: %v", err)
	}
	return Parse(data)
}

// Parse decodes and validates the text of site.yaml.
func Parse(data []byte) (*Config, error) {
	data, err := textfile.Clean(File, data)
	if err != nil {
		return nil, err
	}
	c := Default()
	if err := CheckLimits(diag.Pos{File: File, Line: 1, Col: 1}, data, maxSize, File, ""); err != nil {
		return nil, err
	}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, YAMLError(diag.Pos{File: File}, data, err)
	}
	c.file = file
	if len(file.Docs) > 0 && file.Docs[0].Body != nil && unwrap(file.Docs[0].Body).Type() != ast.NullType {
		var errs diag.List
		checkShape(file.Docs[0].Body, reflect.TypeFor[Config](), "", &errs)
		if errs.Len() > 0 {
			return nil, &errs
		}
		if err := yaml.UnmarshalWithOptions(data, c, yaml.Strict()); err != nil {
			return nil, YAMLError(diag.Pos{File: File}, data, err)
		}
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	return c, nil
}

var (
	langCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
	slugName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
	keyName  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
)

// Pos finds the position of a YAML path in site.yaml, or of its nearest
// ancestor that exists.
func (c *Config) Pos(path string) diag.Pos {
	for c.file != nil {
		if p, err := yaml.PathString(path); err == nil {
			if n, err := p.FilterFile(c.file); err == nil && n != nil {
				if mv, ok := n.(*ast.MappingNode); ok && len(mv.Values) > 0 {
					n = mv.Values[0].Key
				}
				tk := n.GetToken()
				return diag.Pos{File: File, Line: tk.Position.Line, Col: tk.Position.Column}
			}
		}
		i := max(strings.LastIndexAny(path, ".["), 0)
		if i == 0 {
			break
		}
		path = path[:i]
	}
	return diag.Pos{File: File, Line: 1, Col: 1}
}

// SectionNames returns the declared sections, sorted.
func (c *Config) SectionNames() []string {
	names := make([]string, 0, len(c.Sections))
	for n := range c.Sections {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Default is the default language.
func (c *Config) DefaultLanguage() *Language { return c.Languages[0] }

// Language returns the language with code, or nil.
func (c *Config) Language(code string) *Language {
	for _, l := range c.Languages {
		if l.Code == code {
			return l
		}
	}
	return nil
}

// Field returns the declaration of a section's field, or nil.
func (s *Section) Field(name string) *Field {
	for _, f := range s.Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// SetBaseURL replaces baseURL, as the --base-url flag does.
func (c *Config) SetBaseURL(u string) error {
	old := c.BaseURL
	c.BaseURL = u
	if err := c.parseBaseURL(); err != nil {
		c.BaseURL = old
		return fmt.Errorf("--base-url: %w", err)
	}
	return nil
}

// parseBaseURL checks BaseURL and sets Base.
func (c *Config) parseBaseURL() error {
	u, err := ParseBaseURL(c.BaseURL)
	if err != nil {
		return fmt.Errorf("baseURL: %w", err)
	}
	c.Base = u
	c.BaseURL = u.String()
	return nil
}

// ParseBaseURL checks a base URL (an absolute http or https URL) and
// returns it with a path that ends in a slash.
func ParseBaseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("want an absolute http(s) URL such as https://www.example.jp/, got %q", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}
