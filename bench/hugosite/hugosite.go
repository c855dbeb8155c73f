// Package hugosite writes the generated bilingual sites of furusato's
// internal/benchsite as Hugo sites, with the same pages and templates that
// do the same work as the example site's, so that a build by furusato can
// be compared with a build by Hugo (see the compare command).
package hugosite

import (
	"bytes"
	"cmp"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/BurntSushi/toml"

	"github.com/furusato/furusato/internal/benchsite"
	"github.com/furusato/furusato/internal/config"
)

// layouts are the Hugo site's templates, written to do the work of the
// example site's templates/: the same head (canonical, hreflang, Open
// Graph, JSON-LD), header with menu and language switcher, breadcrumbs,
// footer, cards, pagers, fields of the sections, pages that refer to a
// page, and an Atom feed of the sections that have one.
//
//go:embed all:layouts
var layouts embed.FS

// untranslated are the front matter keys a translation does not inherit
// from the default language's page in furusato (see README, Translations).
// Hugo inherits nothing, so the Hugo site's translations get every other
// key written out.
var untranslated = []string{"title", "description", "tags", "slug", "translationKey", "image_alt"}

// Write writes the pages benchsite.Write writes, for the same perLang, as a
// Hugo site into dir: hugo.toml made from the example's site.yaml (languages,
// menus, paging, the office's details), the UI strings as i18n files, the
// sections' paging and field declarations as data/sections.json, the example's static
// files and templates for Hugo that do the same work as the example's.
//
// Build it as furusato's build is compared with: hugo --minify.
// The default language is at the root and the others under /<code>/,
// as in furusato; Markdown links to .md files are resolved by a link
// render hook.
func Write(dir string, example fs.FS, perLang int) error {
	cfg, err := config.Load(example)
	if err != nil {
		return fmt.Errorf("example site: %w", err)
	}
	if err := writeTOML(filepath.Join(dir, "hugo.toml"), hugoConfigOf(cfg)); err != nil {
		return err
	}
	for _, l := range cfg.Languages {
		if err := writeTOML(filepath.Join(dir, "i18n", l.Code+".toml"), l.Strings); err != nil {
			return err
		}
	}
	if err := writeJSON(filepath.Join(dir, "data", "sections.json"), hugoSectionsOf(cfg)); err != nil {
		return err
	}
	if err := benchsite.CopyDir(filepath.Join(dir, "static"), example, "static"); err != nil {
		return err
	}
	if err := benchsite.CopyDir(filepath.Join(dir, "layouts"), layouts, "layouts"); err != nil {
		return err
	}

	w := benchsite.ContentWriter{Dir: filepath.Join(dir, "content")}
	for _, pg := range benchsite.Pages(perLang) {
		// The generated pages are in Japanese and English, the example
		// site's languages.
		pg.EN.Params = inherit(pg.JA.Params, pg.EN.Params)
		w.Page(pg)
	}
	// Lists get their titles as furusato gives them: a section is titled by
	// its name, the list of tags by the UI string "tags". The sections with
	// a feed get it as an output.
	for _, l := range cfg.Languages {
		for _, name := range slices.Sorted(maps.Keys(cfg.Sections)) {
			fm := []benchsite.Param{{Key: "title", Value: name}}
			if cfg.Sections[name].Feed {
				fm = append(fm, benchsite.Param{Key: "outputs", Value: "[html, atom]"})
			}
			w.Write(name+"/_index."+l.Code+".md", benchsite.FrontMatter(fm, ""))
		}
		w.Write("tags/_index."+l.Code+".md", benchsite.FrontMatter([]benchsite.Param{{Key: "title", Value: yamlString(l.Strings["tags"])}}, ""))
		// furusato's search page and its index: here a page with a JSON
		// output listing every page's plain text, as Hugo sites do it.
		if cfg.Search {
			w.Write("search."+l.Code+".md", benchsite.FrontMatter([]benchsite.Param{
				{Key: "title", Value: yamlString(l.Strings["search"])}, {Key: "layout", Value: "search"},
				{Key: "outputs", Value: "[html, json]"},
			}, ""))
		}
	}
	return w.Err()
}

