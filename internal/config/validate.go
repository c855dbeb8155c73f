package config

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/slug"
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
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

	// An entry with nothing after it ("- " in a list, "news:" in sections)
	// decodes as nil: a section with the defaults, an empty language.
	for name, s := range c.Sections {
		if s == nil {
			c.Sections[name] = &Section{}
		}
	}
	for i, l := range c.Languages {
		if l == nil {
			bad(fmt.Sprintf("$.languages[%d]", i), "languages: entry %d is empty; give its code and title", i+1)
		}
	}
	c.Languages = slices.DeleteFunc(c.Languages, func(l *Language) bool { return l == nil })
	c.validateData(bad)
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
			if msg := linkProblem(m.URL); msg != "" {
				bad(fmt.Sprintf("%s.menu[%d].url", p, j), "menu: url: %s", msg)
			}
		}
	}
	if msg := linkProblem(c.Contact.URL); msg != "" {
		bad("$.contact.url", "contact: url: %s", msg)
	}
	if msg := linkProblem(c.Contact.Form); msg != "" {
		bad("$.contact.form", "contact: form: %s", msg)
	} else if u, err := url.Parse(c.Contact.Form); c.Contact.Form != "" && err == nil && u.Scheme != "http" && u.Scheme != "https" {
		bad("$.contact.form", "contact: form: %q is not the address of a web page; give one that starts with https://", c.Contact.Form)
	}
	for _, code := range slices.Sorted(maps.Keys(c.Contact.Hours)) {
		if !slices.ContainsFunc(c.Languages, func(l *Language) bool { return l != nil && l.Code == code }) {
			bad("$.contact.hours."+code, "contact: hours: %q is not a language of the site; give the hours under each language's code (%s)", code, c.languageCodes())
		}
	}
	c.checkStrings()
	c.checkPublishing(bad)
	c.checkImages(bad)
	c.checkTags(bad)
	c.checkEmbeds(bad)

	for _, name := range c.SectionNames() {
		s := c.Sections[name]
		s.Name = name
		c.checkSection(s, &errs)
		c.checkKind(s, &errs)
	}
	return errs.Err()
}

// languageCodes lists the site's language codes, for messages: ja, en.
func (c *Config) languageCodes() string {
	var codes []string
	for _, l := range c.Languages {
		if l != nil {
			codes = append(codes, l.Code)
		}
	}
	return strings.Join(codes, ", ")
}

// linkProblem says why a URL of site.yaml cannot be a link of the site's
// pages, or returns "". Templates escape links with html/template, which
// makes a URL of any scheme but http, https and mailto "#ZgotmplZ", so
// such a URL would break a link on every page, or run a script
// (javascript:) if a template let it through.
func linkProblem(s string) string {
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Sprintf("%q is not a URL: %v", s, errors.Unwrap(err))
	}
	switch u.Scheme {
	case "", "http", "https", "mailto":
		return ""
	case "tel":
		return fmt.Sprintf("%q: a link can be http, https or mailto; a phone number goes in contact: phone", s)
	}
	return fmt.Sprintf("%q: a link can be http, https or mailto, not %s:; give the address of a web page such as https://www.example.jp/", s, u.Scheme)
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
	if s.FilterFrom < 0 {
		bad(p+".filterFrom", "filterFrom: want how many pages the list needs to show its filters (0 for always), got %d", s.FilterFrom)
	}
	if s.Schema != "" && !schemaType.MatchString(s.Schema) {
		bad(p+".schema", "schema: want a schema.org type such as Article or Organization, got %q", s.Schema)
	}
	names := map[string]bool{}
	properties := map[string]string{} // schema property → field
	for i, f := range s.Fields {
		fp := fmt.Sprintf("%s.fields[%d]", p, i)
		if f == nil {
			bad(fp, "fields: entry %d is empty; give its name and type", i+1)
			continue
		}
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

// checkTags checks the tags' translations: each entry names a tag in two
// languages or more, and a tag is in one entry at most.
func (c *Config) checkTags(bad func(path, format string, args ...any)) {
	seen := map[string]int{} // language code + "\x00" + the tag's URL name
	for i, entry := range c.Tags {
		p := fmt.Sprintf("$.tags[%d]", i)
		if len(entry) < 2 {
			bad(p, "tags: entry %d names the tag in %d language; give it in two or more, such as {ja: サケモデル, en: salmon model}", i+1, len(entry))
		}
		for _, code := range slices.Sorted(maps.Keys(entry)) {
			name := strings.TrimSpace(entry[code])
			switch {
			case !slices.ContainsFunc(c.Languages, func(l *Language) bool { return l.Code == code }):
				bad(p+"."+code, "tags: %q is not a language of the site", code)
			case slug.Make(name) == "":
				bad(p+"."+code, "tags: %q has no letters or digits to make a URL of", name)
			default:
				k := code + "\x00" + slug.Make(name)
				if j, ok := seen[k]; ok {
					bad(p+"."+code, "tags: %q is also in entry %d; a tag can have one set of translations", name, j+1)
				}
				seen[k] = i
			}
		}
	}
}

// checkEmbeds checks that markdown: embeds names only hosts furusato can
// embed from, each once.
func (c *Config) checkEmbeds(bad func(path, format string, args ...any)) {
	if c.Markdown.Embeds == nil {
		// embeds: with nothing after it, like no key, keeps the default;
		// embeds: [] is an empty list and turns embeds off.
		c.Markdown.Embeds = slices.Clone(EmbedHosts)
	}
	seen := map[string]bool{}
	for i, h := range c.Markdown.Embeds {
		p := fmt.Sprintf("$.markdown.embeds[%d]", i)
		switch {
		case !slices.Contains(EmbedHosts, h):
			bad(p, "markdown: embeds: furusato cannot embed from %q; list some of %s (YouTube, OpenStreetMap, Google Maps, Google Forms, LoGoフォーム)", h, strings.Join(EmbedHosts, ", "))
		case seen[h]:
			bad(p, "markdown: embeds: %s is listed twice", h)
		}
		seen[h] = true
	}
}
