package rebuild

import (
	"hash/maphash"
	"html/template"
	"maps"
	"slices"
	"strings"
	"text/template/parse"

	"github.com/furusato/furusato/internal/site"
)

// A layout's dependencies are found from its parse trees, before any page
// is rendered: which pages an output of the layout can read, as routes
// from where the template starts (the output's page, the language's home,
// a section named in {{pages "articles"}} ...) along the relations between
// pages that the template follows (.Page.Tags, then .Pages of each tag).
// A rebuild renders an output again only when a page on one of its routes
// changed. The analysis knows no types: a name that means different things
// on different values is taken in every meaning, so it may find more than
// the layout reads, never less.

// root is where a route starts.
type root uint8

const (
	rootPage      root = iota // the output's page
	rootPaginator             // the pages on this output of a paginated list, and the list's size
	rootHome                  // the language's home page
	rootSections              // the language's section pages
	rootSection               // one section's page, named
	rootTags                  // the language's tags page
	rootNotFound              // the language's 404 page
	rootSearch                // the language's search page, or none
	rootMenu                  // the pages of the language's menu
	rootFeeds                 // the section pages with feeds
	rootNamed                 // a page named by content path: {{page "about"}}, {{ref "contact"}}
	rootAny                   // unknown: every page
	rootNone                  // not a page: the layout's dot, a language's site
)

// route is a way from a root to pages: the relations followed, one byte
// (a site.Relation) each.
type route struct {
	root    root
	name    string // the section or content path, for rootSection and rootNamed
	anyLang bool   // the root in every language, not only the output's
	path    string
}

func (r route) then(rel site.Relation) route {
	r.path += string(rune(rel))
	return r
}

// kind is what a value in a template is, as far as the analysis knows.
type kind uint8

const (
	kData      kind = iota // the dot of a layout: render.Data
	kLang                  // a language's site: site.Lang
	kPage                  // a page, or a list of pages
	kPaginator             // render.Paginator
	kFeed                  // outputs.Feed
	kAlternate             // site.Alternate
	kMenu                  // site.MenuEntry
	kField                 // format.Field
	kAny                   // anything: a map, a value of a function, ...
)

type val struct {
	kind kind
	r    route
}

// value is the set of things an expression can be.
type value []val

// Deps is what the outputs of a layout can read besides their own page.
type Deps struct {
	routes []route
	named  []string // content paths named in page and ref
	Static bool     // static "css/site.css": the files of static/
	Source bool     // .Source, .Links: the Markdown files as written, where their links are
	// OthersContent: the .Content of pages other than the output's own.
	OthersContent bool
	All           bool     // everything: the analysis could not follow the template
	files         []string // the template files it runs, for telling when they change
}

// maxPath bounds the relations a route follows; a template that goes
// further depends on everything.
const maxPath = 6

type analysis struct {
	set     *template.Template
	reads   map[route]bool
	named   map[string]bool
	files   map[string]bool
	static  bool
	source  bool
	content bool // others' .Content
	all     bool
	done    map[string]bool // template name + dot, already analysed
	depth   int
}

// deps analyses the templates a layout runs, from entry, its first
// template.
func deps(set *template.Template, entry string) Deps {
	a := &analysis{set: set, reads: map[route]bool{}, named: map[string]bool{}, files: map[string]bool{}, done: map[string]bool{}}
	a.template(entry, value{{kind: kData, r: route{root: rootNone}}})
	d := Deps{Static: a.static, Source: a.source, OthersContent: a.content, All: a.all}
	for r := range a.reads {
		d.routes = append(d.routes, r)
	}
	slices.SortFunc(d.routes, func(x, y route) int {
		return strings.Compare(x.key(), y.key())
	})
	d.named = slices.Sorted(maps.Keys(a.named))
	d.files = slices.Sorted(maps.Keys(a.files))
	return d
}

func (r route) key() string {
	lang := "1"
	if r.anyLang {
		lang = "*"
	}
	return string(rune('a'+r.root)) + lang + r.name + "\x00" + r.path
}

