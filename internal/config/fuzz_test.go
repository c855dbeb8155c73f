package config

import (
	"os"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/diag"
)

// FuzzParse decodes any site.yaml: no panic, a Config or errors, and every
// error at a line of site.yaml.
func FuzzParse(f *testing.F) {
	example, err := os.ReadFile("../../site.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		string(example),
		"baseURL: https://e.jp/\nlanguages: [{code: ja, title: T}]\n",
		"baseURL: https://e.jp/\nlanguages: [{code: ja, title: T, menu: [{page: about}]}]\nsections: {a: {schema: Organization, fields: [{name: x, type: enum, values: [a, b]}]}}\n",
		"baseURL: https://e.jp/\nbaseURL: https://f.jp/\n",
		"a: &x [*x]\n",
		"\ufeffbaseURL: https://e.jp/\r\nlanguages:\r\n  - code: en\r\n    title: E\r\n",
		"languages: {code: ja}\n",
		"markdown: {rawHTML: yes, reservedIDs: [map]}\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err == nil {
			if c == nil {
				t.Fatal("no Config and no error")
			}
			return
		}
		// Lines as the user's editor counts them: CRLF and lone CR end them too.
		lines := strings.Count(strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n", "\n"), "\r", "\n"), "\n") + 1
		for _, e := range diag.All(err) {
			if e.Pos.File != File || e.Pos.Line < 0 || e.Pos.Line > lines+1 {
				t.Errorf("error not at a line of site.yaml (%d lines): %v", lines, e)
			}
		}
	})
}
