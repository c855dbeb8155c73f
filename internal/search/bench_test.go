package search

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// benchPage is the HTML of a page as Markdown renders it: Japanese and
// English paragraphs, a list, a table, links, entities and code.
func benchPage(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<h2 id=\"h%d\">見出し%d 北見での働き方</h2>\n", i, i)
	for p := range 6 {
		fmt.Fprintf(&b, "<p>北見市は北海道の東部、オホーツク地域の中心都市です（第%d段落）。東京から女満別空港まで&amp;飛行機でおよそ2時間半。"+
			"<a href=\"/ja/programs/p%d/\">サテライトオフィス開設補助金</a>の対象です。Office rent is about a third of Tokyo&#39;s, "+
			"and <strong>KITAMI BASE</strong> hosts companies %d.</p>\n", p, i%7, i)
	}
	b.WriteString("<ul>\n<li>カーリングの町</li>\n<li>玉ねぎの生産量は日本一</li>\n<li>Telework from Kitami</li>\n</ul>\n")
	b.WriteString("<table><thead><tr><th>項目</th><th>内容</th></tr></thead><tbody><tr><td>空港</td><td>女満別</td></tr></tbody></table>\n")
	b.WriteString("<pre><code>go run ./cmd/furusato build</code></pre>\n<script>var x = 1;</script>\n")
	return b.String()
}

// BenchmarkRead reads the terms of pages from their HTML.
func BenchmarkRead(b *testing.B) {
	pages := make([]string, 100)
	size := 0
	for i := range pages {
		pages[i] = benchPage(i)
		size += len(pages[i])
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		d := newDocTerms(nil)
		for i, p := range pages {
			d.page(i)
			d.html(p)
		}
	}
}

// BenchmarkIndex indexes 2,000 pages from their HTML, without the
// Japanese dictionary's words of titles (English titles), to measure the
// index's own work.
func BenchmarkIndex(b *testing.B) {
	docs := make([]Doc, 2000)
	for i := range docs {
		docs[i] = Doc{URL: fmt.Sprintf("/p/%d/", i), Title: fmt.Sprintf("Page %d", i), Lang: "en",
			Headings: []string{"見出し 北見での働き方"}, HTML: benchPage(i)}
	}
	ix := new(Indexer)
	for b.Loop() {
		if _, err := ix.Build(context.Background(), "search/", nil, docs); err != nil {
			b.Fatal(err)
		}
	}
}
