package outputs

import (
	"cmp"
	"strconv"
	"time"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/site"
)

// Dataset is one data set as the catalogue page of a language lists it
// ({{range catalogue .Page}}).
type Dataset struct {
	Name        string // companies
	Title       string // in the catalogue's language
	Description string
	License     config.License
	Updated     time.Time // the newest date (updated, else date) of its pages; zero when none has one
	Records     int       // how many pages it holds
	Files       []DataFile
}

// Anchor is the id of the data set's entry on the catalogue page:
// data-companies. Templates give it to the entry, and the structured data
// links to it.
func (d Dataset) Anchor() string { return "data-" + d.Name }

// Catalogue returns the data sets of the site, in the order of site.yaml,
// with their titles in language lang: each with its files, sizes and
// update date.
func Catalogue(s *site.Site, lang *config.Language) ([]Dataset, error) {
	var out []Dataset
	for _, set := range s.Config.Data.Sets {
		files, err := DataFiles(s, set)
		if err != nil {
			return nil, err
		}
		pages := DataSetPages(s, set)
		d := Dataset{Name: set.Name, License: s.Config.Data.License, Records: len(pages), Files: files,
			Title: set.Title[lang.Code], Description: set.Description[lang.Code]}
		// schema.org Dataset needs a description (Google's dataset results
		// leave one without out): the section page's, when site.yaml has none.
		if sec := s.Langs[lang.Index].Sections[set.Section]; sec != nil {
			d.Title = cmp.Or(d.Title, sec.Title)
			d.Description = cmp.Or(d.Description, sec.Description)
		}
		d.Title = cmp.Or(d.Title, set.Name)
		for _, p := range pages {
			if p.LastModified.After(d.Updated) {
				d.Updated = p.LastModified
			}
		}
		out = append(out, d)
	}
	return out, nil
}

// Size is the file's size in bytes.
func (f DataFile) Size() int { return len(f.Data) }

// SizeText is the file's size for people: 812 B, 3.4 KB, 1.2 MB.
func (f DataFile) SizeText() string {
	n := len(f.Data)
	switch {
	case n < 1024:
		return strconv.Itoa(n) + " B"
	case n < 1024*1024:
		return strconv.FormatFloat(float64(n)/1024, 'f', 1, 64) + " KB"
	}
	return strconv.FormatFloat(float64(n)/(1024*1024), 'f', 1, 64) + " MB"
}

// Type is the file's format as people name it: CSV, JSON.
func (f DataFile) Type() string {
	switch f.Format {
	case DataCSV:
		return "CSV"
	case DataJSON:
		return "JSON"
	}
	return f.Format.Name
}
