package build_test

import (
	"os"
	"testing"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
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
