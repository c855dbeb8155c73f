// Package check finds what a visitor of a built site would trip over,
// before it is published. It reads the built files (HTML parsed with
// golang.org/x/net/html, as a browser would) and the page graph, and
// reports each problem at the place to fix it: the Markdown line of a
// link, the front matter key, the template line or site.yaml.
//
// Errors (furusato check exits 1, furusato deploy refuses to publish):
//
//   - a link, image, stylesheet, script or other reference to a file of the
//     site that is not there, in any language, written in Markdown, in a
//     template or in front matter (a url field that names the site's own
//     host); a link to a folder without its final slash;
//   - a #fragment that names no element of the page it points to;
//   - an image without alt text (no alt attribute; alt="" from Markdown
//     ![](photo.jpg) or from a page image without image_alt);
//   - a link to a draft or to a page dated in the future, which visitors
//     would find missing;
//   - a cached partial ({{partialCached}}) that two pages show differently
//     although they give it the same values after the dot: one of them
//     would show the other's version;
//   - a calendar (.ics) that an iCalendar parser (github.com/arran4/golang-ical)
//     cannot read, or whose lines are not CRLF-ended, folded at 75 octets
//     and whole UTF-8; a JSON file, or a page's structured data
//     (application/ld+json), that does not parse.
//
// Warnings (listed; errors only with --strict):
//
//   - a page that is not in every language (but one that says
//     translations: none);
//   - a translation whose default-language page changed since it was
//     translated (title, description, tags, image_alt, text fields or
//     body; see package translation), with what changed;
//   - a translation without a description, image_alt or tags that the
//     other language has (they are not inherited);
//   - a UI string or a field label that is empty in one language and
//     written in another;
//   - with search on, a layout whose pages do not mark their text with
//     data-search-body, out of which the search page cuts its excerpts.
package check

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/site"
)

// Severity says whether a problem stops a deploy.
type Severity string

// Severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Problem is one thing to fix, at one place, seen on one or more pages.
type Problem struct {
	Pos      diag.Pos
	Severity Severity
	Message  string
	Pages    []string // URLs of the pages where a visitor meets it, sorted
}

func (p Problem) String() string {
	where := p.Pos.String()
	msg := p.Message
	if p.Severity == Warning {
		msg = "warning: " + msg
	}
	switch len(p.Pages) {
	case 0:
	case 1:
		if !strings.Contains(msg, p.Pages[0]) {
			msg += " (on " + p.Pages[0] + ")"
		}
	default:
		msg += fmt.Sprintf(" (on %d pages, such as %s)", len(p.Pages), p.Pages[0])
	}
	if where == "" {
		return msg
	}
	return where + ": " + msg
}

// Report is the result of a check.
type Report struct {
	Problems []Problem // errors first, then by file and line
	// Untracked counts the translations that record no version of the
	// page they translate (translated:), and so cannot be said to be
	// behind it: not a problem, but check cannot watch them.
	Untracked int
}

