package editor

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/goccy/go-yaml"
)

// How a saved file keeps everything the form did not change: the keys
// whose values changed get their lines replaced, a key the file lacks is
// added before the closing ---, and every other byte (a byte order mark,
// CRLF line endings, comments, quoting, the order of keys, the body when
// it did not change) stays as it was. A careful person editing the file in
// Notepad would do the same.

// change is one front matter key to set: its value as YAML text, one line
// or, for text with line breaks, a block (the first line is "|-").
type change struct {
	Key   string
	Value []string // empty: the key with no value, which is the same as no key
}

// keyLine matches a top-level key of YAML front matter.
var keyLine = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:([ \t]|$)`)

// file is a page file cut into what an edit needs.
type file struct {
	bom   []byte
	eol   string
	lines [][]byte // every line of the file after the BOM, with its end
	end   int      // the index of the closing --- line
}

func cutFile(data []byte) (*file, error) {
	f := &file{eol: "\n"}
	if bytes.HasPrefix(data, []byte("\ufeff")) {
		f.bom, data = data[:3], data[3:]
	}
	f.lines = bytes.SplitAfter(data, []byte("\n"))
	if len(f.lines) > 0 && len(f.lines[len(f.lines)-1]) == 0 {
		f.lines = f.lines[:len(f.lines)-1]
	}
	if len(f.lines) == 0 || trimLine(f.lines[0]) != "---" {
		return nil, fmt.Errorf("the editor changes only files whose front matter is YAML between --- lines; edit this one in a text editor")
	}
	if bytes.HasSuffix(f.lines[0], []byte("\r\n")) {
		f.eol = "\r\n"
	}
	f.end = -1
	for i := 1; i < len(f.lines); i++ {
		if trimLine(f.lines[i]) == "---" {
			f.end = i
			break
		}
	}
	if f.end < 0 {
		return nil, fmt.Errorf("the front matter never ends: add a line with --- after the last key")
	}
	return f, nil
}

func trimLine(l []byte) string { return strings.TrimRight(string(l), " \t\r\n") }

// body is the text after the closing line, with LF line endings.
func (f *file) body() string {
	var b strings.Builder
	for _, l := range f.lines[f.end+1:] {
		b.Write(l)
	}
	return strings.ReplaceAll(b.String(), "\r\n", "\n")
}

// edit returns the file with the changes made and, when body is not nil,
// its body replaced (in the file's line endings).
func (f *file) edit(changes []change, body *string) []byte {
	var out bytes.Buffer
	out.Write(f.bom)
	out.Write(f.lines[0])
	done := map[string]bool{}
	byKey := map[string]change{}
	for _, c := range changes {
		byKey[c.Key] = c
	}
	for i := 1; i < f.end; i++ {
		m := keyLine.FindSubmatch(f.lines[i])
		if m == nil {
			out.Write(f.lines[i])
			continue
		}
		c, ok := byKey[string(m[1])]
		if !ok || done[c.Key] {
			out.Write(f.lines[i])
			continue
		}
		done[c.Key] = true
		rest := strings.TrimRight(string(f.lines[i][len(m[0]):]), "\r\n")
		next := i + 1
		for next < f.end && continues(f.lines[next]) {
			next++
		}
		comment := ""
		if next == i+1 {
			comment = trailingComment(rest)
		}
		f.writeKey(&out, c, comment)
		i = next - 1
	}
	for _, c := range changes {
		if !done[c.Key] && len(c.Value) > 0 {
			f.writeKey(&out, c, "")
		}
	}
	if body == nil {
		for _, l := range f.lines[f.end:] {
			out.Write(l)
		}
		return out.Bytes()
	}
	out.Write(f.lines[f.end])
	if !bytes.HasSuffix(f.lines[f.end], []byte("\n")) {
		out.WriteString(f.eol)
	}
	out.WriteString(strings.ReplaceAll(*body, "\n", f.eol))
	return out.Bytes()
}

func (f *file) writeKey(out *bytes.Buffer, c change, comment string) {
	out.WriteString(c.Key + ":")
	for i, v := range c.Value {
		if i > 0 {
			out.WriteString(f.eol)
			if v != "" {
				out.WriteString("  ")
			}
		} else {
			out.WriteString(" ")
		}
		out.WriteString(v)
	}
	out.WriteString(comment)
	out.WriteString(f.eol)
}

// continues reports whether a line goes with the key above it: an indented
// line, or an item of a block list written at the key's indentation.
func continues(l []byte) bool {
	if len(trimLine(l)) == 0 {
		return false
	}
	return l[0] == ' ' || l[0] == '\t' || l[0] == '-' && (len(l) == 1 || l[1] == ' ' || l[1] == '\r' || l[1] == '\n')
}

// trailingComment returns the " # comment" that ends a one-line value, with
// the spaces before it, or "".
func trailingComment(rest string) string {
	var quote byte
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			if strings.TrimSpace(rest[:i]) == "" || strings.HasSuffix(strings.TrimRight(rest[:i], " "), "[") || strings.HasSuffix(strings.TrimRight(rest[:i], " "), ",") {
				quote = c
			}
		case c == '#' && i > 0 && (rest[i-1] == ' ' || rest[i-1] == '\t'):
			j := i
			for j > 0 && (rest[j-1] == ' ' || rest[j-1] == '\t') {
				j--
			}
			return rest[j:]
		}
	}
	return ""
}

// yamlScalar writes a string as a YAML value: plain when YAML reads it
// back as the same string, else double-quoted.
func yamlScalar(s string, inFlow bool) string {
	if plain(s, inFlow) {
		return s
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimRight(b.String(), "\n")
}

func plain(s string, inFlow bool) bool {
	if s == "" || strings.TrimSpace(s) != s || strings.ContainsAny(s, "\n\r\t#\"'") || strings.Contains(s, ": ") || strings.HasSuffix(s, ":") {
		return false
	}
	if inFlow && strings.ContainsAny(s, ",[]{}") {
		return false
	}
	if strings.ContainsRune("-?:,[]{}&*!|>'\"%@`", rune(s[0])) {
		return false
	}
	var v map[string]any
	if err := yaml.Unmarshal([]byte("k: "+s), &v); err != nil {
		return false
	}
	got, ok := v["k"].(string)
	return ok && got == s
}

// textValue writes text that may have line breaks: one line as a scalar,
// more as a literal block.
func textValue(s string) []string {
	s = strings.TrimRight(strings.ReplaceAll(s, "\r\n", "\n"), "\n ")
	if s == "" {
		return nil
	}
	if !strings.Contains(s, "\n") {
		return []string{yamlScalar(s, false)}
	}
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l == "---" || l == "+++" {
			// A line that would end the front matter: one quoted line.
			return []string{yamlScalar(s, false)}
		}
	}
	head := "|-"
	if s[0] == ' ' || s[0] == '\t' {
		head = "|2-" // else the first line's spaces would set the indentation
	}
	return append([]string{head}, strings.Split(s, "\n")...)
}

// listValue writes a list in flow style: [a, b].
func listValue(items []string, raw func(string) string) []string {
	var parts []string
	for _, it := range items {
		if it = strings.TrimSpace(it); it != "" {
			parts = append(parts, raw(it))
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return []string{"[" + strings.Join(parts, ", ") + "]"}
}
