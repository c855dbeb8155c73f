package svg

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/diag"
)

const open = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">` + "\n"

func TestUnsafe(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       string // position and the start of the message
	}{
		{"script", open + `  <script>alert(1)</script></svg>`, "x.svg:2:3: <script> in an SVG"},
		{"script in capitals and a namespace", open + `<h:SCRIPT xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:SCRIPT></svg>`, "x.svg:2:1: <SCRIPT> in an SVG"},
		{"handler", open + `<handler type="application/ecmascript">alert(1)</handler></svg>`, "x.svg:2:1: <handler> in an SVG"},
		{"onload", open + `<rect width="1"  onload="alert(1)"/></svg>`, "x.svg:2:18: event attribute onload on <rect>"},
		{"onclick on the root", `<svg xmlns="http://www.w3.org/2000/svg"` + "\n" + ` OnClick="alert(1)"/>`, "x.svg:2:2: event attribute OnClick on <svg>"},
		{"javascript href", open + `<a href="javascript:alert(1)"><text>x</text></a></svg>`, "x.svg:2:4: href on <a> is a javascript: address"},
		{"xlink:href", open + `<a xlink:href="javascript:alert(1)">x</a></svg>`, "x.svg:2:4: xlink:href on <a> is a javascript: address"},
		{"capitals and spaces", open + `<a href="  JaVaScRiPt:alert(1)">x</a></svg>`, "x.svg:2:4: href on <a> is a javascript: address"},
		{"tab inside", open + `<a href="java&#x09;script:alert(1)">x</a></svg>`, "x.svg:2:4: href on <a> is a javascript: address"},
		{"line break inside", open + "<a href=\"java\nscript:alert(1)\">x</a></svg>", "x.svg:2:4: href on <a> is a javascript: address"},
		{"character references", open + `<a href="&#106;&#x61;vascript:alert(1)">x</a></svg>`, "x.svg:2:4: href on <a> is a javascript: address"},
		{"vbscript", open + `<a href="vbscript:msgbox(1)">x</a></svg>`, "x.svg:2:4: href on <a> is a vbscript: address"},
		{"animation", open + `<a><set attributeName="href" to="javascript:alert(1)"/>x</a></svg>`, "x.svg:2:30: to on <set> is a javascript: address"},
		{"animate values", open + `<a><animate attributeName="href" values="https://x;javascript:alert(1)"/>x</a></svg>`, "x.svg:2:34: values on <animate> is a javascript: address"},
		{"style attribute", open + `<rect style="fill:url(javascript:alert(1))"/></svg>`, "x.svg:2:7: style on <rect> is a javascript: address"},
		{"style sheet", open + `<style>rect { fill: url("javascript:alert(1)") }</style></svg>`, "x.svg:2:8: a javascript: address in a style sheet"},
		{"data html", open + `<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a></svg>`, "x.svg:2:4: href on <a> is a data: address that is not a PNG"},
		{"data svg in use", open + `<use href="data:image/svg+xml;base64,PHN2Zz4="/></svg>`, "x.svg:2:6: href on <use> is a data: address"},
		{"foreignObject", open + `<foreignObject width="10" height="10">` + "\n" + `<div xmlns="http://www.w3.org/1999/xhtml"><img src="x" /></div></foreignObject></svg>`, "x.svg:3:1: <div> inside <foreignObject>"},
		{"html outside foreignObject", open + `<p xmlns="http://www.w3.org/1999/xhtml">x</p></svg>`, "x.svg:2:1: <p> is an HTML element"},
		{"iframe", open + `<iframe src="https://example.com/"/></svg>`, "x.svg:2:1: <iframe> in an SVG loads another document"},
		{"external use", open + `<use href="https://example.com/sprite.svg#a"/></svg>`, "x.svg:2:6: <use> takes a drawing from another site"},
		{"protocol-relative use", open + `<use xlink:href="//example.com/sprite.svg#a"/></svg>`, "x.svg:2:6: <use> takes a drawing from another site"},
		{"xslt", `<?xml version="1.0"?>` + "\n" + `<?xml-stylesheet type="text/xsl" href="x.xsl"?>` + "\n" + open + `</svg>`, "x.svg:2:1: <?xml-stylesheet?> that is not CSS"},
		{"entity with markup", `<!DOCTYPE svg [` + "\n" + `  <!ENTITY x "<script>alert(1)</script>">` + "\n" + `]>` + "\n" + open + `&x;</svg>`, "x.svg:2:3: entity x in the DOCTYPE holds markup"},
		{"entity hiding a scheme", `<!DOCTYPE svg [<!ENTITY js "javascript:alert(1)">]>` + "\n" + open + `<a href="&js;">x</a></svg>`, "x.svg:1:16: entity js in the DOCTYPE is a javascript: address"},
		{"external entity", `<!DOCTYPE svg [<!ENTITY ext SYSTEM "https://example.com/x">]>` + "\n" + open + `&ext;</svg>`, "x.svg:1:16: entity ext in the DOCTYPE names an outside file"},
		{"parameter entity", `<!DOCTYPE svg [<!ENTITY % p "x">]>` + "\n" + open + `</svg>`, "x.svg:1:16: a parameter entity"},
		{"not XML", open + `<rect width="1"></svg>`, "x.svg:2:23: this SVG is not well-formed XML"},
		{"HTML entity", open + `<text>&nbsp;</text></svg>`, "x.svg:2:13: this SVG is not well-formed XML"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Check("x.svg", []byte(tc.body))
			errs := diag.All(err)
			if len(errs) != 1 {
				t.Fatalf("want one error, got %d: %v", len(errs), err)
			}
			if got := errs[0].Error(); !strings.HasPrefix(got, tc.want) {
				t.Errorf("got  %s\nwant %s…", got, tc.want)
			}
		})
	}
}

