package build

import (
	"context"
	"os"
	"testing"

	"github.com/furusato/furusato/internal/benchsite"
)

// BenchmarkSearchIndex10000 makes the search index of the 10,000-page
// site (5,000 pages per language), its graph made once: the search
// stage of BenchmarkBuild10000 alone, which that benchmark's noise hides.
// The words of titles come from the first loop's reading, as in a build
// whose cache holds them.
func BenchmarkSearchIndex10000(b *testing.B) {
	dir := b.TempDir()
	if err := benchsite.Write(dir, os.DirFS("../.."), 5000); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	bl := NewBuilder(Options{Site: os.DirFS(dir), SiteDir: dir})
	s, err := bl.Graph(ctx)
	if err != nil {
		b.Fatal(err)
	}
	size := 0
	for _, p := range s.Pages {
		size += len(p.Content())
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		if _, err := bl.searchIndex(ctx, s); err != nil {
			b.Fatal(err)
		}
	}
}
