// Package buildtest builds small sites written as txtar archives, for
// whole-site tests: the files of a site in, a build, the output files out.
package buildtest

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/images"
)

// Now is the time every test build runs at, so dates in tests never drift.
var Now = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

// FS returns the files of a txtar archive as a file system.
func FS(archive string) fstest.MapFS {
	a := txtar.Parse([]byte(archive))
	m := fstest.MapFS{}
	for _, f := range a.Files {
		m[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return m
}

// Output is a built site.
type Output struct {
	Dir    string
	Result *build.Result
}

// Build builds the site in archive with opts (Site, Out and Now are set
// here) and returns the output, or the build error.
func Build(t testing.TB, archive string, opts build.Options) (*Output, error) {
	t.Helper()
	return BuildFS(t, FS(archive), opts)
}

// BuildFS builds a site given as a file system.
func BuildFS(t testing.TB, site fs.FS, opts build.Options) (*Output, error) {
	t.Helper()
	opts.Site = site
	if opts.Out == "" {
		opts.Out = filepath.Join(t.TempDir(), "public")
	}
	if opts.Now.IsZero() {
		opts.Now = Now
	}
	res, err := build.Build(context.Background(), opts)
	if err != nil {
		return nil, err
	}
	return &Output{Dir: opts.Out, Result: res}, nil
}

// MustBuild is Build that fails the test on a build error.
func MustBuild(t testing.TB, archive string, opts build.Options) *Output {
	t.Helper()
	out, err := Build(t, archive, opts)
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return out
}

// Read returns an output file, failing the test when it does not exist.
func (o *Output) Read(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(o.Dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatalf("output %s: %v (files: %s)", name, err, strings.Join(o.Files(t), ", "))
	}
	return string(data)
}

// Exists reports whether an output file exists.
func (o *Output) Exists(name string) bool {
	_, err := os.Stat(filepath.Join(o.Dir, filepath.FromSlash(name)))
	return err == nil
}

// Files lists the output files, as slash paths.
func (o *Output) Files(t testing.TB) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(o.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(o.Dir, p)
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Contains fails the test unless output file name contains every want.
func (o *Output) Contains(t testing.TB, name string, want ...string) {
	t.Helper()
	contains(t, name, o.Read(t, name), want)
}

func contains(t testing.TB, name, got string, want []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s: want %q in:\n%s", name, w, got)
		}
	}
}

// photoHash is the hash in the name of a photo's variant:
// _photos/photo.3f9a1c2b7d.800w.webp.
var photoHash = regexp.MustCompile(`(` + images.Dir + `/[^/"' ]+?)\.[0-9a-f]{10}\.`)

// Unhashed is s with the hash in the names of photos' variants written
// as #, _photos/photo.#.800w.webp, for tests that do not know it: it
// depends on the photo's bytes and the WebP encoder.
func Unhashed(s string) string { return photoHash.ReplaceAllString(s, "$1.#.") }

// ContainsUnhashed is Contains on the file with its photos' names
// Unhashed.
func (o *Output) ContainsUnhashed(t testing.TB, name string, want ...string) {
	t.Helper()
	contains(t, name, Unhashed(o.Read(t, name)), want)
}

// UnhashedFiles is Files with the photos' names Unhashed.
func (o *Output) UnhashedFiles(t testing.TB) []string {
	t.Helper()
	files := o.Files(t)
	for i, f := range files {
		files[i] = Unhashed(f)
	}
	return files
}

// Lacks fails the test if output file name contains any of unwanted.
func (o *Output) Lacks(t testing.TB, name string, unwanted ...string) {
	t.Helper()
	got := o.Read(t, name)
	for _, w := range unwanted {
		if strings.Contains(got, w) {
			t.Errorf("%s: do not want %q in:\n%s", name, w, got)
		}
	}
}
