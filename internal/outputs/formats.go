// Package outputs knows every kind of file a build writes, in one table of
// output formats, and makes the site-wide outputs from the page graph: the
// sitemap, the Atom feeds, robots.txt, the calendars of events and the
// open data files (see DataFiles and Catalogue).
//
// # Output formats
//
// Each file of the output has a Format: its media type, its kind, the
// minifier that applies to it, its cache rule, and what the dev server
// reloads when it changes. The kind orders deploys: assets first, so that
// a page never names a file that is not there yet, then pages, then feeds
// and the sitemap, which name pages.
//
//	format    extension     media type                         kind   minify  cache  reload
//	html      .html         text/html; charset=utf-8           page   yes     pages  page
//	atom      feed.xml      application/atom+xml               feed   yes     feeds  none
//	sitemap   sitemap.xml   application/xml                    feed   yes     feeds  none
//	robots    robots.txt    text/plain                         feed   no      feeds  none
//	headers   _headers      text/plain                         feed   no      feeds  none
//	redirect  .html         text/html; charset=utf-8           redirect no    pages  none
//	redirects _redirects    text/plain                         feed   no      feeds  none
//	manifest  furusato-manifest.json  application/json         host   no      feeds  none
//	data-csv  data/NAME.csv text/csv; charset=utf-8            feed   no      feeds  none
//	data-json data/NAME.json application/json                  feed   no      feeds  none
//	calendar  .ics          text/calendar; charset=utf-8       feed   no      feeds  none
//	search    search/<lang>/index.json  application/json       feed   no      feeds  none
//	shard     search/<lang>/[td]-<hash>.json  application/json asset  no      hashed none
//	photo-webp .webp        image/webp                         asset  no      files  all
//	photo-jpeg .jpg         image/jpeg                         asset  no      files  all
//	photo-png  .png         image/png                          asset  no      files  all
//	css       .css          text/css                           asset  yes     files  css
//	...       (every other file of static/ and content/, by extension)
//
// The outputs that furusato makes (pages, feeds, the sitemap) say their
// format; only the files published as they are (static/, the files beside
// pages) are looked up by extension, with ForFile. Nothing else decides
// an output's kind from its name. Adding a format is one row of formats
// and the writer that makes it.
package outputs

import (
	"maps"
	"path"
	"slices"
	"strings"
)

// Kind says what an output is for, and when furusato deploy uploads it.
type Kind string

// The kinds of output, in upload order.
const (
	KindAsset Kind = "asset" // styles, scripts, images, fonts, downloads
	KindPage  Kind = "page"  // HTML
	KindFeed  Kind = "feed"  // feeds, sitemap.xml, robots.txt, _headers, _redirects: they name pages
	// KindRedirect: a page at an old URL that sends the visitor on to
	// the page's URL (front matter aliases).
	KindRedirect Kind = "redirect"
	KindHost     Kind = "host" // furusato-manifest.json: for furusato deploy, never uploaded as a file of the site
)

// Phases are the names of deploy's rounds, in order; Phase gives a kind's.
var Phases = []string{"assets", "pages", "feeds and sitemap"}

// Phase is the round of furusato deploy in which outputs of this kind
// are uploaded (an index of Phases).
func (k Kind) Phase() int {
	switch k {
	case KindPage:
		return 1
	case KindFeed, KindHost, KindRedirect:
		return 2
	}
	return 0
}

// Cache rules: which Cache-Control of site.yaml (config.Cache) a file
// gets. A file of static/ with a hashed name gets CacheHashed whatever its
// format.
const (
	CacheHashed = "hashed"
	CachePages  = "pages"
	CacheFeeds  = "feeds"
	CacheFiles  = "files"
)

// Reload is what the dev server does in a browser when an output of a
// format changed.
type Reload int

const (
	ReloadAll  Reload = iota // reload every page: a script, an image, a font
	ReloadPage               // reload the browsers that show this page
	ReloadCSS                // swap the stylesheet in place
	ReloadNone               // not shown in pages: feeds, the sitemap, files for hosts
)

// Format is one row of the table of output formats.
type Format struct {
	Name      string // html, atom, css, png ...
	Ext       string // the extension of its files: .html
	MediaType string // the Content-Type it is served with
	Kind      Kind
	// Minify is the media type the minifier reads it as, or "" when it
	// is published as it is.
	Minify string
	Cache  string // CachePages, CacheFeeds or CacheFiles
	Reload Reload
	// Compress: a text format, worth a .gz and a .br copy.
	Compress bool
	// Hashed: a file of static/ in this format gets a name with a hash
	// of its content (what pages load, not what people link to by name).
	Hashed bool
}

