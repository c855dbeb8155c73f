package content

import (
	"bufio"
	"bytes"
	"errors"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/diag"
)

// Raw is one front matter value as written, before it is checked against
// the declared type: string, int64, float64, bool, nil, or []Raw for a list.
// Maps are kept as map[string]any and rejected by the type check.
type Raw struct {
	Key    string
	Value  any
	Pos    diag.Pos // of the value, or of the key when the value is empty
	KeyPos diag.Pos
	// Text is a number's or true/false's text as written, for a field
	// that wants text: YAML reads 0157251210 as an octal number.
	Text string
}

// FrontMatter is the keys of a page in the order they were written.
type FrontMatter []Raw

// MaxFrontMatter is the size of the largest front matter read: a hundred
// times what a page needs. (The YAML parser needs hundreds of times its
// input in memory.)
const MaxFrontMatter = 64 << 10

// Split separates the front matter from the body of a Markdown file that
// Clean has already normalised. It returns the front matter's keys, the
// body, and the line of the file the body starts on.
func Split(file string, data []byte) (FrontMatter, []byte, int, error) {
	return split(file, data, frontPart(data))
}

// split is Split with the part of data that the front matter library
// reads.
func split(file string, data, part []byte) (FrontMatter, []byte, int, error) {
	c, err := cut(file, data, part)
	if err != nil || c.format == "" {
		return nil, c.body, c.bodyLine, err
	}
	at := diag.Pos{File: file, Line: c.firstLine + 1}
	if err := config.CheckLimits(diag.Pos{File: file, Line: c.firstLine + 1, Col: 1}, c.text, MaxFrontMatter, "front matter",
		"; long text belongs in the body, below the closing "+c.first); err != nil {
		return nil, nil, 0, err
	}
	var fm FrontMatter
	if c.format == "yaml" {
		fm, err = parseYAML(at, c.text)
	} else {
		fm, err = parseTOML(at, c.text)
	}
	return fm, c.body, c.bodyLine, err
}

// Body returns the body of a Markdown file that Clean has normalised, as
// Split does, without reading its front matter: for what needs the text
// of a page again, such as package translation.
func Body(file string, data []byte) ([]byte, error) {
	c, err := cut(file, data, frontPart(data))
	return c.body, err
}

// parts are a Markdown file cut in two, its front matter not yet read.
type parts struct {
	text, body          []byte
	format, first       string // yaml or toml ("" without front matter); the first line
	firstLine, bodyLine int
}

// cut finds the front matter and the body of a file, as the front matter
// library reads them from part (see frontPart).
func cut(file string, data, part []byte) (parts, error) {
	var c parts
	capture := func(name string) frontmatter.UnmarshalFunc {
		return func(b []byte, _ any) error {
			c.text, c.format = b, name
			return nil
		}
	}
	// The library reads through a bufio.Reader, and takes one it is given
	// rather than making its own.
	r := readers.Get().(*bufio.Reader)
	r.Reset(bytes.NewReader(part))
	defer func() { r.Reset(nil); readers.Put(r) }()
	body, err := frontmatter.Parse(r, nil,
		frontmatter.NewFormat("---", "---", capture("yaml")),
		frontmatter.NewFormat("+++", "+++", capture("toml")),
	)
	if err != nil {
		return parts{}, diag.Errorf(diag.Pos{File: file}, "front matter: %v", err)
	}
	// The library treats an opening line without a closing one as no front
	// matter at all; a forgotten closing line must not go unnoticed.
	c.first, c.firstLine = firstLine(data)
	if c.format == "" && (c.first == "---" || c.first == "+++") {
		return parts{}, diag.Errorf(diag.Pos{File: file, Line: c.firstLine, Col: 1},
			"front matter starts here with %s but never ends: add a line with %s after the last key", c.first, c.first)
	}
	// The body is the rest of the file: take it from data, not from the
	// library's buffer, which is larger and would be kept alive with it.
	c.body = data[len(part)-len(body):]
	c.bodyLine = 1 + bytes.Count(data[:len(data)-len(c.body)], []byte("\n"))
	return c, nil
}

var readers = sync.Pool{New: func() any { return bufio.NewReader(nil) }}

