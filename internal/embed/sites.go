package embed

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/furusato/furusato/internal/diag"
)

// The sites that pages can embed from, and how their addresses become
// the iframe's and the link's.

// site is one site that pages can embed from, named in site.yaml
// (markdown: embeds) by host.
type site struct {
	host  string // as listed in config.EmbedHosts
	name  string // for messages: "YouTube videos"
	parse func(u *url.URL, e *Node) string
}

var sites = []site{
	{"www.youtube.com", "YouTube videos", youTube},
	{"www.openstreetmap.org", "OpenStreetMap maps", openStreetMap},
	{"www.google.com", "Google Maps maps", googleMaps},
	{"docs.google.com", "Google Forms forms", googleForms},
	{"logoform.jp", "LoGoフォーム forms", logoForm},
}

// siteOf finds the site of an address by its host, which can be
// another host of the same site (youtu.be is YouTube).
func siteOf(host string) *site {
	switch host {
	case "youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com", "youtube-nocookie.com":
		host = "www.youtube.com"
	case "openstreetmap.org":
		host = "www.openstreetmap.org"
	case "google.com", "maps.google.com":
		host = "www.google.com"
	case "forms.gle":
		host = "docs.google.com"
	case "www.logoform.jp":
		host = "logoform.jp"
	}
	for i := range sites {
		if sites[i].host == host {
			return &sites[i]
		}
	}
	return nil
}

// parse reads the address of an embed into e, or says why it cannot.
func (t Transformer) parse(addr string, e *Node) string {
	u, err := url.Parse(addr)
	if err != nil || u.Host == "" || u.User != nil {
		return fmt.Sprintf("%s is not a web address; copy it again from the address bar or the site's Share button", diag.Shorten(addr, 100))
	}
	site := siteOf(strings.ToLower(u.Hostname()))
	if site == nil || u.Port() != "" {
		return fmt.Sprintf("cannot show %s: an embed shows %s", diag.Shorten(addr, 100), t.kinds())
	}
	if !slices.Contains(t.allowed, site.host) {
		return fmt.Sprintf("%s are turned off in site.yaml: add %s to markdown: embeds to show them (this site shows %s)", site.name, site.host, t.kinds())
	}
	return site.parse(u, e)
}

// kinds names what the site may embed.
func (t Transformer) kinds() string {
	var names []string
	for _, s := range sites {
		if slices.Contains(t.allowed, s.host) {
			names = append(names, s.name)
		}
	}
	switch len(names) {
	case 1:
		return names[0]
	default:
		return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
	}
}

func (e *Node) what() string {
	switch {
	case e.Video:
		return "video"
	case strings.HasPrefix(e.Class, "embed-map"):
		return "map"
	case strings.HasPrefix(e.Class, "embed-form"):
		return "form"
	}
	return "embed"
}

// YouTube: www.youtube.com/watch?v=ID, youtu.be/ID, /shorts/ID, /live/ID
// and /embed/ID, with a start time (t=90, t=1m30s, start=90). The video
// plays from www.youtube-nocookie.com, YouTube's privacy-enhanced mode,
// which sets no cookie until it is played.
func youTube(u *url.URL, e *Node) string {
	q := u.Query()
	var id, start string
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	short := false
	switch {
	case strings.EqualFold(u.Hostname(), "youtu.be") && len(parts) == 1:
		id, start = parts[0], q.Get("t")
	case len(parts) == 1 && parts[0] == "watch":
		id, start = q.Get("v"), q.Get("t")
	case len(parts) == 2 && (parts[0] == "embed" || parts[0] == "live" || parts[0] == "shorts"):
		id, start = parts[1], q.Get("start")
		if start == "" {
			start = q.Get("t")
		}
		short = parts[0] == "shorts"
	default:
		return fmt.Sprintf("%s is not the address of a YouTube video; copy it from the video's Share button (https://youtu.be/…) or from the address bar while it plays (https://www.youtube.com/watch?v=…)", diag.Shorten(u.String(), 100))
	}
	if !youTubeID(id) {
		return fmt.Sprintf("%q is not a YouTube video ID (11 letters, digits, - or _); copy the address again from the video's Share button", id)
	}
	secs := 0
	if start != "" {
		var ok bool
		if secs, ok = seconds(start); !ok {
			return fmt.Sprintf("start time %q: want seconds (90) or a time such as 1m30s", start)
		}
	}
	e.Video = true
	e.Src = "https://www.youtube-nocookie.com/embed/" + id
	e.Href = "https://www.youtube.com/watch?v=" + id
	if short {
		e.Href = "https://www.youtube.com/shorts/" + id
	}
	if secs > 0 {
		e.Src += "?start=" + strconv.Itoa(secs)
		e.Href += "&t=" + strconv.Itoa(secs) + "s"
	}
	e.Class, e.Width, e.Height = "embed-video embed-16x9", 560, 315
	if short {
		e.Class, e.Width, e.Height = "embed-video embed-9x16", 315, 560
	}
	return ""
}

