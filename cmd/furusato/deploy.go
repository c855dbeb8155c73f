package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/furusato/furusato/internal/assets"
	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/deploy"
)

func runDeploy(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlags("deploy", "deploy --target URL [-s SITE_DIR] [--dry-run] [--verify] [--delete] [--max-deletes N] [--force]", stdout)
	siteDir := fl.String("s", ".", "the site `folder`, with site.yaml, content/, templates/ and static/")
	target := fl.String("target", "", "the bucket `URL`: s3://bucket?region=…, s3://bucket?endpoint=…, gs://bucket, azblob://container or file:///path")
	dryRun := fl.Bool("dry-run", false, "say what would be uploaded and deleted, and change nothing")
	verify := fl.Bool("verify", false, "list the bucket first, and upload again the files of the last deploy that are missing there or have another size (deleted or replaced by hand)")
	del := fl.Bool("delete", false, "delete files that are no longer part of the site, after every upload")
	maxDeletes := fl.Int("max-deletes", deploy.DefaultMaxDeletes, "delete nothing when more than `N` files would go")
	force := fl.Bool("force", false, "publish even when furusato check finds errors")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return &usageError{fmt.Sprintf("deploy takes no arguments, got %q (the target is given with --target)", fl.Arg(0)), "deploy"}
	}
	if *target == "" {
		return &usageError{"deploy needs --target, the bucket to publish to (e.g. --target s3://my-bucket?region=ap-northeast-1)", "deploy"}
	}
	if err := deploy.CheckTarget(*target); err != nil {
		return &usageError{err.Error(), "deploy"}
	}
	if *maxDeletes < 0 {
		return &usageError{"--max-deletes must be 0 or more", "deploy"}
	}
	opts := build.Options{}
	var err error
	if opts.Site, opts.SiteDir, err = openSite(*siteDir, flagSet(fl, "s"), false, stderr); err != nil {
		return err
	}
	if dir := deploy.Folder(*target); dir != "" && opts.SiteDir != "" {
		// What the next build would read, and publish again inside itself.
		for _, part := range []string{"content", "static", "templates"} {
			if inside(dir, filepath.Join(opts.SiteDir, part)) {
				return &usageError{fmt.Sprintf("--target %s is inside the site's %s/ folder, which the next build would publish; deploy to a folder outside content/, static/ and templates/", deploy.Redact(*target), part), "deploy"}
			}
		}
	}

	// The same checks as furusato check, on the very files to be uploaded.
	checked, err := checkSite(ctx, opts)
	if errors.Is(err, errCheckInterrupted) {
		return errors.New("interrupted; nothing was published")
	}
	if err != nil {
		return err
	}
	errs, _ := checked.report.Count()
	for _, p := range checked.report.Problems {
		fmt.Fprintln(stderr, p.String())
	}
	if checked.result == nil {
		return fmt.Errorf("the site does not build (%s above); nothing was published", plural(errs, "error"))
	}
	if errs > 0 {
		if !*force {
			return fmt.Errorf("furusato check found %s (above); nothing was published. Fix them, or deploy with --force to publish anyway", plural(errs, "error"))
		}
		fmt.Fprintf(stderr, "\n*** WARNING: --force: publishing despite %s found by furusato check. Visitors will meet them. ***\n\n", plural(errs, "error"))
	}

	bucket, err := deploy.Open(ctx, *target)
	if err != nil {
		return err
	}
	defer bucket.Close()
	cfg := checked.result.Site.Config
	if name := exampleDomain(cfg.Base.Hostname()); name != "" {
		fmt.Fprintf(stderr, "site.yaml: warning: baseURL %s is an example address (%s is kept for examples), not the site's: the published sitemap, feeds and the links that social media show point there. Set baseURL to the site's own address.\n", cfg.BaseURL, name)
	}
	where := deploy.Redact(*target)
	fmt.Fprintf(stdout, "Deploying %s to %s\n", cfg.BaseURL, where)
	sum, err := deploy.Deploy(ctx, bucket, checked.files.Files(), checked.result.Manifest, deploy.Options{
		DryRun: *dryRun, Verify: *verify, Delete: *del, MaxDeletes: maxDeletesOption(*maxDeletes), KeepOld: cfg.Deploy.KeepOld, Log: stdout,
		RetryWait: retryWait,
	})
	if _, guarded := errors.AsType[*deploy.TooManyDeletesError](err); sum != nil && !*dryRun && !guarded {
		printDeploySummary(stdout, sum, where, *del, err != nil)
	}
	if err != nil && ctx.Err() != nil {
		return errors.New("interrupted; run the deploy again to finish it")
	}
	if err != nil {
		return errors.New("furusato deploy: " + err.Error())
	}
	return nil
}

// exampleDomain returns the domain of host kept for examples and tests
// (RFC 2606, RFC 6761), or "": the example site's baseURL, which a site
// made with furusato init keeps until it is changed.
func exampleDomain(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, d := range []string{"example", "test", "invalid", "localhost", "example.com", "example.net", "example.org"} {
		if host == d || strings.HasSuffix(host, "."+d) {
			if !strings.Contains(d, ".") {
				return "." + d
			}
			return d
		}
	}
	return ""
}

// maxDeletesOption turns --max-deletes into deploy.Options.MaxDeletes,
// where 0 means the default: --max-deletes 0 must delete nothing.
func maxDeletesOption(n int) int {
	if n == 0 {
		return deploy.NoDeletes
	}
	return n
}

func printDeploySummary(w io.Writer, sum *deploy.Summary, where string, deleted, failed bool) {
	head := "Deployed to " + where + ":"
	if failed {
		head = "The deploy to " + where + " stopped (run it again to finish):"
	}
	fmt.Fprintf(w, "%s %s uploaded (%s), %d unchanged, %d deleted.\n",
		head, plural(sum.Uploaded, "file"), assets.Size(sum.UploadedBytes), sum.Unchanged, sum.Deleted)
	if failed {
		return
	}
	kept := 0
	for _, p := range sum.Stale {
		if _, ok := sum.KeptUntil[p]; !ok {
			kept++
		}
	}
	if len(sum.KeptUntil) > 0 {
		fmt.Fprintf(w, "%d old fingerprinted files stay in the bucket for pages that caches still hold (site.yaml deploy.keepOldAssets).\n", len(sum.KeptUntil))
	}
	if kept > 0 && !deleted {
		fmt.Fprintf(w, "%s no longer part of the site and still in the bucket; deploy --delete removes them.\n", plural(kept, "file"))
	}
}

// inside reports whether the path p is dir or a path in it.
func inside(p, dir string) bool {
	ap, err1 := filepath.Abs(p)
	ad, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(ad, ap)
	return err == nil && (filepath.IsLocal(rel) || rel == ".")
}
