package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// kindPicture is a photo published in several widths and formats: an
// image whose Resolver gave a srcset.
var kindPicture = ast.NewNodeKind("Picture")

// picture shows its image as <picture>: a WebP <source> and the <img>
// with its JPEG or PNG widths.
type picture struct {
	ast.BaseInline
	img   *ast.Image
	info  Image
	first bool // the page's first image: loaded at once, before others
}

func (n *picture) Kind() ast.NodeKind { return kindPicture }

func (n *picture) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// pictureRenderer renders pictures. Its HTML is written here rather than
// by goldmark's image renderer, whose attribute filter leaves out
// fetchpriority.
type pictureRenderer struct{}

func (pictureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindPicture, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n := node.(*picture)
		attr := func(name, value string) {
			w.WriteString(" " + name + `="`)
			w.Write(util.EscapeHTML([]byte(value)))
			w.WriteByte('"')
		}
		w.WriteString("<picture><source")
		attr("type", "image/webp")
		attr("srcset", n.info.WebPSrcset)
		attr("sizes", n.info.Sizes)
		w.WriteString("><img")
		attr("src", n.info.URL)
		attr("srcset", n.info.Srcset)
		attr("sizes", n.info.Sizes)
		attr("alt", altText(n.img, source))
		if n.img.Title != nil {
			attr("title", string(n.img.Title))
		}
		attr("width", itoa(n.info.Width))
		attr("height", itoa(n.info.Height))
		if n.first {
			attr("fetchpriority", "high")
		} else {
			attr("loading", "lazy")
		}
		attr("decoding", "async")
		w.WriteString("></picture>")
		return ast.WalkSkipChildren, nil
	})
}

// altText is an image's description as plain text, as goldmark writes it
// into alt: the text of its children, without their markup.
func altText(n ast.Node, source []byte) string {
	var b []byte
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b = append(b, c.Value(source)...)
			if c.SoftLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, c.Value...)
		default:
			b = append(b, altText(c, source)...)
		}
	}
	return string(b)
}
