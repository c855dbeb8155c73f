//go:build !awssdk

package deploy

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/s3"
)

// s3Answer is the error of the S3 client for an answer with this status.
func s3Answer(status int) error {
	return &s3.Error{Op: "PutObject", Key: "index.html", Status: status}
}

// TestS3Options checks how the parameters of an s3:// target become the
// Options of the S3 client (go doc ./internal/s3 has what those do).
func TestS3Options(t *testing.T) {
	options := func(target string) (s3.Options, error) {
		t.Helper()
		u, err := targetURL(target)
		if err != nil {
			t.Fatal(err)
		}
		return s3Options(u)
	}
	for target, want := range map[string]s3.Options{
		"s3://site?region=ap-northeast-1":                                                {Bucket: "site", Region: "ap-northeast-1"},
		"s3://site?region=jp&profile=work&anonymous=true&disable_https=true":             {Bucket: "site", Region: "jp", Profile: "work", Anonymous: true, DisableHTTPS: true},
		"s3://site?region=us-east-1&accelerate=true&dualstack=true&fips=false":           {Bucket: "site", Region: "us-east-1", Accelerate: true, DualStack: true},
		"s3://site?region=us-east-1&fips=true":                                           {Bucket: "site", Region: "us-east-1", FIPS: true},
		"s3://site?region=jp&use_path_style=true":                                        {Bucket: "site", Region: "jp", Addressing: s3.PathStyle},
		"s3://site?region=jp&use_path_style=false":                                       {Bucket: "site", Region: "jp", Addressing: s3.VirtualHosted},
		"s3://site?region=jp&use_path_style=true&s3ForcePathStyle=false":                 {Bucket: "site", Region: "jp", Addressing: s3.VirtualHosted},
		"s3://site?region=jp&hostname_immutable=true":                                    {Bucket: "site", Region: "jp"},
		"s3://site?endpoint=https://s3.example.jp":                                       {Bucket: "site", Endpoint: "https://s3.example.jp", Addressing: s3.PathStyle},
		"s3://site?endpoint=https://s3.example.jp&use_path_style=false":                  {Bucket: "site", Endpoint: "https://s3.example.jp", Addressing: s3.VirtualHosted},
		"s3://site?endpoint=https://s3.example.jp&s3ForcePathStyle=false":                {Bucket: "site", Endpoint: "https://s3.example.jp", Addressing: s3.VirtualHosted},
		"s3://site?endpoint=https://s3.example.jp&use_path_style=0&hostname_immutable=1": {Bucket: "site", Endpoint: "https://s3.example.jp", Addressing: s3.PathStyle},
		"s3://site?region=jp&ssetype=AWS:KMS&kmskeyid=key-1":                             {Bucket: "site", Region: "jp", ServerSideEncryption: "aws:kms", KMSKeyID: "key-1"},
		"s3://site?region=jp&ssetype=aes256&rate_limiter_capacity=10&awssdk=v2":          {Bucket: "site", Region: "jp", ServerSideEncryption: "AES256"},
	} {
		want.CredentialsHelp = withSDK
		got, err := options(target)
		if err != nil || got != want {
			t.Errorf("%s:\n%+v, %v\nwant %+v", target, got, err, want)
		}
	}
	for target, want := range map[string]string{
		"s3://site?region=jp&role=arn:aws:iam::123456789012:role/deploy": "role= asks to assume a role, which this furusato cannot do; " + withSDK,
		"s3://site?region=jp&role=deploy":                                `invalid value for "role": want an ARN`,
		"s3://site?region=jp&fips=maybe":                                 `invalid value for "fips": want true or false`,
		"s3://site?region=jp&ssetype=rot13":                              `invalid value for "ssetype": want one of AES256, aws:kms, aws:kms:dsse`,
		"s3://site?region=jp&rate_limiter_capacity=lots":                 `invalid value for "rate_limiter_capacity": want a number`,
		"s3://site?region=jp&request_checksum_calculation=always":        `invalid value for "request_checksum_calculation": want when_supported or when_required`,
		"s3://site?region=jp&acl=public-read":                            `unknown query parameter "acl" for an s3:// target`,
	} {
		if _, err := options(target); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want an error saying %q", target, err, want)
		}
	}
}

// TestS3Open checks that a target opens through the S3 client with the
// errors of credentials saying how to build a furusato with the AWS SDK,
// and that a missing object is ErrNotFound and deleting one no error.
func TestS3Open(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE"} {
		t.Setenv(k, "")
	}
	ctx := context.Background()
	_, err := Open(ctx, "s3://site?region=jp")
	if err == nil || !strings.Contains(err.Error(), "open s3://site?region=jp: no AWS credentials found") ||
		!strings.Contains(err.Error(), filepath.Join(home, ".aws", "credentials")) || !strings.HasSuffix(err.Error(), withSDK) {
		t.Errorf("no credentials: %v", err)
	}

	var methods []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		methods = append(methods, r.Method)
		w.WriteHeader(http.StatusNotFound)
		if r.Method == http.MethodGet {
			w.Write([]byte("<Error><Code>NoSuchKey</Code></Error>"))
		}
	}))
	defer srv.Close()
	b, err := Open(ctx, "s3://site?anonymous=true&prefix=www/&endpoint="+url.QueryEscape(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := b.ReadAll(ctx, "index.html"); !errors.Is(err, ErrNotFound) || err.Error() != "www/index.html: not found" {
		t.Errorf("GET 404: %v", err)
	}
	if _, err := b.Attributes(ctx, "index.html"); !errors.Is(err, ErrNotFound) || err.Error() != "www/index.html: not found" {
		t.Errorf("HEAD 404: %v", err)
	}
	if err := b.Delete(ctx, "index.html"); err != nil {
		t.Errorf("DELETE 404: %v", err)
	}
	if strings.Join(methods, " ") != "GET HEAD DELETE" {
		t.Errorf("requests: %v", methods)
	}
}
