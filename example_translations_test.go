package furusato_test

import (
	"context"
	"testing"
	"time"

	"github.com/furusato/furusato"
	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/translation"
)

// TestExampleTranslationsStamped keeps the example site's English pages
// tracked: each says which version of the Japanese page it translates
// (furusato translated FILE), and none is behind it. A site started with
// furusato init then begins with a clean "furusato check --strict", and
// the build prints no hint about untracked translations.
func TestExampleTranslationsStamped(t *testing.T) {
	res, err := build.Build(context.Background(), build.Options{
		Site: furusato.Example(), Out: t.TempDir(), NoMinify: true,
		Now: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatalf("the example site does not build:\n%v", err)
	}
	st, err := translation.Check(context.Background(), res.Site, furusato.Example())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range st.Untracked {
		t.Errorf("%s says no version of the page it translates (furusato translated %s)", p.File, p.File)
	}
	for _, b := range st.Behind {
		t.Errorf("%s is behind the page it translates (%v)", b.Page.File, b.Changed)
	}
}
