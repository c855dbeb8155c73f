package outputs

import (
	"bytes"
	"html/template"
	"net/url"
	"slices"
	"strings"

	"github.com/furusato/furusato/internal/site"
)

// redirectPage is the page written at an old URL: it sends browsers on at
// once, tells search engines which page is meant, and has a link for the
// rest. Hosts with rules of their own use _redirects (Netlify, Cloudflare
// Pages) or the object's redirect (S3) instead.
var redirectPage = template.Must(template.New("redirect").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<link rel="canonical" href="{{.Permalink}}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.Refresh}}">
</head>
<body>
<p><a href="{{.URL}}">{{.Title}}</a></p>
</body>
</html>
`))

// RedirectPage is the page written at an alias of p.
func RedirectPage(p *site.Page) ([]byte, error) {
	var b bytes.Buffer
	err := redirectPage.Execute(&b, map[string]string{
		"Lang": p.Lang.Code, "Title": p.Title, "Permalink": p.Permalink, "URL": p.URL,
		// The refresh's URL is text to html/template, which escapes but
		// does not encode it: encode it here, as the href is encoded.
		"Refresh": EncodeURL(p.URL),
	})
	return b.Bytes(), err
}

// Redirects is the _redirects file of Netlify and Cloudflare Pages: one
// line per alias, "old new 301", with paths percent-encoded, sorted by the
// old path. nil when no page has an alias.
func Redirects(s *site.Site) []byte {
	var lines []string
	for _, p := range s.Pages {
		for _, a := range p.Aliases {
			lines = append(lines, EncodeURL(a)+" "+EncodeURL(p.URL)+" 301\n")
		}
	}
	if len(lines) == 0 {
		return nil
	}
	slices.Sort(lines)
	return []byte(strings.Join(lines, ""))
}

// EncodeURL percent-encodes a URL path from the site root (/企業/a b/),
// as a browser sends it: /%E4%BC%81%E6%A5%AD/a%20b/.
func EncodeURL(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

// RedirectTargets are the URLs, encoded, that the redirect pages of s send
// visitors to, by the pages' output paths.
func RedirectTargets(s *site.Site) map[string]string {
	m := map[string]string{}
	for _, p := range s.Pages {
		for _, a := range p.Aliases {
			m[s.OutputPath(a)] = EncodeURL(p.URL)
		}
	}
	return m
}
