package build_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
)

// readCSV reads an output CSV file back as RFC 4180 with encoding/csv.
func readCSV(t *testing.T, out *buildtest.Output, name string) [][]string {
	t.Helper()
	data := out.Read(t, name)
	if strings.HasPrefix(data, "\ufeff") {
		t.Errorf("%s starts with a byte order mark, though data: bom is off", name)
	}
	if !strings.Contains(data, "\r\n") {
		t.Errorf("%s: lines do not end in CRLF", name)
	}
	r := csv.NewReader(strings.NewReader(data))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return recs
}

// column returns a record's value under a heading.
func column(t *testing.T, header, rec []string, name string) string {
	t.Helper()
	i := slices.Index(header, name)
	if i < 0 {
		t.Fatalf("no column %q in %q", name, header)
	}
	return rec[i]
}

func TestOpenDataCSV(t *testing.T) {
	out := buildtest.MustBuild(t, readArchive(t, "opendata.txtar"), build.Options{NoMinify: true, Now: day(t, "2026-11-24")})

	recs := readCSV(t, out, "data/companies.csv")
	wantHeader := []string{"ID", "名称", "説明", "業種", "設立", "社員数", "採用", "利用制度", "備考", "URL"}
	if !slices.Equal(recs[0], wantHeader) {
		t.Errorf("companies header = %q, want %q", recs[0], wantHeader)
	}
	if len(recs) != 3 { // a header and one record per Japanese page
		t.Fatalf("companies: %d records, want header + 2: %q", len(recs), recs)
	}
	h := recs[0]
	kaname := recs[1] // sorted by title as the section sorts: "株式会社 要" before "株式会社アイエンター"
	if column(t, h, kaname, "ID") != "kaname" || column(t, h, recs[2], "ID") != "i-enter" {
		t.Errorf("records not in the section's order: %q", recs)
	}
	for col, want := range map[string]string{
		"名称": "株式会社 要", "説明": "Web、業務システムの開発", "業種": "情報通信", "設立": "2010-07", "社員数": "9",
		"採用": "TRUE", "利用制度": "雇用補助金;航空運賃補助金", "備考": "一行目, \"引用\"あり\n二行目",
		"URL": "https://example.jp/city/companies/kaname/",
	} {
		if got := column(t, h, kaname, col); got != want {
			t.Errorf("kaname %s = %q, want %q", col, got, want)
		}
	}

	recs = readCSV(t, out, "data/programs.csv")
	if want := []string{"ID", "制度名", "補助額", "受付終了日", "受付状況"}; !slices.Equal(recs[0], want) {
		t.Errorf("programs header = %q, want %q", recs[0], want)
	}
	// The expired programme is not exported.
	if len(recs) != 3 {
		t.Fatalf("programs: %d records, want header + 2: %q", len(recs), recs)
	}
	got := map[string][]string{}
	for _, r := range recs[1:] {
		got[r[0]] = r
	}
	if r := got["employment"]; !slices.Equal(r, []string{"employment", "雇用補助金", "200000", "2027-03-31", "受付中"}) {
		t.Errorf("employment = %q", r)
	}
	if r := got["airfare"]; !slices.Equal(r, []string{"airfare", "航空運賃補助金", "", "", "受付中"}) {
		t.Errorf("airfare = %q", r)
	}
}

