package format

import (
	"fmt"

	"github.com/furusato/furusato/internal/config"
)

// ValueLabel returns the label of an enum value in a language, or the value.
func ValueLabel(f *config.Field, lang, value string) string {
	for _, v := range f.Values {
		if v.Value == value && v.Label[lang] != "" {
			return v.Label[lang]
		}
	}
	return value
}

// WithUnit writes a number with the unit of a field in a language (2人),
// or as it is when the field has no unit or v is not a whole number.
func WithUnit(f *config.Field, lang string, v any) string {
	if u := f.Unit[lang]; u != "" {
		switch v.(type) {
		case int, int64:
			return fmt.Sprintf(u, v)
		}
	}
	return fmt.Sprint(v)
}

// Field is one of a page's section fields, with its label in the page's
// language, for templates that list a page's facts.
type Field struct {
	Name  string
	Label string
	Type  string // the declared type; for lists, "list"
	Of    string // for lists, the type of the items
	Value any    // as the page has it: a ref is the page it names
	Decl  *config.Field
	lang  string
}

// EnumLabel is an enum field's value in words of the page's language.
func (f Field) EnumLabel() string { return ValueLabel(f.Decl, f.lang, fmt.Sprint(f.Value)) }

// Number is an int field's value with the field's unit in the page's
// language: 2人, or 2 when the field has no unit.
func (f Field) Number() string { return WithUnit(f.Decl, f.lang, f.Value) }

// Fields returns the fields of a section (nil for none) that a page in
// language lang sets (its params, by field name), in declaration order.
func Fields(sec *config.Section, lang string, params map[string]any) []Field {
	if sec == nil {
		return nil
	}
	var out []Field
	for _, f := range sec.Fields {
		v, ok := params[f.Name]
		if !ok {
			continue
		}
		label := f.Label[lang]
		if label == "" {
			label = f.Name
		}
		out = append(out, Field{Name: f.Name, Label: label, Type: f.Type, Of: f.Of, Value: v, Decl: f, lang: lang})
	}
	return out
}
