package build_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	_ "image/jpeg"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/rwcarlsen/goexif/exif"
	_ "golang.org/x/image/webp"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/images"
	"github.com/furusato/furusato/internal/images/imagetest"
	"github.com/furusato/furusato/internal/watch"
)

// photoSite is the basic site with a story that shows a phone photo: 1000
// pixels wide once turned upright (EXIF orientation 6), with a GPS
// position, in front matter, in its Markdown, and cropped for sharing.
func photoSite(t *testing.T, extra map[string]string) fstest.MapFS {
	stored := imagetest.Picture(600, 1000) // turned a quarter: 1000×600 as shown
	photo := imagetest.WithExif(imagetest.JPEG(stored), 6, true, true)
	files := map[string]string{
		"content/stories/salmon/photo.jpg":   string(photo),
		"content/stories/salmon/index.ja.md": "---\ntitle: サケ\nimage: photo.jpg\nimage_alt: 畑\nimage_focus: top\n---\n本文\n\n![北見の畑](photo.jpg)\n\n![地図](map.png)\n",
		"content/stories/salmon/map.png":     string(imagetest.PNG(imagetest.Picture(300, 200))),
		"templates/stories/page.html": `{{define "main"}}{{with crop .Page.Image 1200 630}}<meta property="og:image" content="{{absURL .URL}}" data-w="{{.Width}}" data-h="{{.Height}}">{{end}}` +
			`{{template "partials/picture.html" (dict "Image" .Page.Image "Eager" true)}}<div class="body">{{.Page.Content}}</div>` +
			`{{template "partials/picture.html" (dict "Image" (photo "images/hero.png") "Alt" "北見")}}{{end}}`,
		"static/images/hero.png":          string(imagetest.PNG(imagetest.Picture(300, 100))),
		"templates/partials/picture.html": mustRead(t, "../../templates/partials/picture.html"),
	}
	for k, v := range extra {
		files[k] = v
	}
	return basicWith(t, files)
}

