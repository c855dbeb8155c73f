//go:build awssdk

package deploy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

// s3Store is an s3:// target: a bucket of Amazon S3 or of an
// S3-compatible server, through the AWS SDK.
type s3Store struct {
	client   *s3.Client
	bucket   string
	sse      types.ServerSideEncryption
	kmsKeyID string
}

// openS3 opens an s3:// URL. Its parameters are those gocloud.dev/blob's
// s3blob took (gocloud.dev v0.47), so that targets keep working:
//
//	region, endpoint, profile, role                    where and as whom
//	use_path_style (or s3ForcePathStyle), disable_https,
//	accelerate, dualstack, fips, hostname_immutable     how to address it
//	                                                    (hostname_immutable: path-style)
//	request_checksum_calculation,
//	response_checksum_validation                        when_supported or when_required
//	anonymous                                           send no credentials
//	ssetype, kmskeyid                                   server-side encryption
//	rate_limiter_capacity                               the SDK's retry budget
//	awssdk                                              ignored (v2 is the only one)
//
// Credentials come from the SDK's default chain (environment, ~/.aws,
// SSO, instance roles ...), never from the URL.
func openS3(ctx context.Context, u *url.URL) (backend, error) {
	if u.Host == "" {
		return nil, errors.New("s3:// target without a bucket name")
	}
	st := &s3Store{bucket: u.Host}
	var (
		loads    []func(*config.LoadOptions) error
		s3opts   []func(*s3.Options)
		endpoint string
		roleARN  string
		// hostnameImmutable: the endpoint's host is used as it is, so
		// the bucket goes in the path, as with s3blob's resolver.
		hostnameImmutable bool
		rateLimiter       retry.RateLimiter = ratelimit.None
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
		switch k {
		case "region":
			loads = append(loads, config.WithRegion(v))
		case "endpoint":
			endpoint = v
		case "profile":
			loads = append(loads, config.WithSharedConfigProfile(v))
		case "role":
			if !strings.HasPrefix(v, "arn:") {
				return nil, errors.New("invalid value for \"role\": want an ARN (arn:...)")
			}
			roleARN = v
		case "use_path_style", "s3ForcePathStyle", "disable_https", "accelerate", "hostname_immutable":
			b, err := boolean(k, v)
			if err != nil {
				return nil, err
			}
			s3opts = append(s3opts, func(o *s3.Options) {
				switch k {
				case "use_path_style", "s3ForcePathStyle":
					o.UsePathStyle = b
				case "disable_https":
					o.EndpointOptions.DisableHTTPS = b
				case "accelerate":
					o.UseAccelerate = b
				}
			})
			if k == "hostname_immutable" {
				hostnameImmutable = b
			}
		case "dualstack", "fips", "anonymous":
			b, err := boolean(k, v)
			if err != nil {
				return nil, err
			}
			switch {
			case !b:
			case k == "dualstack":
				loads = append(loads, config.WithUseDualStackEndpoint(aws.DualStackEndpointStateEnabled))
			case k == "fips":
				loads = append(loads, config.WithUseFIPSEndpoint(aws.FIPSEndpointStateEnabled))
			default:
				loads = append(loads, config.WithCredentialsProvider(aws.AnonymousCredentials{}))
			}
		case "request_checksum_calculation":
			switch strings.ToLower(v) {
			case "when_supported":
				loads = append(loads, config.WithRequestChecksumCalculation(aws.RequestChecksumCalculationWhenSupported))
			case "when_required":
				loads = append(loads, config.WithRequestChecksumCalculation(aws.RequestChecksumCalculationWhenRequired))
			default:
				return nil, fmt.Errorf("invalid value for %q: want when_supported or when_required", k)
			}
		case "response_checksum_validation":
			switch strings.ToLower(v) {
			case "when_supported":
				loads = append(loads, config.WithResponseChecksumValidation(aws.ResponseChecksumValidationWhenSupported))
			case "when_required":
				loads = append(loads, config.WithResponseChecksumValidation(aws.ResponseChecksumValidationWhenRequired))
			default:
				return nil, fmt.Errorf("invalid value for %q: want when_supported or when_required", k)
			}
		case "rate_limiter_capacity":
			n, err := strconv.ParseInt(v, 10, 32)
			if err != nil {
				return nil, fmt.Errorf("invalid value for %q: want a number", k)
			}
			if n > 0 {
				rateLimiter = ratelimit.NewTokenRateLimit(uint(n))
			}
		case "ssetype":
			st.sse = ""
			for _, t := range types.ServerSideEncryptionAes256.Values() {
				if strings.EqualFold(string(t), v) {
					st.sse = t
				}
			}
			if st.sse == "" {
				return nil, fmt.Errorf("invalid value for %q: want one of %v", k, types.ServerSideEncryptionAes256.Values())
			}
		case "kmskeyid":
			st.kmsKeyID = v
		case "awssdk":
			// s3blob's choice between the AWS SDK v1 and v2: v2 is the
			// only one now.
		default:
			return nil, fmt.Errorf("unknown query parameter %q for an s3:// target", k)
		}
	}
	// As s3blob did: the SDK retries without a budget; deploy adds its own
	// retries on top.
	loads = append(loads, config.WithRetryer(func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) { o.RateLimiter = rateLimiter })
	}))
	cfg, err := config.LoadDefaultConfig(ctx, loads...)
	if err != nil {
		return nil, err
	}
	if roleARN != "" {
		if cfg.Region == "" {
			return nil, errors.New("role needs a region")
		}
		cfg.Credentials = aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(sts.NewFromConfig(cfg), roleARN))
	}
	if endpoint != "" {
		s3opts = append(s3opts, func(o *s3.Options) {
			o.BaseEndpoint = aws.String(endpoint)
			if hostnameImmutable {
				o.UsePathStyle = true
			}
		})
	}
	st.client = s3.NewFromConfig(cfg, s3opts...)
	return st, nil
}

