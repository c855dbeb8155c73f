package build_test

import (
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/diag"
)

// TestUnsafeSVG checks that an SVG that could run a script stops the
// build, in static/ and in content/, with every problem at its line and
// column in one run, and that the SVGs of the site are checked before
// they are minified (the positions are those of the files).
func TestUnsafeSVG(t *testing.T) {
	fsys := basicWith(t, map[string]string{
		"static/images/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <rect   onload=\"alert(1)\"/>\n</svg>\n",
		"content/stories/salmon/photo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n" +
			"<a xlink:href=\"&#106;avascript:alert(1)\"><text>x</text></a>\n<script>alert(2)</script></svg>\n",
	})
	_, err := buildtest.BuildFS(t, fsys, build.Options{})
	var got []string
	for _, e := range diag.All(err) {
		got = append(got, e.Error())
	}
	want := []string{
		"content/stories/salmon/photo.svg:2:4: xlink:href on <a> is a javascript: address",
		"content/stories/salmon/photo.svg:3:1: <script> in an SVG",
		"static/images/logo.svg:2:11: event attribute onload on <rect>",
	}
	all := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("missing %s…\ngot:\n%s", w, all)
		}
	}
}
