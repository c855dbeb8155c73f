// Package s3 is a small client for Amazon S3 and S3-compatible storage
// (Cloudflare R2, Sakura, Wasabi, MinIO, versitygw ...), built on net/http
// alone: it gets, puts, deletes and heads the objects of one bucket, with
// requests signed with AWS Signature Version 4. It is what furusato
// deploy uses for s3:// targets unless furusato is built with -tags
// awssdk, which brings the AWS SDK instead. Its messages are written for
// furusato's users: they name the parameters of an s3:// target
// (region=, anonymous=true) where one would mend the error.
//
// # Addressing
//
// On Amazon S3 (no Options.Endpoint) a bucket is addressed
// virtual-hosted, https://BUCKET.s3.REGION.amazonaws.com/KEY, or
// path-style, https://s3.REGION.amazonaws.com/BUCKET/KEY, with PathStyle
// and for bucket names with a dot, which the certificate of
// *.s3.REGION.amazonaws.com does not cover. Accelerate, DualStack and
// FIPS choose AWS's other hosts: BUCKET.s3-accelerate.amazonaws.com,
// s3.dualstack.REGION.amazonaws.com, s3-fips.REGION.amazonaws.com (and
// s3-fips.dualstack.…, s3-accelerate.dualstack.…); regions cn-* are under
// amazonaws.com.cn. At an Endpoint (https://host[:port][/path]) the
// addresses are path-style, https://host/BUCKET/KEY, unless VirtualHosted
// asks for https://BUCKET.host/KEY. DisableHTTPS gives http:// on AWS and
// for an endpoint written without a scheme.
//
// # Credentials and region
//
// New looks for the keys requests are signed with, in order: the
// environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
// AWS_SESSION_TOKEN), the profile's section of the shared credentials
// file, then its section of the config file. The files are those of
// AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, else ~/.aws/credentials
// and ~/.aws/config; the profile is Options.Profile, else AWS_PROFILE,
// else default. A profile that gets its credentials elsewhere (SSO, a
// role, a credential process), web identity, and no credentials at all
// are errors that say where the client looked, ending with
// Options.CredentialsHelp: it never asks an instance or container for a
// role. Anonymous sends requests unsigned (a public
// bucket). The region is Options.Region, else AWS_REGION, else
// AWS_DEFAULT_REGION, else the profile's region in the config file; at an
// Endpoint without one, us-east-1. Errors never hold a key.
//
// # Calls
//
// Each call has a time limit (1 minute, plus a second for each 64 kB of
// its body) and stops at once when its context ends. Every request is
// signed with the SHA-256 of its body, which S3-compatible servers accept
// (they reject some of the AWS SDK's default checksums). Redirects are not
// followed: S3 sends a bucket of another region to that region's host,
// and the error says which region to write. Objects are read as stored
// (no transparent gzip). The client does not retry: its caller decides,
// with NotFound and Permanent. A Client may be used from many goroutines.
package s3

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
	"strings"
	"time"
)

// Addressing is how a request names the bucket: in the host name
// (virtual-hosted) or in the path (path-style).
type Addressing int

const (
	// AddressDefault is virtual-hosted on Amazon S3 (path-style for a
	// bucket name with a dot) and path-style at an Endpoint, which is what
	// most S3-compatible servers know.
	AddressDefault Addressing = iota
	// PathStyle is https://host/BUCKET/KEY.
	PathStyle
	// VirtualHosted is https://BUCKET.host/KEY, except on Amazon S3 for a
	// bucket name with a dot.
	VirtualHosted
)

// Options say which bucket a Client reaches, where, and how.
type Options struct {
	Bucket string
	// Region is the bucket's region; empty: see the package
	// documentation.
	Region string
	// Endpoint is an S3-compatible server (https://host[:port][/path], or
	// host[:port]); empty for Amazon S3.
	Endpoint string
	// Profile is the profile of the AWS credentials and config files;
	// empty: AWS_PROFILE, else default.
	Profile    string
	Addressing Addressing
	// DisableHTTPS is http:// on Amazon S3, and for an Endpoint written
	// without a scheme.
	DisableHTTPS bool
	// Accelerate, DualStack and FIPS choose Amazon S3's hosts of Transfer
	// Acceleration, IPv6 and FIPS 140; none goes with an Endpoint.
	Accelerate, DualStack, FIPS bool
	// Anonymous sends requests unsigned, and looks for no credentials.
	Anonymous bool
	// ServerSideEncryption (AES256, aws:kms or aws:kms:dsse) and KMSKeyID
	// are sent with every Put, when set.
	ServerSideEncryption, KMSKeyID string
	// CredentialsHelp ends each error about credentials the client cannot
	// find or use: what else can.
	CredentialsHelp string
}