// The formats that furusato makes, rather than copies.
var (
	HTML          = &Format{Name: "html", Ext: ".html", MediaType: "text/html; charset=utf-8", Kind: KindPage, Minify: "text/html", Cache: CachePages, Reload: ReloadPage, Compress: true}
	Atom          = &Format{Name: "atom", Ext: ".xml", MediaType: "application/atom+xml; charset=utf-8", Kind: KindFeed, Minify: "application/xml", Cache: CacheFeeds, Reload: ReloadNone, Compress: true}
	XMLSitemap    = &Format{Name: "sitemap", Ext: ".xml", MediaType: "application/xml; charset=utf-8", Kind: KindFeed, Minify: "application/xml", Cache: CacheFeeds, Reload: ReloadNone, Compress: true}
	RobotsText    = &Format{Name: "robots", Ext: ".txt", MediaType: "text/plain; charset=utf-8", Kind: KindFeed, Cache: CacheFeeds, Reload: ReloadNone, Compress: true}
	HeadersText   = &Format{Name: "headers", MediaType: "text/plain; charset=utf-8", Kind: KindFeed, Cache: CacheFeeds, Reload: ReloadNone}
	Redirect      = &Format{Name: "redirect", Ext: ".html", MediaType: "text/html; charset=utf-8", Kind: KindRedirect, Cache: CachePages, Reload: ReloadNone}
	RedirectsText = &Format{Name: "redirects", MediaType: "text/plain; charset=utf-8", Kind: KindFeed, Cache: CacheFeeds, Reload: ReloadNone}
	ManifestJSON  = &Format{Name: "manifest", Ext: ".json", MediaType: "application/json", Kind: KindHost, Cache: CacheFeeds, Reload: ReloadNone}
	// ICalendar is an event's calendar and a section's calendar feed
	// (RFC 5545): never minified, for its lines are folded at 75 octets.
	ICalendar = &Format{Name: "calendar", Ext: ".ics", MediaType: "text/calendar; charset=utf-8", Kind: KindFeed, Cache: CacheFeeds, Reload: ReloadNone, Compress: true}
	// SearchIndex is a language's search/<lang>/index.json: it names the
	// shards, which go up first, and pages' URLs.
	SearchIndex = &Format{Name: "search", Ext: ".json", MediaType: "application/json", Kind: KindFeed, Cache: CacheFeeds, Reload: ReloadNone, Compress: true}
	// SearchShard is a shard of terms or a chunk of pages of a search
	// index, named by a hash of its content.
	SearchShard = &Format{Name: "shard", Ext: ".json", MediaType: "application/json", Kind: KindAsset, Cache: CacheHashed, Reload: ReloadNone, Compress: true}
	// The variants of photos (see package images): each width of a photo
	// as WebP, and as JPEG or PNG for browsers without WebP.
	PhotoWebP = &Format{Name: "photo-webp", Ext: ".webp", MediaType: "image/webp", Kind: KindAsset, Cache: CacheHashed, Reload: ReloadAll}
	PhotoJPEG = &Format{Name: "photo-jpeg", Ext: ".jpg", MediaType: "image/jpeg", Kind: KindAsset, Cache: CacheHashed, Reload: ReloadAll}
	PhotoPNG  = &Format{Name: "photo-png", Ext: ".png", MediaType: "image/png", Kind: KindAsset, Cache: CacheHashed, Reload: ReloadAll}
)

// HeadersFile is the cache rules for Netlify and Cloudflare Pages;
// ManifestFile lists every published file, for furusato deploy.
const (
	RedirectsFile = "_redirects"
	HeadersFile   = "_headers"
	ManifestFile  = "furusato-manifest.json"
)

