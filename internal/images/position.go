package images

import (
	"bytes"
	"encoding/binary"
	"path"
	"strings"
)

// Filmed reports whether a file's name is that of a video that a phone
// may have written the place it was filmed into (MP4, QuickTime).
func Filmed(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".mp4", ".m4v", ".mov":
		return true
	}
	return false
}

// filmedAt reports whether an MP4 or QuickTime file holds the position
// where it was filmed, as phones write it in the file's metadata box
// (moov): a ©xyz box (iPhone, Android) or Apple's
// com.apple.quicktime.location.ISO6709 key. Only moov is searched: it
// holds names and tables, where the compressed pictures (mdat) could
// hold any bytes.
func filmedAt(data []byte) bool {
	moov, ok := topBox(data, "moov")
	return ok && (bytes.Contains(moov, []byte("\xa9xyz")) || bytes.Contains(moov, []byte("com.apple.quicktime.location.ISO6709")))
}

// topBox returns the content of the first top-level box of type typ of an
// ISO base media file (MP4, QuickTime, HEIC).
func topBox(data []byte, typ string) ([]byte, bool) {
	for len(data) >= 8 {
		size, head := uint64(binary.BigEndian.Uint32(data)), uint64(8)
		switch size {
		case 0: // to the end of the file
			size = uint64(len(data))
		case 1: // a 64-bit size follows the type
			if len(data) < 16 {
				return nil, false
			}
			size, head = binary.BigEndian.Uint64(data[8:]), 16
		}
		if size < head || size > uint64(len(data)) {
			return nil, false
		}
		if string(data[4:8]) == typ {
			return data[head:size], true
		}
		data = data[size:]
	}
	return nil, false
}
