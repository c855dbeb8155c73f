package site

// Assets tells the names files of static/ are published under (with a
// content hash, when fingerprinting is on) and their Subresource Integrity
// values. The assets stage provides it; without it files keep their names.
type Assets interface {
	Published(p string) (name string, ok bool)
	Integrity(p string) string
}

// StaticURL returns the URL pages use for a file of static/ (a slash path
// without leading slash): its published name under the base URL's path.
// ok is false when static/ has no such file.
func (s *Site) StaticURL(p string) (string, bool) {
	if !s.static[p] {
		return "", false
	}
	if s.assets != nil {
		if name, ok := s.assets.Published(p); ok {
			return s.RelURL(name), true
		}
	}
	return s.RelURL(p), true
}

// StaticIntegrity returns the Subresource Integrity value (sha384-…) of a
// file of static/, or "" when it is not known.
func (s *Site) StaticIntegrity(p string) string {
	if s.assets == nil || !s.static[p] {
		return ""
	}
	return s.assets.Integrity(p)
}