// inherit returns a translation's front matter for Hugo: the default
// language's keys that furusato lets it inherit, in their order, with the
// translation's own values in their place, then the translation's other keys.
func inherit(def, own []benchsite.Param) []benchsite.Param {
	out := make([]benchsite.Param, 0, len(def)+len(own))
	done := map[string]bool{}
	for _, d := range def {
		i := slices.IndexFunc(own, func(o benchsite.Param) bool { return o.Key == d.Key })
		switch {
		case i >= 0:
			out = append(out, own[i])
			done[d.Key] = true
		case !slices.Contains(untranslated, d.Key):
			out = append(out, d)
		}
	}
	for _, o := range own {
		if !done[o.Key] {
			out = append(out, o)
		}
	}
	return out
}

type hugoConfig struct {
	BaseURL                        string                      `toml:"baseURL"`
	Title                          string                      `toml:"title"`
	DefaultContentLanguage         string                      `toml:"defaultContentLanguage"`
	DefaultContentLanguageInSubdir bool                        `toml:"defaultContentLanguageInSubdir"`
	TimeZone                       string                      `toml:"timeZone"`
	Paginate                       int                         `toml:"paginate"`
	HasCJKLanguage                 bool                        `toml:"hasCJKLanguage"`
	EnableRobotsTXT                bool                        `toml:"enableRobotsTXT"`
	DisableHugoGeneratorInject     bool                        `toml:"disableHugoGeneratorInject"`
	Timeout                        string                      `toml:"timeout"`
	Outputs                        map[string][]string         `toml:"outputs"`
	MediaTypes                     map[string]hugoMediaType    `toml:"mediaTypes"`
	OutputFormats                  map[string]hugoOutputFormat `toml:"outputFormats"`
	Taxonomies                     map[string]string           `toml:"taxonomies"`
	Markup                         hugoMarkup                  `toml:"markup"`
	Params                         hugoParams                  `toml:"params"`
	Languages                      map[string]hugoLanguage     `toml:"languages"`
}

type hugoMediaType struct {
	Suffixes []string `toml:"suffixes"`
}

type hugoOutputFormat struct {
	MediaType string `toml:"mediaType"`
	BaseName  string `toml:"baseName"`
	Rel       string `toml:"rel"`
}

type hugoMarkup struct {
	Goldmark struct {
		Renderer struct {
			Unsafe bool `toml:"unsafe"`
		} `toml:"renderer"`
		Extensions struct {
			// furusato does not make quotes curly.
			Typographer bool `toml:"typographer"`
		} `toml:"extensions"`
	} `toml:"goldmark"`
}

type hugoParams struct {
	Paginate int               `toml:"paginate"` // for lists that are not sections
	Feeds    []string          `toml:"feeds"`
	Contact  map[string]string `toml:"contact"`
}

type hugoLanguage struct {
	Weight       int                    `toml:"weight"`
	LanguageName string                 `toml:"languageName"`
	LanguageCode string                 `toml:"languageCode"`
	Title        string                 `toml:"title"`
	Params       map[string]string      `toml:"params"`
	Menus        map[string][]hugoEntry `toml:"menus"`
}

type hugoEntry struct {
	Identifier string `toml:"identifier"`
	PageRef    string `toml:"pageRef,omitempty"`
	Name       string `toml:"name,omitempty"`
	URL        string `toml:"url,omitempty"`
	Weight     int    `toml:"weight"`
}

