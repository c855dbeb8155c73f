package config

import (
	"cmp"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/furusato/furusato/internal/diag"
)

// MaxNesting is how deep lists and mappings may nest in YAML (site.yaml
// and front matter). Real files need three or four levels; the YAML
// parser's time and memory grow much faster than its input with depth, so
// deeper text is refused before it is parsed.
const MaxNesting = 64

// CheckLimits refuses YAML text that is larger than maxSize bytes or
// nested deeper than MaxNesting, before it reaches the parser. what names
// the text in messages ("front matter", "site.yaml"), and hint ends the
// message about size; at is the position of its first line. Nesting is counted from [ and { brackets and from
// indentation, wherever they are, so the count may be higher than the
// YAML's true depth but never lower.
func CheckLimits(at diag.Pos, text []byte, maxSize int, what, hint string) error {
	if len(text) > maxSize {
		return diag.Errorf(at, "%s is %s, more than the %s allowed%s", what, sizeWords(len(text)), sizeWords(maxSize), hint)
	}
	pos := func(line, col int) diag.Pos {
		p := diag.Pos{File: at.File, Line: at.Line + line - 1, Col: col}
		if at.Line == 0 {
			p.Line = line
		}
		return p
	}
	flow := 0
	var indents []int // the indentation of each open block level
	line, col := 1, 0
	start := true // at the indentation of a line
	for _, r := range string(text) {
		col++
		switch {
		case r == '\n':
			line, col, start = line+1, 0, true
			continue
		case start && r == ' ':
			continue
		case start:
			start = false
			if r == '#' {
				continue
			}
			for len(indents) > 0 && indents[len(indents)-1] >= col {
				indents = indents[:len(indents)-1]
			}
			indents = append(indents, col)
			if len(indents) > MaxNesting {
				return diag.Errorf(pos(line, col), "%s: lists and mappings are nested more than %d deep here; check the indentation", what, MaxNesting)
			}
		}
		switch r {
		case '[', '{':
			flow++
			if flow > MaxNesting {
				return diag.Errorf(pos(line, col), "%s: lists and mappings are nested more than %d deep here; check the [ ] and { } brackets", what, MaxNesting)
			}
		case ']', '}':
			flow = max(flow-1, 0)
		}
	}
	return nil
}

func sizeWords(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d kB", (n+1023)>>10)
}

// YAMLError turns an error from the YAML library into a diag.Error in plain
// words. at is the position of the YAML text's first line in its file, so
// that front matter (which starts on line 2 of a page) reports the line of
// the page, not of the front matter. text is the YAML text: a syntax error
// that comes of a line indented as no line above it is reported at that
// line, as an indentation, rather than as what the parser made of it.
func YAMLError(at diag.Pos, text []byte, err error) *diag.Error {
	var ye yaml.Error
	if !errors.As(err, &ye) || ye.GetToken() == nil {
		return &diag.Error{Pos: at, Msg: "YAML: " + err.Error()}
	}
	tok := ye.GetToken()
	pos := diag.Pos{File: at.File, Line: at.Line + tok.Position.Line - 1, Col: tok.Position.Column}
	if at.Line == 0 {
		pos.Line = tok.Position.Line
	}
	var msg string
	var te *yaml.TypeError
	var ue *yaml.UnknownFieldError
	var de *yaml.DuplicateKeyError
	switch {
	case errors.As(err, &te):
		msg = fmt.Sprintf("want %s, got %s", kindWords(te.DstType), valueWords(tok.Value))
		if te.StructFieldName != nil {
			msg = yamlName(*te.StructFieldName) + ": " + msg
		}
	case errors.As(err, &ue):
		msg = "unknown key " + tok.Value
	case errors.As(err, &de):
		msg = "key " + tok.Value + " appears twice"
	default:
		msg = cmp.Or(keyboardWords(tok.Value), syntaxWords(ye.GetMessage(), at))
		first := max(at.Line, 1) // the line of the file that is the text's first
		if line, col, why, ok := badIndent(text, first); ok && line >= pos.Line-2 && line <= pos.Line+1 && keyboardWords(tok.Value) == "" {
			pos.Line, pos.Col, msg = line, col, why
		}
	}
	return &diag.Error{Pos: pos, Msg: msg}
}

