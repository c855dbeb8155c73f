package editor

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/diskfile"
	"github.com/furusato/furusato/internal/newpage"
	"github.com/furusato/furusato/internal/slug"
	"github.com/furusato/furusato/internal/translation"
)

func hashOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// page is a page file opened in the editor.
type page struct {
	File    string
	Lang    string
	Section string
	IsIndex bool
	Bundle  bool
	Base    *content.Source // the default-language version, for a translation
	Fields  []*field
	FM      content.FrontMatter
	Data    []byte
	Cut     *file
}

// open reads a page file and makes its form.
func (e *Editor) open(st *siteState, name, uiLang string) (*page, error) {
	data, err := e.readFile(name)
	if err != nil {
		return nil, err
	}
	cut, err := cutFile(data)
	if err != nil {
		return nil, err
	}
	p := &page{File: name, Data: data, Cut: cut, Lang: langOf(st.cfg, name)}
	p.FM, _ = frontMatter(name, data) // errors are shown at the fields
	rel := strings.TrimPrefix(name, content.Dir+"/")
	if src := st.byFile[name]; src != nil {
		p.Section, p.IsIndex, p.Bundle = src.Section, src.IsIndex, src.Bundle != ""
	} else {
		if i := strings.IndexByte(rel, '/'); i >= 0 {
			p.Section = rel[:i]
		}
		base := path.Base(rel)
		p.IsIndex = strings.HasPrefix(base, "_index.")
		p.Bundle = strings.HasPrefix(base, "index.")
	}
	if g := st.group(name); g != nil && g.Base != nil && g.Base.File != name {
		p.Base = g.Base
	}
	var changed []string
	var baseFM map[string]any
	if p.Base != nil {
		if tr := st.byFile[name]; tr != nil {
			changed = behind(st.cfg, p.Base, tr)
		}
		baseData, err := fs.ReadFile(e.opts.Site, p.Base.File)
		if err == nil {
			if fm, err := frontMatter(p.Base.File, baseData); err == nil {
				baseFM = map[string]any{}
				for _, r := range fm {
					baseFM[r.Key] = r.Value
				}
			}
		}
	}
	values := map[string]any{}
	for _, r := range p.FM {
		values[r.Key] = r.Value
	}
	add := func(key, typ, of string, translated bool, decl *config.Field) {
		f := &field{Key: key, Type: typ, Of: of, Label: uiString(uiLang, "key_"+key)}
		if decl != nil {
			f.Label, f.Required = decl.Label[uiLang], decl.Required
			if f.Label == "" {
				f.Label = key
			}
			for _, v := range decl.Values {
				label := v.Label[uiLang]
				if label == "" {
					label = v.Value
				}
				f.Choices = append(f.Choices, choice{v.Value, label})
			}
			if typ == config.TypeRef || of == config.TypeRef {
				f.Choices = st.refChoices(decl.Section)
			}
		}
		if key == "title" {
			f.Required = true
		}
		f.Inherited = p.Base != nil && !translated
		v := values[key]
		if f.Inherited {
			v = baseFM[key]
		}
		f.Value, f.Items = rawText(v), rawItems(v)
		if p.Base != nil && translated && baseFM != nil {
			f.HasSrc, f.Source = true, rawText(baseFM[key])
			f.Changed = slices.Contains(changed, key)
		}
		if typ == config.TypeYen {
			f.Yen = yenPreview(st.cfg, f.Value)
		}
		p.Fields = append(p.Fields, f)
	}
	for _, c := range common {
		if p.IsIndex && c.key != "title" && c.key != "description" {
			continue
		}
		add(c.key, c.typ, c.of, c.translated, nil)
	}
	if sec := st.cfg.Sections[p.Section]; sec != nil && !p.IsIndex {
		for _, d := range sec.Fields {
			add(d.Name, d.Type, d.Of, d.Translated(), d)
		}
	}
	if !p.IsIndex && p.Section != "" && newpage.ShowsApplication(e.opts.Site, p.Section) {
		for _, k := range applyKeys {
			add(k.key, k.typ, "", false, nil)
		}
	}
	return p, nil
}

