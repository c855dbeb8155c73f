package config

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/furusato/furusato/internal/diag"
)

// checkShape walks the YAML of site.yaml against the Config struct before
// it is decoded, and reports every unknown key and every value of the
// wrong kind, each at its place and named by its own key. (The YAML
// library stops at the first problem, and can name the wrong key.)
func checkShape(n ast.Node, t reflect.Type, key string, errs *diag.List) {
	n = unwrap(n)
	if n == nil || n.Type() == ast.NullType || n.Type() == ast.AliasType {
		return // empty keeps the default; aliases are checked when decoded
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	bad := func(want string) {
		msg := "want " + want + ", got " + nodeWords(n)
		if key != "" {
			msg = key + ": " + msg
		}
		errs.Add(&diag.Error{Pos: nodePos(n), Msg: msg})
	}
	switch t.Kind() {
	case reflect.Struct:
		values, ok := mappingValues(n)
		if !ok {
			bad("keys with values (key: value)")
			return
		}
		fields := map[string]reflect.StructField{}
		var names []string
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "" || name == "-" || !f.IsExported() {
				continue
			}
			fields[name] = f
			names = append(names, name)
		}
		seen := map[string]bool{}
		for _, mv := range values {
			k := keyText(mv.Key)
			f, ok := fields[k]
			switch {
			case !ok:
				errs.Add(&diag.Error{Pos: nodePos(mv.Key), Msg: "unknown key " + k + diag.DidYouMean(k, names)})
			case seen[k]:
				errs.Add(&diag.Error{Pos: nodePos(mv.Key), Msg: "key " + k + " appears twice"})
			default:
				checkShape(mv.Value, f.Type, k, errs)
			}
			seen[k] = true
		}
	case reflect.Map:
		values, ok := mappingValues(n)
		if !ok {
			bad("keys with values (key: value)")
			return
		}
		seen := map[string]bool{}
		for _, mv := range values {
			k := keyText(mv.Key)
			if seen[k] {
				errs.Add(&diag.Error{Pos: nodePos(mv.Key), Msg: "key " + k + " appears twice"})
			}
			seen[k] = true
			checkShape(mv.Value, t.Elem(), k, errs)
		}
	case reflect.Slice:
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			bad("a list")
			return
		}
		for _, item := range seq.Values {
			checkShape(item, t.Elem(), key, errs)
		}
	case reflect.String:
		switch n.Type() {
		case ast.MappingType, ast.MappingValueType, ast.SequenceType:
			bad("text")
		case ast.IntegerType, ast.FloatType:
			// YAML reads 0157251210 as an octal number: decoded as
			// text, it would come out as another number.
			var v any
			switch nv := n.(type) {
			case *ast.IntegerNode:
				v = nv.Value
			case *ast.FloatNode:
				v = nv.Value
			}
			if text := n.GetToken().Value; fmt.Sprint(v) != text {
				msg := fmt.Sprintf("%s is read as the number %v, not as the text written; put it in quotes: %q", text, v, text)
				if key != "" {
					msg = fmt.Sprintf("%s: %s is read as the number %v, not as the text written; put it in quotes: %s: %q", key, text, v, key, text)
				}
				errs.Add(&diag.Error{Pos: nodePos(n), Msg: msg})
			}
		}
	case reflect.Int:
		if n.Type() != ast.IntegerType {
			bad("a whole number")
		}
	case reflect.Bool:
		if n.Type() != ast.BoolType {
			bad("true or false")
		}
	}
}

// unwrap returns the value inside tags (!!str x) and anchors (&a x).
func unwrap(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.TagNode:
			n = v.Value
		case *ast.AnchorNode:
			n = v.Value
		default:
			return n
		}
	}
}

// mappingValues returns the keys and values of a mapping.
func mappingValues(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch m := n.(type) {
	case *ast.MappingNode:
		return m.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}, true
	}
	return nil, false
}

// keyText is the text of a mapping key.
func keyText(n ast.MapKeyNode) string {
	if s, ok := n.(*ast.StringNode); ok {
		return s.Value
	}
	return n.String()
}

func nodePos(n ast.Node) diag.Pos {
	if mv, ok := n.(*ast.MappingValueNode); ok {
		n = mv.Key
	}
	if m, ok := n.(*ast.MappingNode); ok && !m.IsFlowStyle && len(m.Values) > 0 {
		n = m.Values[0].Key
	}
	tk := n.GetToken()
	if tk == nil {
		return diag.Pos{File: File, Line: 1, Col: 1}
	}
	return diag.Pos{File: File, Line: tk.Position.Line, Col: tk.Position.Column}
}

// nodeWords describes a YAML value for messages.
func nodeWords(n ast.Node) string {
	switch n.Type() {
	case ast.MappingType, ast.MappingValueType:
		return "keys with values (a mapping)"
	case ast.SequenceType:
		return "a list"
	}
	if tk := n.GetToken(); tk != nil {
		return valueWords(tk.Value)
	}
	return "another kind of value"
}
