package site

import (
	"slices"

	"github.com/furusato/furusato/internal/config"
)

// Relation is a kind of link from a page to other pages that templates
// can follow. Rebuilds use relations to tell which outputs can show a page
// that changed.
type Relation uint8

// The relations, and the names templates use to follow them.
const (
	Members      Relation = iota // .Pages: a list's pages, in its order
	Translations                 // .Translations, .Translation, .Alternates (and Fallback)
	Ancestors                    // .Ancestors, .Parent: the home and section pages above
	Referrers                    // .Referrers: pages whose ref fields name this one
	Neighbours                   // .Prev, .Next
	Tags                         // .Tags: the page's tag pages
	Refs                         // .Params, .Param, .Fields: pages named in ref fields
)

// AppendFollow appends the pages one relation away from p to dst.
func (p *Page) AppendFollow(dst []*Page, r Relation) []*Page {
	switch r {
	case Members:
		return append(dst, p.Pages...)
	case Translations:
		dst = append(dst, p.Translations...)
		if len(p.Translations) < len(p.site.Config.Languages)-1 {
			// .Alternates leads to the lists of the languages it lacks.
			for _, l := range p.site.Config.Languages {
				if l != p.Lang && p.Translation(l.Code) == nil {
					dst = append(dst, p.Fallback(l))
				}
			}
		}
		return dst
	case Ancestors:
		n := len(dst)
		for a := p.Parent; a != nil; a = a.Parent {
			dst = append(dst, a)
		}
		slices.Reverse(dst[n:])
		return dst
	case Referrers:
		return append(dst, p.referrersAll...)
	case Neighbours:
		if p.Prev != nil {
			dst = append(dst, p.Prev)
		}
		if p.Next != nil {
			dst = append(dst, p.Next)
		}
		return dst
	case Tags:
		return append(dst, p.Tags...)
	case Refs:
		if p.section == nil {
			return dst
		}
		for _, f := range p.section.Fields { // not the map of every value: rebuilds follow refs for every page
			if f.Type != config.TypeRef && f.Of != config.TypeRef {
				continue
			}
			switch v := p.Params[f.Name].(type) {
			case *Page:
				dst = append(dst, v)
			case []*Page:
				dst = append(dst, v...)
			}
		}
		return dst
	}
	return dst
}

// ID names a page across builds: its language, kind and path.
func (p *Page) ID() string { return p.Lang.Code + ":" + string(p.Kind) + ":" + p.Path }

// BodySum is a hash of the page's body and all that came of it (its HTML,
// headings, links), when a markdown.Cache made it; 0 otherwise.
func (p *Page) BodySum() uint64 { return p.bodySum }

// ReferrerKeys are section.field=ID of each page whose ref fields name p,
// sorted: what its Referrers can show.
func (p *Page) ReferrerKeys() []string { return p.referrerKeys }