// refChoices are the pages a ref to a section may name, by their titles
// in the default language.
func (st *siteState) refChoices(section string) []choice {
	var out []choice
	def := st.cfg.DefaultLanguage().Code
	for _, s := range st.sources {
		if s.Section == section && !s.IsIndex && s.Lang == def {
			title, _ := s.Params["title"].(string)
			out = append(out, choice{path.Base(s.Path), title + " (" + path.Base(s.Path) + ")"})
		}
	}
	return out
}

// form is what the browser sends.
type form struct {
	File   string               `json:"file"`
	Hash   string               `json:"hash"`
	Fields map[string]formValue `json:"fields"`
	Body   *string              `json:"body"`
	// Current: saving a translation marks it as following its source as
	// the source is now.
	Current bool `json:"current"`
}

type fieldError struct {
	Field string `json:"field,omitempty"` // the key, "body", or "" for the file
	Pos   string `json:"pos"`
	Msg   string `json:"msg"`
}

type checkResult struct {
	URL    string       `json:"url,omitempty"`
	Errors []fieldError `json:"errors"`
	// Notes are what the editor should know that is not wrong: a page
	// whose expires date has come is left out of the site.
	Notes []fieldError      `json:"notes,omitempty"`
	Other int               `json:"other"` // errors in other files
	Yen   map[string]string `json:"yen,omitempty"`
	// Saved, Hash: after a save, the file's new hash.
	Saved bool   `json:"saved,omitempty"`
	Hash  string `json:"hash,omitempty"`
	// Conflict: the file changed on disk since it was opened; Disk is
	// its text now and Mine what the form would have written.
	Conflict bool   `json:"conflict,omitempty"`
	Disk     string `json:"disk,omitempty"`
	Mine     string `json:"mine,omitempty"`
	Message  string `json:"message,omitempty"`
}

// apply makes the file the form describes from the file as it is.
func (e *Editor) apply(st *siteState, f *form, uiLang string) (*page, []byte, error) {
	p, err := e.open(st, f.File, uiLang)
	if err != nil {
		return nil, nil, err
	}
	var body *string
	if f.Body != nil && strings.ReplaceAll(*f.Body, "\r\n", "\n") != p.Cut.body() {
		b := strings.ReplaceAll(*f.Body, "\r\n", "\n")
		body = &b
	}
	return p, p.Cut.edit(changes(p.Fields, p.FM, f.Fields), body), nil
}

// check builds the site with the file's new text and puts the errors of
// the file at their fields.
func (e *Editor) check(r *http.Request, st *siteState, p *page, data []byte) *checkResult {
	pv := e.buildWith(r.Context(), p.File, data)
	res := &checkResult{URL: pv.pageURL(p.File), Errors: []fieldError{}, Yen: map[string]string{}}
	fm, _ := frontMatter(p.File, data)
	// Saved as it is, the page leaves the site (links to it become
	// text): say so where its date is, rather than let the preview stay
	// on what it showed before. The build says which pages expired, by
	// its own rule (a translation takes its page's date).
	if pv.site != nil {
		for _, x := range pv.site.Expired() {
			if x.File == p.File {
				res.Notes = append(res.Notes, fieldError{Field: "expires", Msg: fmt.Sprintf(uiString(uiLang(r), "expired_note"), x.Expires.Format("2006-01-02"))})
			}
		}
	}
	cut, _ := cutFile(data)
	for _, err := range pv.errors {
		if err.Pos.File != p.File {
			res.Other++
			continue
		}
		res.Errors = append(res.Errors, fieldError{Field: fieldAt(fm, cut, err.Pos), Pos: err.Pos.String(), Msg: err.Msg})
	}
	for _, r := range fm {
		for _, f := range p.Fields {
			if f.Key == r.Key && f.Type == config.TypeYen {
				res.Yen[f.Key] = yenPreview(st.cfg, rawText(r.Value))
			}
		}
	}
	return res
}