// frontPart is the opening of a file up to the line that can end its
// front matter (the same delimiter as its first line that is not blank, as
// the front matter library reads them), or, without front matter, its
// first line that is not blank: all that the library needs, so that it
// does not copy the body too. Without an end, it is the whole file, and
// the library tells there is none.
func frontPart(data []byte) []byte {
	var delim []byte
	for at := 0; at < len(data); {
		next := len(data)
		if i := bytes.IndexByte(data[at:], '\n'); i >= 0 {
			next = at + i + 1
		}
		line := bytes.TrimSpace(data[at:next])
		switch {
		case delim == nil && len(line) == 0:
		case delim == nil && (string(line) == "---" || string(line) == "+++"):
			delim = line
		case delim == nil:
			return data[:next]
		case bytes.Equal(line, delim):
			return data[:next]
		}
		at = next
	}
	return data
}

// firstLine returns the first non-blank line, trimmed, and its number.
func firstLine(data []byte) (string, int) {
	n := 1
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		if s := strings.TrimSpace(string(line)); s != "" {
			return s, n
		}
		data, n = rest, n+1
	}
	return "", n
}

func parseYAML(at diag.Pos, text []byte) (FrontMatter, error) {
	if len(bytes.TrimSpace(text)) == 0 {
		return FrontMatter{}, nil
	}
	f, err := parser.ParseBytes(text, 0)
	if err != nil {
		return nil, config.YAMLError(at, text, err)
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return FrontMatter{}, nil
	}
	pos := func(n ast.Node) diag.Pos {
		tk := n.GetToken()
		return diag.Pos{File: at.File, Line: at.Line + tk.Position.Line - 1, Col: tk.Position.Column}
	}
	body := f.Docs[0].Body
	var values []*ast.MappingValueNode
	switch n := body.(type) {
	case *ast.MappingNode:
		values = n.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{n}
	case *ast.CommentNode, *ast.CommentGroupNode:
		return FrontMatter{}, nil
	default:
		return nil, diag.Errorf(pos(body), "front matter: want keys with values (key: value), got %s", describeNode(body))
	}
	var errs diag.List
	fm := make(FrontMatter, 0, len(values))
	seen := map[string]bool{}
	for _, mv := range values {
		key := mv.Key.String()
		if kn, ok := mv.Key.(*ast.StringNode); ok {
			key = kn.Value
		}
		if seen[key] {
			errs.Addf(pos(mv.Key), "front matter: %s appears twice", key)
			continue
		}
		seen[key] = true
		v, err := yamlValue(mv.Value, pos)
		if err != nil {
			errs.Add(err)
			continue
		}
		if err := cutByComment(text, mv, pos); err != nil {
			errs.Add(err)
			continue
		}
		p := pos(mv.Key)
		if v != nil && mv.Value != nil {
			p = pos(mv.Value)
		}
		fm = append(fm, Raw{Key: key, Value: v, Pos: p, KeyPos: pos(mv.Key), Text: scalarText(mv.Value)})
	}
	return fm, errs.Err()
}

func yamlValue(n ast.Node, pos func(ast.Node) diag.Pos) (any, error) {
	switch n := n.(type) {
	case nil, *ast.NullNode:
		return nil, nil
	case *ast.StringNode:
		return n.Value, nil
	case *ast.LiteralNode:
		return n.Value.Value, nil
	case *ast.IntegerNode:
		switch v := n.Value.(type) {
		case int64:
			return v, nil
		case uint64:
			return int64(v), nil
		}
		return n.GetToken().Value, nil
	case *ast.FloatNode:
		return n.Value, nil
	case *ast.BoolNode:
		return n.Value, nil
	case *ast.TagNode:
		return yamlValue(n.Value, pos)
	case *ast.SequenceNode:
		list := make([]Raw, 0, len(n.Values))
		for _, item := range n.Values {
			v, err := yamlValue(item, pos)
			if err != nil {
				return nil, err
			}
			list = append(list, Raw{Value: v, Pos: pos(item), Text: scalarText(item)})
		}
		return list, nil
	case *ast.MappingNode, *ast.MappingValueNode:
		return map[string]any{}, nil
	case *ast.AnchorNode:
		return yamlValue(n.Value, pos)
	case *ast.AliasNode:
		return nil, diag.Errorf(pos(n), "front matter: YAML aliases (*name) are not supported; write the value out")
	}
	return nil, diag.Errorf(pos(n), "front matter: cannot read %s here", describeNode(n))
}