func TestSafe(t *testing.T) {
	for _, body := range []string{
		open + `<title>A map</title><a href="https://www.city.kitami.lg.jp/"><text>Kitami</text></a></svg>`,
		open + `<defs><g id="i"/></defs><use href="#i"/><use xlink:href="icons.svg#i"/></svg>`,
		open + `<image href="photo.png"/><image xlink:href="data:image/png;base64,iVBORw0KGgo="/></svg>`,
		open + `<style>.a { fill: #123; opacity: .5 }</style><rect class="a" offset="1" orient="auto"/></svg>`,
		// Illustrator declares namespaces as entities.
		`<?xml version="1.0" encoding="utf-8"?>` + "\n" +
			`<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [` + "\n" +
			`	<!ENTITY ns_svg "http://www.w3.org/2000/svg">` + "\n" +
			`	<!ENTITY ns_xlink "http://www.w3.org/1999/xlink">` + "\n" + `]>` + "\n" +
			`<svg xmlns="&ns_svg;" xmlns:xlink="&ns_xlink;" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>`,
		`<?xml-stylesheet type="text/css" href="style.css"?>` + "\n" + open + `<foreignObject>only text</foreignObject></svg>`,
	} {
		if err := Check("ok.svg", []byte(body)); err != nil {
			t.Errorf("%v\nin\n%s", err, body)
		}
	}
}

// TestEveryProblem checks that one run reports every problem of a file.
func TestEveryProblem(t *testing.T) {
	body := open + `<script>1</script>` + "\n" + `<rect onload="x"/>` + "\n" + `<a href="javascript:x">y</a></svg>`
	errs := diag.All(Check("x.svg", []byte(body)))
	if len(errs) != 3 {
		t.Fatalf("want 3 errors, got %v", errs)
	}
	for i, want := range []int{2, 3, 4} {
		if errs[i].Pos.Line != want {
			t.Errorf("error %d at line %d, want %d: %v", i, errs[i].Pos.Line, want, errs[i])
		}
	}
}

// TestExampleSite checks that the SVGs of the example site pass.
func TestExampleSite(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../../static/*.svg", "../../static/*/*.svg", "../../content/*/*.svg", "../../content/*/*/*.svg"} {
		more, _ := filepath.Glob(pattern)
		files = append(files, more...)
	}
	if len(files) < 2 {
		t.Fatalf("found only %v", files)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := Check(f, data); err != nil {
			t.Error(err)
		}
	}
}

func FuzzCheck(f *testing.F) {
	f.Add([]byte(open + `<a href="javascript:x"><script/></a></svg>`))
	f.Add([]byte(`<!DOCTYPE svg [<!ENTITY a "b">]><svg>&a;</svg>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = Check("f.svg", data) // must not panic
	})
}
