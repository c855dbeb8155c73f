package editor

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"path"
	"strings"

	"golang.org/x/text/language"

	"github.com/furusato/furusato/internal/config"
)

//go:embed ui
var uiFiles embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"t": func(lang, key string) string { return uiString(lang, key) },
	// tf is t for words with a value in them: "%s に公開".
	"tf": func(lang, key string, v any) string { return fmt.Sprintf(uiString(lang, key), v) },
	"has": func(items []string, v string) bool {
		for _, it := range items {
			if it == v {
				return true
			}
		}
		return false
	},
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	},
	"lines": func(items []string) string { return strings.Join(items, "\n") },
}).ParseFS(uiFiles, "ui/*.html"))

func serveAsset(w http.ResponseWriter, name string) {
	data, err := uiFiles.ReadFile("ui/" + name)
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", contentType(name))
	w.Write(data)
}

// uiLangs are the languages of the editor's own words.
var uiLangs = []language.Tag{language.Japanese, language.English}

var uiMatcher = language.NewMatcher(uiLangs)

// uiLang is the editor's language for a request: ?lang=, else the
// cookie the switch sets, else the browser's Accept-Language.
func uiLang(r *http.Request) string {
	pick := func(s string) string {
		if s == "ja" || s == "en" {
			return s
		}
		return ""
	}
	if l := pick(r.URL.Query().Get("lang")); l != "" {
		return l
	}
	if c, err := r.Cookie("furusato_editor_lang"); err == nil && pick(c.Value) != "" {
		return c.Value
	}
	tags, _, _ := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	_, i, _ := uiMatcher.Match(tags...)
	if i == 1 {
		return "en"
	}
	return "ja"
}

func rememberLang(w http.ResponseWriter, r *http.Request) {
	if l := r.URL.Query().Get("lang"); l == "ja" || l == "en" {
		http.SetCookie(w, &http.Cookie{Name: "furusato_editor_lang", Value: l, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
	}
}

type pageData struct {
	Lang     string
	Other    string // the other UI language, for the switch
	Token    string
	Sections []sectionRows
	Langs    []*config.Language
	Names    []string // the sections of site.yaml, for new pages
	Err      string
	// The edit page.
	Page       *page
	Hash       string
	Body       string
	SourceBody string
	SourceFile string
	BodyBehind bool
	Links      []choice
	Uploads    bool
	LangName   string
	SrcLang    string // the language of a translation's source
}

func (d *pageData) other() string {
	if d.Lang == "ja" {
		return "en"
	}
	return "ja"
}

func (e *Editor) render(w http.ResponseWriter, name string, d *pageData) {
	d.Other = d.other()
	d.Token = e.token
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, name, d); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(buf.Bytes())
}

func (e *Editor) pagesPage(w http.ResponseWriter, r *http.Request) {
	rememberLang(w, r)
	lang := uiLang(r)
	d := &pageData{Lang: lang}
	st, err := e.load(r.Context(), true)
	if err != nil {
		d.Err = err.Error()
		e.render(w, "pages.html", d)
		return
	}
	d.Sections, d.Langs, d.Names = st.list(lang, e.opts.Now()), st.cfg.Languages, st.cfg.SectionNames()
	e.render(w, "pages.html", d)
}

func (e *Editor) editPage(w http.ResponseWriter, r *http.Request) {
	rememberLang(w, r)
	lang := uiLang(r)
	d := &pageData{Lang: lang}
	st, err := e.load(r.Context(), false)
	if err != nil {
		d.Err = err.Error()
		e.render(w, "pages.html", d)
		return
	}
	name := r.URL.Query().Get("file")
	p, err := e.open(st, name, lang)
	if err != nil {
		w.WriteHeader(http.StatusNotFound)
		d.Err = err.Error()
		e.render(w, "pages.html", d)
		return
	}
	d.Page, d.Hash, d.Body, d.Uploads = p, hashOf(p.Data), p.Cut.body(), p.Bundle
	if l := st.cfg.Language(p.Lang); l != nil {
		d.LangName = l.Name
	}
	if p.Base != nil {
		d.SourceFile, d.SrcLang = p.Base.File, p.Base.Lang
		d.SourceBody = string(p.Base.Body)
		if tr := st.byFile[p.File]; tr != nil {
			for _, c := range behind(st.cfg, p.Base, tr) {
				if c == "body" {
					d.BodyBehind = true
				}
			}
		}
	}
	for _, s := range st.sources {
		if s.Lang == p.Lang && s.File != p.File {
			title, _ := s.Params["title"].(string)
			d.Links = append(d.Links, choice{relLink(p.File, s.File), title + " — " + strings.TrimSuffix(path.Base(s.File), ".md")})
		}
	}
	e.render(w, "edit.html", d)
}

// uiString is one of the editor's own words, in ja or en.
func uiString(lang, key string) string {
	if s, ok := uiStrings[lang][key]; ok {
		return s
	}
	if s, ok := uiStrings["en"][key]; ok {
		return s
	}
	return key
}
