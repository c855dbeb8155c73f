package render_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/render"
)

// TestFoldedConstants checks that {{t "key"}} and {{label "s" "f"}}, which
// Load replaces by their text, give exactly what the calls give, escaped
// for where they stand, and that a key site.yaml lacks still fails where
// it is used.
func TestFoldedConstants(t *testing.T) {
	site := strings.Replace(funcSite, "strings: {hello: Hello,", `strings: {mark: "<b>A&B</b> \"q\" 'x' javascript:alert(1)", hello: Hello,`, 1)
	contexts := []string{
		`<p>%s</p>`,
		`<p title="%s">x</p>`,
		`<p title=%s>x</p>`,
		`<a href="%s">x</a>`,
		`<a href="/q?x=%s">x</a>`,
		`<script>var s = %s;</script>`,
		`<style>p{content:"%s"}</style>`,
		`<title>%s</title>`,
		`<!-- %s -->`,
	}
	calls := map[string]string{ // folded → the same call, not folded
		`{{t "mark"}}`:                     `{{t (print "mark")}}`,
		`{{t "hello" | printf "%s!"}}`:     `{{t (print "hello") | printf "%s!"}}`,
		`{{label "companies" "industry"}}`: `{{label (print "companies") "industry"}}`,
	}
	var folded, plain []string
	for call, same := range calls {
		for _, c := range contexts {
			folded = append(folded, strings.Replace(c, "%s", call, 1))
			plain = append(plain, strings.Replace(c, "%s", same, 1))
		}
	}
	for _, lang := range []string{"ja", "en"} {
		got := executeOn(t, site, lang, strings.Join(folded, "\n"))
		want := executeOn(t, site, lang, strings.Join(plain, "\n"))
		if got != want {
			t.Errorf("%s: folded:\n%s\nnot folded:\n%s", lang, got, want)
		}
		if lang == "en" && !strings.Contains(got, "&lt;b&gt;A&amp;B&lt;/b&gt;") {
			t.Errorf("en: the UI string is not escaped as text:\n%s", got)
		}
	}

	// The calls are gone from the templates.
	fsys := buildtest.FS(site)
	fsys["templates/page.html"] = &fstest.MapFile{Data: []byte(strings.Join(folded, "\n"))}
	s := newSite(t, fsys, []string{"css/site.css"})
	tmpl, err := render.Load(fsys, s.Config, nil)
	if err != nil {
		t.Fatal(err)
	}
	text := render.LayoutTextForTest(tmpl, s.Lookup(s.Config.Language("en"), "programs/hire"))
	if strings.Contains(text, "{{t ") || strings.Contains(text, "{{label ") || !strings.Contains(text, `{{"Industry"}}`) {
		t.Errorf("calls left in the template:\n%s", text)
	}

	// A missing key fails when the page is rendered, at the call.
	_, err = execute(t, "en", "<p>\n  {{t \"helo\"}}</p>")
	if err == nil || !strings.Contains(err.Error(), "page.html:2:") || !strings.Contains(err.Error(), `no UI string "helo" for en`) {
		t.Errorf("missing key: %v", err)
	}
}

// executeOn runs a template on page programs/hire of a site in a language.
func executeOn(t *testing.T, siteText, lang, text string) string {
	t.Helper()
	out, err := executeIn(t, siteText, lang, text)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
