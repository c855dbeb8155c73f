package s3

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

// testEnv gives a test keys in the environment and no AWS files.
func testEnv(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKID")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "SECRETKEY")
	for _, k := range []string{"AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE"} {
		t.Setenv(k, "")
	}
}

func TestAddressing(t *testing.T) {
	testEnv(t)
	for _, tt := range []struct {
		o    Options
		want string
	}{
		{Options{Bucket: "site", Region: "ap-northeast-1"}, "https://site.s3.ap-northeast-1.amazonaws.com"},
		{Options{Bucket: "www.example.jp", Region: "ap-northeast-1"}, "https://s3.ap-northeast-1.amazonaws.com/www.example.jp"},
		{Options{Bucket: "www.example.jp", Region: "ap-northeast-1", Addressing: VirtualHosted}, "https://s3.ap-northeast-1.amazonaws.com/www.example.jp"},
		{Options{Bucket: "site", Region: "ap-northeast-1", Addressing: PathStyle}, "https://s3.ap-northeast-1.amazonaws.com/site"},
		{Options{Bucket: "site", Region: "ap-northeast-1", Addressing: VirtualHosted}, "https://site.s3.ap-northeast-1.amazonaws.com"},
		{Options{Bucket: "site", Region: "us-east-1", DualStack: true}, "https://site.s3.dualstack.us-east-1.amazonaws.com"},
		{Options{Bucket: "site", Region: "us-east-1", FIPS: true}, "https://site.s3-fips.us-east-1.amazonaws.com"},
		{Options{Bucket: "site", Region: "us-east-1", FIPS: true, DualStack: true}, "https://site.s3-fips.dualstack.us-east-1.amazonaws.com"},
		{Options{Bucket: "site", Region: "us-east-1", Accelerate: true}, "https://site.s3-accelerate.amazonaws.com"},
		{Options{Bucket: "site", Region: "us-east-1", Accelerate: true, DualStack: true}, "https://site.s3-accelerate.dualstack.amazonaws.com"},
		{Options{Bucket: "site", Region: "cn-north-1"}, "https://site.s3.cn-north-1.amazonaws.com.cn"},
		{Options{Bucket: "site", Region: "ap-northeast-1", DisableHTTPS: true}, "http://site.s3.ap-northeast-1.amazonaws.com"},
		{Options{Bucket: "site", Endpoint: "https://s3.example.jp", Region: "jp"}, "https://s3.example.jp/site"},
		{Options{Bucket: "site", Endpoint: "https://s3.example.jp/base/"}, "https://s3.example.jp/base/site"},
		{Options{Bucket: "site", Endpoint: "s3.example.jp:9000", DisableHTTPS: true}, "http://s3.example.jp:9000/site"},
		{Options{Bucket: "site", Endpoint: "https://s3.example.jp", Addressing: PathStyle}, "https://s3.example.jp/site"},
		{Options{Bucket: "site", Endpoint: "https://s3.example.jp", Addressing: VirtualHosted}, "https://site.s3.example.jp"},
	} {
		c, err := New(tt.o)
		if err != nil {
			t.Errorf("%+v: %v", tt.o, err)
			continue
		}
		if got := c.base.String(); got != tt.want {
			t.Errorf("%+v: %s, want %s", tt.o, got, tt.want)
		}
	}
	c, _ := New(Options{Bucket: "site", Endpoint: "https://s3.example.jp"})
	if c.region != "us-east-1" {
		t.Errorf("an endpoint without a region signs for %q", c.region)
	}
	for _, tt := range []struct {
		o    Options
		want string
	}{
		{Options{Bucket: "site"}, "no region for the bucket: add region="},
		{Options{}, "no bucket name"},
		{Options{Bucket: "site", Region: "us-east-1", Accelerate: true, FIPS: true}, "accelerate does not go with fips"},
		{Options{Bucket: "a.b", Region: "us-east-1", Accelerate: true}, "accelerate needs a bucket name without dots"},
		{Options{Bucket: "site", Region: "us-east-1", Accelerate: true, Addressing: PathStyle}, "accelerate needs a bucket name without dots, addressed virtual-hosted"},
		{Options{Bucket: "site", Endpoint: "https://s3.example.jp", DualStack: true}, "do not go with endpoint="},
		{Options{Bucket: "site", Endpoint: "ftp://s3.example.jp"}, `invalid value for "endpoint"`},
	} {
		if _, err := New(tt.o); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: %v, want an error saying %q", tt.o, err, tt.want)
		}
	}
}

