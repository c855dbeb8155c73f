package templatetext

import (
	"html/template"
	"strconv"
	"text/template/parse"
)

// Fold replaces, in the templates of a language's set, each call
// of t or label whose arguments are all written out ({{t "home"}},
// {{label "companies" "industry"}}) by the text it gives in that
// language, as if the template said {{"ホーム"}}. Pages then make one call
// fewer for each: html/template still escapes the text where it stands,
// as it escaped the call's result. A call that fails (a key site.yaml
// lacks) is left to fail where it runs, so that its error points there.
//
// The text depends only on site.yaml, whose every change loads the
// templates again. Folding twice changes nothing, so templates shared by
// clones of the set can be folded again with the clone's own.
func Fold(set *template.Template, funcs template.FuncMap) {
	t, _ := funcs["t"].(func(string, ...any) (string, error))
	label, _ := funcs["label"].(func(string, string) (string, error))
	if t == nil || label == nil {
		return
	}
	value := func(cmd *parse.CommandNode) (string, bool) {
		id, ok := cmd.Args[0].(*parse.IdentifierNode)
		if !ok {
			return "", false
		}
		var args []string
		for _, a := range cmd.Args[1:] {
			s, ok := a.(*parse.StringNode)
			if !ok {
				return "", false
			}
			args = append(args, s.Text)
		}
		var v string
		var err error
		switch {
		case id.Ident == "t" && len(args) == 1:
			v, err = t(args[0])
		case id.Ident == "label" && len(args) == 2:
			v, err = label(args[0], args[1])
		default:
			return "", false
		}
		return v, err == nil
	}
	for _, tmpl := range set.Templates() {
		if tmpl.Tree == nil {
			continue
		}
		for _, n := range appendNodes(nil, tmpl.Tree.Root) {
			cmd, ok := n.(*parse.CommandNode)
			if !ok {
				continue
			}
			if v, ok := value(cmd); ok {
				// A copy of the key keeps the node's place in its file.
				s := cmd.Args[1].Copy().(*parse.StringNode)
				s.Pos = cmd.Args[0].Position()
				s.Quoted, s.Text = strconv.Quote(v), v
				cmd.Args = []parse.Node{s}
			}
		}
	}
}
