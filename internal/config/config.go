// Package config reads site.yaml, the one file that describes a site.
//
// # site.yaml
//
//	baseURL: https://telework.example.jp/   # required; where the site is published
//	timezone: Asia/Tokyo   # dates without a zone are read in this zone (default Asia/Tokyo)
//	paginate: 10           # items per list page (default 10)
//	minify: true           # minify HTML, CSS, JS, SVG, JSON and XML (default true)
//	markdown:
//	  rawHTML: false       # let Markdown contain raw HTML (default false: it is dropped)
//	  reservedIDs: [map]   # element IDs the templates use, which headings must not get,
//	                       # besides those go doc ./internal/markdown lists
//	contact:               # the office responsible for the site, shown in footers
//	  phone: 0157-25-1210
//	  email: ""
//	  url: https://www.city.kitami.lg.jp/
//	languages:             # in order; the first is the default language, at the site root
//	  - code: ja           # other languages are published under /<code>/
//	    name: 日本語        # shown in the language switcher
//	    locale: ja_JP      # for Open Graph
//	    title: 北見市 地方創生テレワーク
//	    description: …
//	    office: 北見市 商工観光部 工業振興課   # the responsible office, in this language
//	    strings:           # UI strings for templates ({{t "key"}}); every language needs every key
//	      read_more: 続きを読む
//	    menu:              # the main navigation
//	      - page: companies            # a content path: a section, or a page such as about
//	      - title: 市役所               # or a title with an external url
//	        url: https://www.city.kitami.lg.jp/
//	sections:
//	  companies:           # content/companies/
//	    sort: title        # weight (default), date (newest first) or title
//	    paginate: 20       # overrides the site's paginate for this section
//	    feed: false        # true: an Atom feed of this section at /feed.xml (per language)
//	    schema: Organization   # the schema.org type of its pages, for search engines ({{jsonld}})
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
//	assets:                # fingerprinting and pre-compression: see Assets
//	  fingerprint: true
//	  precompress: false
//	cache:                 # Cache-Control of each kind of file: see Cache
//	  pages: public, max-age=0, must-revalidate
//	deploy:                # furusato deploy: see Deploy
//	  keepOldAssets: 168h
//
// Field types: string (one line of text), text (longer text), int, bool,
// date (2026-11-24, or 2010-07 and 2004 for a month or a year), url
// (absolute http(s) URL), yen (a whole number of yen, 200000 or "200,000"),
// list (of another type; a single value is a list of one, so programs:
// employment is programs: [employment]), enum (one of values), ref (the
// name of a page in another section, such as kaname for
// content/companies/kaname.ja.md). A key written with no value (key:,
// key: null, key: "" or key: []) is the same as no key, and an error for
// a required field.
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
	BaseURL   string              `yaml:"baseURL"`
	Timezone  string              `yaml:"timezone"`
	Paginate  int                 `yaml:"paginate"`
	Minify    bool                `yaml:"minify"`
	Markdown  Markdown            `yaml:"markdown"`
	Contact   Contact             `yaml:"contact"`
	Languages []*Language         `yaml:"languages"`
	Sections  map[string]*Section `yaml:"sections"`
	Assets    Assets              `yaml:"assets"`
	Cache     Cache               `yaml:"cache"`
	Deploy    Deploy              `yaml:"deploy"`

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
}

