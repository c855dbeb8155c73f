//go:build !awssdk

package deploy

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// s3Answer is the error of the S3 client for an answer with this status.
func s3Answer(status int) error {
	return &s3Error{Op: "PutObject", Key: "index.html", Status: status}
}

// The examples of AWS's documentation of Signature Version 4 for S3
// ("Signature Calculations for the Authorization Header: Transferring
// Payload in a Single Chunk"), with its example keys, bucket and date.
func TestSignV4Examples(t *testing.T) {
	cred := s3Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
	date := time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC)
	const scope = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
	for _, tt := range []struct {
		name, method, path, query string
		header                    map[string]string
		body                      string
		want                      string
	}{{
		name: "GET Object", method: "GET", path: "/test.txt",
		header: map[string]string{"Range": "bytes=0-9"},
		want:   "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
	}, {
		// The key has a $, which the canonical URI encodes as %24.
		name: "PUT Object", method: "PUT", path: "/test$file.text",
		header: map[string]string{"Date": "Fri, 24 May 2013 00:00:00 GMT", "X-Amz-Storage-Class": "REDUCED_REDUNDANCY"},
		body:   "Welcome to Amazon S3.",
		want:   "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
	}, {
		name: "GET Bucket Lifecycle", method: "GET", path: "/", query: "lifecycle",
		want: "SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543",
	}, {
		name: "Get Bucket (List Objects)", method: "GET", path: "/", query: "max-keys=2&prefix=J",
		want: "SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
	}} {
		u := &url.URL{Scheme: "https", Host: "examplebucket.s3.amazonaws.com", Path: tt.path, RawQuery: tt.query}
		req, err := http.NewRequest(tt.method, u.String(), strings.NewReader(tt.body))
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range tt.header {
			req.Header.Set(k, v)
		}
		req.Header.Set("X-Amz-Content-Sha256", hexSHA256([]byte(tt.body)))
		signV4(req, cred, "us-east-1", date)
		if got := req.Header.Get("Authorization"); got != scope+tt.want {
			c, _ := canonicalRequest(req)
			t.Errorf("%s: Authorization\n%s\nwant\n%s\ncanonical request:\n%s", tt.name, got, scope+tt.want, c)
		}
		if got := req.Header.Get("X-Amz-Date"); got != "20130524T000000Z" {
			t.Errorf("%s: x-amz-date %s", tt.name, got)
		}
	}
}

func TestSignV4SessionToken(t *testing.T) {
	req, _ := http.NewRequest("GET", "https://b.s3.ap-northeast-1.amazonaws.com/a", nil)
	req.Header.Set("X-Amz-Content-Sha256", emptySHA256)
	signV4(req, s3Credentials{AccessKeyID: "AKID", SecretAccessKey: "secret", SessionToken: "TOKEN"}, "ap-northeast-1", time.Now())
	if req.Header.Get("X-Amz-Security-Token") != "TOKEN" || !strings.Contains(req.Header.Get("Authorization"), "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,") {
		t.Errorf("the session token is not sent and signed: %v", req.Header)
	}
}

func TestCanonicalURI(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "/",
		"/site/index.html":        "/site/index.html",
		"/site/お知らせ/a b.html":     "/site/%E3%81%8A%E7%9F%A5%E3%82%89%E3%81%9B/a%20b.html",
		"/site/a+b=c&d/~x_y-z.js": "/site/a%2Bb%3Dc%26d/~x_y-z.js",
		"/site/%41":               "/site/%2541",
	} {
		if got := canonicalURI(in); got != want {
			t.Errorf("canonicalURI(%q) = %s, want %s", in, got, want)
		}
	}
}

// s3Env gives a test keys in the environment and no AWS files.
func s3Env(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKID")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "SECRETKEY")
	for _, k := range []string{"AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE"} {
		t.Setenv(k, "")
	}
}

func openS3Test(t *testing.T, target string) (*s3Store, error) {
	t.Helper()
	u, err := targetURL(target)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Del("prefix")
	u.RawQuery = q.Encode()
	b, err := openS3(context.Background(), u)
	if err != nil {
		return nil, err
	}
	return b.(*s3Store), nil
}