// The events follow the columns of the 自治体標準オープンデータセット
// イベント一覧.
func TestOpenDataEvents(t *testing.T) {
	out := buildtest.MustBuild(t, readArchive(t, "opendata.txtar"), build.Options{NoMinify: true, Now: day(t, "2026-11-24")})
	recs := readCSV(t, out, "data/events.csv")
	want := strings.Split("全国地方公共団体コード,ID,地方公共団体名,イベント名,イベント名_カナ,イベント名_英字,開始日,終了日,開始時間,終了時間,終日フラグ,開始日時特記事項,説明,料金(基本),料金(詳細),連絡先名称,連絡先電話番号,連絡先内線番号,主催者,場所名称,住所,方書,緯度,経度,アクセス方法,駐車場情報,定員,対象者,申込開始日,申込終了日,申込方法,申込URL,URL,備考", ",")
	if !slices.Equal(recs[0], want) {
		t.Fatalf("events header = %q\nwant %q", recs[0], want)
	}
	if len(recs) != 3 {
		t.Fatalf("events: %d records, want header + 2", len(recs))
	}
	h := recs[0]
	seminar, hackathon := recs[1], recs[2] // newest date first
	if column(t, h, seminar, "ID") != "seminar" {
		seminar, hackathon = hackathon, seminar
	}
	for col, want := range map[string]string{
		"全国地方公共団体コード": "012084", "ID": "seminar", "地方公共団体名": "北海道北見市",
		"イベント名": "東京企業向けPRセミナー（サンプル）", "イベント名_英字": "PR seminar for Tokyo companies (sample)",
		"開始日": "2027-02-10", "終了日": "2027-02-10", "開始時間": "14:00", "終了時間": "16:30", "終日フラグ": "FALSE",
		"説明": "サンプルのイベントです。", "料金(基本)": "無料", "連絡先名称": "工業振興課", "連絡先電話番号": "0157-25-1210",
		"場所名称": "オンライン", "申込終了日": "2027-02-03", "申込URL": "https://example.jp/apply",
		"URL": "https://example.jp/city/events/seminar/",
	} {
		if got := column(t, h, seminar, col); got != want {
			t.Errorf("seminar %s = %q, want %q", col, got, want)
		}
	}
	for col, want := range map[string]string{
		"開始日": "2027-03-06", "終了日": "2027-03-07", "開始時間": "", "終了時間": "", "終日フラグ": "TRUE",
		"場所名称": "北見工業大学", "住所": "北海道北見市公園町165", "イベント名_英字": "",
	} {
		if got := column(t, h, hackathon, col); got != want {
			t.Errorf("hackathon %s = %q, want %q", col, got, want)
		}
	}
}

func TestOpenDataJSON(t *testing.T) {
	out := buildtest.MustBuild(t, readArchive(t, "opendata.txtar"), build.Options{Now: day(t, "2026-11-24")})
	var companies []map[string]any
	if err := json.Unmarshal([]byte(out.Read(t, "data/companies.json")), &companies); err != nil {
		t.Fatal(err)
	}
	if len(companies) != 2 {
		t.Fatalf("%d companies, want 2", len(companies))
	}
	k := companies[0]
	if k["名称"] != "株式会社 要" || k["社員数"] != 9.0 || k["採用"] != true || k["設立"] != "2010-07" {
		t.Errorf("kaname = %v", k)
	}
	if list, ok := k["利用制度"].([]any); !ok || len(list) != 2 || list[0] != "雇用補助金" {
		t.Errorf("利用制度 = %#v, want a list of titles", k["利用制度"])
	}
	// The keys keep the order of the CSV's columns.
	raw := out.Read(t, "data/companies.json")
	if strings.Index(raw, `"ID"`) > strings.Index(raw, `"名称"`) || strings.Index(raw, `"備考"`) > strings.Index(raw, `"URL"`) {
		t.Errorf("keys out of the columns' order: %s", raw)
	}
	var events []map[string]any
	if err := json.Unmarshal([]byte(out.Read(t, "data/events.json")), &events); err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 || events[0]["終日フラグ"] == nil {
		t.Errorf("events = %v", events)
	}
}

func TestOpenDataBOM(t *testing.T) {
	archive := strings.Replace(readArchive(t, "opendata.txtar"), "data:\n  page: data\n", "data:\n  page: data\n  bom: true\n", 1)
	out := buildtest.MustBuild(t, archive, build.Options{Now: day(t, "2026-11-24")})
	data := out.Read(t, "data/companies.csv")
	if !strings.HasPrefix(data, "\ufeffID,名称,") {
		t.Errorf("data: bom: true, and the CSV starts with %q", data[:min(20, len(data))])
	}
	if strings.HasPrefix(out.Read(t, "data/companies.json"), "\ufeff") {
		t.Error("JSON has a byte order mark")
	}
}

