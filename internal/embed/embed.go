// Package embed shows a video, a map or a form of another site in a page
// of Markdown, without raw HTML. It is a goldmark AST transformer and
// renderer, which package markdown puts in its converters.
//
// A fenced block of kind embed holds the address on one line, and a
// title that screen readers read out.
//
//	```embed
//	https://youtu.be/XXXXXXXXXXX
//	title: 北見市の紹介動画
//	```
//
// It takes these addresses, from the sites that site.yaml lists under
// markdown: embeds (markdown.Options.Embeds):
//
//	YouTube (www.youtube.com)    https://www.youtube.com/watch?v=ID, https://youtu.be/ID,
//	                             /shorts/ID, /live/ID, /embed/ID; a start time t=90 or
//	                             t=1m30s (start=90 for /embed/) is kept. It plays from
//	                             www.youtube-nocookie.com (privacy-enhanced mode).
//	OpenStreetMap                https://www.openstreetmap.org/export/embed.html?bbox=…
//	  (www.openstreetmap.org)    (Share → HTML), with layer= and marker= if given
//	Google Maps (www.google.com) https://www.google.com/maps/embed?pb=… (Share → Embed a map)
//	Google Forms                 https://docs.google.com/forms/d/e/ID/viewform,
//	  (docs.google.com)          shown with embedded=true
//	LoGoフォーム (logoform.jp)     https://logoform.jp/form/TENANT/NUMBER
//
// A map or a form may give height: 600 (pixels, 100 to 3000) instead of
// its usual shape (maps 4:3, forms 1000 pixels high; videos 16:9, shorts
// 9:16). It becomes
//
//	<figure class="embed embed-video embed-16x9"><iframe src=… title=… width height
//	loading="lazy" referrerpolicy="strict-origin-when-cross-origin"
//	[allow=… allowfullscreen, videos only]></iframe>
//	<figcaption><a href=…>YouTubeで「title」を見る</a></figcaption></figure>
//
// with the link to the same video, map or form on its own site, in
// Japanese on Japanese pages and in English on others. Anything else in
// an embed block is an error at its line: an address of another site or
// of a site site.yaml leaves out, an address of the wrong kind (a YouTube
// channel, a Google Maps place), a missing title, a title that another
// embed of the page has, an unknown key. Fenced blocks of any other kind
// stay code.
package embed

import (
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/furusato/furusato/internal/diag"
)

// Kind is the kind of embed Nodes.
var Kind = ast.NewNodeKind("Embed")

// Node is a video, map or form of another site shown in the page.
type Node struct {
	ast.BaseBlock
	Src    string // the iframe's address
	Href   string // the address to open it on its own site
	Title  string // as written: the iframe's title
	Link   string // the text of the link under it
	Class  string // classes of the figure: the kind, and its shape
	Width  int
	Height int
	Video  bool
}

// Kind implements ast.Node.
func (n *Node) Kind() ast.NodeKind { return Kind }

// Dump implements ast.Node.
func (n *Node) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Src": n.Src, "Title": n.Title}, nil)
}

// Reporter is where the Transformer reports what is wrong in a page's
// embed blocks, at their positions in the page's file. The caller of the
// parser puts one in the parser.Context under ReporterKey for each page.
type Reporter interface {
	// Lang is the page's language, for the text of the link under an
	// embed.
	Lang() string
	// Pos is the position in the page's file of a byte offset of the
	// source that goldmark parses.
	Pos(off int) diag.Pos
	// Addf reports an error at pos.
	Addf(pos diag.Pos, format string, args ...any)
}

// ReporterKey is the parser.Context key of the page's Reporter.
var ReporterKey = parser.NewContextKey()

// Transformer turns fenced embed blocks into Nodes, and reports what is
// wrong in them to the Reporter in the parser.Context (see ReporterKey);
// without one, it leaves the blocks alone.
type Transformer struct {
	allowed []string // hosts of sites
}

// NewTransformer returns a Transformer that embeds from the sites of
// hosts (as config.EmbedHosts names them); none when empty.
func NewTransformer(hosts []string) Transformer {
	return Transformer{allowed: slices.Clone(hosts)}
}

// Transform implements parser.ASTTransformer.
func (t Transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	r, _ := pc.Get(ReporterKey).(Reporter)
	if r == nil {
		return
	}
	src := reader.Source()
	var blocks []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if b, ok := n.(*ast.FencedCodeBlock); ok && entering && string(b.Language(src)) == "embed" {
			blocks = append(blocks, b)
		}
		return ast.WalkContinue, nil
	})
	if len(blocks) == 0 {
		return
	}
	titles := map[string]diag.Pos{}
	for _, b := range blocks {
		e, pos := t.embed(b, src, r)
		if e == nil {
			continue
		}
		if first, ok := titles[e.Title]; ok {
			r.Addf(pos, "embed: the title %q is already the title of the embed at line %d; give each embed of a page its own title, so that screen readers can tell them apart", e.Title, first.Line)
			continue
		}
		titles[e.Title] = pos
		b.Parent().ReplaceChild(b.Parent(), b, e)
	}
}

