package markdown

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Document links
//
// A link to a document that a visitor downloads rather than reads in the
// browser ends with its format and size, inside the link, as Japanese
// municipal sites write it:
//
//	[申請書](form.docx)         →  申請書（Word形式：35KB）
//	[Leaflet](/docs/leaflet.pdf) →  Leaflet (PDF, 1.2 MB)
//
// The formats are PDF (.pdf), Word (.doc .docx), Excel (.xls .xlsx),
// PowerPoint (.ppt .pptx), CSV (.csv) and ZIP (.zip), told by the end of the
// address, in small or capital letters. Japanese pages get 「（PDF形式：1.2MB）」,
// pages in every other language " (PDF, 1.2 MB)". The size is that of the
// file of the site the link leads to (beside the page, or in static/), in
// KB below 1 MB (1 KB = 1,024 bytes, rounded up) and in MB with one
// decimal above; a link to another site's document, whose size the build
// cannot know, gets the format alone: 「（PDF形式）」, " (PDF)". A format
// that the writer put at the end of the link's text (申請書（PDF）) is
// taken off, so that the link does not say it twice. An
// autolink (<https://example.jp/a.pdf>) shows its address, and is left as
// it is.

// FileSizer is a Resolver that knows the files of the site that links lead
// to, for the size in document labels.
type FileSizer interface {
	// FileSize returns the size in bytes of the file of the site that a
	// link to dest (as written) leads to, or -1 when it is not one.
	FileSize(dest string) int64
}

// documentFormats are the documents labelled, by the end of their names.
var documentFormats = map[string]string{
	".pdf": "PDF",
	".doc": "Word", ".docx": "Word",
	".xls": "Excel", ".xlsx": "Excel",
	".ppt": "PowerPoint", ".pptx": "PowerPoint",
	".csv": "CSV",
	".zip": "ZIP",
}

// documentFormat returns the format of the document a link leads to, or
// "" when it is not a document.
func documentFormat(dest string) string {
	u, err := url.Parse(dest)
	if err != nil {
		return ""
	}
	switch u.Scheme {
	case "", "http", "https":
	default:
		return "" // mailto:, tel:, data:…
	}
	return documentFormats[strings.ToLower(path.Ext(u.Path))]
}

// DocumentLabel is the label that follows a link to a document of a
// format (PDF, Word…) and a size in bytes (-1 when unknown), in a
// language.
func DocumentLabel(lang, format string, size int64) string {
	ja := lang == "ja" || strings.HasPrefix(lang, "ja-")
	switch {
	case ja && size < 0:
		return "（" + format + "形式）"
	case ja:
		return "（" + format + "形式：" + sizeText(size, "") + "）"
	case size < 0:
		return " (" + format + ")"
	}
	return " (" + format + ", " + sizeText(size, " ") + ")"
}

// sizeText writes a size as city sites do: 35KB, 1.2MB, with sep between
// the number and the unit.
func sizeText(n int64, sep string) string {
	const kb, mb = 1 << 10, 1 << 20
	if k := (n + kb - 1) / kb; k < kb {
		return fmt.Sprintf("%d%sKB", max(k, 1), sep)
	}
	return fmt.Sprintf("%.1f%sMB", float64(n)/mb, sep)
}

// labelDocument adds the label of a link to a document after the link's
// text, inside the link; written is its destination as written, src the
// page's Markdown.
func labelDocument(n *ast.Link, written, lang string, res Resolver, src []byte) {
	format := documentFormat(written)
	if format == "" {
		return
	}
	size := fileSize(res, written)
	dropFormat(n, format, src)
	n.AppendChild(n, ast.NewString([]byte(DocumentLabel(lang, format, size))))
}

// dropFormat takes off the end of a link's text the format that its
// writer put there ([申請書（PDF）](form.pdf), [Leaflet (PDF)](a.pdf)),
// as many do by habit: the label says it, with the size, and the link
// would read 申請書（PDF）（PDF形式：49KB）.
func dropFormat(n *ast.Link, format string, src []byte) {
	t, ok := n.LastChild().(*ast.Text)
	if !ok || t.IsRaw() {
		return
	}
	// Not a text that is the format alone: [PDF](a.pdf) keeps its text.
	if loc := writtenFormats[format].FindIndex(t.Segment.Value(src)); loc != nil && (loc[0] > 0 || t.PreviousSibling() != nil) {
		t.Segment = t.Segment.WithStop(t.Segment.Start + loc[0])
	}
}

// writtenFormats find a format written at the end of a link's text, in
// brackets of either width, perhaps with 形式, ファイル or file: （PDF）,
// (pdf), ［PDF形式］, (PDF file).
var writtenFormats = func() map[string]*regexp.Regexp {
	m := map[string]*regexp.Regexp{}
	for _, f := range documentFormats {
		m[f] = regexp.MustCompile(`[ 　]*[（(［\[][ 　]*(?i:` + regexp.QuoteMeta(f) + `)[ 　]*(?:形式|ファイル|(?i:file))?[ 　]*[）)］\]][ 　]*$`)
	}
	return m
}()
