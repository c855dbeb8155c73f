package deploy_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/furusato/furusato/internal/assets"
	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/deploy"
	"github.com/furusato/furusato/internal/outputs"
)

// built is a site built in memory, ready to deploy.
type built struct {
	files    map[string][]byte
	manifest *assets.Manifest
}

func buildSite(t *testing.T, fsys fstest.MapFS) built {
	t.Helper()
	res, out, err := build.NewBuilder(build.Options{Site: fsys, Now: buildtest.Now}).Memory(context.Background())
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return built{files: out.Files(), manifest: res.Manifest}
}

func site(t *testing.T) fstest.MapFS {
	t.Helper()
	data, err := os.ReadFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	return buildtest.FS(string(data))
}

// target is a place to deploy to, opened afresh for each deploy as the
// command does.
type target struct {
	url  string
	open func(t *testing.T) *deploy.Bucket
	// gunzips is set for a store whose client reads gzip-encoded objects
	// decompressed: Cloud Storage decompresses them for readers that do
	// not ask for gzip (decompressive transcoding), and the Azure SDK
	// leaves it to Go's HTTP transport, which asks for gzip and
	// decompresses the answer itself. Deploy reads back only its record,
	// which is not compressed.
	gunzips bool
	// folder is set for a file:// target: a folder keeps no headers.
	folder bool
}

// targets runs f against a folder (file://) and each server of servers,
// started on loopback.
func targets(t *testing.T, f func(t *testing.T, tg target)) {
	t.Run("file", func(t *testing.T) {
		u := "file://" + filepath.ToSlash(t.TempDir())
		f(t, target{url: u, open: opener(u), folder: true})
	})
	for _, s := range servers {
		t.Run(s.name, func(t *testing.T) {
			u := s.start(t)
			f(t, target{url: u, open: opener(u), gunzips: s.gunzips})
		})
	}
}

// A server is an object store that a test starts on loopback; start
// returns the target URL of a bucket "site" on it, and skips the test
// (or fails it when CI is set) when the server is not installed.
type server struct {
	name    string
	start   func(t *testing.T) string
	gunzips bool // see target
}

// servers are the stores besides a folder that deploys are tested
// against: S3 in every build, GCS and Azure in builds with their tags
// (deploy_gcs_test.go, deploy_azure_test.go).
var servers = []server{{name: "s3", start: startS3}}

// builtIn are the target schemes of this build.
var builtIn = map[string]bool{"file": true, "s3": true}

func opener(u string) func(t *testing.T) *deploy.Bucket {
	return func(t *testing.T) *deploy.Bucket {
		t.Helper()
		b, err := deploy.Open(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { b.Close() })
		return b
	}
}

// versitygwVersion is the S3-compatible server the tests run; .ci/run
// installs it.
const versitygwVersion = "v1.8.0"

// startS3 starts versitygw on a free loopback port with a bucket "site",
// and returns the target URL. The credentials are passed the usual way,
// through the AWS environment variables.
func startS3(t *testing.T) string {
	t.Helper()
	bin := tool(t, "versitygw", "go install github.com/versity/versitygw/cmd/versitygw@"+versitygwVersion)
	dir := t.TempDir()
	root, side := filepath.Join(dir, "root"), filepath.Join(dir, "meta")
	for _, d := range []string{filepath.Join(root, "site"), side} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	addr := loopbackAddr(t)
	const key, secret = "furusato-test", "furusato-test-secret"
	startServer(t, exec.Command(bin, "--access", key, "--secret", secret, "--port", addr, "posix", "--sidecar", side, root), addr)
	t.Setenv("AWS_ACCESS_KEY_ID", key)
	t.Setenv("AWS_SECRET_ACCESS_KEY", secret)
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "no-config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "no-credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	return "s3://site?endpoint=http://" + addr + "&region=us-east-1"
}

