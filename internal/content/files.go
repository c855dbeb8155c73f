package content

import (
	"path"
	"strings"

	"github.com/furusato/furusato/internal/diag"
)

// webFiles are the kinds of file that content/ publishes beside the pages:
// what a browser shows or a visitor downloads from a page.
var webFiles = map[string]bool{
	// images
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".avif": true, ".svg": true, ".ico": true,
	".heic": true, ".heif": true, // iPhone photos: published as JPEG and WebP when a page shows them (see package images)
	// documents
	".pdf": true,
	// audio, video and subtitles
	".mp3": true, ".m4a": true, ".ogg": true, ".oga": true, ".opus": true, ".wav": true,
	".mp4": true, ".m4v": true, ".webm": true, ".ogv": true, ".vtt": true,
	// open data, maps and calendars
	".csv": true, ".json": true, ".geojson": true, ".gpx": true, ".kml": true, ".kmz": true, ".ics": true,
}

// documents are the kinds of file that content/ publishes when a page
// links to them: Office documents and ZIP files are often drafts or notes
// left beside a page, and published only when a page offers them.
var documents = map[string]bool{
	".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true, ".zip": true,
}

// WebFileTypes lists the file name endings that content/ publishes, for
// messages and documentation.
const WebFileTypes = "images (.jpg .jpeg .png .gif .webp .avif .svg .ico .heic .heif), PDF, audio and video (.mp3 .m4a .ogg .oga .opus .wav .mp4 .m4v .webm .ogv, .vtt subtitles), open data and maps (.csv .json .geojson .gpx .kml .kmz .ics), and Office and ZIP files (.doc .docx .xls .xlsx .ppt .pptx .zip) that a page links to"

// fileKind is what a file of content/ is.
type fileKind int

const (
	filePage     fileKind = iota // a Markdown page
	fileResource                 // published beside the pages
	fileDocument                 // published beside the pages when a page links to it
	fileOther                    // not published, with a warning
	fileBadPage                  // looks like a page but is not read as one: an error
)

// classify says what a file of content/ is, from its name. For fileOther
// and fileBadPage it also returns the message.
func classify(file string) (fileKind, string) {
	name := path.Base(file)
	lower := strings.ToLower(name)
	if strings.HasSuffix(name, ".md") {
		return filePage, ""
	}
	if i := strings.Index(lower, ".md."); i >= 0 {
		// Notepad's notes.ja.md.txt, or a copy such as notes.ja.md.orig.
		return fileBadPage, "this looks like a page, but its name does not end in .md, so it is not read (Notepad adds .txt when saving): rename it to " + name[:i] + ".md, or delete it"
	}
	if ext := path.Ext(lower); ext == ".md" || ext == ".markdown" || ext == ".mdown" {
		return fileBadPage, "this looks like a page, but furusato reads pages only from names ending in .md in small letters: rename it to " + pageName(name) + ".md"
	}
	if webFiles[path.Ext(lower)] {
		return fileResource, ""
	}
	if documents[path.Ext(lower)] {
		return fileDocument, ""
	}
	return fileOther, "not published: content/ publishes only web files beside the pages: " + WebFileTypes + ". To publish this file as it is, put it in static/; if it is a note or a draft, keep it outside the site folder"
}

// pageName is a page file name without its Markdown ending, with the
// language code in small letters: Upper.JA.MD → Upper.ja.
func pageName(name string) string {
	base := strings.TrimSuffix(name, path.Ext(name))
	if i := strings.LastIndexByte(base, '.'); i >= 0 && len(base)-i <= 4 {
		base = base[:i] + strings.ToLower(base[i:])
	}
	return base
}

// unpublished makes the warning for a file of content/ that is left out.
func unpublished(file, msg string) *diag.Error {
	return diag.Errorf(diag.Pos{File: file}, "%s", msg)
}
