package deploy

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// optional are the targets whose drivers are built in only with a build
// tag (store_gcs.go, store_azure.go): their cloud SDKs together nearly
// double the size of the binary.
var optional = map[string]struct{ name, tag string }{
	"gs":     {"Google Cloud Storage", "gcs"},
	"azblob": {"Azure Blob Storage", "azure"},
}

// Store is where a site is published. *Bucket is the real one; tests wrap
// it to fail on purpose.
type Store interface {
	// ReadAll returns an object, or an error wrapping ErrNotFound.
	ReadAll(ctx context.Context, key string) ([]byte, error)
	Write(ctx context.Context, key string, data []byte, meta Meta) error
	// Delete removes an object; one that is already gone is no error.
	Delete(ctx context.Context, key string) error
	// List calls fn with the key and size of each object.
	List(ctx context.Context, fn func(key string, size int64)) error
}

// Meta are the headers an object is served with.
type Meta struct {
	ContentType, CacheControl, ContentEncoding string
	// Redirect: the object is a redirect page, and stores that honour it
	// (S3's x-amz-website-redirect-location) redirect to this URL.
	Redirect string
}

// ErrNotFound is the error of ReadAll for a missing object.
var ErrNotFound = errors.New("not found")

// backend is what each kind of target implements: a folder (store_dir.go),
// S3 (store_s3.go, or store_s3_awssdk.go with -tags awssdk), and gocloud.dev/blob for gs:// and azblob:// in builds
// with their tags (store_gocloud.go). Keys reach it with the prefix added.
type backend interface {
	ReadAll(ctx context.Context, key string) ([]byte, error)
	Write(ctx context.Context, key string, data []byte, meta Meta) error
	Delete(ctx context.Context, key string) error
	Attributes(ctx context.Context, key string) (Meta, error)
	// List calls fn with the key and size of each object whose key
	// starts with prefix.
	List(ctx context.Context, prefix string, fn func(key string, size int64)) error
	Close() error
}

// Bucket is the Store of a target URL.
type Bucket struct {
	b      backend
	prefix string
}

// openCloud opens a gs:// or azblob:// target through gocloud.dev/blob;
// cloudBuiltIn reports whether this build has the driver of a scheme.
// Both are set by store_gocloud.go, which only builds with -tags gcs or
// -tags azure: without them gocloud.dev is not linked at all.
var (
	openCloud    func(ctx context.Context, u *url.URL) (backend, error)
	cloudBuiltIn = func(scheme string) bool { return false }
)

// permanent are tests, one for each kind of target, of errors that no
// retry can mend (see transient).
var permanent = []func(error) bool{dirPermanent, s3Permanent}

// Open opens a target URL (see the package documentation).
func Open(ctx context.Context, target string) (*Bucket, error) {
	u, err := targetURL(target)
	if err != nil {
		return nil, err
	}
	q := u.Query()
	prefix := q.Get("prefix")
	q.Del("prefix")
	u.RawQuery = q.Encode()
	var b backend
	switch u.Scheme {
	case "file":
		b, err = openDir(u)
	case "s3":
		b, err = openS3(ctx, u)
	default:
		b, err = openCloud(ctx, u)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %v", Redact(target), redactError(err, target))
	}
	return &Bucket{b: b, prefix: prefix}, nil
}

// Folder returns the folder of a file:// target, as the file system
// names it, or "" for a target that is not a folder.
func Folder(target string) string {
	u, err := targetURL(target)
	if err != nil || u.Scheme != "file" {
		return ""
	}
	return folderOf(u)
}

func folderOf(u *url.URL) string {
	p := u.Path
	if u.Host == "." || os.PathSeparator != '/' {
		p = strings.TrimPrefix(p, "/")
	}
	return filepath.FromSlash(p)
}

// CheckTarget reports a target URL that deploy cannot use, before any work.
func CheckTarget(target string) error {
	_, err := targetURL(target)
	return err
}

