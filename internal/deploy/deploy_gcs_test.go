//go:build gcs

package deploy_test

import (
	"net"
	"net/http"
	"os/exec"
	"strings"
	"testing"
)

func init() {
	servers = append(servers, server{name: "gs", start: startGCS, gunzips: true})
	builtIn["gs"] = true
}

// fakeGCSVersion is the Cloud Storage emulator the tests run; .ci/run
// installs it.
const fakeGCSVersion = "v1.56.1"

// startGCS starts fake-gcs-server on a free loopback port, in memory,
// with a bucket "site", and returns the target URL. gcsblob reaches it
// through STORAGE_EMULATOR_HOST, as the Google client libraries do: it
// then sends no credentials and asks for none.
func startGCS(t *testing.T) string {
	t.Helper()
	bin := tool(t, "fake-gcs-server", "go install github.com/fsouza/fake-gcs-server@"+fakeGCSVersion)
	addr := loopbackAddr(t)
	host, port, _ := net.SplitHostPort(addr)
	// The client reads objects path-style from the emulator's address,
	// which fake-gcs-server serves only as its -public-host: without it
	// the record of a deploy is not found and every deploy uploads all.
	startServer(t, exec.Command(bin,
		"-scheme", "http", "-host", host, "-port", port,
		"-backend", "memory", "-data", t.TempDir(),
		"-external-url", "http://"+addr, "-public-host", addr,
		"-log-level", "warn"), addr)
	resp, err := http.Post("http://"+addr+"/storage/v1/b?project=furusato-test", "application/json", strings.NewReader(`{"name": "site"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("creating the bucket: %s", resp.Status)
	}
	t.Setenv("STORAGE_EMULATOR_HOST", addr)
	t.Setenv("STORAGE_EMULATOR_HOST_GRPC", "")
	return "gs://site"
}