// embed reads a fenced embed block, or reports why it cannot, and then
// returns nil. pos is where its title is written.
func (t Transformer) embed(b *ast.FencedCodeBlock, src []byte, r Reporter) (e *Node, pos diag.Pos) {
	fence := r.Pos(lineStart(src, b.Info.Segment.Start))
	if len(t.allowed) == 0 {
		r.Addf(fence, "embed: embeds are turned off in site.yaml (markdown: embeds: []); list the sites to embed from there, or link to the page instead")
		return nil, fence
	}
	var (
		addr, title, height string
		addrPos, titlePos   diag.Pos
		heightPos           diag.Pos
		bad                 bool
	)
	lines := b.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		line := strings.TrimSpace(string(seg.Value(src)))
		if line == "" {
			continue
		}
		lead := len(seg.Value(src)) - len(strings.TrimLeft(string(seg.Value(src)), " \t"))
		p := r.Pos(seg.Start + lead)
		key, value, isKey := strings.Cut(line, ":")
		key = strings.TrimSpace(key)
		switch {
		case strings.HasPrefix(line, "https://") || strings.HasPrefix(line, "http://"):
			if addr != "" {
				r.Addf(p, "embed: a second address; an embed block shows one thing: write each in a block of its own")
				bad = true
				continue
			}
			addr, addrPos = line, p
		case isKey && key == "title":
			title, titlePos = strings.TrimSpace(value), p
		case isKey && key == "height":
			height, heightPos = strings.TrimSpace(value), p
		case isKey && !strings.ContainsAny(key, " \t") && key != "":
			r.Addf(p, "embed: unknown key %s%s; an embed block holds an address, title: and, for maps and forms, height:", key, diag.DidYouMean(key, []string{"title", "height"}))
			bad = true
		default:
			r.Addf(p, "embed: want the address (https://…) or title: here, got %q", diag.Shorten(line, 40))
			bad = true
		}
	}
	if addr == "" {
		r.Addf(fence, "embed: the block has no address; write the address of the video, map or form on a line of its own (see the README: Maps, videos and forms)")
		return nil, fence
	}
	e = &Node{Title: title}
	if msg := t.parse(addr, e); msg != "" {
		r.Addf(addrPos, "embed: %s", msg)
		bad = true
	}
	if title == "" {
		if titlePos.Line == 0 {
			titlePos = fence
		}
		r.Addf(titlePos, "embed: the title is missing; add a line title: that says what the %s shows, such as title: 北見市役所の地図 (screen readers read it out)", e.what())
		bad = true
	}
	if height != "" {
		h, err := strconv.Atoi(height)
		switch {
		case e.Class == "": // the address is wrong, and reported
		case e.Video:
			r.Addf(heightPos, "embed: a video keeps the shape YouTube gives it; remove height:")
			bad = true
		case err != nil || h < 100 || h > 3000:
			r.Addf(heightPos, "embed: height: want a number of pixels from 100 to 3000, such as height: 600, got %q", height)
			bad = true
		default:
			e.Height = h
			e.Class = strings.Fields(e.Class)[0] // a fixed height, so no shape
		}
	}
	if bad {
		return nil, fence
	}
	e.Link = linkText(e, r.Lang())
	if titlePos.Line == 0 {
		titlePos = fence
	}
	return e, titlePos
}

// lineStart is the offset of the start of the line that holds off.
func lineStart(src []byte, off int) int {
	for off > 0 && src[off-1] != '\n' {
		off--
	}
	return off
}

// Renderer writes Embed nodes.
type Renderer struct{}

func (Renderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(Kind, renderEmbed)
}

func renderEmbed(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*Node)
	attr := func(name, value string) {
		_, _ = w.WriteString(" " + name + `="`)
		_, _ = w.Write(util.EscapeHTML([]byte(value)))
		_ = w.WriteByte('"')
	}
	url := func(name, value string) {
		_, _ = w.WriteString(" " + name + `="`)
		_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(value), true)))
		_ = w.WriteByte('"')
	}
	_, _ = w.WriteString(`<figure class="embed ` + n.Class + `"><iframe`)
	url("src", n.Src)
	attr("title", n.Title)
	attr("width", strconv.Itoa(n.Width))
	attr("height", strconv.Itoa(n.Height))
	_, _ = w.WriteString(` loading="lazy" referrerpolicy="strict-origin-when-cross-origin"`)
	if n.Video {
		_, _ = w.WriteString(` allow="encrypted-media; picture-in-picture" allowfullscreen`)
	}
	_, _ = w.WriteString(`></iframe><figcaption><a`)
	url("href", n.Href)
	_ = w.WriteByte('>')
	_, _ = w.Write(util.EscapeHTML([]byte(n.Link)))
	_, _ = w.WriteString("</a></figcaption></figure>\n")
	return ast.WalkContinue, nil
}
