// Package deploy copies a built site to object storage behind a CDN, so
// that visitors never meet a broken page and a mistake never wipes the
// site.
//
// # Targets
//
// The target is a bucket URL:
//
//	s3://bucket?region=ap-northeast-1                  Amazon S3
//	s3://bucket?endpoint=https://s3.example.jp&region=jp   S3-compatible storage
//	gs://bucket                                        Google Cloud Storage
//	azblob://container                                 Azure Blob Storage
//	file:///srv/www/kitami                             a folder (for tests and local servers)
//
// Folders and S3 (Amazon S3 and S3-compatible storage such as Cloudflare
// R2, Sakura, Wasabi or MinIO) are built in with the standard library
// alone: S3 through a small client of furusato's own (package
// internal/s3: net/http, requests signed with AWS Signature Version 4).
// The AWS SDK, a quarter of the compile work of furusato by itself, comes
// with a build tag, for the credentials the small client does not find
// (SSO, assume-role, instance and container roles, web identity). Google Cloud Storage and Azure Blob
// Storage go through gocloud.dev/blob, which with their cloud SDKs nearly
// doubles the size of the furusato binary, so they come with build tags
// too; a binary built without them links no gocloud.dev and no AWS SDK:
//
//	go build -tags awssdk ./cmd/furusato       s3:// through the AWS SDK
//	go build -tags gcs ./cmd/furusato          gs://
//	go build -tags azure ./cmd/furusato        azblob://
//	go build -tags gcs,azure ./cmd/furusato    both
//
// A binary built without the tag refuses such a target before any work,
// with the command that builds it in. The tests of this package run the
// same deploys against fake-gcs-server and Azurite in a build with the
// tags (go test -tags gcs,azure), and against versitygw in both S3
// builds (go test -tags awssdk).

// Add prefix=site/ to publish under a folder of the bucket.
//
// An s3:// target takes the parameters it took when furusato reached S3
// through gocloud.dev/blob: region, endpoint, profile, role,
// use_path_style, hostname_immutable (as path-style for an endpoint),
// disable_https, accelerate, dualstack, fips, anonymous,
// request_checksum_calculation and response_checksum_validation
// (when_supported or when_required), ssetype and kmskeyid (server-side
// encryption), rate_limiter_capacity, and awssdk (ignored: the SDK is
// v2); any other is refused. The built-in client accepts the checksum
// parameters and rate_limiter_capacity and has no use for them (it signs
// every request with the SHA-256 of its body, and leaves retries to
// deploy), and refuses role=, which takes the AWS SDK. On Amazon S3 it
// addresses a bucket as https://BUCKET.s3.REGION.amazonaws.com/KEY
// (path-style when the bucket name has a dot). For an S3-compatible
// endpoint, deploy uses path-style addresses and, through the AWS SDK,
// asks only for the checksums such servers accept
// (request_checksum_calculation=when_required and the response
// counterpart), unless the URL says otherwise. A missing object
// (NoSuchKey, 404) is ErrNotFound; other client errors (4xx: access
// denied, no such bucket, a bad request) are not retried, while server
// errors, throttling, conflicts and timeouts are. Each S3 call of the
// built-in client has a time limit and stops as soon as the deploy is
// interrupted (Ctrl+C).

