package render

import (
	"fmt"
	"html/template"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/furusato/furusato/internal/site"
)

// partials runs the partials that templates cache, for one language:
//
//	{{partialCached "partials/footer.html" .}}
//	{{partialCached "partials/menu.html" . (.Site.MenuState .Page)}}
//
// renders the partial once per render of the site for each set of the
// values after the dot (the variants), and gives every other page with the
// same variants the same HTML. A partial that shows the same thing on
// every page of a language (the footer's contact details) needs none; one
// that differs between pages must be given, as variants, everything that
// makes it differ, or pages get another page's version of it. The HTML is
// written where HTML goes, between elements: in an attribute or a script it
// is escaped as text.
type partials struct {
	set *template.Template // the language's base.html and partials, once parsed
	// check renders the partial on every page too, and fails a page
	// that shows it differently from the cached version (furusato check).
	check      bool
	mu         sync.Mutex
	entries    map[cacheKey]*cachedPartial
	mismatches map[string]mismatch // partial → the first pages found to differ
}

// mismatch is two pages that show a cached partial differently.
type mismatch struct{ first, other string }

// cacheKey tells the versions of cached partials apart: by the partial's
// name and the variants, the usual single page or text as it is (a page
// is one object for a whole render), others written out as text.
type cacheKey struct {
	name string
	n    int // variants
	page *site.Page
	text string
	many string
}

type cachedPartial struct {
	once sync.Once
	html template.HTML
	err  error
	url  string // of the output it was rendered for (see urlOf)
}

// partialError is an error inside a cached partial, kept apart so that
// the error is reported where it is, in the partial.
type partialError struct{ err error }

func (e *partialError) Error() string { return e.err.Error() }
func (e *partialError) Unwrap() error { return e.err }

// reset forgets the partials of the previous render: the pages they
// showed may have changed.
func (c *partials) reset() {
	c.mu.Lock()
	c.entries, c.mismatches = nil, nil
	c.mu.Unlock()
}

func (c *partials) run(name string, dot any, variants ...any) (template.HTML, error) {
	if c == nil || c.set == nil || !strings.HasPrefix(name, "partials/") {
		return "", noPartial(name)
	}
	key := cacheKey{name: name, n: len(variants)}
	asIs := false // the usual single variant, a page or text, is its own key
	if len(variants) == 1 {
		switch v := variants[0].(type) {
		case *site.Page:
			key.page, asIs = v, v != nil
		case string:
			key.text, asIs = v, true
		}
	}
	if !asIs && len(variants) > 0 {
		key.many = variantsKey(variants)
	}
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[cacheKey]*cachedPartial{}
	}
	e := c.entries[key]
	if e == nil {
		e = &cachedPartial{}
		c.entries[key] = e
	}
	c.mu.Unlock()
	first := false
	e.once.Do(func() {
		first = true
		if c.set.Lookup(name) == nil {
			e.err = noPartial(name)
			return
		}
		e.html, e.err = c.execute(name, dot)
		e.url = urlOf(dot)
	})
	if c.check && !first && e.err == nil {
		// The page's own version, noted when it differs, and shown, so
		// that the check goes on to everything else.
		own, err := c.execute(name, dot)
		if err != nil {
			return "", err
		}
		if own != e.html {
			c.mu.Lock()
			if _, seen := c.mismatches[name]; !seen {
				if c.mismatches == nil {
					c.mismatches = map[string]mismatch{}
				}
				c.mismatches[name] = mismatch{first: e.url, other: urlOf(dot)}
			}
			c.mu.Unlock()
		}
		return own, nil
	}
	return e.html, e.err
}

func noPartial(name string) error {
	return fmt.Errorf("there is no partial %q: it caches the files of templates/partials/, named like \"partials/footer.html\"", name)
}

func (c *partials) execute(name string, dot any) (template.HTML, error) {
	var b strings.Builder
	if err := c.set.ExecuteTemplate(&b, name, dot); err != nil {
		return "", &partialError{err}
	}
	return template.HTML(b.String()), nil // escaped by html/template as it ran
}

// urlOf names the output a partial runs for, when its dot says.
func urlOf(dot any) string {
	switch d := dot.(type) {
	case *Data:
		return d.URL
	case *site.Page:
		if d != nil {
			return "an output showing " + d.URL // a card, rendered for a list
		}
	}
	return "a page"
}

// variantsKey is the variants as text.
func variantsKey(variants []any) string {
	var b strings.Builder
	for _, v := range variants {
		b.WriteString("\x00")
		b.WriteString(variantKey(v))
	}
	return b.String()
}

// variantKey is a variant as text: a page, wherever it is in the value (a
// list of pages, a dict, a struct), by its language, kind and path, never
// by its title, which two pages may share; other pointers by the object
// they point to, which is one object for a whole render.
func variantKey(v any) string {
	var b strings.Builder
	writeKey(&b, reflect.ValueOf(v), 0)
	return b.String()
}

var pagePointer = reflect.TypeFor[*site.Page]()

func writeKey(b *strings.Builder, v reflect.Value, depth int) {
	switch {
	case !v.IsValid():
		b.WriteString("nil")
		return
	case depth > 10:
		fmt.Fprintf(b, "%v", v) // deeper than any value a template makes
		return
	case v.Type() == pagePointer:
		if v.IsNil() {
			b.WriteString("<nil page>")
			return
		}
		p := (*site.Page)(v.UnsafePointer()) // also from a field Interface cannot read
		b.WriteString("page:" + p.Lang.Code + ":" + string(p.Kind) + ":" + p.Path)
		return
	}
	switch v.Kind() {
	case reflect.Interface:
		writeKey(b, v.Elem(), depth+1)
	case reflect.Map:
		type entry struct {
			key string
			v   reflect.Value
		}
		var entries []entry
		for it := v.MapRange(); it.Next(); {
			entries = append(entries, entry{fmt.Sprintf("%q", fmt.Sprint(it.Key())), it.Value()})
		}
		slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.key, b.key) })
		b.WriteString("{")
		for _, e := range entries {
			b.WriteString(e.key + ":")
			writeKey(b, e.v, depth+1)
			b.WriteString(",")
		}
		b.WriteString("}")
	case reflect.Pointer, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		fmt.Fprintf(b, "%s@%x", v.Type(), v.Pointer())
	case reflect.Slice, reflect.Array, reflect.Struct:
		n, item := v.Len, v.Index
		if v.Kind() == reflect.Struct {
			n, item = v.NumField, v.Field
		}
		b.WriteString(v.Type().String() + "[")
		for i := range n() {
			writeKey(b, item(i), depth+1)
			b.WriteString(",")
		}
		b.WriteString("]")
	case reflect.String:
		fmt.Fprintf(b, "%q", v.String())
	default:
		fmt.Fprintf(b, "%s:%v", v.Type(), v)
	}
}
