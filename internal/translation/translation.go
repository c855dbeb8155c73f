// Package translation tells whether the translations of a site are
// current: which version of its source text a translation follows, and
// what changed in the source since.
//
// # The stamp
//
// A translation records what it translates in its front matter:
//
//	translated: title=3f9a2c1e description=77b01c9d body=9a1e47d0
//
// Each part of the source page that a translation translates (its title,
// description, tags, image_alt, the section's text fields, and the body)
// is named with a short hash of its text. Nobody writes these by hand:
// `furusato translated FILE` writes the stamp of the source as it is now
// into the translation FILE (the editor does the same when a translation
// is saved). When the source's text changes, its hashes no longer match
// the stamp, and the parts that differ are what changed. Staff need no
// version control for this: the stamp travels with the file.
//
// What a translation inherits (dates, amounts, choices, references) is
// not part of the stamp: a change there reaches the translation by
// itself. Whitespace at the ends of lines and blank lines at the end of
// the body do not count as changes.
//
// A page that is in one language on purpose says so with
// `translations: none` (see package site): it has no translation to keep
// current and is not listed as missing one.
package translation

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/parallel"
	"github.com/furusato/furusato/internal/site"
	"github.com/furusato/furusato/internal/textfile"
)

// Key is the front matter key of the stamp.
const Key = "translated"

// commonParts are the front matter keys every page translates, in the
// order a stamp lists them; the section's text fields come after them,
// and the body last.
var commonParts = []string{"title", "description", "tags", "image_alt"}

// Body is the name of the body in a stamp.
const Body = "body"

// hashLen is the number of hex digits kept of each part's SHA-256: 32
// bits, so that a change goes unseen once in four billion.
const hashLen = 8

// Parts returns the hashes of the parts of src that a translation
// translates, by name; body is src's body (which the graph lets go of once
// converted: see Body).
func Parts(cfg *config.Config, src *content.Source, body []byte) Stamp {
	var st Stamp
	add := func(name, text string) {
		if text == "" {
			return
		}
		sum := sha256.Sum256([]byte(text))
		st = append(st, Part{Name: name, Hash: hex.EncodeToString(sum[:])[:hashLen]})
	}
	for _, k := range commonParts {
		add(k, canonical(src.Params[k]))
	}
	if sec := cfg.Sections[src.Section]; sec != nil && !src.IsIndex {
		for _, f := range sec.Fields {
			if f.Translated() && !slices.Contains(commonParts, f.Name) && f.Name != Body {
				add(f.Name, canonical(src.Params[f.Name]))
			}
		}
	}
	add(Body, normalize(body))
	return st
}

// ReadBody reads the body of a page's file from the site folder, as
// package content reads it.
func ReadBody(fsys fs.FS, file string) ([]byte, error) {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, err
	}
	if data, err = textfile.Clean(file, data); err != nil {
		return nil, err
	}
	return content.Body(file, data)
}

// canonical is the text of a front matter value as a stamp hashes it.
func canonical(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSpace(v)
	case []any:
		var b strings.Builder
		for i, e := range v {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(canonical(e))
		}
		return b.String()
	default:
		return fmt.Sprint(v)
	}
}

// normalize is the text of a page body as a stamp hashes it: without
// spaces at the ends of lines or blank lines at the end.
func normalize(b []byte) string {
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// Part is one part of a stamp.
type Part struct{ Name, Hash string }

// Stamp is the value of a translated key: the parts of the source, in
// order.
type Stamp []Part

func (st Stamp) String() string {
	var b strings.Builder
	for i, p := range st {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p.Name + "=" + p.Hash)
	}
	return b.String()
}

// Parse reads the value of a translated key.
func Parse(s string) (Stamp, error) {
	var st Stamp
	for _, f := range strings.Fields(s) {
		name, hash, ok := strings.Cut(f, "=")
		if !ok || name == "" || len(hash) != hashLen || strings.Trim(hash, "0123456789abcdef") != "" {
			return nil, fmt.Errorf("%q is not a part of a stamp (name=8 hex digits)", f)
		}
		st = append(st, Part{name, hash})
	}
	if len(st) == 0 {
		return nil, fmt.Errorf("the stamp is empty")
	}
	return st, nil
}

// Changed lists the parts that differ between a stamp and the source's
// parts now, in the order of now and then the parts that are gone.
func Changed(then, now Stamp) []string {
	var out []string
	hash := func(st Stamp, name string) string {
		for _, p := range st {
			if p.Name == name {
				return p.Hash
			}
		}
		return ""
	}
	for _, p := range now {
		if hash(then, p.Name) != p.Hash {
			out = append(out, p.Name)
		}
	}
	for _, p := range then {
		if hash(now, p.Name) == "" {
			out = append(out, p.Name)
		}
	}
	return out
}