func (v value) key() string {
	keys := make([]string, len(v))
	for i, x := range v {
		keys[i] = string(rune('a'+x.kind)) + x.r.key()
	}
	slices.Sort(keys)
	return strings.Join(slices.Compact(keys), "\x01")
}

// read notes that a route is read and returns it as a value.
func (a *analysis) read(k kind, r route) value {
	if r.root == rootNone {
		return value{{kind: k, r: r}}
	}
	if len(r.path) > maxPath || r.root == rootAny {
		a.all = true
	}
	if r.root == rootNamed {
		a.named[r.name] = true
	}
	a.reads[r] = true
	return value{{kind: k, r: r}}
}

func (a *analysis) template(name string, dot value) {
	key := name + "\x02" + dot.key()
	if a.done[key] {
		return
	}
	a.done[key] = true
	t := a.set.Lookup(name)
	if t == nil || t.Tree == nil {
		return
	}
	a.files[t.Tree.ParseName] = true
	if a.depth > 100 {
		a.all = true
		return
	}
	a.depth++
	sc := &scope{vars: map[string]value{"$": dot}}
	a.list(t.Tree.Root, dot, sc)
	a.depth--
}

// scope holds the variables of a control structure and its parents.
type scope struct {
	vars   map[string]value
	parent *scope
}

func (s *scope) lookup(name string) value {
	for ; s != nil; s = s.parent {
		if v, ok := s.vars[name]; ok {
			return v
		}
	}
	return nil
}

// assign changes a variable where it was declared; the old value is kept
// too, as the assignment may run in a loop.
func (s *scope) assign(name string, v value) {
	for ; s != nil; s = s.parent {
		if old, ok := s.vars[name]; ok {
			s.vars[name] = append(slices.Clip(old), v...)
			return
		}
	}
}

func (a *analysis) list(n *parse.ListNode, dot value, sc *scope) {
	if n == nil {
		return
	}
	for _, c := range n.Nodes {
		a.node(c, dot, sc)
	}
}

func (a *analysis) node(n parse.Node, dot value, sc *scope) {
	switch n := n.(type) {
	case *parse.ActionNode:
		a.pipe(n.Pipe, dot, sc, sc)
	case *parse.IfNode:
		inner := &scope{vars: map[string]value{}, parent: sc}
		a.pipe(n.Pipe, dot, sc, inner)
		a.list(n.List, dot, inner)
		a.list(n.ElseList, dot, inner)
	case *parse.WithNode:
		inner := &scope{vars: map[string]value{}, parent: sc}
		v := a.pipe(n.Pipe, dot, sc, inner)
		a.list(n.List, v, inner)
		a.list(n.ElseList, dot, inner)
	case *parse.RangeNode:
		inner := &scope{vars: map[string]value{}, parent: sc}
		// Elements of a list have the list's routes; the variables of
		// range $i, $e are declared by pipe, the element last.
		v := a.pipe(n.Pipe, dot, sc, inner)
		a.list(n.List, v, inner)
		a.list(n.ElseList, dot, inner)
	case *parse.TemplateNode:
		var v value
		if n.Pipe != nil {
			v = a.pipe(n.Pipe, dot, sc, sc)
		}
		a.template(n.Name, v)
	case *parse.ListNode:
		a.list(n, dot, sc)
	}
}

// pipe evaluates a pipeline and declares or assigns its variables in decl.
func (a *analysis) pipe(p *parse.PipeNode, dot value, sc, decl *scope) value {
	if p == nil {
		return nil
	}
	var v value
	for i, c := range p.Cmds {
		var prev value
		if i > 0 {
			prev = v
		}
		v = a.command(c, dot, sc, prev)
	}
	for _, d := range p.Decl {
		name := d.Ident[0]
		if p.IsAssign {
			decl.assign(name, v)
		} else {
			decl.vars[name] = v
		}
	}
	return v
}

