// Package sitetest checks the example site as it is published: the Kitami
// site that furusato builds by default, built and minified as a build
// writes it. It holds only tests.
//
// What the tests measure:
//
//   - In Chromium (through chromedp, with internal/browsertest): every kind of
//     page in both languages at 375 and 1280 pixels wide, in light and dark
//     colour schemes, has no axe-core violations of the WCAG 2.1 A and AA
//     rules, no horizontal scrolling, lazy images below the fold and no
//     request to another host; the language switcher lands on the translated
//     page; the company directory's filters narrow the list. Screenshots of
//     every page go to $FURUSATO_ARTIFACTS when it is set, else to the test's
//     artifact folder (go test -artifacts -outputdir DIR keeps them).
//   - html-validate finds no error in any page.
//   - In the files: every JSON-LD block is valid JSON with the expected
//     types, pages carry Open Graph and Twitter card tags, images have a
//     width and height, no script blocks rendering, and the home page's HTML,
//     CSS and JavaScript stay under 60 KB.
//   - Small sites written as txtar archives (testdata/*.txtar) pin down the
//     lists, the directory filter's data and the links between companies,
//     stories and programmes; embeds.txtar has a page with an embed of each
//     kind (a video, maps, forms), which passes html-validate and axe-core
//     in both languages.
//
// The npm tools (axe-core, html-validate) are pinned in package.json here;
// install them with
//
//	npm ci --prefix internal/sitetest
//
// Tests that need Chromium, Node or these packages skip with a message that
// says what to install, and fail instead when the CI variable is set.
package sitetest
