package content

import (
	"net/url"
	"path"
	"strings"

	"github.com/furusato/furusato/internal/diag"
)

// Alias is an old address of a page, written in its front matter's
// aliases: a path from the site's root (/old/page.html, /旧ページ/) that
// furusato redirects to the page.
type Alias struct {
	Path string // decoded and cleaned; a trailing / is kept
	Pos  diag.Pos
}

// aliases reads the front matter value r of the key aliases: a list of
// paths (or one path), each checked at its position.
func aliases(r Raw, errs *diag.List) []Alias {
	items, ok := r.Value.([]Raw)
	if !ok {
		items = []Raw{r} // one alias is a list of one
	}
	var out []Alias
	for _, item := range items {
		s, ok := item.Value.(string)
		if !ok {
			errs.Addf(item.Pos, "front matter: aliases: want a path such as /old/page.html, got %s", describe(item.Value))
			continue
		}
		p, msg := aliasPath(strings.TrimSpace(s))
		if msg != "" {
			errs.Addf(item.Pos, "front matter: aliases: %q %s", s, msg)
			continue
		}
		out = append(out, Alias{Path: p, Pos: item.Pos})
	}
	return out
}

// aliasPath checks one alias and returns it decoded and cleaned, or says
// what is wrong with it.
func aliasPath(s string) (string, string) {
	switch {
	case strings.Contains(s, "://") || strings.HasPrefix(s, "//"):
		return "", "is not a path of this site: an alias is an old address of the page on this site, from its root, such as /old/page.html"
	case !strings.HasPrefix(s, "/"):
		return "", "does not start with /: write the old address from the site's root, such as /old/page.html"
	case strings.ContainsAny(s, "?#"):
		return "", "has a query or fragment (? or #), which a static site cannot tell apart: give the path alone"
	case strings.Contains(s, `\`):
		return "", `has a \: write paths with /`
	}
	decoded, err := url.PathUnescape(s)
	if err != nil {
		return "", "has a % that is not followed by two hex digits"
	}
	for _, part := range strings.Split(decoded, "/") {
		switch {
		case part == "." || part == "..":
			return "", "has . or .. in it: write the address as visitors knew it"
		case strings.HasPrefix(part, "."):
			return "", "names a hidden file (" + part + "): furusato publishes no name that starts with a dot, which web servers read as their own settings (.htaccess)"
		}
	}
	clean := path.Clean(decoded)
	if clean == "/" {
		return "", "is the home page: an alias is an address that no page has now"
	}
	if strings.HasSuffix(decoded, "/") {
		clean += "/"
	}
	return clean, ""
}
