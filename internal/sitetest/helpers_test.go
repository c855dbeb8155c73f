package sitetest

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/furusato/furusato"
	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
)

// buildExample builds the example site, minified as a build publishes it.
func buildExample(t testing.TB) *buildtest.Output {
	t.Helper()
	out, err := buildtest.BuildFS(t, furusato.Example(), build.Options{})
	if err != nil {
		t.Fatalf("the example site does not build:\n%v", err)
	}
	return out
}

// exampleFS returns the example site's files, to change before building.
func exampleFS(t testing.TB) fstest.MapFS {
	t.Helper()
	site := fstest.MapFS{}
	err := fs.WalkDir(furusato.Example(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(furusato.Example(), p)
		site[p] = &fstest.MapFile{Data: b, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return site
}

// htmlFiles lists the HTML files of a built site, as slash paths.
func htmlFiles(t testing.TB, out *buildtest.Output) []string {
	t.Helper()
	var files []string
	for _, f := range out.Files(t) {
		if strings.HasSuffix(f, ".html") {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		t.Fatal("the build wrote no HTML")
	}
	return files
}

// parse parses an output file as HTML.
func parse(t testing.TB, out *buildtest.Output, name string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(out.Read(t, name)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// find returns the elements under n for which match is true, in document
// order.
func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && match(d) {
			out = append(out, d)
		}
	}
	return out
}

// elements returns the elements with a tag name.
func elements(n *html.Node, tag string) []*html.Node {
	return find(n, func(d *html.Node) bool { return d.Data == tag })
}

// attr returns an attribute's value and whether it is there.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// text returns the text inside n.
func text(n *html.Node) string {
	var b bytes.Buffer
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// inCI reports whether the tests run in CI, where missing tools fail tests
// instead of skipping them.
func inCI() bool { return os.Getenv("CI") != "" }

// need skips the test (or fails it in CI) because a tool is missing.
func need(t testing.TB, what, install string) {
	t.Helper()
	msg := what + " is missing; install it with: " + install
	if inCI() {
		t.Fatal(msg + " (CI must run this test)")
	}
	t.Skip("skipping: " + msg)
}

// nodeModules returns the folder of the npm packages the tests use, skipping
// the test when node or the packages are missing.
func nodeModules(t testing.TB) (node, dir string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		need(t, "Node.js", "apt-get install -y nodejs npm")
	}
	dir = os.Getenv("FURUSATO_NODE_MODULES")
	if dir == "" {
		dir, err = filepath.Abs("node_modules")
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{"axe-core/axe.min.js", "html-validate/package.json"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
			need(t, "the npm package "+strings.Split(p, "/")[0]+" (in "+dir+")", "npm ci --prefix internal/sitetest")
		}
	}
	return node, dir
}

// artifactDir is where a test keeps its screenshots: $FURUSATO_ARTIFACTS
// (one folder per test) when set, else the test's artifact folder, which
// go test keeps with -artifacts and removes otherwise.
func artifactDir(t *testing.T) string {
	t.Helper()
	if root := os.Getenv("FURUSATO_ARTIFACTS"); root != "" {
		dir := filepath.Join(root, strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	return t.ArtifactDir()
}

// readFS reads a file of a built site's folder.
func readFS(t testing.TB, fsys fs.FS, name string) []byte {
	t.Helper()
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
