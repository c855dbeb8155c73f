package deploy_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/deploy"
)

// TestStore checks what Deploy relies on of every target: a missing
// object is ErrNotFound, deleting one is no error, writes replace, and
// prefix= puts everything under a folder of the bucket.
func TestStore(t *testing.T) {
	targets(t, func(t *testing.T, tg target) {
		ctx := context.Background()
		b := tg.open(t)
		if _, err := b.ReadAll(ctx, "missing/index.html"); !errors.Is(err, deploy.ErrNotFound) {
			t.Errorf("ReadAll of a missing object: %v, want ErrNotFound", err)
		}
		if _, err := b.Attributes(ctx, "missing/index.html"); !errors.Is(err, deploy.ErrNotFound) {
			t.Errorf("Attributes of a missing object: %v, want ErrNotFound", err)
		}
		if err := b.Delete(ctx, "missing/index.html"); err != nil {
			t.Errorf("Delete of a missing object: %v", err)
		}
		meta := deploy.Meta{ContentType: "text/plain; charset=utf-8", CacheControl: "no-cache"}
		for _, data := range []string{"one", "two"} {
			if err := b.Write(ctx, "a/b/c.txt", []byte(data), meta); err != nil {
				t.Fatal(err)
			}
			if got, err := b.ReadAll(ctx, "a/b/c.txt"); err != nil || string(got) != data {
				t.Errorf("ReadAll = %q, %v; want %q", got, err, data)
			}
		}
		if m, err := b.Attributes(ctx, "a/b/c.txt"); err != nil {
			t.Error(err)
		} else if !tg.folder && (m.ContentType != meta.ContentType || m.CacheControl != meta.CacheControl) {
			t.Errorf("Attributes = %+v, want %+v", m, meta)
		}
		if err := b.Delete(ctx, "a/b/c.txt"); err != nil {
			t.Fatal(err)
		}
		if _, err := b.ReadAll(ctx, "a/b/c.txt"); !errors.Is(err, deploy.ErrNotFound) {
			t.Errorf("ReadAll after Delete: %v", err)
		}

		// Japanese file names, spaces and characters that URLs escape
		// keep their name and bytes.
		for _, key := range []string{"お知らせ/北見市 移住相談会.html", "images/ハッカ (2026)+1.jpg", "a b/c&d=e~f.txt"} {
			data := []byte("<p>" + key)
			if err := b.Write(ctx, key, data, meta); err != nil {
				t.Fatalf("Write(%q): %v", key, err)
			}
			if got, err := b.ReadAll(ctx, key); err != nil || string(got) != string(data) {
				t.Errorf("ReadAll(%q) = %q, %v", key, got, err)
			}
			if _, err := b.Attributes(ctx, key); err != nil {
				t.Errorf("Attributes(%q): %v", key, err)
			}
			if err := b.Delete(ctx, key); err != nil {
				t.Errorf("Delete(%q): %v", key, err)
			}
			if _, err := b.ReadAll(ctx, key); !errors.Is(err, deploy.ErrNotFound) {
				t.Errorf("ReadAll(%q) after Delete: %v", key, err)
			}
		}

		sep := "?"
		if strings.Contains(tg.url, "?") {
			sep = "&"
		}
		pb := opener(tg.url + sep + "prefix=www/")(t)
		if err := pb.Write(ctx, "index.html", []byte("<p>"), meta); err != nil {
			t.Fatal(err)
		}
		if got, err := b.ReadAll(ctx, "www/index.html"); err != nil || string(got) != "<p>" {
			t.Errorf("prefix=www/: www/index.html is %q, %v", got, err)
		}
		if got, err := pb.ReadAll(ctx, "index.html"); err != nil || string(got) != "<p>" {
			t.Errorf("prefix=www/: index.html reads %q, %v", got, err)
		}
	})
}

