package editor

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	furusato "github.com/furusato/furusato"
	"github.com/furusato/furusato/internal/sitefiles"
)

// harness is an editor serving a copy of the example site.
type harness struct {
	t      testing.TB
	dir    string
	ed     *Editor
	base   string
	client *http.Client
}

func start(t testing.TB) *harness {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, furusato.Example()); err != nil {
		t.Fatal(err)
	}
	ed, err := New(Options{Site: sitefiles.Dir(dir), SiteDir: dir, Now: func() time.Time { return time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ed.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	jar, _ := cookiejar.New(nil)
	h := &harness{t: t, dir: dir, ed: ed, base: ed.origin(), client: &http.Client{Jar: jar}}
	// Opening the printed address sets the cookie.
	res, err := h.client.Get(ed.URL())
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("opening %s: %s", ed.URL(), res.Status)
	}
	return h
}

func (h *harness) read(name string) string {
	h.t.Helper()
	b, err := os.ReadFile(filepath.Join(h.dir, filepath.FromSlash(name)))
	if err != nil {
		h.t.Fatal(err)
	}
	return string(b)
}

func (h *harness) writeFile(name, text string) {
	h.t.Helper()
	if err := os.WriteFile(filepath.Join(h.dir, filepath.FromSlash(name)), []byte(text), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

// post sends a JSON request as the editor's page does, with changes to
// the headers it sends.
func (h *harness) post(path string, body any, headers map[string]string) (int, checkResult) {
	h.t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", h.base+path, strings.NewReader(string(b)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(tokenHeader, h.ed.token)
	req.Header.Set("Origin", h.base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for k, v := range headers {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	res, err := h.client.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	var out checkResult
	json.Unmarshal(data, &out)
	return res.StatusCode, out
}

const kaname = "content/companies/kaname.ja.md"

// TestSaveChangesOneLine saves a new industry: the file's only changed
// line is industry's, and every other byte stays.
func TestSaveChangesOneLine(t *testing.T) {
	h := start(t)
	before := h.read(kaname)
	code, res := h.post("/api/save", map[string]any{"file": kaname, "hash": hashOf([]byte(before)), "fields": map[string]any{"industry": "dx", "title": "株式会社 要", "hiring": true}}, nil)
	if code != 200 || !res.Saved {
		t.Fatalf("save: %d %+v", code, res)
	}
	after := h.read(kaname)
	if want := strings.Replace(before, "industry: software\n", "industry: dx\n", 1); after != want {
		t.Errorf("the file changed beyond the industry line:\n%s", after)
	}
}

// TestKeepsBytes edits a file with a BOM, CRLF, comments and quoting.
func TestKeepsBytes(t *testing.T) {
	h := start(t)
	const name = "content/companies/kaname.ja.md"
	orig := "\ufeff---\r\ntitle: '株式会社 要'   # the legal name\r\n# a comment line\r\nindustry: software # enum\r\nfounded: 2010-07\r\ntags:\r\n  - 北見工業大学\r\n  - \"セーフロードV\"\r\n---\r\nBody line.\r\n"
	h.writeFile(name, orig)
	code, res := h.post("/api/save", map[string]any{"file": name, "hash": hashOf([]byte(orig)),
		"fields": map[string]any{"industry": "web", "founded": "2010-07", "tags": []string{"北見工業大学", "セーフロードV"}, "local_staff": "3"},
		"body":   "Body line.\n"}, nil)
	if code != 200 {
		t.Fatalf("save: %d %+v", code, res)
	}
	want := "\ufeff---\r\ntitle: '株式会社 要'   # the legal name\r\n# a comment line\r\nindustry: web # enum\r\nfounded: 2010-07\r\ntags:\r\n  - 北見工業大学\r\n  - \"セーフロードV\"\r\nlocal_staff: 3\r\n---\r\nBody line.\r\n"
	if got := h.read(name); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// TestInvalidAmount is refused at its field, and nothing is written.
func TestInvalidAmount(t *testing.T) {
	h := start(t)
	const name = "content/programs/employment-subsidy.ja.md"
	before := h.read(name)
	code, res := h.post("/api/save", map[string]any{"file": name, "hash": hashOf([]byte(before)), "fields": map[string]any{"amount": "20万円"}}, nil)
	if code != http.StatusUnprocessableEntity || len(res.Errors) == 0 || res.Errors[0].Field != "amount" || !strings.Contains(res.Errors[0].Msg, "yen") {
		t.Fatalf("want the amount refused at its field, got %d %+v", code, res)
	}
	if !strings.HasPrefix(res.Errors[0].Pos, name+":") {
		t.Errorf("position %q does not name the file", res.Errors[0].Pos)
	}
	if h.read(name) != before {
		t.Error("the file was written")
	}
	_, res = h.post("/api/preview", map[string]any{"file": name, "fields": map[string]any{"amount": "200000"}}, nil)
	if res.Yen["amount"] != "20万円 / ¥200,000" || len(res.Errors) != 0 {
		t.Errorf("preview of 200000: %+v", res)
	}
}

// TestApplicationFields: a support programme's page offers the keys of
// its application period, which save as dates and are checked as the
// build checks them; its translation shows them as inherited. Other
// sections' pages do not offer them, and every page offers expires.
func TestApplicationFields(t *testing.T) {
	h := start(t)
	get := func(file, lang string) string {
		t.Helper()
		res, err := h.client.Get(h.base + "/edit?file=" + file + "&lang=" + lang)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		page, _ := io.ReadAll(res.Body)
		return string(page)
	}
	const name = "content/programs/airfare-subsidy.ja.md"
	html := get(name, "ja")
	for _, want := range []string{`data-field="apply_from"`, `data-field="apply_until"`, `data-field="fiscal_year"`, "受付の最終日", `data-field="expires"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the programme's form lacks %s", want)
		}
	}
	if company := get(kaname, "ja"); strings.Contains(company, `data-field="apply_until"`) || !strings.Contains(company, `data-field="expires"`) {
		t.Error("a company's form offers the application period, or lacks expires")
	}

	before := h.read(name)
	code, res := h.post("/api/save", map[string]any{"file": name, "hash": hashOf([]byte(before)), "fields": map[string]any{"apply_until": "2027-02-30"}}, nil)
	if code != http.StatusUnprocessableEntity || len(res.Errors) == 0 || res.Errors[0].Field != "apply_until" {
		t.Fatalf("want 2027-02-30 refused at apply_until, got %d %+v", code, res)
	}
	code, res = h.post("/api/save", map[string]any{"file": name, "hash": hashOf([]byte(before)), "fields": map[string]any{"apply_from": "2027-04-01", "apply_until": "2027-06-30"}}, nil)
	if code != 200 || !res.Saved {
		t.Fatalf("save: %d %+v", code, res)
	}
	after := h.read(name)
	if !strings.Contains(after, "\napply_from: 2027-04-01\napply_until: 2027-06-30\n") {
		t.Errorf("the period was not saved as dates:\n%s", after)
	}

	en := get("content/programs/airfare-subsidy.en.md", "en")
	i := strings.Index(en, `data-field="apply_until"`)
	if i < 0 || !strings.Contains(en[i:min(i+600, len(en))], "2027-06-30") {
		t.Fatalf("the translation does not show the inherited period:\n%s", en[max(i, 0):min(max(i, 0)+600, len(en))])
	}
	if strings.Contains(en[i:min(i+600, len(en))], `id="f-apply_until"`) {
		t.Error("the translation can edit the period it inherits")
	}
}

// TestConflict: a file changed on disk since it was opened is not
// overwritten; both versions come back.
func TestConflict(t *testing.T) {
	h := start(t)
	before := h.read(kaname)
	elsewhere := strings.Replace(before, "ceo: 田中 恵次", "ceo: 別の人", 1)
	h.writeFile(kaname, elsewhere)
	code, res := h.post("/api/save", map[string]any{"file": kaname, "hash": hashOf([]byte(before)), "fields": map[string]any{"industry": "dx"}}, nil)
	if code != http.StatusConflict || !res.Conflict || res.Disk != elsewhere || !strings.Contains(res.Mine, "industry: dx") {
		t.Fatalf("want a conflict with both versions, got %d %+v", code, res)
	}
	if h.read(kaname) != elsewhere {
		t.Error("the file was overwritten")
	}
}

// TestRefused: without the token, from another origin, or with a foreign
// Host, nothing is written.
func TestRefused(t *testing.T) {
	h := start(t)
	before := h.read(kaname)
	body := map[string]any{"file": kaname, "hash": hashOf([]byte(before)), "fields": map[string]any{"industry": "dx"}}
	// The token with its first character changed: a token that starts
	// with x (one in 64) must not stay as it is.
	wrong := "x" + h.ed.token[1:]
	if h.ed.token[0] == 'x' {
		wrong = "y" + h.ed.token[1:]
	}
	for name, headers := range map[string]map[string]string{
		"no token header":   {tokenHeader: ""},
		"wrong token":       {tokenHeader: wrong},
		"cross-site":        {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
		"other origin":      {"Origin": "http://evil.example", "Sec-Fetch-Site": ""},
		"foreign host":      {"Host": "evil.example"},
		"rebinding on port": {"Host": "evil.example:" + h.base[strings.LastIndexByte(h.base, ':')+1:]},
	} {
		b, _ := json.Marshal(body)
		req, _ := http.NewRequest("POST", h.base+"/api/save", strings.NewReader(string(b)))
		req.Header.Set(tokenHeader, h.ed.token)
		req.Header.Set("Origin", h.base)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		for k, v := range headers {
			if k == "Host" {
				req.Host = v
			} else if v == "" {
				req.Header.Del(k)
			} else {
				req.Header.Set(k, v)
			}
		}
		res, err := h.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode < 400 {
			t.Errorf("%s: %s", name, res.Status)
		}
		if _, ok := headers["Host"]; ok && res.StatusCode != http.StatusMisdirectedRequest {
			t.Errorf("%s: %s, want the Host refused", name, res.Status)
		}
	}
	// No cookie at all (a browser that never opened the address).
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", h.base+"/api/save", strings.NewReader(string(b)))
	req.Header.Set(tokenHeader, h.ed.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("no cookie: %s", res.Status)
	}
	if h.read(kaname) != before {
		t.Fatal("a refused request wrote the file")
	}
	// Reading needs the token too.
	res, err = http.Get(h.base + "/edit?file=" + kaname)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("reading without the token: %s", res.Status)
	}
}

// TestTranslation shows the source beside a translation, marks what
// changed since its stamp, and saving brings the stamp up to date.
func TestTranslation(t *testing.T) {
	h := start(t)
	const en = "content/companies/kaname.en.md"
	src := h.read(kaname)
	h.writeFile(kaname, strings.Replace(src, "head_office: 東京都千代田区麹町2-2-3 VORT半蔵門Ⅱ 8階", "head_office: 東京都千代田区麹町2-2-3 VORT半蔵門Ⅱ 9階", 1))
	res, err := h.client.Get(h.base + "/edit?file=" + en + "&lang=en")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	html := string(page)
	i := strings.Index(html, `data-field="head_office"`)
	if i < 0 || !strings.Contains(html[i:i+400], "source changed") || !strings.Contains(html[i:i+600], "9階") {
		t.Fatalf("the head_office field does not show its changed source:\n%s", html[max(i, 0):max(i, 0)+600])
	}
	if j := strings.Index(html, `data-field="title"`); j < 0 || strings.Contains(html[j:j+300], "changed") {
		t.Error("the title is marked changed")
	}
	before := h.read(en)
	code, out := h.post("/api/save", map[string]any{"file": en, "hash": hashOf([]byte(before)), "fields": map[string]any{"head_office": "VORT Hanzomon II 9F, 2-2-3 Kojimachi, Chiyoda-ku, Tokyo"}, "current": true}, nil)
	if code != 200 {
		t.Fatalf("save: %d %+v", code, out)
	}
	after := h.read(en)
	if !strings.Contains(after, "head_office: VORT Hanzomon II 9F, 2-2-3 Kojimachi, Chiyoda-ku, Tokyo\n") || strings.Contains(after, "head_office=f672d6ee") {
		t.Fatalf("the translation was not saved with a new stamp:\n%s", after)
	}
	st, err := h.ed.load(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	g := st.group(en)
	if b := behind(st.cfg, g.Base, st.byFile[en]); len(b) > 0 {
		t.Errorf("still behind after saving: %v", b)
	}
}

// TestPagesList lists pages with their states, and new pages are made
// as furusato new makes them.
func TestPagesList(t *testing.T) {
	h := start(t)
	// Break one file, make one translation fall behind.
	h.writeFile("content/programs/employment-subsidy.ja.md", strings.Replace(h.read("content/programs/employment-subsidy.ja.md"), "amount: ", "amount: 万", 1))
	h.writeFile(kaname, strings.Replace(h.read(kaname), "head_office: 東京都千代田区麹町2-2-3 VORT半蔵門Ⅱ 8階", "head_office: 東京都千代田区麹町2-2-3 VORT半蔵門Ⅱ 9階", 1))
	h.writeFile("content/articles/local-only.ja.md", "---\ntitle: 地元向けのお知らせ\ntranslations: none\n---\n本文。\n")
	// One page dated after the editor's day (2026-12-06), one expired:
	// neither is published, and the list says so rather than "ready".
	h.writeFile("content/articles/later.ja.md", "---\ntitle: 来月のお知らせ\ndate: 2027-01-20\n---\n本文。\n")
	h.writeFile("content/articles/later.en.md", "---\ntitle: Next month\n---\nText.\n")
	h.writeFile("content/articles/over.ja.md", "---\ntitle: 終わったお知らせ\ndate: 2026-01-10\nexpires: 2026-11-30\ntranslations: none\n---\n本文。\n")
	status, _ := h.post("/api/new", map[string]any{"section": "companies", "name": "acme"}, nil)
	if status != 200 {
		t.Fatalf("new page: %d", status)
	}
	for _, f := range []string{"content/companies/acme.ja.md", "content/companies/acme.en.md"} {
		if !strings.Contains(h.read(f), "draft: true") && !strings.Contains(h.read(f), "title:") {
			t.Errorf("%s is not a new page", f)
		}
	}
	h.writeFile("content/companies/acme.en.md", "kept")
	if status, _ := h.post("/api/new", map[string]any{"section": "companies", "name": "acme"}, nil); status < 400 || h.read("content/companies/acme.en.md") != "kept" {
		t.Errorf("a second acme: %d, and the file was written again", status)
	}
	st, err := h.ed.load(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]version{}
	for _, s := range st.list("en", h.ed.opts.Now()) {
		for _, r := range s.Rows {
			for _, v := range r.Versions {
				states[r.Path+"/"+v.Lang] = v
			}
		}
	}
	if v := states["programs/employment-subsidy/ja"]; v.Errors == 0 {
		t.Errorf("employment-subsidy.ja: no errors listed: %+v", v)
	}
	if v := states["companies/kaname/en"]; !v.Behind {
		t.Errorf("kaname.en is not behind: %+v", v)
	}
	if v := states["companies/acme/ja"]; !v.Draft {
		t.Errorf("acme.ja is not a draft: %+v", v)
	}
	if v := states["articles/local-only/en"]; !v.Missing || !v.OnPurpose {
		t.Errorf("a page in Japanese only on purpose: %+v", v)
	}
	if v := states["contact/en"]; v.Missing || v.Errors > 0 || v.Behind || v.Scheduled != "" || v.Expired != "" {
		t.Errorf("contact.en: %+v", v)
	}
	for _, l := range []string{"ja", "en"} { // the English page takes its date from the Japanese
		if v := states["articles/later/"+l]; v.Scheduled != "2027-01-20" || v.Expired != "" {
			t.Errorf("later.%s is not scheduled for 2027-01-20: %+v", l, v)
		}
	}
	if v := states["articles/over/ja"]; v.Expired != "2026-11-30" || v.Scheduled != "" {
		t.Errorf("over.ja has not expired on 2026-11-30: %+v", v)
	}
	// The page of the list, in Japanese.
	res, err := h.client.Get(h.base + "/?lang=ja")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(res.Body)
	res.Body.Close()
	page := string(data)
	for _, want := range []string{"2027-01-20 に公開", "掲載期限切れ（2026-11-30）"} {
		if !strings.Contains(page, want) {
			t.Errorf("the list does not say %q", want)
		}
	}
}

// TestStringsComplete: both languages of the editor have every word, and
// every word the templates ask for exists.
func TestStringsComplete(t *testing.T) {
	for key := range uiStrings["ja"] {
		if _, ok := uiStrings["en"][key]; !ok {
			t.Errorf("%s: no English", key)
		}
	}
	for key := range uiStrings["en"] {
		if _, ok := uiStrings["ja"][key]; !ok {
			t.Errorf("%s: no Japanese", key)
		}
	}
	for _, name := range []string{"ui/pages.html", "ui/edit.html"} {
		data, err := uiFiles.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`\{\{t \$?\.?[A-Za-z$.]* "([a-z_]+)"\}\}`).FindAllStringSubmatch(string(data), -1) {
			if _, ok := uiStrings["en"][m[1]]; !ok {
				t.Errorf("%s asks for %q, which has no words", name, m[1])
			}
		}
	}
}

// An upload keeps its name as the build publishes names: in Japanese
// too, with spaces as hyphens and small letters, and a number when the
// name is taken.
func TestUploadNames(t *testing.T) {
	h := start(t)
	page := "content/stories/salmon-engineer/index.ja.md"
	upload := func(name string) string {
		t.Helper()
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("file", page)
		mw.WriteField("alt", "北見の写真")
		fw, _ := mw.CreateFormFile("upload", name)
		fw.Write([]byte("%PDF-1.4 sample"))
		mw.Close()
		req, _ := http.NewRequest("POST", h.base+"/api/upload", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set(tokenHeader, h.ed.token)
		req.Header.Set("Origin", h.base)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		res, err := h.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var out struct{ Name, Markdown, Message string }
		json.NewDecoder(res.Body).Decode(&out)
		if res.StatusCode != 200 {
			t.Fatalf("upload %s: %s %s", name, res.Status, out.Message)
		}
		return out.Name
	}
	for _, tt := range []struct{ upload, want string }{
		{"北見の写真 1.PDF", "北見の写真-1.pdf"},
		{"北見の写真 1.pdf", "北見の写真-1-2.pdf"},
		{`C:\Users\koho\Desktop\案内（2026）.pdf`, "案内（2026）.pdf"},
		{"???.pdf", "file.pdf"},
	} {
		if got := upload(tt.upload); got != tt.want {
			t.Errorf("%s saved as %s, want %s", tt.upload, got, tt.want)
		}
		if _, err := os.Stat(filepath.Join(h.dir, "content/stories/salmon-engineer", tt.want)); err != nil {
			t.Error(err)
		}
	}
}

// An expires date that has come takes the page off the site: the form
// says so at the date, in the editor's language, and still saves.
func TestExpiredNote(t *testing.T) {
	h := start(t)
	before := h.read(kaname)
	_, res := h.post("/api/preview", map[string]any{"file": kaname, "fields": map[string]any{"expires": "2099-12-31"}}, nil)
	if len(res.Notes) != 0 || res.URL == "" {
		t.Errorf("a later expires date: notes %+v, preview %q", res.Notes, res.URL)
	}
	code, res := h.post("/api/save", map[string]any{"file": kaname, "hash": hashOf([]byte(before)), "fields": map[string]any{"expires": "2020-04-01"}}, nil)
	if code != 200 || !res.Saved {
		t.Fatalf("save: %d %+v", code, res)
	}
	if len(res.Notes) != 1 || res.Notes[0].Field != "expires" || !strings.Contains(res.Notes[0].Msg, "2020-04-01") || !strings.Contains(res.Notes[0].Msg, "サイトに掲載されません") {
		t.Errorf("no note of the expired page at its date: %+v", res)
	}
	// The translation takes the date, and hears of it in English.
	_, res = h.post("/api/preview?lang=en", map[string]any{"file": "content/companies/kaname.en.md", "fields": map[string]any{}}, nil)
	if len(res.Notes) != 1 || res.Notes[0].Field != "expires" || !strings.Contains(res.Notes[0].Msg, "expired on 2020-04-01") {
		t.Errorf("the translation's notes: %+v", res.Notes)
	}
}
