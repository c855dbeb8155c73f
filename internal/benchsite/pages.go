package benchsite

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// A Page is one generated page in both languages. The content is made once
// and then written in furusato's form or in Hugo's (by the bench module),
// so both generators get exactly the same text.
type Page struct {
	Path   string // in content/, without the language and .md: "stories/story-00001/index"
	JA, EN Source
	Files  []File // beside the page, in its bundle
}

// A Source is a page in one language, as furusato reads it: the Japanese
// front matter is complete, the English one holds only what it does not
// inherit from the Japanese page.
type Source struct {
	Params []Param
	Body   string
}

// A Param is one front matter line; Value is YAML.
type Param struct{ Key, Value string }

// A File is a file beside a page, in its bundle.
type File struct{ Name, Data string }

func p(key, value string) Param { return Param{key, value} }

var (
	jaTags = []string{"テレワーク", "サテライトオフィス", "北見工業大学", "移住", "Uターン", "IoT", "AI", "採用", "補助金", "オホーツク", "カーリング", "玉ねぎ", "KITAMI BASE", "産学官連携", "ハッカソン"}
	enTags = []string{"telework", "satellite office", "KIT", "relocation", "U-turn", "IoT", "AI", "hiring", "subsidies", "Okhotsk", "curling", "onions", "KITAMI BASE", "partnerships", "hackathon"}
	jaText = []string{
		"北見市は北海道の東部、オホーツク地域の中心都市です。",
		"東京から女満別空港まで飛行機でおよそ2時間半で結ばれています。",
		"北見工業大学からは毎年多くの技術者が巣立っています。",
		"オフィスの賃料は東京のおよそ3分の1です。",
		"30年以内に震度6弱以上の揺れに見舞われる確率は0.8%と、全国でも低い水準です。",
		"社員は通勤のストレスから解放され、自分の時間を持てるようになりました。",
		"毎朝、東京本社とウェブ会議で打ち合わせをしています。",
		"地元企業との協業も少しずつ始まっています。",
	}
	enText = []string{
		"Kitami is the main city of the Okhotsk region in eastern Hokkaido.",
		"Memanbetsu Airport is about two and a half hours from Tokyo by air.",
		"The Kitami Institute of Technology sends many engineers into the workforce every year.",
		"Office rent is about a third of what it costs in Tokyo.",
		"The chance of a strong earthquake within thirty years is among the lowest in Japan.",
		"Staff no longer face a stressful commute and have more time of their own.",
		"Every morning the team meets the Tokyo head office by video call.",
		"Work with local companies has started, one project at a time.",
	}
)

// sections are the generated site's sections, in the order of the menu.
var sections = []string{"companies", "stories", "programs", "articles"}

// generator makes the pages of a site. Its random numbers come from a seed
// fixed by the size, so the same size always gives the same pages.
type generator struct {
	rng *rand.Rand
}

// Pages returns the pages of a site with perLang pages in each language.
// The same perLang always gives the same pages.
func Pages(perLang int) []Page {
	g := generator{rng: rand.New(rand.NewPCG(1, uint64(perLang)))}
	return g.site(perLang)
}

