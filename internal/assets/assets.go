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
package assets

import (
	"errors"
	"io/fs"
	"path"
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
)

// Dir is the folder of files published as they are.
const Dir = "static"

// List returns the files of static/ as slash paths relative to it, sorted.
// A site without static/ has none. Hidden files and editor backups are
// left out.
func List(fsys fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != Dir && (strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			files = append(files, strings.TrimPrefix(p, Dir+"/"))
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	slices.Sort(files)
	return files, err
}

// Minifier minifies outputs by their file extension. It is safe for
// concurrent use.
type Minifier struct {
	m *minify.M
}

// NewMinifier returns a minifier for HTML, CSS, JS, SVG, JSON and XML.
// HTML keeps its document, end tags, quotes and default attribute values,
// so the minified page is still valid HTML that validators accept.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepDefaultAttrVals: true, KeepQuotes: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/((ld|manifest)\+)?json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(atom\+|rss\+)?xml$`), xml.Minify)
	return &Minifier{m: m}
}

var mediaTypes = map[string]string{
	".html":        "text/html",
	".css":         "text/css",
	".js":          "application/javascript",
	".mjs":         "application/javascript",
	".svg":         "image/svg+xml",
	".json":        "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml",
}

// Minify returns data minified by the type its file name says, or data
// itself for types it does not minify. An error means data is not valid
// for its type.
func (m *Minifier) Minify(name string, data []byte) ([]byte, error) {
	mt, ok := mediaTypes[strings.ToLower(path.Ext(name))]
	if !ok || m == nil {
		return data, nil
	}
	return m.m.Bytes(mt, data)
}
