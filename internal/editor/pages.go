package editor

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/textfile"
	"github.com/furusato/furusato/internal/translation"
)

// siteState is content/ as read now, with the problems the build finds.
type siteState struct {
	cfg     *config.Config
	sources []*content.Source
	byFile  map[string]*content.Source
	groups  []*content.Group
	errors  []*diag.Error
}

// load reads site.yaml and content/ from disk and, with withBuild, builds
// the site (in memory) for the errors that only the whole build finds.
func (e *Editor) load(ctx context.Context, withBuild bool) (*siteState, error) {
	raw, err := fs.ReadFile(e.opts.Site, config.File)
	if err != nil {
		return nil, err
	}
	cfg, err := config.Parse(raw)
	if err != nil {
		return nil, err
	}
	e.cacheMu.Lock()
	if e.cache == nil || !bytes.Equal(raw, e.cacheConfig) {
		e.cache, e.cacheConfig = content.NewCache(), raw
	}
	cache := e.cache
	e.cacheMu.Unlock()
	c, err := content.Load(ctx, e.opts.Site, cfg, cache)
	if c == nil {
		return nil, err
	}
	st := &siteState{cfg: cfg, sources: c.Sources, byFile: map[string]*content.Source{}}
	for _, s := range c.Sources {
		st.byFile[s.File] = s
	}
	var gerrs diag.List
	st.groups = content.Groups(c.Sources, cfg, &gerrs)
	if withBuild {
		st.errors = e.buildWith(ctx, "", nil).errors
	}
	return st, nil
}

// group returns the group of a file, or nil.
func (st *siteState) group(file string) *content.Group {
	for _, g := range st.groups {
		for _, s := range g.Sources {
			if s.File == file {
				return g
			}
		}
	}
	return nil
}

// row is one page of the list: its versions in each language.
type row struct {
	Title    string
	Path     string
	Versions []version
	Search   string // the text the search box looks in
}

type version struct {
	Lang    string
	File    string
	Missing bool
	// OnPurpose: the page is in one language on purpose (translations:
	// none), so no other is missing.
	OnPurpose bool
	Draft     bool
	// Scheduled is the day a page dated in the future will be published,
	// Expired the day its expires date came: either leaves it out.
	Scheduled, Expired string
	Behind             bool
	Errors             int
}

type sectionRows struct {
	Name  string
	Title string
	Rows  []row
}

