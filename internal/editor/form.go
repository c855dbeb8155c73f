package editor

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/format"
)

// field is one input of the form, made from site.yaml's declaration of a
// front matter key (or from the common keys every page has).
type field struct {
	Key      string
	Type     string // config's type: string, text, int, bool, date, url, yen, list, enum, ref
	Of       string // for a list: the type of its items
	Label    string // in the editor's language
	Required bool
	// Inherited fields are the translation's source's: shown, not edited.
	Inherited bool
	Choices   []choice // enum values, or the pages a ref may name
	Value     string   // as written, for one value
	Items     []string // for a list
	// Source is the value in the default-language file, beside a
	// translation's text fields; Changed says the source changed since
	// the translation's stamp.
	Source  string
	HasSrc  bool
	Changed bool
	Yen     string // for yen: how the amount reads, in every language
}

type choice struct{ Value, Label string }

// common are the keys every page may have that the form shows, with
// their types: the rest (slug, aliases, translationKey ...) are kept as
// they are written.
var common = []struct {
	key, typ, of string
	translated   bool
}{
	{"title", config.TypeString, "", true},
	{"description", config.TypeText, "", true},
	{"date", config.TypeDate, "", false},
	{"updated", config.TypeDate, "", true},
	{"draft", config.TypeBool, "", false},
	{"expires", config.TypeDate, "", false},
	{"tags", config.TypeList, config.TypeString, true},
	{"image", config.TypeString, "", false},
	{"image_alt", config.TypeString, "", true},
}

// applyKeys are the keys of an application period, offered on the pages
// of a section whose templates show it (newpage.ShowsApplication).
var applyKeys = []struct{ key, typ string }{
	{"apply_from", config.TypeDate},
	{"apply_until", config.TypeDate},
	{"fiscal_year", config.TypeInt},
}

// rawText is a front matter value as the form shows it.
func rawText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case []content.Raw:
		return strings.Join(rawItems(v), "\n")
	}
	return fmt.Sprint(v)
}

func rawItems(v any) []string {
	switch v := v.(type) {
	case nil:
		return nil
	case []content.Raw:
		var out []string
		for _, r := range v {
			out = append(out, rawText(r.Value))
		}
		return out
	}
	if s := rawText(v); s != "" {
		return []string{s}
	}
	return nil
}

// formValue is what the browser sends for one field: a string, a bool or
// a list of strings.
type formValue struct {
	text  string
	items []string
	isSet bool
}

func (v *formValue) UnmarshalJSON(b []byte) error {
	v.isSet = true
	switch {
	case string(b) == "true" || string(b) == "false":
		v.text = string(b)
		return nil
	case len(b) > 0 && b[0] == '[':
		return json.Unmarshal(b, &v.items)
	}
	return json.Unmarshal(b, &v.text)
}

var (
	datePattern = regexp.MustCompile(`^\d{4}(-\d{1,2}(-\d{1,2})?)?$`)
	intPattern  = regexp.MustCompile(`^-?\d+$`)
)

// changes compares the form's values with the file's and returns the keys
// to rewrite: only those whose values changed.
func changes(fields []*field, fm content.FrontMatter, values map[string]formValue) []change {
	old := map[string]any{}
	for _, r := range fm {
		old[r.Key] = r.Value
	}
	var out []change
	for _, f := range fields {
		v, ok := values[f.Key]
		if f.Inherited || !ok || !v.isSet {
			continue
		}
		if f.Type == config.TypeList {
			was := rawItems(old[f.Key])
			now := slices.DeleteFunc(slices.Clone(v.items), func(s string) bool { return strings.TrimSpace(s) == "" })
			for i := range now {
				now[i] = strings.TrimSpace(now[i])
			}
			if slices.Equal(was, now) {
				continue
			}
			out = append(out, change{f.Key, listValue(now, func(s string) string { return scalarOf(f.Of, s, true) })})
			continue
		}
		was := strings.TrimRight(strings.ReplaceAll(rawText(old[f.Key]), "\r\n", "\n"), "\n ")
		now := strings.TrimRight(strings.ReplaceAll(v.text, "\r\n", "\n"), "\n ")
		if f.Type != config.TypeText {
			now = strings.TrimSpace(now)
		}
		if f.Type == config.TypeBool && now == "false" && was == "" {
			continue
		}
		if was == now {
			continue
		}
		var val []string
		switch {
		case now == "":
		case f.Type == config.TypeText:
			val = textValue(now)
		default:
			val = []string{scalarOf(f.Type, now, false)}
		}
		out = append(out, change{f.Key, val})
	}
	return out
}

// scalarOf writes one value of a type as YAML.
func scalarOf(typ, s string, inFlow bool) string {
	switch {
	case typ == config.TypeDate && datePattern.MatchString(s),
		(typ == config.TypeInt || typ == config.TypeYen) && intPattern.MatchString(s),
		typ == config.TypeBool && (s == "true" || s == "false"):
		return s
	}
	return yamlScalar(s, inFlow)
}

// yenPreview says how an amount reads on the site, in every language.
func yenPreview(cfg *config.Config, s string) string {
	n, err := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(s), ",", ""), 10, 64)
	if err != nil {
		return ""
	}
	var parts []string
	for _, l := range cfg.Languages {
		parts = append(parts, format.Yen(l.Code, n))
	}
	return strings.Join(parts, " / ")
}