func hugoConfigOf(cfg *config.Config) hugoConfig {
	def := cfg.DefaultLanguage()
	h := hugoConfig{
		BaseURL:                    cfg.BaseURL,
		Title:                      def.Title,
		DefaultContentLanguage:     def.Code,
		TimeZone:                   cfg.Timezone,
		Paginate:                   cfg.Paginate,
		HasCJKLanguage:             true,
		EnableRobotsTXT:            true,
		DisableHugoGeneratorInject: true,
		// Hugo stops a template that runs longer than 30 s by default,
		// which a 100,000-page build on a busy machine can reach.
		Timeout: "10m",
		// No RSS: furusato writes Atom feeds of the sections that ask for one.
		Outputs: map[string][]string{
			"home": {"html"}, "section": {"html"}, "taxonomy": {"html"}, "term": {"html"},
		},
		MediaTypes:    map[string]hugoMediaType{"application/atom+xml": {Suffixes: []string{"xml"}}},
		OutputFormats: map[string]hugoOutputFormat{"atom": {MediaType: "application/atom+xml", BaseName: "feed", Rel: "alternate"}},
		Taxonomies:    map[string]string{"tag": "tags"},
		Params: hugoParams{Paginate: cfg.Paginate, Contact: map[string]string{
			"phone": cfg.Contact.Phone, "email": cfg.Contact.Email, "url": cfg.Contact.URL,
		}},
		Languages: map[string]hugoLanguage{},
	}
	h.Markup.Goldmark.Renderer.Unsafe = cfg.Markdown.RawHTML
	for _, name := range slices.Sorted(maps.Keys(cfg.Sections)) {
		if cfg.Sections[name].Feed {
			h.Params.Feeds = append(h.Params.Feeds, "/"+name)
		}
	}
	for i, l := range cfg.Languages {
		hl := hugoLanguage{
			Weight:       i + 1,
			LanguageName: l.Name,
			LanguageCode: l.Locale,
			Title:        l.Title,
			Params:       map[string]string{"description": l.Description, "office": l.Office, "locale": l.Locale},
		}
		var menu []hugoEntry
		for j, m := range l.Menu {
			e := hugoEntry{Identifier: m.Page, Name: m.Title, URL: m.URL, Weight: j + 1}
			if m.Page != "" {
				e.PageRef = "/" + m.Page
			} else {
				e.Identifier = m.URL
			}
			menu = append(menu, e)
		}
		hl.Menus = map[string][]hugoEntry{"main": menu}
		h.Languages[l.Code] = hl
	}
	return h
}

// hugoSection is a section of site.yaml as the Hugo templates read it
// from data/sections.json. Its sort order is not there: Hugo's default
// order (weight, then newest first, then title) sorts the generated
// sections as their sort settings do.
type hugoSection struct {
	Paginate int         `json:"paginate"`
	Fields   []hugoField `json:"fields"`
}

// hugoField is a field declaration of a section.
type hugoField struct {
	Name    string                       `json:"name"`
	Type    string                       `json:"type"`
	Of      string                       `json:"of,omitempty"`
	Section string                       `json:"section,omitempty"`
	Label   map[string]string            `json:"label"`
	Values  map[string]map[string]string `json:"values,omitempty"`
}

func hugoSectionsOf(cfg *config.Config) map[string]hugoSection {
	out := map[string]hugoSection{}
	for name, sec := range cfg.Sections {
		fields := []hugoField{}
		for _, f := range sec.Fields {
			hf := hugoField{Name: f.Name, Type: f.Type, Of: f.Of, Section: f.Section, Label: f.Label}
			for _, v := range f.Values {
				if hf.Values == nil {
					hf.Values = map[string]map[string]string{}
				}
				hf.Values[v.Value] = v.Label
			}
			fields = append(fields, hf)
		}
		out[name] = hugoSection{Paginate: cmp.Or(sec.Paginate, cfg.Paginate), Fields: fields}
	}
	return out
}

func writeTOML(path string, v any) error {
	var b bytes.Buffer
	b.WriteString("# Written by furusato's bench/hugosite from the example site's site.yaml.\n")
	if err := toml.NewEncoder(&b).Encode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return writeFile(path, b.Bytes())
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return writeFile(path, append(data, '\n'))
}

func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// yamlString quotes s for YAML front matter.
func yamlString(s string) string {
	data, _ := json.Marshal(s) // JSON strings are YAML strings
	return string(data)
}

// HTMLPages lists the HTML pages of a built site, as slash-separated paths
// in the output folder out, leaving out the redirect pages Hugo writes for
// its aliases (/ja/, /articles/page/1/), which furusato does not make.
func HTMLPages(out string) ([]string, error) {
	var pages []string
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".html" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !isRedirect(data) {
			rel, err := filepath.Rel(out, path)
			if err != nil {
				return err
			}
			pages = append(pages, filepath.ToSlash(rel))
		}
		return nil
	})
	return pages, err
}

// isRedirect tells a page that only sends the browser elsewhere, minified
// or not.
func isRedirect(page []byte) bool {
	return len(page) < 1024 && (bytes.Contains(page, []byte("http-equiv=refresh")) || bytes.Contains(page, []byte(`http-equiv="refresh"`)))
}
