package main

import (
	"context"
	"fmt"
	"io"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/editor"
	"github.com/furusato/furusato/internal/server"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlags("serve", "serve [-s SITE_DIR] [--addr 127.0.0.1:1313] [--network] [--drafts] [--future] [--date YYYY-MM-DD] [--no-editor] [--editor-addr 127.0.0.1:0]", stdout)
	siteDir := fl.String("s", ".", "the site `folder` to serve and watch")
	addr := fl.String("addr", server.DefaultAddr, "listen on this `host:port`; a port of 0 picks a free one, and an empty host means 127.0.0.1")
	drafts := fl.Bool("drafts", false, "show pages marked draft: true, with a draft mark")
	future := fl.Bool("future", false, "show pages whose date is in the future")
	date := fl.String("date", "", "show the site as it is on this `day` (2027-04-01) in the site's time zone: which pages are dated, expired, and whether applications are open")
	network := fl.Bool("network", false, "allow an --addr that is not loopback, such as 0.0.0.0:1313: the preview, which shows pages before they are published, is then open to every machine that reaches this one")
	noEditor := fl.Bool("no-editor", false, "do not offer the editor in the browser")
	editorAddr := fl.String("editor-addr", "127.0.0.1:0", "the editor's loopback `host:port`; a port of 0 picks a free one")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return &usageError{fmt.Sprintf("serve takes no arguments, got %q (the site folder is given with -s)", fl.Arg(0)), "serve"}
	}
	day, err := parseDateFlag(*date, "serve")
	if err != nil {
		return err
	}
	if _, err := server.CheckAddr(*addr, *network); err != nil {
		return &usageError{err.Error(), "serve"}
	}
	fsys, dir, err := openSite(*siteDir, flagSet(fl, "s"), false, stderr)
	if err != nil {
		return err
	}
	now, err := day.at(fsys)
	if err != nil {
		return err
	}
	srv, err := server.New(ctx, server.Options{
		Build:   build.Options{Site: fsys, SiteDir: *siteDir, Drafts: *drafts, Future: *future, Now: now},
		SiteDir: *siteDir,
		Addr:    *addr,
		Network: *network,
		Log:     stdout,
	})
	if err != nil && ctx.Err() != nil {
		fmt.Fprintln(stdout, "Stopped.") // during the first build
		return nil
	}
	if err != nil {
		return err
	}
	if *network {
		fmt.Fprintln(stderr, "WARNING: --network: the preview, drafts and future pages included, is open to every machine that can reach this one")
	}
	fmt.Fprintf(stdout, "Serving %s at %s", *siteDir, srv.URL())
	for _, l := range srv.Languages() {
		fmt.Fprintf(stdout, " and %s%s/", srv.URL(), l)
	}
	fmt.Fprintln(stdout)
	var ed *editor.Editor
	if dir != "" && !*noEditor {
		// The editor is on loopback whatever --network says: it writes files.
		ed, err = editor.New(editor.Options{Site: fsys, SiteDir: dir, Addr: *editorAddr, Log: stdout})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Editor (this computer only; the address holds its key): %s\n", ed.URL())
	}
	fmt.Fprintln(stdout, "Watching for changes. Press Ctrl+C to stop.")
	if ed != nil {
		edDone := make(chan error, 1)
		go func() { edDone <- ed.Serve(ctx) }()
		defer func() {
			if e := <-edDone; e != nil {
				fmt.Fprintf(stderr, "editor: %v\n", e)
			}
		}()
	}
	err = srv.Serve(ctx)
	fmt.Fprintln(stdout, "Stopped.")
	return err
}
