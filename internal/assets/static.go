package assets

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"io"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"

	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/diskfile"
	"github.com/furusato/furusato/internal/images"
	"github.com/furusato/furusato/internal/outputs"
	"github.com/furusato/furusato/internal/svg"
)

// Static is the files of static/ ready to publish: minified, stylesheets
// rewritten to name fingerprinted files, and each file that can be cached
// for good given a name with a hash of its content.
//
// Every file is published under its own name too (css/site.css beside
// css/site.3f9a1c2b.css). Pages use the hashed name; the plain copy is for
// whoever names the file from outside the site (another site, an e-mail, a
// favicon.ico that browsers ask for by name) and is served with the short
// "files" cache rule, so it is never stale for long. A file of MaxHashed
// or more (a video) keeps its own name only: see there. Old hashed files are
// not part of a build: furusato deploy keeps them in the bucket for a while
// (see config.Deploy), for pages that caches still hold.
type Static struct {
	warnings []*diag.Error // files published as they are, not minified
	files    []*StaticFile
	byPath   map[string]*StaticFile
	hashed   map[string]bool // published hashed names
}

// MaxHashed is the size from which a file of static/ gets no hashed
// copy: a video of 250 MB published twice is twice the output, the
// upload and the bucket, for a file that is rarely loaded by a page's
// own markup ({{static}} gives its own name, which caches revalidate).
const MaxHashed = 10_000_000 // 10 MB, as the README says

// StaticFile is one file of static/.
type StaticFile struct {
	Path   string            // as in static/: css/site.css
	Hashed string            // the fingerprinted name, css/site.3f9a1c2b.css; "" when the file keeps its name
	Data   []byte            // what is published
	Sum    [sha256.Size]byte // the SHA-256 of Data
	Format *outputs.Format
	// integrity is the value for Subresource Integrity (sha384-…),
	// computed when a page asks for it: pages name a stylesheet or a
	// script so, not a video of 300 MB.
	integrity func() string
}

// LoadStatic reads, minifies and fingerprints the files of static/.
// Stylesheets are read with a CSS lexer: each url(...) and @import that
// names a file of static/ is rewritten to its published name, and one that
// names a missing file is an error at its line and column. An SVG that
// could run a script is an error too (see package svg). It stops
// between files once ctx is done, and returns ctx's error.
func LoadStatic(ctx context.Context, fsys fs.FS, files []string, fingerprint bool, min *Minifier) (*Static, error) {
	l := &staticLoader{
		ctx: ctx, fsys: fsys, min: min, fingerprint: fingerprint,
		known: map[string]bool{}, done: map[string]*StaticFile{},
	}
	for _, f := range files {
		l.known[f] = true
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		l.load(f)
		if err := ctx.Err(); err != nil {
			return nil, err // a file read or hashed in part
		}
	}
	st := &Static{byPath: l.done, hashed: map[string]bool{}, warnings: l.warnings}
	for _, f := range files {
		if sf := l.done[f]; sf != nil {
			st.files = append(st.files, sf)
			if sf.Hashed != "" {
				st.hashed[sf.Hashed] = true
			}
		}
	}
	return st, l.errs.Err()
}

type staticLoader struct {
	ctx         context.Context // LoadStatic's: a large file stops being read or hashed when done
	fsys        fs.FS
	min         *Minifier
	fingerprint bool
	known       map[string]bool
	done        map[string]*StaticFile
	loading     []string // stylesheets being loaded, to report @import cycles
	errs        diag.List
	warnings    []*diag.Error
}

