// Package markdown turns page bodies into HTML with goldmark.
//
// Each language has its own goldmark instance: in Japanese (and Chinese and
// Korean) pages a line break between two Japanese characters adds no space,
// while English keeps its spaces (see Line breaks). All instances have GFM tables, strikethrough, autolinks and task lists,
// footnotes and definition lists, and heading IDs that keep Japanese
// headings readable (## 移住支援制度 gets id="移住支援制度").
//
// Links and images are resolved through the page's Resolver while the page
// is parsed: a link to another .md file becomes that page's URL in the same
// language, an image beside the page becomes its published URL with its
// width and height. A photo (see package images) becomes
// <picture>: a WebP <source> and an <img> with the JPEG or PNG widths in
// srcset, sizes, width and height. The first image of a page loads at once
// (fetchpriority="high"), the others lazily; all of them lazily when the
// page shows its front matter image above the body (Page.LeadImage). A
// link to a document (PDF, Word, Excel, PowerPoint, CSV, ZIP) ends with its
// format and size (see Document links).
//
// Raw HTML is dropped unless site.yaml turns it on, and so is a link or
// image that could run a script (javascript:, vbscript:, file:, data: but
// PNG, GIF, JPEG and WebP images): it is an error at its position.
//
// # Line breaks
//
// A line break inside a paragraph is read as a space, as Markdown has it,
// except in Japanese, Chinese and Korean pages, where it is dropped when
// the characters on both sides of it are Japanese (or Chinese) ones:
// letters, kana, full-width letters (ＡＢ) and half-width kana, or a
// Japanese punctuation mark (。、「」) on either side. Links, code spans and
// emphasis are looked through: the characters that count are the ones
// written next to the break, inside them or not.
//
//	北見市は↵[移住ガイド](guide.md)を…  →  北見市は移住ガイドを…
//	see↵[the guide](guide.md)  →  see the guide
//	です。↵Kitami  →  です。Kitami
//	北見市の↵Web  →  北見市の Web
//
// Between English and Japanese the break is a space, as CSS Text 3 has it.
// Summaries, reading times and word counts (package plaintext) read line
// breaks in the same way; a hard line break (two spaces or \ at the end
// of a line) is a space in a summary.
//
// # Embeds
//
// A fenced block of kind embed shows a video, a map or a form of another
// site in the page, without raw HTML: package embed says what it takes
// and what it makes. Its errors are reported at their positions, with
// the page's other errors.
//
// # Heading IDs
//
// A heading's ID is its text in small letters, with hyphens for spaces.
// Headings never get an ID that page layouts use for their own elements,
// so that a "skip to content" link (href="#main") still leads to <main
// id="main"> when a page has a heading "## Main": that heading gets
// id="main-1". The reserved IDs are
//
//	main top content header footer nav menu search skip toc contents
//	breadcrumbs language languages pager footnotes
//
// and those listed in site.yaml under markdown: reservedIDs. Templates
// should give their elements IDs from these.
//
// # Limits
//
// Quotes, lists and footnotes nest at most 100 deep, as goldmark counts
// blocks (a list and its item count two: 50 lists in one another). A line
// that goes deeper is an error at the line; the rest of the line is read
// as text. A body has no length limit: conversion time grows in step with
// its length, its headings, links and footnotes. A page whose paragraphs
// run to hundreds of kilobytes full of quotation marks is published
// unminified, as the minifier would take time in the square of their
// length.
package markdown

import (
	"bufio"
	"bytes"
	"errors"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/embed"
	"github.com/furusato/furusato/internal/plaintext"
)

// Resolver finds what a page's links and images point to. Link and Image
// get the destination as written and return the URL to use; an error
// becomes a build error at the link's position.
type Resolver interface {
	Link(dest string) (string, error)
	Image(dest string) (Image, error)
}

// Gone is the error of a Resolver for a link to a page that was on the
// site and has left it (its expires date came). The link's text stays,
// without the link, and the conversion warns instead of failing: a page
// that leaves the site on its day must not stop the build of the pages
// that link to it (the site is rebuilt every morning for that day).
type Gone struct{ Reason string }

