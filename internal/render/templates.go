// Package render loads the site's templates and executes them over the
// page graph: the plan of a site's outputs (Plan) and their render, in
// parallel (Render). The feeds and the sitemap are package outputs'; which
// outputs a rebuild can keep is package rebuild's.
//
// # Templates
//
// templates/ holds html/template files, saved as UTF-8 like every file of
// the site, each named by its path in the folder, so errors point at the
// file, line and column where the mistake is (in a partial or a layout,
// not in base.html that calls it):
//
//	templates/base.html               the page skeleton; it calls {{block "main" .}}
//	templates/home.html               a language's home page
//	templates/section.html            a section's list of pages
//	templates/page.html               a page written in content/
//	templates/tags.html               the list of tags
//	templates/tag.html                the pages with one tag
//	templates/404.html                the page for missing URLs
//	templates/search.html             the search page of a language (site.yaml search: true;
//	                                  static/js/search.js reads the index beside it, see package search)
//	templates/<section>/page.html     overrides page.html for one section
//	templates/<section>/section.html  overrides section.html for one section
//	templates/partials/*.html         shared pieces: {{template "partials/card.html" .}}
//
// A layout defines the blocks of base.html ({{define "main"}}...{{end}});
// when there is no base.html, each layout is a whole page. A page is
// rendered with the most specific layout that exists; a missing layout is
// a build error that names the files it looked for.
//
// # Template data
//
//	.Page        the page (site.Page): .Title .URL .Permalink .Content .Summary .Date
//	             .Updated .ReadingTime .Tags .Image .Params .Fields .Pages .Translations
//	             .Alternates (for language switchers and hreflang) .Ancestors (for
//	             breadcrumbs) .Parent (the last of them) .IsTranslated .Referrers
//	             .XDefault .Kind .Lang .Headings .Links (its links, where they are
//	             written) .Source (its Markdown file as read);
//	             a page printed as it is ({{.Value}} of a ref field) shows its
//	             title, in a script as a JSON string
//	.Site        the language's site (site.Lang): .Code .Name .Locale .Title
//	             .Description .Office .Menu .Home .Sections .Regular .Tags
//	             .MenuState (which menu entry is current on a page, for partialCached)
//	             .Search (the search page; nil without site.yaml search: true)
//	.Paginator   on section and tag pages: .Pages .Number .Total .Prev .Next .Links
//	.URL         this output's URL (differs from .Page.URL on page 2 and after)
//	.Permalink   its absolute URL, for canonical links
//	.Contact     the office's contact details from site.yaml
//	.Feeds       the language's Atom feeds, for <link rel="alternate">
//	.Languages   every language of the site
//
// The functions, with examples, are listed in the comment of funcs in
// internal/render/funcs.go.
//
// # Structured data
//
//	<script type="application/ld+json">{{jsonld . (dict "publisher" $id "image" $url)}}</script>
//
// writes, as JSON, the output's breadcrumbs and, for a page of a section
// whose site.yaml gives a schema type (schema: Article), the page itself.
// Types of articles (Article, NewsArticle, BlogPosting, TechArticle,
// Report, ScholarlyArticle, AnalysisNewsArticle) get headline, description,
// datePublished, dateModified, inLanguage, url, mainEntityOfPage, image
// (the page's PNG, JPEG or WebP image, else the image option) and the
// publisher option as both author and publisher ({"@id": $id}); any other
// type (Organization, GovernmentService, ...) gets name, description and an
// @id of the page's address and #type (#organization); a GovernmentService
// gets the publisher option as its provider. A field with a
// schema property (schema: foundingDate) adds its value: dates as 2010-07,
// enums as their label in the page's language, refs as the referenced
// page's address, lists as lists; it never replaces the properties above.
// Both options may be left out ({{jsonld . nil}}; an empty one is one left
// out). The publisher is an address (https://...) or a fragment of the
// language's home page's ("#office" is its address with #office); the
// image is an address or a file of static/ ("images/share.png", with or
// without a leading /, is the absolute address of its published copy), so
// that the options can be the same text on every page:
//
//	{{jsonld . (dict "publisher" "#office" "image" "images/share.png")}}
//
// # Speed
//
// A part of the page that is the same on many pages can be rendered once
// and reused: {{partialCached "partials/footer.html" .}} renders the
// partial once per language, and {{partialCached "partials/menu.html" .
// (.Site.MenuState .Page)}} once for each set of values after the dot
// (pages are told apart by language, kind and path wherever they are in
// the values, as in a list of pages; text by its value; other pointers by
// what they point to; anything else as printed). Those values must hold everything that makes the
// partial differ between pages, or pages show another page's version:
// build trusts them, and furusato check (and deploy, which checks first)
// renders the partial on every page too and reports two pages that show
// it differently. Its HTML goes where HTML goes, between elements; in an
// attribute or a script it is escaped as text.
//
// With minify on (the default), templates are minified once as they are
// loaded, and each page's Markdown once as it is converted, so that
// rendered pages need no minifying; errors still point at the templates
// as written. Scripts and styles written in templates are left as they
// are (an action in them is code the minifier cannot read), and so is a
// template the minifier cannot read, whose actions it would change, or
// with a <textarea>, whose spacing is its value.
//
// A UI string or a field label whose names are written out ({{t "home"}},
// {{label "companies" "industry"}}) is looked up once, as templates are
// loaded, and pages show it as text escaped where it stands, as they
// would the call's result.
package render

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"
	"unicode/utf8"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/site"
	"github.com/furusato/furusato/internal/sitefiles"
	"github.com/furusato/furusato/internal/templatetext"
	"github.com/furusato/furusato/internal/textfile"
)