func (l *staticLoader) load(p string) *StaticFile {
	if sf, ok := l.done[p]; ok {
		return sf
	}
	file := path.Join(Dir, p)
	if i := slices.Index(l.loading, p); i >= 0 {
		l.errs.Addf(diag.Pos{File: file}, "stylesheets import each other in a circle: %s", strings.Join(append(slices.Clone(l.loading[i:]), p), " → "))
		return nil
	}
	data, err := ReadFile(l.ctx, l.fsys, file)
	if err != nil {
		l.errs.Addf(diag.Pos{File: file}, "cannot read: %v", err)
		l.done[p] = nil
		return nil
	}
	if strings.EqualFold(path.Ext(p), ".svg") {
		l.errs.Add(svg.Check(file, data)) // before minifying: the positions are the file's
	}
	if (images.Raster(p) || images.Filmed(p)) && images.CarriesGPS(data) {
		l.warnings = append(l.warnings, images.PositionPublished(file, true))
	}
	format := outputs.ForFile(p)
	if format.Name == "css" {
		l.loading = append(l.loading, p)
		data = l.rewriteCSS(p, data)
		l.loading = l.loading[:len(l.loading)-1]
	}
	if l.min != nil && format.Minify != "" {
		// A file the minifier cannot read (a vendor's script, say) is
		// published as it is, with a warning, rather than stop the site.
		m, err := l.min.Minify(format, bytes.Clone(data))
		if err != nil {
			l.warnings = append(l.warnings, NotMinified(file, err))
		} else {
			data = m
		}
	}
	sf := &StaticFile{Path: p, Data: data, Sum: Sum(l.ctx, data), Format: format,
		integrity: sync.OnceValue(func() string { return Integrity(data) })}
	if l.fingerprint && format.Hashed && len(data) < MaxHashed {
		sf.Hashed = hashedName(p, sf.Sum)
	}
	l.done[p] = sf
	return sf
}

