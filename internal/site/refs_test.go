package site_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/site"
)

const refSite = siteYAML + `
-- content/companies/kaname.ja.md --
---
title: 株式会社 要
programs: [employment, rent]
---
-- content/companies/kaname.en.md --
---
title: Kaname Co., Ltd.
---
-- content/companies/aoba.ja.md --
---
title: あおば
programs: employment
---
-- content/programs/employment.ja.md --
---
title: 雇用補助金
amount: 200000
---
-- content/programs/employment.en.md --
---
title: Employment subsidy
---
-- content/programs/rent.ja.md --
---
title: 家賃補助
---
-- content/stories/salmon/index.ja.md --
---
title: サケ
company: kaname
weight: 2
---
-- content/stories/salmon/index.en.md --
---
title: Salmon
---
-- content/stories/char.ja.md --
---
title: イワナ
company: kaname
weight: 1
---
-- content/stories/trout.ja.md --
---
title: マス
company: aoba
---
-- content/stories/smelt.en.md --
---
title: Smelt
company: kaname
weight: 3
---
`

// TestRefs checks that a ref field's value is the page it names, in the
// language of the page that names it when that page has a translation,
// and that translations inherit refs.
func TestRefs(t *testing.T) {
	s := mustSite(t, refSite, site.Options{})
	for _, tt := range []struct{ id, company string }{
		{"ja:page:stories/salmon", "ja:page:companies/kaname"},
		{"en:page:stories/salmon", "en:page:companies/kaname"}, // inherited, in English
		{"ja:page:stories/trout", "ja:page:companies/aoba"},
		{"en:page:stories/smelt", "en:page:companies/kaname"},
	} {
		p := page(t, s, tt.id)
		c, ok := p.Params["company"].(*site.Page)
		if !ok {
			t.Errorf("%s: Params[company] is %T, want *site.Page", tt.id, p.Params["company"])
			continue
		}
		samePage(t, tt.id+" company", c, tt.company)
		if p.Param("company") != any(c) {
			t.Errorf("%s: Param(company) is not Params[company]", tt.id)
		}
	}
	// A list of refs is []*Page; a page with no translation is there in
	// the default language.
	for _, tt := range []struct {
		id       string
		programs []string
	}{
		{"ja:page:companies/kaname", []string{"ja:page:programs/employment", "ja:page:programs/rent"}},
		{"en:page:companies/kaname", []string{"en:page:programs/employment", "ja:page:programs/rent"}},
		{"ja:page:companies/aoba", []string{"ja:page:programs/employment"}}, // one value is a list of one
	} {
		p := page(t, s, tt.id)
		ps, ok := p.Params["programs"].([]*site.Page)
		if !ok {
			t.Errorf("%s: Params[programs] is %T, want []*site.Page", tt.id, p.Params["programs"])
			continue
		}
		sameIDs(t, tt.id+" programs", ps, tt.programs...)
	}
	// Printed, a page is its title, as {{.Value}} shows a ref field.
	if got := fmt.Sprint(page(t, s, "en:page:stories/salmon").Params["company"]); got != "Kaname Co., Ltd." {
		t.Errorf("a ref printed: %q", got)
	}
	// Fields lists the values in the order site.yaml declares them.
	f := page(t, s, "en:page:companies/kaname").Fields()
	if len(f) != 1 || f[0].Name != "programs" || f[0].Of != "ref" {
		t.Errorf("Fields = %+v", f)
	}
	sameIDs(t, "en kaname refs", page(t, s, "en:page:companies/kaname").AppendFollow(nil, site.Refs),
		"en:page:programs/employment", "ja:page:programs/rent")
}

// TestReferrers checks the pages whose ref fields name a page: in the
// page's language, or in the default language where a referrer has no
// translation, sorted as their section sorts.
func TestReferrers(t *testing.T) {
	s := mustSite(t, refSite, site.Options{})
	for _, tt := range []struct {
		id, section, field string
		want               []string
	}{
		{"ja:page:companies/kaname", "stories", "company", []string{"ja:page:stories/char", "ja:page:stories/salmon", "en:page:stories/smelt"}},
		{"en:page:companies/kaname", "stories", "company", []string{"ja:page:stories/char", "en:page:stories/salmon", "en:page:stories/smelt"}},
		{"ja:page:companies/aoba", "stories", "company", []string{"ja:page:stories/trout"}},
		{"ja:page:programs/employment", "companies", "programs", []string{"ja:page:companies/aoba", "ja:page:companies/kaname"}},
		{"en:page:programs/employment", "companies", "programs", []string{"en:page:companies/kaname", "ja:page:companies/aoba"}}, // by title: K < あ
		{"ja:page:programs/rent", "companies", "programs", []string{"ja:page:companies/kaname"}},
		{"ja:page:programs/rent", "stories", "company", []string{}},
		{"ja:page:companies/kaname", "stories", "nothing", []string{}},
	} {
		p := page(t, s, tt.id)
		sameIDs(t, fmt.Sprintf("%s Referrers(%s, %s)", tt.id, tt.section, tt.field), p.Referrers(tt.section, tt.field), tt.want...)
	}
	// Rebuilds follow every referrer, of any field.
	sameIDs(t, "en kaname referrers", page(t, s, "en:page:companies/kaname").AppendFollow(nil, site.Referrers),
		"en:page:stories/salmon", "en:page:stories/smelt", "ja:page:stories/char")
}

// TestRefErrors checks that a ref to a page that does not exist, or is not
// published, is an error where the name is written, once even when a
// translation inherits it.
func TestRefErrors(t *testing.T) {
	s, err := newSite(t, siteYAML+`
-- content/companies/kaname.ja.md --
---
title: 株式会社 要
programs: [employment, rnet]
---
-- content/companies/draft.ja.md --
---
title: 下書き
draft: true
---
-- content/programs/employment.ja.md --
---
title: 雇用補助金
---
-- content/programs/rent.ja.md --
---
title: 家賃補助
---
-- content/stories/salmon.ja.md --
---
title: サケ
company:   kanme
---
-- content/stories/salmon.en.md --
---
title: Salmon
---
-- content/stories/trout.ja.md --
---
title: マス
company: draft
---
`, site.Options{})
	want := []string{
		`content/companies/kaname.ja.md:3:24: front matter: programs: there is no page "rnet" in content/programs (did you mean rent?)`,
		`content/stories/salmon.ja.md:3:12: front matter: company: there is no page "kanme" in content/companies (did you mean kaname?)`,
		`content/stories/trout.ja.md:3:10: front matter: company: companies/draft is a draft, so it is not published; publish it or remove the reference`,
	}
	if got := errorLines(err); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s == nil {
		t.Fatal("no graph: it can be made despite the errors")
	}
	// The refs that resolve are kept.
	ps, _ := page(t, s, "ja:page:companies/kaname").Params["programs"].([]*site.Page)
	sameIDs(t, "kaname programs", ps, "ja:page:programs/employment")
	if got := s.Unpublished("companies/draft"); got != "a draft" {
		t.Errorf(`Unpublished("companies/draft") = %q`, got)
	}
}
