package outputs

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/site"
)

// Open data: site.yaml's data: sets (see config.Data) each give a CSV file
// (RFC 4180: CRLF line ends, quotes where needed, UTF-8, with a byte order
// mark when data: bom is true, for Excel) and a JSON file (an array of
// objects with the same column names, in the same order) of the pages of a
// section in the default language, at /data/NAME.csv and /data/NAME.json.
// Both are made from the graph alone, so the same site gives the same
// bytes. Dates are written 2027-04-01 (2027-04 for a month), times 13:30,
// booleans TRUE or FALSE in CSV, lists joined with ";" in CSV (arrays in
// JSON), enums by their label in the default language, references by the
// title of the page they name, an application status by the UI string
// apply_open, apply_upcoming or apply_closed (受付中 ...) when site.yaml has it.

// DataDir is the folder of the open data files in the output.
const DataDir = "data"

// The formats of the open data files.
var (
	DataCSV  = &Format{Name: "data-csv", Ext: ".csv", MediaType: "text/csv; charset=utf-8", Kind: KindFeed, Cache: CacheFeeds, Reload: ReloadNone, Compress: true}
	DataJSON = &Format{Name: "data-json", Ext: ".json", MediaType: "application/json", Kind: KindFeed, Cache: CacheFeeds, Reload: ReloadNone, Compress: true}
)

// DataFile is one file of a data set.
type DataFile struct {
	Path   string // in the output folder: data/companies.csv
	URL    string // from the site root, with the base path
	Format *Format
	Data   []byte
}

// eventColumns are the columns of the 自治体標準オープンデータセット
// イベント一覧, in its order.
var eventColumns = []string{"全国地方公共団体コード", "ID", "地方公共団体名", "イベント名", "イベント名_カナ", "イベント名_英字",
	"開始日", "終了日", "開始時間", "終了時間", "終日フラグ", "開始日時特記事項", "説明", "料金(基本)", "料金(詳細)",
	"連絡先名称", "連絡先電話番号", "連絡先内線番号", "主催者", "場所名称", "住所", "方書", "緯度", "経度",
	"アクセス方法", "駐車場情報", "定員", "対象者", "申込開始日", "申込終了日", "申込方法", "申込URL", "URL", "備考"}

// builtinHeadings are the column headings of DataFields, in Japanese and
// in every other language.
var builtinHeadings = map[string][2]string{
	"id": {"ID", "ID"}, "title": {"名称", "Name"}, "description": {"説明", "Description"}, "url": {"URL", "URL"},
	"date": {"公開日", "Published"}, "updated": {"更新日", "Updated"},
	"apply_from": {"受付開始日", "Applications from"}, "apply_until": {"受付終了日", "Applications until"},
	"status": {"受付状況", "Applications"},
}

// DataSetPages returns the pages a data set exports: its section's pages
// in the default language, in the section's order.
func DataSetPages(s *site.Site, set *config.DataSet) []*site.Page {
	var out []*site.Page
	for _, p := range s.Langs[0].PagesOf(set.Section) {
		if p.Lang.Index == 0 {
			out = append(out, p)
		}
	}
	return out
}

// DataFiles makes the files of a data set: its CSV, then its JSON.
func DataFiles(s *site.Site, set *config.DataSet) ([]DataFile, error) {
	header, rows := table(s, set)
	var cbuf bytes.Buffer
	if s.Config.Data.BOM {
		cbuf.WriteString("\ufeff")
	}
	w := csv.NewWriter(&cbuf)
	w.UseCRLF = true
	records := make([][]string, 0, len(rows)+1)
	records = append(records, header)
	for _, r := range rows {
		rec := make([]string, len(r))
		for i, v := range r {
			rec[i] = csvText(v)
		}
		records = append(records, rec)
	}
	if err := w.WriteAll(records); err != nil {
		return nil, fmt.Errorf("data %s: %w", set.Name, err)
	}
	var jbuf bytes.Buffer
	jbuf.WriteByte('[')
	for i, r := range rows {
		if i > 0 {
			jbuf.WriteByte(',')
		}
		jbuf.WriteString("\n{")
		for j, v := range r {
			if j > 0 {
				jbuf.WriteByte(',')
			}
			k, _ := json.Marshal(header[j])
			val, err := json.Marshal(jsonValue(v))
			if err != nil {
				return nil, fmt.Errorf("data %s: %w", set.Name, err)
			}
			jbuf.Write(k)
			jbuf.WriteByte(':')
			jbuf.Write(val)
		}
		jbuf.WriteByte('}')
	}
	jbuf.WriteString("\n]\n")
	base := DataDir + "/" + set.Name
	return []DataFile{
		{Path: base + ".csv", URL: s.RelURL(base + ".csv"), Format: DataCSV, Data: cbuf.Bytes()},
		{Path: base + ".json", URL: s.RelURL(base + ".json"), Format: DataJSON, Data: jbuf.Bytes()},
	}, nil
}