func TestS3Addressing(t *testing.T) {
	s3Env(t)
	for target, want := range map[string]string{
		"s3://site?region=ap-northeast-1":                                                       "https://site.s3.ap-northeast-1.amazonaws.com",
		"s3://www.example.jp?region=ap-northeast-1":                                             "https://s3.ap-northeast-1.amazonaws.com/www.example.jp",
		"s3://site?region=ap-northeast-1&use_path_style=true":                                   "https://s3.ap-northeast-1.amazonaws.com/site",
		"s3://site?region=ap-northeast-1&s3ForcePathStyle=true":                                 "https://s3.ap-northeast-1.amazonaws.com/site",
		"s3://site?region=us-east-1&dualstack=true":                                             "https://site.s3.dualstack.us-east-1.amazonaws.com",
		"s3://site?region=us-east-1&fips=true":                                                  "https://site.s3-fips.us-east-1.amazonaws.com",
		"s3://site?region=us-east-1&fips=true&dualstack=true":                                   "https://site.s3-fips.dualstack.us-east-1.amazonaws.com",
		"s3://site?region=us-east-1&accelerate=true":                                            "https://site.s3-accelerate.amazonaws.com",
		"s3://site?region=us-east-1&accelerate=true&dualstack=true":                             "https://site.s3-accelerate.dualstack.amazonaws.com",
		"s3://site?region=cn-north-1":                                                           "https://site.s3.cn-north-1.amazonaws.com.cn",
		"s3://site?region=ap-northeast-1&disable_https=true":                                    "http://site.s3.ap-northeast-1.amazonaws.com",
		"s3://site?endpoint=https://s3.example.jp&region=jp":                                    "https://s3.example.jp/site",
		"s3://site?endpoint=https://s3.example.jp/base/":                                        "https://s3.example.jp/base/site",
		"s3://site?endpoint=s3.example.jp:9000&disable_https=true":                              "http://s3.example.jp:9000/site",
		"s3://site?endpoint=https://s3.example.jp&use_path_style=false":                         "https://site.s3.example.jp",
		"s3://site?endpoint=https://s3.example.jp&s3ForcePathStyle=false":                       "https://site.s3.example.jp",
		"s3://site?endpoint=https://s3.example.jp&use_path_style=false&hostname_immutable=true": "https://s3.example.jp/site",
	} {
		st, err := openS3Test(t, target)
		if err != nil {
			t.Errorf("%s: %v", target, err)
			continue
		}
		if got := st.base.String(); got != want {
			t.Errorf("%s: %s, want %s", target, got, want)
		}
	}
	st, _ := openS3Test(t, "s3://site?endpoint=https://s3.example.jp")
	if st.region != "us-east-1" {
		t.Errorf("an endpoint without a region signs for %q", st.region)
	}
	for target, want := range map[string]string{
		"s3://site": "no region for the bucket: add region=",
		"s3://site?region=us-east-1&accelerate=true&fips=true":    "accelerate does not go with fips",
		"s3://a.b?region=us-east-1&accelerate=true":               "accelerate needs a bucket name without dots",
		"s3://site?endpoint=https://s3.example.jp&dualstack=true": "do not go with endpoint=",
		"s3://site?endpoint=ftp://s3.example.jp":                  `invalid value for "endpoint"`,
	} {
		if _, err := openS3Test(t, target); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want an error saying %q", target, err, want)
		}
	}
}

