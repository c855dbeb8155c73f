package deploy

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"testing"
)

func TestTransient(t *testing.T) {
	ctx := context.Background()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	for _, tt := range []struct {
		ctx  context.Context
		err  error
		want bool
	}{
		{ctx, fmt.Errorf("connection reset by peer"), true},
		{cancelled, fmt.Errorf("connection reset by peer"), false},
		{ctx, notFound("x"), false},
		{ctx, s3Answer(http.StatusInternalServerError), true},
		{ctx, s3Answer(http.StatusServiceUnavailable), true}, // SlowDown
		{ctx, s3Answer(http.StatusTooManyRequests), true},
		{ctx, s3Answer(http.StatusRequestTimeout), true},
		{ctx, s3Answer(http.StatusForbidden), false},
		{ctx, s3Answer(http.StatusNotFound), false}, // NoSuchBucket
		{ctx, s3Answer(http.StatusBadRequest), false},
		{ctx, &fs.PathError{Op: "open", Path: "x", Err: fs.ErrPermission}, false},
		{ctx, fmt.Errorf("key %q: %w", "../x", errKey), false},
		{ctx, &fs.PathError{Op: "write", Path: "x", Err: fmt.Errorf("no space left on device")}, true},
		{ctx, os.ErrDeadlineExceeded, true},
	} {
		if got := transient(tt.ctx, tt.err); got != tt.want {
			t.Errorf("transient(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
	if !s3NotFound(s3Answer(http.StatusNotFound)) {
		t.Error("a 404 from HeadObject is not a missing object")
	}
}
