// Package svg checks that the SVG files a site publishes cannot run a
// script.
//
// An SVG is a document of its own: opened by its address, it runs the
// scripts inside it on the site's own origin, where they could read and
// change anything the site's pages can. So an SVG of static/ or content/
// is an error at its line and column when it has
//
//   - a <script> element (or SVG Tiny's <handler> and <listener>);
//   - an event attribute: onload, onclick, onbegin… (any name starting with on);
//   - a javascript: or vbscript: address in any attribute (href, xlink:href,
//     an animation's to/values, a style's url(…)) or style sheet, however
//     it is written: in capitals, with tabs or line breaks inside, or as
//     character references (&#106;avascript:);
//   - a data: address other than a PNG, GIF, JPEG or WebP image;
//   - HTML: a <foreignObject> with elements inside, or any element in the
//     XHTML namespace;
//   - an element that loads another document: <iframe>, <embed>, <object>,
//     <frame>, <applet>, <portal>, or <use> with an address of another site;
//   - an XSLT style sheet (<?xml-stylesheet type="text/xsl"?>), which could
//     turn the file into an HTML page with scripts;
//   - an entity declaration in its DOCTYPE that holds markup, names
//     another entity or an outside file: browsers expand them, so they
//     could hide any of the above. Plain ones, as Adobe Illustrator writes
//     (<!ENTITY ns_svg "http://www.w3.org/2000/svg">), are expanded and
//     checked like the rest of the file.
//
// A file that is not well-formed XML is an error too: browsers show no
// image for it. Links to other pages (<a href="https://…">) and images
// (<image href="photo.png">) are fine.
package svg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/textfile"
)

const xhtmlNS = "http://www.w3.org/1999/xhtml"

// fix is what every message ends with: how to get a clean file.
const fix = "an SVG of the site must not be able to run a script; remove it, or export the drawing again as a plain SVG (Inkscape: Save As > Plain SVG; Illustrator: SVG without interactivity)"

// Check reads an SVG file and returns every problem found, as a
// *diag.List with the positions in file, or nil.
func Check(file string, data []byte) error {
	c := &checker{file: file, data: data}
	c.run()
	return c.errs.Err()
}

type checker struct {
	file string
	data []byte
	errs diag.List
}

// at reports a problem at a byte offset of the file.
func (c *checker) at(off int, format string, args ...any) {
	line, col := textfile.LineCol(c.data, off)
	c.errs.Addf(diag.Pos{File: c.file, Line: line, Col: col}, format, args...)
}

func (c *checker) run() {
	d := xml.NewDecoder(bytes.NewReader(c.data))
	d.Entity = map[string]string{}
	foreign := 0 // depth inside a <foreignObject>, 0 outside
	var inStyle bool
	for {
		start := int(d.InputOffset())
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			var se *xml.SyntaxError
			msg := err.Error()
			if errors.As(err, &se) {
				msg = se.Msg
			}
			c.at(int(d.InputOffset()), "this SVG is not well-formed XML, so browsers show no image: %s", msg)
			return
		}
		switch t := tok.(type) {
		case xml.Directive:
			c.directive(start, t, d.Entity)
		case xml.ProcInst:
			if t.Target == "xml-stylesheet" && !bytes.Contains(t.Inst, []byte("text/css")) {
				c.at(start, "<?xml-stylesheet?> that is not CSS: an XSLT style sheet could turn this SVG into a page with scripts; %s", fix)
			}
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if foreign > 0 {
				foreign++
			}
			switch {
			case name == "script" || name == "handler" || name == "listener":
				c.at(start, "<%s> in an SVG: %s", t.Name.Local, fix)
			case name == "iframe" || name == "embed" || name == "object" || name == "frame" || name == "frameset" || name == "applet" || name == "portal":
				c.at(start, "<%s> in an SVG loads another document, which could run a script; %s", t.Name.Local, fix)
			case foreign == 2: // its first elements, not theirs
				c.at(start, "<%s> inside <foreignObject>: HTML in an SVG could run a script; %s", t.Name.Local, fix)
			case t.Name.Space == xhtmlNS && foreign == 0:
				c.at(start, "<%s> is an HTML element: HTML in an SVG could run a script; %s", t.Name.Local, fix)
			}
			if name == "foreignobject" && foreign == 0 {
				foreign = 1
			}
			inStyle = name == "style"
			for _, a := range t.Attr {
				c.attr(start, t.Name.Local, a)
			}
		case xml.EndElement:
			if foreign > 0 {
				foreign--
			}
			inStyle = false
		case xml.CharData:
			if inStyle {
				if s := scriptScheme(string(t)); s != "" {
					c.at(start, "a %s address in a style sheet: %s", s, fix)
				}
			}
		}
	}
}

