// Package sitefiles says which files in the folders of a site (content/,
// static/, templates/) belong to the site, and walks those folders leaving
// out the rest:
//
//   - files that editors, office programs and operating systems write beside
//     the real ones: hidden files (.DS_Store, .x.swp, .git), backups (x~,
//     #x#, x.bak), temporary files (x.tmp, vim's 4913, JetBrains'
//     x___jb_tmp___), Office's lock files (~$report.docx), Windows'
//     desktop.ini and Thumbs.db, and the __MACOSX folder of unpacked zips;
//   - output folders of furusato build (they hold the file OutputMarker and
//     a home page), which would otherwise be published again inside the
//     next build. The marker alone is a stray copy: reported, and the
//     folder is walked as usual.
//
// Nothing here is reported for the first kind; a skipped output folder is
// a warning, since the folder is probably there by mistake.
package sitefiles

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/diskfile"
)

// OutputMarker is the file that marks a folder as furusato's output.
const OutputMarker = ".furusato-output"

// WellKnown is the one folder with a dot in front of its name that a site
// publishes: static/.well-known/ holds what other services look for at a
// fixed address (security.txt, assetlinks.json for Android apps,
// apple-app-site-association; RFC 8615). Dot files inside it are still
// left out.
const WellKnown = ".well-known"

// Ignored reports whether a file or folder name is never part of a site:
// hidden files (.git, .env, .DS_Store) but WellKnown, editor backups, what
// merge tools leave (.orig, .rej) and what operating systems and Office
// leave behind.
func Ignored(name string) bool {
	if name == WellKnown {
		return false
	}
	lower := strings.ToLower(name)
	switch lower {
	case "4913", "desktop.ini", "thumbs.db", "ehthumbs.db", "__macosx", "$recycle.bin", "system volume information":
		return true
	}
	switch {
	case strings.HasPrefix(name, "."),
		strings.HasPrefix(name, "~$"),
		strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, "___jb_tmp___"),
		strings.HasSuffix(name, "___jb_old___"):
		return true
	}
	switch path.Ext(lower) {
	case ".swp", ".swx", ".tmp", ".temp", ".bak", ".crswap", ".crdownload", ".part",
		".orig", ".rej", // what git's merge tools and patch leave behind
		".save", ".old":
		return true
	}
	return false
}

// IsOutput reports whether the folder dir of fsys is an output of furusato
// build: it has the marker and a home page. A marker alone is a stray
// copy, and the folder is part of the site.
func IsOutput(fsys fs.FS, dir string) bool {
	return marked(fsys, dir) && exists(fsys, path.Join(dir, "index.html"))
}

func marked(fsys fs.FS, dir string) bool { return exists(fsys, path.Join(dir, OutputMarker)) }

func exists(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, name)
	return err == nil
}