func (g *generator) site(perLang int) []Page {
	var out []Page
	add := func(path string, ja, en []Param, section string, paragraphs int, files ...File) {
		pg := Page{Path: path, JA: Source{Params: ja}, EN: Source{Params: en}, Files: files}
		pg.JA.Body = g.body(true, section, paragraphs)
		pg.EN.Body = g.body(false, section, paragraphs)
		out = append(out, pg)
	}
	add("_index",
		[]Param{p("title", "北見市 地方創生テレワーク"), p("description", "ベンチマーク用のサイトです。")},
		[]Param{p("title", "Kitami Telework"), p("description", "A site for benchmarks.")}, "", 2)
	for _, name := range []string{"about", "living", "access", "contact", "accessibility", "policy"} {
		add(name, []Param{p("title", name)}, []Param{p("title", name)}, "", 3)
	}
	programs := []string{"employment-subsidy", "office-rent-subsidy", "airfare-subsidy"}
	for i, name := range programs {
		add("programs/"+name,
			[]Param{
				p("title", fmt.Sprintf("制度%d", i)), p("amount", fmt.Sprint(200000*(i+1))), p("per", "1人あたり年額"),
				p("cap", fmt.Sprint(1000000*(i+1))), p("duration", "5年間"),
				p("conditions", "[北見市に移住すること, 正社員であること]"), p("weight", fmt.Sprint(i+1)),
			},
			[]Param{
				p("title", fmt.Sprintf("Programme %d", i)), p("per", "per person per year"), p("duration", "5 years"),
				p("conditions", "[Move to Kitami, Be a regular employee]"),
			}, "programs", 3)
	}
	nCompanies := max(1, perLang/5)
	nStories := max(1, perLang/5)
	nEvents := 3
	nArticles := max(1, perLang-nCompanies-nStories-nEvents-6)
	for i := range nCompanies {
		add(fmt.Sprintf("companies/company-%05d", i),
			[]Param{
				p("title", fmt.Sprintf("株式会社サンプル%d", i)), p("industry", []string{"dx", "software", "web"}[i%3]),
				p("head_office", fmt.Sprintf("東京都渋谷区渋谷%d-1-1", i%9+1)), p("kitami_office", "KITAMI BASE"),
				p("founded", fmt.Sprintf("%d-%02d", 1990+i%30, i%12+1)), p("ceo", "北見 太郎"),
				p("website", fmt.Sprintf("https://example.com/%d/", i)), p("kitami_since", fmt.Sprint(2013+i%10)),
				p("local_staff", fmt.Sprint(i%20+1)), p("programs", "["+programs[i%3]+"]"),
			},
			[]Param{
				p("title", fmt.Sprintf("Sample %d Inc.", i)), p("head_office", "1-1 Shibuya, Tokyo"),
				p("kitami_office", "KITAMI BASE"), p("ceo", "KITAMI Taro"),
			}, "companies", 6)
	}
	for i := range nStories {
		add(fmt.Sprintf("stories/story-%05d/index", i),
			[]Param{
				p("title", fmt.Sprintf("事例%d", i)), p("person", "北見工業大学を卒業した技術者"),
				p("move", []string{"uturn", "iturn", "salmon"}[i%3]), p("from", "東京"),
				p("company", fmt.Sprintf("company-%05d", i%nCompanies)), p("moved", fmt.Sprint(2015+i%10)),
				p("weight", fmt.Sprint(i)), p("image", "photo.svg"), p("image_alt", "北見の風景"),
			},
			[]Param{
				p("title", fmt.Sprintf("Story %d", i)), p("person", "A KIT graduate engineer"), p("from", "Tokyo"),
				p("image_alt", "A view of Kitami"),
			}, "stories", 5,
			File{"photo.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400" viewBox="0 0 640 400"><rect width="640" height="400" fill="#8c6"/></svg>`})
	}
	for i := range nEvents {
		day := fmt.Sprintf("2030-%02d-%02d", i*3+2, i+10)
		ja := []Param{p("title", fmt.Sprintf("北見視察ツアー%d（掲載例）", i)), p("start", day+"T14:00"), p("end", day+"T17:00"),
			p("venue", "KITAMI BASE"), p("address", "北海道北見市"), p("fee", fmt.Sprint(i*1000))}
		if i == 1 {
			ja = []Param{p("title", "北見工業大学と開くハッカソン（掲載例）"), p("start", day), p("end", day[:8]+fmt.Sprint(i+11)),
				p("online", "true"), p("registration", "https://example.com/apply/"), p("deadline", day[:8]+"01"), p("fee", "無料")}
		}
		add(fmt.Sprintf("events/event-%05d", i), ja,
			[]Param{p("title", fmt.Sprintf("Inspection tour %d (sample)", i)), p("venue", "KITAMI BASE"), p("fee", "Free")}, "events", 3)
	}
	for i := range nArticles {
		date := fmt.Sprintf("20%02d-%02d-%02d", 16+i%10, i%12+1, i%28+1)
		t1, t2 := g.rng.IntN(len(jaTags)), g.rng.IntN(len(jaTags))
		add(fmt.Sprintf("articles/article-%05d", i),
			[]Param{
				p("title", fmt.Sprintf("記事%d 北見のテレワーク", i)), p("date", date),
				p("tags", fmt.Sprintf("[%s, %s]", jaTags[t1], jaTags[t2])),
			},
			[]Param{
				p("title", fmt.Sprintf("Article %d on telework in Kitami", i)),
				p("tags", fmt.Sprintf("[%s, %s]", enTags[t1], enTags[t2])),
			}, "articles", 8)
	}
	return out
}

// body writes paragraphs with a heading, a list, a table and links.
func (g *generator) body(ja bool, section string, paragraphs int) string {
	text, lang := enText, "en"
	if ja {
		text, lang = jaText, "ja"
	}
	var b strings.Builder
	for i := range paragraphs {
		if i%3 == 0 {
			if ja {
				fmt.Fprintf(&b, "## 見出し%d 北見での働き方\n\n", i)
			} else {
				fmt.Fprintf(&b, "## Heading %d: working in Kitami\n\n", i)
			}
		}
		for j := range 4 {
			b.WriteString(text[(i*4+j+g.rng.IntN(3))%len(text)])
			if !ja {
				b.WriteByte(' ')
			}
			if j == 1 {
				b.WriteByte('\n')
			}
		}
		b.WriteString("\n\n")
		if i == 1 {
			fmt.Fprintf(&b, "- %s\n- %s\n- [%s](/%s)\n\n", text[0], text[1], text[2], lang)
			b.WriteString("| 項目 | 内容 |\n|---|---|\n| 空港 | 女満別 |\n| 時間 | 2.5 h |\n\n")
			up := "../"
			switch section {
			case "":
				up = ""
			case "stories": // bundles are one folder deeper
				up = "../../"
			}
			fmt.Fprintf(&b, "[programme](%sprograms/employment-subsidy.%s.md)\n\n", up, lang)
		}
	}
	return b.String()
}

// FrontMatter returns params between --- lines, followed by body: a page
// in one language as a content file holds it.
func FrontMatter(params []Param, body string) string {
	var b strings.Builder
	b.WriteString("---\n")
	for _, p := range params {
		b.WriteString(p.Key + ": " + p.Value + "\n")
	}
	b.WriteString("---\n")
	b.WriteString(body)
	return b.String()
}
