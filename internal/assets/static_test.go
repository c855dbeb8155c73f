package assets_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"
	"github.com/tdewolff/minify/v2"

	"github.com/furusato/furusato/internal/assets"
	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/outputs"
)

func TestLoadStaticFingerprintsAndRewritesCSS(t *testing.T) {
	fsys := fstest.MapFS{
		"static/css/site.css": {Data: []byte("@import \"base.css\";\n" +
			"body { background: url(../img/bg.png) }\n" +
			"h1 { background: url( \"/img/logo.svg#mark\" ) }\n" +
			".x { background: url('data:image/png;base64,AAAA') }\n" +
			"@font-face { src: url(../fonts/a.woff2?v=2) format(\"woff2\") }\n" +
			".y { background: url(https://example.jp/z.png) }\n")},
		"static/css/base.css":     {Data: []byte("p { color: red }\n")},
		"static/img/bg.png":       {Data: []byte("png bytes")},
		"static/img/logo.svg":     {Data: []byte("<svg/>")},
		"static/fonts/a.woff2":    {Data: []byte("font")},
		"static/files/report.txt": {Data: []byte("text")},
	}
	files, _, err := assets.List(fsys)
	if err != nil {
		t.Fatal(err)
	}
	st, err := assets.LoadStatic(context.Background(), fsys, files, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	name := func(p string) string {
		t.Helper()
		n, ok := st.Published(p)
		if !ok {
			t.Fatalf("%s not published", p)
		}
		return n
	}
	bg := name("img/bg.png")
	if bg != assets.HashedName("img/bg.png", []byte("png bytes")) || !strings.HasPrefix(bg, "img/bg.") || len(bg) != len("img/bg.12345678.png") {
		t.Errorf("bg.png published as %s", bg)
	}
	if n := name("files/report.txt"); n != "files/report.txt" {
		t.Errorf("a text file is not an asset pages load, want its own name, got %s", n)
	}
	var css []byte
	for _, f := range st.Files() {
		if f.Path == "css/site.css" {
			css = f.Data
		}
	}
	got := string(css)
	for _, want := range []string{
		`@import "base.` + strings.TrimPrefix(strings.TrimSuffix(name("css/base.css"), ".css"), "css/base.") + `.css";`,
		"url(../img/" + strings.TrimPrefix(bg, "img/") + ")",
		`url( "/` + name("img/logo.svg") + `#mark" )`,
		"url('data:image/png;base64,AAAA')",
		"url(../fonts/" + strings.TrimPrefix(name("fonts/a.woff2"), "fonts/") + "?v=2)",
		"url(https://example.jp/z.png)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want %q in:\n%s", want, got)
		}
	}
	// The stylesheet's own hash covers the rewritten names.
	if name("css/site.css") != assets.HashedName("css/site.css", css) {
		t.Errorf("site.css hashed as %s", name("css/site.css"))
	}
	if sri := st.Integrity("img/bg.png"); sri != assets.Integrity([]byte("png bytes")) || !strings.HasPrefix(sri, "sha384-") {
		t.Errorf("integrity %q", sri)
	}
}

func TestLoadStaticErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"static/css/site.css": {Data: []byte("body {\n  color: red;\n  background: url(../img/missing.png);\n}\n@import 'a.css';\n")},
		"static/css/a.css":    {Data: []byte("@import url(b.css);")},
		"static/css/b.css":    {Data: []byte("@import url(a.css);")},
	}
	files, _, _ := assets.List(fsys)
	_, err := assets.LoadStatic(context.Background(), fsys, files, true, nil)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		"static/css/site.css:3:15: ../img/missing.png: there is no static/img/missing.png",
		"static/css/a.css: stylesheets import each other in a circle: css/a.css → css/b.css → css/a.css",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("want %q in:\n%v", want, err)
		}
	}
}