func (g *Gone) Error() string { return g.Reason }

// Image is a resolved image: its URL and, when known, its size in pixels.
// A photo published in several widths (see package images) has a
// srcset, and is shown as <picture> with a WebP source.
type Image struct {
	URL           string
	Width, Height int
	Srcset        string // the URL's format, each width: "a.480w.jpg 480w, a.800w.jpg 800w"
	WebPSrcset    string
	Sizes         string // how wide it shows, for the browser to choose
}

// Options configures the converters.
type Options struct {
	RawHTML     bool     // render raw HTML in Markdown instead of dropping it
	ReservedIDs []string // IDs the templates use, besides the usual ones, that headings must not get
	// Embeds are the sites whose videos, maps and forms pages may embed,
	// by the hosts of config.EmbedHosts; none when empty.
	Embeds []string
	// EastAsianLang is the language of kanji and kana written in the pages
	// of other languages (ja): each run of them is marked with it
	// (<span lang="ja">「北見から攻める」</span> in an English page). ""
	// marks nothing.
	EastAsianLang string
	// Minify, when set, minifies the HTML of each page once, as it is
	// converted, so that pages need not be minified again when rendered.
	Minify func(html []byte) ([]byte, error)
}

// Converter holds one goldmark instance per kind of language.
// It is safe for concurrent use.
type Converter struct {
	cjk, other goldmark.Markdown
	reserved   map[string]bool
	minify     func([]byte) ([]byte, error)
}

// New returns a Converter.
func New(opts Options) *Converter {
	mk := func(cjk bool) goldmark.Markdown {
		exts := []goldmark.Extender{extension.GFM, footnotes{}, extension.DefinitionList}
		transformers := []util.PrioritizedValue{
			util.Prioritized(linkTransformer{rawHTML: opts.RawHTML}, 100),
			util.Prioritized(embed.NewTransformer(opts.Embeds), 150),
		}
		if cjk {
			// Line breaks are decided by lineBreaks, not by the extension's
			// East Asian line breaks (see there).
			exts = append(exts, extension.NewCJK(extension.WithEscapedSpace()))
			transformers = append(transformers, util.Prioritized(lineBreaks{}, 200))
		}
		if !cjk && opts.EastAsianLang != "" {
			transformers = append(transformers, util.Prioritized(eastAsianWords{lang: opts.EastAsianLang}, 300))
		}
		ropts := []goldmark.Option{goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(embed.Renderer{}, 500), util.Prioritized(pictureRenderer{}, 500), util.Prioritized(langSpanRenderer{}, 500)))}
		if opts.RawHTML {
			ropts = append(ropts, goldmark.WithRendererOptions(html.WithUnsafe()))
		}
		return goldmark.New(append(ropts,
			goldmark.WithParser(parser.NewParser(
				parser.WithBlockParsers(blockParsers()...),
				parser.WithInlineParsers(parser.DefaultInlineParsers()...),
				parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...))),
			goldmark.WithExtensions(exts...),
			goldmark.WithParserOptions(
				parser.WithAutoHeadingID(),
				parser.WithASTTransformers(transformers...),
			),
		)...)
	}
	return &Converter{cjk: mk(true), other: mk(false), reserved: reservedSet(opts.ReservedIDs), minify: opts.Minify}
}

// IsCJK reports whether lang is written without spaces between words, which
// changes line breaks, summaries and reading time.
func IsCJK(lang string) bool {
	base, _, _ := strings.Cut(lang, "-")
	return base == "ja" || base == "zh" || base == "ko"
}

// Page is the input of one conversion.
type Page struct {
	File     string // for errors: content/about.ja.md
	Lang     string
	Body     []byte
	BodyLine int // the line of File the body starts on
	Resolver Resolver
	// LeadImage says that the page shows an image above its body (its
	// front matter image): then every image of the body loads lazily,
	// rather than the first one at once.
	LeadImage bool
}