// attr checks one attribute of element el, which starts at offset start.
func (c *checker) attr(start int, el string, a xml.Attr) {
	name := strings.ToLower(a.Name.Local)
	off := c.attrOffset(start, a)
	if strings.HasPrefix(name, "on") {
		c.at(off, "event attribute %s on <%s>: it runs a script; %s", attrName(a), el, fix)
		return
	}
	if s := scriptScheme(a.Value); s != "" {
		c.at(off, "%s on <%s> is a %s address, which runs a script; %s", attrName(a), el, s, fix)
		return
	}
	if name != "href" && name != "src" {
		return
	}
	u := urlText(a.Value)
	switch {
	case strings.HasPrefix(u, "data:"):
		if !rasterData(u) {
			c.at(off, "%s on <%s> is a data: address that is not a PNG, GIF, JPEG or WebP image: it could hold a document with scripts; %s", attrName(a), el, fix)
		}
	case strings.EqualFold(el, "use") && external(u):
		c.at(off, "<use> takes a drawing from another site (%s), which could change without notice; copy the drawing into this file", diag.Shorten(a.Value, 40))
	}
}

func attrName(a xml.Attr) string {
	if a.Name.Space == "http://www.w3.org/1999/xlink" {
		return "xlink:" + a.Name.Local
	}
	return a.Name.Local
}

// attrOffset finds where attribute a is written in the start tag at
// offset start; start itself when it cannot tell.
func (c *checker) attrOffset(start int, a xml.Attr) int {
	end := bytes.IndexByte(c.data[start:], '>')
	if end < 0 {
		return start
	}
	tag := c.data[start : start+end]
	for i := 0; ; {
		j := bytes.Index(tag[i:], []byte(a.Name.Local))
		if j < 0 {
			return start
		}
		at := i + j
		after := tag[at+len(a.Name.Local):]
		after = bytes.TrimLeft(after, " \t\r\n")
		// Name boundaries: a space before (or a prefix's colon), = after.
		if at > 0 && (isSpace(tag[at-1]) || tag[at-1] == ':') && len(after) > 0 && after[0] == '=' {
			for at > 0 && !isSpace(tag[at-1]) {
				at-- // to the prefix, xlink:href
			}
			return start + at
		}
		i = at + 1
	}
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// urlText is an address as a browser reads it: without the spaces and
// control characters around it, without tabs and line breaks inside, in
// small letters.
func urlText(v string) string {
	v = strings.TrimFunc(v, func(r rune) bool { return r <= ' ' })
	v = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
	return strings.ToLower(v)
}

// scriptScheme returns "javascript:" or "vbscript:" when v holds such an
// address anywhere, written in any way a browser would still read it;
// else "".
func scriptScheme(v string) string {
	squeezed := strings.Map(func(r rune) rune {
		if r <= ' ' || r == '\\' {
			return -1
		}
		return r
	}, strings.ToLower(v))
	for _, s := range []string{"javascript:", "vbscript:", "livescript:"} {
		if strings.Contains(squeezed, s) {
			return s
		}
	}
	return ""
}

// rasterData reports whether a data: address holds a PNG, GIF, JPEG or
// WebP image.
func rasterData(u string) bool {
	for _, t := range []string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/jpg", "data:image/webp"} {
		if rest, ok := strings.CutPrefix(u, t); ok && (rest == "" || rest[0] == ';' || rest[0] == ',') {
			return true
		}
	}
	return false
}

// external reports whether an address leads to another site.
func external(u string) bool {
	if strings.HasPrefix(u, "//") {
		return true
	}
	i := strings.IndexAny(u, ":/?#")
	return i > 0 && u[i] == ':'
}

// directive checks a <!DOCTYPE …> and takes the entities it declares into
// entities, for the decoder to expand.
func (c *checker) directive(start int, d xml.Directive, entities map[string]string) {
	s := string(d)
	for i := 0; ; {
		j := strings.Index(s[i:], "<!ENTITY")
		if j < 0 {
			return
		}
		at := i + j
		i = at + len("<!ENTITY")
		off := start + 2 + at // "<!" before the directive's text
		rest := strings.TrimLeft(s[i:], " \t\r\n")
		if strings.HasPrefix(rest, "%") {
			c.at(off, "a parameter entity in the DOCTYPE: browsers expand it, so it could hide a script; %s", fix)
			continue
		}
		fields := strings.Fields(rest)
		if len(fields) > 0 {
			entities[fields[0]] = "" // reported once, here, not again where it is used
		}
		if len(fields) < 2 {
			c.at(off, "an entity declaration in the DOCTYPE that furusato cannot read; %s", fix)
			continue
		}
		name, def := fields[0], strings.TrimLeft(rest[len(fields[0]):], " \t\r\n")
		if def == "" || (def[0] != '"' && def[0] != '\'') {
			c.at(off, "entity %s in the DOCTYPE names an outside file, which browsers may load; %s", name, fix)
			continue
		}
		end := strings.IndexByte(def[1:], def[0])
		if end < 0 {
			c.at(off, "entity %s in the DOCTYPE has no closing quote; %s", name, fix)
			return
		}
		value := def[1 : 1+end]
		if strings.ContainsAny(value, "<&%") {
			c.at(off, "entity %s in the DOCTYPE holds markup or other entities, which browsers expand and could hide a script; %s", name, fix)
			continue
		}
		if sch := scriptScheme(value); sch != "" {
			c.at(off, "entity %s in the DOCTYPE is a %s address, which runs a script; %s", name, sch, fix)
			continue
		}
		entities[name] = value
	}
}
