// Package slug makes the names in a site's URLs, which are also the names
// of folders and files in the output, from tags and from the names of
// files in content/.
//
// A name keeps its letters and digits in any script, in small letters;
// spaces and the punctuation that means something in a URL or cannot be
// in a Windows file name become hyphens:
//
//	My Page           my-page
//	Safe Road V       safe-road-v
//	北見 工業大学       北見-工業大学
//	IMG_0012          img-0012
//	C#  C++  R&D      c-sharp  c-plus-plus  r-and-d
//	100%              100-percent
//
// Other characters (Japanese punctuation, symbols) are kept. Names that
// Windows keeps for devices (CON, PRN, AUX, NUL, COM1 to COM9, LPT1 to
// LPT9) get an underscore, con_, so that the output can be copied to and
// from Windows; no other name ends in one, since an underscore otherwise
// becomes a hyphen. A name with nothing left (?, or no letters at all) is
// empty, and the caller says so.
//
// A name is at most MaxName bytes, the most that file systems take for
// the name of one file or folder; a Japanese character is three bytes in
// UTF-8, so 85 of them make a name. Make does not cut longer names, since
// two long names cut short could become one; TooLong finds them, and the
// caller says so.
package slug

import (
	"path"
	"strings"
	"unicode"
)

// word spells out the signs that carry meaning in names of things.
func word(r rune) string {
	switch r {
	case '#':
		return "sharp"
	case '+':
		return "plus"
	case '&':
		return "and"
	case '%':
		return "percent"
	}
	return ""
}

// Make returns the URL name of a tag or of one part of a path.
func Make(name string) string {
	var b strings.Builder
	hyphen := false
	write := func(s string) {
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		b.WriteString(s)
	}
	for _, r := range strings.ToLower(name) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc):
			write(string(r))
		case word(r) != "":
			hyphen = true
			write(word(r))
			hyphen = true
		case r < 0x80 || unicode.IsSpace(r) || unicode.IsControl(r):
			hyphen = true // spaces, ASCII punctuation and control characters
		case unicode.Is(unicode.Cf, r):
			// invisible formatting (zero-width joiners, byte order marks)
		default:
			write(string(r))
		}
	}
	s := b.String()
	if windowsDevice(s) {
		s += "_"
	}
	return s
}

// Path makes every part of a slash-separated path a URL name, leaving out
// parts with nothing left.
func Path(p string) string {
	parts := strings.Split(p, "/")
	out := parts[:0]
	for _, part := range parts {
		if s := Make(part); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, "/")
}

// File makes a path to a file (photos/My Photo.JPG) a URL path, keeping
// the file's extension, in small letters (photos/my-photo.jpg).
func File(p string) string {
	dir, name := path.Split(p)
	ext := path.Ext(name)
	stem := Make(strings.TrimSuffix(name, ext))
	if stem == "" {
		stem = "file"
	}
	return path.Join(Path(dir), stem+strings.ToLower(ext))
}

// MaxName is the longest name of a file or folder, in bytes, that common
// file systems take (ext4, XFS, Btrfs, ZFS, APFS).
const MaxName = 255

// TooLong returns the first name in a slash-separated path that is longer
// than MaxName bytes, or "".
func TooLong(p string) string {
	for name := range strings.SplitSeq(p, "/") {
		if len(name) > MaxName {
			return name
		}
	}
	return ""
}

// Short returns a name too long to show whole in a message by its start
// and its end, where an extension or a hash is.
func Short(name string) string {
	const head, tail = 20, 12 // characters
	runes := []rune(name)
	if len(runes) <= head+tail+1 {
		return name
	}
	return string(runes[:head]) + "…" + string(runes[len(runes)-tail:])
}

// windowsDevice reports whether Windows keeps name for a device.
func windowsDevice(name string) bool {
	switch name {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(name) == 4 && (strings.HasPrefix(name, "com") || strings.HasPrefix(name, "lpt")) && name[3] >= '1' && name[3] <= '9'
}