func youTubeID(id string) bool {
	if len(id) != 11 {
		return false
	}
	for _, c := range []byte(id) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// seconds reads a YouTube start time: 90, 90s, 1m30s or 1h2m3s.
func seconds(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil && n >= 0 {
		return n, true
	}
	if s == "" {
		return 0, false
	}
	total, num, units := 0, -1, "hms"
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			if num < 0 {
				num = 0
			}
			num = num*10 + int(c-'0')
			if num > 1e6 {
				return 0, false
			}
		case num >= 0 && strings.ContainsRune(units, c):
			i := strings.IndexRune(units, c)
			total += num * [...]int{3600, 60, 1}[i+3-len(units)]
			units, num = units[i+1:], -1
		default:
			return 0, false
		}
	}
	return total, num < 0
}

// OpenStreetMap: the address of Share → HTML,
// https://www.openstreetmap.org/export/embed.html?bbox=…&layer=mapnik&marker=…
func openStreetMap(u *url.URL, e *Node) string {
	how := "copy the address from OpenStreetMap's Share → HTML: the address after src=, which starts https://www.openstreetmap.org/export/embed.html?bbox="
	if u.Path != "/export/embed.html" {
		return fmt.Sprintf("%s is not the address of a map to embed; %s", diag.Shorten(u.String(), 100), how)
	}
	q := u.Query()
	bbox, ok := numbers(q.Get("bbox"), 4)
	if !ok || bbox[0] >= bbox[2] || bbox[1] >= bbox[3] {
		return fmt.Sprintf("bbox=%s: want the map's west, south, east and north edges in degrees; %s", q.Get("bbox"), how)
	}
	layer := q.Get("layer")
	if layer == "" {
		layer = "mapnik"
	}
	for _, c := range []byte(layer) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return fmt.Sprintf("layer=%s is not a map layer of OpenStreetMap; %s", layer, how)
		}
	}
	box := strings.Join(bbox, ",")
	e.Src = "https://www.openstreetmap.org/export/embed.html?bbox=" + box + "&layer=" + layer
	e.Href = "https://www.openstreetmap.org/?bbox=" + box
	if m := q.Get("marker"); m != "" {
		at, ok := numbers(m, 2)
		if !ok {
			return fmt.Sprintf("marker=%s: want the latitude and longitude of the marker; %s", m, how)
		}
		e.Src += "&marker=" + at[0] + "," + at[1]
		e.Href = "https://www.openstreetmap.org/?mlat=" + at[0] + "&mlon=" + at[1] + "&bbox=" + box
	}
	e.Class, e.Width, e.Height = "embed-map embed-4x3", 640, 480
	return ""
}

// numbers reads n comma-separated degrees, written again in plain
// decimals.
func numbers(s string, n int) ([]string, bool) {
	parts := strings.Split(s, ",")
	if len(parts) != n {
		return nil, false
	}
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || f < -180 || f > 180 { // also NaN
			return nil, false
		}
		parts[i] = strconv.FormatFloat(f, 'f', -1, 64)
	}
	return parts, true
}

