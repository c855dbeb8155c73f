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

	"github.com/furusato/furusato"
	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/sitefiles"
)

// openSite finds the site a command works on, in dir. A site folder is
// one with site.yaml. Without -s (explicit false) and where nothing looks
// like a site, build builds the example site built into furusato
// (example true), and says so on stderr; anywhere else a missing
// site.yaml is an error that says what was found and what to do, so a
// renamed site.yaml or a build run from content/ never builds the wrong
// site.
func openSite(dir string, explicit, example bool, stderr io.Writer) (fs.FS, string, error) {
	_, err := os.Stat(filepath.Join(dir, config.File))
	if err == nil {
		return sitefiles.Dir(dir), dir, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, "", err
	}
	if _, err := os.Stat(dir); explicit && err != nil {
		return nil, "", fmt.Errorf("there is no folder %s: give the site folder (the one with %s) with -s", dir, config.File)
	}
	if err := lookalike(dir); err != nil {
		return nil, "", err
	}
	if err := insideSite(dir, explicit); err != nil {
		return nil, "", err
	}
	if explicit || !example {
		where := "here"
		if explicit {
			where = "in " + dir
		}
		return nil, "", fmt.Errorf("there is no %s %s: give the site folder (the one with %s) with -s, or start a site with furusato init DIR", config.File, where, config.File)
	}
	if found := siteFolders(dir); len(found) > 0 {
		return nil, "", fmt.Errorf("there is no %s here, but this folder has %s, like a site: add %s to this folder (furusato init DIR writes a complete site to start from), or run furusato where %s is",
			config.File, strings.Join(found, " and "), config.File, config.File)
	}
	fmt.Fprintln(stderr, "furusato: no site.yaml here; building the built-in example site (Kitami City). Run 'furusato init DIR' to start your own.")
	return furusato.Example(), "", nil
}

// lookalike reports a file in dir that was meant to be site.yaml: saved
// as site.yml, or by Notepad as site.yaml.txt.
func lookalike(dir string) error {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		name := e.Name()
		lower := strings.ToLower(name)
		parts := strings.Split(lower, ".")
		if name == config.File || e.IsDir() || len(parts) < 2 || parts[0] != "site" ||
			!slices.Contains(parts[1:], "yaml") && !slices.Contains(parts[1:], "yml") {
			continue
		}
		hint := ""
		if strings.HasSuffix(lower, ".txt") {
			hint = " (Windows may hide the .txt at the end of the name: in Explorer, turn on View > Show > File name extensions)"
		}
		return diag.Errorf(diag.Pos{File: rel(filepath.Join(dir, name))},
			"furusato reads the site settings only from a file named exactly %s: rename this file to %s%s", config.File, config.File, hint)
	}
	return nil
}

// insideSite reports that dir is a folder inside a site, such as its
// content/, where a build would make the wrong site or write its output
// into the site's pages.
func insideSite(dir string, explicit bool) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	for d := filepath.Dir(abs); ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, config.File)); err == nil {
			site := rel(d)
			if explicit {
				return fmt.Errorf("%s is a folder inside the site %s, not the site itself: use -s %s", dir, site, site)
			}
			return fmt.Errorf("this folder is inside the site %s (the folder with %s): run furusato there (cd %s), or give it with -s %s", site, config.File, site, site)
		}
		if err := lookalike(d); err != nil {
			return err
		}
		if filepath.Dir(d) == d {
			return nil
		}
	}
}

// siteFolders lists the folders of a site that dir has.
func siteFolders(dir string) []string {
	var found []string
	for _, f := range []string{"content", "templates", "static"} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err == nil && fi.IsDir() {
			found = append(found, f+"/")
		}
	}
	return found
}

// rel shortens an absolute path to one relative to the current folder
// when that is shorter, for messages.
func rel(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if r, err := filepath.Rel(wd, abs); err == nil && len(r) < len(abs) {
		return r
	}
	return p
}
