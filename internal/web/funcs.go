package web

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/media"
)

// The template functions below take the page (for its language and printer)
// and a value, and return what a partial template renders.

// mlText is a multilingual text as one reader sees it, with the notice to
// show when it is not in the reader's language.
type mlText struct {
	shown
	Notice string
}

func ml(d *pageData, t lang.Text) mlText {
	sh := shownText(t, d.Lang)
	m := mlText{shown: sh}
	if sh.Fallback && sh.Value != "" {
		m.Notice = d.T.T("translation.missing", d.T.T("lang.name."+sh.Lang))
	}
	return m
}

func nm(d *pageData, ns lang.Names) mlText {
	return mlText{shown: personName(ns, d.Lang)}
}

// otherNames returns a person's name as written in the other languages of the
// site where it differs, e.g. 王毅 on the English page of Wang Yi.
func otherNames(d *pageData, ns lang.Names) []shown {
	cur := personName(ns, d.Lang)
	seen := map[string]bool{cur.Value: true}
	var out []shown
	for _, l := range []string{ns.Source, "zh", "ru", "en"} {
		n, ok := ns.Values[l]
		if !ok {
			continue
		}
		full := plain(n.Full(l))
		if seen[full] {
			continue
		}
		seen[full] = true
		out = append(out, shown{Value: full, Lang: l})
	}
	return out
}

type hostsArg struct {
	Page  *pageData
	Lang  string
	Hosts []*forum.Partner
}

func hosts(d *pageData, f *forum.Forum) hostsArg {
	return hostsArg{Page: d, Lang: d.Lang, Hosts: f.Hosts}
}

type newsArg struct {
	Page *pageData
	Post *forum.NewsPost
}

func newsItem(d *pageData, n *forum.NewsPost) newsArg { return newsArg{d, n} }

type personArg struct {
	Page   *pageData
	Person *forum.Person
}

func person(d *pageData, p *forum.Person) personArg { return personArg{d, p} }

type figureArg struct {
	Page                 *pageData
	Image                *media.Image
	Alt, Caption, Credit lang.Text
}

// figure is an image as a page shows it, with the texts of the thing that
// shows it (a news post's approved alt text, caption and credit), never
// the library's, which are only defaults in the office.
func figure(d *pageData, im *media.Image, alt, caption, credit lang.Text) figureArg {
	return figureArg{d, im, alt, caption, credit}
}

// bodySection is a run of a body's paragraphs and the figures that follow
// the last of them (or, in the first section without paragraphs, come
// before the first).
type bodySection struct {
	Paras   []string
	Figures []figureArg
}

// bodyArg is a body as one reader sees it, cut where its figures go.
type bodyArg struct {
	mlText
	Sections []bodySection
}

// body places the figures of a news post in its body t as the reader of d
// reads it: each after the paragraph its After numbers, in the order
// given, or at the end when the body shown has fewer paragraphs. A figure
// whose image is not loaded is left out.
func body(d *pageData, t lang.Text, figs []*forum.Figure) bodyArg {
	b := bodyArg{mlText: ml(d, t)}
	paras := paragraphs(b.Value)
	after := map[int][]figureArg{}
	for _, fg := range figs {
		if fg == nil || fg.Image == nil {
			continue
		}
		k := min(max(fg.After, 0), len(paras))
		after[k] = append(after[k], figure(d, fg.Image, fg.Alt, fg.Caption, fg.Credit))
	}
	if fs := after[0]; len(fs) > 0 {
		b.Sections = append(b.Sections, bodySection{Figures: fs})
	}
	var run []string
	for i, p := range paras {
		run = append(run, p)
		if fs := after[i+1]; len(fs) > 0 || i == len(paras)-1 {
			b.Sections = append(b.Sections, bodySection{Paras: run, Figures: fs})
			run = nil
		}
	}
	return b
}

// thumb returns an image's smallest file, for a thumbnail.
func thumb(im *media.Image) media.File {
	return im.Smallest()
}

