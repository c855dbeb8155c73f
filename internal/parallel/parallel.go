// Package parallel runs the pages of a stage on every core.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls do(i) for every i in [0, n), on as many goroutines as there
// are cores (at most n). If ctx ends first, it returns ctx's error once
// the calls under way have returned, and the rest are not made. The
// goroutines take the indices in order, each the next one not taken, and
// live for the whole stage: a goroutine per item would start each page
// with a small stack and grow it again while templates and Markdown
// recurse, which cost a build of 10,000 pages about 4 % of its time.
func Each(ctx context.Context, n int, do func(i int)) error {
	return EachOn(ctx, runtime.GOMAXPROCS(0), n, do)
}

// EachOn is Each on at most workers goroutines.
func EachOn(ctx context.Context, workers, n int, do func(i int)) error {
	workers = max(1, min(workers, n))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				do(i)
			}
		})
	}
	wg.Wait()
	if int(next.Load()) < n {
		return ctx.Err() // some were not taken
	}
	return nil
}