// fieldAt names the key (or the body) at a position of the file.
func fieldAt(fm content.FrontMatter, cut *file, pos diag.Pos) string {
	if cut != nil && pos.Line > cut.end+1 {
		return "body"
	}
	key := ""
	for _, r := range fm {
		if r.KeyPos.Line <= pos.Line && pos.Line > 0 {
			key = r.Key
		}
	}
	return key
}

func (e *Editor) readForm(w http.ResponseWriter, r *http.Request) (*form, *siteState, bool) {
	var f form
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 8<<20)).Decode(&f); err != nil {
		http.Error(w, "bad request: "+err.Error(), http.StatusBadRequest)
		return nil, nil, false
	}
	if !validPage(f.File) {
		http.Error(w, "not a page of content/", http.StatusBadRequest)
		return nil, nil, false
	}
	st, err := e.load(r.Context(), false)
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, &checkResult{Errors: toFieldErrors(err), Message: err.Error()})
		return nil, nil, false
	}
	return &f, st, true
}

func toFieldErrors(err error) []fieldError {
	var out []fieldError
	for _, e := range diag.All(err) {
		out = append(out, fieldError{Pos: e.Pos.String(), Msg: e.Msg})
	}
	if len(out) == 0 && err != nil {
		out = append(out, fieldError{Msg: err.Error()})
	}
	return out
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func (e *Editor) apiPreview(w http.ResponseWriter, r *http.Request) {
	f, st, ok := e.readForm(w, r)
	if !ok {
		return
	}
	p, data, err := e.apply(st, f, uiLang(r))
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, &checkResult{Errors: toFieldErrors(err), Message: err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, e.check(r, st, p, data))
}

func (e *Editor) apiSave(w http.ResponseWriter, r *http.Request) {
	f, st, ok := e.readForm(w, r)
	if !ok {
		return
	}
	e.saveMu.Lock()
	defer e.saveMu.Unlock()
	p, data, err := e.apply(st, f, uiLang(r))
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, &checkResult{Errors: toFieldErrors(err), Message: err.Error()})
		return
	}
	if now := hashOf(p.Data); now != f.Hash {
		// Changed on disk since the form was opened: show both, write
		// nothing.
		writeJSON(w, http.StatusConflict, &checkResult{Conflict: true, Disk: string(p.Data), Mine: string(data), Hash: now, Errors: []fieldError{}})
		return
	}
	if p.Base != nil && f.Current {
		baseBody := p.Base.Body
		data, err = translation.Write(data, translation.Parts(st.cfg, p.Base, baseBody))
		if err != nil {
			writeJSON(w, http.StatusUnprocessableEntity, &checkResult{Errors: toFieldErrors(err), Message: err.Error()})
			return
		}
	}
	res := e.check(r, st, p, data)
	if len(res.Errors) > 0 {
		writeJSON(w, http.StatusUnprocessableEntity, res)
		return
	}
	if !bytes.Equal(data, p.Data) {
		if err := e.write(p.File, data); err != nil {
			writeJSON(w, http.StatusInternalServerError, &checkResult{Errors: toFieldErrors(err), Message: err.Error()})
			return
		}
		fmt.Fprintf(e.opts.Log, "editor: saved %s\n", p.File)
	}
	res.Saved, res.Hash = true, hashOf(data)
	writeJSON(w, http.StatusOK, res)
}

// write replaces a file of the site folder atomically, keeping its mode.
func (e *Editor) write(name string, data []byte) error {
	// The folder must be inside the site folder: a link that leads out of
	// it (which the build refuses too) is not written through.
	if _, err := fs.Stat(e.opts.Site, path.Dir(name)); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	disk := filepath.Join(e.opts.SiteDir, filepath.FromSlash(name))
	perm := os.FileMode(0o644)
	if info, err := os.Lstat(disk); err == nil {
		if !info.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file: the editor does not write through links", name)
		}
		perm = info.Mode().Perm()
	}
	return diskfile.Replace(disk, data, perm)
}

var uploadTypes = []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".pdf"}