func TestFingerprintOff(t *testing.T) {
	fsys := fstest.MapFS{"static/css/site.css": {Data: []byte("a{}")}}
	st, err := assets.LoadStatic(context.Background(), fsys, []string{"css/site.css"}, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := st.Published("css/site.css"); n != "css/site.css" || st.IsHashed("css/site.css") {
		t.Errorf("published as %s", n)
	}
}

func TestCatalogManifestAndCompression(t *testing.T) {
	fsys := fstest.MapFS{"static/css/site.css": {Data: []byte("a{}")}}
	st, _ := assets.LoadStatic(context.Background(), fsys, []string{"css/site.css"}, true, nil)
	hashed, _ := st.Published("css/site.css")
	cfg := config.Default()
	cfg.Cache.Rules = []config.CacheRule{{Path: "/downloads/*", CacheControl: "public, max-age=86400"}}
	page := []byte(strings.Repeat("<p>北見のテレワーク</p>\n", 200))
	var catalogHeaders []byte
	run := func() (*assets.Manifest, map[string][]byte) {
		c := assets.NewCatalog(&cfg.Cache, st, true)
		out := map[string][]byte{}
		add := func(name string, f *outputs.Format, data []byte) {
			vs, err := c.Add(name, f, data, sha256.Sum256(data))
			if err != nil {
				t.Fatal(err)
			}
			out[name] = data
			for _, v := range vs {
				out[v.Name] = v.Data
			}
		}
		add("index.html", outputs.HTML, page)
		add(hashed, outputs.ForFile(hashed), []byte("a{}"))
		add("css/site.css", outputs.ForFile("css/site.css"), []byte("a{}"))
		add("feed.xml", outputs.Atom, []byte("<feed/>"))
		add("downloads/map.pdf", outputs.ForFile("map.pdf"), []byte("%PDF"))
		add("img/x.png", outputs.ForFile("x.png"), []byte("png"))
		add("search/t-0123abcd.json", outputs.SearchShard, []byte(`{"a":[1,2]}`))
		catalogHeaders = c.Headers("/kitami/")
		return c.Manifest(), out
	}
	m1, out1 := run()
	m2, out2 := run()
	if !bytes.Equal(m1.JSON(), m2.JSON()) {
		t.Error("manifest differs from run to run")
	}
	for name, data := range out1 {
		if !bytes.Equal(out2[name], data) {
			t.Errorf("%s differs from run to run", name)
		}
	}
	byPath := map[string]assets.Entry{}
	for _, e := range m1.Files {
		byPath[e.Path] = e
	}
	check := func(p, ct, cc string, kind outputs.Kind, enc string) {
		t.Helper()
		e, ok := byPath[p]
		if !ok {
			t.Errorf("%s not in the manifest", p)
			return
		}
		if e.ContentType != ct || e.CacheControl != cc || e.Kind != kind || e.ContentEncoding != enc || e.Size != int64(len(out1[p])) || len(e.SHA256) != 64 {
			t.Errorf("%s: %+v", p, e)
		}
	}
	check("index.html", "text/html; charset=utf-8", config.DefaultCachePages, outputs.KindPage, "")
	check("index.html.gz", "text/html; charset=utf-8", config.DefaultCachePages, outputs.KindPage, "gzip")
	check("index.html.br", "text/html; charset=utf-8", config.DefaultCachePages, outputs.KindPage, "br")
	check(hashed, "text/css; charset=utf-8", config.DefaultCacheHashed, outputs.KindAsset, "")
	check("css/site.css", "text/css; charset=utf-8", config.DefaultCacheFiles, outputs.KindAsset, "")
	check("feed.xml", "application/atom+xml; charset=utf-8", config.DefaultCacheFeeds, outputs.KindFeed, "")
	check("downloads/map.pdf", "application/pdf", "public, max-age=86400", outputs.KindAsset, "")
	check("img/x.png", "image/png", config.DefaultCacheFiles, outputs.KindAsset, "")
	// Fingerprinted: a deploy keeps them a while after they leave the
	// site, for pages in caches that still name them; others are not.
	for p, want := range map[string]bool{hashed: true, "search/t-0123abcd.json": true, "css/site.css": false, "index.html": false} {
		if byPath[p].Immutable != want {
			t.Errorf("%s: immutable %v, want %v", p, byPath[p].Immutable, want)
		}
	}
	if _, ok := byPath["css/site.css.gz"]; ok {
		t.Error("a copy larger than the file is kept")
	}
	if _, ok := byPath["img/x.png.gz"]; ok {
		t.Error("an image is compressed")
	}
	zr, err := gzip.NewReader(bytes.NewReader(out1["index.html.gz"]))
	if err != nil {
		t.Fatal(err)
	}
	if plain, _ := io.ReadAll(zr); !bytes.Equal(plain, page) {
		t.Error("index.html.gz does not decompress to the page")
	}
	if !zr.ModTime.IsZero() || zr.Name != "" {
		t.Errorf("gzip header has a time or name: %v %q", zr.ModTime, zr.Name)
	}
	if plain, _ := io.ReadAll(brotli.NewReader(bytes.NewReader(out1["index.html.br"]))); !bytes.Equal(plain, page) {
		t.Error("index.html.br does not decompress to the page")
	}

	h := string(m1.Headers("/kitami/"))
	for _, want := range []string{
		"/kitami/\n  Cache-Control: " + config.DefaultCachePages + "\n",
		"/kitami/" + hashed + "\n  Cache-Control: " + config.DefaultCacheHashed + "\n",
		"/kitami/downloads/*\n  Cache-Control: public, max-age=86400\n",
	} {
		if !strings.Contains(h, want) {
			t.Errorf("want %q in _headers:\n%s", want, h)
		}
	}
	if strings.Contains(h, ".gz") || strings.Contains(h, ".br") {
		t.Errorf("_headers names compressed copies:\n%s", h)
	}
	// The build takes _headers from the catalog, whose files are in no
	// order.
	if string(catalogHeaders) != h {
		t.Errorf("the catalog's _headers differs from its manifest's:\n%s\nwant:\n%s", catalogHeaders, h)
	}
}

func TestRenames(t *testing.T) {
	old := map[string][]byte{"css/site.11111111.css": nil, "css/site.css": nil, "a/index.html": nil}
	cur := map[string][]byte{"css/site.22222222.css": nil, "css/site.css": nil, "a/index.html": nil}
	got := assets.Renames(old, cur)
	if len(got) != 1 || got["css/site.11111111.css"] != "css/site.22222222.css" {
		t.Errorf("renames: %v", got)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1 kB", 654336: "639 kB", 125_621_453: "119.8 MB"} {
		if got := assets.Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

// Every format that the table says is minified has a minifier.
func TestEveryMinifiedFormatHasAMinifier(t *testing.T) {
	m := assets.NewMinifier()
	for _, f := range outputs.Formats() {
		if f.Minify == "" {
			continue
		}
		if _, err := m.Minify(f, []byte("")); errors.Is(err, minify.ErrNotExist) {
			t.Errorf("%s (%s): no minifier for %s", f.Name, f.Ext, f.Minify)
		}
	}
	if _, err := m.Minify(&outputs.Format{Name: "x", Minify: "text/x-unknown"}, nil); !errors.Is(err, minify.ErrNotExist) {
		t.Errorf("an unknown media type: %v", err)
	}
}

// A stopped build reads no more files of static/.
func TestLoadStaticStops(t *testing.T) {
	fsys := fstest.MapFS{"static/a.txt": {Data: []byte("a")}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if st, err := assets.LoadStatic(ctx, fsys, []string{"a.txt"}, true, nil); !errors.Is(err, context.Canceled) || st != nil {
		t.Errorf("LoadStatic after the end of its context: %v, %v", st, err)
	}
}

// stoppingFS counts the bytes read from its files, and calls stop after
// the first read: a build stopped while it reads a large file.
type stoppingFS struct {
	fstest.MapFS
	stop func()
	read int
}

func (s *stoppingFS) Open(name string) (fs.File, error) {
	f, err := s.MapFS.Open(name)
	return &stoppingFile{f, s}, err
}

type stoppingFile struct {
	fs.File
	fsys *stoppingFS
}

func (f *stoppingFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.fsys.read += n
	f.fsys.stop()
	return n, err
}

// TestLargeFileStops: a video of static/ is read a chunk at a time, and a
// stopped build does not read it to its end first (Ctrl+C stops a build
// within a second; a file of 300 MB took 2 s to read and hash at once).
// Read whole, it is the file, and its sum SHA-256's.
func TestLargeFileStops(t *testing.T) {
	const size = 64 << 20
	data := bytes.Repeat([]byte("0123456789abcdef"), size/16)
	ctx, cancel := context.WithCancel(context.Background())
	fsys := &stoppingFS{MapFS: fstest.MapFS{"static/video.mp4": {Data: data}}, stop: cancel}
	_, err := assets.LoadStatic(ctx, fsys, []string{"video.mp4"}, true, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("LoadStatic stopped while reading: %v, want %v", err, context.Canceled)
	}
	if fsys.read >= size/2 {
		t.Errorf("read %d of %d bytes after the build was stopped", fsys.read, size)
	}

	got, err := assets.ReadFile(context.Background(), fsys.MapFS, "static/video.mp4")
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("ReadFile: %d bytes, %v", len(got), err)
	}
	if assets.Sum(context.Background(), data) != sha256.Sum256(data) {
		t.Error("Sum is not the SHA-256")
	}
	st, err := assets.LoadStatic(context.Background(), fsys.MapFS, []string{"video.mp4"}, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f := st.Files()[0]; !bytes.Equal(f.Data, data) || f.Sum != sha256.Sum256(data) || f.Hashed != "" { // MaxHashed
		t.Errorf("loaded whole: %d bytes, sum %x, hashed %q", len(f.Data), f.Sum[:4], f.Hashed)
	}
	if empty, err := assets.ReadFile(context.Background(), fstest.MapFS{"e": {}}, "e"); err != nil || len(empty) != 0 {
		t.Errorf("an empty file: %q, %v", empty, err)
	}
}

// A file of MaxHashed or more keeps its own name only: a video is not
// published twice.
func TestLargeFileKeepsItsName(t *testing.T) {
	fsys := fstest.MapFS{
		"static/video/tour.mp4": {Data: make([]byte, assets.MaxHashed)},
		"static/video/clip.mp4": {Data: make([]byte, assets.MaxHashed-1)},
	}
	files, _, _ := assets.List(fsys)
	st, err := assets.LoadStatic(context.Background(), fsys, files, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := st.Published("video/tour.mp4"); n != "video/tour.mp4" || st.IsHashed(n) {
		t.Errorf("the large video is published as %s", n)
	}
	if n, _ := st.Published("video/clip.mp4"); n == "video/clip.mp4" || !st.IsHashed(n) {
		t.Errorf("the small video is published as %s", n)
	}
}