// Google Maps: the address of Share → Embed a map,
// https://www.google.com/maps/embed?pb=…
func googleMaps(u *url.URL, e *Node) string {
	q := u.Query()
	if u.Path != "/maps/embed" || q.Get("pb") == "" {
		return fmt.Sprintf("%s is not the address of a map to embed; in Google Maps choose Share → Embed a map → Copy HTML, and copy the address after src=, which starts https://www.google.com/maps/embed?pb=", diag.Shorten(u.String(), 100))
	}
	// The address as Google gives it (pb=!1m18!1m12…), when it is only
	// that: encoded again, each ! would become %21.
	query := u.RawQuery
	if !strings.HasPrefix(query, "pb=") || strings.Trim(query, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!%._~*:=-") != "" || strings.Count(query, "=") != 1 {
		query = url.Values{"pb": {q.Get("pb")}}.Encode()
	}
	e.Src = "https://www.google.com/maps/embed?" + query
	e.Href = e.Src // the same address opens the map on its own page
	e.Class, e.Width, e.Height = "embed-map embed-4x3", 640, 480
	return ""
}

// Google Forms: https://docs.google.com/forms/d/e/ID/viewform, shown with
// embedded=true.
func googleForms(u *url.URL, e *Node) string {
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) != 5 || parts[0] != "forms" || parts[1] != "d" || parts[2] != "e" || parts[4] != "viewform" || !formID(parts[3], false) {
		return fmt.Sprintf("%s is not the address of a published form; in Google Forms choose Send → <> (embed HTML) and copy the address after src=, or open the form as a visitor and copy the address that ends in /viewform", diag.Shorten(u.String(), 100))
	}
	e.Href = "https://docs.google.com/forms/d/e/" + parts[3] + "/viewform"
	e.Src = e.Href + "?embedded=true"
	e.Class, e.Width, e.Height = "embed-form", 640, 1000
	return ""
}

// LoGoフォーム: https://logoform.jp/form/TENANT/NUMBER.
func logoForm(u *url.URL, e *Node) string {
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) != 3 || parts[0] != "form" || !formID(parts[1], false) || !formID(parts[2], true) {
		return fmt.Sprintf("%s is not the address of a LoGoフォーム form; copy the form's public address, such as https://logoform.jp/form/AbCd/123456", diag.Shorten(u.String(), 100))
	}
	e.Href = "https://logoform.jp/form/" + parts[1] + "/" + parts[2]
	e.Src = e.Href
	e.Class, e.Width, e.Height = "embed-form", 640, 1000
	return ""
}

// formID reports whether s is a form's ID: letters, digits, - and _, or
// digits only.
func formID(s string, digits bool) bool {
	if s == "" || len(s) > 200 {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= '0' && c <= '9' || !digits && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_')) {
			return false
		}
	}
	return true
}

// linkText is the text of the link under an embed, in the page's
// language (Japanese or English).
func linkText(e *Node, lang string) string {
	site := ""
	switch {
	case strings.HasPrefix(e.Src, "https://www.youtube-nocookie.com/"):
		site = "YouTube"
	case strings.HasPrefix(e.Src, "https://www.openstreetmap.org/"):
		site = "OpenStreetMap"
	case strings.HasPrefix(e.Src, "https://www.google.com/"):
		site = map[bool]string{true: "Googleマップ", false: "Google Maps"}[isJapanese(lang)]
	case strings.HasPrefix(e.Src, "https://docs.google.com/"):
		site = map[bool]string{true: "Googleフォーム", false: "Google Forms"}[isJapanese(lang)]
	default:
		site = map[bool]string{true: "LoGoフォーム", false: "LoGo Form"}[isJapanese(lang)]
	}
	if isJapanese(lang) {
		if e.Video {
			return site + "で「" + e.Title + "」を見る"
		}
		return site + "で「" + e.Title + "」を開く"
	}
	if e.Video {
		return "Watch “" + e.Title + "” on " + site
	}
	return "Open “" + e.Title + "” on " + site
}

// isJapanese reports whether lang is Japanese.
func isJapanese(lang string) bool {
	base, _, _ := strings.Cut(lang, "-")
	return base == "ja"
}
