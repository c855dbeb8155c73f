// Package diag holds the errors that furusato shows to the people who write
// a site. Every problem in a user's files is an Error with a position, so it
// prints like a compiler error:
//
//	content/companies/kaname.ja.md:4:8: front matter: founded: want a date like 2010-07-01, got "平成22年"
//
// A stage collects all the problems it finds in a List instead of stopping
// at the first, so one run reports everything that needs fixing.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Pos is a place in a file of the site. File is slash-separated and relative
// to the site folder (content/about.ja.md, templates/page.html, site.yaml).
// Line and Col count from 1; zero means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.File == "":
		return ""
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Error is one problem at one place.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string {
	if s := e.Pos.String(); s != "" {
		return s + ": " + e.Msg
	}
	return e.Msg
}

// Warning prints e as a problem that does not stop the build:
// file:line:col: warning: message.
func (e *Error) Warning() string {
	if s := e.Pos.String(); s != "" {
		return s + ": warning: " + e.Msg
	}
	return "warning: " + e.Msg
}

// Errorf makes an Error at pos.
func Errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// List collects errors from any number of goroutines.
// The zero value is ready to use.
type List struct {
	mu   sync.Mutex
	errs []*Error
}

// Add records err. An error that is not an *Error (or a List) is kept with
// no position. Add(nil) does nothing.
func (l *List) Add(err error) {
	if err == nil {
		return
	}
	var found []*Error
	var other *List
	var one *Error
	switch {
	case errors.As(err, &other) && other != l:
		found = other.Errors()
	case errors.As(err, &one):
		found = []*Error{one}
	default:
		found = []*Error{{Msg: err.Error()}}
	}
	l.mu.Lock()
	l.errs = append(l.errs, found...)
	l.mu.Unlock()
}

// AddAll records errs.
func (l *List) AddAll(errs []*Error) {
	l.mu.Lock()
	l.errs = append(l.errs, errs...)
	l.mu.Unlock()
}

// Addf records a new Error at pos.
func (l *List) Addf(pos Pos, format string, args ...any) {
	l.Add(Errorf(pos, format, args...))
}

// Len is the number of errors recorded so far.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.errs)
}

// Errors returns the errors sorted by file, line and column, with exact
// duplicates removed, so output is the same whatever the scheduling.
func (l *List) Errors() []*Error {
	l.mu.Lock()
	errs := slices.Clone(l.errs)
	l.mu.Unlock()
	slices.SortStableFunc(errs, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return slices.CompactFunc(errs, func(a, b *Error) bool { return *a == *b })
}

// Err returns the list as an error, or nil when it is empty.
func (l *List) Err() error {
	if l.Len() == 0 {
		return nil
	}
	return l
}

// Error prints one error a line.
func (l *List) Error() string {
	var b strings.Builder
	for i, e := range l.Errors() {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// All returns the errors inside err: those of a List, a single *Error, or
// err itself without a position.
func All(err error) []*Error {
	if err == nil {
		return nil
	}
	var l List
	l.Add(err)
	return l.Errors()
}