func (e *Editor) apiUpload(w http.ResponseWriter, r *http.Request) {
	lang := uiLang(r)
	fail := func(status int, msg string) {
		writeJSON(w, status, map[string]string{"message": msg})
	}
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		fail(http.StatusBadRequest, uiString(lang, "upload_too_big"))
		return
	}
	pageFile, alt := r.FormValue("file"), strings.TrimSpace(r.FormValue("alt"))
	if !validPage(pageFile) || !strings.HasPrefix(path.Base(pageFile), "index.") {
		fail(http.StatusUnprocessableEntity, uiString(lang, "upload_not_bundle"))
		return
	}
	if alt == "" {
		fail(http.StatusUnprocessableEntity, uiString(lang, "upload_need_alt"))
		return
	}
	up, hdr, err := r.FormFile("upload")
	if err != nil {
		fail(http.StatusBadRequest, uiString(lang, "upload_no_file"))
		return
	}
	defer up.Close()
	name := strings.ToLower(path.Base(strings.ReplaceAll(hdr.Filename, "\\", "/")))
	ext := path.Ext(name)
	if !slices.Contains(uploadTypes, ext) {
		fail(http.StatusUnprocessableEntity, uiString(lang, "upload_type"))
		return
	}
	// The name as the build publishes files (slug.File): 北見の写真 1.JPG
	// is 北見の写真-1.jpg, safe in a URL and on every system.
	stem := strings.Trim(slug.Make(strings.TrimSuffix(name, ext)), ".")
	if stem == "" || len(stem)+len(ext) > slug.MaxName-4 { // room for -99
		stem = "file"
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(http.MaxBytesReader(w, up, 32<<20)); err != nil {
		fail(http.StatusBadRequest, uiString(lang, "upload_too_big"))
		return
	}
	dir := path.Dir(pageFile)
	e.saveMu.Lock()
	defer e.saveMu.Unlock()
	final := stem + ext
	for i := 2; ; i++ {
		if _, err := fs.Stat(e.opts.Site, path.Join(dir, final)); errors.Is(err, fs.ErrNotExist) {
			break
		}
		final = fmt.Sprintf("%s-%d%s", stem, i, ext)
	}
	if err := e.write(path.Join(dir, final), buf.Bytes()); err != nil {
		fail(http.StatusInternalServerError, err.Error())
		return
	}
	fmt.Fprintf(e.opts.Log, "editor: added %s\n", path.Join(dir, final))
	md := "[" + escapeAlt(alt) + "](" + final + ")"
	if ext != ".pdf" {
		md = "!" + md
	}
	writeJSON(w, http.StatusOK, map[string]string{"name": final, "markdown": md})
}

func escapeAlt(s string) string {
	return strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`, "\n", " ").Replace(s)
}

func (e *Editor) apiNew(w http.ResponseWriter, r *http.Request) {
	lang := uiLang(r)
	var req struct {
		Section string `json:"section"`
		Name    string `json:"name"`
		Bundle  bool   `json:"bundle"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	cfg, err := config.Load(e.opts.Site)
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"message": err.Error()})
		return
	}
	files, err := newpage.Files(e.opts.Site, cfg, newpage.Request{Section: req.Section, Name: strings.TrimSpace(req.Name), Bundle: req.Bundle, Now: e.opts.Now()})
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"message": err.Error()})
		return
	}
	e.saveMu.Lock()
	defer e.saveMu.Unlock()
	for _, f := range files {
		if _, err := fs.Stat(e.opts.Site, f.Path); !errors.Is(err, fs.ErrNotExist) {
			writeJSON(w, http.StatusConflict, map[string]string{"message": fmt.Sprintf(uiString(lang, "new_exists"), f.Path)})
			return
		}
	}
	for _, f := range files {
		disk := filepath.Join(e.opts.SiteDir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(disk), 0o755); err != nil {
			writeJSON(w, http.StatusInternalServerError, map[string]string{"message": err.Error()})
			return
		}
		if err := e.write(f.Path, f.Data); err != nil {
			writeJSON(w, http.StatusInternalServerError, map[string]string{"message": err.Error()})
			return
		}
		fmt.Fprintf(e.opts.Log, "editor: new page %s\n", f.Path)
	}
	writeJSON(w, http.StatusOK, map[string]string{"edit": "/edit?file=" + files[0].Path})
}
