package assets

import (
	"bytes"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/outputs"
)

// atom is a feed with one entry whose content is a page's HTML as text,
// as outputs.AtomFeed writes it.
func atom(page string) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>T</title>\n  <entry>\n    <content type=\"html\">")
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	b.WriteString(r.Replace(page))
	b.WriteString("</content>\n  </entry>\n</feed>\n")
	return b.Bytes()
}

// A feed whose entry holds a page of megabytes (20,000 footnotes took a
// 2 MB page's build 25 s, in the minifier alone, and 5 MB many minutes)
// is published as written; a feed of ordinary pages is minified.
func TestFeedsTooCostlyToMinifyAreKept(t *testing.T) {
	m := NewMinifier()
	small := atom(strings.Repeat(`<p>北見の "玉ねぎ" &amp; ハッカ。<sup><a href="#fn:1">1</a></sup></p>`, 50))
	got, err := m.Minify(outputs.Atom, small)
	if err != nil || len(got) >= len(small) {
		t.Errorf("an ordinary feed: %d bytes from %d, %v", len(got), len(small), err)
	}
	big := atom(strings.Repeat(`<p>北見の "玉ねぎ" &amp; ハッカ。<sup><a href="#fn:1">1</a></sup></p>`, 14000)) // 1 MB
	if got, err := m.Minify(outputs.Atom, big); err != nil || !bytes.Equal(got, big) {
		t.Errorf("a feed of a 1 MB page: %d bytes from %d, %v; want it as written", len(got), len(big), err)
	}
}
