package translation

import (
	"slices"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
)

func TestParseAndString(t *testing.T) {
	st, err := Parse("title=0123abcd  body=ffff0000")
	if err != nil {
		t.Fatal(err)
	}
	if got := st.String(); got != "title=0123abcd body=ffff0000" {
		t.Errorf("String() = %q", got)
	}
	for _, bad := range []string{"", "title", "title=123", "title=0123ABCD", "=0123abcd", "title=0123abcg"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q): no error", bad)
		}
	}
}

func TestChanged(t *testing.T) {
	then := Stamp{{"title", "11111111"}, {"person", "22222222"}, {"body", "33333333"}}
	now := Stamp{{"title", "11111111"}, {"description", "44444444"}, {"body", "55555555"}}
	got := Changed(then, now)
	want := []string{"description", "body", "person"} // new and changed in the order of now, then the gone
	if !slices.Equal(got, want) {
		t.Errorf("Changed = %v, want %v", got, want)
	}
	if got := Changed(now, now); len(got) != 0 {
		t.Errorf("Changed of equal stamps = %v", got)
	}
}

func TestParts(t *testing.T) {
	cfg := &config.Config{Sections: map[string]*config.Section{"companies": {Fields: []*config.Field{
		{Name: "person", Type: config.TypeString},
		{Name: "founded", Type: config.TypeDate},
		{Name: "phone", Type: config.TypeString, Translate: new(false)},
	}}}}
	src := &content.Source{Section: "companies", Params: map[string]any{
		"title": "要", "tags": []any{"IoT", "北見"}, "person": "社員", "founded": "2010-07", "phone": "0157",
		"date": "2026-01-01",
	}}
	st := Parts(cfg, src, []byte("本文。\n"))
	var names []string
	for _, p := range st {
		names = append(names, p.Name)
	}
	if want := []string{"title", "tags", "person", "body"}; !slices.Equal(names, want) {
		t.Errorf("parts %v, want %v (inherited fields and the date are not translated)", names, want)
	}
	// Spaces at the ends of lines and blank lines at the end are no change.
	if again := Parts(cfg, src, []byte("本文。  \n\n\n")); again.String() != st.String() {
		t.Errorf("trailing spaces changed the stamp: %s, was %s", again, st)
	}
	src.Params["tags"] = []any{"IoT", "網走"}
	if got := Changed(st, Parts(cfg, src, []byte("本文。\n"))); !slices.Equal(got, []string{"tags"}) {
		t.Errorf("after a tag changed: %v", got)
	}
}

func TestWrite(t *testing.T) {
	st := Stamp{{"title", "0123abcd"}, {"body", "ffff0000"}}
	for _, tt := range []struct{ name, in, want string }{
		{"added at the end of the front matter",
			"---\ntitle: About\n---\nText.\n",
			"---\ntitle: About\ntranslated: title=0123abcd body=ffff0000\n---\nText.\n"},
		{"replaced where it is, with a comment and CRLF kept",
			"\ufeff---\r\ntranslated: title=99999999\r\n# note\r\ntitle: About\r\n---\r\nText.\r\n",
			"\ufeff---\r\ntranslated: title=0123abcd body=ffff0000\r\n# note\r\ntitle: About\r\n---\r\nText.\r\n"},
		{"a value on the lines below its key goes with it",
			"---\ntranslated: >\n  title=99999999\n  body=99999999\ntitle: About\n---\n",
			"---\ntranslated: title=0123abcd body=ffff0000\ntitle: About\n---\n"},
		{"TOML",
			"+++\ntitle = \"About\"\n+++\nText.\n",
			"+++\ntitle = \"About\"\ntranslated = \"title=0123abcd body=ffff0000\"\n+++\nText.\n"},
		{"a key that only starts the same is another key",
			"---\ntranslated_by: me\n---\n",
			"---\ntranslated_by: me\ntranslated: title=0123abcd body=ffff0000\n---\n"},
	} {
		got, err := Write([]byte(tt.in), st)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if string(got) != tt.want {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, tt.want)
		}
	}
	for _, bad := range []string{"Text only.\n", "---\ntitle: About\n"} {
		if _, err := Write([]byte(bad), st); err == nil {
			t.Errorf("Write(%q): no error", bad)
		} else if !strings.Contains(err.Error(), "front matter") {
			t.Errorf("Write(%q): %v", bad, err)
		}
	}
}