// A file:// target is a folder, made if missing, each object a file
// under it; keys that would reach outside it are refused. A file is
// written to a temporary file beside it and renamed into place, so a web
// server serving the folder never sends half a file (a deploy killed in
// the middle can leave a .NAME.RANDOM.tmp file behind). A folder keeps no
// headers: Content-Type, Cache-Control and Content-Encoding are for the
// web server to set (by file extension; .gz and .br copies need its
// precompressed-file setting). Earlier furusato versions, through
// gocloud.dev/blob/fileblob, kept each file's headers in a NAME.attrs
// file beside it; those of an earlier deploy are left alone, neither read
// nor removed, and may be deleted by hand. The parameters create_dir,
// metadata and no_tmp_dir are accepted and change nothing; dir_file_mode
// sets the mode of new folders.
//
// Credentials come only from each cloud's usual environment variables and
// files (AWS_ACCESS_KEY_ID and ~/.aws, GOOGLE_APPLICATION_CREDENTIALS,
// AZURE_STORAGE_ACCOUNT and az login ...), never from site.yaml, and are
// never printed. The built-in S3 client looks, in this order, at
// AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN);
// the profile's keys in the shared credentials file
// (AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials); then its keys
// in the config file (AWS_CONFIG_FILE, else ~/.aws/config, in a
// [profile NAME] section). The profile is profile=, else AWS_PROFILE,
// else default. The region is region=, else AWS_REGION, else
// AWS_DEFAULT_REGION, else the profile's region in the config file. A
// profile that signs in through SSO, a role or a credential process, web
// identity, or no credentials at all (where the AWS SDK would ask the
// machine's instance or container role) is refused when the target is
// opened, before any upload, with where it looked and the build tag
// that has the AWS SDK's whole credential chain.

// # What a deploy does
//
// The bucket holds a manifest of what furusato put there (Key). A deploy
// compares it with the build's manifest and uploads only the files whose
// content or headers changed, with Content-Type, Cache-Control and
// Content-Encoding from the manifest. Uploads go in three rounds, each
// finished before the next begins, so that no page names a file that is
// not there yet: assets (styles, scripts, images), then pages, then feeds,
// the sitemap and robots.txt. The manifest is written last.
//
// Files that left the site are deleted only with Delete, after everything
// else, and never more than MaxDeletes in one deploy: past that nothing is
// uploaded or deleted, and the deploy says why. Fingerprinted files are kept for
// site.yaml's deploy.keepOldAssets after they left the site, since pages
// cached before the deploy still name them.
//
// Transient errors are retried. A deploy that fails says what was and was
// not uploaded and records what was, so running it again finishes the job.
//
// A deploy trusts the record: a file that someone deleted or replaced in
// the bucket by hand is not uploaded again while it is unchanged in the
// site. With Verify, a deploy first lists the bucket (one request per
// 1,000 objects on S3) and uploads again every file of the record that is
// missing or of another size there.
//
// The record is also written while files upload, so that a deploy that
// cannot say anything at its end (killed with kill -9, a CI job past its
// timeout, a machine switched off) costs the next one only the files of
// the last few seconds: it is written again once RecordEvery has passed
// since the last time and the files uploaded since add up to four times
// the size the record would have, so that the record of a large site
// costs at most a quarter of what its files cost.
package deploy

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/furusato/furusato/internal/assets"
	"github.com/furusato/furusato/internal/outputs"
)

// Key is the object that records what the bucket holds.
const Key = ".furusato/deployed.json"

// Options are the choices of one deploy.
type Options struct {
	DryRun bool // say what would be done, change nothing
	// Verify lists the bucket first, and uploads again the files of the
	// record that are not there as recorded (see the package
	// documentation).
	Verify     bool
	Delete     bool          // delete files that left the site
	MaxDeletes int           // never delete more than this many files; 0 means DefaultMaxDeletes, NoDeletes none
	KeepOld    time.Duration // keep fingerprinted files this long after they left the site
	Now        time.Time     // zero means now
	Log        io.Writer     // progress and summary
	Retries    int           // attempts per file after the first; 0 means 3
	RetryWait  time.Duration // the first pause between attempts, doubled each time; 0 means none
	Workers    int           // uploads at once; 0 means 4
	// RecordEvery is the least time between two writes of the record
	// while files upload; 0 means DefaultRecordEvery.
	RecordEvery time.Duration

	recordEachUpload bool // tests: write the record after every upload
}

// DefaultRecordEvery is the least time between two writes of the record
// while files upload, unless told.
const DefaultRecordEvery = 2 * time.Second

// TooManyDeletesError is the error of a deploy with Delete that would
// delete more than MaxDeletes files: it uploaded and deleted nothing.
type TooManyDeletesError struct {
	Deletes, Max int
}