// Result is a converted page.
type Result struct {
	HTML        []byte
	Words       int    // words, or characters for CJK languages
	ReadingTime int    // minutes, at least 1
	Summary     string // the opening sentences of its paragraphs and list items, plain text
	Headings    []Heading
	Links       []Link // the page's links and images, in order, for furusato check
	// Warnings are problems that do not stop the build: links to pages
	// that have left the site (Gone).
	Warnings []*diag.Error
}

// Link is a link or an image of a page as it is published, with where it
// is written.
type Link struct {
	Dest    string // the URL in the HTML
	Written string // the destination as written in the Markdown
	Image   bool
	Pos     diag.Pos
}

// Heading is a heading of the page, for tables of contents.
type Heading = plaintext.Heading

var (
	resolverKey = parser.NewContextKey()
	errorsKey   = parser.NewContextKey()
	warningsKey = parser.NewContextKey()
	pageKey     = parser.NewContextKey()
	linksKey    = parser.NewContextKey()
)

// buffers and writers are reused by conversions: the HTML as goldmark
// writes it, when it is minified into a copy, and goldmark's buffered
// writer over it (it makes one of its own for any other writer).
var (
	buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	writers = sync.Pool{New: func() any { return bufio.NewWriter(nil) }}
)

// Convert renders one page. Problems in the page (broken links, missing
// images) are returned as a *diag.List; the HTML is returned as well.
func (c *Converter) Convert(p Page) (*Result, error) {
	md := c.other
	if IsCJK(p.Lang) {
		md = c.cjk
	}
	if !utf8.Valid(p.Body) {
		// content rejects such files first; goldmark's East Asian line
		// breaks panic on a body that starts with a stray byte ("\xa6\n0").
		p.Body = bytes.ToValidUTF8(p.Body, []byte("\uFFFD"))
	}
	var errs diag.List
	pc := parser.NewContext(parser.WithIDs(newIDs(c.reserved)))
	pc.Set(resolverKey, p.Resolver)
	pc.Set(errorsKey, &errs)
	var warnings diag.List
	pc.Set(warningsKey, &warnings)
	pc.Set(pageKey, &p)
	var links []Link
	pc.Set(linksKey, &links)
	pc.Set(embed.ReporterKey, &embedPage{at: positions{page: &p, src: p.Body}, errs: &errs})
	doc := md.Parser().Parse(newLineReader(p.Body), parser.WithContext(pc))
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	buf.Grow(len(p.Body) * 3 / 2)
	bw := writers.Get().(*bufio.Writer)
	bw.Reset(buf)
	if err := md.Renderer().Render(bw, p.Body, doc); err != nil {
		errs.Addf(diag.Pos{File: p.File}, "markdown: %v", err)
	}
	bw.Reset(nil)
	writers.Put(bw)
	r := &Result{HTML: buf.Bytes(), Links: links, Warnings: warnings.Errors()}
	if c.minify != nil && MinifyCost(r.HTML) <= MaxMinifyCost {
		if m, err := c.minify(r.HTML); err == nil {
			r.HTML = m // a copy: the buffer can be used again
			buffers.Put(buf)
		} // else the page is shown as converted, which is valid HTML too
	}
	cjk := IsCJK(p.Lang)
	words := plaintext.WordCounter{CJK: cjk}
	r.Headings = plaintext.Walk(doc, p.Body, false, words.Add)
	r.Words, r.ReadingTime = words.Count(), plaintext.ReadingMinutes(words.Count(), cjk)
	r.Summary = plaintext.Summary(doc, p.Body, cjk)
	return r, errs.Err()
}

// MaxMinifyCost bounds the work of minifying a page's HTML (and any other
// output: package assets asks the same of feeds, whose entries hold
// pages' HTML as text). The minifier
// (tdewolff/parse v2.8) shortens each entity of a text, &gt; to >, by
// moving the rest of the text: time in the square of a text's length when
// it has many. A paragraph of 256 KB of '>' took 2 s to minify, one of
// 5 MB never ended. Past the bound, a page's HTML is kept as converted,
// which is valid HTML too; no page of the example site comes near it.
const MaxMinifyCost = 1 << 28

