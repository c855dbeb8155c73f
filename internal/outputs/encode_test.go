package outputs

import "testing"

func TestEncodeAbsURL(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"https://example.jp/companies/kaname/", "https://example.jp/companies/kaname/"},
		{"https://example.jp/tags/北見/", "https://example.jp/tags/%E5%8C%97%E8%A6%8B/"},
		{"https://example.jp/kitami/en/tags/uターン/", "https://example.jp/kitami/en/tags/u%E3%82%BF%E3%83%BC%E3%83%B3/"},
	} {
		if got := encodeAbsURL(tt.in); got != tt.want {
			t.Errorf("encodeAbsURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