// Dir is the templates folder in a site.
const Dir = "templates"

const baseName = "base.html"

// Templates are the parsed templates of every language.
type Templates struct {
	byLang []map[string]*template.Template // language index → layout name → template
	cached []*partials                     // language index → partialCached's partials
	files  map[string]string               // file name → text, for telling changes
	graph  *graph                          // the graph of the render under way
	// rendering is held by Render: the templates serve one graph at a
	// time.
	rendering sync.Mutex
	hasBase   bool
	// minified holds, when the templates were minified, each file's
	// minified text and where its actions are in the file as written, to
	// report errors at their place in the file.
	minified map[string]templatetext.Minified
}

// Load parses templates/ once per language, with that language's
// functions. All parse errors are returned together.
//
// With minify, templates are minified before they are parsed, leaving
// their actions as they are, so that the pages rendered from them need no
// minifying (see Minified). Errors are still reported at their place in
// the files as written: the files are parsed again, as written, to find
// it. A template the minifier cannot read, or whose actions it would
// change, leaves every template as written.
func Load(fsys fs.FS, cfg *config.Config, minify func([]byte) ([]byte, error)) (*Templates, error) {
	files := map[string]string{}
	var names []string
	var errs diag.List
	if _, err := fs.Stat(fsys, Dir); errors.Is(err, fs.ErrNotExist) {
		return nil, diag.Errorf(diag.Pos{File: Dir}, "there is no templates folder: the site needs templates/ with at least page.html")
	}
	var unread diag.List
	// What sitefiles leaves out of a site is no template either; what it
	// warns about (a named pipe called x.html) cannot be left out here.
	warnings, err := sitefiles.Walk(fsys, Dir, func(p string, d fs.DirEntry) {
		if !strings.HasSuffix(p, ".html") {
			return
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			unread.Addf(diag.Pos{File: p}, "cannot read: %v", err)
			return
		}
		text, err := textfile.Clean(p, data)
		if err != nil {
			errs.Add(err)
			return
		}
		name := strings.TrimPrefix(p, Dir+"/")
		files[name] = string(text)
		names = append(names, name)
	})
	unread.Add(err)
	for _, w := range warnings {
		unread.Add(w)
	}
	if unread.Err() != nil {
		return nil, unread.Err()
	}
	slices.Sort(names)
	if texts := minifyTemplates(files, minify); texts != nil && errs.Err() == nil {
		t := &Templates{hasBase: files[baseName] != "", files: files, minified: texts, graph: &graph{}}
		plain := make(map[string]string, len(texts))
		for n, m := range texts {
			plain[n] = m.Text
		}
		if t.parse(cfg, names, plain) == nil {
			return t, nil
		} // else parse them as written, to report where the mistakes are
	}
	t := &Templates{hasBase: files[baseName] != "", files: files, graph: &graph{}}
	errs.Add(t.parse(cfg, names, files))
	return t, errs.Err()
}

