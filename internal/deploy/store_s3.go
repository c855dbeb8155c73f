//go:build !awssdk

package deploy

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/furusato/furusato/internal/s3"
)

// s3Store is an s3:// target: a bucket of Amazon S3 or of an
// S3-compatible server, reached with the small client of internal/s3
// (net/http, requests signed with AWS Signature Version 4). The AWS SDK,
// whose S3 client alone took a fifth of furusato's build time, is in
// builds with -tags awssdk (store_s3_awssdk.go) for the credentials this
// one does not find.
type s3Store struct {
	client *s3.Client
}

// withSDK is said by every error about credentials this build cannot
// find or use.
const withSDK = "a furusato built with -tags awssdk (go build -tags awssdk ./cmd/furusato) has the AWS SDK's whole credential chain: SSO, assume-role, instance and container roles, web identity"

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
// upload, as go doc ./internal/s3 says; a build with -tags awssdk has the
// AWS SDK's whole chain. Each call has a time limit (1 minute, plus a
// second for each 64 kB of its body), and stops at once when ctx ends.
func openS3(ctx context.Context, u *url.URL) (backend, error) {
	o, err := s3Options(u)
	if err != nil {
		return nil, err
	}
	c, err := s3.New(o)
	if err != nil {
		return nil, err
	}
	return &s3Store{client: c}, nil
}

// s3Options turns the parameters of an s3:// URL into the client's
// Options.
func s3Options(u *url.URL) (s3.Options, error) {
	bucket := u.Host
	if bucket == "" {
		return s3.Options{}, errors.New("s3:// target without a bucket name")
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
				return s3.Options{}, errors.New("invalid value for \"role\": want an ARN (arn:...)")
			}
			return s3.Options{}, fmt.Errorf("role= asks to assume a role, which this furusato cannot do; %s", withSDK)
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
				return s3.Options{}, fmt.Errorf("invalid value for %q: want when_supported or when_required", k)
			}
		case "rate_limiter_capacity":
			if _, err := strconv.ParseInt(v, 10, 32); err != nil {
				return s3.Options{}, fmt.Errorf("invalid value for %q: want a number", k)
			}
		case "ssetype":
			sse = ""
			for _, t := range []string{"AES256", "aws:kms", "aws:kms:dsse"} {
				if strings.EqualFold(t, v) {
					sse = t
				}
			}
			if sse == "" {
				return s3.Options{}, fmt.Errorf("invalid value for %q: want one of AES256, aws:kms, aws:kms:dsse", k)
			}
		case "kmskeyid":
			kmsKeyID = v
		case "awssdk":
		default:
			return s3.Options{}, fmt.Errorf("unknown query parameter %q for an s3:// target", k)
		}
		if err != nil {
			return s3.Options{}, err
		}
	}

	if forceSet {
		pathStyle, pathStyleSet = forcePathStyle, true
	}
	o := s3.Options{
		Bucket:               bucket,
		Region:               region,
		Endpoint:             endpoint,
		Profile:              profile,
		DisableHTTPS:         noHTTPS,
		Accelerate:           accelerate,
		DualStack:            dualstack,
		FIPS:                 fips,
		Anonymous:            anonymous,
		ServerSideEncryption: sse,
		KMSKeyID:             kmsKeyID,
		CredentialsHelp:      withSDK,
	}
	switch {
	case endpoint != "" && immutable:
		// The endpoint's host as it is: the bucket goes in the path.
		o.Addressing = s3.PathStyle
	case pathStyleSet && pathStyle:
		o.Addressing = s3.PathStyle
	case pathStyleSet:
		o.Addressing = s3.VirtualHosted
	}
	return o, nil
}

func (s *s3Store) ReadAll(ctx context.Context, key string) ([]byte, error) {
	data, err := s.client.Get(ctx, key)
	if s3.NotFound(err) {
		return nil, notFound(key)
	}
	return data, err
}

func (s *s3Store) Write(ctx context.Context, key string, data []byte, meta Meta) error {
	h := http.Header{}
	for k, v := range map[string]string{
		"Content-Type":                    meta.ContentType,
		"Cache-Control":                   meta.CacheControl,
		"Content-Encoding":                meta.ContentEncoding,
		"X-Amz-Website-Redirect-Location": meta.Redirect,
	} {
		if v != "" {
			h.Set(k, v)
		}
	}
	return s.client.Put(ctx, key, data, h)
}

func (s *s3Store) Delete(ctx context.Context, key string) error {
	err := s.client.Delete(ctx, key)
	if s3.NotFound(err) {
		return nil
	}
	return err
}

func (s *s3Store) Attributes(ctx context.Context, key string) (Meta, error) {
	h, err := s.client.Head(ctx, key)
	if s3.NotFound(err) {
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

func (s *s3Store) List(ctx context.Context, prefix string, fn func(key string, size int64)) error {
	return s.client.List(ctx, prefix, fn)
}

func (s *s3Store) Close() error { return s.client.Close() }

// s3NotFound reports a missing object (s3.NotFound).
func s3NotFound(err error) bool { return s3.NotFound(err) }

// s3Permanent reports an answer of S3 that trying again does not change
// (s3.Permanent).
func s3Permanent(err error) bool { return s3.Permanent(err) }