func (e *TooManyDeletesError) Error() string {
	return fmt.Sprintf("%d files left the site, more than --max-deletes %d: nothing was uploaded or deleted, in case the build is missing pages by mistake. Check the list with --dry-run, then run again with --max-deletes %d", e.Deletes, e.Max, e.Deletes)
}

// DefaultMaxDeletes is how many files a deploy deletes at most unless told.
const DefaultMaxDeletes = 256

// NoDeletes as MaxDeletes lets a deploy delete nothing at all.
const NoDeletes = -1

// Summary is what a deploy did.
type Summary struct {
	Uploaded, Unchanged int
	UploadedBytes       int64
	Deleted             int
	Stale               []string // files that left the site and are still in the bucket
	KeptUntil           map[string]time.Time
}

// Remote is the manifest stored in the bucket: what furusato put there
// and has not deleted.
type Remote struct {
	Version int           `json:"version"`
	Files   []RemoteEntry `json:"files"` // sorted by path
}

// RemoteEntry is one file in the bucket.
type RemoteEntry struct {
	assets.Entry
	// Left is when the file left the site; zero while it is part of it.
	Left time.Time `json:"left,omitzero"`
}

// Deploy publishes files (by output path) as described by m to store.
func Deploy(ctx context.Context, store Store, files map[string][]byte, m *assets.Manifest, opts Options) (*Summary, error) {
	opts = withDefaults(opts)
	d := &deployer{store: store, files: files, opts: opts, log: opts.Log}
	return d.run(ctx, m)
}