// ReadFile is fs.ReadFile, in chunks (diskfile.Chunk), until ctx is
// done: a video of static/ can be hundreds of megabytes, and Ctrl+C
// stops a build within a second.
func ReadFile(ctx context.Context, fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var data []byte
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 {
		data = make([]byte, 0, fi.Size()+1) // +1: the read that finds the end
	}
	for ctx.Err() == nil {
		if len(data) == cap(data) {
			data = slices.Grow(data, max(512, len(data)))
		}
		n, err := f.Read(data[len(data):min(cap(data), len(data)+diskfile.Chunk)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return nil, ctx.Err()
}

// Sum is the SHA-256 of data, in chunks, until ctx is done (then the
// build stops, and the sum is not used).
func Sum(ctx context.Context, data []byte) [sha256.Size]byte {
	h := sha256.New()
	for len(data) > 0 && ctx.Err() == nil {
		n := min(len(data), diskfile.Chunk)
		h.Write(data[:n])
		data = data[n:]
	}
	return [sha256.Size]byte(h.Sum(nil))
}

// HashedName puts the first 8 hex digits of the SHA-256 of data before the
// extension of name: css/site.css → css/site.3f9a1c2b.css.
func HashedName(name string, data []byte) string { return hashedName(name, sha256.Sum256(data)) }

func hashedName(name string, sum [sha256.Size]byte) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
}

// Integrity is the Subresource Integrity value of data.
func Integrity(data []byte) string {
	sum := sha512.Sum384(data)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

// rewriteCSS replaces the file names in a stylesheet's url(...) and
// @import with their published names. Only the name changes: the rest of
// the stylesheet is kept byte for byte.
func (l *staticLoader) rewriteCSS(p string, data []byte) []byte {
	lex := css.NewLexer(parse.NewInputBytes(data))
	var out bytes.Buffer
	out.Grow(len(data) + 64)
	line, col := 1, 1
	advance := func(text []byte) {
		for _, r := range string(text) {
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
	}
	var prev css.TokenType // the last token that is not whitespace or a comment
	var prevText string
	for {
		tt, text := lex.Next()
		if tt == css.ErrorToken {
			break
		}
		at := diag.Pos{File: path.Join(Dir, p), Line: line, Col: col}
		switch {
		case tt == css.URLToken:
			out.Write(l.replaceRef(p, text, urlRef(text), at))
		case tt == css.StringToken && (prev == css.FunctionToken && strings.EqualFold(prevText, "url(") ||
			prev == css.AtKeywordToken && strings.EqualFold(prevText, "@import")):
			out.Write(l.replaceRef(p, text, unquote(text), at))
		default:
			out.Write(text)
		}
		advance(text)
		if tt != css.WhitespaceToken && tt != css.CommentToken {
			prev, prevText = tt, string(text)
		}
	}
	return out.Bytes()
}

// urlRef is the reference inside url(...), without quotes and spaces.
func urlRef(tok []byte) string {
	s := string(tok)
	if i := strings.IndexByte(s, '('); i >= 0 {
		s = s[i+1:]
	}
	s = strings.TrimSuffix(s, ")")
	return unquote([]byte(strings.TrimSpace(s)))
}

func unquote(tok []byte) string {
	s := string(tok)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		s = s[1 : len(s)-1]
	}
	return s
}

// replaceRef returns tok with ref replaced by the published name of the
// file it names, or tok itself for references outside static/.
func (l *staticLoader) replaceRef(from string, tok []byte, ref string, at diag.Pos) []byte {
	target, rest, ok := l.resolve(from, ref)
	if !ok {
		return tok
	}
	if !l.known[target] {
		l.errs.Addf(at, "%s: there is no static/%s", ref, target)
		return tok
	}
	sf := l.load(target)
	if sf == nil || sf.Hashed == "" {
		return tok
	}
	// Keep the reference as written (relative, or from the root), with
	// only the file name changed.
	written := strings.TrimSuffix(ref, rest)
	dir, _ := path.Split(written)
	repl := dir + path.Base(sf.Hashed) + rest
	i := strings.LastIndex(string(tok), ref)
	if i < 0 {
		return tok
	}
	return []byte(string(tok[:i]) + repl + string(tok[i+len(ref):]))
}

// resolve turns a reference in static/<from> into a path of static/ and
// the query or fragment after it. ok is false for references that are not
// files of the site: data: URLs, other hosts, fragments alone, and
// templates' placeholders.
func (l *staticLoader) resolve(from, ref string) (target, rest string, ok bool) {
	if ref == "" || strings.HasPrefix(ref, "#") || strings.HasPrefix(ref, "//") || strings.ContainsAny(ref, "{}$") {
		return "", "", false
	}
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return "", "", false
	}
	name := ref
	if i := strings.IndexAny(ref, "?#"); i >= 0 {
		name, rest = ref[:i], ref[i:]
	}
	if dec, err := url.PathUnescape(name); err == nil {
		name = dec
	}
	if strings.HasPrefix(name, "/") {
		target = path.Clean(strings.TrimPrefix(name, "/"))
	} else {
		target = path.Join(path.Dir(from), name)
	}
	if target == "." || target == ".." || strings.HasPrefix(target, "../") {
		return "", "", false
	}
	return target, rest, true
}

// Warnings are the photos of static/ that tell where they were taken
// (GPS), and the files of static/ published as they are because the
// minifier could not read them.
func (s *Static) Warnings() []*diag.Error { return s.warnings }

// Files returns the files in the order of static/.
func (s *Static) Files() []*StaticFile { return s.files }

// Published returns the name a file of static/ is published under for
// pages to use: its hashed name when it has one. ok is false when static/
// has no such file.
func (s *Static) Published(p string) (name string, ok bool) {
	sf := s.byPath[p]
	if sf == nil {
		return "", false
	}
	if sf.Hashed != "" {
		return sf.Hashed, true
	}
	return sf.Path, true
}

// Integrity returns the Subresource Integrity value of a file of static/,
// or "" when there is no such file.
func (s *Static) Integrity(p string) string {
	if sf := s.byPath[p]; sf != nil {
		return sf.integrity()
	}
	return ""
}

// IsHashed reports whether an output path is a fingerprinted file.
func (s *Static) IsHashed(out string) bool { return s != nil && s.hashed[out] }

// Renames finds the fingerprinted files of one build that have a new name
// in the next because their content changed: old name → new name. A file
// is matched by its name without the hash (css/site.css).
func Renames(old, cur map[string][]byte) map[string]string {
	gone := map[string]string{} // plain name → old hashed name
	for name := range old {
		if _, ok := cur[name]; !ok {
			if plain, ok := unhashed(name); ok {
				gone[plain] = name
			}
		}
	}
	out := map[string]string{}
	for name := range cur {
		if _, ok := old[name]; ok {
			continue
		}
		if plain, ok := unhashed(name); ok && gone[plain] != "" {
			out[gone[plain]] = name
		}
	}
	return out
}

// unhashed removes the hash that HashedName puts in a name.
func unhashed(name string) (string, bool) {
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	i := strings.LastIndexByte(stem, '.')
	if i < 0 || len(stem)-i-1 != 8 || strings.ContainsFunc(stem[i+1:], func(r rune) bool {
		return !('0' <= r && r <= '9' || 'a' <= r && r <= 'f')
	}) {
		return "", false
	}
	return stem[:i] + ext, true
}

// Same reports whether two loads of static/ publish the same files.
func (s *Static) Same(o *Static) bool {
	if s == o {
		return true
	}
	if s == nil || o == nil || len(s.files) != len(o.files) {
		return false
	}
	for i, f := range s.files {
		g := o.files[i]
		if f.Path != g.Path || f.Hashed != g.Hashed || f.Sum != g.Sum {
			return false
		}
	}
	return true
}