// dateLike is a value that a comment after it does not cut short: a
// date or a time.
var dateLike = regexp.MustCompile(`^[0-9][0-9:+\-T .]*$`)

// cutByComment reports a text value that YAML cut at a #: in
// title: C# 勉強会 #1 のお知らせ, what follows " #" is a comment, and the
// title would be "C# 勉強会". A comment that starts with a space
// (draft: true # until approved) is taken as one.
func cutByComment(text []byte, mv *ast.MappingValueNode, pos func(ast.Node) diag.Pos) error {
	n, ok := mv.Value.(*ast.StringNode)
	if !ok || n.Value == "" || !bytes.Contains(text, []byte(" #")) || dateLike.MatchString(n.Value) {
		return nil
	}
	tk := n.GetToken()
	if tk.Type != token.StringType { // quoted
		return nil
	}
	line := text
	for i := 1; i < tk.Position.Line; i++ {
		nl := bytes.IndexByte(line, '\n')
		if nl < 0 {
			return nil
		}
		line = line[nl+1:]
	}
	if nl := bytes.IndexByte(line, '\n'); nl >= 0 {
		line = line[:nl]
	}
	_, rest, ok := strings.Cut(string(bytes.TrimRight(line, "\r")), n.Value)
	rest = strings.TrimLeft(rest, " \t")
	if !ok || !strings.HasPrefix(rest, "#") || len(rest) < 2 || rest[1] == ' ' || rest[1] == '\t' {
		return nil
	}
	key := mv.Key.String()
	return diag.Errorf(pos(n), "front matter: %s: a # after a space starts a comment, so %s would be %q; if the # is part of it, put all of it in quotes: %s: %q", key, key, n.Value, key, n.Value+" "+rest)
}

// scalarText is the text of a number or a true/false as written, or "".
func scalarText(n ast.Node) string {
	for {
		switch v := n.(type) {
		case *ast.TagNode:
			n = v.Value
			continue
		case *ast.AnchorNode:
			n = v.Value
			continue
		case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode:
			return v.GetToken().Value
		}
		return ""
	}
}

func describeNode(n ast.Node) string {
	switch n.(type) {
	case *ast.SequenceNode:
		return "a list"
	case *ast.StringNode, *ast.LiteralNode:
		return "text"
	}
	return strings.ToLower(n.Type().String())
}

var tomlKeyLine = regexp.MustCompile(`(?m)^[ \t]*("?)([A-Za-z0-9_-]+)("?)[ \t]*=`)

func parseTOML(at diag.Pos, text []byte) (FrontMatter, error) {
	var m map[string]any
	md, err := toml.Decode(string(text), &m)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, diag.Errorf(diag.Pos{File: at.File, Line: at.Line + pe.Position.Line - 1, Col: pe.Position.Col},
				"TOML syntax: %s", pe.Message)
		}
		return nil, diag.Errorf(at, "TOML: %v", err)
	}
	// The TOML library keeps no positions of keys: find each key's line.
	lines := map[string]diag.Pos{}
	for _, loc := range tomlKeyLine.FindAllSubmatchIndex(text, -1) {
		key := string(text[loc[4]:loc[5]])
		if _, ok := lines[key]; !ok {
			line := at.Line + bytes.Count(text[:loc[0]], []byte("\n"))
			lines[key] = diag.Pos{File: at.File, Line: line, Col: loc[4] - loc[0] + 1}
		}
	}
	var fm FrontMatter
	for _, k := range md.Keys() {
		if len(k) != 1 {
			continue // keys of tables: reported as maps below
		}
		key := k[0]
		p, ok := lines[key]
		if !ok {
			p = at
		}
		fm = append(fm, Raw{Key: key, Value: tomlValue(m[key], p), Pos: p, KeyPos: p})
	}
	slices.SortStableFunc(fm, func(a, b Raw) int { return a.Pos.Line - b.Pos.Line })
	return fm, nil
}

func tomlValue(v any, p diag.Pos) any {
	switch v := v.(type) {
	case []any:
		list := make([]Raw, len(v))
		for i, item := range v {
			list[i] = Raw{Value: tomlValue(item, p), Pos: p}
		}
		return list
	case map[string]any:
		return v
	case time.Time: // TOML dates: kept, and read in the site's zone when they have none
		return v
	}
	return v
}
