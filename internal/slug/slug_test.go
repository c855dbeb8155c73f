package slug

import (
	"strings"
	"testing"
)

func TestMake(t *testing.T) {
	tests := map[string]string{
		"My Page":             "my-page",
		"  Safe Road V ":      "safe-road-v",
		"北見 工業大学":             "北見-工業大学",
		"北見　工業大学":             "北見-工業大学",
		"サケモデル":               "サケモデル",
		"セーフロードV":             "セーフロードv",
		"U-turn":              "u-turn",
		"IMG_0012":            "img-0012",
		"C#":                  "c-sharp",
		"C++":                 "c-plus-plus",
		"R&D":                 "r-and-d",
		"100%":                "100-percent",
		"Node.js":             "node-js",
		`a<b>c:d"e/f\g|h?i*j`: "a-b-c-d-e-f-g-h-i-j",
		"「北見」へ":               "「北見」へ",
		"CON":                 "con_",
		"nul":                 "nul_",
		"Com1":                "com1_",
		"LPT9":                "lpt9_",
		"com10":               "com10",
		"console":             "console",
		"?":                   "",
		"":                    "",
		"...":                 "",
		"a\u200db":            "ab",
		"tab\there":           "tab-here",
		"café":                "café",
	}
	for in, want := range tests {
		if got := Make(in); got != want {
			t.Errorf("Make(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPathAndFile(t *testing.T) {
	if got := Path("things/My Page"); got != "things/my-page" {
		t.Errorf("Path = %q", got)
	}
	if got := Path("stories/CON/aux"); got != "stories/con_/aux_" {
		t.Errorf("Path = %q", got)
	}
	for in, want := range map[string]string{
		"stories/My Story/Photo 1.JPG": "stories/my-story/photo-1.jpg",
		"stories/x/con.jpg":            "stories/x/con_.jpg",
		"stories/x/map.geo.json":       "stories/x/map-geo.json",
		"stories/x/illustration.svg":   "stories/x/illustration.svg",
		"stories/x/？.png":              "stories/x/？.png",
		"stories/x/?.png":              "stories/x/file.png",
	} {
		if got := File(in); got != want {
			t.Errorf("File(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTooLong(t *testing.T) {
	long := strings.Repeat("長", 86) // 258 bytes
	for p, want := range map[string]string{
		"":                             "",
		"articles/kaname":              "",
		strings.Repeat("a", 255):       "",
		strings.Repeat("長", 85):        "",
		"articles/" + long:             long,
		long + "/kaname":               long,
		"a/" + long + "/" + long + "x": long,
	} {
		if got := TooLong(p); got != want {
			t.Errorf("TooLong(%q) = %q, want %q", p, got, want)
		}
	}
	if got := Short(long); got != strings.Repeat("長", 20)+"…"+strings.Repeat("長", 12) {
		t.Errorf("Short = %q", got)
	}
	if got := Short("kaname"); got != "kaname" {
		t.Errorf("Short(kaname) = %q", got)
	}
}