// files are the formats of files published as they are, by extension.
// Media types are fixed here rather than read from the system's tables, so
// that the manifest and the dev server are the same on every machine.
var files = byExt(
	HTML,
	text("css", ".css", "text/css; charset=utf-8", "text/css", ReloadCSS, true),
	text("js", ".js", "text/javascript; charset=utf-8", "application/javascript", ReloadAll, true),
	text("js", ".mjs", "text/javascript; charset=utf-8", "application/javascript", ReloadAll, true),
	text("json", ".json", "application/json", "application/json", ReloadAll, false),
	text("webmanifest", ".webmanifest", "application/manifest+json", "application/manifest+json", ReloadAll, false),
	text("txt", ".txt", "text/plain; charset=utf-8", "", ReloadAll, false),
	text("csv", ".csv", "text/csv; charset=utf-8", "", ReloadAll, false),
	text("ics", ".ics", "text/calendar; charset=utf-8", "", ReloadAll, false),
	text("svg", ".svg", "image/svg+xml", "image/svg+xml", ReloadAll, true),
	// An XML file of static/ is of a feed's kind: it may name pages.
	&Format{Name: "xml", Ext: ".xml", MediaType: "application/xml; charset=utf-8", Kind: KindFeed, Minify: "application/xml", Cache: CacheFeeds, Reload: ReloadNone, Compress: true},
	binary("png", ".png", "image/png", true),
	binary("jpeg", ".jpg", "image/jpeg", true),
	binary("jpeg", ".jpeg", "image/jpeg", true),
	binary("gif", ".gif", "image/gif", true),
	binary("webp", ".webp", "image/webp", true),
	binary("avif", ".avif", "image/avif", true),
	binary("ico", ".ico", "image/vnd.microsoft.icon", true),
	binary("woff", ".woff", "font/woff", true),
	binary("woff2", ".woff2", "font/woff2", true),
	binary("ttf", ".ttf", "font/ttf", true),
	binary("otf", ".otf", "font/otf", true),
	binary("eot", ".eot", "application/vnd.ms-fontobject", true),
	binary("pdf", ".pdf", "application/pdf", false),
	binary("zip", ".zip", "application/zip", false),
	binary("doc", ".doc", "application/msword", false),
	binary("docx", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", false),
	binary("xls", ".xls", "application/vnd.ms-excel", false),
	binary("xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false),
	binary("ppt", ".ppt", "application/vnd.ms-powerpoint", false),
	binary("pptx", ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", false),
	binary("wasm", ".wasm", "application/wasm", true),
	binary("mp4", ".mp4", "video/mp4", true),
	binary("webm", ".webm", "video/webm", true),
	binary("mp3", ".mp3", "audio/mpeg", true),
	binary("ogg", ".ogg", "audio/ogg", true),
)

// text is the row of a text format of static/: minified, compressed.
func text(name, ext, mediaType, minify string, reload Reload, hashed bool) *Format {
	return &Format{Name: name, Ext: ext, MediaType: mediaType, Kind: KindAsset, Minify: minify, Cache: CacheFiles, Reload: reload, Compress: true, Hashed: hashed}
}

// binary is the row of a binary format of static/: published as it is.
func binary(name, ext, mediaType string, hashed bool) *Format {
	return &Format{Name: name, Ext: ext, MediaType: mediaType, Kind: KindAsset, Cache: CacheFiles, Reload: ReloadAll, Hashed: hashed}
}

func byExt(formats ...*Format) map[string]*Format {
	m := make(map[string]*Format, len(formats))
	for _, f := range formats {
		m[f.Ext] = f
	}
	return m
}

// Formats returns every row of the table: the formats furusato makes,
// then those of files published as they are, by extension.
func Formats() []*Format {
	out := []*Format{HTML, Atom, XMLSitemap, RobotsText, HeadersText, Redirect, RedirectsText, ManifestJSON, DataCSV, DataJSON, ICalendar, SearchIndex, SearchShard, PhotoWebP, PhotoJPEG, PhotoPNG}
	exts := slices.Sorted(maps.Keys(files))
	for _, ext := range exts {
		if f := files[ext]; !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return append(out, Other)
}

// Other is the format of a published file of an unknown type.
var Other = &Format{Name: "other", MediaType: "application/octet-stream", Kind: KindAsset, Cache: CacheFiles, Reload: ReloadAll}

// ForFile is the format of a file published as it is (a file of static/,
// a file beside a page), by the extension of its name.
func ForFile(name string) *Format {
	if f, ok := files[strings.ToLower(path.Ext(name))]; ok {
		return f
	}
	if path.Base(name) == "apple-app-site-association" { // in .well-known/, JSON without .json
		return files[".json"]
	}
	return Other
}
