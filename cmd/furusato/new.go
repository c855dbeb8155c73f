package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/newpage"
)

func runNew(args []string, stdout, stderr io.Writer) error {
	fl := newFlags("new", "new [-s SITE_DIR] [--bundle] SECTION/NAME", stdout)
	siteDir := fl.String("s", ".", "the site `folder`, with site.yaml and content/")
	bundle := fl.Bool("bundle", false, "write a page bundle, content/SECTION/NAME/index.LANG.md, with room for its images")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	// Flags may follow the page too: furusato new companies/acme --bundle.
	var pages []string
	for fl.NArg() > 0 {
		pages = append(pages, fl.Arg(0))
		if err := parseFlags(fl, fl.Args()[1:]); err != nil {
			return err
		}
	}
	if len(pages) != 1 {
		return &usageError{"new needs one page: furusato new SECTION/NAME, such as companies/acme", "new"}
	}
	// content/companies/acme, as a shell completes it, is companies/acme.
	section, name, ok := strings.Cut(strings.TrimPrefix(filepath.ToSlash(pages[0]), "content/"), "/")
	if !ok || section == "" {
		return &usageError{fmt.Sprintf("%q: give the section and the name, SECTION/NAME, such as companies/acme", pages[0]), "new"}
	}
	site, dir, err := openSite(*siteDir, flagSet(fl, "s"), false, stderr)
	if err != nil {
		return err
	}
	cfg, err := config.Load(site)
	if err != nil {
		return err
	}
	files, err := newpage.Files(site, cfg, newpage.Request{Section: section, Name: name, Bundle: *bundle, Now: time.Now()})
	if err != nil {
		return err
	}
	if err := writeNew(dir, files); err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintln(stdout, rel(filepath.Join(dir, filepath.FromSlash(f.Path))))
	}
	required := ""
	if sec := cfg.Sections[section]; sec != nil && slices.ContainsFunc(sec.Fields, func(f *config.Field) bool { return f.Required }) {
		required = " and remove the \"# \" before each required field"
	}
	fmt.Fprintf(stdout, "Wrote a draft in %d languages. Next: write the page in each file%s; preview it with furusato serve --drafts, and set draft: false to publish it.\n", len(files), required)
	return nil
}

// writeNew writes the files of a new page, none of which may exist: when
// one does (made since newpage looked) or cannot be written, the files and
// folders written so far are removed again.
func writeNew(dir string, files []newpage.File) (err error) {
	var made []string // files and folders, in the order made
	defer func() {
		if err != nil {
			for i := len(made) - 1; i >= 0; i-- {
				os.Remove(made[i])
			}
		}
	}()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		made, err = mkdirs(filepath.Dir(p), made)
		if err != nil {
			return err
		}
		w, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists: furusato new does not overwrite pages; nothing was written", rel(p))
		}
		if err != nil {
			return fmt.Errorf("new: %w", err)
		}
		made = append(made, p)
		_, err = w.Write(f.Data)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("new: %w", err)
		}
	}
	return nil
}

// mkdirs makes a folder and those above it that are missing, adding each
// one made to made.
func mkdirs(dir string, made []string) ([]string, error) {
	if _, err := os.Stat(dir); err == nil {
		return made, nil
	}
	made, err := mkdirs(filepath.Dir(dir), made)
	if err != nil {
		return made, err
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return made, fmt.Errorf("new: %w", err)
	}
	return append(made, dir), nil
}