// badIndent finds the first line of a YAML text indented as no line above
// it allows: less than the line before, and not as far as any key above
// it, or more than the line before, which opens nothing, with a key on
// it. It is asked only of a text the parser refused, so it looks at the
// block style that front matter and site.yaml are written in; lines in
// [ ] or { }, and the lines of a | or > text, are passed over. Lines are
// counted from first, the line of the file that is the text's first.
func badIndent(text []byte, first int) (line, col int, why string, ok bool) {
	var levels []int // the indentation of each open block, outermost first
	opens := false   // the last line ends with a key and its colon, or a -
	scalar := -1     // the indentation of a | or > text's key, while in it
	flow := 0
	prev := 0
	for n, l := range strings.Split(string(text), "\n") {
		l = strings.TrimRight(l, "\r")
		body := strings.TrimLeft(l, " ")
		ind := len(l) - len(body)
		if body == "" || body[0] == '#' {
			continue
		}
		if scalar >= 0 {
			if ind > scalar {
				continue
			}
			scalar = -1
		}
		if flow > 0 {
			flow += strings.Count(body, "[") + strings.Count(body, "{") - strings.Count(body, "]") - strings.Count(body, "}")
			continue
		}
		key := yamlKeyLine.MatchString(body)
		switch {
		case len(levels) == 0:
			levels = append(levels, ind)
		case ind > levels[len(levels)-1]:
			if !opens {
				if key {
					return first + n, ind + 1, fmt.Sprintf("this line is indented more than line %d above it, as if it belonged to it; keys of one level start in the same column: take away %d space(s)", prev, ind-levels[len(levels)-1]), true
				}
				continue // a plain text going on over lines
			}
			levels = append(levels, ind)
		case ind < levels[len(levels)-1]:
			for len(levels) > 0 && levels[len(levels)-1] > ind {
				levels = levels[:len(levels)-1]
			}
			if len(levels) == 0 || levels[len(levels)-1] != ind {
				return first + n, ind + 1, fmt.Sprintf("this line is indented by %d space(s), as no line above it is: keys of one level start in the same column, as the lines before and after it do", ind), true
			}
		}
		prev = first + n
		trimmed := strings.TrimSpace(stripComment(body))
		opens = strings.HasSuffix(trimmed, ":") || trimmed == "-"
		if strings.HasPrefix(body, "- ") {
			levels = append(levels, ind+2) // the keys of a list's item start after its "- "
		}
		if blockScalar.MatchString(trimmed) {
			scalar = ind
		}
		flow = max(0, strings.Count(body, "[")+strings.Count(body, "{")-strings.Count(body, "]")-strings.Count(body, "}"))
	}
	return 0, 0, "", false
}

var (
	// yamlKeyLine is a line of block style that starts with a key and
	// its colon.
	yamlKeyLine = regexp.MustCompile(`^(?:- )?[^\s#'"\[\]{}:-][^:#]*:(?:\s|$)`)
	// blockScalar is a line whose value is a | or > text on the lines
	// after it.
	blockScalar = regexp.MustCompile(`:\s*[|>][+-]?\d*$`)
)

// stripComment drops a comment from the end of a line of YAML, outside
// quotes.
func stripComment(l string) string {
	inS, inD := false, false
	for i, r := range l {
		switch {
		case r == '\'' && !inD:
			inS = !inS
		case r == '"' && !inS:
			inD = !inD
		case r == '#' && !inS && !inD && (i == 0 || l[i-1] == ' '):
			return l[:i]
		}
	}
	return l
}

// plainKey is what a key looks like where a Japanese keyboard typed the
// colon after it.
var plainKey = regexp.MustCompile(`^[^\s:：#\-\[\]{}'"]+$`)

// keyboardWords says what a Japanese keyboard typed where YAML wants a
// key, a colon and a space, as YAML reads it: one piece of text. It
// returns "" for other text.
func keyboardWords(text string) string {
	text = strings.TrimSpace(text)
	if key, _, ok := strings.Cut(text, "："); ok && plainKey.MatchString(key) {
		return fmt.Sprintf("%s is followed by a full-width colon (：): write a half-width colon and a space, %s: …", key, key)
	}
	key, rest, ok := strings.Cut(text, ":")
	// A plain value goes on over the next lines, which may be keys.
	rest, _, _ = strings.Cut(rest, " ")
	if !ok || !plainKey.MatchString(key) {
		return ""
	}
	switch {
	case strings.HasPrefix(rest, "　"):
		return fmt.Sprintf("%s: is followed by a full-width space (　): write a half-width space, %s: …", key, key)
	case rest != "" && rest[0] != ' ':
		return fmt.Sprintf("put a space after the colon: %s: %s", key, rest)
	}
	return ""
}

// duplicateKey is the YAML parser's message for a key written twice, with
// the line and column of the first, counted in the YAML text.
var duplicateKey = regexp.MustCompile(`^mapping key "(.*)" already defined at \[(\d+):(\d+)\]$`)

// syntaxWords says a YAML syntax error in plain words where it is one that
// PR staff make: a key written twice, a value with ": " in it, a tab.
// at is as for YAMLError.
func syntaxWords(msg string, at diag.Pos) string {
	switch m := duplicateKey.FindStringSubmatch(msg); {
	case m != nil:
		line, _ := strconv.Atoi(m[2])
		if at.Line > 0 {
			line += at.Line - 1
		}
		return fmt.Sprintf("key %s appears twice (first on line %d); keep one", m[1], line)
	case msg == "mapping value is not allowed in this context":
		return `a value with ": " in it must be in quotes, such as title: "北見市: 移住の手引き"`
	case msg == "value is not allowed in this context":
		return `a value that starts with [ or { is read as a list; if it is text, put all of it in quotes, such as description: "[中止] 冬まつり"`
	case strings.Contains(msg, "found character '\t'"):
		return "a tab: front matter and site.yaml are indented with spaces; replace the tab with spaces"
	}
	return "YAML syntax: " + msg
}

// yamlName turns "Config.Languages" into "languages" for messages.
func yamlName(field string) string {
	if i := strings.LastIndexByte(field, '.'); i >= 0 {
		field = field[i+1:]
	}
	return strings.ToLower(field)
}

func kindWords(t reflect.Type) string {
	if t == nil {
		return "another kind of value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "keys with values (a mapping)"
	}
	return t.String()
}

func valueWords(v string) string {
	if v == "" {
		return "nothing"
	}
	return fmt.Sprintf("%q", v)
}
