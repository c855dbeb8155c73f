// Package rebuild tells what a change can reach, so that a rebuild (the
// dev server's, after a save) writes only the outputs it changes:
//
//   - Analyze reads the templates' parse trees, before any page is
//     rendered, for what each layout can show: fields of the page, pages
//     on routes from it (its list's pages, translations, referrers,
//     neighbours, tags, refs), named pages, other pages' HTML, static
//     files (deps.go);
//   - a Fingerprint of each page sums what templates can read of it
//     (fingerprint.go);
//   - Keepable tells, for each output of the plan, whether the previous
//     build's bytes can be kept: its layout's templates are the same, and
//     nothing on the routes it reads has a new fingerprint.
//
// A build with nothing to compare with writes everything; the random-edit
// tests of package build compare every rebuild with a clean build.
package rebuild

import (
	"hash/maphash"
	"maps"
	"runtime"
	"sync"

	"github.com/furusato/furusato/internal/render"
	"github.com/furusato/furusato/internal/site"
)

// Previous is what the previous build left for the next.
type Previous struct {
	Outputs map[string][]byte // its outputs, as written
	State   *State            // what Keepable returned for it; nil for none
	Static  bool              // the files of static/ changed since then
	// Edited lists the pages whose bodies changed when the site is the
	// previous build's graph, edited in place (site.Edit).
	Edited []*site.Page
}

// State is what a build remembers for the next one to reuse its outputs.
type State struct {
	site    *site.Site      // the graph it was made for
	outputs []render.Output // the outputs it planned
	seed    maphash.Seed
	prints  map[string]Fingerprint
	shape   uint64
	layouts []map[string]uint64 // language index → layout → hash of its template files
}

// Plan returns the outputs of the site: those of the previous build when
// the graph is the one it was made for (edited in place), else
// render.Plan's.
func (st *State) Plan(s *site.Site) ([]render.Output, error) {
	if st != nil && st.site == s {
		return st.outputs, nil
	}
	return render.Plan(s)
}

// Keepable tells, for each output of the plan, whether the previous
// build's can be kept as it was: when its layout's template files are the
// same, it does not use static files that changed, and no page on the
// routes its layout reads (see deps) has a new fingerprint. Feeds are
// always made again; the sitemap and robots.txt when the graph's shape
// changed. It returns the State for the next build.
func Keepable(s *site.Site, a *Analysis, outs []render.Output, prev Previous) ([]bool, *State) {
	next := newState(s, a, prev.State, prev.Edited, outs)
	kept := make([]bool, len(outs))
	first := newStaleness(s, a, &prev, next)
	workers := min(runtime.GOMAXPROCS(0), max(1, len(outs)/1000))
	var wg sync.WaitGroup
	for w := range workers {
		st := first
		if w > 0 {
			st = first.fork()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(outs); i += workers {
				kept[i] = !st.stale(outs[i])
			}
		}()
	}
	wg.Wait()
	return kept, next
}

// newState makes the State of a build. When the graph is the previous
// build's, edited in place, only the edited pages are fingerprinted again.
func newState(s *site.Site, a *Analysis, prev *State, edited []*site.Page, outs []render.Output) *State {
	st := &State{site: s, outputs: outs, seed: maphash.MakeSeed()}
	if prev != nil {
		st.seed = prev.seed // fingerprints compare only under one seed
	}
	if prev != nil && prev.site == s {
		st.prints = maps.Clone(prev.prints)
		maps.Copy(st.prints, fingerprintsOf(st.seed, edited))
		st.shape = prev.shape
	} else {
		st.prints = fingerprints(st.seed, s)
		st.shape = shape(st.seed, s, a.named)
	}
	st.layouts = make([]map[string]uint64, len(a.deps))
	files := a.t.Files()
	for i := range a.deps {
		st.layouts[i] = map[string]uint64{}
		for name, d := range a.deps[i] {
			st.layouts[i][name] = layoutHash(st.seed, files, d)
		}
	}
	return st
}