func mustRead(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPhotos(t *testing.T) {
	dir := writeFS(t, photoSite(t, nil))
	out, err := buildtest.BuildFS(t, os.DirFS(dir), build.Options{NoMinify: true, SiteDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	page := out.Read(t, "stories/salmon/index.html")
	// In Markdown: lazy, since the page's front matter image shows first.
	out.ContainsUnhashed(t, "stories/salmon/index.html",
		`<picture><source type="image/webp" srcset="/_photos/photo.#.480w.webp 480w, /_photos/photo.#.800w.webp 800w, /_photos/photo.#.1000w.webp 1000w" sizes="(min-width: 42rem) 40rem, 100vw">`+
			`<img src="/_photos/photo.#.1000w.jpg" srcset="/_photos/photo.#.480w.jpg 480w, /_photos/photo.#.800w.jpg 800w, /_photos/photo.#.1000w.jpg 1000w" sizes="(min-width: 42rem) 40rem, 100vw" alt="北見の畑" width="1000" height="600" loading="lazy" decoding="async"></picture>`,
		`<img src="/_photos/map.#.300w.png" srcset="/_photos/map.#.300w.png 300w" sizes="(min-width: 42rem) 40rem, 100vw" alt="地図" width="300" height="200" loading="lazy" decoding="async">`,
		// The template's: from front matter, and cropped for sharing around the top.
		`alt="畑" width="1000" height="600" fetchpriority="high" decoding="async">`,
		`<meta property="og:image" content="https://example.jp/_photos/photo.#.1200x630-50-0.1000w.jpg" data-w="1000" data-h="525">`,
		// A photo of static/, from the template.
		`<picture><source type="image/webp" srcset="/_photos/hero.#.300w.webp 300w" sizes="(min-width: 42rem) 40rem, 100vw"><img src="/_photos/hero.#.300w.png" srcset="/_photos/hero.#.300w.png 300w" sizes="(min-width: 42rem) 40rem, 100vw" alt="北見" width="300" height="100" loading="lazy" decoding="async"></picture>`)
	if strings.Count(page, `fetchpriority="high"`) != 1 {
		t.Errorf("fetchpriority: %s", page)
	}
	if out.Exists("stories/salmon/photo.jpg") || out.Exists("stories/salmon/map.png") {
		t.Error("the original of a photo is published")
	}
	// Every variant is published, upright, no wider than the original,
	// and without EXIF (and so without the GPS position).
	n := 0
	for _, f := range out.Files(t) {
		m := regexp.MustCompile(`\.(\d+)w\.(webp|jpg|png)$`).FindStringSubmatch(f)
		if m == nil {
			continue
		}
		n++
		data, err := os.ReadFile(filepath.Join(out.Dir, f))
		if err != nil {
			t.Fatal(err)
		}
		img, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		w, _ := strconv.Atoi(m[1])
		if img.Bounds().Dx() != w || w > 1000 {
			t.Errorf("%s is %v", f, img.Bounds())
		}
		if strings.Contains(f, "photo.") && img.Bounds().Dx() < img.Bounds().Dy() {
			t.Errorf("%s is not upright: %v", f, img.Bounds())
		}
		if x, err := exif.Decode(bytes.NewReader(data)); err == nil {
			if _, err := x.Get(exif.GPSLatitude); err == nil {
				t.Errorf("%s has a GPS position", f)
			}
		}
		if bytes.Contains(data, []byte("Exif\x00")) {
			t.Errorf("%s has EXIF", f)
		}
	}
	// photo: 3 widths × 2 formats, and 3 for the crop × 2; map and hero: 1 × 2.
	if n != 16 {
		t.Errorf("%d variants published", n)
	}
	res := out.Result
	if res.Images.Made != 16 || res.Images.FromCache != 0 {
		t.Errorf("images = %+v", res.Images)
	}
	if len(res.Images.GPS) != 1 || res.Images.GPS[0] != "content/stories/salmon/photo.jpg" {
		t.Errorf("GPS = %v", res.Images.GPS)
	}
	if _, err := os.Stat(filepath.Join(dir, ".furusato", "cache", "images")); err != nil {
		t.Errorf("no cache: %v", err)
	}

	// Built again: nothing encoded, the same bytes.
	again, err := buildtest.BuildFS(t, os.DirFS(dir), build.Options{NoMinify: true, SiteDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if again.Result.Images.Made != 0 || again.Result.Images.FromCache != 16 {
		t.Errorf("second build: %+v", again.Result.Images)
	}
	for _, f := range out.Files(t) {
		if a, b := out.Read(t, f), again.Read(t, f); a != b && !strings.HasSuffix(f, "manifest.json") {
			t.Errorf("%s differs between builds", f)
		}
	}
	// Each variant is the cache's file, linked, not a copy (the output and
	// the cache are on one disk here).
	var cached []os.FileInfo
	entries, _ := filepath.Glob(filepath.Join(dir, ".furusato", "cache", "images", "*", "*.bin"))
	for _, e := range entries {
		if fi, err := os.Stat(e); err == nil {
			cached = append(cached, fi)
		}
	}
	linked := 0
	for _, f := range again.Files(t) {
		fi, err := os.Stat(filepath.Join(again.Dir, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		if slices.ContainsFunc(cached, func(c os.FileInfo) bool { return os.SameFile(c, fi) }) {
			linked++
		}
	}
	if linked != 16 || len(cached) != 16 {
		t.Errorf("%d of the output's files are links to the %d cache files, want 16", linked, len(cached))
	}
	// Without a site folder (an embedded site), in a shared cache still
	// empty: made again, the same bytes.
	t.Setenv("FURUSATO_CACHE_DIR", t.TempDir())
	mem, err := buildtest.BuildFS(t, os.DirFS(dir), build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	if mem.Result.Images.Made != 16 {
		t.Errorf("no cache: %+v", mem.Result.Images)
	}
	for _, f := range out.Files(t) {
		if out.Read(t, f) != mem.Read(t, f) {
			t.Errorf("%s differs between a build with the cache and one without", f)
		}
	}
}

func TestPhotoErrors(t *testing.T) {
	good := imagetest.JPEG(imagetest.Picture(40, 20))
	damaged := imagetest.JPEG(imagetest.Picture(400, 300))
	for i := len(damaged) * 2 / 3; i < len(damaged)-2; i++ {
		damaged[i] = 0xff
	}
	for _, tt := range []struct{ name, data, want string }{
		{"truncated", string(good[:len(good)-30]), "content/stories/salmon/index.ja.md:9:1: image photo.jpg: content/stories/salmon/photo.jpg: the JPEG is cut short"},
		{"bomb", string(pngBomb()), "content/stories/salmon/index.ja.md:3:8: front matter: image photo.jpg: content/stories/salmon/photo.jpg: the image is 100000×100000 pixels (10000 megapixels), more than the 50"},
		{"damaged", string(damaged), "content/stories/salmon/photo.jpg: the image is damaged and cannot be read"},
		{"not an image", "hello", "content/stories/salmon/photo.jpg: not an image furusato can read"},
	} {
		_, err := buildtest.BuildFS(t, photoSite(t, map[string]string{"content/stories/salmon/photo.jpg": tt.data}), build.Options{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v\nwant %s", tt.name, err, tt.want)
		}
	}
}

// TestInheritedPhotoError: a translation that inherits a front matter
// image that cannot be used does not report it again, at its first line:
// the page that writes it reports it, where it is written.
func TestInheritedPhotoError(t *testing.T) {
	fsys := photoSite(t, map[string]string{
		"content/stories/salmon/photo.jpg":   string(pngBomb()),
		"content/stories/salmon/index.en.md": "---\ntitle: Salmon\nimage_alt: A field\n---\nText\n",
	})
	_, err := buildtest.BuildFS(t, fsys, build.Options{})
	var frontMatter []string
	for _, e := range diag.All(err) {
		if strings.Contains(e.Msg, "front matter") {
			frontMatter = append(frontMatter, e.Error())
		}
	}
	if len(frontMatter) != 1 || !strings.HasPrefix(frontMatter[0], "content/stories/salmon/index.ja.md:3:8: front matter: image photo.jpg:") {
		t.Errorf("the front matter's image is reported as %q, want once, at index.ja.md:3:8", frontMatter)
	}
}

// pngBomb is a PNG header that claims 100,000 × 100,000 pixels.
func pngBomb() []byte {
	b := imagetest.PNG(imagetest.Picture(2, 2))
	// IHDR's width and height follow the signature and the chunk's
	// length and type, and its CRC follows them.
	copy(b[16:], []byte{0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0})
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

func TestPhotosStop(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := build.Build(ctx, build.Options{Site: photoSite(t, nil), Out: filepath.Join(t.TempDir(), "public"), Now: buildtest.Now})
	if err == nil {
		t.Fatal("a stopped build succeeded")
	}
}

// TestPhotosServe builds in memory as the dev server does: twice, the
// second time from the cache, with every variant there both times.
func TestPhotosServe(t *testing.T) {
	dir := writeFS(t, photoSite(t, nil))
	b := build.NewBuilder(build.Options{Site: os.DirFS(dir), SiteDir: dir, Preview: true, Now: buildtest.Now})
	for i, want := range [][2]int{{16, 0}, {0, 16}} {
		res, mem, err := b.Memory(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if res.Images.Made != want[0] || res.Images.FromCache != want[1] {
			t.Errorf("build %d: %+v", i, res.Images)
		}
		files := mem.Files()
		unhashed := map[string]bool{}
		for f, data := range files {
			unhashed[buildtest.Unhashed(f)] = len(data) > 0
		}
		for _, f := range []string{"_photos/photo.#.1000w.webp", "_photos/photo.#.1200x630-50-0.480w.jpg", "_photos/hero.#.300w.png"} {
			if !unhashed[f] {
				t.Errorf("build %d: no %s", i, f)
			}
		}
		if _, ok := files["stories/salmon/photo.jpg"]; ok {
			t.Errorf("build %d: the original is published", i)
		}
	}
}

// In serve, a page that leaves the site takes its photo's variants with
// it, as a clean build would: the variants of the earlier build are
// adopted only for photos still published.
func TestPhotosServeExpiredPage(t *testing.T) {
	dir := writeFS(t, photoSite(t, nil))
	files := watch.NewFS(dir)
	b := build.NewBuilder(build.Options{Site: files, SiteDir: dir, Preview: true, Now: buildtest.Now})
	if _, mem, err := b.Memory(t.Context()); err != nil {
		t.Fatal(err)
	} else if !slices.ContainsFunc(slices.Collect(maps.Keys(mem.Files())), func(f string) bool { return strings.HasPrefix(f, "_photos/photo.") }) {
		t.Fatal("no variant in the first build")
	}
	editFile(t, dir, "content/stories/salmon/index.ja.md", "title: サケ\n", "title: サケ\nexpires: 2020-01-01\n")
	files.Forget([]string{"content/stories/salmon/index.ja.md"})
	_, mem, err := b.Memory(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for name := range mem.Files() {
		if strings.HasPrefix(name, "stories/salmon/") || strings.HasPrefix(name, "_photos/photo.") || strings.HasPrefix(name, "_photos/map.") {
			t.Errorf("%s is served after its page expired", name)
		}
	}
}

// TestPhotosFolderKept builds a site with photos three times into one
// output: the second build takes the photos' folder of the first as it
// is, and gives what a build into an empty folder gives; a folder
// changed by hand, or a photo changed, is written again in full.
func TestPhotosFolderKept(t *testing.T) {
	dir := writeFS(t, photoSite(t, nil))
	out := filepath.Join(t.TempDir(), "public")
	build1 := func(out string) *build.Result {
		t.Helper()
		res, err := build.Build(t.Context(), build.Options{Site: os.DirFS(dir), SiteDir: dir, Out: out, NoMinify: true, Now: buildtest.Now})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	inode := func() uint64 {
		t.Helper()
		fi, err := os.Stat(filepath.Join(out, images.Dir))
		if err != nil {
			t.Fatal(err)
		}
		return fi.Sys().(*syscall.Stat_t).Ino
	}
	// same fails unless out holds what a build into an empty folder writes.
	same := func(what string) {
		t.Helper()
		clean := filepath.Join(t.TempDir(), "public")
		build1(clean)
		want, got := treeOf(t, clean), treeOf(t, out)
		if !maps.Equal(want, got) {
			t.Errorf("%s: the output differs from a clean build's:\n%v\n%v", what, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
		}
	}
	build1(out)
	first := inode()
	res := build1(out)
	if runtime.GOOS == "linux" && inode() != first {
		t.Error("the second build did not take the photos' folder")
	}
	if res.Images.FromCache != 16 || res.Images.Made != 0 || res.Files != len(treeOf(t, out)) {
		t.Errorf("second build: %+v, %d files", res.Images, res.Files)
	}
	same("taken")

	// A size deleted from the output: the next build writes the folder again.
	photos, _ := filepath.Glob(filepath.Join(out, images.Dir, "photo.??????????.480w.webp"))
	if len(photos) != 1 {
		t.Fatal(photos)
	}
	if err := os.Remove(photos[0]); err != nil {
		t.Fatal(err)
	}
	build1(out)
	if inode() == first {
		t.Error("a changed folder was taken")
	}
	same("changed by hand")

	// Another photo: other names.
	os.WriteFile(filepath.Join(dir, "content/stories/salmon/map.png"), imagetest.PNG(imagetest.Picture(200, 200)), 0o644)
	res = build1(out)
	if res.Images.Made != 2 {
		t.Errorf("a changed photo: %+v", res.Images)
	}
	same("another photo")
}

// treeOf maps each file under dir to its bytes, but the marker.
func treeOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ".furusato-output" {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestPhotosOfDraftsCached: a build without --drafts keeps the cached
// sizes of a draft's photo, so that the next preview of the draft
// (build --drafts, serve --drafts) makes none again, and so does a dev
// server's build without drafts; they go when the photo goes.
func TestPhotosOfDraftsCached(t *testing.T) {
	dir := writeFS(t, photoSite(t, map[string]string{
		"content/stories/draft/index.ja.md": "---\ntitle: 下書き\ndraft: true\n---\n本文\n\n![畑の写真](field.jpg)\n",
		"content/stories/draft/field.jpg":   string(imagetest.JPEG(imagetest.Picture(500, 300))),
	}))
	out := filepath.Join(t.TempDir(), "public")
	build1 := func(drafts bool) *build.Result {
		t.Helper()
		res, err := build.Build(t.Context(), build.Options{Site: os.DirFS(dir), SiteDir: dir, Out: out, NoMinify: true, Now: buildtest.Now, Drafts: drafts})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	cached := func() int {
		t.Helper()
		files, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(images.CacheDir), "*", "*.bin"))
		if err != nil {
			t.Fatal(err)
		}
		return len(files)
	}
	if res := build1(true); res.Images.Made != 20 {
		t.Fatalf("with the draft: %+v, want 20 made (16, and the draft's 4)", res.Images)
	}
	if res := build1(false); res.Images.Made != 0 || res.Images.FromCache != 16 {
		t.Errorf("without the draft: %+v", res.Images)
	}
	if n := cached(); n != 20 {
		t.Errorf("the cache holds %d files after a build without the draft, want 20", n)
	}
	if res := build1(true); res.Images.Made != 0 || res.Images.FromCache != 20 {
		t.Errorf("the draft again: %+v, want nothing made", res.Images)
	}
	build1(false) // the record of the draft's files kept again, as read
	// The dev server without --drafts keeps them too.
	if _, _, err := build.NewBuilder(build.Options{Site: os.DirFS(dir), SiteDir: dir, NoMinify: true, Now: buildtest.Now}).Memory(t.Context()); err != nil {
		t.Fatal(err)
	}
	if res := build1(true); res.Images.Made != 0 {
		t.Errorf("the draft after serve without it: %+v, want nothing made", res.Images)
	}
	if err := os.RemoveAll(filepath.Join(dir, "content/stories/draft")); err != nil {
		t.Fatal(err)
	}
	// A build that takes the photos' folder of the last output prunes
	// nothing (see images.Cache.Prune); one into another folder does.
	out = filepath.Join(t.TempDir(), "public")
	build1(false)
	if n := cached(); n != 16 {
		t.Errorf("the cache holds %d files once the draft is deleted, want 16", n)
	}
}

// TestPhotoPositionNotPublished: a phone photo beside a page, with the
// GPS position where it was taken, never reaches the output as it is
// without a word. One that no page shows or links to is not published
// (a warning says so); one that a page links to is published as it is,
// as the link asks, with a warning that it tells where it was taken, and
// not in the list of photos whose published copies carry no position. So
// is every photo of static/, with the same warning, and a phone's video
// that holds the place where it was filmed.
func TestPhotoPositionNotPublished(t *testing.T) {
	photo := string(imagetest.WithExif(imagetest.JPEG(imagetest.Picture(600, 400)), 1, true, true))
	site := photoSite(t, map[string]string{
		"content/stories/salmon/spare.jpg":   photo,
		"content/stories/salmon/linked.jpg":  photo,
		"static/images/phone.jpg":            photo,
		"content/stories/salmon/clip.mp4":    string(imagetest.MP4("+43.8034+143.8960/")),
		"content/stories/salmon/quiet.mp4":   string(imagetest.MP4("")),
		"static/videos/tour.mp4":             string(imagetest.MP4("+43.8034+143.8960/")),
		"content/stories/salmon/index.en.md": "---\ntitle: Salmon\n---\nText.\n\n![A field](linked.jpg)\n\n[The photo, full size](linked.jpg)\n",
	})
	out, err := buildtest.BuildFS(t, site, build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	files := out.Files(t)
	for _, f := range files {
		if f == "stories/salmon/spare.jpg" || f == "stories/salmon/photo.jpg" {
			t.Errorf("%s is published as it is", f)
		}
	}
	if !slices.Contains(files, "en/stories/salmon/linked.jpg") && !slices.Contains(files, "stories/salmon/linked.jpg") {
		t.Errorf("the linked photo is not published: %v", files)
	}
	want := map[string]string{
		"content/stories/salmon/spare.jpg":  "content/stories/salmon/spare.jpg: warning: not published: no page shows it or links to it",
		"content/stories/salmon/linked.jpg": "content/stories/salmon/linked.jpg: warning: published as it is, with the GPS position where it was taken",
		"static/images/phone.jpg":           "static/images/phone.jpg: warning: published as it is, with the GPS position where it was taken, as every file of static/ is",
		"content/stories/salmon/clip.mp4":   "content/stories/salmon/clip.mp4: warning: published as it is, with the GPS position where it was filmed",
		"static/videos/tour.mp4":            "static/videos/tour.mp4: warning: published as it is, with the GPS position where it was filmed, as every file of static/ is",
		"content/stories/salmon/quiet.mp4":  "",
	}
	for file, w := range want {
		got := warningLines(out.Result, file)
		if w == "" && len(got) > 0 || w != "" && (len(got) != 1 || !strings.HasPrefix(got[0], w)) {
			t.Errorf("%s: warnings %q, want one that starts %q", file, got, w)
		}
	}
	if got := warningLines(out.Result, "photo.jpg"); len(got) != 0 {
		t.Errorf("the photo that pages show is warned about: %q", got)
	}
	// The summary's list of photos whose sizes drop their position names
	// the photo that pages show only in sizes.
	if got := out.Result.Images.GPS; !slices.Equal(got, []string{"content/stories/salmon/photo.jpg"}) {
		t.Errorf("Images.GPS = %q, want only the photo shown in sizes", got)
	}
}