// TestFolder checks what is particular to file:// targets: keys stay
// inside the folder, writes leave no temporary files, and the folder and
// its subfolders are made as needed.
func TestFolder(t *testing.T) {
	ctx := context.Background()
	root := filepath.Join(t.TempDir(), "new", "www")
	b := opener("file://" + filepath.ToSlash(root))(t)
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		t.Fatalf("the folder was not made: %v", err)
	}
	for _, key := range []string{"../outside", "a/../../outside", "/etc/passwd", "", "a//b", "a/", "./a", `a\..\..\b`} {
		if err := b.Write(ctx, key, []byte("x"), deploy.Meta{}); err == nil {
			t.Errorf("Write(%q) succeeded", key)
		}
		if _, err := b.ReadAll(ctx, key); err == nil || errors.Is(err, deploy.ErrNotFound) {
			t.Errorf("ReadAll(%q): %v, want a refusal", key, err)
		}
		if err := b.Delete(ctx, key); err == nil {
			t.Errorf("Delete(%q) succeeded", key)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "..", "outside")); err == nil {
		t.Error("a key wrote outside the folder")
	}
	for _, key := range []string{"index.html", "en/about/index.html", "index.html"} {
		if err := b.Write(ctx, key, []byte("<p>"+key), deploy.Meta{ContentType: "text/html"}); err != nil {
			t.Fatal(err)
		}
	}
	var files []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if strings.Join(files, " ") != "en/about/index.html index.html" {
		t.Errorf("the folder holds %v: want the two files and nothing else (no temporary files, no .attrs)", files)
	}
	if data, _ := os.ReadFile(filepath.Join(root, "en", "about", "index.html")); string(data) != "<p>en/about/index.html" {
		t.Errorf("en/about/index.html holds %q", data)
	}
	// A page that left the site leaves no empty folder: a web server
	// would answer it with 403, not 404. The folder itself stays.
	if err := b.Write(ctx, "en/news/index.html", []byte("<p>"), deploy.Meta{}); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"en/about/index.html", "en/news/index.html"} {
		if err := b.Delete(ctx, key); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(path.Dir(key)))); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Delete(%q) left its folder: %v", key, err)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "en")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("en/ is left empty: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "index.html")); err != nil {
		t.Errorf("index.html went with the empty folders: %v", err)
	}
	if _, err := deploy.Open(ctx, "file://"+filepath.ToSlash(root)+"?secret=1"); err == nil || strings.Contains(err.Error(), "secret=1") {
		t.Errorf("an unknown parameter: %v, want a refusal that does not print it", err)
	}
}

// TestS3Parameters checks that the URL parameters s3:// targets took
// through gocloud.dev's s3blob still open, and that others are refused
// without printing their values.
func TestS3Parameters(t *testing.T) {
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "no-config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "no-credentials"))
	t.Setenv("AWS_ACCESS_KEY_ID", "AKID")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "SECRET-KEY")
	ctx := context.Background()
	for _, u := range []string{
		"s3://site?region=ap-northeast-1",
		"s3://site?region=ap-northeast-1&prefix=www/&dualstack=true&fips=false&accelerate=false",
		"s3://site?endpoint=https://s3.example.jp&region=jp&use_path_style=false&disable_https=false&hostname_immutable=true",
		"s3://site?region=jp&request_checksum_calculation=when_supported&response_checksum_validation=WHEN_REQUIRED",
		"s3://site?region=jp&anonymous=true&ssetype=aws:kms&kmskeyid=key-1&rate_limiter_capacity=10&awssdk=v2&s3ForcePathStyle=true",
	} {
		b, err := deploy.Open(ctx, u)
		if err != nil {
			t.Errorf("%s: %v", u, err)
			continue
		}
		b.Close()
	}
	for _, u := range []string{
		"s3://site?region=jp&token=SECRET",
		"s3://site?region=jp&use_path_style=SECRET",
		"s3://site?region=jp&request_checksum_calculation=SECRET",
		"s3://site?region=jp&ssetype=SECRET",
		"s3://site?region=jp&role=SECRET",
		"s3://?region=jp",
	} {
		_, err := deploy.Open(ctx, u)
		if err == nil {
			t.Errorf("%s opened", u)
		} else if strings.Contains(err.Error(), "SECRET") {
			t.Errorf("%s: the error shows the parameter's value: %v", u, err)
		}
	}
}
