package s3

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The examples of AWS's documentation of Signature Version 4 for S3
// ("Signature Calculations for the Authorization Header: Transferring
// Payload in a Single Chunk"), with its example keys, bucket and date.
func TestSignV4Examples(t *testing.T) {
	cred := credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
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
	signV4(req, credentials{AccessKeyID: "AKID", SecretAccessKey: "secret", SessionToken: "TOKEN"}, "ap-northeast-1", time.Now())
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
