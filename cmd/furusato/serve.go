package main

import (
	"context"
	"fmt"
	"io"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/server"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlags("serve", "serve [-s SITE_DIR] [--addr 127.0.0.1:1313] [--drafts] [--future]", stdout)
	siteDir := fl.String("s", ".", "the site `folder` to serve and watch")
	addr := fl.String("addr", server.DefaultAddr, "listen on this `host:port`; a port of 0 picks a free one, and an empty host means 127.0.0.1")
	drafts := fl.Bool("drafts", false, "show pages marked draft: true, with a draft mark")
	future := fl.Bool("future", false, "show pages whose date is in the future")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return &usageError{fmt.Sprintf("serve takes no arguments, got %q (the site folder is given with -s)", fl.Arg(0)), "serve"}
	}
	fsys, _, err := openSite(*siteDir, flagSet(fl, "s"), false, stderr)
	if err != nil {
		return err
	}
	srv, err := server.New(ctx, server.Options{
		Build:   build.Options{Site: fsys, SiteDir: *siteDir, Drafts: *drafts, Future: *future},
		SiteDir: *siteDir,
		Addr:    *addr,
		Log:     stdout,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Serving %s at %s", *siteDir, srv.URL())
	for _, l := range srv.Languages() {
		fmt.Fprintf(stdout, " and %s%s/", srv.URL(), l)
	}
	fmt.Fprintln(stdout, "\nWatching for changes. Press Ctrl+C to stop.")
	err = srv.Serve(ctx)
	fmt.Fprintln(stdout, "Stopped.")
	return err
}