// Count returns the number of errors and warnings.
func (r *Report) Count() (errors, warnings int) {
	for _, p := range r.Problems {
		if p.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// Failed reports whether the check fails: an error, or with strict a
// warning.
func (r *Report) Failed(strict bool) bool {
	e, w := r.Count()
	return e > 0 || strict && w > 0
}

// Input is what a check reads.
type Input struct {
	Site  *site.Site        // the graph of the build that is published
	Files map[string][]byte // its files, by output path
	// Unpublished is the graph of the same site built with drafts and
	// future pages, to tell a link to one of them from a link to nothing;
	// nil when that build failed.
	Unpublished *site.Site
	// Source is the site folder, for finding links in templates and
	// site.yaml.
	Source fs.FS
	// Warnings are the build's own warnings (files left out, text not
	// translated, UI strings one language lacks), listed with the rest.
	Warnings []*diag.Error
	// Errors are the build's own mistakes that did not stop it (cached
	// partials that pages show differently), reported as errors.
	Errors []*diag.Error
}

// Run checks a built site.
func Run(in Input) *Report {
	c := &checker{in: in, s: in.Site, base: in.Site.Config.Base, ids: map[string]map[string]bool{},
		found: map[problemKey]*Problem{}, byOutput: map[string]*site.Page{}}
	c.index()
	for _, name := range c.htmlFiles {
		c.checkPage(name)
	}
	c.checkTranslations()
	c.checkStrings()
	c.checkFiles()
	c.checkSearchMarks()
	for _, w := range in.Warnings {
		c.add(w.Pos, Warning, "", "%s", w.Msg)
	}
	for _, e := range in.Errors {
		c.add(e.Pos, Error, "", "%s", e.Msg)
	}
	return c.report()
}

type checker struct {
	in        Input
	s         *site.Site
	base      *url.URL
	htmlFiles []string
	docs      map[string]*html.Node
	ids       map[string]map[string]bool // output path → ids
	byOutput  map[string]*site.Page
	drafts    map[string]*site.Page // output path → unpublished page
	altless   map[string]*site.Page // image URL → page whose image has no image_alt
	templates []sourceFile
	found     map[problemKey]*Problem
	untracked int
}

type problemKey struct {
	pos diag.Pos
	msg string
}

type sourceFile struct {
	name  string
	lines []string
}

// index parses every page and notes what links can point to.
func (c *checker) index() {
	c.docs = map[string]*html.Node{}
	for name, data := range c.in.Files {
		if strings.HasSuffix(name, ".html") {
			c.htmlFiles = append(c.htmlFiles, name)
			doc, err := html.Parse(bytes.NewReader(data))
			if err != nil {
				continue // html.Parse accepts any text, as browsers do
			}
			c.docs[name] = doc
			c.ids[name] = collectIDs(doc)
		}
	}
	slices.Sort(c.htmlFiles)
	c.altless = map[string]*site.Page{}
	for _, p := range c.s.Pages {
		c.byOutput[c.s.OutputPath(p.URL)] = p
		if p.Image != nil && strings.TrimSpace(p.Image.Alt) == "" && p.Source() != nil {
			c.altless[p.Image.URL] = p
		}
	}
	c.drafts = map[string]*site.Page{}
	if u := c.in.Unpublished; u != nil {
		for _, p := range u.Pages {
			out := c.s.OutputPath(p.URL)
			if _, published := c.in.Files[out]; !published && p.Source() != nil {
				c.drafts[out] = p
			}
		}
	}
	c.templates = readSources(c.in.Source)
}

// readSources reads the files where a link can be written besides content/:
// templates and site.yaml.
func readSources(fsys fs.FS) []sourceFile {
	if fsys == nil {
		return nil
	}
	var out []sourceFile
	_ = fs.WalkDir(fsys, "templates", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			if data, err := fs.ReadFile(fsys, p); err == nil {
				out = append(out, sourceFile{name: p, lines: strings.Split(string(data), "\n")})
			}
		}
		return nil
	})
	if data, err := fs.ReadFile(fsys, config.File); err == nil {
		out = append(out, sourceFile{name: config.File, lines: strings.Split(string(data), "\n")})
	}
	return out
}

func collectIDs(doc *html.Node) map[string]bool {
	ids := map[string]bool{}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			if a.Key == "id" || a.Key == "name" && n.Data == "a" {
				ids[a.Val] = true
			}
		}
	}
	return ids
}

// reference is one URL in a page.
type reference struct {
	attr  string // as written in the HTML
	tag   string
	image bool
}

// linkAttrs are the attributes that name another file, by element.
var linkAttrs = map[string][]string{
	"a": {"href"}, "area": {"href"}, "link": {"href"},
	"img": {"src", "srcset"}, "source": {"src", "srcset"}, "script": {"src"},
	"iframe": {"src"}, "video": {"src", "poster"}, "audio": {"src"}, "track": {"src"},
	"embed": {"src"}, "object": {"data"},
}