func (s *s3Store) ReadAll(ctx context.Context, key string) ([]byte, error) {
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{Bucket: &s.bucket, Key: &key})
	if err != nil {
		if s3NotFound(err) {
			return nil, notFound(key)
		}
		return nil, err
	}
	defer out.Body.Close()
	return io.ReadAll(out.Body)
}

func (s *s3Store) Write(ctx context.Context, key string, data []byte, meta Meta) error {
	in := &s3.PutObjectInput{
		Bucket:        &s.bucket,
		Key:           &key,
		Body:          bytes.NewReader(data),
		ContentLength: aws.Int64(int64(len(data))),
	}
	if meta.ContentType != "" {
		in.ContentType = &meta.ContentType
	}
	if meta.CacheControl != "" {
		in.CacheControl = &meta.CacheControl
	}
	if meta.ContentEncoding != "" {
		in.ContentEncoding = &meta.ContentEncoding
	}
	if meta.Redirect != "" {
		in.WebsiteRedirectLocation = &meta.Redirect
	}
	if s.sse != "" {
		in.ServerSideEncryption = s.sse
	}
	if s.kmsKeyID != "" {
		in.SSEKMSKeyId = &s.kmsKeyID
	}
	_, err := s.client.PutObject(ctx, in)
	return err
}

func (s *s3Store) Delete(ctx context.Context, key string) error {
	_, err := s.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &s.bucket, Key: &key})
	if err != nil && s3NotFound(err) {
		return nil
	}
	return err
}

func (s *s3Store) Attributes(ctx context.Context, key string) (Meta, error) {
	out, err := s.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &s.bucket, Key: &key})
	if err != nil {
		if s3NotFound(err) {
			return Meta{}, notFound(key)
		}
		return Meta{}, err
	}
	return Meta{
		ContentType:     aws.ToString(out.ContentType),
		CacheControl:    aws.ToString(out.CacheControl),
		ContentEncoding: aws.ToString(out.ContentEncoding),
		Redirect:        aws.ToString(out.WebsiteRedirectLocation),
	}, nil
}

func (s *s3Store) List(ctx context.Context, prefix string, fn func(key string, size int64)) error {
	pages := s3.NewListObjectsV2Paginator(s.client, &s3.ListObjectsV2Input{Bucket: &s.bucket, Prefix: &prefix})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, o := range page.Contents {
			fn(aws.ToString(o.Key), aws.ToInt64(o.Size))
		}
	}
	return nil
}

func (s *s3Store) Close() error { return nil }

// s3NotFound reports a missing object: NoSuchKey, or a 404 without a body
// (HeadObject).
func s3NotFound(err error) bool {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		switch ae.ErrorCode() {
		case "NoSuchKey", "NotFound":
			return true
		}
	}
	var re *awshttp.ResponseError
	return errors.As(err, &re) && re.HTTPStatusCode() == http.StatusNotFound &&
		!(ae != nil && ae.ErrorCode() == "NoSuchBucket")
}

// s3Permanent reports an answer of S3 that trying again does not change:
// a client error (4xx: no such bucket, access denied, a bad request, a
// clock too far off), except a timeout, throttling or a conflict.
func s3Permanent(err error) bool {
	var re *awshttp.ResponseError
	if !errors.As(err, &re) {
		return false
	}
	switch c := re.HTTPStatusCode(); c {
	case http.StatusRequestTimeout, http.StatusConflict, http.StatusTooManyRequests:
		return false
	default:
		return c >= 400 && c < 500
	}
}