// list puts the pages in sections, in the order of site.yaml's languages,
// with their states at now.
func (st *siteState) list(uiLang string, now time.Time) []sectionRows {
	errCount := map[string]int{}
	for _, e := range st.errors {
		errCount[e.Pos.File]++
	}
	bySection := map[string]*sectionRows{}
	get := func(name string) *sectionRows {
		if s, ok := bySection[name]; ok {
			return s
		}
		s := &sectionRows{Name: name, Title: name}
		if name == "" {
			s.Title = "/"
		}
		bySection[name] = s
		return s
	}
	seen := map[string]bool{}
	for _, g := range st.groups {
		var r row
		var sec string
		oneLanguage := false
		for _, src := range g.Sources {
			if v, _ := src.Params["translations"].(string); v == "none" {
				oneLanguage = true
			}
		}
		for _, l := range st.cfg.Languages {
			src := g.Sources[l.Code]
			if src == nil {
				r.Versions = append(r.Versions, version{Lang: l.Code, Missing: true, OnPurpose: oneLanguage})
				continue
			}
			seen[src.File] = true
			sec, r.Path = src.Section, src.Path
			title, _ := src.Params["title"].(string)
			if r.Title == "" {
				r.Title = title
			}
			r.Search += " " + title + " " + src.File
			v := version{Lang: l.Code, File: src.File, Errors: errCount[src.File]}
			v.Draft, _ = src.Params["draft"].(bool)
			params := src.Params
			if g.Base != nil && g.Base != src {
				if d, _ := g.Base.Params["draft"].(bool); d {
					v.Draft = true
				}
				v.Behind = len(behind(st.cfg, g.Base, src)) > 0
				params = map[string]any{}
				g.Inherit(params, src, st.cfg) // a translation may take its page's dates
			}
			date, _ := params["date"].(content.Date)
			expires, _ := params["expires"].(content.Date)
			// As the build decides (site.New).
			if !date.IsZero() && date.After(now) {
				v.Scheduled = date.Format("2006-01-02")
			}
			if !expires.IsZero() && !now.Before(expires.Time) {
				v.Expired = expires.Format("2006-01-02")
			}
			r.Versions = append(r.Versions, v)
		}
		if r.Title == "" {
			r.Title = r.Path
		}
		s := get(sec)
		s.Rows = append(s.Rows, r)
	}
	// Files that could not be read are pages too, with their errors.
	for _, e := range st.errors {
		f := e.Pos.File
		if seen[f] || !strings.HasPrefix(f, content.Dir+"/") || !strings.HasSuffix(f, ".md") {
			continue
		}
		seen[f] = true
		rel := strings.TrimPrefix(f, content.Dir+"/")
		sec, _, _ := strings.Cut(rel, "/")
		if !strings.Contains(rel, "/") {
			sec = ""
		}
		lang := langOf(st.cfg, f)
		cp := strings.TrimSuffix(strings.TrimSuffix(rel, ".md"), "."+lang)
		if b := path.Base(cp); b == "index" || b == "_index" {
			cp = strings.TrimSuffix(path.Dir(cp), ".")
		}
		s := get(sec)
		r := row{Title: rel, Path: cp, Search: rel}
		for _, l := range st.cfg.Languages {
			if l.Code == lang {
				r.Versions = append(r.Versions, version{Lang: lang, File: f, Errors: errCount[f]})
			} else {
				r.Versions = append(r.Versions, version{Lang: l.Code, Missing: true})
			}
		}
		s.Rows = append(s.Rows, r)
	}
	var out []sectionRows
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range bySection {
			if !yield(n) {
				return
			}
		}
	})
	for _, n := range names {
		out = append(out, *bySection[n])
	}
	return out
}

// behind lists what changed in the source since the translation's stamp.
func behind(cfg *config.Config, base, tr *content.Source) []string {
	stamp, _ := tr.Params[translation.Key].(string)
	if stamp == "" {
		return nil
	}
	then, err := translation.Parse(stamp)
	if err != nil {
		return nil
	}
	return translation.Changed(then, translation.Parts(cfg, base, base.Body))
}

// langOf is the language of a file by its name: kaname.en.md is English,
// kaname.md is in the default language.
func langOf(cfg *config.Config, file string) string {
	name := strings.TrimSuffix(path.Base(file), ".md")
	if i := strings.LastIndexByte(name, '.'); i >= 0 && cfg.Language(name[i+1:]) != nil {
		return name[i+1:]
	}
	return cfg.DefaultLanguage().Code
}

// frontMatter reads a file's keys as written.
func frontMatter(file string, data []byte) (content.FrontMatter, error) {
	clean, err := textfile.Clean(file, data)
	if err != nil {
		return nil, err
	}
	fm, _, _, err := content.Split(file, clean)
	return fm, err
}

// readFile reads a page file of the site folder; only Markdown files of
// content/ are pages.
func (e *Editor) readFile(file string) ([]byte, error) {
	if !validPage(file) {
		return nil, fmt.Errorf("%q is not a page of content/", file)
	}
	return fs.ReadFile(e.opts.Site, file)
}

func validPage(file string) bool {
	return fs.ValidPath(file) && strings.HasPrefix(file, content.Dir+"/") && strings.HasSuffix(file, ".md") && !strings.Contains(file, "\\")
}

// relLink is the link from a page file to another, as Markdown links
// between pages are written: ../articles/joint-research.ja.md.
func relLink(from, to string) string {
	a := strings.Split(path.Dir(from), "/")
	b := strings.Split(to, "/")
	i := 0
	for i < len(a) && i < len(b)-1 && a[i] == b[i] {
		i++
	}
	var parts []string
	for range a[i:] {
		parts = append(parts, "..")
	}
	parts = append(parts, b[i:]...)
	return strings.Join(parts, "/")
}
