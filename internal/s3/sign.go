package s3

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sort"
	"strings"
	"time"
)

// AWS Signature Version 4 for S3, as AWS's public specification has it
// ("Authenticating Requests: Using the Authorization Header"): a canonical
// form of the request is hashed, and the hash signed with a key derived
// from the secret, the day, the region and the service.

const (
	sigAlgorithm = "AWS4-HMAC-SHA256"
	amzDate      = "20060102T150405Z"
	// emptySHA256 is the SHA-256 of no bytes, the payload hash of GET,
	// HEAD and DELETE.
	emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
)

// credentials are the keys requests are signed with.
type credentials struct {
	AccessKeyID, SecretAccessKey, SessionToken string
	// Source says where they were found, for messages: never a key.
	Source string
}

// signV4 adds the headers of Signature Version 4 to req, whose
// x-amz-content-sha256 header must already hold the hex SHA-256 of its
// body: x-amz-date, x-amz-security-token when there is a session token,
// and Authorization. It signs host, the x-amz-* headers, and
// Content-Type, Content-MD5 and Range when sent.
func signV4(req *http.Request, cred credentials, region string, now time.Time) {
	now = now.UTC()
	req.Header.Set("X-Amz-Date", now.Format(amzDate))
	if cred.SessionToken != "" {
		req.Header.Set("X-Amz-Security-Token", cred.SessionToken)
	}
	canonical, signed := canonicalRequest(req)
	day := now.Format("20060102")
	scope := day + "/" + region + "/s3/aws4_request"
	toSign := sigAlgorithm + "\n" + now.Format(amzDate) + "\n" + scope + "\n" + hexSHA256([]byte(canonical))
	key := hmacSHA256([]byte("AWS4"+cred.SecretAccessKey), day)
	for _, part := range []string{region, "s3", "aws4_request"} {
		key = hmacSHA256(key, part)
	}
	sig := hex.EncodeToString(hmacSHA256(key, toSign))
	req.Header.Set("Authorization", sigAlgorithm+" Credential="+cred.AccessKeyID+"/"+scope+",SignedHeaders="+signed+",Signature="+sig)
}

// canonicalRequest returns the canonical request of req and the list of
// the headers it signs.
func canonicalRequest(req *http.Request) (canonical, signedHeaders string) {
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	headers := map[string]string{"host": host}
	for name, vs := range req.Header {
		n := strings.ToLower(name)
		if strings.HasPrefix(n, "x-amz-") || n == "content-type" || n == "content-md5" || n == "range" || n == "date" {
			trimmed := make([]string, len(vs))
			for i, v := range vs {
				trimmed[i] = strings.Join(strings.Fields(v), " ")
			}
			headers[n] = strings.Join(trimmed, ",")
		}
	}
	names := make([]string, 0, len(headers))
	for n := range headers {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(req.Method + "\n")
	b.WriteString(canonicalURI(req.URL.Path) + "\n")
	b.WriteString(canonicalQuery(req.URL.Query()) + "\n")
	for _, n := range names {
		b.WriteString(n + ":" + headers[n] + "\n")
	}
	signedHeaders = strings.Join(names, ";")
	b.WriteString("\n" + signedHeaders + "\n")
	b.WriteString(req.Header.Get("X-Amz-Content-Sha256"))
	return b.String(), signedHeaders
}

// canonicalURI encodes each segment of a path once, as S3 wants (other
// services encode twice): "/お知らせ/a b.html" is
// "/%E3%81%8A%E7%9F%A5%E3%82%89%E3%81%9B/a%20b.html".
func canonicalURI(path string) string {
	if path == "" {
		return "/"
	}
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = uriEncode(s)
	}
	return strings.Join(segs, "/")
}

// canonicalQuery sorts the parameters by name and encodes names and
// values.
func canonicalQuery(q map[string][]string) string {
	var pairs []string
	for k, vs := range q {
		for _, v := range vs {
			pairs = append(pairs, uriEncode(k)+"="+uriEncode(v))
		}
	}
	sort.Strings(pairs)
	return strings.Join(pairs, "&")
}

// uriEncode is the specification's UriEncode: every byte but the
// unreserved characters A-Z a-z 0-9 - . _ ~ becomes %XX (upper case hex).
func uriEncode(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

func hmacSHA256(key []byte, data string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(data))
	return h.Sum(nil)
}

func hexSHA256(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
