package editor

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkKeystrokeToPreview measures what the browser waits for after a
// pause in typing, on the example site: the check and build of the page
// with one more word in its body, and the load of the preview's page.
// The editor's aim is 150 ms at most.
func BenchmarkKeystrokeToPreview(b *testing.B) {
	h := start(b)
	body := h.read(kaname)
	body = body[strings.LastIndex(body, "---\n")+4:]
	preview := func(i int) {
		data, _ := json.Marshal(map[string]any{"file": kaname, "fields": map[string]any{}, "body": body + "\n追記 " + strconv.Itoa(i) + "\n"})
		req, _ := http.NewRequest("POST", h.base+"/api/preview", strings.NewReader(string(data)))
		req.Header.Set(tokenHeader, h.ed.token)
		req.Header.Set("Origin", h.base)
		res, err := h.client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		var out checkResult
		json.NewDecoder(res.Body).Decode(&out)
		res.Body.Close()
		if out.URL == "" || len(out.Errors) > 0 {
			b.Fatalf("preview: %+v", out)
		}
		res, err = h.client.Get(h.base + out.URL)
		if err != nil {
			b.Fatal(err)
		}
		page, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !strings.Contains(string(page), "追記 "+strconv.Itoa(i)) {
			b.Fatalf("the preview does not show keystroke %d", i)
		}
	}
	preview(-1) // the first build reads everything
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		preview(i)
	}
}
