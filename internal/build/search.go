package build

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/furusato/furusato/internal/search"
	"github.com/furusato/furusato/internal/site"
)

// searchIndex makes the search index of each language, beside its
// search page (site.yaml search: true), from the pages' HTML: before the
// render, which lets go of it.
func (b *Builder) searchIndex(ctx context.Context, s *site.Site) ([]search.File, error) {
	if !s.Config.Search {
		return nil, nil
	}
	if b.indexer == nil { // prepare makes it; a Builder used otherwise
		b.indexer = new(search.Indexer)
	}
	// The languages at once: one's serial steps (sorting the terms,
	// writing the shards) overlap the other's parallel ones.
	perLang := make([][]search.File, len(s.Langs))
	errs := make([]error, len(s.Langs))
	var wg sync.WaitGroup
	for i, ls := range s.Langs {
		if ls.Search == nil {
			continue
		}
		wg.Go(func() { perLang[i], errs[i] = b.langIndex(ctx, s, ls) })
	}
	wg.Wait()
	if err := cmp.Or(errs...); err != nil {
		return nil, err
	}
	_ = b.indexer.SaveWords() // only a cache: the next build reads the titles again
	return slices.Concat(perLang...), nil
}

// langIndex makes the search index of one language.
func (b *Builder) langIndex(ctx context.Context, s *site.Site, ls *site.Lang) ([]search.File, error) {
	var own, other []search.Doc
	for _, p := range s.Pages {
		mine := p.Lang == ls.Language
		switch p.Kind {
		case site.KindPage:
			if !mine && p.Translation(ls.Code) != nil {
				continue
			}
		case site.KindHome, site.KindSection:
			// The home page and each section's list, with the text of
			// its _index file (how to apply, in the programmes'):
			// each language has its own.
			if !mine {
				continue
			}
		default:
			continue
		}
		d := search.Doc{URL: p.URL, Title: p.Title, Section: p.Section, Lang: p.Lang.Code, Other: !mine,
			Description: p.Description, HTML: string(p.Content())}
		for _, h := range p.Headings {
			d.Headings = append(d.Headings, h.Text)
		}
		for _, t := range p.Tags {
			d.Tags = append(d.Tags, t.Title)
		}
		if mine {
			own = append(own, d)
		} else {
			other = append(other, d)
		}
	}
	var sections []search.Section
	for _, name := range s.Config.SectionNames() { // in the order of site.yaml
		if sec := ls.Sections[name]; sec != nil {
			sections = append(sections, search.Section{Name: name, Title: sec.Title})
		}
	}
	return b.indexer.Build(ctx, searchDir(s, ls), sections, append(own, other...))
}

// searchDir is the folder of a language's search page and index, from
// the output's root: search/ or en/search/.
func searchDir(s *site.Site, ls *site.Lang) string {
	return strings.TrimSuffix(s.OutputPath(ls.Search.URL), "index.html")
}
