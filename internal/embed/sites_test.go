package embed

import (
	"slices"
	"testing"

	"github.com/furusato/furusato/internal/config"
)

// TestEmbedSitesAreConfigs checks that the hosts site.yaml may list are
// those this package embeds from: config keeps its own list, so that
// it need not import goldmark through this package.
func TestEmbedSitesAreConfigs(t *testing.T) {
	var hosts []string
	for _, s := range sites {
		hosts = append(hosts, s.host)
	}
	if !slices.Equal(hosts, config.EmbedHosts) {
		t.Errorf("embed embeds from %v, config lists %v", hosts, config.EmbedHosts)
	}
}

func TestYouTubeStart(t *testing.T) {
	for in, want := range map[string]int{"90": 90, "90s": 90, "1m30s": 90, "1h2m3s": 3723, "2m": 120, "0": 0} {
		if got, ok := seconds(in); !ok || got != want {
			t.Errorf("seconds(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "1m30", "s", "30s1m", "-5", "1x"} {
		if got, ok := seconds(in); ok {
			t.Errorf("seconds(%q) = %d, want an error", in, got)
		}
	}
}
