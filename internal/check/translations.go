package check

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/site"
	"github.com/furusato/furusato/internal/translation"
)

// perLanguageKeys are the front matter keys that translations do not
// inherit: a translation without them shows less than the original.
var perLanguageKeys = []string{"description", "image_alt", "tags"}

// partNames names the parts of a page that a stamp covers (title, body,
// the section's fields) in words: "the text", and a field's label in the
// page's language with its key, "Head office (head_office)", so that
// the writer knows both what it is and which line to look at.
func (c *checker) partNames(p *site.Page, parts []string) []string {
	out := make([]string, len(parts))
	for i, part := range parts {
		switch part {
		case "title", "description":
			out[i] = "the " + part
		case "body":
			out[i] = "the text"
		default:
			out[i] = part
			if sec := c.s.Config.Sections[p.Section]; sec != nil {
				if f := sec.Field(part); f != nil && f.Label[p.Lang.Code] != "" && f.Label[p.Lang.Code] != part {
					out[i] = f.Label[p.Lang.Code] + " (" + part + ")"
				}
			}
		}
	}
	return out
}

// checkTranslations lists pages missing in a language, translations that
// lack a per-language key the other language has, and translations whose
// source changed since they were translated (see package translation).
func (c *checker) checkTranslations() {
	st, err := translation.Check(context.Background(), c.s, c.in.Source)
	if err != nil {
		c.add(diag.Pos{}, Error, "", "comparing translations with their source: %v", err)
	}
	for _, b := range st.Behind {
		fix := "bring it up to date, then run furusato translated " + b.Page.File
		if b.Err != nil {
			c.add(b.Pos, Warning, "", "translated: cannot be read (%v); check the translation against %s, then run furusato translated %s to write it again", b.Err, b.Source.File, b.Page.File)
			continue
		}
		c.add(b.Pos, Warning, "", "the translation is behind %s: %s changed there since it was translated; %s", b.Source.File, join(c.partNames(b.Page, b.Changed)), fix)
	}
	c.untracked = len(st.Untracked)
	for _, p := range st.Misplaced {
		c.add(p.Source().Pos(translation.Key), Warning, "", "translated: is for translations, and this page is in %s, the language they are made from; remove the line", p.Lang.Code)
	}
	langs := c.s.Config.Languages
	for _, p := range c.s.Untranslated() {
		var missing []string
		for _, l := range langs {
			if p.Translation(l.Code) == nil {
				missing = append(missing, l.Code)
			}
		}
		c.add(diag.Pos{File: p.File, Line: 1}, Warning, "", "%s has no translation in %s", p.URL, strings.Join(missing, ", "))
	}
	for _, p := range c.s.Pages {
		src := p.Source()
		if src == nil {
			continue
		}
		for _, t := range p.Translations {
			tsrc := t.Source()
			if tsrc == nil {
				continue
			}
			for _, k := range perLanguageKeys {
				if k == "image_alt" && p.Image == nil {
					continue
				}
				if _, has := src.Params[k]; has {
					continue
				}
				if _, other := tsrc.Params[k]; other {
					c.add(diag.Pos{File: p.File, Line: 1}, Warning, "", "%s is missing in %s: %s has it, and it is not inherited", k, p.Lang.Code, t.File)
				}
			}
		}
	}
}

// checkStrings lists UI strings and field labels that are empty in one
// language and written in another. (A key missing altogether is an error
// of site.yaml that stops the build.)
func (c *checker) checkStrings() {
	cfg := c.s.Config
	keys := map[string]bool{}
	for _, l := range cfg.Languages {
		for k, v := range l.Strings {
			if strings.TrimSpace(v) != "" {
				keys[k] = true
			}
		}
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	slices.Sort(sorted)
	for i, l := range cfg.Languages {
		for _, k := range sorted {
			if v, ok := l.Strings[k]; ok && strings.TrimSpace(v) == "" {
				c.add(cfg.Pos(fmt.Sprintf("$.languages[%d].strings.%s", i, k)), Warning, "", "UI string %s is empty in %s", k, l.Code)
			}
		}
	}
	for _, name := range cfg.SectionNames() {
		for j, f := range cfg.Sections[name].Fields {
			if f.Label == nil {
				continue
			}
			written := slices.ContainsFunc(cfg.Languages, func(l *config.Language) bool { return strings.TrimSpace(f.Label[l.Code]) != "" })
			for _, l := range cfg.Languages {
				if written && strings.TrimSpace(f.Label[l.Code]) == "" {
					c.add(cfg.Pos(fmt.Sprintf("$.sections.%s.fields[%d].label.%s", name, j, l.Code)), Warning, "", "the label of %s's field %s is empty in %s", name, f.Name, l.Code)
				}
			}
		}
	}
}

// join lists names in words: "title", "title and body", "title, tags and body".
func join(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