// minifyTemplates returns the templates minified (see
// templatetext.Minify), or nil without a minifier.
func minifyTemplates(files map[string]string, minify func([]byte) ([]byte, error)) map[string]templatetext.Minified {
	if minify == nil {
		return nil
	}
	out := make(map[string]templatetext.Minified, len(files))
	for name, text := range files {
		out[name] = templatetext.Minify(text, minify)
	}
	return out
}

// parse parses the templates once per language.
func (t *Templates) parse(cfg *config.Config, names []string, texts map[string]string) error {
	var errs diag.List
	for _, lang := range cfg.Languages {
		cached := &partials{}
		fm := funcs(cfg, t.graph, lang, cached)
		set := template.New("").Funcs(fm)
		for _, n := range names {
			if n == baseName || strings.HasPrefix(n, "partials/") {
				if _, err := set.New(n).Parse(texts[n]); err != nil {
					errs.Add(t.templateError(err))
				}
			}
		}
		templatetext.Fold(set, fm)
		layouts := map[string]*template.Template{}
		for _, n := range names {
			if n == baseName || strings.HasPrefix(n, "partials/") {
				continue
			}
			clone, err := set.Clone()
			if err != nil {
				errs.Add(t.templateError(err))
				continue
			}
			if _, err := clone.New(n).Parse(texts[n]); err != nil {
				errs.Add(t.templateError(err))
				continue
			}
			templatetext.Fold(clone, fm)
			layouts[n] = clone
		}
		// Cached partials run from the set the layouts were cloned from,
		// which is never cloned again once it has run.
		cached.set = set
		t.cached = append(t.cached, cached)
		t.byLang = append(t.byLang, layouts)
	}
	return errs.Err()
}

// Minified reports whether the templates were minified, so that the pages
// rendered from them need no minifying.
func (t *Templates) Minified() bool { return t.minified != nil }

