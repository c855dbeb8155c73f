package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"

	"github.com/furusato/furusato/internal/diag"
)

// Links and images that goldmark drops.
//
// Unless raw HTML is on, goldmark renders a link or image to a URL that
// can run a script or show a page of its own making (javascript:,
// vbscript:, file:, data: but for PNG, GIF, JPEG and WebP images) with an
// empty href or src: a link that goes nowhere, with no word to the
// writer. Such a link is an error at its position instead.

// dropped says why goldmark would drop a link (or an image) to dest, or
// returns "".
func dropped(dest []byte, image bool) string {
	if !html.IsDangerousURL(dest) {
		return ""
	}
	what, scheme := "link to", string(bytes.ToLower(dest[:bytes.IndexByte(dest, ':')+1]))
	if image {
		what = "image"
	}
	msg := fmt.Sprintf("%s %s: a %s URL could run a script in the reader's browser, so it is left out", what, diag.Shorten(string(dest), 40), scheme)
	if image {
		msg += ", and the image shows nothing"
		if scheme == "data:" {
			return msg + "; put the image in a file beside the page (a data: image can only be PNG, GIF, JPEG or WebP)"
		}
		return msg + "; put the image in a file beside the page"
	}
	return msg + ", and the link goes nowhere; link to a page, a file, or a web address (http, https, mailto)"
}

// autoLinkPos finds an autolink (<javascript:...>) in its block, since it
// has no text node to find it by.
func autoLinkPos(at *positions, n *ast.AutoLink) diag.Pos {
	src := at.src
	for b := n.Parent(); b != nil; b = b.Parent() {
		if b.Type() != ast.TypeBlock || b.Lines().Len() == 0 {
			continue
		}
		start, end := b.Lines().At(0).Start, b.Lines().At(b.Lines().Len()-1).Stop
		if i := bytes.Index(src[start:end], append([]byte("<"), n.URL(src)...)); i >= 0 {
			return at.at(start + i)
		}
		return at.at(start)
	}
	return diag.Pos{File: at.page.File, Line: at.page.BodyLine}
}