// writeFile writes a file of the test's home folder.
func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestS3Credentials checks where credentials are looked for, in order,
// and that what this build cannot do is refused when the target opens,
// naming the awssdk tag and never a secret.
func TestS3Credentials(t *testing.T) {
	const credentials = `# keys
[default]
aws_access_key_id = DEFAULTID
aws_secret_access_key = DEFAULTSECRET

[work]
aws_access_key_id=WORKID
aws_secret_access_key=WORKSECRET
aws_session_token = WORKTOKEN

[role]
role_arn = arn:aws:iam::123456789012:role/deploy
source_profile = default

[process]
credential_process = /usr/local/bin/get-keys

[half]
aws_access_key_id = HALFID
`
	const config = `[default]
region = ap-northeast-1

[profile static]
region = eu-west-1
aws_access_key_id = CONFIGID
aws_secret_access_key = CONFIGSECRET
s3 =
  addressing_style = path

[profile sso]
sso_session = kitami
sso_account_id = 123456789012
sso_role_name = Deploy

[profile broken]
aws_secret_access_key CONFIGSECRET
`
	secrets := []string{"DEFAULTSECRET", "WORKSECRET", "WORKTOKEN", "CONFIGSECRET"}
	setup := func(t *testing.T) string {
		s3Env(t)
		t.Setenv("AWS_ACCESS_KEY_ID", "")
		t.Setenv("AWS_SECRET_ACCESS_KEY", "")
		home := os.Getenv("HOME")
		writeFile(t, filepath.Join(home, ".aws", "credentials"), credentials)
		writeFile(t, filepath.Join(home, ".aws", "config"), config)
		return home
	}
	for _, tt := range []struct {
		name, target string
		env          map[string]string
		id, token    string // the keys found
		region       string
		err          []string // or the error
	}{
		{name: "environment first", target: "s3://site", env: map[string]string{"AWS_ACCESS_KEY_ID": "ENVID", "AWS_SECRET_ACCESS_KEY": "ENVSECRET", "AWS_SESSION_TOKEN": "ENVTOKEN"}, id: "ENVID", token: "ENVTOKEN", region: "ap-northeast-1"},
		{name: "default profile", target: "s3://site", id: "DEFAULTID", region: "ap-northeast-1"},
		{name: "profile=", target: "s3://site?profile=work&region=us-west-2", env: map[string]string{"AWS_PROFILE": "static"}, id: "WORKID", token: "WORKTOKEN", region: "us-west-2"},
		{name: "AWS_PROFILE", target: "s3://site", env: map[string]string{"AWS_PROFILE": "work", "AWS_REGION": "us-east-2"}, id: "WORKID", token: "WORKTOKEN", region: "us-east-2"},
		{name: "config file", target: "s3://site?profile=static", env: map[string]string{"AWS_DEFAULT_REGION": "ap-south-1"}, id: "CONFIGID", region: "ap-south-1"},
		{name: "region of the config file", target: "s3://site?profile=static", id: "CONFIGID", region: "eu-west-1"},
		{name: "AWS_REGION before AWS_DEFAULT_REGION", target: "s3://site", env: map[string]string{"AWS_REGION": "us-east-2", "AWS_DEFAULT_REGION": "ap-south-1"}, id: "DEFAULTID", region: "us-east-2"},
		{name: "files named by the environment", target: "s3://site?region=jp", env: map[string]string{"AWS_SHARED_CREDENTIALS_FILE": "{home}/other-credentials"}, id: "OTHERID", region: "jp"},
		{name: "anonymous", target: "s3://site?anonymous=true&profile=sso&region=ap-northeast-1", region: "ap-northeast-1"},

		{name: "assume-role profile", target: "s3://site?profile=role", err: []string{`.aws/credentials: profile "role" gets its credentials through assume-role (role_arn)`, "-tags awssdk"}},
		{name: "credential_process", target: "s3://site?profile=process", err: []string{"through an external credential process (credential_process)", "-tags awssdk"}},
		{name: "SSO", target: "s3://site?profile=sso&region=jp", err: []string{`.aws/config: profile "sso" gets its credentials through SSO (sso_session)`, "go build -tags awssdk ./cmd/furusato"}},
		{name: "role=", target: "s3://site?region=jp&role=arn:aws:iam::123456789012:role/deploy", err: []string{"role= asks to assume a role", "-tags awssdk", "assume-role"}},
		{name: "web identity", target: "s3://site?region=jp", env: map[string]string{"AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/token"}, err: []string{"AWS_WEB_IDENTITY_TOKEN_FILE is set", "-tags awssdk", "web identity"}},
		{name: "no such profile", target: "s3://site?region=jp&profile=nobody", err: []string{`AWS profile "nobody" is in neither`, "[profile nobody]"}},
		{name: "half a key pair", target: "s3://site?region=jp&profile=half", err: []string{`profile "half" has only one of aws_access_key_id and aws_secret_access_key`}},
		{name: "half a key pair in the environment", target: "s3://site?region=jp", env: map[string]string{"AWS_ACCESS_KEY_ID": "ENVID"}, err: []string{"AWS_SECRET_ACCESS_KEY is not"}},
		{name: "a line without =", target: "s3://site?region=jp&profile=broken", err: []string{".aws/config:17: want name = value"}},
		{name: "nothing found", target: "s3://site?region=jp", env: map[string]string{"HOME": "{home}/empty"}, err: []string{
			"no AWS credentials found: looked at AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (not set)",
			`profile "default" of {home}/empty/.aws/credentials (no such file) and {home}/empty/.aws/config (no such file)`,
			"anonymous=true", "instance or container role", "go build -tags awssdk ./cmd/furusato"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			home := setup(t)
			writeFile(t, filepath.Join(home, "other-credentials"), "[default]\naws_access_key_id = OTHERID\naws_secret_access_key = OTHERSECRET\n")
			for k, v := range tt.env {
				t.Setenv(k, strings.ReplaceAll(v, "{home}", home))
			}
			st, err := openS3Test(t, tt.target)
			if tt.err != nil {
				if err == nil {
					t.Fatalf("opened, want an error")
				}
				for _, want := range tt.err {
					if want = strings.ReplaceAll(want, "{home}", home); !strings.Contains(err.Error(), want) {
						t.Errorf("%v\nwant it to say %q", err, want)
					}
				}
				for _, s := range secrets {
					if strings.Contains(err.Error(), s) {
						t.Errorf("the error shows a secret: %v", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.id == "" {
				if st.cred != nil {
					t.Errorf("anonymous, yet credentials from %s", st.cred.Source)
				}
			} else if st.cred == nil || st.cred.AccessKeyID != tt.id || st.cred.SessionToken != tt.token {
				t.Errorf("credentials %+v, want %s (token %q)", st.cred, tt.id, tt.token)
			}
			if st.region != tt.region {
				t.Errorf("region %q, want %q", st.region, tt.region)
			}
		})
	}
}

// s3Fake answers every request with status and body, and keeps the
// requests. A 301 says the bucket is in eu-west-1, as S3 does.
func s3Fake(t *testing.T, status int, body string) (string, *[]*http.Request) {
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
	return "s3://site?endpoint=" + srv.URL + "&region=jp", &reqs
}

// TestS3Errors checks that S3's XML errors are read, and which of them
// are a missing object and which are not worth another try.
func TestS3Errors(t *testing.T) {
	s3Env(t)
	ctx := context.Background()
	for _, tt := range []struct {
		status              int
		body                string
		want                string
		notFound, permanent bool
	}{
		{403, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>1</RequestId></Error>`, "S3 GetObject a/b.html: 403 Forbidden: AccessDenied: Access Denied", false, true},
		{403, `<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error>`, "403 Forbidden: SignatureDoesNotMatch: The request signature", false, true},
		{404, `<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>`, "a/b.html: not found", true, false},
		{404, `<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>`, "404 Not Found: NoSuchBucket", false, true},
		{503, `<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>`, "503 Service Unavailable: SlowDown", false, false},
		{409, `<Error><Code>OperationAborted</Code></Error>`, "409 Conflict: OperationAborted", false, false},
		{301, `<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed using the specified endpoint.</Message></Error>`, "301 Moved Permanently: PermanentRedirect: The bucket you are attempting to access must be addressed using the specified endpoint. (the bucket is in eu-west-1: write region=eu-west-1 in the target)", false, true},
		{500, `not XML`, "S3 GetObject a/b.html: 500 Internal Server Error", false, false},
	} {
		target, _ := s3Fake(t, tt.status, tt.body)
		st, err := openS3Test(t, target)
		if err != nil {
			t.Fatal(err)
		}
		_, err = st.ReadAll(ctx, "a/b.html")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%d: %v, want %q", tt.status, err, tt.want)
		}
		if errors.Is(err, ErrNotFound) != tt.notFound || s3Permanent(err) != tt.permanent || transient(ctx, err) == (tt.permanent || tt.notFound) {
			t.Errorf("%v: not found %v, permanent %v, transient %v", err, errors.Is(err, ErrNotFound), s3Permanent(err), transient(ctx, err))
		}
	}
	// HEAD has no body: its 404 is a missing object, and Delete of one is
	// no error.
	target, reqs := s3Fake(t, 404, "")
	st, _ := openS3Test(t, target)
	if _, err := st.Attributes(ctx, "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("HEAD 404: %v", err)
	}
	if err := st.Delete(ctx, "x"); err != nil {
		t.Errorf("DELETE 404: %v", err)
	}
	if len(*reqs) != 2 || (*reqs)[0].Method != "HEAD" || (*reqs)[1].Method != "DELETE" {
		t.Errorf("requests: %v", *reqs)
	}
}

// TestS3Request checks what a PUT sends: the path-style URL with the key
// encoded once, the headers of the object, and a signature over them.
func TestS3Request(t *testing.T) {
	s3Env(t)
	target, reqs := s3Fake(t, 200, "")
	st, err := openS3Test(t, target+"&ssetype=aws:kms&kmskeyid=key-1")
	if err != nil {
		t.Fatal(err)
	}
	st.now = func() time.Time { return time.Date(2026, 12, 6, 5, 0, 0, 0, time.UTC) }
	body := []byte("<p>北見")
	if err := st.Write(context.Background(), "お知らせ/a b+c.html", body, Meta{ContentType: "text/html; charset=utf-8", CacheControl: "no-cache", ContentEncoding: "gzip", Redirect: "/about/"}); err != nil {
		t.Fatal(err)
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

	// anonymous=true: no signature.
	st, _ = openS3Test(t, target+"&anonymous=true")
	st.ReadAll(context.Background(), "x")
	if a := (*reqs)[1].Header.Get("Authorization"); a != "" {
		t.Errorf("an anonymous request is signed: %s", a)
	}
}

// TestS3Cancel checks that a call stops when its context is cancelled,
// as on Ctrl+C, with the context's error, and that a call the server
// never answers ends with its time limit, as an error worth retrying.
func TestS3Cancel(t *testing.T) {
	s3Env(t)
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
	st, err := openS3Test(t, "s3://site?endpoint="+srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-arrived
		cancel()
	}()
	err = st.Write(ctx, "index.html", []byte("x"), Meta{})
	if !errors.Is(err, context.Canceled) || transient(ctx, err) {
		t.Errorf("a cancelled upload: %v", err)
	}

	st.timeout = time.Millisecond
	err = st.Write(context.Background(), "index.html", []byte("x"), Meta{})
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "no answer within 1ms") || !transient(context.Background(), err) {
		t.Errorf("an upload without an answer: %v", err)
	}
}