// MinifyCost is at most the bytes the minifier moves in HTML or XML: for
// each text between tags, its entities times its length.
func MinifyCost(html []byte) int {
	cost := 0
	for len(html) > 0 {
		end := bytes.IndexByte(html, '<')
		if end < 0 {
			end = len(html)
		}
		cost += bytes.Count(html[:end], []byte("&")) * end
		html = html[end:]
		if tag := bytes.IndexByte(html, '>'); tag >= 0 {
			html = html[tag+1:]
		} else {
			break
		}
	}
	return cost
}

// linkTransformer rewrites link and image destinations through the page's
// Resolver, and adds size and lazy loading to images. It reports the links
// that goldmark drops (see dropped), unless raw HTML is on, which keeps
// them.
type linkTransformer struct {
	rawHTML bool
}

func (t linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	res, _ := pc.Get(resolverKey).(Resolver)
	errs, _ := pc.Get(errorsKey).(*diag.List)
	warnings, _ := pc.Get(warningsKey).(*diag.List)
	page, _ := pc.Get(pageKey).(*Page)
	links, _ := pc.Get(linksKey).(*[]Link)
	if res == nil || errs == nil || warnings == nil || page == nil || links == nil {
		return
	}
	at := &positions{page: page, src: reader.Source()}
	images := 0
	var pictures []*picture
	var gone []*ast.Link // links to pages that left the site, shown as their text
	defer func() {
		for _, pic := range pictures {
			parent := pic.img.Parent()
			parent.ReplaceChild(parent, pic.img, pic)
			pic.AppendChild(pic, pic.img)
		}
		for _, l := range gone {
			parent := l.Parent()
			for c := l.FirstChild(); c != nil; c = l.FirstChild() {
				parent.InsertBefore(parent, l, c) // takes c out of l
			}
			parent.RemoveChild(parent, l)
		}
	}()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			// A link or image whose address has a space is not one: its
			// Markdown would be published as it is written. goldmark may
			// cut it into several texts that follow each other.
			if prev, ok := n.PreviousSibling().(*ast.Text); ok && prev.Segment.Stop == n.Segment.Start {
				break // read with prev
			}
			start, stop := n.Segment.Start, n.Segment.Stop
			for next, ok := n.NextSibling().(*ast.Text); ok && next.Segment.Start == stop; next, ok = next.NextSibling().(*ast.Text) {
				stop = next.Segment.Stop
			}
			run := at.src[start:stop]
			for _, m := range spacedDest.FindAllSubmatchIndex(run, -1) {
				dest := string(run[m[2]:m[3]])
				errs.Addf(at.at(start+m[0]), "this link or image is not made, and its Markdown would be shown as it is: the address %q has a space; write it in angle brackets, ](<%s>), or rename the file without spaces", dest, dest)
			}
		case *ast.AutoLink:
			if msg := dropped(n.URL(at.src), false); msg != "" && !t.rawHTML {
				errs.Addf(autoLinkPos(at, n), "%s", msg)
			}
		case *ast.Link:
			written := string(n.Destination)
			pos := at.node(n)
			if msg := dropped(n.Destination, false); msg != "" && !t.rawHTML {
				errs.Addf(pos, "%s", msg)
				return ast.WalkContinue, nil
			}
			u, err := res.Link(written)
			var g *Gone
			if errors.As(err, &g) {
				warnings.Addf(pos, "%v; its text is shown without the link", err)
				gone = append(gone, n)
			} else if err != nil {
				errs.Addf(pos, "%v", err)
			} else {
				n.Destination = []byte(u)
				*links = append(*links, Link{Dest: u, Written: written, Pos: pos})
				labelDocument(n, written, page.Lang, res, at.src)
			}
		case *ast.Image:
			written := string(n.Destination)
			pos := at.node(n)
			if msg := dropped(n.Destination, true); msg != "" && !t.rawHTML {
				errs.Addf(pos, "%s", msg)
				return ast.WalkContinue, nil
			}
			img, err := res.Image(written)
			if err != nil {
				errs.Addf(pos, "%v", err)
				return ast.WalkContinue, nil
			}
			n.Destination = []byte(img.URL)
			*links = append(*links, Link{Dest: img.URL, Written: written, Image: true, Pos: pos})
			images++
			if img.Srcset != "" {
				// Replaced after the walk, which would lose its place.
				pictures = append(pictures, &picture{img: n, info: img, first: images == 1 && !page.LeadImage})
				return ast.WalkSkipChildren, nil
			}
			if img.Width > 0 && img.Height > 0 {
				n.SetAttributeString("width", []byte(itoa(img.Width)))
				n.SetAttributeString("height", []byte(itoa(img.Height)))
			}
			if images > 1 || page.LeadImage {
				// The first image may be above the fold; the rest wait.
				n.SetAttributeString("loading", []byte("lazy"))
			}
			n.SetAttributeString("decoding", []byte("async"))
		}
		return ast.WalkContinue, nil
	})
}

