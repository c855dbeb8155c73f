// Package textfile prepares the text files people write (site.yaml,
// Markdown) for parsing: it accepts what Windows editors save (a UTF-8 byte
// order mark, CRLF line endings) and explains what it cannot accept (Shift_JIS,
// UTF-16) in words a PR officer can act on.
package textfile

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"

	"github.com/furusato/furusato/internal/diag"
)

var bom = []byte("\xef\xbb\xbf")

// Clean returns data without a UTF-8 byte order mark and with CRLF and lone
// CR line endings turned into LF. Positions in the result are the same lines
// and columns as in the file. file is used in errors only.
func Clean(file string, data []byte) ([]byte, error) {
	data = bytes.TrimPrefix(data, bom)
	if len(data) >= 2 && (data[0] == 0xff && data[1] == 0xfe || data[0] == 0xfe && data[1] == 0xff) {
		return nil, diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1},
			"the file is saved as UTF-16 (\"Unicode\"); save it as UTF-8 instead (in Notepad: File > Save As > Encoding: UTF-8)")
	}
	if !utf8.Valid(data) {
		return nil, notUTF8(file, data)
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data, nil
}

func notUTF8(file string, data []byte) error {
	pos := diag.Pos{File: file, Line: 1, Col: 1}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		if r == '\n' {
			pos.Line++
			pos.Col = 1
		} else {
			pos.Col++
		}
		i += size
	}
	enc := "an encoding other than UTF-8"
	sjis, euc := japaneseScore(data, japanese.ShiftJIS.NewDecoder()), japaneseScore(data, japanese.EUCJP.NewDecoder())
	switch {
	case sjis > 0 && sjis >= euc:
		enc = "Shift_JIS (the old Windows Japanese encoding)"
	case euc > 0:
		enc = "EUC-JP (an old Japanese encoding)"
	}
	return diag.Errorf(pos, "the file is not UTF-8: it looks like %s. Save it as UTF-8 (in Notepad: File > Save As > Encoding: UTF-8; in VS Code: click the encoding in the status bar > Save with Encoding > UTF-8)", enc)
}

// japaneseScore says how much data, decoded with dec, reads like Japanese
// text: the count of kana and kanji, less the half-width katakana, which
// are rare in real text but what EUC-JP bytes give when read as
// Shift_JIS. It is 0 when data does not decode cleanly.
func japaneseScore(data []byte, dec transform.Transformer) int {
	out, _, err := transform.Bytes(dec, data)
	if err != nil || !utf8.Valid(out) || bytes.ContainsRune(out, utf8.RuneError) {
		return 0
	}
	score := 0
	for _, r := range string(out) {
		switch {
		case r >= 0xFF61 && r <= 0xFF9F: // half-width katakana
			score -= 2
		case unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han):
			score++
		}
	}
	return max(score, 0)
}

// LineCol returns the 1-based line and column (counted in characters) of
// byte offset off in data.
func LineCol(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	line = 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(data[start:off])
}

// String is a helper for messages: v quoted, shortened to a readable length.
func String(v string) string {
	if utf8.RuneCountInString(v) > 40 {
		v = string([]rune(v)[:40]) + "…"
	}
	return fmt.Sprintf("%q", v)
}