// tool returns the path of a server program, found on PATH or in
// $GOPATH/bin. When it is missing the test skips, saying how to install
// it, or fails when CI is set.
func tool(t *testing.T, name, install string) string {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err == nil {
		return bin
	}
	if gopath, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		if p := filepath.Join(strings.TrimSpace(string(gopath)), "bin", name); fileExists(p) {
			return p
		}
	}
	msg := name + " is not installed; install it with: " + install
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// loopbackAddr returns a free address on 127.0.0.1.
func loopbackAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startServer starts a server, stops it when the test ends, and waits
// until it listens on addr. Its output is shown only if it does not start.
func startServer(t *testing.T, cmd *exec.Cmd, addr string) {
	t.Helper()
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	name := filepath.Base(cmd.Path)
	for i := 0; ; i++ {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			return
		}
		select {
		case werr := <-exited:
			exited <- werr
			t.Fatalf("%s did not start on %s (%v):\n%s", name, addr, werr, log.String())
		case <-time.After(50 * time.Millisecond):
		}
		if i == 400 {
			cmd.Process.Kill()
			werr := <-exited
			exited <- werr
			t.Fatalf("%s did not start on %s in 20s: %v\n%s", name, addr, err, log.String())
		}
	}
}

func gunzip(t *testing.T, data []byte) []byte {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func run(t *testing.T, store deploy.Store, b built, opts deploy.Options) (*deploy.Summary, string, error) {
	t.Helper()
	var log bytes.Buffer
	opts.Log = &log
	if opts.Now.IsZero() {
		opts.Now = buildtest.Now
	}
	sum, err := deploy.Deploy(context.Background(), store, b.files, b.manifest, opts)
	return sum, log.String(), err
}

func exists(t *testing.T, b *deploy.Bucket, key string) bool {
	t.Helper()
	_, err := b.ReadAll(context.Background(), key)
	if err != nil && !errors.Is(err, deploy.ErrNotFound) {
		t.Fatal(err)
	}
	return err == nil
}

func TestDeploy(t *testing.T) {
	targets(t, func(t *testing.T, tg target) {
		fsys := site(t)
		first := buildSite(t, fsys)

		// First deploy: every file, with its headers.
		sum, log, err := run(t, tg.open(t), first, deploy.Options{})
		if err != nil {
			t.Fatalf("first deploy: %v\n%s", err, log)
		}
		if sum.Uploaded != len(first.manifest.Files) || sum.Unchanged != 0 {
			t.Fatalf("first deploy uploaded %d of %d files", sum.Uploaded, len(first.manifest.Files))
		}
		if !strings.Contains(log, fmt.Sprintf("[%d/%d files, ", sum.Uploaded, sum.Uploaded)) {
			t.Errorf("no progress in:\n%s", log)
		}
		t.Logf("first deploy: %d files", sum.Uploaded)
		bucket := tg.open(t)
		var css string
		for _, e := range first.manifest.Files {
			if strings.HasPrefix(e.Path, "css/site.") && e.Immutable && e.ContentEncoding == "" {
				css = e.Path
			}
		}
		for _, tt := range []struct{ key, ct, cc, enc string }{
			{"index.html", "text/html; charset=utf-8", config.DefaultCachePages, ""},
			{"en/about/index.html", "text/html; charset=utf-8", config.DefaultCachePages, ""},
			{css, "text/css; charset=utf-8", config.DefaultCacheHashed, ""},
			{"css/site.css", "text/css; charset=utf-8", config.DefaultCacheFiles, ""},
			{"articles/feed.xml", "application/atom+xml; charset=utf-8", config.DefaultCacheFeeds, ""},
			{"sitemap.xml", "application/xml; charset=utf-8", config.DefaultCacheFeeds, ""},
			{"index.html.gz", "text/html; charset=utf-8", config.DefaultCachePages, "gzip"},
			{"sitemap.xml.br", "application/xml; charset=utf-8", config.DefaultCacheFeeds, "br"},
			{"kitami.html", "text/html; charset=utf-8", config.DefaultCachePages, ""},
		} {
			m, err := bucket.Attributes(context.Background(), tt.key)
			if err != nil {
				t.Errorf("%s: %v", tt.key, err)
				continue
			}
			if tg.folder {
				// A folder keeps the bytes only: the web server that
				// serves it decides the headers.
				if m != (deploy.Meta{}) {
					t.Errorf("%s: a folder reports headers %+v", tt.key, m)
				}
			} else if m.ContentType != tt.ct || m.CacheControl != tt.cc || m.ContentEncoding != tt.enc {
				t.Errorf("%s stored with %+v, want %s / %s / %q", tt.key, m, tt.ct, tt.cc, tt.enc)
			}
			// An old URL redirects on S3 by itself (the object's website
			// redirect), on other hosts by its page's meta refresh.
			if want := ""; tt.key == "kitami.html" && strings.HasPrefix(tg.url, "s3://") {
				if want = "/about/"; m.Redirect != want {
					t.Errorf("%s redirects to %q, want %q", tt.key, m.Redirect, want)
				}
			} else if m.Redirect != want {
				t.Errorf("%s redirects to %q", tt.key, m.Redirect)
			}
			want := first.files[tt.key]
			if tg.gunzips && tt.enc == "gzip" {
				want = gunzip(t, want)
			}
			data, err := bucket.ReadAll(context.Background(), tt.key)
			if err != nil || !bytes.Equal(data, want) {
				t.Errorf("%s: stored bytes differ from the build (%v)", tt.key, err)
			}
		}

		// The same site again: nothing to upload.
		sum, log, err = run(t, tg.open(t), first, deploy.Options{})
		if err != nil || sum.Uploaded != 0 || sum.Unchanged != len(first.manifest.Files) {
			t.Errorf("second deploy of the same build: %+v %v\n%s", sum, err, log)
		}

		// One page changes: that page and its compressed copies only.
		fsys["content/about.en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About Kitami\n---\nKitami is the largest city of the Okhotsk region.\n")}
		changed := buildSite(t, fsys)
		sum, log, err = run(t, tg.open(t), changed, deploy.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("after a one-page change: %d files uploaded", sum.Uploaded)
		for _, want := range []string{"en/about/index.html", "en/about/index.html.gz", "en/about/index.html.br"} {
			if !strings.Contains(log, "] "+want+"\n") {
				t.Errorf("%s not uploaded:\n%s", want, log)
			}
		}
		if sum.Uploaded != 3 {
			t.Errorf("a one-page change uploaded %d files:\n%s", sum.Uploaded, log)
		}
		if data, _ := tg.open(t).ReadAll(context.Background(), "en/about/index.html"); !bytes.Contains(data, []byte("Okhotsk region.</p>")) {
			t.Errorf("the bucket has the old page: %s", data)
		}

		// A page is deleted: without --delete it stays in the bucket.
		delete(fsys, "content/articles/two.en.md")
		fewer := buildSite(t, fsys)
		sum, log, err = run(t, tg.open(t), fewer, deploy.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Deleted != 0 || !slices.Contains(sum.Stale, "en/articles/two/index.html") || !exists(t, tg.open(t), "en/articles/two/index.html") {
			t.Errorf("without --delete: %+v\n%s", sum, log)
		}
		// With --delete it goes, with its compressed copies.
		sum, log, err = run(t, tg.open(t), fewer, deploy.Options{Delete: true})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Deleted != 3 || exists(t, tg.open(t), "en/articles/two/index.html") || exists(t, tg.open(t), "en/articles/two/index.html.gz") {
			t.Errorf("with --delete: %+v\n%s", sum, log)
		}
		if !exists(t, tg.open(t), "articles/two/index.html") {
			t.Error("the Japanese page was deleted")
		}

		// --max-deletes: a build that lost most of its pages deletes nothing.
		for _, f := range []string{"content/about.ja.md", "content/about.en.md", "content/articles/one.ja.md", "content/articles/one.en.md"} {
			delete(fsys, f)
		}
		lost := buildSite(t, fsys)
		sum, log, err = run(t, tg.open(t), lost, deploy.Options{Delete: true, MaxDeletes: 5})
		if err == nil || !strings.Contains(err.Error(), "more than --max-deletes 5: nothing was uploaded or deleted") {
			t.Errorf("want the max-deletes guard, got %v\n%s", err, log)
		}
		if sum == nil || sum.Deleted != 0 || !exists(t, tg.open(t), "en/about/index.html") {
			t.Errorf("the guard let files go: %+v", sum)
		}
		// Nor did it upload the lists that lost those pages.
		if data, _ := tg.open(t).ReadAll(context.Background(), "en/articles/index.html"); sum == nil || sum.Uploaded != 0 || !bytes.Contains(data, []byte("/en/articles/one/")) {
			t.Errorf("the guard let the new site go up: %+v\n%s", sum, data)
		}
	})
}

// failingStore fails every write after the first n, as a bucket that
// goes away in the middle of a deploy.
type failingStore struct {
	deploy.Store
	mu     sync.Mutex
	n      int
	writes []string
}

func (f *failingStore) Write(ctx context.Context, key string, data []byte, meta deploy.Meta) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.writes) >= f.n {
		return errors.New("connection reset by peer")
	}
	f.writes = append(f.writes, key)
	return f.Store.Write(ctx, key, data, meta)
}