func withDefaults(o Options) Options {
	switch {
	case o.MaxDeletes == 0:
		o.MaxDeletes = DefaultMaxDeletes
	case o.MaxDeletes < 0:
		o.MaxDeletes = 0
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.Retries == 0 {
		o.Retries = 3
	}
	if o.Workers == 0 {
		o.Workers = 4
	}
	if o.RecordEvery == 0 {
		o.RecordEvery = DefaultRecordEvery
	}
	return o
}

type deployer struct {
	store Store
	files map[string][]byte
	opts  Options
	log   io.Writer

	mu     sync.Mutex
	remote map[string]RemoteEntry // what the bucket holds, updated as files are uploaded
	done   int
	bytes  int64
	total  int
	totalB int64

	// recording is held while the record is written, so that two uploads
	// never write it at once; a worker that finds it held goes on, and a
	// later one records its upload too.
	recording   sync.Mutex
	recorded    time.Time // when the record was last written or read
	entrySize   int64     // the size of one file in the record then, on average
	sinceRecord int64     // bytes uploaded since
}

func (d *deployer) run(ctx context.Context, m *assets.Manifest) (*Summary, error) {
	remote, err := d.readRemote(ctx)
	if err != nil {
		return nil, err
	}
	d.remote = remote
	if d.opts.Verify {
		if err := d.verify(ctx); err != nil {
			return nil, err
		}
	}
	d.recorded = time.Now()
	if d.entrySize == 0 {
		d.entrySize = 256 // a guess until the first record is written
	}
	sum := &Summary{KeptUntil: map[string]time.Time{}}

	local := map[string]assets.Entry{}
	rounds := make([][]assets.Entry, len(outputs.Phases))
	for _, e := range m.Files {
		if _, ok := d.files[e.Path]; !ok {
			return nil, fmt.Errorf("deploy: %s is in the manifest but not in the build", e.Path)
		}
		local[e.Path] = e
		if r, ok := remote[e.Path]; ok && r.Entry == e {
			sum.Unchanged++
			if !r.Left.IsZero() { // back in the site, unchanged
				r.Left = time.Time{}
				d.remote[e.Path] = r
			}
			continue
		}
		rounds[e.Kind.Phase()] = append(rounds[e.Kind.Phase()], e)
		d.total++
		d.totalB += e.Size
	}

	// Files that left the site.
	var deletable []string
	for p, r := range remote {
		if _, ok := local[p]; ok {
			continue
		}
		if r.Left.IsZero() {
			r.Left = d.opts.Now
			d.remote[p] = r
		}
		sum.Stale = append(sum.Stale, p)
		if r.Immutable && d.opts.Now.Sub(r.Left) < d.opts.KeepOld {
			sum.KeptUntil[p] = r.Left.Add(d.opts.KeepOld)
			continue
		}
		deletable = append(deletable, p)
	}
	slices.Sort(sum.Stale)
	slices.Sort(deletable)

	if d.opts.DryRun {
		d.describe(rounds, deletable, sum)
		return sum, nil
	}
	if d.opts.Delete && len(deletable) > d.opts.MaxDeletes {
		// Before any upload: a build that lost pages by mistake has also
		// lost them from its lists, its sitemap and its feeds.
		return sum, &TooManyDeletesError{Deletes: len(deletable), Max: d.opts.MaxDeletes}
	}
	if d.total == 0 {
		if d.opts.Verify {
			fmt.Fprintf(d.log, "Nothing to upload: the bucket has all %d files of the site.\n", sum.Unchanged)
		} else {
			fmt.Fprintf(d.log, "Nothing to upload: the record of the last deploy has all %d files of the site (--verify checks the bucket itself).\n", sum.Unchanged)
		}
	} else {
		fmt.Fprintf(d.log, "Uploading %d of %d files (%s); %d unchanged.\n", d.total, len(m.Files), assets.Size(d.totalB), sum.Unchanged)
	}
	for i, r := range rounds {
		if err := d.upload(ctx, outputs.Phases[i], r); err != nil {
			sum.Uploaded, sum.UploadedBytes = d.done, d.bytes
			return sum, d.failed(ctx, rounds, i, err)
		}
	}
	sum.Uploaded, sum.UploadedBytes = d.done, d.bytes
	if err := d.writeRemote(ctx); err != nil {
		return sum, fmt.Errorf("every file was uploaded, but the record of them could not be written (%w); run the deploy again", err)
	}

	if !d.opts.Delete {
		return sum, nil
	}
	for _, p := range deletable {
		if err := d.retry(ctx, p, func() error { return d.store.Delete(ctx, p) }); err != nil {
			_ = d.writeRemote(context.WithoutCancel(ctx))
			return sum, fmt.Errorf("delete %s: %w (deleted %d of %d; every upload is done; run the deploy again to finish)", p, err, sum.Deleted, len(deletable))
		}
		fmt.Fprintf(d.log, "  deleted %s\n", p)
		d.mu.Lock()
		delete(d.remote, p)
		d.mu.Unlock()
		sum.Deleted++
		sum.Stale = slices.DeleteFunc(sum.Stale, func(s string) bool { return s == p })
	}
	if sum.Deleted > 0 {
		if err := d.writeRemote(ctx); err != nil {
			return sum, fmt.Errorf("files were deleted, but the record could not be written (%w); run the deploy again", err)
		}
	}
	return sum, nil
}

// verify lists the bucket and takes out of the record the files that are
// not there as recorded: missing, or of another size (replaced or cut
// short by someone or something else). The deploy then uploads them
// again, as it uploads any file the record does not have.
func (d *deployer) verify(ctx context.Context) error {
	sizes := map[string]int64{}
	if err := d.store.List(ctx, func(key string, size int64) { sizes[key] = size }); err != nil {
		return fmt.Errorf("listing the bucket to verify it: %w; nothing was published", err)
	}
	var missing, changed []string
	for p, r := range d.remote {
		switch n, ok := sizes[p]; {
		case !ok:
			missing = append(missing, p)
		case n != r.Size:
			changed = append(changed, p)
		default:
			continue
		}
		delete(d.remote, p)
	}
	if len(missing)+len(changed) == 0 {
		fmt.Fprintf(d.log, "Verified the bucket against the record of the last deploy (%d files): all there as recorded.\n", len(d.remote))
		return nil
	}
	slices.Sort(missing)
	slices.Sort(changed)
	fmt.Fprintf(d.log, "Verified the bucket against the record of the last deploy (%d files): missing %d, another size %d; they are uploaded again.\n",
		len(d.remote)+len(missing)+len(changed), len(missing), len(changed))
	for i, p := range slices.Concat(missing, changed) {
		if i == 10 {
			fmt.Fprintf(d.log, "  and %d more\n", len(missing)+len(changed)-i)
			break
		}
		what := "missing"
		if i >= len(missing) {
			what = "another size"
		}
		fmt.Fprintf(d.log, "  %s (%s)\n", p, what)
	}
	return nil
}

// upload sends one round of files, several at once, and records each.
func (d *deployer) upload(ctx context.Context, name string, entries []assets.Entry) error {
	if len(entries) == 0 {
		return nil
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(d.opts.Workers)
	for _, e := range entries {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err // Ctrl+C, or another upload failed: none is begun after
			}
			data := d.files[e.Path]
			meta := Meta{ContentType: e.ContentType, CacheControl: e.CacheControl, ContentEncoding: e.ContentEncoding, Redirect: e.Redirect}
			if err := d.retry(gctx, e.Path, func() error { return d.store.Write(gctx, e.Path, data, meta) }); err != nil {
				return fmt.Errorf("upload %s: %w", e.Path, err)
			}
			d.mu.Lock()
			d.remote[e.Path] = RemoteEntry{Entry: e}
			d.done++
			d.bytes += e.Size
			d.sinceRecord += e.Size
			fmt.Fprintf(d.log, "  [%d/%d files, %s/%s] %s\n", d.done, d.total, assets.Size(d.bytes), assets.Size(d.totalB), e.Path)
			d.mu.Unlock()
			d.checkpoint(gctx)
			return nil
		})
	}
	return g.Wait()
}