// metaLinks are the <meta> properties whose content is a URL.
var metaLinks = map[string]bool{"og:image": true, "og:url": true, "twitter:image": true}

func (c *checker) checkPage(name string) {
	doc := c.docs[name]
	if doc == nil {
		return
	}
	page := c.pageOf(name)
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if n.Data == "img" {
			c.checkAlt(name, page, n)
		}
		if n.Data == "link" && slices.ContainsFunc(strings.Fields(attr(n, "rel")), func(r string) bool {
			return r == "preconnect" || r == "dns-prefetch"
		}) {
			continue
		}
		if n.Data == "meta" && metaLinks[cmp.Or(attr(n, "property"), attr(n, "name"))] {
			c.checkRef(name, page, reference{attr: attr(n, "content"), tag: "meta", image: strings.HasSuffix(attr(n, "property"), "image")})
			continue
		}
		for _, key := range linkAttrs[n.Data] {
			v, ok := attrOK(n, key)
			if !ok {
				continue
			}
			image := n.Data == "img" || n.Data == "source" || key == "poster"
			if key == "srcset" {
				for _, cand := range strings.Split(v, ",") {
					if f := strings.Fields(cand); len(f) > 0 {
						c.checkRef(name, page, reference{attr: f[0], tag: n.Data, image: true})
					}
				}
				continue
			}
			c.checkRef(name, page, reference{attr: v, tag: n.Data, image: image})
		}
	}
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// pageOf finds the page an output file renders: paginated lists
// (articles/page/2/index.html) belong to their first page.
func (c *checker) pageOf(name string) *site.Page {
	if p := c.byOutput[name]; p != nil {
		return p
	}
	if i := strings.LastIndex(name, "page/"); i >= 0 {
		return c.byOutput[name[:i]+"index.html"]
	}
	return nil
}

// pageURL is the URL of an output file.
func (c *checker) pageURL(name string) string {
	return c.base.Path + strings.TrimSuffix(name, "index.html")
}

func (c *checker) checkAlt(name string, page *site.Page, n *html.Node) {
	alt, ok := attrOK(n, "alt")
	src := attr(n, "src")
	switch {
	case !ok:
		c.add(c.locate(page, src, true), Error, name, "image %s has no alt attribute: describe it, or write alt=\"\" for a decorative image", src)
	case strings.TrimSpace(alt) != "":
	case page != nil && slices.ContainsFunc(page.Links, func(l markdownLink) bool { return l.Image && l.Dest == src }):
		i := slices.IndexFunc(page.Links, func(l markdownLink) bool { return l.Image && l.Dest == src })
		c.add(page.Links[i].Pos, Error, name, "image %s has no alt text: describe it between ![ and ]", page.Links[i].Written)
	case page != nil && page.Image != nil && page.Image.URL == src && strings.TrimSpace(page.Image.Alt) == "" && page.Source() != nil:
		c.add(page.Pos("image"), Error, name, "the image of %s has no description: write image_alt in %s", page.URL, page.File)
	case c.altless[src] != nil:
		p := c.altless[src]
		c.add(p.Pos("image"), Error, name, "the image of %s has no description: write image_alt in %s", p.URL, p.File)
	}
}

