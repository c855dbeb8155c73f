package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/diskfile"
	"github.com/furusato/furusato/internal/site"
	"github.com/furusato/furusato/internal/translation"
)

// runTranslated marks translations as up to date with their source: it
// writes the source's stamp into each (see package translation).
func runTranslated(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlags("translated", "translated [-s SITE_DIR] [-q] FILE... | --untracked", stdout)
	siteDir := fl.String("s", ".", "the site `folder`, with site.yaml, content/, templates/ and static/")
	untracked := fl.Bool("untracked", false, "mark every translation that records no source version yet (to start tracking a site's translations)")
	quiet := fl.Bool("q", false, "print nothing but errors")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() == 0 && !*untracked {
		return &usageError{"translated needs the translations to mark as up to date: furusato translated content/about.en.md", "translated"}
	}
	if fl.NArg() > 0 && *untracked {
		return &usageError{"give files or --untracked, not both", "translated"}
	}
	opts := build.Options{Drafts: true, Future: true}
	var err error
	if opts.Site, opts.SiteDir, err = openSite(*siteDir, flagSet(fl, "s"), false, stderr); err != nil {
		return err
	}
	s, err := build.NewBuilder(opts).Graph(ctx)
	if err != nil {
		return err
	}
	def := s.Config.Languages[0]
	byFile := map[string]*site.Page{}
	for _, p := range s.Pages {
		if p.Source() != nil {
			byFile[p.File] = p
		}
	}
	var pages []*site.Page
	if *untracked {
		st, err := translation.Check(ctx, s, opts.Site)
		if err != nil {
			return err
		}
		for _, p := range st.Untracked {
			if content.Placeholder(p.Source().Body) != "" {
				fmt.Fprintf(stdout, "%s: not marked: it still has the text that furusato new wrote\n", p.File)
				continue
			}
			pages = append(pages, p)
		}
	}
	var problems []string
	for _, arg := range fl.Args() {
		name, err := siteFile(opts.SiteDir, arg)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		p := byFile[name]
		switch {
		case p == nil:
			problems = append(problems, fmt.Sprintf("%s: not a page of the site (give a Markdown file of content/)", arg))
		case p.Lang.Code == def.Code:
			problems = append(problems, fmt.Sprintf("%s: is in %s, the language translations are made from; name its translation", arg, def.Code))
		case p.Translation(def.Code) == nil:
			problems = append(problems, fmt.Sprintf("%s: translates no page in %s (check its file name or translationKey)", arg, def.Code))
		case content.Placeholder(p.Source().Body) != "":
			problems = append(problems, fmt.Sprintf("%s: still has the text that furusato new wrote; translate the page first", arg))
		default:
			if !slices.Contains(pages, p) {
				pages = append(pages, p)
			}
		}
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "\n"))
	}
	for _, p := range pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		base := p.Translation(def.Code)
		body, err := translation.ReadBody(opts.Site, base.File)
		if err != nil {
			return err
		}
		stamp := translation.Parts(s.Config, base.Source(), body)
		file := filepath.Join(opts.SiteDir, filepath.FromSlash(p.File))
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		out, err := translation.Write(data, stamp)
		if err != nil {
			return fmt.Errorf("%s: %v", p.File, err)
		}
		info, err := os.Stat(file)
		if err != nil {
			return err
		}
		if err := diskfile.Replace(file, out, info.Mode().Perm()); err != nil {
			return err
		}
		if !*quiet {
			fmt.Fprintf(stdout, "%s: up to date with %s\n", p.File, base.File)
		}
	}
	if !*quiet && *untracked {
		fmt.Fprintf(stdout, "Marked %s as up to date.\n", plural(len(pages), "translation"))
	}
	return nil
}

// siteFile turns a path given on the command line, from the current
// folder or from the site folder, into the slash path of a site file.
func siteFile(siteDir, arg string) (string, error) {
	abs, err := filepath.Abs(arg)
	if err != nil {
		return "", err
	}
	root, err := filepath.Abs(siteDir)
	if err != nil {
		return "", err
	}
	if rel, err := filepath.Rel(root, abs); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel), nil
	}
	if filepath.IsLocal(arg) {
		return filepath.ToSlash(filepath.Clean(arg)), nil
	}
	return "", fmt.Errorf("%s: is not in the site folder %s", arg, siteDir)
}
