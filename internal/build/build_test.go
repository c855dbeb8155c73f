package build_test

import (
	"os"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/diag"
)

func readArchive(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestBasicSite(t *testing.T) {
	out := buildtest.MustBuild(t, readArchive(t, "basic.txtar"), build.Options{NoMinify: true})
	for _, f := range out.Files(t) {
		t.Log(f)
	}
	t.Log(out.Read(t, "about/index.html"))
	t.Log(out.Read(t, "en/about/index.html"))
	t.Log(out.Read(t, "companies/kaname/index.html"))
	t.Log(out.Read(t, "sitemap.xml"))
}

// errorLines returns the problems of a failed build, one line each.
func errorLines(err error) []string {
	var lines []string
	for _, e := range diag.All(err) {
		lines = append(lines, e.Error())
	}
	return lines
}

// warningLines returns the warnings of a build that contain part, one
// line each.
func warningLines(res *build.Result, part string) []string {
	var lines []string
	for _, w := range res.Warnings {
		if line := w.Warning(); strings.Contains(line, part) {
			lines = append(lines, line)
		}
	}
	return lines
}