func TestInterruptedDeployFinishesOnRerun(t *testing.T) {
	targets(t, func(t *testing.T, tg target) {
		b := buildSite(t, site(t))
		fail := &failingStore{Store: tg.open(t), n: 2}
		sum, log, err := run(t, fail, b, deploy.Options{Workers: 1, Retries: 2})
		if err == nil {
			t.Fatal("a deploy to a failing bucket succeeded")
		}
		msg := err.Error()
		for _, want := range []string{"deploy failed while uploading assets", "Uploaded 2 of", "Not uploaded", "No pages or feeds and sitemap were uploaded after the failure", "Run the same command again to finish"} {
			if !strings.Contains(msg, want) {
				t.Errorf("want %q in:\n%s", want, msg)
			}
		}
		if !strings.Contains(log, "retrying ") {
			t.Errorf("no retries in:\n%s", log)
		}
		if sum.Uploaded != 2 {
			t.Errorf("uploaded %d", sum.Uploaded)
		}
		for _, k := range fail.writes {
			if strings.HasSuffix(k, ".html") {
				t.Errorf("a page was uploaded before every asset: %s", k)
			}
		}

		// The bucket is back: the rerun uploads the rest. The record of
		// the first run could not be written, so those files go again.
		sum, log, err = run(t, tg.open(t), b, deploy.Options{})
		if err != nil {
			t.Fatalf("rerun: %v\n%s", err, log)
		}
		sum, _, err = run(t, tg.open(t), b, deploy.Options{})
		if err != nil || sum.Uploaded != 0 {
			t.Errorf("after the rerun the bucket still lacks files: %+v %v", sum, err)
		}
	})
}

