package server

import (
	"strings"
	"testing"
)

// A slug or tag too long for the name of a folder is an error at its
// line in serve too, which builds in memory and would otherwise serve a
// page that no build can write.
func TestTooLongNamesAreErrors(t *testing.T) {
	h := startServer(t, false)
	evs := h.events()
	if ev := next(t, evs); ev.Version != 1 || len(ev.Errors) > 0 {
		t.Fatalf("first event: %+v", ev)
	}
	h.write("content/long.ja.md", "---\ntitle: 長い\nslug: "+strings.Repeat("長", 86)+"\ntags: ["+strings.Repeat("タ", 86)+"]\n---\n本文。\n")
	ev := next(t, evs)
	var got []string
	for _, e := range ev.Errors {
		got = append(got, e.Pos+": "+e.Msg)
	}
	want := []string{
		`content/long.ja.md:3:7: slug: "` + strings.Repeat("長", 20) + "…" + strings.Repeat("長", 12) + `" is too long`,
		`content/long.ja.md:4:7: front matter: tags: "` + strings.Repeat("タ", 20) + "…" + strings.Repeat("タ", 12) + `" is too long`,
	}
	if len(got) != len(want) {
		t.Fatalf("errors: %q", got)
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("error %d: %q, want it to begin %q", i, got[i], w)
		}
	}
	if code, _ := h.get("/" + strings.Repeat("長", 86) + "/"); code == 200 {
		t.Error("the page with the long slug is served")
	}
}