// partnerMark is the image a page shows for a partner: its uploaded logo,
// or the monogram the site draws of its short name in the page's language.
// Width and Height are those of the file URL names.
type partnerMark struct {
	URL           string
	Width, Height int
	// Alt describes the mark, in the page's language, where it stands on
	// its own; beside the partner's name a page gives it an empty alt.
	Alt string
}

func mark(d *pageData, p *forum.Partner) partnerMark {
	if p.Logo != nil {
		f := p.Logo.Smallest()
		name := shownText(p.Name, d.Lang).Value
		return partnerMark{URL: "/media/" + f.BlobKey, Width: f.Width, Height: f.Height, Alt: d.T.T("partner.logo", d.T.Quote(flat(name)))}
	}
	short := shownText(p.ShortName, d.Lang).Value
	return partnerMark{
		URL:   "/" + d.Lang + "/partners/" + p.Slug + "/mark.svg",
		Width: media.MonogramSize, Height: media.MonogramSize,
		Alt: d.T.T("partner.mark", d.T.Quote(flat(short))),
	}
}

func langName(d *pageData, l string) string {
	return d.T.T("lang.name." + l)
}

// editionLangs says in which language an edition is, as the lists of
// editions show it: the language's own name, or for a parallel edition
// that it is one and in which languages ("中俄对照版", «параллельное
// издание на китайском и русском»), so that it is not taken for the
// edition in its first language.
func editionLangs(d *pageData, ls []string) string { return editionLangsIn(d.T, ls) }

func editionLangsIn(t *i18n.Printer, ls []string) string {
	if len(ls) == 2 {
		return t.T("editions.parallel", t.T("editions.lang."+ls[0]), t.T("editions.lang."+ls[1]))
	}
	names := make([]string, len(ls))
	for i, l := range ls {
		names[i] = t.T("lang.self." + l)
	}
	return strings.Join(names, " · ")
}

// bookName is the argument of the book-name template: a person of a book
// and the language shown.
type bookName struct {
	P book.Person
	L string
}

// editionList is the argument of the edition-items template: the page and
// the editions it lists.
type editionList struct {
	Page  *pageData
	Items []editionItem
}

func langNames(d *pageData, ls []string) string {
	names := make([]string, len(ls))
	for i, l := range ls {
		names[i] = langName(d, l)
	}
	return d.T.List(names)
}

func countryName(d *pageData, code string) string {
	return d.T.T("country." + code)
}

// siteHost returns the host of a URL for display.
func siteHost(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return s
	}
	return u.Host
}

type markArg struct {
	Page    *pageData
	Partner *forum.Partner
}

func markOf(d *pageData, p *forum.Partner) markArg { return markArg{d, p} }

type pagerArg struct {
	Page  *pageData
	Pager pager
	Label string
}

func pagerNav(d *pageData, p pager, label string) pagerArg { return pagerArg{d, p, label} }

// hostNames lists a forum's hosts by their short names, as a sentence does.
func hostNames(d *pageData, f *forum.Forum) string {
	names := make([]string, len(f.Hosts))
	for i, h := range f.Hosts {
		names[i] = shownText(h.ShortName, d.Lang).Value
	}
	return d.T.List(names)
}

// label returns the catalog text key, a label that introduces what follows
// it on its line ("Source:", "来源："), with the space that separates the
// two: none after a full-width mark, which is set with its own (a space
// there would leave a gap of two: 来源：␣《…》).
func label(d *pageData, key string) string {
	s := d.T.T(key)
	if r, _ := utf8.DecodeLastRuneInString(s); fullWidth(r) {
		return s
	}
	return s + " "
}

// fullWidth reports whether r is a full-width punctuation mark or symbol:
// CJK Symbols and Punctuation (、。《》「」) or a full-width form (，：；！？).
func fullWidth(r rune) bool {
	return r >= 0x3000 && r <= 0x303F || r >= 0xFF01 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6
}