// cancellingStore cancels the deploy's context after n writes, as Ctrl+C,
// and writes on as the folder store does: the deploy must stop itself.
type cancellingStore struct {
	deploy.Store
	mu     sync.Mutex
	n      int
	cancel context.CancelFunc
	writes int
}

func (c *cancellingStore) Write(ctx context.Context, key string, data []byte, meta deploy.Meta) error {
	c.mu.Lock()
	c.writes++
	if c.writes == c.n {
		c.cancel()
	}
	c.mu.Unlock()
	return c.Store.Write(context.WithoutCancel(ctx), key, data, meta)
}

func TestCancelledDeployRecordsWhatWasUploaded(t *testing.T) {
	targets(t, func(t *testing.T, tg target) {
		b := buildSite(t, site(t))
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		st := &cancellingStore{Store: tg.open(t), n: 12, cancel: cancel}
		var log bytes.Buffer
		sum, err := deploy.Deploy(ctx, st, b.files, b.manifest, deploy.Options{Log: &log, Workers: 1, Now: buildtest.Now})
		if err == nil {
			t.Fatal("a cancelled deploy succeeded")
		}
		uploaded := sum.Uploaded
		if uploaded < 11 || uploaded >= len(b.manifest.Files) {
			t.Fatalf("uploaded %d before the cancel", uploaded)
		}
		// The record was written: the rerun uploads only what is missing.
		sum, out, err := run(t, tg.open(t), b, deploy.Options{})
		if err != nil {
			t.Fatalf("rerun: %v\n%s", err, out)
		}
		if sum.Uploaded != len(b.manifest.Files)-uploaded || sum.Unchanged != uploaded {
			t.Errorf("rerun uploaded %d and kept %d, want %d and %d", sum.Uploaded, sum.Unchanged, len(b.manifest.Files)-uploaded, uploaded)
		}
	})
}