// KeptAsWritten lists the templates that minifying left as written (see
// Load): the parts of pages they make keep their spacing.
func (t *Templates) KeptAsWritten() []string {
	var out []string
	for name, f := range t.minified {
		if f.AsWritten() {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// CheckCached makes the renders that follow render every partialCached
// on every page too, and fail a page where the cached version differs
// from the page's own: its call misses a value after the dot.
func (t *Templates) CheckCached(on bool) {
	for _, c := range t.cached {
		c.check = on
	}
}

// CachedMistakes lists, after a render with CheckCached on, each cached
// partial that two pages show differently although they give it the same
// values: the cache would show one of them the other's version.
func (t *Templates) CachedMistakes() []*diag.Error {
	var out []*diag.Error
	for _, c := range t.cached {
		c.mu.Lock()
		for _, name := range slices.Sorted(maps.Keys(c.mismatches)) {
			m := c.mismatches[name]
			out = append(out, diag.Errorf(diag.Pos{File: path.Join(Dir, name), Line: 1, Col: 1},
				"partialCached: %s and %s show this partial differently but give partialCached the same values after the dot, so one of them would show the other's version: add, after the dot where it is called, what makes them differ", m.first, m.other))
		}
		c.mu.Unlock()
	}
	return out
}

func (t *Templates) checkingCached() bool {
	return len(t.cached) > 0 && t.cached[0].check
}

// Layouts lists the layout files tried for a page, most specific first.
func Layouts(p *site.Page) []string {
	switch p.Kind {
	case site.KindHome:
		return []string{"home.html"}
	case site.KindSection:
		return []string{p.Section + "/section.html", "section.html"}
	case site.KindTags:
		return []string{"tags.html"}
	case site.KindTag:
		return []string{"tag.html"}
	case site.KindNotFound:
		return []string{"404.html"}
	case site.KindSearch:
		return []string{"search.html"}
	}
	if p.Section != "" {
		return []string{p.Section + "/page.html", "page.html"}
	}
	return []string{"page.html"}
}

// Languages is the number of the site's languages, each with its own
// parse of the templates.
func (t *Templates) Languages() int { return len(t.byLang) }

// LayoutNames lists the layouts of a language (by its index), by file
// name in templates/: page.html, companies/page.html ...
func (t *Templates) LayoutNames(lang int) []string {
	return slices.Sorted(maps.Keys(t.byLang[lang]))
}

// Layout returns a language's parse of a layout and the name of the
// template that runs first (base.html, when there is one), for what reads
// templates without running them (the rebuild analysis).
func (t *Templates) Layout(lang int, name string) (*template.Template, string) {
	if t.hasBase {
		return t.byLang[lang][name], baseName
	}
	return t.byLang[lang][name], name
}

// Files returns the text of each template file as written, by name.
// The map must not be changed.
func (t *Templates) Files() map[string]string { return t.files }

// layout finds the template for a page and the name to execute.
func (t *Templates) layout(p *site.Page) (*template.Template, string, error) {
	tried := Layouts(p)
	for _, name := range tried {
		if tmpl := t.byLang[p.Lang.Index][name]; tmpl != nil {
			if t.hasBase {
				return tmpl, baseName, nil
			}
			return tmpl, name, nil
		}
	}
	files := make([]string, len(tried))
	for i, n := range tried {
		files[i] = path.Join(Dir, n)
	}
	return nil, "", diag.Errorf(diag.Pos{File: Dir}, "no template for %s pages: add %s", p.Kind, strings.Join(files, " or "))
}

var (
	nodeLocRE       = regexp.MustCompile(`^(.+):(\d+):(\d+)$`)
	templateErrorRE = regexp.MustCompile(`^(?:html/)?template: ?([^:]+):(\d+)(?::(\d+))?: (.*)$`)
)

// templateError turns an html/template error into a diag.Error with the
// template file, line and column.
func (t *Templates) templateError(err error) *diag.Error {
	if pe, ok := errors.AsType[*partialError](err); ok {
		return t.templateError(pe.err) // where it is, in the partial
	}
	msg := err.Error()
	var te *template.Error
	if errors.As(err, &te) && te.Node != nil {
		// The escaper names the template it started from (base.html), not
		// the one that holds the node: ask the node where it is.
		loc, _ := (*parse.Tree)(nil).ErrorContext(te.Node)
		if m := nodeLocRE.FindStringSubmatch(loc); m != nil {
			return &diag.Error{Pos: t.pos(m[1], m[2], m[3]), Msg: te.Description}
		}
	}
	if errors.As(err, &te) && (te.ErrorCode == template.ErrBadHTML || te.ErrorCode == template.ErrEndContext) && te.Node == nil {
		// The escaper finds the HTML broken where it notices, often in
		// another template (base.html) after an attribute's quote was
		// left open in the one it called: look for that quote.
		for _, name := range slices.Sorted(maps.Keys(t.files)) {
			if i, attr, ok := openQuote(t.files[name]); ok {
				line, col := textfile.LineCol([]byte(t.files[name]), i)
				return &diag.Error{Pos: diag.Pos{File: path.Join(Dir, name), Line: line, Col: col}, Msg: fmt.Sprintf("the quote that opens the value of %s= is not closed: add the closing %s before the tag's >", attr, t.files[name][i:i+1])}
			}
		}
	}
	if errors.As(err, &te) && te.Name != "" {
		// A line of the text parsed, which may be minified: in the file.
		return &diag.Error{Pos: t.pos(te.Name, strconv.Itoa(te.Line), ""), Msg: te.Description}
	}
	m := templateErrorRE.FindStringSubmatch(msg)
	if m == nil {
		return &diag.Error{Pos: diag.Pos{File: Dir}, Msg: msg}
	}
	text := m[4]
	// "executing "page.html" at <.Page.Foo>: can't evaluate ..." is more
	// than a person needs: keep the expression and the reason.
	if i := strings.Index(text, " at <"); i >= 0 && strings.HasPrefix(text, "executing ") {
		text = text[i+4:]
	}
	// A function's own error says what went wrong: drop the call before it.
	if i := strings.Index(text, ">: error calling "); i >= 0 && strings.HasPrefix(text, "<") {
		text = text[i+len(">: error calling "):]
	}
	pos := t.pos(m[1], m[2], m[3])
	src := t.files[m[1]]
	switch f := undefinedFunc.FindStringSubmatch(text); {
	case text == "unexpected EOF":
		// The parser reaches the end of the file looking for an {{end}}:
		// say which block it was for, where that block starts.
		if open, suspect, ok := unclosed(src); ok {
			pos.Line, pos.Col = open.line, open.col
			text = fmt.Sprintf("an {{end}} is missing: the file ends before this {{%s}} is closed", open.keyword)
			if suspect.line > 0 && suspect != open {
				text += fmt.Sprintf("; perhaps the {{%s}} on line %d lacks its {{end}}: the {{end}} that closes it is indented as for another block", suspect.keyword, suspect.line)
			}
		}
	case f != nil && pos.Col <= 0:
		// The parser names the line only: find the function on it.
		if lines := strings.Split(src, "\n"); pos.Line >= 1 && pos.Line <= len(lines) {
			if i := strings.Index(lines[pos.Line-1], f[1]); i >= 0 {
				pos.Col = utf8.RuneCountInString(lines[pos.Line-1][:i]) + 1
			}
		}
		text = fmt.Sprintf("there is no function %s: check its spelling, or define it", f[1])
	case pos.Col <= 0:
		// The parser names the line only, in its own words: say what is
		// wrong in plain words, and find where on the line.
		var line string
		if lines := strings.Split(src, "\n"); pos.Line >= 1 && pos.Line <= len(lines) {
			line = lines[pos.Line-1]
		}
		at := func(re *regexp.Regexp) {
			if m := re.FindStringSubmatchIndex(line); m != nil {
				i := m[0]
				if len(m) > 2 && m[2] >= 0 {
					i = m[2]
				}
				pos.Col = utf8.RuneCountInString(line[:i]) + 1
			}
		}
		switch m := parseWords.FindStringSubmatch(text); {
		case text == "bad character U+007D '}'":
			at(singleBrace)
			text = "an action is closed with one }: close it with }}, as in {{.Page.Title}}"
		case text == "unexpected {{end}}":
			at(endAction)
			text = "this {{end}} closes no block: remove it, or add the {{if}}, {{range}} or {{with}} it was written for"
		case m != nil && m[1] != "":
			at(regexp.MustCompile(`\{\{-?\s*` + m[1] + `\b`))
			text = fmt.Sprintf("{{%s}} needs a value, such as {{%s .Page.Image}}", m[1], m[1])
		case m != nil:
			at(regexp.MustCompile(regexp.QuoteMeta(m[2]) + `\b`))
			text = fmt.Sprintf("there is no variable %s here: set it first in this template with {{%s := …}} (a template does not see the variables of the one that calls it), or check its spelling", m[2], m[2])
		}
	}
	return &diag.Error{Pos: pos, Msg: text}
}

var (
	// parseWords are parser messages that furusato says in plain words:
	// a block without its value, a variable never set.
	parseWords = regexp.MustCompile(`^(?:missing value for (if|with|range)|undefined variable "(\$\w*)")$`)
	// singleBrace is an action's } that is not part of }}.
	singleBrace = regexp.MustCompile(`[^}](\})(?:[^}]|$)`)
	// endAction is an {{end}}.
	endAction = regexp.MustCompile(`\{\{-?\s*end\b`)
)

// openQuote finds, in a template's text, the first quote that opens an
// attribute's value in a tag and is not closed before the next tag
// begins: i is where it is, attr the attribute's name. Template actions
// may hold anything, and comments, scripts and styles are not tags.
func openQuote(src string) (i int, attr string, ok bool) {
	b := []byte(src)
	for i := 0; i+1 < len(b); i++ { // actions as x, keeping lines
		if b[i] == '{' && b[i+1] == '{' {
			end := strings.Index(src[i:], "}}")
			if end < 0 {
				break
			}
			for j := i; j < i+end+2; j++ {
				if b[j] != '\n' {
					b[j] = 'x'
				}
			}
			i += end + 1
		}
	}
	text := string(b)
	isLetter := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	for i := 0; i < len(text); i++ {
		if text[i] != '<' || i+1 >= len(text) {
			continue
		}
		if strings.HasPrefix(text[i:], "<!--") {
			end := strings.Index(text[i:], "-->")
			if end < 0 {
				return 0, "", false
			}
			i += end + 2
			continue
		}
		if !isLetter(text[i+1]) {
			continue
		}
		name := strings.ToLower(text[i+1:][:strings.IndexFunc(text[i+1:]+" ", func(r rune) bool { return !(r < utf8.RuneSelf && isLetter(byte(r)) || r >= '0' && r <= '9') })])
		j := i + 1
		for j < len(text) && text[j] != '>' {
			if text[j] == '=' {
				k := j + 1
				for k < len(text) && (text[k] == ' ' || text[k] == '\t' || text[k] == '\n' || text[k] == '\r') {
					k++
				}
				if k < len(text) && (text[k] == '"' || text[k] == '\'') {
					a := strings.TrimRight(text[:j], " \t\r\n")
					attr := a[strings.LastIndexAny(a, " \t\r\n")+1:]
					end := strings.IndexByte(text[k+1:], text[k])
					if end < 0 || tagStart(text[k+1:k+1+end]) {
						return k, attr, true
					}
					j = k + 1 + end
				}
			}
			j++
		}
		i = j
		if name == "script" || name == "style" {
			end := strings.Index(strings.ToLower(text[i:]), "</"+name)
			if end < 0 {
				return 0, "", false
			}
			i += end
		}
	}
	return 0, "", false
}

// tagStart reports whether an attribute's value holds the start of a
// tag, an end tag or a comment: the sign of a quote left open.
func tagStart(v string) bool {
	for i := 0; i+1 < len(v); i++ {
		if c := v[i+1]; v[i] == '<' && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' || c == '!') {
			return true
		}
	}
	return false
}

// undefinedFunc is the parser's message for a call of a function that
// neither Go's templates nor furusato define.
var undefinedFunc = regexp.MustCompile(`^function "([^"]+)" not defined$`)

// blockAction finds the actions that open and close blocks, and
// comments, which may hold anything.
var blockAction = regexp.MustCompile(`(?s)\{\{-?\s*(?:/\*.*?\*/\s*-?\}\}|(if|range|with|define|block|end)\b)`)

// block is a block action of a template: where it starts, its keyword,
// and the indentation of its line.
type block struct {
	line, col int // col in characters, from 1
	keyword   string
	indent    string
}

// unclosed finds, in a template's text that the parser found short of an
// {{end}}, the block left open once each {{end}} is paired with the block
// opened last. suspect, when found (its line is not 0), is the block
// whose {{end}} was more likely forgotten: the first that an {{end}}
// alone on its line closes at another indentation than the block's line
// has, since that {{end}} was written for a block around it. ok is false
// when every block is closed.
func unclosed(src string) (open, suspect block, ok bool) {
	line := func(i int) (indent string, first bool) {
		start := strings.LastIndexByte(src[:i], '\n') + 1
		lead := src[start:i]
		indent = lead[:len(lead)-len(strings.TrimLeft(lead, " \t"))]
		return indent, len(indent) == len(lead)
	}
	var stack []block
	for _, m := range blockAction.FindAllStringSubmatchIndex(src, -1) {
		if m[2] < 0 {
			continue // a comment
		}
		indent, first := line(m[0])
		switch kw := src[m[2]:m[3]]; kw {
		case "end":
			if len(stack) == 0 {
				continue
			}
			b := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if suspect.line == 0 && first && indent != b.indent {
				suspect = b
			}
		default:
			l, c := textfile.LineCol([]byte(src), m[0])
			stack = append(stack, block{l, c, kw, indent})
		}
	}
	if len(stack) == 0 {
		return block{}, block{}, false
	}
	return stack[0], suspect, true
}

// pos turns a template position as text/template gives it (name, line,
// and the column as a count of bytes before it, or "") into a position
// in the file, with the column counted in characters from 1.
func (t *Templates) pos(name, line, bytes string) diag.Pos {
	p := diag.Pos{File: path.Join(Dir, name)}
	p.Line, _ = strconv.Atoi(line)
	col, err := strconv.Atoi(bytes)
	if err != nil {
		col = -1
	}
	var m *templatetext.Minified
	if f, ok := t.minified[name]; ok {
		m = &f
	}
	p.Line, p.Col = templatetext.Place(t.files[name], m, p.Line, col)
	return p
}
