package site

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/slug"
)

// Lists, references, links between pages and menus: what New adds to
// the pages once each exists.

// addLists makes the home, section, tag and 404 pages of every language,
// and sorts every list.
func (s *Site) addLists() {
	// Every language has a list of every section, also of one written
	// only in other languages: it shows their pages (see addForeign).
	var sections []string
	for _, p := range s.Pages {
		if (p.Kind == KindPage || p.Kind == KindSection) && p.Section != "" && !slices.Contains(sections, p.Section) {
			sections = append(sections, p.Section)
		}
	}
	slices.Sort(sections)
	for _, ls := range s.Langs {
		regular := []*Page{}
		for _, p := range s.Pages {
			if p.Lang != ls.Language {
				continue
			}
			switch p.Kind {
			case KindHome:
				ls.Home = p
			case KindSection:
				ls.Sections[p.Section] = p
			case KindPage:
				regular = append(regular, p)
			}
		}
		if ls.Home == nil {
			ls.Home = s.listPage(KindHome, ls.Language, "", "", ls.Title)
		}
		for _, name := range sections {
			if ls.Sections[name] == nil {
				ls.Sections[name] = s.listPage(KindSection, ls.Language, name, name, name)
			}
		}
		for _, p := range regular {
			if sec := ls.Sections[p.Section]; sec != nil {
				sec.Pages = append(sec.Pages, p)
			}
		}
		s.addForeign(ls)
		for _, sec := range ls.Sections {
			order := config.SortWeight
			if c := s.Config.Sections[sec.Section]; c != nil {
				order = c.Sort
				sec.section = c
			}
			sortPages(sec.Pages, order)
			var own []*Page
			for _, p := range sec.Pages {
				if p.Lang == ls.Language {
					own = append(own, p)
				}
			}
			for i, p := range own {
				if i > 0 {
					p.Prev = own[i-1]
				}
				if i+1 < len(own) {
					p.Next = own[i+1]
				}
			}
		}
		sortPages(regular, config.SortDate)
		ls.Regular = regular
		ls.Home.Pages = regular

		ls.Tags = s.listPage(KindTags, ls.Language, "tags", "", ls.Strings["tags"])
		if ls.Tags.Title == "" {
			ls.Tags.Title = "Tags"
		}
		for _, p := range regular {
			tags := p.tagNames
			seen := map[*Page]bool{}
			for _, t := range tags {
				name, _ := t.(string)
				key := TagSlug(name)
				if key == "" {
					s.warnings.Addf(p.Pos("tags"), "front matter: tags: %q has no letters or digits to make a URL of, so the page does not get that tag", name)
					continue
				}
				tp := ls.TagPages[key]
				if tp == nil {
					tp = s.listPage(KindTag, ls.Language, "tags/"+key, "", name)
					s.translateTag(tp, key)
					ls.TagPages[key] = tp
					ls.Tags.Pages = append(ls.Tags.Pages, tp)
				}
				if !seen[tp] {
					seen[tp] = true
					tp.Pages = append(tp.Pages, p)
					p.Tags = append(p.Tags, tp)
				}
			}
		}
		slices.SortFunc(ls.Tags.Pages, func(a, b *Page) int {
			return cmp.Or(cmp.Compare(len(b.Pages), len(a.Pages)), cmp.Compare(a.Title, b.Title))
		})
		ls.NotFound = s.listPage(KindNotFound, ls.Language, "404", "", ls.Strings["not_found"])
		if ls.NotFound.Title == "" {
			ls.NotFound.Title = "404"
		}
		if s.Config.Search {
			ls.Search = s.listPage(KindSearch, ls.Language, "search", "", cmp.Or(ls.Strings["search"], "Search"))
		}
	}
	for _, p := range s.Pages {
		p.setLastModified()
	}
	// Lists and pages in a fixed order: by language, kind, then path.
	slices.SortStableFunc(s.Pages, func(a, b *Page) int {
		return cmp.Or(cmp.Compare(a.Lang.Index, b.Lang.Index), cmp.Compare(kindOrder(a.Kind), kindOrder(b.Kind)), cmp.Compare(a.Path, b.Path))
	})
	for i, p := range s.Pages {
		p.seq = i
	}
}

