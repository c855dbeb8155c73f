//go:build !awssdk

package deploy

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// s3Store is an s3:// target: a bucket of Amazon S3 or of an
// S3-compatible server, reached with net/http and requests signed with
// AWS Signature Version 4 (s3_sign.go). The AWS SDK, whose S3 client
// alone took a fifth of furusato's build time, is in builds with -tags
// awssdk (store_s3_awssdk.go) for the credentials this one does not find.
type s3Store struct {
	client *http.Client
	// base is the URL of the bucket: https://bucket.s3.region.amazonaws.com
	// (virtual-hosted) or https://host/bucket (path-style).
	base      url.URL
	region    string
	cred      *s3Credentials // nil: anonymous, requests are not signed
	sse       string
	kmsKeyID  string
	timeout   time.Duration // per call, before the time its body needs
	bytesPerS int64         // the slowest upload speed a call is given time for
	now       func() time.Time
}

// openS3 opens an s3:// URL. Its parameters are those gocloud.dev/blob's
// s3blob took (gocloud.dev v0.47), so that targets keep working:
//
//	region                   the bucket's region; without it AWS_REGION,
//	                         AWS_DEFAULT_REGION, then the profile's region
//	                         in the config file (for an endpoint: us-east-1)
//	endpoint                 an S3-compatible server (https://host[:port]);
//	                         its requests are path-style unless
//	                         use_path_style=false
//	profile                  the profile of ~/.aws/credentials and
//	                         ~/.aws/config (else AWS_PROFILE, else default)
//	use_path_style (or s3ForcePathStyle)
//	                         https://host/bucket/key rather than
//	                         https://bucket.host/key
//	hostname_immutable       the endpoint's host as it is: path-style
//	disable_https            http:// for AWS, and for an endpoint written
//	                         without a scheme
//	accelerate, dualstack, fips
//	                         AWS's host names bucket.s3-accelerate.amazonaws.com,
//	                         s3.dualstack.REGION.amazonaws.com,
//	                         s3-fips.REGION.amazonaws.com (and
//	                         s3-fips.dualstack.…, s3-accelerate.dualstack.…)
//	anonymous                send requests unsigned (a public bucket)
//	ssetype, kmskeyid        server-side encryption: AES256, aws:kms or
//	                         aws:kms:dsse, and the KMS key
//	role                     refused: assuming a role takes the AWS SDK
//
// Accepted and unused, since this client has no use for them:
// request_checksum_calculation and response_checksum_validation
// (when_supported or when_required: every request is signed with the
// SHA-256 of its body, which S3-compatible servers accept),
// rate_limiter_capacity (the SDK's retry budget: this client does not
// retry, deploy does) and awssdk (s3blob's choice of SDK version).
//
// Bucket names with a dot go path-style on AWS, since the certificate of
// *.s3.REGION.amazonaws.com does not cover them.
//
// Credentials are looked up when the target is opened, before any
// upload, as s3CredentialsFor says; a build with -tags awssdk has the
// AWS SDK's whole chain. Each call has a time limit (1 minute, plus a
// second for each 64 kB of its body), and stops at once when ctx ends.
func openS3(ctx context.Context, u *url.URL) (backend, error) {
	bucket := u.Host
	if bucket == "" {
		return nil, errors.New("s3:// target without a bucket name")
	}
	var (
		region, endpoint, profile                               string
		pathStyle, pathStyleSet, immutable, noHTTPS, accelerate bool
		dualstack, fips, anonymous, forcePathStyle, forceSet    bool
		sse, kmsKeyID                                           string
	)
	boolean := func(k, v string) (bool, error) {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return false, fmt.Errorf("invalid value for %q: want true or false", k)
		}
		return b, nil
	}
	for k, vs := range u.Query() {
		v := vs[0]
		var err error
		switch k {
		case "region":
			region = v
		case "endpoint":
			endpoint = v
		case "profile":
			profile = v
		case "role":
			if !strings.HasPrefix(v, "arn:") {
				return nil, errors.New("invalid value for \"role\": want an ARN (arn:...)")
			}
			return nil, fmt.Errorf("role= asks to assume a role, which this furusato cannot do; %s", withSDK)
		case "use_path_style":
			pathStyle, err = boolean(k, v)
			pathStyleSet = true
		case "s3ForcePathStyle":
			// The older name wins: for an endpoint, Open adds
			// use_path_style=true unless the URL has it.
			forcePathStyle, err = boolean(k, v)
			forceSet = true
		case "hostname_immutable":
			immutable, err = boolean(k, v)
		case "disable_https":
			noHTTPS, err = boolean(k, v)
		case "accelerate":
			accelerate, err = boolean(k, v)
		case "dualstack":
			dualstack, err = boolean(k, v)
		case "fips":
			fips, err = boolean(k, v)
		case "anonymous":
			anonymous, err = boolean(k, v)
		case "request_checksum_calculation", "response_checksum_validation":
			if l := strings.ToLower(v); l != "when_supported" && l != "when_required" {
				return nil, fmt.Errorf("invalid value for %q: want when_supported or when_required", k)
			}
		case "rate_limiter_capacity":
			if _, err := strconv.ParseInt(v, 10, 32); err != nil {
				return nil, fmt.Errorf("invalid value for %q: want a number", k)
			}
		case "ssetype":
			sse = ""
			for _, t := range []string{"AES256", "aws:kms", "aws:kms:dsse"} {
				if strings.EqualFold(t, v) {
					sse = t
				}
			}
			if sse == "" {
				return nil, fmt.Errorf("invalid value for %q: want one of AES256, aws:kms, aws:kms:dsse", k)
			}
		case "kmskeyid":
			kmsKeyID = v
		case "awssdk":
		default:
			return nil, fmt.Errorf("unknown query parameter %q for an s3:// target", k)
		}
		if err != nil {
			return nil, err
		}
	}

	if forceSet {
		pathStyle, pathStyleSet = forcePathStyle, true
	}
	// Credentials first: what this build cannot do is worth saying
	// before anything else.
	files := findAWSFiles(profile)
	var cred *s3Credentials
	if !anonymous {
		c, err := s3CredentialsFor(files)
		if err != nil {
			return nil, err
		}
		cred = &c
	}
	region, err := s3RegionFor(region, files)
	if err != nil {
		return nil, err
	}
	st := &s3Store{
		cred:      cred,
		region:    region,
		sse:       sse,
		kmsKeyID:  kmsKeyID,
		timeout:   time.Minute,
		bytesPerS: 64 << 10,
		now:       time.Now,
	}
	scheme := "https"
	if noHTTPS {
		scheme = "http"
	}
	switch {
	case endpoint != "":
		if accelerate || dualstack || fips {
			return nil, errors.New("accelerate, dualstack and fips name AWS's own hosts: they do not go with endpoint=")
		}
		if !strings.Contains(endpoint, "://") {
			endpoint = scheme + "://" + endpoint
		}
		e, err := url.Parse(endpoint)
		if err != nil || e.Host == "" || (e.Scheme != "http" && e.Scheme != "https") {
			return nil, errors.New("invalid value for \"endpoint\": want a URL such as https://s3.example.jp")
		}
		if st.region == "" {
			st.region = "us-east-1"
		}
		st.base = url.URL{Scheme: e.Scheme, Host: e.Host, Path: strings.TrimSuffix(e.Path, "/")}
		if immutable || pathStyle || !pathStyleSet {
			st.base.Path += "/" + bucket
		} else {
			st.base.Host = bucket + "." + e.Host
		}
	default:
		if st.region == "" {
			return nil, fmt.Errorf("no region for the bucket: add region= to the target (s3://%s?region=ap-northeast-1), or set AWS_REGION", bucket)
		}
		domain := "amazonaws.com"
		if strings.HasPrefix(st.region, "cn-") {
			domain = "amazonaws.com.cn"
		}
		var host string
		switch {
		case accelerate:
			if fips {
				return nil, errors.New("accelerate does not go with fips: Amazon S3 Transfer Acceleration has no FIPS hosts")
			}
			if pathStyle || strings.Contains(bucket, ".") {
				return nil, errors.New("accelerate needs a bucket name without dots, addressed virtual-hosted (without use_path_style)")
			}
			host = "s3-accelerate." + domain
			if dualstack {
				host = "s3-accelerate.dualstack." + domain
			}
		case fips && dualstack:
			host = "s3-fips.dualstack." + st.region + "." + domain
		case fips:
			host = "s3-fips." + st.region + "." + domain
		case dualstack:
			host = "s3.dualstack." + st.region + "." + domain
		default:
			host = "s3." + st.region + "." + domain
		}
		st.base = url.URL{Scheme: scheme, Host: bucket + "." + host}
		if pathStyle || strings.Contains(bucket, ".") {
			st.base = url.URL{Scheme: scheme, Host: host, Path: "/" + bucket}
		}
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	tr.MaxIdleConnsPerHost = 16
	// Objects are read as stored: a gzip file is its bytes, not the
	// page it holds.
	tr.DisableCompression = true
	st.client = &http.Client{
		Transport: tr,
		// S3 sends a bucket in another region to its own host, which a
		// signature for this region does not open: say so instead.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return st, nil
}

// s3Error is an answer of S3 other than success: its status, and the
// Code and Message of the XML error it sent (empty for HEAD).
type s3Error struct {
	Op, Key       string
	Status        int
	Code, Message string
}

func (e *s3Error) Error() string {
	msg := fmt.Sprintf("S3 %s %s: %d %s", e.Op, e.Key, e.Status, http.StatusText(e.Status))
	if e.Code != "" {
		msg += ": " + e.Code
	}
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// do sends one request, signed, and returns the answer's body and headers.
func (s *s3Store) do(ctx context.Context, op, method, key string, body []byte, header http.Header) ([]byte, http.Header, error) {
	parent := ctx
	timeout := s.timeout + time.Duration(int64(len(body))/s.bytesPerS)*time.Second
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	u := s.base
	u.Path += "/" + key
	u.RawPath = canonicalURI(u.Path)
	req, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, nil, err
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	sum := emptySHA256
	if len(body) > 0 {
		sum = hexSHA256(body)
	}
	req.Header.Set("X-Amz-Content-Sha256", sum)
	if s.cred != nil {
		signV4(req, *s.cred, s.region, s.now())
	}
	resp, err := s.client.Do(req)
	if err != nil {
		// net/http wraps the context's error in a *url.Error that repeats
		// the URL: the key says enough.
		switch {
		case parent.Err() != nil:
			err = parent.Err()
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			err = fmt.Errorf("no answer within %v: %w", timeout, context.DeadlineExceeded)
		}
		return nil, nil, fmt.Errorf("S3 %s %s: %w", op, key, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, nil, fmt.Errorf("S3 %s %s: reading the answer: %w", op, key, err)
	}
	if resp.StatusCode/100 != 2 {
		e := &s3Error{Op: op, Key: key, Status: resp.StatusCode}
		var x struct {
			Code    string `xml:"Code"`
			Message string `xml:"Message"`
		}
		if xml.Unmarshal(data, &x) == nil {
			e.Code, e.Message = x.Code, x.Message
		}
		if r := resp.Header.Get("X-Amz-Bucket-Region"); r != "" && r != s.region {
			e.Message = strings.TrimSpace(e.Message + " (the bucket is in " + r + ": write region=" + r + " in the target)")
		}
		return nil, nil, e
	}
	return data, resp.Header, nil
}

func (s *s3Store) ReadAll(ctx context.Context, key string) ([]byte, error) {
	data, _, err := s.do(ctx, "GetObject", http.MethodGet, key, nil, nil)
	if s3NotFound(err) {
		return nil, notFound(key)
	}
	return data, err
}

func (s *s3Store) Write(ctx context.Context, key string, data []byte, meta Meta) error {
	h := http.Header{}
	for k, v := range map[string]string{
		"Content-Type":                                meta.ContentType,
		"Cache-Control":                               meta.CacheControl,
		"Content-Encoding":                            meta.ContentEncoding,
		"X-Amz-Website-Redirect-Location":             meta.Redirect,
		"X-Amz-Server-Side-Encryption":                s.sse,
		"X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id": s.kmsKeyID,
	} {
		if v != "" {
			h.Set(k, v)
		}
	}
	_, _, err := s.do(ctx, "PutObject", http.MethodPut, key, data, h)
	return err
}

func (s *s3Store) Delete(ctx context.Context, key string) error {
	_, _, err := s.do(ctx, "DeleteObject", http.MethodDelete, key, nil, nil)
	if s3NotFound(err) {
		return nil
	}
	return err
}

func (s *s3Store) Attributes(ctx context.Context, key string) (Meta, error) {
	_, h, err := s.do(ctx, "HeadObject", http.MethodHead, key, nil, nil)
	if s3NotFound(err) {
		return Meta{}, notFound(key)
	}
	if err != nil {
		return Meta{}, err
	}
	return Meta{
		ContentType:     h.Get("Content-Type"),
		CacheControl:    h.Get("Cache-Control"),
		ContentEncoding: h.Get("Content-Encoding"),
		Redirect:        h.Get("X-Amz-Website-Redirect-Location"),
	}, nil
}

func (s *s3Store) Close() error {
	s.client.CloseIdleConnections()
	return nil
}

// s3NotFound reports a missing object: a 404 (NoSuchKey, or no body for
// HEAD), unless the bucket itself is missing.
func s3NotFound(err error) bool {
	var e *s3Error
	return errors.As(err, &e) && e.Status == http.StatusNotFound && e.Code != "NoSuchBucket"
}

// s3Permanent reports an answer of S3 that trying again does not change:
// a client error (4xx: no such bucket, access denied, a bad request, a
// clock too far off), except a timeout, throttling or a conflict; and a
// redirect (3xx: the bucket is in another region), which this client
// does not follow.
func s3Permanent(err error) bool {
	var e *s3Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Status {
	case http.StatusRequestTimeout, http.StatusConflict, http.StatusTooManyRequests:
		return false
	default:
		return e.Status >= 300 && e.Status < 500
	}
}