// Contact is how to reach the office responsible for the site.
type Contact struct {
	Phone string `yaml:"phone"`
	Email string `yaml:"email"`
	URL   string `yaml:"url"`
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
	// Schema is the schema.org type of the section's pages, for the
	// structured data that search engines read ({{jsonld}}): Article,
	// Organization, ... ; "" for none.
	Schema string `yaml:"schema"`

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
var CommonKeys = []string{"title", "description", "date", "updated", "draft", "tags", "image", "image_alt", "slug", "translationKey", "weight"}

// Sort orders of a section.
const (
	SortWeight = "weight"
	SortDate   = "date"
	SortTitle  = "title"
)

// Default returns the settings used for everything site.yaml leaves out.
func Default() *Config {
	c := &Config{Timezone: "Asia/Tokyo", Paginate: 10, Minify: true}
	defaultPublishing(c)
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
		return nil, YAMLError(diag.Pos{File: File}, err)
	}
	c.file = file
	if len(file.Docs) > 0 && file.Docs[0].Body != nil && unwrap(file.Docs[0].Body).Type() != ast.NullType {
		var errs diag.List
		checkShape(file.Docs[0].Body, reflect.TypeFor[Config](), "", &errs)
		if errs.Len() > 0 {
			return nil, &errs
		}
		if err := yaml.UnmarshalWithOptions(data, c, yaml.Strict()); err != nil {
			return nil, YAMLError(diag.Pos{File: File}, err)
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

func (c *Config) validate() error {
	var errs diag.List
	bad := func(path, format string, args ...any) { errs.Addf(c.Pos(path), format, args...) }

	if c.BaseURL == "" {
		bad("$", "baseURL is missing: say where the site is published, e.g. baseURL: https://www.example.jp/")
	} else if err := c.parseBaseURL(); err != nil {
		bad("$.baseURL", "%v", err)
	}
	if loc, err := time.LoadLocation(c.Timezone); err != nil {
		bad("$.timezone", "timezone: unknown zone %q; use a name such as Asia/Tokyo", c.Timezone)
	} else {
		c.Location = loc
	}
	if c.Paginate < 1 {
		bad("$.paginate", "paginate: want a number of items per page, 1 or more, got %d", c.Paginate)
	}

	if len(c.Languages) == 0 {
		bad("$", "languages: list at least one language; the first is the default")
	}
	seen := map[string]bool{}
	for i, l := range c.Languages {
		p := fmt.Sprintf("$.languages[%d]", i)
		l.Index = i
		switch {
		case !langCode.MatchString(l.Code):
			bad(p, "languages: code %q is not a language code such as ja or en", l.Code)
		case seen[l.Code]:
			bad(p+".code", "languages: %s is listed twice", l.Code)
		}
		seen[l.Code] = true
		if l.Title == "" {
			bad(p, "languages: %s has no title (the site's name in that language)", l.Code)
		}
		if l.Name == "" {
			l.Name = l.Code
		}
		if l.Strings == nil {
			l.Strings = map[string]string{}
		}
		for j, m := range l.Menu {
			if (m.Page == "") == (m.URL == "") {
				bad(fmt.Sprintf("%s.menu[%d]", p, j), "menu: give either page (a content path such as companies) or url, not both")
			}
			if m.URL != "" && m.Title == "" {
				bad(fmt.Sprintf("%s.menu[%d]", p, j), "menu: an entry with url needs a title")
			}
		}
	}
	c.checkStrings()
	c.checkPublishing(bad)

	for _, name := range c.SectionNames() {
		s := c.Sections[name]
		s.Name = name
		c.checkSection(s, &errs)
	}
	return errs.Err()
}

// checkStrings reports, as warnings, UI strings that one language has and
// another lacks, and gives the latter the text of the first language that
// has them, so that its pages still show something.
func (c *Config) checkStrings() {
	all := map[string]*Language{} // key → the first language that has it
	for _, l := range c.Languages {
		for k := range l.Strings {
			if _, ok := all[k]; !ok {
				all[k] = l
			}
		}
	}
	for i, l := range c.Languages {
		var missing []string
		for k := range all {
			if _, ok := l.Strings[k]; !ok {
				missing = append(missing, k)
			}
		}
		slices.Sort(missing)
		for _, k := range missing {
			from := all[k]
			c.Warnings = append(c.Warnings, diag.Errorf(c.Pos(fmt.Sprintf("$.languages[%d].strings", i)),
				"strings: %q is missing for %s: its pages show the %s text %q until it is written", k, l.Code, from.Code, from.Strings[k]))
			if l.Strings == nil {
				l.Strings = map[string]string{}
			}
			l.Strings[k] = from.Strings[k]
		}
	}
}

func (c *Config) checkSection(s *Section, errs *diag.List) {
	p := "$.sections." + s.Name
	bad := func(path, format string, args ...any) { errs.Addf(c.Pos(path), format, args...) }
	if !slugName.MatchString(s.Name) {
		bad(p, "sections: %q is not a folder name of lowercase letters, digits and hyphens", s.Name)
	}
	switch s.Sort {
	case "":
		s.Sort = SortWeight
	case SortWeight, SortDate, SortTitle:
	default:
		bad(p+".sort", "sort: want weight, date or title, got %q", s.Sort)
	}
	if s.Paginate == 0 {
		s.Paginate = c.Paginate
	}
	if s.Schema != "" && !schemaType.MatchString(s.Schema) {
		bad(p+".schema", "schema: want a schema.org type such as Article or Organization, got %q", s.Schema)
	}
	names := map[string]bool{}
	properties := map[string]string{} // schema property → field
	for i, f := range s.Fields {
		fp := fmt.Sprintf("%s.fields[%d]", p, i)
		switch {
		case !keyName.MatchString(f.Name):
			bad(fp, "fields: %q is not a key name (letters, digits and _)", f.Name)
		case slices.Contains(CommonKeys, f.Name):
			bad(fp+".name", "fields: %s is a common front matter key; it needs no declaration", f.Name)
		case names[f.Name]:
			bad(fp+".name", "fields: %s is declared twice", f.Name)
		}
		names[f.Name] = true
		c.checkType(fp, f, f.Type, errs)
		if f.Type == TypeList {
			if f.Of == "" {
				f.Of = TypeString
			}
			if f.Of == TypeList {
				bad(fp+".of", "fields: %s: a list of lists is not supported", f.Name)
			} else {
				c.checkType(fp+".of", f, f.Of, errs)
			}
		} else if f.Of != "" {
			bad(fp+".of", "fields: %s: of is only for lists", f.Name)
		}
		c.checkLabel(fp+".label", f.Label, fmt.Sprintf("fields: %s: label", f.Name), errs)
		for j, v := range f.Values {
			c.checkLabel(fmt.Sprintf("%s.values[%d].label", fp, j), v.Label, fmt.Sprintf("fields: %s: the label of value %s", f.Name, v.Value), errs)
		}
		c.checkUnit(fp, f, errs)
		switch {
		case f.Schema == "":
		case s.Schema == "":
			bad(fp+".schema", "fields: %s: schema names a property of the section's schema type, and section %s has no schema", f.Name, s.Name)
		case !schemaProperty.MatchString(f.Schema):
			bad(fp+".schema", "fields: %s: schema: want a schema.org property such as foundingDate, got %q", f.Name, f.Schema)
		case properties[f.Schema] != "":
			bad(fp+".schema", "fields: %s: schema: %s is already given by field %s", f.Name, f.Schema, properties[f.Schema])
		default:
			properties[f.Schema] = f.Name
		}
	}
}

// schemaType and schemaProperty are the shapes of schema.org names.
var (
	schemaType     = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
	schemaProperty = regexp.MustCompile(`^[a-z][A-Za-z0-9]*$`)
)

// checkUnit checks the unit of a field: only numbers have one, and each
// language's text holds the number once, as %d.
func (c *Config) checkUnit(fp string, f *Field, errs *diag.List) {
	if f.Unit == nil {
		return
	}
	if f.Type != TypeInt {
		errs.Addf(c.Pos(fp+".unit"), "fields: %s: unit is only for int fields, and %s is %s", f.Name, f.Name, f.Type)
		return
	}
	c.checkLabel(fp+".unit", f.Unit, fmt.Sprintf("fields: %s: unit", f.Name), errs)
	for _, l := range c.Languages {
		u, ok := f.Unit[l.Code]
		if !ok || u == "" {
			continue
		}
		if rest := strings.ReplaceAll(u, "%%", ""); strings.Count(rest, "%d") != 1 || strings.Count(rest, "%") != 1 {
			errs.Addf(c.keyPos(fp+".unit", l.Code), "fields: %s: unit for %s: want the number written once as %%d, such as \"%%d人\", got %q", f.Name, l.Code, u)
		}
	}
}

// checkLabel checks a label: text per language, {ja: 業種, en: Industry}.
// Every language needs its text, and every key must be a language of the
// site. A key that is not one is most often the end of a text cut at a
// comma, as in {ja: …, en: DX, IoT and AI}, where YAML reads "IoT and AI"
// as a key of its own.
func (c *Config) checkLabel(p string, label map[string]string, what string, errs *diag.List) {
	if label == nil {
		return
	}
	var codes []string
	for _, l := range c.Languages {
		codes = append(codes, l.Code)
	}
	keys := make([]string, 0, len(label))
	for k := range label {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if slices.Contains(codes, k) {
			continue
		}
		msg := fmt.Sprintf("%s: %q is not a language of the site (%s)%s", what, k, strings.Join(codes, ", "), diag.DidYouMean(k, codes))
		if label[k] == "" {
			msg += "; if it is the end of a text with a comma, put the whole text in quotes, such as en: \"DX, IoT and AI\""
		}
		errs.Addf(c.keyPos(p, k), "%s", msg)
	}
	for _, code := range codes {
		if label[code] == "" {
			errs.Addf(c.Pos(p), "%s is missing for %s", what, code)
		}
	}
}

// keyPos finds the position of a key of the mapping at a YAML path, or of
// the mapping when the key is not there.
func (c *Config) keyPos(path, key string) diag.Pos {
	if c.file != nil {
		if p, err := yaml.PathString(path); err == nil {
			if n, err := p.FilterFile(c.file); err == nil {
				if m, ok := n.(*ast.MappingNode); ok {
					for _, mv := range m.Values {
						if keyText(mv.Key) == key {
							tk := mv.Key.GetToken()
							return diag.Pos{File: File, Line: tk.Position.Line, Col: tk.Position.Column}
						}
					}
				}
			}
		}
	}
	return c.Pos(path)
}

func (c *Config) checkType(fp string, f *Field, typ string, errs *diag.List) {
	bad := func(path, format string, args ...any) { errs.Addf(c.Pos(path), format, args...) }
	switch typ {
	case TypeEnum:
		if len(f.Values) == 0 {
			bad(fp, "fields: %s: an enum needs values", f.Name)
		}
	case TypeRef:
		if f.Section == "" {
			bad(fp, "fields: %s: a ref needs section (the section of the page it names)", f.Name)
		} else if _, ok := c.Sections[f.Section]; !ok {
			bad(fp+".section", "fields: %s: there is no section %q%s", f.Name, f.Section, diag.DidYouMean(f.Section, c.SectionNames()))
		}
	case "":
		bad(fp, "fields: %s has no type; use one of %s", f.Name, strings.Join(fieldTypes, ", "))
	default:
		if !slices.Contains(fieldTypes, typ) {
			bad(fp+".type", "fields: %s: unknown type %q%s; the types are %s", f.Name, typ, diag.DidYouMean(typ, fieldTypes), strings.Join(fieldTypes, ", "))
		}
	}
}

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