// failed records what was uploaded and explains what was not.
func (d *deployer) failed(ctx context.Context, rounds [][]assets.Entry, at int, cause error) error {
	recordErr := d.writeRemote(context.WithoutCancel(ctx))
	var missing []string
	for i := at; i < len(rounds); i++ {
		for _, e := range rounds[i] {
			d.mu.Lock()
			r, ok := d.remote[e.Path]
			d.mu.Unlock()
			if !ok || r.Entry != e {
				missing = append(missing, e.Path)
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "deploy failed while uploading %s: %v\n", outputs.Phases[at], cause)
	fmt.Fprintf(&b, "Uploaded %d of %d files (%s of %s). Not uploaded (%d):", d.done, d.total, assets.Size(d.bytes), assets.Size(d.totalB), len(missing))
	for i, p := range missing {
		if i == 10 {
			fmt.Fprintf(&b, "\n  and %d more", len(missing)-10)
			break
		}
		b.WriteString("\n  " + p)
	}
	if at < len(rounds)-1 {
		fmt.Fprintf(&b, "\nNo %s were uploaded after the failure, so no page names a missing file.", strings.Join(outputs.Phases[at+1:], " or "))
	}
	b.WriteString("\nNothing was deleted.")
	if recordErr != nil {
		fmt.Fprintf(&b, " The record of what was uploaded could not be written either (%v): the next deploy uploads those files again.", recordErr)
	}
	b.WriteString(" Run the same command again to finish.")
	return errors.New(b.String())
}

// retry runs f until it succeeds, fails for good, or runs out of attempts.
func (d *deployer) retry(ctx context.Context, what string, f func() error) error {
	wait := d.opts.RetryWait
	var err error
	for attempt := 0; attempt <= d.opts.Retries; attempt++ {
		if err = f(); err == nil || !transient(ctx, err) {
			return err
		}
		if attempt < d.opts.Retries {
			fmt.Fprintf(d.log, "  retrying %s: %v\n", what, err)
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait):
			}
			wait *= 2
		}
	}
	return err
}

