package newpage

import (
	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
)

// words are the comments and placeholders of a new page, in one language.
type words struct {
	intro, title, description, date, draft string
	inherited                              string // %s the default-language file, %s the keys
	requiredHead, optionalHead             string
	requiredMark, colon, comma             string
	kinds                                  map[string]string
	eventDate                              string // an event's start, end and deadline: a day, or a day and time
	intUnit                                string // %s an example: 3人
	list                                   string // a list of text
	listOf                                 string // %s what each item is
	refList                                string // %s the section, %s the pages
	enum, enumLabel                        string
	ref, refNone, more                     string
	// The application period, for sections whose templates show it.
	applyHead, applyFrom, applyUntil, fiscalYear string
	body                                         string
}

// wordsFor returns the words for a language: Japanese for ja, English for
// every other language, which its writers are likelier to read than
// Japanese.
func wordsFor(lang string) *words {
	if lang == "ja" {
		return &japanese
	}
	return &english
}

var japanese = words{
	intro:        "新しいページの下書きです。「#」で始まる行は説明で、サイトには出ません。",
	title:        "題名。書き換えてください",
	description:  "一文の説明（検索結果や一覧に出ます）",
	date:         "公開日",
	draft:        "下書き。公開するときは false にします（ほかの言語のページも一緒に公開されます）",
	inherited:    "%s から引き継ぐので、ここには書きません: %s",
	requiredHead: "必ず書く項目: 行の先頭の「# 」を消して、「:」のあとに書きます。",
	optionalHead: "書かなくてもよい項目: 空のままなら、ページに出ません。",
	requiredMark: "（必須）",
	colon:        ": ",
	comma:        "、",
	kinds: map[string]string{
		config.TypeString: "一行の文章",
		config.TypeText:   "文章",
		config.TypeInt:    "数（例: 3）",
		config.TypeBool:   "true（はい）か false（いいえ）",
		config.TypeDate:   "日付（例: 2026-11-24。年月だけなら 2010-07、年だけなら 2004）",
		config.TypeURL:    "https:// で始まるURL",
		config.TypeYen:    "金額（円、数字だけ。例: 200000）",
		config.TypeOnline: "オンライン開催なら true、参加用のURL（https://…）でも可",
		config.TypeFee:    "金額（円、数字だけ。例: 3000）か、無料 などの一行の文章",
	},
	eventDate:  "日付（例: 2027-02-10）か、日付と時刻（例: 2027-02-10T14:00）",
	intUnit:    "数（3 と書くと「%s」と出ます）",
	list:       "リスト（例: [一つ目, 二つ目]）",
	listOf:     "リスト。それぞれ%s",
	refList:    "content/%s/ のページの名前のリスト（例: [一つ目, 二つ目]）: %s",
	enum:       "次のどれか: %s",
	enumLabel:  "（%s）",
	ref:        "content/%s/ のページの名前: %s",
	refNone:    "content/%s/ のページの名前（ファイル名から言語と .md を除いたもの）",
	more:       " など",
	applyHead:  "受付期間: 書けば、一覧とページに受付中・受付予定・受付終了が出ます。初日と最終日（一方だけでも）か、年度を書きます。",
	applyFrom:  "受付の初日（例: 2027-04-01）",
	applyUntil: "受付の最終日（例: 2027-06-30）",
	fiscalYear: "年度（例: 2027。4月1日から翌年3月31日まで）",
	body:       content.Placeholders["ja"],
}

var english = words{
	intro:        "A new draft page. Lines that start with # are notes; the site does not show them.",
	title:        "the title: write the real one",
	description:  "one sentence, for search results and lists",
	date:         "publication date",
	draft:        "a draft: set false to publish (the other languages are published with it)",
	inherited:    "Taken from %s, so not written here: %s",
	requiredHead: `Required: remove the "# " at the start of the line and write after the colon.`,
	optionalHead: "Optional: left empty, it is not shown.",
	requiredMark: " (required)",
	colon:        ": ",
	comma:        ", ",
	kinds: map[string]string{
		config.TypeString: "one line of text",
		config.TypeText:   "text",
		config.TypeInt:    "a number (such as 3)",
		config.TypeBool:   "true (yes) or false (no)",
		config.TypeDate:   "a date (such as 2026-11-24; 2010-07 for a month, 2004 for a year)",
		config.TypeURL:    "a web address starting with https://",
		config.TypeYen:    "an amount in yen, digits only (such as 200000)",
		config.TypeOnline: "true when held online, or the web address to join (https://…)",
		config.TypeFee:    "an amount in yen, digits only (such as 3000), or one line of text such as Free",
	},
	eventDate:  "a day (such as 2027-02-10), or a day and time (such as 2027-02-10T14:00)",
	intUnit:    `a number (3 is shown as "%s")`,
	list:       "a list (such as [first, second])",
	listOf:     "a list; each item is %s",
	refList:    "a list of names of pages in content/%s/ (such as [first, second]): %s",
	enum:       "one of %s",
	enumLabel:  " (%s)",
	ref:        "the name of a page in content/%s/: %s",
	refNone:    "the name of a page in content/%s/ (its file name without the language and .md)",
	more:       ", …",
	applyHead:  "Application period: when written, the list and the page say Open, Not open yet or Closed. Write the first day, the last day or both, or a fiscal year.",
	applyFrom:  "the first day applications are taken (such as 2027-04-01)",
	applyUntil: "the last day (such as 2027-06-30)",
	fiscalYear: "a fiscal year (such as 2027: 1 April to 31 March)",
	body:       content.Placeholders[""],
}
