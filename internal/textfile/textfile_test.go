package textfile

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

func TestClean(t *testing.T) {
	got, err := Clean("a.md", []byte("\ufeffa\r\nb\rc\n"))
	if err != nil || string(got) != "a\nb\nc\n" {
		t.Errorf("Clean = %q, %v", got, err)
	}
}

func TestEncodings(t *testing.T) {
	sjis, _ := japanese.ShiftJIS.NewEncoder().String("---\ntitle: 北見\n---\n")
	euc, _ := japanese.EUCJP.NewEncoder().String("北見市の紹介\n")
	euc2, _ := japanese.EUCJP.NewEncoder().String("---\ntitle: 北見について\n---\nオホーツク海に面した北見市は、玉ねぎの産地です。\n")
	sjis2, _ := japanese.ShiftJIS.NewEncoder().String("オホーツク海に面した北見市は、玉ねぎの産地です。ﾊﾝｶｸ\n")
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String("北見\n")
	tests := []struct{ data, want string }{
		{sjis, "a.md:2:8: the file is not UTF-8: it looks like Shift_JIS"},
		{euc, "a.md:1:1: the file is not UTF-8: it looks like EUC-JP"},
		{euc2, "a.md:2:8: the file is not UTF-8: it looks like EUC-JP"},
		{sjis2, "a.md:1:1: the file is not UTF-8: it looks like Shift_JIS"},
		{utf16, "a.md:1:1: the file is saved as UTF-16"},
		{"ok\n\xff\xfe\xfd", "a.md:2:1: the file is not UTF-8: it looks like an encoding other than UTF-8"},
	}
	for _, tt := range tests {
		_, err := Clean("a.md", []byte(tt.data))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Clean(%q) = %v, want %q", tt.data, err, tt.want)
		}
	}
}

func TestLineCol(t *testing.T) {
	data := []byte("ab\n北見x\n")
	if l, c := LineCol(data, strings.Index(string(data), "x")); l != 2 || c != 3 {
		t.Errorf("LineCol = %d:%d, want 2:3", l, c)
	}
}

func FuzzClean(f *testing.F) {
	f.Add([]byte("\ufeff---\r\n"))
	f.Add([]byte{0x82, 0xa0})
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := Clean("a.md", data)
		if err == nil && strings.ContainsRune(string(out), '\r') {
			t.Error("CR left in output")
		}
	})
}
