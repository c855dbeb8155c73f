package templatetext

import (
	"regexp"
	"strings"
	"testing"
)

// squeeze stands for the HTML minifier: it removes the spaces between
// tags, as the real one does, and leaves actions alone.
func squeeze(b []byte) ([]byte, error) {
	return regexp.MustCompile(`>\s+<`).ReplaceAll(b, []byte("><")), nil
}

func TestMinifyMapsPlacesBack(t *testing.T) {
	written := "<main>\n  <h1>北見</h1>\n  <p>{{.Page.Title}}</p>\n  <p>{{.Page.Nope}}</p>\n</main>\n"
	m := Minify(written, squeeze)
	if m.AsWritten() || strings.Contains(m.Text, "\n  <") {
		t.Fatalf("not minified: %q", m.Text)
	}
	// {{.Page.Nope}} on line 1 of the minified text, in bytes.
	col := strings.Index(m.Text, ".Page.Nope") // where text/template places the action
	line, c := Place(written, &m, 1, col)
	if line != 4 || c != 8 {
		t.Errorf("{{.Page.Nope}} placed at %d:%d, want 4:8", line, c)
	}
	if line, c := Place(written, &m, 1, -1); line != 1 || c != 0 {
		t.Errorf("a line without a column: %d:%d", line, c)
	}
	// As written: columns count characters, not bytes.
	line, c = Place("<h1>北見</h1>{{.X}}", nil, 1, len("<h1>北見</h1>"))
	if line != 1 || c != 12 {
		t.Errorf("after Japanese text: %d:%d, want 1:12", line, c)
	}
}

func TestMinifyKeepsWhatItMustNotChange(t *testing.T) {
	for name, text := range map[string]string{
		"a textarea's spacing is its value": "<form>\n  <textarea>{{.X}}\n  </textarea>\n</form>",
		"a minifier that fails":             "<p>\n  <b>{{.X}}</b>\n</p>",
	} {
		minify := squeeze
		if strings.Contains(name, "fails") {
			minify = func([]byte) ([]byte, error) { return nil, errTest }
		}
		if m := Minify(text, minify); !m.AsWritten() || m.Text != text {
			t.Errorf("%s: %q", name, m.Text)
		}
	}
	// A minifier that changes an action leaves the template as written.
	changer := func(b []byte) ([]byte, error) { return []byte(strings.ReplaceAll(string(b), `"a  b"`, `"a b"`)), nil }
	if m := Minify(`<p>{{print "a  b"}}</p>`, changer); !m.AsWritten() {
		t.Errorf("an action was changed: %q", m.Text)
	}
}

type testError string

func (e testError) Error() string { return string(e) }

const errTest = testError("cannot read")