// A Client reaches one bucket.
type Client struct {
	client *http.Client
	// base is the URL of the bucket: https://bucket.s3.region.amazonaws.com
	// (virtual-hosted) or https://host/bucket (path-style).
	base      url.URL
	region    string
	cred      *credentials // nil: anonymous, requests are not signed
	sse       string
	kmsKeyID  string
	timeout   time.Duration // per call, before the time its body needs
	bytesPerS int64         // the slowest upload speed a call is given time for
	now       func() time.Time
}

// New makes the Client of a bucket, after looking up its credentials and
// region (see the package documentation): what it cannot find is an error
// now rather than at the first call.
func New(o Options) (*Client, error) {
	bucket := o.Bucket
	if bucket == "" {
		return nil, errors.New("no bucket name")
	}
	// Credentials first: what this client cannot do is worth saying
	// before anything else.
	files := findAWSFiles(o.Profile)
	var cred *credentials
	if !o.Anonymous {
		c, err := credentialsFor(files, o.CredentialsHelp)
		if err != nil {
			return nil, err
		}
		cred = &c
	}
	region, err := regionFor(o.Region, files)
	if err != nil {
		return nil, err
	}
	c := &Client{
		cred:      cred,
		region:    region,
		sse:       o.ServerSideEncryption,
		kmsKeyID:  o.KMSKeyID,
		timeout:   time.Minute,
		bytesPerS: 64 << 10,
		now:       time.Now,
	}
	scheme := "https"
	if o.DisableHTTPS {
		scheme = "http"
	}
	pathStyle := o.Addressing == PathStyle
	switch {
	case o.Endpoint != "":
		if o.Accelerate || o.DualStack || o.FIPS {
			return nil, errors.New("accelerate, dualstack and fips name AWS's own hosts: they do not go with endpoint=")
		}
		endpoint := o.Endpoint
		if !strings.Contains(endpoint, "://") {
			endpoint = scheme + "://" + endpoint
		}
		e, err := url.Parse(endpoint)
		if err != nil || e.Host == "" || (e.Scheme != "http" && e.Scheme != "https") {
			return nil, errors.New("invalid value for \"endpoint\": want a URL such as https://s3.example.jp")
		}
		if c.region == "" {
			c.region = "us-east-1"
		}
		c.base = url.URL{Scheme: e.Scheme, Host: e.Host, Path: strings.TrimSuffix(e.Path, "/")}
		if o.Addressing == VirtualHosted {
			c.base.Host = bucket + "." + e.Host
		} else {
			c.base.Path += "/" + bucket
		}
	default:
		if c.region == "" {
			return nil, fmt.Errorf("no region for the bucket: add region= to the target (s3://%s?region=ap-northeast-1), or set AWS_REGION", bucket)
		}
		domain := "amazonaws.com"
		if strings.HasPrefix(c.region, "cn-") {
			domain = "amazonaws.com.cn"
		}
		var host string
		switch {
		case o.Accelerate:
			if o.FIPS {
				return nil, errors.New("accelerate does not go with fips: Amazon S3 Transfer Acceleration has no FIPS hosts")
			}
			if pathStyle || strings.Contains(bucket, ".") {
				return nil, errors.New("accelerate needs a bucket name without dots, addressed virtual-hosted (without use_path_style)")
			}
			host = "s3-accelerate." + domain
			if o.DualStack {
				host = "s3-accelerate.dualstack." + domain
			}
		case o.FIPS && o.DualStack:
			host = "s3-fips.dualstack." + c.region + "." + domain
		case o.FIPS:
			host = "s3-fips." + c.region + "." + domain
		case o.DualStack:
			host = "s3.dualstack." + c.region + "." + domain
		default:
			host = "s3." + c.region + "." + domain
		}
		c.base = url.URL{Scheme: scheme, Host: bucket + "." + host}
		if pathStyle || strings.Contains(bucket, ".") {
			c.base = url.URL{Scheme: scheme, Host: host, Path: "/" + bucket}
		}
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	tr.MaxIdleConnsPerHost = 16
	// Objects are read as stored: a gzip file is its bytes, not the
	// page it holds.
	tr.DisableCompression = true
	c.client = &http.Client{
		Transport: tr,
		// S3 sends a bucket in another region to its own host, which a
		// signature for this region does not open: say so instead.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return c, nil
}

// Error is an answer of S3 other than success: its status, and the Code
// and Message of the XML error it sent (empty for HEAD).
type Error struct {
	Op, Key       string // GetObject, PutObject, DeleteObject, HeadObject or ListObjectsV2, and the object
	Status        int
	Code, Message string
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("S3 %s %s: %d %s", e.Op, e.Key, e.Status, http.StatusText(e.Status))
	if e.Code != "" {
		msg += ": " + e.Code
	}
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// NotFound reports an error that is a missing object: a 404 (NoSuchKey,
// or no body for HEAD), unless the bucket itself is missing.
func NotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Status == http.StatusNotFound && e.Code != "NoSuchBucket"
}

// Permanent reports an answer of S3 that trying again does not change:
// a client error (4xx: no such bucket, access denied, a bad request, a
// clock too far off), except a timeout, throttling or a conflict; and a
// redirect (3xx: the bucket is in another region), which this client
// does not follow.
func Permanent(err error) bool {
	var e *Error
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

// Get returns an object's bytes.
func (c *Client) Get(ctx context.Context, key string) ([]byte, error) {
	data, _, err := c.do(ctx, "GetObject", http.MethodGet, key, nil, nil, nil)
	return data, err
}

// Put uploads an object with the headers it is to be served with
// (Content-Type, Cache-Control, x-amz-website-redirect-location ...).
func (c *Client) Put(ctx context.Context, key string, data []byte, header http.Header) error {
	h := header.Clone()
	if h == nil {
		h = http.Header{}
	}
	if c.sse != "" {
		h.Set("X-Amz-Server-Side-Encryption", c.sse)
	}
	if c.kmsKeyID != "" {
		h.Set("X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id", c.kmsKeyID)
	}
	_, _, err := c.do(ctx, "PutObject", http.MethodPut, key, nil, data, h)
	return err
}

// Delete removes an object.
func (c *Client) Delete(ctx context.Context, key string) error {
	_, _, err := c.do(ctx, "DeleteObject", http.MethodDelete, key, nil, nil, nil)
	return err
}

// Head returns an object's headers.
func (c *Client) Head(ctx context.Context, key string) (http.Header, error) {
	_, h, err := c.do(ctx, "HeadObject", http.MethodHead, key, nil, nil, nil)
	return h, err
}

// List calls fn with the key and size of each object whose key starts
// with prefix, a page of up to 1,000 at a time (ListObjectsV2).
func (c *Client) List(ctx context.Context, prefix string, fn func(key string, size int64)) error {
	token := ""
	for {
		q := url.Values{"list-type": {"2"}}
		if prefix != "" {
			q.Set("prefix", prefix)
		}
		if token != "" {
			q.Set("continuation-token", token)
		}
		data, _, err := c.do(ctx, "ListObjectsV2", http.MethodGet, "", q, nil, nil)
		if err != nil {
			return err
		}
		var page struct {
			Contents []struct {
				Key  string `xml:"Key"`
				Size int64  `xml:"Size"`
			} `xml:"Contents"`
			IsTruncated           bool   `xml:"IsTruncated"`
			NextContinuationToken string `xml:"NextContinuationToken"`
		}
		if err := xml.Unmarshal(data, &page); err != nil {
			return fmt.Errorf("S3 ListObjectsV2: reading the answer: %w", err)
		}
		for _, o := range page.Contents {
			fn(o.Key, o.Size)
		}
		if !page.IsTruncated || page.NextContinuationToken == "" {
			return nil
		}
		token = page.NextContinuationToken
	}
}

// Close closes the connections kept for the next calls.
func (c *Client) Close() error {
	c.client.CloseIdleConnections()
	return nil
}

// do sends one request, signed, and returns the answer's body and headers.
// query, when not nil, is the request's parameters (a listing's).
func (c *Client) do(ctx context.Context, op, method, key string, query url.Values, body []byte, header http.Header) ([]byte, http.Header, error) {
	parent := ctx
	timeout := c.timeout + time.Duration(int64(len(body))/c.bytesPerS)*time.Second
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	u := c.base
	u.Path += "/" + key
	u.RawPath = canonicalURI(u.Path)
	if query != nil {
		u.RawQuery = canonicalQuery(query) // encoded as signed
	}
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
	if c.cred != nil {
		signV4(req, *c.cred, c.region, c.now())
	}
	resp, err := c.client.Do(req)
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
		e := &Error{Op: op, Key: key, Status: resp.StatusCode}
		var x struct {
			Code    string `xml:"Code"`
			Message string `xml:"Message"`
		}
		if xml.Unmarshal(data, &x) == nil {
			e.Code, e.Message = x.Code, x.Message
		}
		if r := resp.Header.Get("X-Amz-Bucket-Region"); r != "" && r != c.region {
			e.Message = strings.TrimSpace(e.Message + " (the bucket is in " + r + ": write region=" + r + " in the target)")
		}
		return nil, nil, e
	}
	return data, resp.Header, nil
}
