// Package newpage makes the files of a new page: furusato new
// companies/acme, and any editor that starts a page for a user.
//
// It writes one Markdown file for each language of site.yaml, as a draft:
//
//	content/companies/acme.ja.md     (or, as a bundle,
//	content/companies/acme.en.md      content/companies/acme/index.ja.md …)
//
// Each file's front matter has title (the name, to be replaced),
// description, and in the default-language file date (today, in the site's
// time zone) and draft: true, then the section's fields from site.yaml:
// the required ones first, each under a comment in the file's language
// that gives its label and what to write (the type, an enum's choices
// with their labels, the pages a ref can name). Fields that translations
// inherit (dates, numbers, amounts, enums, refs, URLs, booleans) are
// written only in the default-language file; the other files name them in
// a comment. Comments are in Japanese for ja and in English for every
// other language.
//
// Optional fields are written with no value (key:), which is the same as
// no key, so the page builds as it is. Required fields have no empty value
// that passes (an empty required key is an error), so they are written
// commented out (# industry:), for the user to uncomment and fill in; a
// draft may lack them (the build warns), a published page may not.
package newpage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/slug"
	"golang.org/x/text/width"
)

// Request says which page to start.
type Request struct {
	Section string    // companies: a section of site.yaml or a folder of content/
	Name    string    // acme: the file name, and the last part of the URL; full-width letters are folded (ＡＣＭＥ is ACME)
	Bundle  bool      // content/SECTION/NAME/index.LANG.md, with room for images
	Now     time.Time // the page's date is this day in the site's time zone
}

// File is one file to write, at a slash-separated path in the site folder.
type File struct {
	Path string // content/companies/acme.ja.md
	Data []byte
}

// Files returns the files of a new page, one per language, in the order of
// site.yaml's languages. site is the site folder, read to find the section
// and the pages that ref fields can name, and to refuse a page that exists:
// no file is returned then. The caller writes the files, and must still
// not overwrite one that appeared since.
func Files(site fs.FS, cfg *config.Config, req Request) ([]File, error) {
	// A name typed with the input method left in full-width mode (ＡＣＭＥ,
	// ２０２７) would make a URL of full-width letters: fold them to the
	// letters and digits they are (and half-width kana to kana).
	req.Name = width.Fold.String(req.Name)
	if err := checkName(cfg, req.Name); err != nil {
		return nil, err
	}
	sec, err := section(site, cfg, req.Section)
	if err != nil {
		return nil, err
	}
	dir := content.Dir + "/" + req.Section
	if err := notTaken(site, dir, req.Name); err != nil {
		return nil, err
	}
	base := req.Name
	if req.Bundle {
		base = req.Name + "/index"
	}
	def := cfg.DefaultLanguage()
	defFile := path.Base(fileName(dir, base, def.Code))
	var files []File
	application := ShowsApplication(site, req.Section)
	for _, l := range cfg.Languages {
		p := &page{
			cfg: cfg, site: site, sec: sec, lang: l, w: wordsFor(l.Code), name: req.Name,
			isDefault: l == def, defFile: defFile, today: req.Now.In(cfg.Location).Format("2006-01-02"),
			application: application,
		}
		files = append(files, File{Path: fileName(dir, base, l.Code), Data: p.write()})
	}
	return files, nil
}

func fileName(dir, base, lang string) string { return dir + "/" + base + "." + lang + ".md" }

// applyKeys are the front matter keys of an application period.
var applyKeys = []string{"apply_from", "apply_until", "fiscal_year"}

// ShowsApplication tells whether the templates of a section show a page's
// application period (site.Page.Application): the support programmes' do.
// Pages of such a section are offered the keys of the period (apply_from,
// apply_until, fiscal_year), here and in the editor.
func ShowsApplication(site fs.FS, section string) bool {
	files, _ := fs.Glob(site, "templates/"+section+"/*.html")
	for _, f := range files {
		if data, err := fs.ReadFile(site, f); err == nil && bytes.Contains(data, []byte(".Application")) {
			return true
		}
	}
	return false
}