func kindOrder(k Kind) int {
	switch k {
	case KindHome:
		return 0
	case KindSection:
		return 1
	case KindPage:
		return 2
	case KindTags:
		return 3
	case KindTag:
		return 4
	}
	return 5
}

// addForeign adds to a language's section lists the pages written only in
// other languages, so that readers see they exist rather than miss them;
// templates mark them by their Lang. A page comes from the first language,
// in the order of site.yaml, that has it. Prev and Next, and feeds, keep to
// a page's own language.
func (s *Site) addForeign(ls *Lang) {
	for _, p := range s.Pages {
		if p.Kind != KindPage || p.Lang == ls.Language || s.groups[p.group][ls.Code] != nil || s.anyLanguage(p.group) != p {
			continue
		}
		if sec := ls.Sections[p.Section]; sec != nil && p.Section != "" {
			sec.Pages = append(sec.Pages, p)
		}
	}
}

// listPage makes a page that no file describes and adds it to the site.
func (s *Site) listPage(kind Kind, l *config.Language, p, section, title string) *Page {
	pg := &Page{Kind: kind, Lang: l, Path: p, Section: section, Title: title, site: s,
		group: string(kind) + ":" + p, Params: map[string]any{}}
	if s.groups[pg.group] == nil {
		s.groups[pg.group] = map[string]*Page{}
	}
	s.groups[pg.group][l.Code] = pg
	if kind == KindSection || kind == KindHome {
		// A section or home page written in a file joins the group of the
		// same list in the other languages.
		for _, other := range s.Pages {
			if other.Kind == kind && other.Path == p && other.group != pg.group {
				pg.group = other.group
				s.groups[other.group][l.Code] = pg
				break
			}
		}
	}
	s.Pages = append(s.Pages, pg)
	return pg
}

// translateTag puts a tag page in the group of its translations when
// site.yaml's tags name them (サケモデル and salmon model are one tag), so
// that they link to each other. A tag written the same in every language
// is one group already.
func (s *Site) translateTag(tp *Page, key string) {
	for i, entry := range s.Config.Tags {
		if name, ok := entry[tp.Lang.Code]; !ok || TagSlug(name) != key {
			continue
		}
		delete(s.groups[tp.group], tp.Lang.Code)
		if len(s.groups[tp.group]) == 0 {
			delete(s.groups, tp.group)
		}
		tp.group = "tags:" + strconv.Itoa(i)
		if s.groups[tp.group] == nil {
			s.groups[tp.group] = map[string]*Page{}
		}
		s.groups[tp.group][tp.Lang.Code] = tp
		return
	}
}

// TagSlug is the URL part of a tag (see package slug): lowercase, with
// hyphens for spaces, C# as c-sharp. Tags with the same slug are one tag.
func TagSlug(name string) string { return slug.Make(name) }

// resolveRefs turns ref fields into pages and records who refers to whom.
func (s *Site) resolveRefs(errs *diag.List) {
	for _, p := range s.Pages {
		if p.Kind != KindPage || p.section == nil {
			continue
		}
		for _, f := range p.section.Fields {
			v, ok := p.Params[f.Name]
			if !ok {
				continue
			}
			switch {
			case f.Type == config.TypeRef:
				if t := s.resolveRef(p, f, v.(content.Ref), errs); t != nil {
					p.Params[f.Name] = t
				} else {
					delete(p.Params, f.Name) // as if not written: templates show nothing
				}
			case f.Type == config.TypeList && f.Of == config.TypeRef:
				var pages []*Page
				for _, item := range v.([]any) {
					if t := s.resolveRef(p, f, item.(content.Ref), errs); t != nil {
						pages = append(pages, t)
					}
				}
				p.Params[f.Name] = pages
			}
		}
	}
}