// checkRef checks one reference of the page in output file name.
func (c *checker) checkRef(name string, page *site.Page, ref reference) {
	raw := strings.TrimSpace(ref.attr)
	if raw == "" || raw == "#" || strings.HasPrefix(raw, "{{") {
		return
	}
	u, err := url.Parse(raw)
	if err != nil {
		c.add(c.locate(page, raw, ref.image), Error, name, "%q is not a valid URL", raw)
		return
	}
	self := &url.URL{Scheme: c.base.Scheme, Host: c.base.Host, Path: c.pageURL(name)}
	abs := self.ResolveReference(u)
	if abs.Scheme != c.base.Scheme && abs.Scheme != "http" && abs.Scheme != "https" || abs.Host != c.base.Host {
		return // another site, mailto:, tel: …
	}
	if !strings.HasPrefix(abs.Path, c.base.Path) {
		return // the same host, outside the site
	}
	rel := strings.TrimPrefix(abs.Path, c.base.Path)
	target := rel
	if target == "" || strings.HasSuffix(target, "/") {
		target += "index.html"
	}
	shown := raw
	if page != nil {
		// Say it as the Markdown says it: kaname.en.md#history, not its URL.
		if i := slices.IndexFunc(page.Links, func(l markdownLink) bool { return l.Dest == raw && l.Written != "" }); i >= 0 {
			shown = page.Links[i].Written
		}
	}
	what := "link to " + shown
	if ref.image {
		what = "image " + shown
	} else if ref.tag != "a" && ref.tag != "area" {
		what = ref.tag + " " + shown
	}
	if _, ok := c.in.Files[target]; !ok {
		switch {
		case c.drafts[target] != nil:
			d := c.drafts[target]
			why := "a draft"
			if !d.Draft {
				why = "dated in the future (" + d.Date.Format("2006-01-02") + ")"
			}
			c.add(c.locate(page, raw, ref.image), Error, name, "%s: that page (%s) is %s, so visitors would find nothing there", what, d.File, why)
		case c.unpublished(rel) != "":
			c.add(c.locate(page, raw, ref.image), Error, name, "%s: that page is %s, so visitors would find nothing there", what, c.unpublished(rel))
		case c.in.Files[target+"/index.html"] != nil:
			c.add(c.locate(page, raw, ref.image), Error, name, "%s: write the URL with its final slash, %s/, as hosts do not all redirect it", what, abs.Path)
		default:
			kind := "page"
			if path.Ext(target) != ".html" {
				kind = "file"
			}
			c.add(c.locate(page, raw, ref.image), Error, name, "%s: there is no such %s in the site", what, kind)
		}
		return
	}
	if c.in.Site != nil {
		if to := c.in.Site.AliasOf(abs.Path); to != nil {
			c.add(c.locate(page, raw, ref.image), Warning, name, "%s: %s is an old address of %s (front matter aliases), which redirects; link to the page itself", what, abs.Path, to.URL)
			return
		}
	}
	frag := abs.Fragment
	if frag == "" || frag == "top" || !strings.HasSuffix(target, ".html") {
		return
	}
	if ids := c.ids[target]; !ids[frag] {
		page := abs.Path
		if target == name {
			page = "this page"
		}
		c.add(c.locate(c.pageOf(name), raw, ref.image), Error, name, "%s: %s has no element with id %q", what, page, frag)
	}
}

func (c *checker) add(pos diag.Pos, sev Severity, outFile, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	k := problemKey{pos, msg}
	p := c.found[k]
	if p == nil {
		p = &Problem{Pos: pos, Severity: sev, Message: msg}
		c.found[k] = p
	}
	if outFile != "" {
		u := c.pageURL(outFile)
		if !slices.Contains(p.Pages, u) {
			p.Pages = append(p.Pages, u)
		}
	}
}

func (c *checker) report() *Report {
	r := &Report{Untracked: c.untracked}
	for _, p := range c.found {
		slices.Sort(p.Pages)
		r.Problems = append(r.Problems, *p)
	}
	sev := map[Severity]int{Error: 0, Warning: 1}
	slices.SortFunc(r.Problems, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(sev[a.Severity], sev[b.Severity]), cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col), cmp.Compare(a.Message, b.Message))
	})
	return r
}

// unpublished says why the page at a URL (from the base path) is not
// published, when the build with drafts could not tell: the URL is taken
// as a content path, as it is for pages without a slug.
func (c *checker) unpublished(rel string) string {
	p := strings.Trim(rel, "/")
	for _, l := range c.s.Config.Languages[1:] {
		if rest, ok := strings.CutPrefix(p, l.Code+"/"); ok {
			p = rest
			break
		}
	}
	return c.s.Unpublished(p)
}