// spacedDest finds what is left of a link or image whose address has a
// space in it (](写真 1.JPG)): not one with a title after the space
// ([text](page.md "title")), which goldmark reads.
var spacedDest = regexp.MustCompile(`\]\(([^\s()<>"']+ [^()<>"']*)\)`)

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

// positions finds where the links and images of a page are written. They
// come in the order of the text, so each is counted from the last: counting
// each from the start of the page took time in the square of its length
// (4 MB of paragraphs with a link in every fourth: 0.57 s, 143 ms/MB,
// against 82 ms/MB for 1 MB).
type positions struct {
	page *Page
	src  []byte
	// off is the last offset found, at line and col.
	off, line, col int
	// empty is where the last link or image without text was found: the
	// next is looked for after it.
	empty int
}

// node finds the position of an inline node in the file, through the
// first text inside it or, failing that, its block.
func (p *positions) node(n ast.Node) diag.Pos {
	src := p.src
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off < 0 {
		for b := n.Parent(); b != nil; b = b.Parent() {
			if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
				off = b.Lines().At(0).Start
				// An empty link or image, ![](photo.jpg): find it in its block.
				end := b.Lines().At(b.Lines().Len() - 1).Stop
				var dest []byte
				switch n := n.(type) {
				case *ast.Image:
					dest = n.Destination
				case *ast.Link:
					dest = n.Destination
				}
				from := off
				if p.empty > from && p.empty < end {
					from = p.empty
				}
				if i := bytes.Index(src[from:end], append([]byte("[]("), dest...)); dest != nil && i >= 0 {
					at := from + i
					p.empty = at + 3
					if at > 0 && src[at-1] == '!' {
						at--
					}
					return p.at(at)
				}
				break
			}
		}
	}
	if off < 0 {
		return diag.Pos{File: p.page.File, Line: p.page.BodyLine}
	}
	// Text starts after "[" or "![": point at the bracket.
	for off > 0 && src[off-1] != '[' && src[off-1] != '\n' {
		off--
	}
	if off > 0 && src[off-1] == '[' {
		off--
		if off > 0 && src[off-1] == '!' {
			off--
		}
	}
	return p.at(off)
}

// at is the position of a byte offset of the body in the file, as
// textfile.LineCol counts it.
func (p *positions) at(off int) diag.Pos {
	off = min(max(off, 0), len(p.src))
	if off < p.off || p.line == 0 {
		p.off, p.line, p.col = 0, 1, 1
	}
	between := p.src[p.off:off]
	if n := bytes.Count(between, []byte("\n")); n > 0 {
		p.line += n
		p.col = 1
		between = between[bytes.LastIndexByte(between, '\n')+1:]
	}
	p.col += utf8.RuneCount(between)
	p.off = off
	return diag.Pos{File: p.page.File, Line: p.page.BodyLine + p.line - 1, Col: p.col}
}

// embedPage is where package embed reports the errors of the page's
// embed blocks.
type embedPage struct {
	at   positions
	errs *diag.List
}

func (e *embedPage) Lang() string         { return e.at.page.Lang }
func (e *embedPage) Pos(off int) diag.Pos { return e.at.at(off) }
func (e *embedPage) Addf(pos diag.Pos, format string, args ...any) {
	e.errs.Addf(pos, format, args...)
}