// targetURL checks a target and adds the settings S3-compatible servers
// and folders need.
func targetURL(target string) (*url.URL, error) {
	u, err := url.Parse(target)
	if err != nil || u.Scheme == "" {
		return nil, fmt.Errorf("--target %q: want a bucket URL such as s3://bucket?region=ap-northeast-1, gs://bucket, azblob://container or file:///path", Redact(target))
	}
	q := u.Query()
	if e, err := url.Parse(q.Get("endpoint")); u.User != nil || err == nil && e.User != nil {
		// Read by no one: the bucket's library takes keys from the
		// environment only. Said, rather than publishing with other keys.
		env := map[string]string{
			"s3":     "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile in ~/.aws",
			"gs":     "GOOGLE_APPLICATION_CREDENTIALS, or gcloud auth application-default login",
			"azblob": "AZURE_STORAGE_ACCOUNT and AZURE_STORAGE_KEY, or az login",
		}[u.Scheme]
		if env == "" {
			env = "the environment"
		}
		return nil, fmt.Errorf("--target %s: nothing was published: furusato does not read keys written in the target URL; give them in the environment (%s). A key typed in a command stays in the shell's history: replace it with a new one", Redact(target), env)
	}
	set := func(k, v string) {
		if !q.Has(k) {
			q.Set(k, v)
		}
	}
	switch u.Scheme {
	case "s3":
		if q.Has("endpoint") {
			// S3-compatible servers reject the checksums the AWS SDK sends by
			// default, and many only know path-style addresses.
			set("request_checksum_calculation", "when_required")
			set("response_checksum_validation", "when_required")
			set("use_path_style", "true")
		}
	case "file":
		// file:///srv/www is the folder /srv/www (file://localhost/srv/www
		// too, as RFC 8089 has it), file://./dist a folder relative to
		// here; any other host would be taken for a folder by mistake:
		// file://dist has the host "dist" and no path.
		switch {
		case u.Host != "" && u.Host != "." && !strings.EqualFold(u.Host, "localhost"):
			return nil, fmt.Errorf("--target %s: %q is read as a host name, not a folder; write file:///absolute/path, or file://./%s for a folder relative to the current one", Redact(target), u.Host, strings.TrimPrefix(u.Host+u.Path, "/"))
		case u.Host == "." && strings.Trim(u.Path, "/") == "", u.Host != "." && strings.Trim(u.Path, "/") == "":
			return nil, fmt.Errorf("--target %s: name a folder: file:///absolute/path, or file://./folder for one relative to the current one", Redact(target))
		}
		if strings.EqualFold(u.Host, "localhost") {
			u.Host = ""
		}
		set("create_dir", "true")
	case "gs", "azblob":
		if !cloudBuiltIn(u.Scheme) {
			o := optional[u.Scheme]
			return nil, fmt.Errorf("--target %s: this furusato was built without %s (%s://); build it with: go build -tags %s ./cmd/furusato", Redact(target), o.name, u.Scheme, o.tag)
		}
	default:
		return nil, fmt.Errorf("--target %s: furusato publishes to s3://, gs://, azblob:// and file:// targets", Redact(target))
	}
	u.RawQuery = q.Encode()
	return u, nil
}

// Redact returns a target URL fit to print: its scheme, bucket and path,
// and the endpoint, region and prefix; any other parameter (a signature, a
// key) is left out.
func Redact(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return "(an unreadable URL)"
	}
	out := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
	var params []string
	for _, k := range []string{"endpoint", "region", "prefix"} {
		if v := u.Query().Get(k); v != "" {
			if e, err := url.Parse(v); err == nil {
				e.User, e.RawQuery = nil, ""
				v = e.String()
			}
			params = append(params, k+"="+v)
		}
	}
	if len(params) > 0 {
		out += "?" + strings.Join(params, "&")
	}
	return out
}

// redactError keeps the URL's query out of error messages.
func redactError(err error, target string) string {
	msg := err.Error()
	if u, perr := url.Parse(target); perr == nil && u.RawQuery != "" {
		msg = strings.ReplaceAll(msg, u.RawQuery, "…")
	}
	return msg
}

// ReadAll reads an object.
func (b *Bucket) ReadAll(ctx context.Context, key string) ([]byte, error) {
	return b.b.ReadAll(ctx, b.prefix+key)
}

// Write uploads an object with its headers.
func (b *Bucket) Write(ctx context.Context, key string, data []byte, meta Meta) error {
	return b.b.Write(ctx, b.prefix+key, data, meta)
}

// Delete removes an object.
func (b *Bucket) Delete(ctx context.Context, key string) error {
	return b.b.Delete(ctx, b.prefix+key)
}

// List calls fn with the key and size of each object under the target's
// prefix, the key without it.
func (b *Bucket) List(ctx context.Context, fn func(key string, size int64)) error {
	return b.b.List(ctx, b.prefix, func(key string, size int64) { fn(strings.TrimPrefix(key, b.prefix), size) })
}

// Attributes returns an object's stored headers, for tests and checks. A
// folder keeps none: for file:// targets they are empty.
func (b *Bucket) Attributes(ctx context.Context, key string) (Meta, error) {
	return b.b.Attributes(ctx, b.prefix+key)
}

// Close closes the bucket.
func (b *Bucket) Close() error { return b.b.Close() }

// notFound is the error of a missing object.
func notFound(key string) error {
	return fmt.Errorf("%s: %w", key, ErrNotFound)
}

// transient reports whether an error may go away if the call is made
// again.
func transient(ctx context.Context, err error) bool {
	if ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, ErrNotFound) {
		return false
	}
	for _, p := range permanent {
		if p(err) {
			return false
		}
	}
	return true
}