// command evaluates one command of a pipeline; prev is the value of the
// command before it, passed as the last argument.
func (a *analysis) command(c *parse.CommandNode, dot value, sc *scope, prev value) value {
	if id, ok := c.Args[0].(*parse.IdentifierNode); ok {
		args := make([]value, 0, len(c.Args))
		for _, arg := range c.Args[1:] {
			args = append(args, a.arg(arg, dot, sc))
		}
		if prev != nil {
			args = append(args, prev)
		}
		var first *parse.StringNode
		if len(c.Args) > 1 {
			first, _ = c.Args[1].(*parse.StringNode)
		}
		return a.call(id.Ident, first, args)
	}
	v := a.arg(c.Args[0], dot, sc)
	for _, arg := range c.Args[1:] {
		a.arg(arg, dot, sc) // method arguments: what they read is noted
	}
	return v
}

func (a *analysis) arg(n parse.Node, dot value, sc *scope) value {
	switch n := n.(type) {
	case *parse.DotNode:
		return dot
	case *parse.FieldNode:
		return a.fields(dot, n.Ident)
	case *parse.VariableNode:
		return a.fields(sc.lookup(n.Ident[0]), n.Ident[1:])
	case *parse.ChainNode:
		return a.fields(a.arg(n.Node, dot, sc), n.Field)
	case *parse.PipeNode:
		return a.pipe(n, dot, sc, &scope{vars: map[string]value{}, parent: sc})
	case *parse.IdentifierNode:
		return a.call(n.Ident, nil, nil)
	}
	return nil // constants
}

// dataFuncs return text, numbers or truth values, never a page; every other
// function may return what it was given.
var dataFuncs = map[string]bool{
	"t": true, "date": true, "isodate": true, "yen": true, "label": true, "valueLabel": true, "choices": true, "foreign": true, "sri": true, "today": true,
	"eventDates": true, "eventDeadline": true, "googleCalendar": true,
	"relURL": true, "absURL": true, "add": true, "sub": true, "join": true, "crop": true,
	"len": true, "eq": true, "ne": true, "lt": true, "le": true, "gt": true, "ge": true,
	"not": true, "print": true, "printf": true, "println": true, "html": true, "js": true, "urlquery": true,
}

// listFuncs return some of the pages they were given.
var listFuncs = map[string]bool{"where": true, "sortBy": true, "limit": true, "tagged": true, "upcoming": true, "past": true}

func (a *analysis) call(name string, first *parse.StringNode, args []value) value {
	switch name {
	case "pages":
		if first == nil {
			return a.read(kPage, route{root: rootSections}.then(site.Members))
		}
		a.read(kPage, route{root: rootSection, name: first.Text})
		return a.read(kPage, route{root: rootSection, name: first.Text}.then(site.Members))
	case "page", "ref", "findPage":
		if first == nil {
			return a.read(kPage, route{root: rootAny})
		}
		v := a.read(kPage, route{root: rootNamed, name: first.Text})
		if name == "ref" {
			return nil
		}
		return v
	case "catalogue":
		// The pages of every section, in the default language too: the
		// data files hold them, their sizes and dates.
		a.read(kPage, route{root: rootSections, anyLang: true}.then(site.Members))
		return nil
	case "static", "photo": // photo: a photo of static/, in its widths
		a.static = true
		return nil
	case "jsonld":
		// The output's page, its breadcrumbs and the pages its fields name;
		// its image option may be a file of static/.
		a.static = true
		a.read(kPage, route{root: rootPage})
		a.read(kPage, route{root: rootPage}.then(site.Ancestors))
		a.read(kPage, route{root: rootPage}.then(site.Refs))
		return nil
	case "partialCached":
		// The partial runs on the dot it is given, like {{template}}.
		if first == nil || len(args) < 2 {
			a.all = true
			return nil
		}
		a.template(first.Text, args[1])
		return nil
	}
	if dataFuncs[name] {
		return nil
	}
	var out value
	for _, arg := range args {
		for _, x := range arg {
			if !listFuncs[name] {
				x.kind = kAny
			}
			out = append(out, x)
		}
	}
	return out
}

// fields follows a chain of field and method names from a value.
func (a *analysis) fields(v value, names []string) value {
	for _, name := range names {
		var next value
		for _, x := range v {
			next = append(next, a.field(x, name)...)
		}
		v = next
	}
	return v
}

