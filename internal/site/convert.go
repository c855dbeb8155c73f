package site

import (
	"context"

	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/markdown"
	"github.com/furusato/furusato/internal/parallel"
)

// keyPos is where the page's front matter key is written: in the page,
// or, for a value it inherits, in the page it inherits it from, so that
// an error of the value is reported once, there.
func (p *Page) keyPos(key string) diag.Pos {
	if p.src != nil && p.base != nil && !p.src.Keys.Has(key) && p.base.Keys.Has(key) {
		return p.base.Pos(key)
	}
	return p.Pos(key)
}

// releaseBody lets go of a converted page's Markdown and links.
func (p *Page) releaseBody() {
	if p.src != nil {
		p.src.Body = nil
	}
	p.Links = nil
}

// ReleaseContent lets go of the page's HTML, once its output is written,
// in a single build whose templates show no other page's HTML.
func (p *Page) ReleaseContent() {
	if p.content != nil {
		p.content.html = ""
	}
}

// convert renders the Markdown of pages in parallel, and resolves their
// front matter images: for New, and for Edit, which converts again the
// pages it changed.
func (s *Site) convert(ctx context.Context, pages []*Page) error {
	conv, cache := s.opts.Markdown, s.opts.Cache
	var errs diag.List
	err := parallel.Each(ctx, len(pages), func(i int) {
		p := pages[i]
		if p.src == nil {
			return
		}
		res := s.files.Resolver(p.File, p.Lang)
		if img := p.imageSrc; img != "" {
			i, typ, err := res.ImageType(img)
			if err != nil {
				errs.Addf(p.keyPos("image"), "front matter: %v", err) // err names the image
			} else {
				p.Image = &Image{URL: i.URL, Alt: p.imageAlt, Width: i.Width, Height: i.Height, Type: typ,
					Srcset: i.Srcset, WebPSrcset: i.WebPSrcset, Sizes: i.Sizes}
				if file, out, ok := res.Photo(img); ok && i.Srcset != "" {
					p.Image.src, p.Image.out = file, out
					p.Image.FocusX, p.Image.FocusY = 0.5, 0.5
				}
				if p.imageFocus != "" {
					x, y, err := ParseFocus(p.imageFocus)
					if err != nil {
						errs.Addf(p.keyPos("image_focus"), "front matter: image_focus: %v", err)
					}
					p.Image.FocusX, p.Image.FocusY = x, y
				}
			}
		}
		cv := cache.Convert(conv, markdown.Page{File: p.File, Lang: p.Lang.Code, Body: p.src.Body, BodyLine: p.src.BodyLine, Resolver: res, LeadImage: p.Image != nil})
		errs.Add(cv.Err)
		r := cv.Result
		p.warnings = r.Warnings // replaced when Edit converts the page again
		p.content = &pageHTML{cv.HTML}
		p.bodySum = cv.Sum
		p.Summary = r.Summary
		if p.Description != "" && p.Kind == KindPage {
			p.Summary = p.Description
		}
		p.ReadingTime = r.ReadingTime
		p.Headings = r.Headings
		p.Links = r.Links
		if s.opts.ReleaseBodies {
			p.releaseBody()
		}
	})
	if err != nil {
		return err
	}
	return errs.Err()
}
