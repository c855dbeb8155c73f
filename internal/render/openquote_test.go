package render

import (
	"io/fs"
	"os"
	"strings"
	"testing"
)

// TestOpenQuote: the quote left open is found at its place, and none is
// found in the example site's templates, whose quotes are all closed.
func TestOpenQuote(t *testing.T) {
	for _, c := range []struct {
		src  string
		want int // -1: none
		attr string
	}{
		{`<a href="{{.URL}}>x</a><p class="y">`, 8, "href"},
		{"<div\n  class='{{if .X}}a{{end}}>\n<p>", 13, "class"},
		{`<img alt="{{.Alt}}" src="{{.Src}}">`, -1, ""},
		{`<p title="1 < 2">`, -1, ""},                         // a < that starts no tag
		{`<!-- <a href="x> -->` + "\n<p>", -1, ""},            // a comment
		{`<script>let s = "<a href=\"";</script><p>`, -1, ""}, // a script
		{`<a href="x`, 8, "href"},                             // never closed
		{`<p data-x="{{"<b>"}}">`, -1, ""},                    // inside an action
	} {
		i, attr, ok := openQuote(c.src)
		if c.want < 0 {
			if ok {
				t.Errorf("%q: found a quote open at %d (%s)", c.src, i, attr)
			}
			continue
		}
		if !ok || i != c.want || attr != c.attr {
			t.Errorf("%q: openQuote = %d, %q, %v; want %d, %q", c.src, i, attr, ok, c.want, c.attr)
		}
	}
	root := os.DirFS("../../templates")
	n := 0
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		n++
		if i, attr, ok := openQuote(string(data)); ok {
			t.Errorf("templates/%s: a quote found open at byte %d (%s=)", p, i, attr)
		}
		return nil
	})
	if err != nil || n < 10 {
		t.Fatalf("read %d templates: %v", n, err)
	}
}
