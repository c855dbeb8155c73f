package parallel

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

func TestEachCallsEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		for _, workers := range []int{1, 2, 8, 2000} {
			calls := make([]atomic.Int32, n)
			if err := EachOn(context.Background(), workers, n, func(i int) { calls[i].Add(1) }); err != nil {
				t.Fatalf("n=%d workers=%d: %v", n, workers, err)
			}
			for i := range calls {
				if c := calls[i].Load(); c != 1 {
					t.Fatalf("n=%d workers=%d: index %d called %d times", n, workers, i, c)
				}
			}
		}
	}
}

func TestEachStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	err := EachOn(ctx, 2, 1000, func(i int) {
		if calls.Add(1) == 10 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if c := calls.Load(); c >= 1000 || c < 10 {
		t.Fatalf("%d calls after cancelling at the 10th of 1000", c)
	}
	// Cancelled after the last item: every call was made, no error.
	ctx, cancel = context.WithCancel(context.Background())
	if err := EachOn(ctx, 2, 5, func(i int) {}); err != nil {
		t.Fatal(err)
	}
	cancel()
}