// orderStore records the order of writes and deletes.
type orderStore struct {
	deploy.Store
	mu  sync.Mutex
	ops []string
}

func (o *orderStore) Write(ctx context.Context, key string, data []byte, meta deploy.Meta) error {
	o.mu.Lock()
	o.ops = append(o.ops, "write "+key)
	o.mu.Unlock()
	return o.Store.Write(ctx, key, data, meta)
}

func (o *orderStore) Delete(ctx context.Context, key string) error {
	o.mu.Lock()
	o.ops = append(o.ops, "delete "+key)
	o.mu.Unlock()
	return o.Store.Delete(ctx, key)
}

func TestUploadOrderAndOldAssets(t *testing.T) {
	fsys := site(t)
	first := buildSite(t, fsys)
	u := "file://" + filepath.ToSlash(t.TempDir())
	open := opener(u)
	if _, _, err := run(t, open(t), first, deploy.Options{}); err != nil {
		t.Fatal(err)
	}
	var oldCSS string
	for _, e := range first.manifest.Files {
		if e.Immutable && strings.HasSuffix(e.Path, ".css") {
			oldCSS = e.Path
		}
	}

	// A new stylesheet: a new hashed name, and every page names it.
	fsys["static/css/site.css"] = &fstest.MapFile{Data: []byte("body { color: #123 }")}
	next := buildSite(t, fsys)
	st := &orderStore{Store: open(t)}
	sum, log, err := run(t, st, next, deploy.Options{Delete: true, KeepOld: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	kind := map[string]outputs.Kind{}
	for _, e := range next.manifest.Files {
		kind[e.Path] = e.Kind
	}
	// Assets, pages, feeds, the record; then deletes and the record again.
	rank := map[outputs.Kind]int{outputs.KindAsset: 0, outputs.KindPage: 1, outputs.KindFeed: 2}
	last := -1
	for i, op := range st.ops {
		key, write := strings.CutPrefix(op, "write ")
		switch {
		case key == deploy.Key:
			last = 3
		case !write:
			if last < 3 {
				t.Errorf("%s before every upload was recorded: %v", op, st.ops)
			}
			last = 4
		case rank[kind[key]] < last:
			t.Errorf("%s uploaded after a later kind: %v", key, st.ops)
		default:
			last = rank[kind[key]]
		}
		if i == len(st.ops)-1 && key != deploy.Key {
			t.Errorf("the record is not written last: %v", st.ops)
		}
	}
	// The old stylesheet stays for pages still cached, a day here.
	if slices.Contains(st.ops, "delete "+oldCSS) || sum.KeptUntil[oldCSS].IsZero() || !exists(t, open(t), oldCSS) {
		t.Errorf("the old stylesheet is not kept: %+v\n%s", sum, log)
	}
	// A day later it goes.
	st = &orderStore{Store: open(t)}
	sum, log, err = run(t, st, next, deploy.Options{Delete: true, KeepOld: 24 * time.Hour, Now: buildtest.Now.Add(25 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if exists(t, open(t), oldCSS) || sum.Deleted == 0 {
		t.Errorf("the old stylesheet is still there a day later: %+v\n%s", sum, log)
	}
	if !slices.Contains(st.ops, "delete "+oldCSS) || !strings.HasPrefix(st.ops[len(st.ops)-1], "write "+deploy.Key) {
		t.Errorf("ops: %v", st.ops)
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	b := buildSite(t, site(t))
	u := "file://" + filepath.ToSlash(t.TempDir())
	st := &orderStore{Store: opener(u)(t)}
	sum, log, err := run(t, st, b, deploy.Options{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.ops) != 0 || sum.Uploaded != 0 || !strings.Contains(log, "Would upload "+fmt.Sprint(len(b.manifest.Files))+" files") {
		t.Errorf("dry run: %v %+v\n%s", st.ops, sum, log)
	}
}

// TestVerify: a file deleted from the bucket by hand, and one replaced
// there, are not uploaded again by a deploy that trusts its record, and
// are by one that verifies the bucket first; a bucket as recorded needs
// nothing. Against a folder, S3, and Cloud Storage and Azure in builds
// with their tags; with a prefix on S3, whose listing then must not
// reach outside it.
func TestVerify(t *testing.T) {
	targets(t, func(t *testing.T, tg target) {
		b := buildSite(t, site(t))
		if _, log, err := run(t, tg.open(t), b, deploy.Options{}); err != nil {
			t.Fatalf("first deploy: %v\n%s", err, log)
		}
		ctx := context.Background()
		bucket := tg.open(t)
		sum, log, err := run(t, bucket, b, deploy.Options{Verify: true})
		if err != nil || sum.Uploaded != 0 || !strings.Contains(log, "files): all there as recorded.") {
			t.Fatalf("verifying a bucket as recorded: %v, %+v\n%s", err, sum, log)
		}
		want, err := bucket.ReadAll(ctx, "kitami.html")
		if err != nil {
			t.Fatal(err)
		}
		if err := bucket.Delete(ctx, "index.html"); err != nil {
			t.Fatal(err)
		}
		if err := bucket.Write(ctx, "kitami.html", []byte("replaced"), deploy.Meta{ContentType: "text/html"}); err != nil {
			t.Fatal(err)
		}
		sum, log, err = run(t, bucket, b, deploy.Options{})
		if err != nil || sum.Uploaded != 0 {
			t.Fatalf("a deploy that trusts its record: %v, %+v\n%s", err, sum, log)
		}
		sum, log, err = run(t, bucket, b, deploy.Options{Verify: true})
		if err != nil {
			t.Fatalf("verify: %v\n%s", err, log)
		}
		if sum.Uploaded != 2 || !strings.Contains(log, "files): missing 1, another size 1; they are uploaded again.") ||
			!strings.Contains(log, "index.html (missing)") || !strings.Contains(log, "kitami.html (another size)") {
			t.Errorf("verify uploaded %d files:\n%s", sum.Uploaded, log)
		}
		if got, err := bucket.ReadAll(ctx, "kitami.html"); err != nil || !bytes.Equal(got, want) {
			t.Errorf("kitami.html after verify: %q, %v", got, err)
		}
		if !exists(t, bucket, "index.html") {
			t.Error("index.html is still missing")
		}
	})
	t.Run("s3-prefix", func(t *testing.T) {
		u := startS3(t)
		b := buildSite(t, site(t))
		other, err := deploy.Open(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		// Another site's files beside the prefix, and one with the same name.
		for _, k := range []string{"index.html", "site-b/index.html"} {
			if err := other.Write(context.Background(), k, []byte("other"), deploy.Meta{}); err != nil {
				t.Fatal(err)
			}
		}
		prefixed := opener(u + "&prefix=site-a/")
		if _, log, err := run(t, prefixed(t), b, deploy.Options{}); err != nil {
			t.Fatalf("first deploy: %v\n%s", err, log)
		}
		var keys []string
		if err := prefixed(t).List(context.Background(), func(k string, _ int64) { keys = append(keys, k) }); err != nil {
			t.Fatal(err)
		}
		if len(keys) != len(b.manifest.Files)+1 || !slices.Contains(keys, "index.html") || slices.Contains(keys, "site-b/index.html") {
			t.Errorf("the prefix lists %d keys for %d files and the record: %v", len(keys), len(b.manifest.Files), keys)
		}
		sum, log, err := run(t, prefixed(t), b, deploy.Options{Verify: true})
		if err != nil || sum.Uploaded != 0 {
			t.Errorf("verify under a prefix: %v, %+v\n%s", err, sum, log)
		}
	})
}

func TestRedact(t *testing.T) {
	got := deploy.Redact("s3://b?endpoint=https://user:pw@s3.example.jp&region=jp&sig=SECRET&prefix=site/")
	if got != "s3://b?endpoint=https://s3.example.jp&region=jp&prefix=site/" {
		t.Errorf("Redact = %s", got)
	}
}

// TestTargetsNotBuiltIn checks that a target whose driver this build
// lacks is refused before any work, with the command that builds it in.
func TestTargetsNotBuiltIn(t *testing.T) {
	for _, tt := range []struct{ target, tag string }{
		{"gs://site", "gcs"},
		{"azblob://site?storage_account=kitami", "azure"},
	} {
		scheme, _, _ := strings.Cut(tt.target, "://")
		err := deploy.CheckTarget(tt.target)
		if builtIn[scheme] {
			if err != nil {
				t.Errorf("%s in a build with -tags %s: %v", tt.target, tt.tag, err)
			}
			continue
		}
		want := "build it with: go build -tags " + tt.tag + " ./cmd/furusato"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want an error saying %q", tt.target, err, want)
		}
		if _, err := deploy.Open(context.Background(), tt.target); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Open(%s): got %v, want an error saying %q", tt.target, err, want)
		}
	}
}

// Keys written in a target URL are refused, not dropped, and never
// printed.
func TestTargetWithKeys(t *testing.T) {
	for _, target := range []string{
		"s3://AKIAEXAMPLE:s3cr3t@kitami-site?region=ap-northeast-1",
		"s3://kitami-site?endpoint=" + url.QueryEscape("http://admin:s3cr3t@127.0.0.1:7070"),
	} {
		err := deploy.CheckTarget(target)
		if err == nil || !strings.Contains(err.Error(), "nothing was published: furusato does not read keys written in the target URL; give them in the environment (AWS_ACCESS_KEY_ID") {
			t.Errorf("%s: got %v", target, err)
			continue
		}
		if strings.Contains(err.Error(), "s3cr3t") {
			t.Errorf("the error shows the key: %v", err)
		}
	}
}

// A file:// target names a folder by an absolute path (file:///srv/www)
// or one relative to the current folder (file://./dist); file://dist,
// whose "dist" is a host name, and file://host/path are refused with the
// form to write, before any work.
func TestFileTargets(t *testing.T) {
	for target, want := range map[string]string{
		"file://dist":            `"dist" is read as a host name, not a folder; write file:///absolute/path, or file://./dist`,
		"file://host/srv/www":    `"host" is read as a host name, not a folder; write file:///absolute/path, or file://./host/srv/www`,
		"file://":                "name a folder",
		"file://./":              "name a folder",
		"file:///srv/www":        "",
		"file://./dist":          "",
		"file://localhost/srv/x": "",
	} {
		err := deploy.CheckTarget(target)
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: %v", target, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%s: got %v, want an error saying %q", target, err, want)
		}
	}
	// file://./dist is a folder relative to the current one, and
	// file://localhost/path the absolute path.
	dir := t.TempDir()
	t.Chdir(dir)
	for target, folder := range map[string]string{
		"file://./dist": filepath.Join(dir, "dist"),
		"file://localhost" + filepath.ToSlash(dir) + "/abs": filepath.Join(dir, "abs"),
	} {
		b, err := deploy.Open(context.Background(), target)
		if err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		if err := b.Write(context.Background(), "index.html", []byte("x"), deploy.Meta{}); err != nil {
			t.Fatal(err)
		}
		b.Close()
		if _, err := os.Stat(filepath.Join(folder, "index.html")); err != nil {
			t.Errorf("%s: not written in %s: %v", target, folder, err)
		}
	}
}