// cell values: what a column holds for one page, before it is written as
// CSV text or as a JSON value.
type (
	day   time.Time // a date: 2027-04-01
	month time.Time // 2027-04
	year  time.Time // 2027
	clock time.Time // a time of day: 13:30
	flag  bool      // TRUE or FALSE in CSV, a boolean in JSON
)

// table returns the header and the rows of a data set.
func table(s *site.Site, set *config.DataSet) ([]string, [][]any) {
	pages := DataSetPages(s, set)
	if set.Standard == "event" {
		rows := make([][]any, len(pages))
		for i, p := range pages {
			rows[i] = eventRow(s, p)
		}
		return eventColumns, rows
	}
	cols := set.Columns
	if len(cols) == 0 {
		cols = defaultColumns(s, set, pages)
	}
	lang := s.Config.Languages[0]
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.Column
		if header[i] == "" {
			if f := s.Config.Sections[set.Section].Field(c.Field); f != nil {
				header[i] = cmp.Or(f.Label[lang.Code], f.Name)
			} else if h, ok := builtinHeadings[c.Field]; ok && lang.Code == "ja" {
				header[i] = h[0]
			} else {
				header[i] = cmp.Or(h[1], c.Field)
			}
		}
	}
	rows := make([][]any, len(pages))
	for i, p := range pages {
		row := make([]any, len(cols))
		for j, c := range cols {
			row[j] = fieldValue(s, p, c.Field)
		}
		rows[i] = row
	}
	return header, rows
}

// defaultColumns are a data set's columns when site.yaml lists none.
func defaultColumns(s *site.Site, set *config.DataSet, pages []*site.Page) []config.DataColumn {
	cols := []config.DataColumn{{Field: "id"}, {Field: "title"}, {Field: "description"}}
	for _, f := range s.Config.Sections[set.Section].Fields {
		cols = append(cols, config.DataColumn{Field: f.Name})
	}
	for _, p := range pages {
		if p.Application != nil {
			cols = append(cols, config.DataColumn{Field: "apply_from"}, config.DataColumn{Field: "apply_until"}, config.DataColumn{Field: "status"})
			break
		}
	}
	return append(cols, config.DataColumn{Field: "url"})
}

// fieldValue is the value of a column for a page.
func fieldValue(s *site.Site, p *site.Page, field string) any {
	switch field {
	case "id":
		return pageID(p)
	case "title":
		return p.Title
	case "description":
		return p.Description
	case "url":
		return p.Permalink
	case "date":
		return dateCell(p.Date)
	case "updated":
		return dateCell(p.Updated)
	case "apply_from":
		if a := p.Application; a != nil {
			return dateValue(a.From)
		}
		return nil
	case "apply_until":
		if a := p.Application; a != nil {
			return dateValue(a.Last)
		}
		return nil
	case "status":
		if a := p.Application; a != nil {
			// In words, as the site says it (受付中), where site.yaml
			// has the string apply_open ...
			return cmp.Or(s.Config.Languages[0].Strings["apply_"+a.Status], a.Status)
		}
		return nil
	}
	v := p.Param(field)
	if f := p.FieldDecl(field); f != nil && v != nil {
		return labelled(s, f, v)
	}
	return v
}

// labelled writes an enum value as its label in the default language.
func labelled(s *site.Site, f *config.Field, v any) any {
	lang := s.Config.Languages[0].Code
	label := func(x any) any {
		if str, ok := x.(string); ok {
			for _, ev := range f.Values {
				if ev.Value == str {
					return cmp.Or(ev.Label[lang], ev.Value)
				}
			}
		}
		return x
	}
	switch {
	case f.Type == config.TypeEnum:
		return label(v)
	case f.Type == config.TypeList && f.Of == config.TypeEnum:
		if list, ok := v.([]any); ok {
			out := make([]any, len(list))
			for i, x := range list {
				out[i] = label(x)
			}
			return out
		}
	}
	return v
}

// pageID is a page's name within its section: kaname for
// companies/kaname, the same in every build and language.
func pageID(p *site.Page) string {
	return strings.TrimPrefix(p.Path, p.Section+"/")
}

func dateCell(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return day(t)
}

func dateValue(d content.Date) any {
	switch {
	case d.IsZero():
		return nil
	case d.Precision == content.Year:
		return year(d.Time)
	case d.Precision == content.Month:
		return month(d.Time)
	}
	return day(d.Time)
}

