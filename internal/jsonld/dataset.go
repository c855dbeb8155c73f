package jsonld

import (
	"strconv"
	"time"
)

// Dataset is what the structured data of one open data set says: a
// schema.org Dataset with a DataDownload for each file.
type Dataset struct {
	Name        string
	Description string
	URL         string // where the catalogue lists it
	License     string // the licence's address, or its name
	Modified    time.Time
	Publisher   string // who publishes it: the site's office
	InLanguage  string // of the data: the default language
	Files       []DataDownload
}

// DataDownload is one file of a data set.
type DataDownload struct {
	URL       string // absolute
	MediaType string // text/csv, application/json
	Size      int    // bytes
}

type ldDataset struct {
	Type         string           `json:"@type"`
	Name         string           `json:"name"`
	Description  string           `json:"description,omitempty"`
	URL          string           `json:"url,omitempty"`
	License      string           `json:"license,omitempty"`
	Modified     string           `json:"dateModified,omitempty"`
	InLanguage   string           `json:"inLanguage,omitempty"`
	Publisher    *ldOrganization  `json:"publisher,omitempty"`
	Distribution []ldDataDownload `json:"distribution"`
}

type ldOrganization struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type ldDataDownload struct {
	Type           string `json:"@type"`
	EncodingFormat string `json:"encodingFormat"`
	ContentURL     string `json:"contentUrl"`
	ContentSize    string `json:"contentSize"`
}

// Datasets returns the structured data of a data catalogue page, for a
// <script type="application/ld+json"> of html/template, which writes it
// as JSON.
func Datasets(sets []Dataset) any {
	doc := ldDocument{Context: "https://schema.org", Graph: []any{}}
	for _, d := range sets {
		ld := ldDataset{Type: "Dataset", Name: d.Name, Description: d.Description, URL: d.URL, License: d.License,
			InLanguage: d.InLanguage, Distribution: []ldDataDownload{}}
		if !d.Modified.IsZero() {
			ld.Modified = d.Modified.Format("2006-01-02")
		}
		if d.Publisher != "" {
			ld.Publisher = &ldOrganization{Type: "Organization", Name: d.Publisher}
		}
		for _, f := range d.Files {
			ld.Distribution = append(ld.Distribution, ldDataDownload{Type: "DataDownload", EncodingFormat: f.MediaType, ContentURL: f.URL,
				ContentSize: strconv.Itoa(f.Size) + " B"})
		}
		doc.Graph = append(doc.Graph, ld)
	}
	return doc
}
