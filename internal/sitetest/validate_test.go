package sitetest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// htmlValidate runs html-validate (from the npm packages of this folder)
// with htmlvalidate.json over dir, and returns the number of errors and
// its report.
func htmlValidate(t *testing.T, dir string) (int, string) {
	t.Helper()
	node, modules := nodeModules(t)
	config, err := filepath.Abs("htmlvalidate.json")
	if err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(t.TempDir(), "report.json")
	cmd := exec.Command(node, filepath.Join(modules, "html-validate", "bin", "html-validate.mjs"),
		"--config", config, "--ext", "html", "--formatter", "stylish,json="+report, dir)
	text, runErr := cmd.CombinedOutput()
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatalf("html-validate wrote no report (%v):\n%s", runErr, text)
	}
	var files []struct {
		ErrorCount int `json:"errorCount"`
	}
	if err := json.Unmarshal(data, &files); err != nil {
		t.Fatalf("read html-validate's report: %v", err)
	}
	errors := 0
	for _, f := range files {
		errors += f.ErrorCount
	}
	if errors == 0 && runErr != nil {
		t.Fatalf("html-validate failed: %v\n%s", runErr, text)
	}
	return errors, string(text)
}

// TestHTMLValidate validates every page of the built, minified example site
// with html-validate's recommended rules, with these options changed in
// htmlvalidate.json: the minifier writes <!doctype html> in small letters;
// phone numbers (class tel) may break at hyphens; ids may be Japanese; and
// a title may be 80 characters as written, not 70, because html-validate
// counts a character reference as written (html/template writes an
// apostrophe as &#39;, five characters): the title as shown stays within 70.
func TestHTMLValidate(t *testing.T) {
	out := buildExample(t)
	n, report := htmlValidate(t, out.Dir)
	t.Logf("html-validate: %d errors in %d HTML files", n, len(htmlFiles(t, out)))
	if n > 0 {
		t.Errorf("html-validate found %d errors:\n%s", n, report)
	}
}

// TestHTMLValidateReports checks that the validation above can fail: a
// page with a nesting error and a duplicate id gets errors.
func TestHTMLValidateReports(t *testing.T) {
	dir := t.TempDir()
	page := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Broken</title></head>` +
		`<body><p id="x">One<p id="x"><div>Two</div></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	if n, report := htmlValidate(t, dir); n < 2 {
		t.Errorf("html-validate found %d errors in a broken page, want at least 2:\n%s", n, report)
	}
}
