package format

import (
	"testing"

	"github.com/furusato/furusato/internal/config"
)

func TestFields(t *testing.T) {
	// Labels as site.yaml may have them, if it did not require every
	// language's.
	kind := &config.Field{Name: "kind", Type: config.TypeEnum, Label: map[string]string{"ja": "種類"},
		Values: []config.EnumValue{
			{Value: "grant", Label: map[string]string{"ja": "補助金", "en": "Grant"}},
			{Value: "loan", Label: map[string]string{"ja": "融資"}},
		}}
	staff := &config.Field{Name: "staff", Type: config.TypeInt, Label: map[string]string{"ja": "人数", "en": "Staff"}, Unit: map[string]string{"ja": "%d人"}}
	sec := &config.Section{Fields: []*config.Field{kind, staff, {Name: "note", Type: config.TypeText}}}
	for _, tt := range []struct{ got, want string }{
		{ValueLabel(kind, "ja", "grant"), "補助金"},
		{ValueLabel(kind, "en", "grant"), "Grant"},
		{ValueLabel(kind, "en", "loan"), "loan"}, // no English label
		{ValueLabel(kind, "ja", "other"), "other"},
		{WithUnit(staff, "ja", 2), "2人"},
		{WithUnit(staff, "ja", int64(3)), "3人"},
		{WithUnit(staff, "en", 2), "2"},     // no English unit
		{WithUnit(staff, "ja", "2"), "2"},   // not a number
		{WithUnit(staff, "ja", 2.5), "2.5"}, // not a whole number
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}

	fields := Fields(sec, "ja", map[string]any{"staff": 4, "kind": "loan", "other": 1})
	if len(fields) != 2 || fields[0].Name != "kind" || fields[1].Name != "staff" {
		t.Fatalf("Fields = %+v, want kind and staff, in declaration order", fields)
	}
	if f := fields[0]; f.Label != "種類" || f.Type != config.TypeEnum || f.EnumLabel() != "融資" || f.Decl != kind {
		t.Errorf("kind = %+v, EnumLabel %q", f, f.EnumLabel())
	}
	if f := fields[1]; f.Label != "人数" || f.Number() != "4人" || f.Value != 4 {
		t.Errorf("staff = %+v, Number %q", f, f.Number())
	}
	if f := Fields(sec, "en", map[string]any{"note": "n"}); len(f) != 1 || f[0].Label != "note" {
		t.Errorf("a field without a label in the language = %+v, want its name as label", f)
	}
	if Fields(nil, "ja", map[string]any{"staff": 4}) != nil {
		t.Errorf("Fields of a page in no section is not nil")
	}
}