// eventRow is the row of an event page under the columns of イベント一覧,
// from the event fields start, end, all_day, venue, online, address,
// registration, deadline and fee (and, where a site declares them,
// title_kana, organizer, capacity, audience, lat and lng).
func eventRow(s *site.Site, p *site.Page) []any {
	cfg := s.Config
	loc := cfg.Location
	start, startClock, hasStart := timeOf(p.Param("start"), loc)
	end, endClock, hasEnd := timeOf(p.Param("end"), loc)
	if !hasEnd {
		end, endClock, hasEnd = start, false, hasStart
	}
	allDay, _ := p.Param("all_day").(bool)
	if hasStart && !startClock {
		allDay = true
	}
	var english any
	for _, t := range p.Translations {
		if t.Lang.Code == "en" {
			english = t.Title
		}
	}
	var startDay, endDay, startTime, endTime any
	if hasStart {
		startDay = day(start)
		if !allDay {
			startTime = clock(start)
		}
	}
	if hasEnd {
		endDay = day(end)
		if !allDay && endClock {
			endTime = clock(end)
		}
	}
	venue := p.Param("venue")
	if online, _ := p.Param("online").(bool); online && venue == nil {
		venue = "オンライン"
	}
	var deadline any
	if d, _, ok := timeOf(p.Param("deadline"), loc); ok {
		deadline = day(d)
	}
	var applyFrom any
	if a := p.Application; a != nil {
		applyFrom = dateValue(a.From)
		if deadline == nil {
			deadline = dateValue(a.Last)
		}
	}
	var fee any
	if v := p.Param("fee"); v != nil {
		fee = v
	}
	param := func(name string) any { return p.Param(name) }
	return []any{
		cfg.Data.Code, pageID(p), cfg.Data.Municipality, p.Title, param("title_kana"), english,
		startDay, endDay, startTime, endTime, flag(allDay), nil, p.Description, fee, nil,
		cfg.Languages[0].Office, cfg.Contact.Phone, nil, param("organizer"), venue, param("address"), nil, param("lat"), param("lng"),
		nil, nil, param("capacity"), param("audience"), applyFrom, deadline, nil, param("registration"), p.Permalink, nil,
	}
}

// timeOf reads a date or a date and time, whatever type the section
// declares it with: a date field, a time, or text such as 2027-05-20 13:30.
// withClock says whether it has a time of day.
func timeOf(v any, loc *time.Location) (t time.Time, withClock, ok bool) {
	switch v := v.(type) {
	case nil:
		return time.Time{}, false, false
	case content.Date:
		return v.Time.In(loc), v.Clock, !v.IsZero()
	case time.Time:
		return v, !isMidnight(v), !v.IsZero()
	case string:
		for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04", time.RFC3339} {
			if t, err := time.ParseInLocation(layout, v, loc); err == nil {
				return t.In(loc), true, true
			}
		}
		if t, err := time.ParseInLocation("2006-01-02", v, loc); err == nil {
			return t, false, true
		}
		return time.Time{}, false, false
	}
	// A type of its own that holds a time.Time (such as an event's
	// date and time): read the time it holds.
	rv := reflect.Indirect(reflect.ValueOf(v))
	if rv.Kind() == reflect.Struct {
		if f := rv.FieldByName("Time"); f.IsValid() && f.Type() == reflect.TypeFor[time.Time]() {
			t := f.Interface().(time.Time)
			clock := !isMidnight(t)
			if hc := rv.FieldByName("HasTime"); hc.IsValid() && hc.Kind() == reflect.Bool {
				clock = hc.Bool()
			}
			return t, clock, !t.IsZero()
		}
	}
	return time.Time{}, false, false
}

func isMidnight(t time.Time) bool {
	h, m, s := t.Clock()
	return h == 0 && m == 0 && s == 0
}

// csvText writes a cell's value as CSV text.
func csvText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case day:
		return time.Time(v).Format("2006-01-02")
	case month:
		return time.Time(v).Format("2006-01")
	case year:
		return time.Time(v).Format("2006")
	case clock:
		return time.Time(v).Format("15:04")
	case flag:
		if v {
			return "TRUE"
		}
		return "FALSE"
	case bool:
		if v {
			return "TRUE"
		}
		return "FALSE"
	case int:
		return strconv.Itoa(v)
	case content.Yen:
		return strconv.FormatInt(int64(v), 10)
	case content.Date:
		return csvText(dateValue(v))
	case *site.Page:
		return v.Title
	case []*site.Page:
		parts := make([]string, len(v))
		for i, p := range v {
			parts[i] = p.Title
		}
		return strings.Join(parts, ";")
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = csvText(x)
		}
		return strings.Join(parts, ";")
	}
	return fmt.Sprint(v)
}

// jsonValue is a cell's value for encoding/json.
func jsonValue(v any) any {
	switch v := v.(type) {
	case nil, string, bool, int, float64:
		return v
	case flag:
		return bool(v)
	case content.Yen:
		return int64(v)
	case day, month, year, clock, content.Date:
		return csvText(v)
	case *site.Page:
		return v.Title
	case []*site.Page:
		out := make([]any, len(v))
		for i, p := range v {
			out[i] = p.Title
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = jsonValue(x)
		}
		return out
	}
	return fmt.Sprint(v)
}
