package config

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/furusato/furusato/internal/diag"
)

// YAMLError turns an error from the YAML library into a diag.Error in plain
// words. at is the position of the YAML text's first line in its file, so
// that front matter (which starts on line 2 of a page) reports the line of
// the page, not of the front matter.
func YAMLError(at diag.Pos, err error) *diag.Error {
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
		msg = "YAML syntax: " + ye.GetMessage()
	}
	return &diag.Error{Pos: pos, Msg: msg}
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