// fakeS3 answers every request with status and body, and keeps the
// requests. A 301 says the bucket is in eu-west-1, as S3 does. It returns
// the Options of its bucket "site".
func fakeS3(t *testing.T, status int, body string) (Options, *[]*http.Request) {
	var reqs []*http.Request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reqs = append(reqs, r)
		if status == http.StatusMovedPermanently {
			w.Header().Set("X-Amz-Bucket-Region", "eu-west-1")
			w.Header().Set("Location", "/elsewhere")
		}
		w.WriteHeader(status)
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return Options{Bucket: "site", Endpoint: srv.URL, Region: "jp"}, &reqs
}

// TestErrors checks that S3's XML errors are read, and which of them are
// a missing object and which are not worth another try.
func TestErrors(t *testing.T) {
	testEnv(t)
	ctx := context.Background()
	for _, tt := range []struct {
		status              int
		body                string
		want                string
		notFound, permanent bool
	}{
		{403, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>1</RequestId></Error>`, "S3 GetObject a/b.html: 403 Forbidden: AccessDenied: Access Denied", false, true},
		{403, `<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error>`, "403 Forbidden: SignatureDoesNotMatch: The request signature", false, true},
		{404, `<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>`, "S3 GetObject a/b.html: 404 Not Found: NoSuchKey: The specified key does not exist.", true, true},
		{404, `<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>`, "404 Not Found: NoSuchBucket", false, true},
		{503, `<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>`, "503 Service Unavailable: SlowDown", false, false},
		{409, `<Error><Code>OperationAborted</Code></Error>`, "409 Conflict: OperationAborted", false, false},
		{429, ``, "429 Too Many Requests", false, false},
		{408, ``, "408 Request Timeout", false, false},
		{301, `<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed using the specified endpoint.</Message></Error>`, "301 Moved Permanently: PermanentRedirect: The bucket you are attempting to access must be addressed using the specified endpoint. (the bucket is in eu-west-1: write region=eu-west-1 in the target)", false, true},
		{500, `not XML`, "S3 GetObject a/b.html: 500 Internal Server Error", false, false},
	} {
		o, _ := fakeS3(t, tt.status, tt.body)
		c, err := New(o)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Get(ctx, "a/b.html")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%d: %v, want %q", tt.status, err, tt.want)
		}
		var e *Error
		if !errors.As(err, &e) || e.Status != tt.status {
			t.Errorf("%d: %v is not an *Error of that status", tt.status, err)
		}
		if NotFound(err) != tt.notFound || Permanent(err) != tt.permanent {
			t.Errorf("%v: not found %v, permanent %v", err, NotFound(err), Permanent(err))
		}
	}
	// HEAD has no body: its 404 is a missing object.
	o, reqs := fakeS3(t, 404, "")
	c, _ := New(o)
	if _, err := c.Head(ctx, "x"); !NotFound(err) {
		t.Errorf("HEAD 404: %v", err)
	}
	if err := c.Delete(ctx, "x"); !NotFound(err) {
		t.Errorf("DELETE 404: %v", err)
	}
	if len(*reqs) != 2 || (*reqs)[0].Method != "HEAD" || (*reqs)[1].Method != "DELETE" {
		t.Errorf("requests: %v", *reqs)
	}
	if NotFound(errors.New("connection reset by peer")) || Permanent(errors.New("connection reset by peer")) {
		t.Error("an error without an answer of S3 is taken for one")
	}
}

// TestRequest checks what a PUT sends: the path-style URL with the key
// encoded once, the object's headers and the server-side encryption, and
// a signature over them; and that GET and HEAD return what was sent.
func TestRequest(t *testing.T) {
	testEnv(t)
	o, reqs := fakeS3(t, 200, "")
	o.ServerSideEncryption, o.KMSKeyID = "aws:kms", "key-1"
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	c.now = func() time.Time { return time.Date(2026, 12, 6, 5, 0, 0, 0, time.UTC) }
	body := []byte("<p>北見")
	header := http.Header{
		"Content-Type":                    {"text/html; charset=utf-8"},
		"Cache-Control":                   {"no-cache"},
		"Content-Encoding":                {"gzip"},
		"X-Amz-Website-Redirect-Location": {"/about/"},
	}
	if err := c.Put(context.Background(), "お知らせ/a b+c.html", body, header); err != nil {
		t.Fatal(err)
	}
	if len(header) != 4 {
		t.Errorf("Put changed the caller's header: %v", header)
	}
	r := (*reqs)[0]
	if r.Method != "PUT" || r.URL.EscapedPath() != "/site/%E3%81%8A%E7%9F%A5%E3%82%89%E3%81%9B/a%20b%2Bc.html" {
		t.Errorf("%s %s", r.Method, r.URL.EscapedPath())
	}
	for k, v := range map[string]string{
		"Content-Type":                                "text/html; charset=utf-8",
		"Cache-Control":                               "no-cache",
		"Content-Encoding":                            "gzip",
		"X-Amz-Website-Redirect-Location":             "/about/",
		"X-Amz-Server-Side-Encryption":                "aws:kms",
		"X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id": "key-1",
		"X-Amz-Content-Sha256":                        hexSHA256(body),
		"X-Amz-Date":                                  "20261206T050000Z",
	} {
		if got := r.Header.Get(k); got != v {
			t.Errorf("%s: %q, want %q", k, got, v)
		}
	}
	const signed = "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-server-side-encryption;x-amz-server-side-encryption-aws-kms-key-id;x-amz-website-redirect-location,"
	if a := r.Header.Get("Authorization"); !strings.HasPrefix(a, "AWS4-HMAC-SHA256 Credential=AKID/20261206/jp/s3/aws4_request,"+signed) || strings.Contains(a, "SECRETKEY") {
		t.Errorf("Authorization: %s", a)
	}

	// Anonymous: no signature.
	o.Anonymous = true
	c, _ = New(o)
	c.Get(context.Background(), "x")
	if a := (*reqs)[1].Header.Get("Authorization"); a != "" {
		t.Errorf("an anonymous request is signed: %s", a)
	}
}

// TestAnswers checks that Get returns the object's bytes as stored, and
// Head its headers.
func TestAnswers(t *testing.T) {
	testEnv(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("X-Amz-Website-Redirect-Location", "/about/")
		if r.Method == http.MethodGet {
			w.Write([]byte("\x1f\x8bnot really gzip"))
		}
	}))
	defer srv.Close()
	c, err := New(Options{Bucket: "site", Endpoint: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	data, err := c.Get(context.Background(), "index.html")
	if err != nil || string(data) != "\x1f\x8bnot really gzip" {
		t.Errorf("Get: %q, %v", data, err)
	}
	h, err := c.Head(context.Background(), "index.html")
	if err != nil || h.Get("Content-Encoding") != "gzip" || h.Get("X-Amz-Website-Redirect-Location") != "/about/" {
		t.Errorf("Head: %v, %v", h, err)
	}
}

// TestList reads a listing of two pages: the second asked for with the
// first's continuation token, each request signed with its parameters.
func TestList(t *testing.T) {
	testEnv(t)
	var queries []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.URL.RawQuery)
		if r.URL.Path != "/site/" || r.URL.Query().Get("list-type") != "2" || r.URL.Query().Get("prefix") != "a b/" ||
			!strings.Contains(r.Header.Get("Authorization"), "SignedHeaders=host;x-amz-content-sha256;x-amz-date,") {
			http.Error(w, "bad request "+r.URL.String(), http.StatusBadRequest)
			return
		}
		if r.URL.Query().Get("continuation-token") == "" {
			w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><IsTruncated>true</IsTruncated>` +
				`<Contents><Key>a b/index.html</Key><Size>120</Size></Contents><Contents><Key>a b/お知らせ/index.html</Key><Size>3</Size></Contents>` +
				`<NextContinuationToken>1/2+3=</NextContinuationToken></ListBucketResult>`))
			return
		}
		if r.URL.Query().Get("continuation-token") != "1/2+3=" {
			http.Error(w, "bad token", http.StatusBadRequest)
			return
		}
		w.Write([]byte(`<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>a b/z.css</Key><Size>0</Size></Contents></ListBucketResult>`))
	}))
	defer srv.Close()
	c, err := New(Options{Bucket: "site", Endpoint: srv.URL, Addressing: PathStyle})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var got []string
	err = c.List(context.Background(), "a b/", func(key string, size int64) { got = append(got, fmt.Sprintf("%s %d", key, size)) })
	want := []string{"a b/index.html 120", "a b/お知らせ/index.html 3", "a b/z.css 0"}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("List: %q, %v (queries %q)", got, err, queries)
	}
	if len(queries) != 2 || !strings.Contains(queries[1], "continuation-token=1%2F2%2B3%3D") {
		t.Errorf("queries: %q", queries)
	}
}

// TestCancel checks that a call stops when its context is cancelled, as
// on Ctrl+C, with the context's error, and that a call the server never
// answers ends with its time limit, as an error worth retrying.
func TestCancel(t *testing.T) {
	testEnv(t)
	arrived := make(chan struct{}, 1)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	c, err := New(Options{Bucket: "site", Endpoint: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-arrived
		cancel()
	}()
	err = c.Put(ctx, "index.html", []byte("x"), nil)
	if !errors.Is(err, context.Canceled) || Permanent(err) || !strings.HasPrefix(err.Error(), "S3 PutObject index.html: ") {
		t.Errorf("a cancelled upload: %v", err)
	}

	c.timeout = time.Millisecond
	err = c.Put(context.Background(), "index.html", []byte("x"), nil)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "no answer within 1ms") || Permanent(err) {
		t.Errorf("an upload without an answer: %v", err)
	}
}