// Behind is a translation whose source changed since it was translated.
type Behind struct {
	Page    *site.Page // the translation
	Source  *site.Page // the default-language page it translates
	Changed []string   // names of the parts that changed: title, body ...
	Pos     diag.Pos   // the translated key
	Err     error      // the stamp could not be read (Changed is empty)
}

// State is where the translations of a site stand.
type State struct {
	Behind    []Behind
	Untracked []*site.Page // translations without a stamp
	// Misplaced are default-language pages with a stamp: they are what
	// translations are made from, and their stamp means nothing.
	Misplaced []*site.Page
}

// Check compares every translation of s with its source, whose body it
// reads again from fsys, the site folder. An error is one of reading.
func Check(ctx context.Context, s *site.Site, fsys fs.FS) (State, error) {
	var st State
	def := s.Config.Languages[0].Code
	var stamped []*site.Page // translations with a stamp, in the order of s.Pages
	for _, p := range s.Pages {
		src := p.Source()
		if src == nil {
			continue
		}
		if p.Lang.Code == def {
			if _, ok := src.Params[Key]; ok {
				st.Misplaced = append(st.Misplaced, p)
			}
			continue
		}
		base := p.Translation(def)
		if base == nil || base.Source() == nil {
			continue
		}
		if _, ok := src.Params[Key].(string); ok {
			stamped = append(stamped, p)
		} else {
			st.Untracked = append(st.Untracked, p)
		}
	}
	behind := make([]*Behind, len(stamped))
	var (
		mu      sync.Mutex
		readErr error
	)
	err := parallel.Each(ctx, len(stamped), func(i int) {
		p := stamped[i]
		base := p.Translation(def)
		b := &Behind{Page: p, Source: base, Pos: p.Source().Pos(Key)}
		then, err := Parse(p.Source().Params[Key].(string))
		if err != nil {
			b.Err = err
			behind[i] = b
			return
		}
		body, err := ReadBody(fsys, base.File)
		if err != nil {
			mu.Lock()
			readErr = cmp.Or(readErr, err)
			mu.Unlock()
			return
		}
		if b.Changed = Changed(then, Parts(s.Config, base.Source(), body)); len(b.Changed) > 0 {
			behind[i] = b
		}
	})
	for _, b := range behind {
		if b != nil {
			st.Behind = append(st.Behind, *b)
		}
	}
	return st, cmp.Or(err, readErr)
}

// Write returns a page file's bytes with its translated key set to st:
// the key's line replaced, or a line added at the end of the front
// matter. Everything else is kept as it is, byte for byte: a byte order
// mark, CRLF line endings, comments, the order of keys.
func Write(data []byte, st Stamp) ([]byte, error) {
	bom := []byte("\ufeff")
	prefix := 0
	if bytes.HasPrefix(data, bom) {
		prefix = len(bom)
	}
	lines := bytes.SplitAfter(data[prefix:], []byte("\n"))
	trim := func(l []byte) string { return strings.TrimRight(string(l), "\r\n") }
	if len(lines) == 0 {
		return nil, fmt.Errorf("the file has no front matter")
	}
	delim := strings.TrimRight(trim(lines[0]), " \t")
	var line string
	switch delim {
	case "---":
		line = Key + ": " + st.String()
	case "+++":
		line = Key + ` = "` + st.String() + `"`
	default:
		return nil, fmt.Errorf("the file has no front matter (it does not start with --- or +++)")
	}
	eol := "\n"
	if bytes.HasSuffix(lines[0], []byte("\r\n")) {
		eol = "\r\n"
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(trim(lines[i]), " \t") == delim {
			end = i
			break
		}
	}
	if end < 0 {
		return nil, fmt.Errorf("the front matter never ends")
	}
	var out bytes.Buffer
	out.Write(data[:prefix])
	out.Write(lines[0])
	written := false
	for i := 1; i < end; i++ {
		l := trim(lines[i])
		if !written && isKeyLine(l, delim) {
			out.WriteString(line + eol)
			written = true
			// A value continued on indented lines goes with its key.
			for i+1 < end && len(trim(lines[i+1])) > 0 && (lines[i+1][0] == ' ' || lines[i+1][0] == '\t') {
				i++
			}
			continue
		}
		out.Write(lines[i])
	}
	if !written {
		out.WriteString(line + eol)
	}
	for _, l := range lines[end:] {
		out.Write(l)
	}
	return out.Bytes(), nil
}

// isKeyLine reports whether a front matter line sets the translated key.
func isKeyLine(l, delim string) bool {
	rest, ok := strings.CutPrefix(l, Key)
	if !ok {
		return false
	}
	rest = strings.TrimLeft(rest, " \t")
	if delim == "+++" {
		return strings.HasPrefix(rest, "=")
	}
	return strings.HasPrefix(rest, ":")
}
