// Package benchsite writes realistic generated bilingual sites for
// benchmarks: the example site's site.yaml, templates and static files,
// with as many generated pages as asked for, in Japanese and English.
// Bodies have headings, lists, tables, links between pages and images;
// front matter uses every field of the sections; stories refer to
// companies and companies to programmes; articles carry tags.
package benchsite

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Write writes a site with perLang pages in each of Japanese and English
// into dir, taking site.yaml, templates/ and static/ from example.
// The same arguments always write the same site.
func Write(dir string, example fs.FS, perLang int) error {
	for _, sub := range []string{"site.yaml", "templates", "static"} {
		sfs, err := fs.Sub(example, ".")
		if err != nil {
			return err
		}
		if sub == "site.yaml" {
			data, err := fs.ReadFile(sfs, sub)
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(dir, sub), data, 0o644); err != nil {
				return err
			}
			continue
		}
		part, err := fs.Sub(sfs, sub)
		if err != nil {
			return err
		}
		if err := os.CopyFS(filepath.Join(dir, sub), part); err != nil {
			return err
		}
	}
	w := writer{dir: dir, rng: rand.New(rand.NewPCG(1, uint64(perLang)))}
	return w.site(perLang)
}

type writer struct {
	dir string
	rng *rand.Rand
	err error
}

func (w *writer) file(name, text string) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, "content", filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.err = err
		return
	}
	w.err = os.WriteFile(p, []byte(text), 0o644)
}

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

func (w *writer) site(perLang int) error {
	w.file("_index.ja.md", "---\ntitle: 北見市 地方創生テレワーク\ndescription: ベンチマーク用のサイトです。\n---\n"+w.body(true, "", 2))
	w.file("_index.en.md", "---\ntitle: Kitami Telework\ndescription: A site for benchmarks.\n---\n"+w.body(false, "", 2))
	for _, p := range []string{"about", "access", "contact"} {
		w.file(p+".ja.md", fmt.Sprintf("---\ntitle: %s\n---\n%s", p, w.body(true, "", 3)))
		w.file(p+".en.md", fmt.Sprintf("---\ntitle: %s\n---\n%s", p, w.body(false, "", 3)))
	}
	programs := []string{"employment-subsidy", "office-rent-subsidy", "airfare-subsidy"}
	for i, p := range programs {
		w.file("programs/"+p+".ja.md", fmt.Sprintf("---\ntitle: 制度%d\namount: %d\nper: 1人あたり年額\ncap: %d\nduration: 5年間\nconditions: [北見市に移住すること, 正社員であること]\nweight: %d\n---\n%s", i, 200000*(i+1), 1000000*(i+1), i+1, w.body(true, "programs", 3)))
		w.file("programs/"+p+".en.md", fmt.Sprintf("---\ntitle: Programme %d\nper: per person per year\nduration: 5 years\nconditions: [Move to Kitami, Be a regular employee]\n---\n%s", i, w.body(false, "programs", 3)))
	}
	nCompanies := max(1, perLang/5)
	nStories := max(1, perLang/5)
	nArticles := max(1, perLang-nCompanies-nStories-6)
	for i := range nCompanies {
		name := fmt.Sprintf("company-%05d", i)
		ja := fmt.Sprintf("---\ntitle: 株式会社サンプル%d\nindustry: %s\nhead_office: 東京都渋谷区渋谷%d-1-1\nkitami_office: KITAMI BASE\nfounded: %d-%02d\nceo: 北見 太郎\nwebsite: https://example.com/%d/\nkitami_since: %d\nlocal_staff: %d\nhiring: %t\nprograms: [%s]\n---\n%s",
			i, []string{"dx", "software", "web"}[i%3], i%9+1, 1990+i%30, i%12+1, i, 2013+i%10, i%20+1, i%2 == 0, programs[i%3], w.body(true, "companies", 6))
		en := fmt.Sprintf("---\ntitle: Sample %d Inc.\nhead_office: 1-1 Shibuya, Tokyo\nkitami_office: KITAMI BASE\nceo: KITAMI Taro\n---\n%s", i, w.body(false, "companies", 6))
		w.file("companies/"+name+".ja.md", ja)
		w.file("companies/"+name+".en.md", en)
	}
	for i := range nStories {
		dir := fmt.Sprintf("stories/story-%05d/", i)
		w.file(dir+"index.ja.md", fmt.Sprintf("---\ntitle: 事例%d\nperson: 北見工業大学を卒業した技術者\nmove: %s\nfrom: 東京\ncompany: company-%05d\nmoved: %d\nweight: %d\nimage: photo.svg\nimage_alt: 北見の風景\n---\n%s",
			i, []string{"uturn", "iturn", "salmon"}[i%3], i%nCompanies, 2015+i%10, i, w.body(true, "stories", 5)))
		w.file(dir+"index.en.md", fmt.Sprintf("---\ntitle: Story %d\nperson: A KIT graduate engineer\nfrom: Tokyo\nimage_alt: A view of Kitami\n---\n%s", i, w.body(false, "stories", 5)))
		w.file(dir+"photo.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400" viewBox="0 0 640 400"><rect width="640" height="400" fill="#8c6"/></svg>`)
	}
	for i := range nArticles {
		date := fmt.Sprintf("20%02d-%02d-%02d", 16+i%10, i%12+1, i%28+1)
		t1, t2 := w.rng.IntN(len(jaTags)), w.rng.IntN(len(jaTags))
		w.file(fmt.Sprintf("articles/article-%05d.ja.md", i), fmt.Sprintf("---\ntitle: 記事%d 北見のテレワーク\ndate: %s\ntags: [%s, %s]\n---\n%s", i, date, jaTags[t1], jaTags[t2], w.body(true, "articles", 8)))
		w.file(fmt.Sprintf("articles/article-%05d.en.md", i), fmt.Sprintf("---\ntitle: Article %d on telework in Kitami\ntags: [%s, %s]\n---\n%s", i, enTags[t1], enTags[t2], w.body(false, "articles", 8)))
	}
	return w.err
}

// body writes paragraphs with a heading, a list, a table and links.
func (w *writer) body(ja bool, section string, paragraphs int) string {
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
			b.WriteString(text[(i*4+j+w.rng.IntN(3))%len(text)])
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
