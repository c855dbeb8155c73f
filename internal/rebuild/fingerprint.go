package rebuild

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"math"
	"slices"
	"time"

	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/site"
)

// Fingerprints tell which pages changed between two builds: a hash of
// everything a template can read on a page, made under a seed that two
// builds share.

// Fingerprint tells whether what templates can read of a page changed
// between two builds.
type Fingerprint struct {
	// Own covers everything a template reads on the page itself, including
	// which pages its translations, tags, neighbours, referrers and ref
	// fields are (not what those pages say).
	Own uint64
	// Members covers which pages a list has, in order.
	Members uint64
}

// fingerprints returns the fingerprint of every page, by ID. Two builds
// give a page the same fingerprint exactly when a template reading it
// (without following its links) would see the same thing. The seed must
// be the same for the builds compared.
func fingerprints(seed maphash.Seed, s *site.Site) map[string]Fingerprint {
	return fingerprintsOf(seed, s.Pages)
}

// fingerprintsOf returns the fingerprints of some pages, by ID.
func fingerprintsOf(seed maphash.Seed, pages []*site.Page) map[string]Fingerprint {
	out := make(map[string]Fingerprint, len(pages))
	var h maphash.Hash
	h.SetSeed(seed)
	for _, p := range pages {
		h.Reset()
		hashOwn(&h, p)
		own := h.Sum64()
		h.Reset()
		hashIDs(&h, p.Pages)
		out[p.ID()] = Fingerprint{Own: own, Members: h.Sum64()}
	}
	return out
}

// shape hashes what every output can depend on besides pages: which
// section, tag and list pages each language has, its menu, and the pages
// that templates name by path.
func shape(seed maphash.Seed, s *site.Site, named []string) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	writeInt(&h, s.Today().Unix()) // templates can show the build's day
	for _, ls := range s.Langs {
		hashIDs(&h, []*site.Page{ls.Home, ls.Tags, ls.NotFound})
		hashIDs(&h, ls.SectionList())
		hashIDs(&h, ls.Tags.Pages)
		for _, m := range ls.Menu {
			writeString(&h, m.Title)
			writeString(&h, m.URL)
			hashIDs(&h, []*site.Page{m.Page})
		}
		for _, n := range named {
			writeString(&h, n)
			hashIDs(&h, []*site.Page{s.Lookup(ls.Language, n)})
		}
	}
	return h.Sum64()
}

func writeString(h *maphash.Hash, v string) {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(v)))
	h.Write(n[:])
	h.WriteString(v)
}

func writeInt(h *maphash.Hash, v int64) {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(v))
	h.Write(n[:])
}

func hashIDs(h *maphash.Hash, ps []*site.Page) {
	writeInt(h, int64(len(ps)))
	for _, q := range ps {
		if q == nil {
			writeString(h, "")
			continue
		}
		writeString(h, q.Lang.Code)
		writeString(h, string(q.Kind))
		writeString(h, q.Path)
	}
}

func hashOwn(h *maphash.Hash, p *site.Page) {
	str := func(v string) { writeString(h, v) }
	num := func(v int64) { writeInt(h, v) }
	when := func(t time.Time) { num(t.Unix()); num(int64(t.Nanosecond())); str(t.Location().String()) }
	str(p.ID())
	str(p.Section)
	str(p.File)
	str(p.URL)
	str(p.Permalink)
	str(p.Title)
	str(p.Description)
	when(p.Date)
	when(p.Updated)
	when(p.LastModified)
	when(p.Expires)
	if a := p.Application; a != nil {
		hashValue(h, a.From)
		hashValue(h, a.Last)
		num(int64(a.FiscalYear))
		str(a.Status)
	} else {
		str("-")
	}
	if p.Draft {
		num(1)
	} else {
		num(0)
	}
	num(int64(p.Weight))
	if p.Image != nil {
		str(p.Image.URL)
		str(p.Image.Alt)
		num(int64(p.Image.Width))
		num(int64(p.Image.Height))
	} else {
		str("-")
	}
	str(p.Summary)
	if sum := p.BodySum(); sum != 0 {
		num(int64(sum)) // the body, .Source, and all that came of it
	} else {
		str(string(p.Content()))
		num(int64(p.ReadingTime))
		num(int64(len(p.Headings)))
		for _, hd := range p.Headings {
			num(int64(hd.Level))
			str(hd.ID)
			str(hd.Text)
		}
		if src := p.Source(); src != nil {
			str(string(src.Body)) // what .Source shows
		}
	}
	keys := make([]string, 0, len(p.Params))
	for k := range p.Params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		str(k)
		hashValue(h, p.Params[k])
	}
	if e := p.Event; e != nil { // the rest of Event comes of Params
		if e.Ended {
			str("ended")
		}
		if e.Closed {
			str("closed")
		}
	}
	hashIDs(h, p.Tags)
	hashIDs(h, p.Translations)
	hashIDs(h, []*site.Page{p.Prev, p.Next})
	num(int64(len(p.Pages)))
	hashIDs(h, p.AppendFollow(nil, site.Referrers))
	for _, k := range p.ReferrerKeys() {
		str(k)
	}
}

func hashValue(h *maphash.Hash, v any) {
	switch v := v.(type) {
	case *site.Page:
		writeString(h, "page")
		hashIDs(h, []*site.Page{v})
	case []*site.Page:
		writeString(h, "pages")
		hashIDs(h, v)
	case []any:
		writeString(h, "list")
		writeInt(h, int64(len(v)))
		for _, x := range v {
			hashValue(h, x)
		}
	case string:
		writeString(h, "s")
		writeString(h, v)
	case int:
		writeString(h, "i")
		writeInt(h, int64(v))
	case bool:
		writeString(h, "b")
		if v {
			writeInt(h, 1)
		} else {
			writeInt(h, 0)
		}
	case content.Yen:
		writeString(h, "y")
		writeInt(h, int64(v))
	case float64:
		writeString(h, "f")
		writeInt(h, int64(math.Float64bits(v)))
	case content.Date:
		writeString(h, "d")
		writeInt(h, int64(v.Precision))
		if v.Clock {
			writeInt(h, 1)
		}
		writeInt(h, v.Unix())
		writeInt(h, int64(v.Nanosecond()))
		writeString(h, v.Location().String())
	default:
		writeString(h, fmt.Sprintf("%T:%#v", v, v))
	}
}