// checkpoint writes the record when it is due (see the package
// documentation). A record that cannot be written now is no reason to
// stop uploading: the one at the end says so if it fails too.
func (d *deployer) checkpoint(ctx context.Context) {
	d.mu.Lock()
	due := d.opts.recordEachUpload ||
		time.Since(d.recorded) >= d.opts.RecordEvery && d.sinceRecord >= 4*d.entrySize*int64(len(d.remote))
	d.mu.Unlock()
	if !due || !d.recording.TryLock() {
		return
	}
	defer d.recording.Unlock()
	if err := d.writeRemote(ctx); err != nil && ctx.Err() == nil {
		fmt.Fprintf(d.log, "  could not record the uploads so far (%v); going on\n", err)
	}
}

func (d *deployer) readRemote(ctx context.Context) (map[string]RemoteEntry, error) {
	data, err := d.store.ReadAll(ctx, Key)
	out := map[string]RemoteEntry{}
	if errors.Is(err, ErrNotFound) {
		return out, nil // a first deploy
	}
	if err != nil {
		return nil, fmt.Errorf("read %s from the bucket: %w", Key, err)
	}
	var r Remote
	if err := json.Unmarshal(data, &r); err != nil || r.Version != 1 {
		return nil, fmt.Errorf("%s in the bucket is not a manifest furusato can read (%v); remove it to upload every file again", Key, cmp.Or[any](err, fmt.Sprintf("version %d", r.Version)))
	}
	for _, e := range r.Files {
		out[e.Path] = e
	}
	if len(r.Files) > 0 {
		d.entrySize = int64(len(data) / len(r.Files))
	}
	return out, nil
}

// writeRemote writes the record of what the bucket holds. The store
// replaces an object whole (a folder by renaming a temporary file into
// place), so a deploy killed while writing it leaves the record before.
func (d *deployer) writeRemote(ctx context.Context) error {
	d.mu.Lock()
	r := Remote{Version: 1, Files: make([]RemoteEntry, 0, len(d.remote))}
	for _, e := range d.remote {
		r.Files = append(r.Files, e)
	}
	d.sinceRecord = 0
	d.recorded = time.Now()
	d.mu.Unlock()
	slices.SortFunc(r.Files, func(a, b RemoteEntry) int { return cmp.Compare(a.Path, b.Path) })
	data, err := json.MarshalIndent(r, "", " ")
	if err != nil {
		return err
	}
	if n := len(r.Files); n > 0 {
		d.mu.Lock()
		d.entrySize = int64(len(data) / n)
		d.mu.Unlock()
	}
	return d.retry(ctx, Key, func() error {
		return d.store.Write(ctx, Key, append(data, '\n'), Meta{ContentType: "application/json", CacheControl: "no-store"})
	})
}

// describe prints what a deploy would do.
func (d *deployer) describe(rounds [][]assets.Entry, deletable []string, sum *Summary) {
	fmt.Fprintf(d.log, "Dry run: nothing is changed.\nWould upload %d files (%s); %d unchanged.\n", d.total, assets.Size(d.totalB), sum.Unchanged)
	for i, r := range rounds {
		for _, e := range r {
			fmt.Fprintf(d.log, "  upload (%s) %s  %s  %s\n", outputs.Phases[i], e.Path, e.ContentType, e.CacheControl)
		}
	}
	for _, p := range sum.Stale {
		switch {
		case !sum.KeptUntil[p].IsZero():
			fmt.Fprintf(d.log, "  keep %s until %s (old pages in caches may still name it)\n", p, sum.KeptUntil[p].Format(time.RFC3339))
		case d.opts.Delete && len(deletable) <= d.opts.MaxDeletes:
			fmt.Fprintf(d.log, "  delete %s\n", p)
		default:
			fmt.Fprintf(d.log, "  left the site, kept: %s\n", p)
		}
	}
	if d.opts.Delete && len(deletable) > d.opts.MaxDeletes {
		fmt.Fprintf(d.log, "Would delete nothing: %d files left the site, more than --max-deletes %d.\n", len(deletable), d.opts.MaxDeletes)
	}
}
