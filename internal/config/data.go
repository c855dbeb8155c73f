package config

import (
	"fmt"
	"regexp"
	"slices"
)

// Data declares the open data files of the site: for each exported
// section, a CSV and a JSON file of its pages, listed on a catalogue page.
//
//	data:
//	  page: data            # the content page that lists the files (content/data.ja.md ...), or "" for none
//	  bom: false            # start each CSV with a byte order mark, so that Excel reads it as UTF-8
//	  license:              # default: CC BY 4.0
//	    name: CC BY 4.0
//	    url: https://creativecommons.org/licenses/by/4.0/
//	  code: "012084"        # 全国地方公共団体コード (6 digits, quoted)
//	  municipality: 北海道北見市   # 地方公共団体名
//	  sets:
//	    - name: companies   # published as /data/companies.csv and /data/companies.json
//	      section: companies
//	      title: {ja: 進出企業一覧, en: Companies in Kitami}
//	      description: {ja: …, en: …}
//	      columns:          # which values, in order, under which heading;
//	        - {field: id, column: ID}          # default: id, title, description,
//	        - {field: title, column: 名称}     # every field of the section (headed by
//	        - {field: industry}                # its label in the default language),
//	                                           # the application period, url
//	    - name: events
//	      section: events
//	      standard: event   # the columns of the 自治体標準オープンデータセット イベント一覧
//
// Each file holds one record per page of the section in the default
// language. Columns name a field of the section or one of DataFields.
type Data struct {
	Page         string     `yaml:"page"`
	BOM          bool       `yaml:"bom"`
	License      License    `yaml:"license"`
	Code         string     `yaml:"code"`
	Municipality string     `yaml:"municipality"`
	Sets         []*DataSet `yaml:"sets"`
}

// License is the licence of the open data files.
type License struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
}

// DataSet is one exported section.
type DataSet struct {
	Name        string            `yaml:"name"`
	Section     string            `yaml:"section"`
	Title       map[string]string `yaml:"title"`
	Description map[string]string `yaml:"description"`
	Standard    string            `yaml:"standard"`
	Columns     []DataColumn      `yaml:"columns"`
}

// DataColumn is one column of a data set: a field and its heading.
type DataColumn struct {
	Field  string `yaml:"field"`
	Column string `yaml:"column"`
}

// DataFields are the values every page has, which columns may name
// besides the section's fields.
var DataFields = []string{"id", "title", "description", "url", "date", "updated", "apply_from", "apply_until", "status"}

// Standards are the column sets of the 自治体標準オープンデータセット that
// a data set may follow: event (イベント一覧).
var Standards = []string{"event"}

// Default licence of open data.
const (
	DefaultLicenseName = "CC BY 4.0"
	DefaultLicenseURL  = "https://creativecommons.org/licenses/by/4.0/"
)

var (
	dataName  = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
	localCode = regexp.MustCompile(`^[0-9]{6}$`)
)

// validateData checks the data: settings.
func (c *Config) validateData(bad func(path, format string, args ...any)) {
	d := &c.Data
	if d.License.Name == "" && d.License.URL == "" {
		d.License = License{Name: DefaultLicenseName, URL: DefaultLicenseURL}
	}
	if d.Code != "" && !localCode.MatchString(d.Code) {
		bad("$.data.code", "data: code: want the 6 digits of the 全国地方公共団体コード, quoted (Kitami is \"012084\"), got %q", d.Code)
	}
	names := map[string]bool{}
	for i, set := range d.Sets {
		p := fmt.Sprintf("$.data.sets[%d]", i)
		if set == nil {
			bad(p, "data: sets: entry %d is empty; give its name and section", i+1)
			continue
		}
		switch {
		case !dataName.MatchString(set.Name):
			bad(p+".name", "data: sets: name %q is not a file name (small letters, digits, - and _); it names /data/NAME.csv and /data/NAME.json", set.Name)
		case names[set.Name]:
			bad(p+".name", "data: sets: %s is declared twice", set.Name)
		}
		names[set.Name] = true
		sec := c.Sections[set.Section]
		if sec == nil {
			bad(p+".section", "data: sets: there is no section %q in sections", set.Section)
		}
		if set.Standard != "" && !slices.Contains(Standards, set.Standard) {
			bad(p+".standard", "data: sets: standard %q is not one of %v", set.Standard, Standards)
		}
		if set.Standard != "" && len(set.Columns) > 0 {
			bad(p+".columns", "data: sets: %s follows the standard %s, whose columns are fixed; remove columns", set.Name, set.Standard)
		}
		for j, col := range set.Columns {
			cp := fmt.Sprintf("%s.columns[%d]", p, j)
			known := slices.Contains(DataFields, col.Field) || (sec != nil && sec.Field(col.Field) != nil)
			if !known {
				bad(cp+".field", "data: sets: columns: %q is not a field of %s nor one of %v", col.Field, set.Section, DataFields)
			}
		}
	}
}
