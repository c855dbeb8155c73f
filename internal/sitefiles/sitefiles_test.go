package sitefiles

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestIgnored(t *testing.T) {
	for _, name := range []string{".DS_Store", ".git", ".env", ".well-known.bak", "desktop.ini", "Desktop.ini", "Thumbs.db", "~$report.docx",
		"page.md~", "#page.md#", "4913", "page.md___jb_tmp___", "x.swp", "x.tmp", "x.BAK", "__MACOSX",
		"about.en.md.orig", "filter.js.rej", "site.css.save", "logo.svg.old"} {
		if !Ignored(name) {
			t.Errorf("Ignored(%q) = false", name)
		}
	}
	for _, name := range []string{"about.ja.md", "photo.jpg", "memo.docx", "index.en.md", "thumbs.png", "ini.txt", WellKnown} {
		if Ignored(name) {
			t.Errorf("Ignored(%q) = true", name)
		}
	}
}

func TestWalkSkipsOutputFolders(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.ja.md":                     {Data: []byte("a")},
		"content/Thumbs.db":                   {Data: []byte("x")},
		"content/public/" + OutputMarker:      {Data: []byte("x")},
		"content/public/index.html":           {Data: []byte("x")},
		"static/" + OutputMarker:              {Data: []byte("x")},
		"static/css/site.css":                 {Data: []byte("body{}")},
		"content/stories/x/photo.jpg":         {Data: []byte("x")},
		"content/stories/x/.old/photo.jpg":    {Data: []byte("x")},
		"content/stories/x/__MACOSX/._a.jpg":  {Data: []byte("x")},
		"content/stories/public/index.ja.md":  {Data: []byte("a page in a folder named public")},
		"content/stories/public/nested.ja.md": {Data: []byte("b")},
		"content/stories/y/" + OutputMarker:   {Data: []byte("copied by mistake")},
		"content/stories/y/index.ja.md":       {Data: []byte("a page beside a stray marker")},
	}
	var got []string
	warnings, err := Walk(fsys, "content", func(p string, _ fs.DirEntry) { got = append(got, p) })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"content/a.ja.md", "content/stories/public/index.ja.md", "content/stories/public/nested.ja.md", "content/stories/x/photo.jpg", "content/stories/y/index.ja.md"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	if len(warnings) != 2 || !strings.HasPrefix(warnings[0].Warning(), "content/public: warning: left out: this folder is the output of an earlier furusato build") ||
		!strings.HasPrefix(warnings[1].Warning(), "content/stories/y/"+OutputMarker+": warning: a stray copy of the file that marks furusato's output folders") {
		t.Errorf("warnings: %v", warnings)
	}
	if _, err := Walk(fsys, "templates", func(string, fs.DirEntry) { t.Error("a file in a missing folder") }); err != nil {
		t.Errorf("a missing folder: %v", err)
	}
	// A stray marker at the top of static/ left all of it out, silently
	// when the build then failed for want of its CSS.
	got = nil
	warnings, err = Walk(fsys, "static", func(p string, _ fs.DirEntry) { got = append(got, p) })
	if err != nil || !slices.Equal(got, []string{"static/css/site.css"}) || len(warnings) != 1 {
		t.Errorf("static/ with a stray marker: %v, %v, %v", got, warnings, err)
	}
}
