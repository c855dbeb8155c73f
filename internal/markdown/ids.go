package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// reservedIDs are the IDs that page layouts use for their own elements,
// which headings never get (see the package documentation).
const reservedIDs = "main top content header footer nav menu search skip toc contents breadcrumbs language languages pager footnotes"

// ids makes heading IDs that keep the heading's letters in any script:
// "## 移住支援制度" gets id="移住支援制度", "## Office rent" gets
// id="office-rent". Repeated headings, and headings whose ID is reserved,
// get -1, -2 and so on.
type ids struct {
	reserved map[string]bool // shared by the pages of a Converter, read only
	used     map[string]bool // this page's
	// numbered is, for an ID that was taken, the last number it was
	// given: IDs once taken stay taken, so the numbers up to it need no
	// second look, and the nth repeat of a heading costs one look, not n.
	numbered map[string]int
}

// reservedSet is the IDs headings never get: the built-in ones and the
// site's.
func reservedSet(site []string) map[string]bool {
	set := map[string]bool{}
	for _, id := range strings.Fields(reservedIDs) {
		set[id] = true
	}
	for _, id := range site {
		set[id] = true
	}
	return set
}

func newIDs(reserved map[string]bool) *ids {
	return &ids{reserved: reserved, used: map[string]bool{}, numbered: map[string]int{}}
}

func (s *ids) taken(id string) bool { return s.reserved[id] || s.used[id] }

// Generate implements parser.IDs.
func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	var b strings.Builder
	dash := false
	for _, r := range strings.TrimSpace(string(value)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-' || r == '_' || r == '・' || r == '　':
			dash = true
		}
	}
	id := b.String()
	if id == "" {
		id = "section"
	}
	unique, n := id, s.numbered[id]
	for s.taken(unique) {
		n++
		unique = id + "-" + strconv.Itoa(n)
	}
	if n > 0 {
		s.numbered[id] = n
	}
	s.used[unique] = true
	return []byte(unique)
}

// Put implements parser.IDs.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }
