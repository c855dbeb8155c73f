package outputs

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"

	"github.com/furusato/furusato/internal/site"
)

// feedSize is how many entries a feed carries.
const feedSize = 20

// Feed is an Atom feed of a section in one language.
type Feed struct {
	Title   string
	URL     string
	Section *site.Page // the section's list page
}

// Feeds returns the Atom feeds of each language (by language index): one
// for each section whose site.yaml asks for a feed, in the order of the
// sections.
func Feeds(s *site.Site) [][]Feed {
	feeds := make([][]Feed, len(s.Langs))
	for i, ls := range s.Langs {
		for _, name := range s.Config.SectionNames() {
			sec := ls.Sections[name]
			if sec == nil || !s.Config.Sections[name].Feed {
				continue
			}
			feeds[i] = append(feeds[i], Feed{Title: sec.Title + " | " + ls.Title, URL: sec.URL + "feed.xml", Section: sec})
		}
	}
	return feeds
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title     string   `xml:"title"`
	ID        string   `xml:"id"`
	Link      atomLink `xml:"link"`
	Published string   `xml:"published,omitempty"`
	Updated   string   `xml:"updated"`
	Summary   string   `xml:"summary"`
	Content   atomText `xml:"content"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// AtomFeed writes a section's newest pages as an Atom feed. Its updated time is
// the newest entry's, never the time of the build, so an unchanged site
// gives an unchanged feed.
func AtomFeed(s *site.Site, f Feed) ([]byte, error) {
	sec := f.Section
	ls := s.Langs[sec.Lang.Index]
	feed := atomFeed{
		Lang:  sec.Lang.Code,
		Title: f.Title,
		ID:    sec.Permalink,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: s.AbsURL(f.URL)},
			{Rel: "alternate", Type: "text/html", Href: sec.Permalink},
		},
		Author: atomAuthor{Name: cmpOr(ls.Office, ls.Title)},
	}
	var newest time.Time
	origin := s.Config.Base.Scheme + "://" + s.Config.Base.Host
	// A feed is in one language: pages listed from other languages stay
	// out. The newest first; pages of the same date in the list's order.
	var own []*site.Page
	for _, p := range sec.Pages {
		if p.Lang.Code == sec.Lang.Code {
			own = append(own, p)
		}
	}
	slices.SortStableFunc(own, func(a, b *site.Page) int { return b.Date.Compare(a.Date) })
	for i, p := range own {
		if i == feedSize {
			break
		}
		updated := p.LastModified
		if updated.After(newest) {
			newest = updated
		}
		e := atomEntry{
			Title:   p.Title,
			ID:      p.Permalink,
			Link:    atomLink{Rel: "alternate", Href: p.Permalink},
			Updated: atomTime(updated),
			Summary: p.Summary,
			Content: atomText{Type: "html", Body: absoluteLinks(string(p.Content()), origin, p.Permalink)},
		}
		if !p.Date.IsZero() {
			e.Published = atomTime(p.Date)
		}
		feed.Entries = append(feed.Entries, e)
	}
	feed.Updated = atomTime(newest)
	return marshalXML(feed)
}

// absoluteLinks makes the links and images of a page's HTML absolute, for
// feed readers, which show an entry away from the site: a root-relative
// /en/companies/ gets the site's origin, and a link within the page
// (#fn:1, a footnote) the page's address.
func absoluteLinks(page, origin, permalink string) string {
	var out strings.Builder
	out.Grow(len(page) + 256)
	l := html.NewLexer(parse.NewInputString(page))
	for {
		tt, data := l.Next()
		switch tt {
		case html.ErrorToken:
			return out.String()
		case html.AttributeToken:
			key := strings.ToLower(string(l.AttrKey()))
			val := l.AttrVal()
			if (key == "href" || key == "src") && len(val) > 0 {
				q := 0
				if val[0] == '"' || val[0] == '\'' {
					q = 1
				}
				v := string(val[q:])
				prefix := ""
				switch {
				case strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "//"):
					prefix = origin
				case strings.HasPrefix(v, "#"):
					prefix = permalink
				}
				if prefix != "" {
					i := len(data) - len(val) + q // where the value starts in the raw attribute
					out.Write(data[:i])
					out.WriteString(prefix)
					out.Write(data[i:])
					continue
				}
			}
		}
		out.Write(data)
	}
}

func atomTime(t time.Time) string {
	if t.IsZero() {
		t = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t.Format(time.RFC3339)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Sitemap lists every page of every language that search engines may
// index (site.Page.NoIndex), with hreflang alternates for
// the pages that have translations. It is written by hand, not with
// encoding/xml, because it is made again on every rebuild of a large site.
// URLs are percent-encoded, as the sitemap protocol asks: a tag page
// /tags/サケモデル/ is listed as /tags/%E3%82%B5%E3%82%B1…/.
func Sitemap(s *site.Site) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(s.Pages) * 300)
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	text := func(v string) {
		if err := xml.EscapeText(&b, []byte(v)); err != nil {
			panic(err) // bytes.Buffer does not fail
		}
	}
	link := func(lang, href string) {
		b.WriteString(`<xhtml:link rel="alternate" hreflang="`)
		text(lang)
		b.WriteString(`" href="`)
		text(encodeAbsURL(href))
		b.WriteString(`"/>`)
	}
	for _, p := range s.Pages {
		if p.NoIndex() {
			continue
		}
		b.WriteString("<url><loc>")
		text(encodeAbsURL(p.Permalink))
		b.WriteString("</loc>")
		if m := p.LastModified; !m.IsZero() {
			b.WriteString("<lastmod>" + m.Format("2006-01-02") + "</lastmod>")
		}
		if len(p.Translations) > 0 {
			for _, a := range p.Alternates {
				if a.Exists {
					link(a.Lang.Code, s.AbsURL(a.URL))
				}
			}
			link("x-default", p.XDefault)
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes(), nil
}

// encodeAbsURL percent-encodes the path of an absolute URL of the site,
// which furusato writes unencoded (https://example.jp/tags/サケモデル/);
// one of only safe ASCII characters is returned as it is, without being
// parsed, as nearly all are.
func encodeAbsURL(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c <= ' ' || c == '%' {
			u, err := url.Parse(s)
			if err != nil {
				return s
			}
			return u.String()
		}
	}
	return s
}

func marshalXML(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("write XML: %w", err)
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// Robots allows everything and names the sitemap.
func Robots(s *site.Site) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.AbsURL("sitemap.xml") + "\n")
}