// pageRelations are the names that lead from a page to other pages.
var pageRelations = map[string]site.Relation{
	"Pages":        site.Members,
	"Translations": site.Translations,
	"Translation":  site.Translations,
	"Alternates":   site.Translations,
	"XDefault":     site.Translations,
	"Fallback":     site.Translations,
	"IsTranslated": site.Translations,
	"Ancestors":    site.Ancestors,
	"Parent":       site.Ancestors,
	"Referrers":    site.Referrers,
	"Prev":         site.Neighbours,
	"Next":         site.Neighbours,
	"Tags":         site.Tags,
	"Params":       site.Refs,
	"Param":        site.Refs,
	"Fields":       site.Refs,
}

// langEntries are the names that lead from a language's site to pages:
// where they start, whether they go on to the pages those list, and what
// they give.
var langEntries = map[string]struct {
	root    root
	members bool
	kind    kind
}{
	"Home":        {rootHome, false, kPage},
	"Regular":     {rootHome, true, kPage},
	"Sections":    {rootSections, false, kPage},
	"SectionList": {rootSections, false, kPage},
	"PagesOf":     {rootSections, true, kPage},
	"Tags":        {rootTags, false, kPage},
	"TagPages":    {rootTags, true, kPage},
	"NotFound":    {rootNotFound, false, kPage},
	"Search":      {rootSearch, false, kPage},
	"Menu":        {rootMenu, false, kMenu},
}

// field applies one name to one value.
func (a *analysis) field(x val, name string) value {
	switch x.kind {
	case kData:
		switch name {
		case "Page":
			return a.read(kPage, route{root: rootPage})
		case "Site":
			return value{{kind: kLang, r: route{root: rootNone}}}
		case "Paginator":
			return a.read(kPaginator, route{root: rootPaginator})
		case "Feeds":
			return a.read(kFeed, route{root: rootFeeds})
		case "URL", "Permalink":
			a.read(kPage, route{root: rootPage})
			return nil
		}
		return nil // site.yaml's settings; a name Data does not have fails to render

	case kLang:
		e, ok := langEntries[name]
		if !ok {
			return nil // the language's settings from site.yaml
		}
		r := route{root: e.root, anyLang: x.r.anyLang}
		if e.members {
			r = r.then(site.Members)
		}
		return a.read(e.kind, r)
	case kPage:
		if rel, ok := pageRelations[name]; ok {
			k := kPage
			switch name {
			case "Alternates":
				k = kAlternate
			case "Params", "Param":
				k = kAny
			case "Fields":
				k = kField
			}
			return a.read(k, x.r.then(rel))
		}
		if name == "Source" || name == "Links" {
			a.source = true
		}
		if name == "Content" && (x.r.root != rootPage || x.r.path != "") {
			a.content = true
		}
		if name == "AppendFollow" {
			return a.read(kPage, route{root: rootAny})
		}
		if name == "Site" {
			return value{{kind: kLang, r: route{root: rootNone, anyLang: x.r.root != rootPage || x.r.path != ""}}}
		}
		return nil // the page's own data, read with its route
	case kPaginator:
		if name == "Pages" {
			return a.read(kPage, x.r)
		}
		return nil
	case kFeed:
		if name == "Section" {
			return a.read(kPage, x.r)
		}
		return nil
	case kMenu:
		if name == "Page" {
			return a.read(kPage, x.r)
		}
		return nil
	case kField:
		if name == "Value" {
			return value{{kind: kAny, r: x.r}}
		}
		return nil
	case kAlternate:
		return nil // the URLs of the translations, read with the route
	}
	// kAny: a map, a function's value, a field's value: take the name in
	// every meaning, and as a key that keeps the value's routes.
	out := value{{kind: kAny, r: x.r}}
	for k := kData; k < kAny; k++ {
		if (k == kData || k == kLang) != (x.r.root == rootNone) {
			continue
		}
		y := x
		y.kind = k
		out = append(out, a.field(y, name)...)
	}
	return out
}

// layoutHash hashes the template files a layout runs, to tell when a
// rebuild must render its outputs again.
func layoutHash(seed maphash.Seed, files map[string]string, d Deps) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	for _, f := range d.files {
		h.WriteString(f)
		h.WriteByte(0)
		h.WriteString(files[f])
		h.WriteByte(0)
	}
	return h.Sum64()
}
