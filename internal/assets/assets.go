// Package assets handles the files that are published as they are:
// static/ and the non-Markdown files of content/ (bundle images). It also
// holds the minifier that the build applies to every text output, and
// makes the output safe to cache:
//
//   - LoadStatic names the styles, scripts, images and fonts of static/ by a
//     hash of their content (css/site.3f9a1c2b.css), and rewrites the
//     url(...) and @import of stylesheets to those names (see Static);
//   - a Catalog records every output file and gives the manifest
//     (furusato-manifest.json: path, size, SHA-256, Content-Type,
//     Cache-Control, Content-Encoding, and the kind that orders uploads)
//     and _headers, with the cache rules of site.yaml (config.Cache):
//     fingerprinted files "public, max-age=31536000, immutable", pages and
//     feeds revalidated on every visit;
//   - with pre-compression on, the Catalog makes .gz and .br copies of text
//     files, byte-identical from build to build.
//
// A file of the site that the minifier cannot read is published as it is,
// with a warning (NotMinified).
package assets

import (
	"errors"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2"

	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/markdown"
	"github.com/furusato/furusato/internal/outputs"
	"github.com/furusato/furusato/internal/sitefiles"
)

// Dir is the folder of files published as they are.
const Dir = "static"

// List returns the files of static/ as slash paths relative to it, sorted,
// and a warning for each output folder of furusato build found inside it
// (left out). A site without static/ has none. Hidden files, editor
// backups and the files that operating systems leave are left out (see
// sitefiles.Ignored).
func List(fsys fs.FS) ([]string, []*diag.Error, error) {
	var files []string
	warnings, err := sitefiles.Walk(fsys, Dir, func(p string, _ fs.DirEntry) {
		files = append(files, strings.TrimPrefix(p, Dir+"/"))
	})
	slices.Sort(files)
	return files, warnings, err
}

// Minifier minifies outputs by their file extension. It is safe for
// concurrent use.
type Minifier struct {
	m         *minify.M
	templates *minify.M // HTML with Go template actions, left as they are
}

// NewMinifier returns a minifier for HTML, CSS, JS, SVG, JSON and XML.
// HTML keeps its document, end tags, quotes and default attribute values,
// so the minified page is still valid HTML that validators accept.
func NewMinifier() *Minifier {
	m := minify.New()
	htm := html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepDefaultAttrVals: true, KeepQuotes: true}
	m.Add("text/html", &htm)
	// Templates keep their scripts and styles as written: an action in
	// them is code the minifier cannot read.
	templates := minify.New()
	tmpl := htm
	tmpl.TemplateDelims = html.GoTemplateDelims
	templates.Add("text/html", &tmpl)
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/((ld|manifest)\+)?json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(atom\+|rss\+)?xml$`), xml.Minify)
	return &Minifier{m: m, templates: templates}
}

// Template minifies the HTML of a template, leaving its {{actions}} as
// they are, so that pages rendered from it come out minified.
func (m *Minifier) Template(text []byte) ([]byte, error) {
	return m.templates.Bytes("text/html", text)
}

// HTML minifies a piece of HTML, such as a page's body.
func (m *Minifier) HTML(fragment []byte) ([]byte, error) {
	return m.m.Bytes("text/html", fragment)
}

// worthMinifying reports whether the minifier takes time in step with
// data's length: it takes time in the square of a text's length when the
// text has many entities (see markdown.MaxMinifyCost), such as a feed
// whose entry holds a page of a megabyte as text.
func worthMinifying(data []byte) bool {
	return markdown.MinifyCost(data) <= markdown.MaxMinifyCost
}

// NotMinified is the warning for a file of the site (static/, content/)
// that the minifier could not parse, which is then published as it is: a
// browser may well read what the minifier does not (a newer JavaScript
// feature, a vendor's CSS hack), and the site should not stop building
// for a file its authors did not write.
func NotMinified(file string, err error) *diag.Error {
	pos := diag.Pos{File: file}
	msg := err.Error()
	var pe *parse.Error
	if errors.As(err, &pe) {
		pos.Line, pos.Col, msg = pe.Line, pe.Column, pe.Message
	}
	return diag.Errorf(pos, "published as it is, not minified: %s", msg)
}

// Minify returns data minified as its format says, or data itself for a
// format that is not minified, and for data that would take the minifier
// minutes (see worthMinifying). An error means data is not valid for its
// format.
func (m *Minifier) Minify(f *outputs.Format, data []byte) ([]byte, error) {
	if f.Minify == "" || m == nil || !worthMinifying(data) {
		return data, nil
	}
	return m.m.Bytes(f.Minify, data)
}