// Walk walks the folder root of fsys as fs.WalkDir does, but leaves out the
// names Ignored reports and output folders, and gives fn only files. It
// returns a warning for each output folder it left out. A root that does
// not exist is an empty folder; a file or folder that cannot be read is
// an error in the returned *diag.List, and the walk goes on.
//
// Only regular files reach fn. A symbolic link is followed when it leads
// to a file inside the site (fsys); one that leads outside it, or to a
// folder, or nowhere, is an error at its path. A named pipe, socket or
// device is left out with a warning: opening one could wait forever.
func Walk(fsys fs.FS, root string, fn func(p string, d fs.DirEntry)) ([]*diag.Error, error) {
	var warnings []*diag.Error
	var errs diag.List
	if info, err := fs.Lstat(fsys, root); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		if e := checkLink(fsys, root, true); e != nil {
			errs.Add(e)
			return nil, errs.Err()
		}
	}
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			errs.Addf(diag.Pos{File: p}, "cannot read: %v", err)
			return nil
		}
		if p != root && Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if !marked(fsys, p) { // one look per folder: on most disks a Stat costs more than the rest of the walk
				return nil
			}
			if exists(fsys, path.Join(p, "index.html")) { // IsOutput
				warnings = append(warnings, diag.Errorf(diag.Pos{File: p},
					"left out: this folder is the output of an earlier furusato build (it has %s), not part of the site; delete it, and run furusato build in the site folder (the one with site.yaml)", OutputMarker))
				return fs.SkipDir
			}
			warnings = append(warnings, diag.Errorf(diag.Pos{File: path.Join(p, OutputMarker)},
				"a stray copy of the file that marks furusato's output folders (this folder holds no built site, so it is published as usual); delete the file"))
			return nil
		}
		switch t := d.Type(); {
		case t.IsRegular():
			fn(p, d)
		case t&fs.ModeSymlink != 0:
			if e := checkLink(fsys, p, false); e != nil {
				errs.Add(e)
			} else if info, _ := fs.Stat(fsys, p); info.Mode().IsRegular() {
				fn(p, d)
			} else {
				warnings = append(warnings, notRegular(p, info.Mode()))
			}
		default:
			warnings = append(warnings, notRegular(p, t))
		}
		return nil
	})
	errs.Add(err)
	return warnings, errs.Err()
}

// checkLink says what is wrong with the symbolic link p of fsys, if
// anything: a link may lead to a file inside the site (and, for the root
// of a walk, such as content/, to a folder inside it).
func checkLink(fsys fs.FS, p string, folderOK bool) *diag.Error {
	at := diag.Pos{File: p}
	target, err := fs.ReadLink(fsys, p)
	if err != nil {
		return diag.Errorf(at, "cannot read this symbolic link: %v", err)
	}
	if outsideOf(p, target) {
		return diag.Errorf(at, "is a symbolic link to %s, outside the site folder: furusato publishes only what is inside it; copy what it points to into the site instead", target)
	}
	for _, part := range strings.Split(path.Join(path.Dir(p), filepath.ToSlash(target)), "/") {
		if Ignored(part) {
			return diag.Errorf(at, "is a symbolic link to %s, a file that furusato never publishes (a hidden file, such as .env, holds settings or secrets); copy what should be published into the site instead", target)
		}
	}
	info, err := fs.Stat(fsys, p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return diag.Errorf(at, "is a symbolic link to %s, which does not exist", target)
	case errors.Is(err, syscall.ELOOP):
		return diag.Errorf(at, "is a symbolic link to %s, which leads back to itself through links; point it at a file", target)
	case errors.Is(err, diskfile.ErrOutside):
		return diag.Errorf(at, "is a symbolic link to %s, which leads outside the site folder through another link: furusato publishes only what is inside it; copy what it points to into the site instead", target)
	case err != nil:
		return diag.Errorf(at, "cannot follow the symbolic link to %s: %v", target, err)
	case info.IsDir() && !folderOK:
		return diag.Errorf(at, "is a symbolic link to the folder %s: furusato does not follow links to folders; move or copy the folder here instead", target)
	}
	return nil
}

// outsideOf reports whether the link p, with the target its link gives,
// leads out of the site on its own: an absolute target, or one whose ".."
// climb above the site folder.
func outsideOf(p, target string) bool {
	t := filepath.ToSlash(target)
	if path.IsAbs(t) || filepath.IsAbs(target) || filepath.VolumeName(target) != "" {
		return true
	}
	j := path.Join(path.Dir(p), t)
	return j == ".." || strings.HasPrefix(j, "../")
}

// notRegular is the warning for a file that is neither a regular file nor
// a folder.
func notRegular(p string, m fs.FileMode) *diag.Error {
	kind := "not a regular file"
	switch {
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	case m&fs.ModeDevice != 0:
		kind = "a device"
	}
	return diag.Errorf(diag.Pos{File: p}, "left out: this is %s, not a file furusato can publish", kind)
}
