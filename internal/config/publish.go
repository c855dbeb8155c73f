package config

import (
	"fmt"
	"path"
	"strings"
	"time"
)

// Assets are the settings for static files and compression:
//
//	assets:
//	  fingerprint: true    # name static files by a hash of their content (default true)
//	  precompress: false   # write .gz and .br beside each text file (default false)
//
// With fingerprint on, {{static "css/site.css"}} gives /css/site.3f9a1c2b.css
// and files named in stylesheets (url(...), @import) are rewritten the same
// way; a changed file gets a new name, so browsers and CDNs may keep each
// name for a year. The file is also published under its own name, for links
// from outside the site.
type Assets struct {
	Fingerprint bool `yaml:"fingerprint"`
	Precompress bool `yaml:"precompress"`
}

// Cache sets the Cache-Control of each kind of published file, written in
// _headers, in the manifest, and on each object by furusato deploy:
//
//	cache:
//	  hashed: public, max-age=31536000, immutable   # files with a content hash in their name
//	  pages: public, max-age=0, must-revalidate     # HTML pages
//	  feeds: public, max-age=0, must-revalidate     # feeds, sitemap.xml, robots.txt, _headers
//	  files: public, max-age=3600                   # every other file: static files under their own name, page images
//	  rules:                                        # exceptions, the first matching path wins
//	    - path: /downloads/*                        # a pattern of path.Match from the site root
//	      cacheControl: public, max-age=86400
type Cache struct {
	Hashed string      `yaml:"hashed"`
	Pages  string      `yaml:"pages"`
	Feeds  string      `yaml:"feeds"`
	Files  string      `yaml:"files"`
	Rules  []CacheRule `yaml:"rules"`
}

// CacheRule gives the files whose path matches Path their own Cache-Control.
type CacheRule struct {
	Path         string `yaml:"path"`
	CacheControl string `yaml:"cacheControl"`
}

// Deploy holds the settings of furusato deploy. The target and the
// credentials are never in site.yaml: the target is given on the command
// line, and credentials come from each cloud's usual environment and files.
//
//	deploy:
//	  keepOldAssets: 168h   # how long hashed files that left the site stay in the bucket (default 168h, a week)
//
// Pages cached by browsers and CDNs before a deploy still name the old
// hashed files; deploy --delete removes those only once they have been
// out of the site for keepOldAssets.
type Deploy struct {
	KeepOldAssets string `yaml:"keepOldAssets"`

	// KeepOld is KeepOldAssets, parsed.
	KeepOld time.Duration `yaml:"-"`
}

// Default values of the publishing settings.
const (
	DefaultCacheHashed   = "public, max-age=31536000, immutable"
	DefaultCachePages    = "public, max-age=0, must-revalidate"
	DefaultCacheFeeds    = "public, max-age=0, must-revalidate"
	DefaultCacheFiles    = "public, max-age=3600"
	DefaultKeepOldAssets = "168h"
)

func defaultPublishing(c *Config) {
	c.Assets = Assets{Fingerprint: true}
	c.Cache = Cache{Hashed: DefaultCacheHashed, Pages: DefaultCachePages, Feeds: DefaultCacheFeeds, Files: DefaultCacheFiles}
	c.Deploy = Deploy{KeepOldAssets: DefaultKeepOldAssets}
}

func (c *Config) checkPublishing(bad func(path, format string, args ...any)) {
	header := func(p, name, v string) {
		switch {
		case strings.TrimSpace(v) == "":
			bad(p, "cache: %s is empty; give a Cache-Control value such as %q", name, DefaultCachePages)
		case strings.ContainsFunc(v, func(r rune) bool { return r < ' ' || r == 0x7f }):
			bad(p, "cache: %s: a Cache-Control value is one line of text", name)
		}
	}
	header("$.cache.hashed", "hashed", c.Cache.Hashed)
	header("$.cache.pages", "pages", c.Cache.Pages)
	header("$.cache.feeds", "feeds", c.Cache.Feeds)
	header("$.cache.files", "files", c.Cache.Files)
	for i, r := range c.Cache.Rules {
		p := fmt.Sprintf("$.cache.rules[%d]", i)
		if !strings.HasPrefix(r.Path, "/") {
			bad(p+".path", "cache: rules: path %q must start with / (the site root)", r.Path)
		} else if _, err := path.Match(r.Path, "/"); err != nil {
			bad(p+".path", "cache: rules: path %q is not a valid pattern (use * and ? as in /downloads/*)", r.Path)
		}
		header(p+".cacheControl", "rules: cacheControl", r.CacheControl)
	}
	d, err := time.ParseDuration(c.Deploy.KeepOldAssets)
	if err != nil || d < 0 {
		bad("$.deploy.keepOldAssets", "deploy: keepOldAssets: want a duration such as 168h or 30m, got %q", c.Deploy.KeepOldAssets)
	}
	c.Deploy.KeepOld = d
}

// CacheControl returns the Cache-Control for a published file: p is its
// path from the site root (css/site.css), kind is "hashed", "pages",
// "feeds" or "files".
func (c *Cache) CacheControl(p, kind string) string {
	for _, r := range c.Rules {
		if ok, _ := path.Match(r.Path, "/"+p); ok {
			return r.CacheControl
		}
	}
	switch kind {
	case "hashed":
		return c.Hashed
	case "pages":
		return c.Pages
	case "feeds":
		return c.Feeds
	}
	return c.Files
}