func (s *Site) resolveRef(p *Page, f *config.Field, r content.Ref, errs *diag.List) *Page {
	pos := r.Pos
	if p.src != nil && pos.File != p.File {
		// Inherited from the default language: report where it is written.
		pos = diag.Pos{File: r.Pos.File, Line: r.Pos.Line, Col: r.Pos.Col}
	}
	target := r.Section + "/" + r.Name
	g, ok := s.paths[target]
	if !ok && s.broken[target] {
		return nil // its file's errors are reported
	}
	if !ok {
		if u, found := s.unpublished[target]; found {
			if u.expired && f.Type == config.TypeList {
				s.warnings.Addf(pos, "front matter: %s: %s is %s, so it is not published; it is left out of the list", f.Name, target, u.why)
			} else if u.expired {
				s.warnings.Addf(pos, "front matter: %s: %s is %s, so it is not published; the page shows no %s", f.Name, target, u.why, f.Name)
			} else {
				errs.Addf(pos, "front matter: %s: %s is %s, so it is not published; publish it or remove the reference", f.Name, target, u.why)
			}
			return nil
		}
		var names []string
		for path := range s.paths {
			if strings.HasPrefix(path, r.Section+"/") {
				names = append(names, strings.TrimPrefix(path, r.Section+"/"))
			}
		}
		slices.Sort(names)
		errs.Addf(pos, "front matter: %s: there is no page %q in content/%s%s", f.Name, r.Name, r.Section, diag.DidYouMean(r.Name, names))
		return nil
	}
	t := s.groups[g][p.Lang.Code]
	if t == nil {
		t = s.anyLanguage(g)
	}
	k := refKey{t.group, p.Section, f.Name}
	if !slices.Contains(s.referrers[k], p) {
		s.referrers[k] = append(s.referrers[k], p)
	}
	return t
}

// anyLanguage returns a group's page in the first language that has it.
func (s *Site) anyLanguage(group string) *Page {
	for _, l := range s.Config.Languages {
		if p := s.groups[group][l.Code]; p != nil {
			return p
		}
	}
	return nil
}

// link fills in translations and sorts referrers.
func (s *Site) link() {
	for _, p := range s.Pages {
		p.Translations = nil
		for _, l := range s.Config.Languages {
			if t := s.groups[p.group][l.Code]; t != nil && t != p {
				p.Translations = append(p.Translations, t)
			}
		}
	}
	for k, refs := range s.referrers {
		order := config.SortWeight
		if c := s.Config.Sections[k.section]; c != nil {
			order = c.Sort
		}
		sortPages(refs, order)
		for _, t := range s.groups[k.group] {
			for _, r := range refs {
				if t.shows(r) {
					t.referrersAll = append(t.referrersAll, r)
					t.referrerKeys = append(t.referrerKeys, k.section+"."+k.field+"="+r.ID())
				}
			}
		}
	}
	for _, p := range s.Pages {
		slices.SortFunc(p.referrersAll, func(a, b *Page) int { return cmp.Compare(a.ID(), b.ID()) })
		p.referrersAll = slices.Compact(p.referrersAll)
		slices.Sort(p.referrerKeys)
	}
}

// buildMenus resolves each language's menu entries.
func (s *Site) buildMenus(errs *diag.List) {
	for i, ls := range s.Langs {
		for j, m := range ls.Language.Menu {
			if m.URL != "" {
				ls.Menu = append(ls.Menu, MenuEntry{Title: m.Title, URL: m.URL})
				continue
			}
			p := s.Lookup(ls.Language, m.Page)
			pos := s.Config.Pos(fmt.Sprintf("$.languages[%d].menu[%d].page", i, j))
			if u, found := s.unpublished[ContentPath(m.Page)]; p == nil && found {
				// A page that has left the site leaves the menu too; one
				// that was never published is a mistake.
				if u.expired {
					s.warnings.Addf(pos, "menu: the page %q is %s, so it is not published; the menu leaves it out", m.Page, u.why)
				} else {
					errs.Addf(pos, "menu: the page %q is %s, so it is not published; publish it, or take it out of the menu", m.Page, u.why)
				}
				continue
			}
			if p == nil {
				candidates := append(s.Paths(), "tags")
				for name := range ls.Sections {
					candidates = append(candidates, name)
				}
				errs.Addf(pos, "menu: there is no page %q%s; give a content path such as companies or about", m.Page, diag.DidYouMean(m.Page, candidates))
				continue
			}
			title := m.Title
			if title == "" {
				title = p.Title
			}
			ls.Menu = append(ls.Menu, MenuEntry{Title: title, Page: p})
		}
	}
}
