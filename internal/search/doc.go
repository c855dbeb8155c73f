// Package search writes the search index of a site: one per language,
// split in files that the browser fetches as a query needs them, and read
// by static/js/search.js on the language's search page.
//
// # What is indexed
//
// Every page written in content/, with its title, headings, tags,
// description and text; the home page and the lists of sections by the
// text of their _index files, not by the titles of the pages they list
// (which would outrank the pages themselves); not tag pages. A
// language's index also holds the pages that exist only in another
// language: the search page lists them after its own, marked with their
// language.
//
// # Terms
//
// Text is normalized the same way in the index and in the query: NFKC
// (ＩｏＴ is IoT, half-width ｾｰﾌﾛｰﾄﾞ is セーフロード), lower case, and
// katakana folded to hiragana (a visitor on a phone who leaves かーりんぐ
// unconverted still finds カーリング; the site itself writes some words in
// either script). Then:
//
//   - Japanese (runs of kanji and kana): every pair of characters, with
//     the positions where it occurs as an 8-bit mask (position mod 8), and the last
//     character of each run. A query is its pairs too, and a page matches
//     a query of three characters or more only where the query's pairs
//     follow each other (their masks, shifted by one per pair, share a
//     bit). So 工業大学 finds 北見工業大学, 新幹 finds 新幹線, and 新幹線
//     does not match a page that has 新幹 in one place and 幹線 in
//     another, which bigram indexes without positions (Pagefind) do
//     (positions mod 8: where the two are apart in a page by chance, one
//     time in eight such a page still matches; 16 bits would halve that
//     and cost the example site a fifth more index). A
//     query of one character finds the pairs that start with it.
//   - The titles and headings of Japanese pages are also read by the
//     morphological analyser kagome (IPA dictionary, search mode and
//     normal mode): its words of three characters or more are terms of
//     their own, so that a query that is a whole word of a title
//     (北見工業大学, テレワーク) ranks that page first. The browser needs
//     no dictionary: a query is looked up as its pairs and as a whole.
//     Only titles and headings, because the analyser reads 2–4 MB/s: the
//     text of 10,000 pages would add more than the build's 10 % budget.
//     The dictionary (13 MB of the binary) is kept decoded in furusato's
//     cache (dict.go), and loaded only when a title or heading is not in
//     the file of the words of the site's titles that the last build
//     kept (words.go).
//   - Other words (English, and IoT or KITAMI in Japanese text): English
//     Snowball stems, after British -ise endings are folded to -ize, so
//     that subsidies finds subsidy and organised finds organized. The
//     browser folds and stems with static/js/porter2.js, the same
//     algorithm written in JavaScript.
//
// A term's score in a page adds 16 for each time it is in the title, 4 in
// a heading, 2 in a tag or the description and 1 in the text (at most 99).
//
// # Files
//
//	search/<lang>/index.json     the first term of each shard, the first page of each chunk
//	search/<lang>/t-<hash>.json  a shard: terms, sorted, each with its pages: [page − previous page, mask<<7 | score, ...]
//	search/<lang>/d-<hash>.json  a chunk of pages: URL, title, section, language
//
// The index holds no text of the pages: the search page cuts a result's
// excerpt out of the page itself, which it fetches when the result comes
// near the screen (and which the browser then has, if the visitor opens
// it), from the elements that its template marks data-search-body: the
// page's Markdown, the text the index read. An excerpt so shows the match
// wherever it is in that text; with the first 600 characters of each
// page in it, the example site's index was 40.5 KB gzip instead of 25.4.
//
// Shards are cut at 32 KB, so that a query fetches only the few shards
// of its terms; names carry a hash of their content, so that they can be
// cached for ever and a deploy uploads only those that changed. The bytes
// depend only on the pages: the same site gives the same files.
package search
