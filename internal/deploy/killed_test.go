package deploy_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/furusato/furusato/internal/assets"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/deploy"
)

// killedEnv tells the test binary, run again by TestKilledDeployResumes,
// to deploy to a target and stop after some uploads until it is killed:
// its value is the number of uploads, a space, and the target URL.
const killedEnv = "FURUSATO_TEST_KILLED_DEPLOY"

// stallingStore lets n uploads through, then says so on stdout and
// waits for a kill -9 in the middle of the next.
type stallingStore struct {
	deploy.Store
	mu sync.Mutex
	n  int
}

func (s *stallingStore) Write(ctx context.Context, key string, data []byte, meta deploy.Meta) error {
	if key != deploy.Key {
		s.mu.Lock()
		if s.n == 0 {
			fmt.Println("stalled")
			select {} // until killed
		}
		s.n--
		s.mu.Unlock()
	}
	return s.Store.Write(ctx, key, data, meta)
}

// killedDeploy is the deploy that TestKilledDeployResumes kills.
func killedDeploy(t *testing.T, spec string) {
	n, u, _ := strings.Cut(spec, " ")
	k, err := strconv.Atoi(n)
	if err != nil {
		t.Fatal(err)
	}
	b := buildSite(t, site(t))
	st := &stallingStore{Store: opener(u)(t), n: k}
	_, err = deploy.Deploy(context.Background(), st, b.files, b.manifest, deploy.RecordEachUpload(deploy.Options{Workers: 1, Now: buildtest.Now}))
	t.Fatalf("the deploy ended before it was killed: %v", err)
}

// A deploy killed with kill -9 says nothing at its end; the record it
// wrote as files went up lets the next deploy upload only the rest.
func TestKilledDeployResumes(t *testing.T) {
	if spec := os.Getenv(killedEnv); spec != "" {
		killedDeploy(t, spec)
		return
	}
	const k = 7
	targets(t, func(t *testing.T, tg target) {
		b := buildSite(t, site(t))
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledDeployResumes$")
		cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d %s", killedEnv, k, tg.url))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, _ := bufio.NewReader(out).ReadString('\n')
		cmd.Process.Kill() // SIGKILL
		cmd.Wait()
		if line != "stalled\n" {
			t.Fatalf("the deploy to kill did not get to its upload %d: %q\n%s", k+1, line, stderr.String())
		}

		sum, log, err := run(t, tg.open(t), b, deploy.Options{})
		if err != nil {
			t.Fatalf("rerun: %v\n%s", err, log)
		}
		if total := len(b.manifest.Files); sum.Uploaded != total-k || sum.Unchanged != k {
			t.Errorf("after a deploy killed at upload %d of %d, the rerun uploaded %d and kept %d, want %d and %d", k+1, total, sum.Uploaded, sum.Unchanged, total-k, k)
		}
	})
}

// countingStore counts the writes of the record.
type countingStore struct {
	deploy.Store
	mu      sync.Mutex
	records int
	size    int64 // of the last record
	bytes   int64 // of all records
}

func (c *countingStore) Write(ctx context.Context, key string, data []byte, meta deploy.Meta) error {
	if key == deploy.Key {
		c.mu.Lock()
		c.records++
		c.size = int64(len(data))
		c.bytes += c.size
		c.mu.Unlock()
	}
	return c.Store.Write(ctx, key, data, meta)
}

// Writing the record as files go up must stay cheap: a quick deploy
// writes it once, at its end, and however often the clock allows it, the
// records written before the end cost at most a quarter of the files.
func TestRecordStaysCheap(t *testing.T) {
	b := buildSite(t, site(t))
	// The site's files, and as many again ten times their size.
	big := built{files: map[string][]byte{}, manifest: &assets.Manifest{}}
	for _, e := range b.manifest.Files {
		big.manifest.Files = append(big.manifest.Files, e)
		big.files[e.Path] = b.files[e.Path]
		data := bytes.Repeat(b.files[e.Path], 10)
		e.Path, e.Size = "big/"+e.Path, int64(len(data))
		big.manifest.Files = append(big.manifest.Files, e)
		big.files[e.Path] = data
	}
	for _, every := range []time.Duration{0, time.Nanosecond} {
		st := &countingStore{Store: opener("file://" + t.TempDir())(t)}
		sum, log, err := run(t, st, big, deploy.Options{RecordEvery: every})
		if err != nil {
			t.Fatalf("%v\n%s", err, log)
		}
		before := st.bytes - st.size // the records written before the last
		t.Logf("RecordEvery %v: %d files (%d bytes), the record (%d bytes at the end) written %d times", every, sum.Uploaded, sum.UploadedBytes, st.size, st.records)
		if every == 0 && st.records != 1 {
			t.Errorf("a quick deploy wrote the record %d times", st.records)
		}
		if before > sum.UploadedBytes/4 {
			t.Errorf("RecordEvery %v: the records written while %d bytes of files went up took %d bytes", every, sum.UploadedBytes, before)
		}
	}
}