func TestOpenDataCatalogue(t *testing.T) {
	out := buildtest.MustBuild(t, readArchive(t, "opendata.txtar"), build.Options{NoMinify: true, Now: day(t, "2026-11-24")})
	size := func(name string) string { return strconv.Itoa(len(out.Read(t, name))) }
	out.Contains(t, "data/index.html",
		`<section id="data-companies"><h2>進出企業一覧</h2><p class="desc">北見に進出した企業</p>`,
		`<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>`,
		`<p class="updated">2026-10-01</p><p class="records">2</p>`,
		`<a class="file" href="/city/data/companies.csv">CSV</a> <span class="size">`+size("data/companies.csv")+`</span>`,
		`<a class="file" href="/city/data/events.json">JSON</a> <span class="size">`+size("data/events.json")+`</span>`,
		`<section id="data-programs"><h2>支援制度</h2>`, // no title: the section's
	)
	out.Contains(t, "en/data/index.html", `<h2>Companies</h2><p class="desc">Companies with an office in Kitami</p>`)
	out.Lacks(t, "index.html", "ld+json")

	m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(out.Read(t, "en/data/index.html"))
	if m == nil {
		t.Fatal("no JSON-LD on the catalogue")
	}
	var doc struct {
		Graph []struct {
			Type         string `json:"@type"`
			Name         string `json:"name"`
			URL          string `json:"url"`
			License      string `json:"license"`
			Modified     string `json:"dateModified"`
			Distribution []struct {
				Type           string `json:"@type"`
				EncodingFormat string `json:"encodingFormat"`
				ContentURL     string `json:"contentUrl"`
				ContentSize    string `json:"contentSize"`
			} `json:"distribution"`
		} `json:"@graph"`
	}
	if err := json.Unmarshal([]byte(m[1]), &doc); err != nil {
		t.Fatalf("%v: %s", err, m[1])
	}
	if len(doc.Graph) != 3 {
		t.Fatalf("%d datasets, want 3", len(doc.Graph))
	}
	d := doc.Graph[0]
	if d.Type != "Dataset" || d.Name != "Companies" || d.URL != "https://example.jp/city/en/data/#data-companies" ||
		d.License != "https://creativecommons.org/licenses/by/4.0/" || d.Modified != "2026-10-01" || len(d.Distribution) != 2 {
		t.Errorf("dataset = %+v", d)
	}
	csvFile := d.Distribution[0]
	if csvFile.Type != "DataDownload" || csvFile.EncodingFormat != "text/csv" || csvFile.ContentURL != "https://example.jp/city/data/companies.csv" ||
		csvFile.ContentSize != size("data/companies.csv")+" B" {
		t.Errorf("distribution = %+v", csvFile)
	}
}

// The same site gives the same data files, byte for byte.
func TestOpenDataDeterministic(t *testing.T) {
	archive := readArchive(t, "opendata.txtar")
	a := buildtest.MustBuild(t, archive, build.Options{Now: day(t, "2026-11-24")})
	b := buildtest.MustBuild(t, archive, build.Options{Now: day(t, "2026-11-24")})
	for _, f := range []string{"data/companies.csv", "data/companies.json", "data/programs.csv", "data/programs.json", "data/events.csv", "data/events.json", "data/index.html", "en/data/index.html"} {
		if !bytes.Equal([]byte(a.Read(t, f)), []byte(b.Read(t, f))) {
			t.Errorf("%s differs between two builds", f)
		}
	}
}

func TestOpenDataErrors(t *testing.T) {
	for _, tc := range []struct{ old, new, want string }{
		{"    - name: companies\n      section: companies\n", "    - name: companies\n      section: firms\n", `site.yaml:21:16: data: sets: there is no section "firms" in sections`},
		{"        - {field: amount}\n", "        - {field: amont}\n", `site.yaml:29:19: data: sets: columns: "amont" is not a field of programs`},
		{"      standard: event\n", "      standard: events\n", `data: sets: standard "events" is not one of [event]`},
		{`  code: "012084"`, `  code: 12084`, `data: code: want the 6 digits`},
	} {
		archive := strings.Replace(readArchive(t, "opendata.txtar"), tc.old, tc.new, 1)
		_, err := buildtest.Build(t, archive, build.Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %q", tc.new, err, tc.want)
		}
	}
}
