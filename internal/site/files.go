package site

import "github.com/furusato/furusato/internal/config"

// StaticURL returns the URL pages use for a file of static/ (a slash path
// without leading slash): its published name under the base URL's path.
// ok is false when static/ has no such file.
func (s *Site) StaticURL(p string) (string, bool) { return s.files.StaticURL(p) }

// StaticIntegrity returns the Subresource Integrity value (sha384-…) of a
// file of static/, or "" when it is not known.
func (s *Site) StaticIntegrity(p string) string { return s.files.StaticIntegrity(p) }

// bundlePages is the graph as package bundle sees it, to resolve links.
type bundlePages struct{ *Site }

func (g bundlePages) PageURL(l *config.Language, contentPath string) (string, bool) {
	if p := g.Lookup(l, contentPath); p != nil {
		return p.URL, true
	}
	return "", false
}

func (g bundlePages) Published(contentPath string) bool {
	_, ok := g.paths[contentPath]
	return ok
}