// fork returns a staleness that shares what changed with st, and has its
// own memory of walks, for another goroutine.
func (st *staleness) fork() *staleness {
	f := *st
	f.memo = map[memoKey]bool{}
	f.shared = map[layoutKey]bool{}
	f.seen = make([]uint32, len(st.seen))
	f.walks = 0
	f.ids = map[route]int32{}
	f.bufs = [2][]*site.Page{}
	return &f
}

// change bits of a page since the previous build.
const (
	ownChanged     = 1 << iota // what the page itself shows
	membersChanged             // which pages it lists, or their order
)

// staleness decides which outputs must be rendered again.
type staleness struct {
	s       *site.Site
	a       *Analysis
	prev    *Previous
	next    *State
	changed []uint8 // by page Seq
	any     bool    // some page changed
	all     bool    // every output is stale
	memo    map[memoKey]bool
	shared  map[layoutKey]bool // whether a layout's routes from the language's pages met a change
	from    [1]*site.Page      // scratch: the roots of a walk from one page
	bufs    [2][]*site.Page    // scratch: the pages of a walk's steps
	// sameGraph: the graph is the previous build's, edited in place.
	sameGraph bool
	seen      []uint32 // by page Seq: the walk that last saw the page
	walks     uint32
	ids       map[route]int32 // routes, numbered for memoKey
}

type memoKey struct {
	route int32
	page  *site.Page        // for routes from the output's page
	pager *render.Paginator // for routes from its paginator
	lang  int32             // for routes from a language's pages; -1 for all
}

func newStaleness(s *site.Site, a *Analysis, previous *Previous, next *State) *staleness {
	prev := previous.State
	st := &staleness{s: s, a: a, prev: previous, next: next, changed: make([]uint8, len(s.Pages)), memo: map[memoKey]bool{}, shared: map[layoutKey]bool{}, seen: make([]uint32, len(s.Pages)), ids: map[route]int32{}}
	st.sameGraph = prev != nil && prev.site == s
	if prev == nil || prev.shape != next.shape || len(prev.layouts) != len(next.layouts) {
		st.all = true
		return st
	}
	for _, p := range s.Pages {
		old, ok := prev.prints[p.ID()]
		fp := next.prints[p.ID()]
		var bits uint8
		if !ok || old.Own != fp.Own {
			bits |= ownChanged
		}
		if !ok || old.Members != fp.Members {
			bits |= membersChanged
		}
		if bits != 0 {
			st.changed[p.Seq()] = bits
			st.any = true
		}
	}
	return st
}

// stale reports whether an output must be rendered again.
func (st *staleness) stale(j render.Output) bool {
	if st.all {
		return true
	}
	if j.Page == nil {
		// The sitemap and robots.txt say only what the graph's shape
		// says; a graph edited in place has the same shape.
		_, had := st.prev.Outputs[j.Path]
		return !(st.sameGraph && j.ShapeOnly && had)
	}
	if _, ok := st.prev.Outputs[j.Path]; !ok {
		return true
	}
	i := j.Page.Lang.Index
	name, d, ok, gone := st.a.depsOf(j.Page, st.prev.State.layouts[i])
	if !ok || d.All || gone {
		return true
	}
	if st.prev.State.layouts[i][name] != st.next.layouts[i][name] {
		return true
	}
	if d.Static && st.prev.Static {
		return true
	}
	if !st.any {
		return false
	}
	// Routes from the language's pages are the same for every output of
	// a layout in a language.
	key := layoutKey{name, i}
	v, ok := st.shared[key]
	if !ok {
		for _, r := range d.routes {
			if r.root != rootPage && r.root != rootPaginator && st.routeStale(r, j) {
				v = true
				break
			}
		}
		st.shared[key] = v
	}
	if v {
		return true
	}
	for _, r := range d.routes {
		if (r.root == rootPage || r.root == rootPaginator) && st.routeStale(r, j) {
			return true
		}
	}
	return false
}

type layoutKey struct {
	name string
	lang int
}

// routeStale reports whether a page on a route of an output changed.
func (st *staleness) routeStale(r route, j render.Output) bool {
	if r.root == rootPage && r.path == "" {
		return st.changed[j.Page.Seq()]&ownChanged != 0
	}
	if r.root == rootPage && j.Dot.Paginator == nil {
		// One output per page: nothing to remember.
		st.from[0] = j.Page
		return st.walk(r, st.from[:1])
	}
	id, ok := st.ids[r]
	if !ok {
		id = int32(len(st.ids))
		st.ids[r] = id
	}
	key := memoKey{route: id, lang: -1}
	switch r.root {
	case rootPage:
		key.page = j.Page
	case rootPaginator:
		key.pager = j.Dot.Paginator
	default:
		if !r.anyLang {
			key.lang = int32(j.Page.Lang.Index)
		}
	}
	if v, ok := st.memo[key]; ok {
		return v
	}
	v := st.walk(r, st.roots(r, j))
	st.memo[key] = v
	return v
}

// roots returns the pages a route starts from, for one output. A nil page
// in the list stands for a root whose own list of pages changed.
func (st *staleness) roots(r route, j render.Output) []*site.Page {
	langs := st.s.Langs
	if !r.anyLang {
		langs = langs[j.Page.Lang.Index : j.Page.Lang.Index+1]
	}
	var out []*site.Page
	switch r.root {
	case rootPage:
		return []*site.Page{j.Page}
	case rootPaginator:
		// The page numbers and links come from the list and its URL.
		if st.changed[j.Page.Seq()] != 0 {
			return []*site.Page{nil}
		}
		if j.Dot.Paginator != nil {
			return j.Dot.Paginator.Pages
		}
		return nil
	case rootAny:
		return []*site.Page{nil}
	}
	for _, ls := range langs {
		switch r.root {
		case rootHome:
			out = append(out, ls.Home)
		case rootSections:
			out = append(out, ls.SectionList()...)
		case rootSection:
			if sec := ls.Sections[r.name]; sec != nil {
				out = append(out, sec)
			}
		case rootTags:
			out = append(out, ls.Tags)
		case rootNotFound:
			out = append(out, ls.NotFound)
		case rootSearch:
			if ls.Search != nil {
				out = append(out, ls.Search)
			}
		case rootMenu:
			for _, m := range ls.Menu {
				if m.Page != nil {
					out = append(out, m.Page)
				}
			}
		case rootFeeds:
			for _, name := range st.s.Config.SectionNames() {
				if sec := ls.Sections[name]; sec != nil && st.s.Config.Sections[name].Feed {
					out = append(out, sec)
				}
			}
		case rootNamed:
			if p := st.s.Lookup(ls.Language, r.name); p != nil {
				out = append(out, p)
			}
		}
	}
	return out
}

// walk follows a route's relations from its roots, and reports whether a
// page on the way changed (or a list on the way has other pages).
func (st *staleness) walk(r route, from []*site.Page) bool {
	cur := from
	for step := 0; ; step++ {
		for _, p := range cur {
			if p == nil || st.changed[p.Seq()]&ownChanged != 0 {
				return true
			}
		}
		if step == len(r.path) {
			return false
		}
		rel := site.Relation(r.path[step])
		st.walks++
		next := st.bufs[step%2][:0]
		for _, p := range cur {
			if rel == site.Members && st.changed[p.Seq()]&membersChanged != 0 {
				return true
			}
			n := len(next)
			next = p.AppendFollow(next, rel)
			// Keep each page once.
			kept := next[:n]
			for _, q := range next[n:] {
				if st.seen[q.Seq()] != st.walks {
					st.seen[q.Seq()] = st.walks
					kept = append(kept, q)
				}
			}
			next = kept
		}
		st.bufs[step%2] = next
		cur = next
	}
}
