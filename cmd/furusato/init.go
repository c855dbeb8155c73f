package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/furusato/furusato"
)

// gitignore keeps out of Git what a build writes in the site folder:
// the caches, the output, and a build's folder left by a killed build.
const gitignore = `# Written by furusato build; never part of the site.
/.furusato/
/public/
/.public.new-*
`

func runInit(args []string, stdout, stderr io.Writer) error {
	fl := newFlags("init", "init DIR", stdout)
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return &usageError{"init needs one folder: furusato init DIR", "init"}
	}
	dir := fl.Arg(0)
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty; init writes a new site into an empty or new folder", dir)
	}
	if err := os.CopyFS(dir, furusato.Example()); err != nil {
		return fmt.Errorf("init: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte(gitignore), 0o644); err != nil {
		return fmt.Errorf("init: %w", err)
	}
	fmt.Fprintf(stdout, "Wrote the example site to %s. Next:\n  cd %s\n  furusato build\n", dir, filepath.Clean(dir))
	return nil
}
