//go:build gcs || azure

package deploy

import (
	"context"
	"io"
	"net/url"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"
)

// gs:// and azblob:// go through gocloud.dev/blob, whose drivers
// store_gcs.go and store_azure.go link in with their build tags. Builds
// without either tag link no gocloud.dev at all.
func init() {
	cloudBuiltIn = blob.DefaultURLMux().ValidBucketScheme
	openCloud = func(ctx context.Context, u *url.URL) (backend, error) {
		b, err := blob.OpenBucket(ctx, u.String())
		if err != nil {
			return nil, err
		}
		return cloudBucket{b}, nil
	}
	permanent = append(permanent, cloudPermanent)
}

// cloudBucket is a backend on a gocloud.dev/blob bucket.
type cloudBucket struct{ b *blob.Bucket }

func (c cloudBucket) ReadAll(ctx context.Context, key string) ([]byte, error) {
	data, err := c.b.ReadAll(ctx, key)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return nil, notFound(key)
	}
	return data, err
}

func (c cloudBucket) Write(ctx context.Context, key string, data []byte, meta Meta) error {
	return c.b.WriteAll(ctx, key, data, &blob.WriterOptions{
		ContentType:     meta.ContentType,
		CacheControl:    meta.CacheControl,
		ContentEncoding: meta.ContentEncoding,
	})
}

func (c cloudBucket) Delete(ctx context.Context, key string) error {
	err := c.b.Delete(ctx, key)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return nil
	}
	return err
}

func (c cloudBucket) Attributes(ctx context.Context, key string) (Meta, error) {
	a, err := c.b.Attributes(ctx, key)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return Meta{}, notFound(key)
	}
	if err != nil {
		return Meta{}, err
	}
	return Meta{ContentType: a.ContentType, CacheControl: a.CacheControl, ContentEncoding: a.ContentEncoding}, nil
}

func (c cloudBucket) List(ctx context.Context, prefix string, fn func(key string, size int64)) error {
	it := c.b.List(&blob.ListOptions{Prefix: prefix})
	for {
		o, err := it.Next(ctx)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if !o.IsDir {
			fn(o.Key, o.Size)
		}
	}
}

func (c cloudBucket) Close() error { return c.b.Close() }

// cloudPermanent reports the errors of gocloud.dev/blob that trying again
// does not mend.
func cloudPermanent(err error) bool {
	switch gcerrors.Code(err) {
	case gcerrors.NotFound, gcerrors.PermissionDenied, gcerrors.InvalidArgument, gcerrors.FailedPrecondition,
		gcerrors.Unimplemented, gcerrors.AlreadyExists, gcerrors.Canceled:
		return true
	}
	return false
}