// checkName refuses names that the build would read as something else or
// that make no URL.
func checkName(cfg *config.Config, name string) error {
	longest := 0 // of the file names: acme.ja.md
	for _, l := range cfg.Languages {
		longest = max(longest, len(name)+len("."+l.Code+".md"))
	}
	switch {
	case name == "":
		return errors.New("the page needs a name: furusato new SECTION/NAME, such as companies/acme")
	case strings.ContainsAny(name, `/\`):
		return fmt.Errorf("%q: the name of a page is one name, without / or \\", name)
	case strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_"):
		return fmt.Errorf("%q: a name that starts with %q is kept for furusato's own files (_index) or hidden; start it with a letter or digit", name, name[:1])
	case name == "index":
		return errors.New(`"index" is the name of a page bundle's own file; choose another name, or use --bundle`)
	case strings.Contains(name, "."):
		return fmt.Errorf("%q: a dot in a page's name is read as a language code (%s.ja.md); use a hyphen instead: %s",
			name, name, strings.ReplaceAll(name, ".", "-"))
	case strings.TrimSpace(name) != name:
		return fmt.Errorf("%q: the name starts or ends with a space", name)
	case slug.Make(name) == "":
		return fmt.Errorf("%q makes no URL: a name needs letters or digits", name)
	case longest > slug.MaxName || slug.TooLong(slug.Make(name)) != "":
		return fmt.Errorf("%q is too long for a file name (%d bytes with the language and .md; at most %d, and a Japanese character takes 3): choose a shorter name",
			slug.Short(name), longest, slug.MaxName)
	}
	return nil
}

// section finds the section's declaration, or nil for a folder of content/
// that site.yaml does not describe.
func section(site fs.FS, cfg *config.Config, name string) (*config.Section, error) {
	if sec := cfg.Sections[name]; sec != nil {
		return sec, nil
	}
	if name != "" && !strings.ContainsAny(name, `/\`) && name != "." && name != ".." {
		if fi, err := fs.Stat(site, content.Dir+"/"+name); err == nil && fi.IsDir() {
			return nil, nil
		}
	}
	known := cfg.SectionNames()
	entries, _ := fs.ReadDir(site, content.Dir)
	for _, e := range entries {
		if e.IsDir() && !slices.Contains(known, e.Name()) && !strings.HasPrefix(e.Name(), ".") {
			known = append(known, e.Name())
		}
	}
	slices.Sort(known)
	if len(known) == 0 {
		return nil, fmt.Errorf("there is no section %q: site.yaml declares no sections and content/ has no folders", name)
	}
	return nil, fmt.Errorf("there is no section %q: the sections are %s (site.yaml's sections and the folders of content/)",
		name, strings.Join(known, ", "))
}

// notTaken refuses a name that a page of the section has, in any language
// or as a bundle, or that makes the same URL as one (Acme and acme).
func notTaken(site fs.FS, dir, name string) error {
	want := slug.Make(name)
	for _, existing := range pageNames(site, dir) {
		if existing.name == name {
			return fmt.Errorf("%s already exists: furusato new does not overwrite pages; choose another name or edit that page", existing.file)
		}
		if slug.Make(existing.name) == want {
			return fmt.Errorf("%s has the same URL (%s) as %q would: choose another name", existing.file, want, name)
		}
	}
	return nil
}

type pageName struct{ name, file string }

// pageNames lists the pages of a section folder by name: kaname for
// kaname.ja.md, sato for the bundle sato/index.ja.md, and any other folder
// by its name.
func pageNames(site fs.FS, dir string) []pageName {
	entries, _ := fs.ReadDir(site, dir)
	var names []pageName
	for _, e := range entries {
		n := e.Name()
		switch {
		case strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_"):
		case e.IsDir():
			names = append(names, pageName{n, dir + "/" + n})
		case strings.HasSuffix(n, ".md"):
			base, _, _ := strings.Cut(n, ".")
			names = append(names, pageName{base, dir + "/" + n})
		}
	}
	return names
}

// refChoices names the pages a ref field can point at, sorted.
func refChoices(site fs.FS, section string) []string {
	var names []string
	for _, p := range pageNames(site, content.Dir+"/"+section) {
		if !slices.Contains(names, p.name) {
			names = append(names, p.name)
		}
	}
	slices.Sort(names)
	return names
}

// page writes one language's file.
type page struct {
	cfg       *config.Config
	site      fs.FS
	sec       *config.Section
	lang      *config.Language
	w         *words
	name      string
	isDefault bool
	defFile   string // the default-language file, which translations inherit from
	today     string
	// application: the section's templates show a page's application
	// period (.Application), for which front matter has keys of its own.
	application bool
	buf         bytes.Buffer
}

func (p *page) line(format string, args ...any) {
	fmt.Fprintf(&p.buf, format, args...)
	p.buf.WriteByte('\n')
}

func (p *page) write() []byte {
	w := p.w
	p.line("---")
	p.line("# %s", w.intro)
	p.line("title: %s  # %s", quote(p.name), w.title)
	p.line("description:  # %s", w.description)
	if p.isDefault {
		p.line("date: %s  # %s", p.today, w.date)
		p.line("draft: true  # %s", w.draft)
	}
	var required, optional, inherited []*config.Field
	if p.sec != nil {
		for _, f := range p.sec.Fields {
			switch {
			case !p.isDefault && !f.Translated():
				inherited = append(inherited, f)
			case f.Required:
				required = append(required, f)
			default:
				optional = append(optional, f)
			}
		}
	}
	if !p.isDefault {
		names := []string{"date", "draft"}
		if p.application {
			names = append(names, applyKeys...)
		}
		for _, f := range inherited {
			names = append(names, f.Name)
		}
		p.line("# %s", fmt.Sprintf(w.inherited, p.defFile, strings.Join(names, ", ")))
	}
	if len(required) > 0 {
		p.line("#")
		p.line("# %s", w.requiredHead)
		for _, f := range required {
			p.line("# %s", p.describe(f))
			p.line("# %s:", f.Name)
		}
	}
	if len(optional) > 0 {
		p.line("#")
		p.line("# %s", w.optionalHead)
		for _, f := range optional {
			p.line("# %s", p.describe(f))
			p.line("%s:", f.Name)
		}
	}
	if p.application && p.isDefault {
		p.line("#")
		p.line("# %s", w.applyHead)
		for i, what := range []string{w.applyFrom, w.applyUntil, w.fiscalYear} {
			p.line("%s:  # %s", applyKeys[i], what)
		}
	}
	p.line("---")
	p.line("%s", w.body)
	return bytes.Clone(p.buf.Bytes())
}

// describe is the comment above a field: its label and what to write.
func (p *page) describe(f *config.Field) string {
	w := p.w
	label := f.Label[p.lang.Code]
	if label == "" {
		label = f.Name
	}
	if f.Required {
		label += w.requiredMark
	}
	what := p.kind(f, f.Type)
	switch {
	case f.Type == config.TypeDate && p.sec != nil && p.sec.Kind == config.KindEvents && slices.Contains([]string{"start", "end", "deadline"}, f.Name):
		what = w.eventDate // read as an event's dates, which are days or times
	case f.Type != config.TypeList:
	case f.Of == config.TypeString || f.Of == config.TypeText:
		what = w.list
	case f.Of == config.TypeRef:
		what = p.refs(f, w.refList)
	default:
		what = fmt.Sprintf(w.listOf, p.kind(f, f.Of))
	}
	// A label written over lines in site.yaml must stay in its comment.
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(label + w.colon + what)
}

// kind says in words what a value of a type is.
func (p *page) kind(f *config.Field, typ string) string {
	w := p.w
	switch typ {
	case config.TypeInt:
		if unit := f.Unit[p.lang.Code]; unit != "" && strings.Contains(unit, "%d") {
			return fmt.Sprintf(w.intUnit, strings.Replace(unit, "%d", "3", 1))
		}
		return w.kinds[typ]
	case config.TypeEnum:
		var choices []string
		for _, v := range f.Values {
			c := v.Value
			if l := v.Label[p.lang.Code]; l != "" {
				c += fmt.Sprintf(w.enumLabel, l)
			}
			choices = append(choices, c)
		}
		return fmt.Sprintf(w.enum, strings.Join(choices, w.comma))
	case config.TypeRef:
		return p.refs(f, w.ref)
	}
	if k, ok := w.kinds[typ]; ok {
		return k
	}
	return typ
}

// refs says which pages a ref field can name, with format.
func (p *page) refs(f *config.Field, format string) string {
	choices := refChoices(p.site, f.Section)
	if len(choices) == 0 {
		return fmt.Sprintf(p.w.refNone, f.Section)
	}
	more := ""
	if len(choices) > maxChoices {
		choices, more = choices[:maxChoices], p.w.more
	}
	return fmt.Sprintf(format, f.Section, strings.Join(choices, ", ")+more)
}

// maxChoices is how many pages a ref's comment names.
const maxChoices = 8

// quote writes text as a YAML double-quoted string, which JSON's strings
// are, so that a name such as "yes" or "2026" stays text.
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}
