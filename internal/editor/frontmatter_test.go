package editor

import (
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/content"
)

// roundTrip sets key to the text value v in a file and reads it back as
// the build does.
func roundTrip(t *testing.T, typ, v string) (string, string) {
	t.Helper()
	const orig = "---\ntitle: 題名  # a comment\ndescription: |\n  two\n  lines\nother: kept\n---\nBody.\n"
	f, err := cutFile([]byte(orig))
	if err != nil {
		t.Fatal(err)
	}
	var val []string
	if typ == "text" {
		val = textValue(v)
	} else {
		val = []string{yamlScalar(v, false)}
	}
	out := f.edit([]change{{"description", val}}, nil)
	fm, body, _, err := content.Split("x.md", out)
	if err != nil {
		t.Fatalf("%q written as %q: %v", v, out, err)
	}
	if string(body) != "Body.\n" {
		t.Errorf("body changed: %q", body)
	}
	got := map[string]string{}
	for _, r := range fm {
		got[r.Key] = rawText(r.Value)
	}
	if got["title"] != "題名" || got["other"] != "kept" || !strings.Contains(string(out), "title: 題名  # a comment\n") {
		t.Errorf("other keys changed: %q", out)
	}
	return got["description"], string(out)
}

func TestValuesRoundTrip(t *testing.T) {
	for _, v := range []string{"plain", "株式会社 要", "a: b", "# not a comment", "yes", "true", "123", "2026-11-24", "'quoted'", `"double"`, "[list]", "- item", "x #y", "trailing:", "{a}", "@at", "100%", "*star", "&amp", "!tag", "|pipe", ">gt", "tab\there", "back\\slash", "ー長音", "emoji 🎉"} {
		got, out := roundTrip(t, "string", v)
		if got != v {
			t.Errorf("%q came back as %q from\n%s", v, got, out)
		}
	}
	for _, v := range []string{"one line", "two\nlines", "  indented\nfirst", "ends\n\n", "a: b\n# c\n- d", "a\n\nb", "a\n  \nb", "tail  \nx", "\ttab\nx", "x\n\ty"} {
		got, out := roundTrip(t, "text", v)
		if want := strings.TrimRight(v, "\n "); got != want {
			t.Errorf("%q came back as %q from\n%s", v, got, out)
		}
	}
}

func FuzzValuesRoundTrip(f *testing.F) {
	for _, s := range []string{"plain", "a: b", "# x", "'", "\"", "\\", "- ", "? x", "%", "0x1F", ".inf", "~", "null"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if strings.ContainsAny(v, "\n\r\x00\ufeff") || !validText(v) {
			return
		}
		v = strings.TrimSpace(v)
		if v == "" {
			return
		}
		if got, out := roundTrip(t, "string", v); got != v {
			t.Errorf("%q came back as %q from\n%s", v, got, out)
		}
		// The same text over lines, as a text field.
		lines := strings.ReplaceAll(v, " ", "\n")
		if got, out := roundTrip(t, "text", lines); got != strings.TrimRight(lines, "\n ") {
			t.Errorf("%q came back as %q from\n%s", lines, got, out)
		}
	})
}

// validText leaves out what no one types into a form: control characters
// and invalid UTF-8.
func validText(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\t' || r == 0x7f || r == 0xfffd || r >= 0x80 && r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0x85 {
			return false
		}
	}
	return strings.ToValidUTF8(s, "\ufffd") == s
}
