package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/isbn"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// EditionSpec is one of the demo's editions of the first volume.
type EditionSpec struct {
	Slug  string
	Langs []string
	// Publisher is the slug of the host that is publisher of record.
	Publisher string
	// Released says whether the edition is released at the forum (1 June
	// 2021, 10:00 in Zone); otherwise it is scheduled a year after the
	// demo is loaded, embargoed until then.
	Released    bool
	Zone        string
	Territories []string
	Notes       book.NoteNumbering
	// ISBN holds the first twelve digits per format; the check digit is
	// computed. They are sample data, marked so wherever they show.
	ISBN    map[book.Format]string
	Imprint map[string][]string
}

// Editions are the demo's editions of the first volume, in the order the
// demo makes them: the Chinese edition published by CASS and the Russian
// one by RIAC, each released in its country on the forum's day, the
// parallel Chinese–Russian edition released everywhere that day, and the
// English edition, scheduled a year ahead so that the embargo shows. The
// ISBNs use the registration groups 7 (China) and 5 (Russia) with sample
// publisher numbers; they are marked as sample data.
var Editions = []EditionSpec{
	{Slug: "treaty-20-vol-1-zh", Langs: []string{"zh"}, Publisher: "cass", Released: true, Zone: "Asia/Shanghai",
		Territories: []string{"CN"}, Notes: book.PerPage,
		ISBN: map[book.Format]string{book.EPUB: "978752030001", book.PDF: "978752030002"},
		Imprint: map[string][]string{"zh": {
			"图书在版编目（CIP）数据",
			"纪念《中俄睦邻友好合作条约》签署二十周年文集．第一卷／刘洋，（俄）德米特里·科兹洛夫主编．—北京：中国社会科学院，2021.6",
			"ISBN 978-7-5203-0002-5（示例书号）",
			"Ⅰ．①纪…　Ⅱ．①刘…②德…　Ⅲ．①中俄关系—文集　Ⅳ．①D822.351.2-53",
			"中国版本图书馆CIP数据核字（2021）第000000号（演示数据）",
			"责任编辑：刘洋（演示）",
			"2021年6月第1版　2021年6月第1次印刷",
		}}},
	{Slug: "treaty-20-vol-1-ru", Langs: []string{"ru"}, Publisher: "riac", Released: true, Zone: "Europe/Moscow",
		Territories: []string{"RU"}, Notes: book.PerChapter,
		ISBN: map[book.Format]string{book.EPUB: "978590000101", book.PDF: "978590000102"},
		Imprint: map[string][]string{"ru": {
			"УДК 327(470+510)(082)",
			"ББК 66.4(2Рос)+66.4(5Кит)я43",
			"С23",
			"Сборник трудов к 20-летию подписания Договора о добрососедстве, дружбе и сотрудничестве. Т.\u00a01 / отв. ред. Д.\u00a0Козлов, Лю\u00a0Ян ; Российский совет по международным делам. — Москва : РСМД, 2021.",
			"ISBN 978-5-900001-02-9 (образец ISBN)",
			"Библиографические данные приведены для демонстрации (демо).",
			"Первое издание, июнь 2021 года",
		}}},
	{Slug: "treaty-20-vol-1-zh-ru", Langs: []string{"zh", "ru"}, Publisher: "cass", Released: true, Zone: "Asia/Shanghai",
		Territories: []string{edition.World}, Notes: book.PerChapter,
		ISBN: map[book.Format]string{book.EPUB: "978752030003", book.PDF: "978752030004"},
		Imprint: map[string][]string{
			"zh": {"中俄对照版", "2021年6月第1版"},
			"ru": {"Параллельное издание на китайском и русском языках", "Первое издание, июнь 2021 года"}}},
	{Slug: "treaty-20-vol-1-en", Langs: []string{"en"}, Publisher: "cass", Released: false, Zone: "Asia/Shanghai",
		Territories: []string{edition.World}, Notes: book.PerChapter,
		ISBN:    map[book.Format]string{book.EPUB: "978752030005", book.PDF: "978752030006"},
		Imprint: map[string][]string{"en": {"English edition", "First edition"}}},
}

// DOIPrefix is the prefix of the demo editions' DOIs: Crossref's test
// prefix, which registers nothing, so that the Crossref deposit can be
// exported and looked at without claiming a real DOI.
const DOIPrefix = "10.5555"

// prefaces are the volume editors' preface in each language, as the
// office's edition form takes them (Markdown); each edition has those of
// its languages. They say how the editions differ and that the volume is
// demo data.
var prefaces = map[string]string{
	"zh": `本卷收录中俄两国学者为纪念《中华人民共和国和俄罗斯联邦睦邻友好合作条约》签署二十周年而撰写的文章，于2021年6月1日在中俄高端智库论坛上发布。条约于2001年7月16日在莫斯科签署，中文和俄文两种文本同等作准。本卷也以两种文字编成：每篇文章先由作者所在一方的编辑定稿，再由另一方的译者翻译，并经审校。

中文版沿用中文学术出版的习惯，注释排在页下，每页重新编号。俄文版的注释在每篇文章内连续编号。中俄对照版把中文排在左页、俄文排在右页，逐段对齐，两边的注释编号一致，便于对照阅读。

本卷的作者、文章、书号和出版数据均为 tandem 演示而设：作者为虚构人物，书号为示例数据，并未注册。

编　者

2021年5月`,
	"ru": `В этот том вошли статьи учёных двух стран, написанные к 20-летию Договора о добрососедстве, дружбе и сотрудничестве между Российской Федерацией и Китайской Народной Республикой; том вышел 1 июня 2021 года на Российско-китайском форуме высокого уровня аналитических центров. Договор подписан в Москве 16 июля 2001 года, и его китайский и русский тексты равно аутентичны. На двух языках составлен и этот том: каждую статью окончательно утверждает редактор той стороны, где работает автор, а затем её переводит и проверяет другая сторона.

Русское издание следует русской традиции: сноски нумеруются в пределах каждой статьи. В китайском издании они, по обычаю китайских научных книг, нумеруются заново на каждой странице. В параллельном издании китайский текст помещён на левой странице, русский — на правой; абзацы идут вровень, а номера сносок на обеих страницах совпадают.

Авторы, статьи, ISBN и выходные данные этого тома придуманы для демонстрации tandem: авторы — вымышленные лица, ISBN — образцы, они не зарегистрированы.

*Ответственные редакторы*

Май 2021 года`,
	"en": `This volume gathers essays by scholars of both countries written for the 20th anniversary of the Treaty of Good-Neighborliness and Friendly Cooperation between the People's Republic of China and the Russian Federation; it was released on 1 June 2021 at the China–Russia high-level think tank forum. The Treaty was signed in Moscow on 16 July 2001, and its Chinese and Russian texts are equally authentic. The volume too was made in two languages: each essay was finalised by an editor on the author's side, then translated and reviewed on the other.

The English edition follows the Chinese and Russian texts approved by both hosts. Its notes are numbered from 1 in each essay, as in the Russian edition; the Chinese edition numbers them afresh on each page.

The authors, essays, ISBNs and publication data of this volume were made up for the tandem demo: the authors are fictional, and the ISBNs are sample data, not registered.

*The editors*

May 2021`,
}

// imprints are the publishers' names and places on the editions' title
// and imprint pages, by partner slug and language, as the office's edition
// form takes them.
var imprints = map[string]struct{ name, place book.Local }{
	"cass": {
		name:  book.Local{"zh": "中国社会科学院", "ru": "Китайская академия общественных наук", "en": "Chinese Academy of Social Sciences"},
		place: book.Local{"zh": "北京", "ru": "Пекин", "en": "Beijing"},
	},
	"riac": {
		name:  book.Local{"zh": "俄罗斯国际事务委员会", "ru": "Российский совет по международным делам", "en": "Russian International Affairs Council"},
		place: book.Local{"zh": "莫斯科", "ru": "Москва", "en": "Moscow"},
	},
}

// proofsDay is the demo's clock when the hosts approved the proofs of the
// editions released at the forum and scheduled them: ten days before it.
var proofsDay = time.Date(2021, time.May, 22, 12, 0, 0, 0, msk)

// BuildEditions makes the demo's Editions of the first volume through the
// office's own steps, run after Works: the CASS editor creates each
// edition, the press builds its files with renderers (the program's real
// EPUB and PDF renderers), the organiser of each host approves the proofs,
// and the editor schedules it. The editions of the forum's day are
// scheduled at proofsDay and released by edition.ReleaseDue at now, as
// the release job would; the English one is scheduled for a year after
// now and stays unreleased. A build fails when a renderer cannot run (for
// the PDF, typst.ErrNotInstalled without Node.js and Typst).
func BuildEditions(ctx context.Context, db *store.DB, blobs blob.Store, r edition.Renderers, baseURL string, now time.Time) ([]*edition.Edition, error) {
	var coll int64
	if err := db.QueryRow(ctx, `SELECT id FROM collections WHERE slug = ?`, Volume1Slug).Scan(&coll); err != nil {
		return nil, fmt.Errorf("demo editions: collection: %w", err)
	}
	accts := &account.Store{DB: db}
	partner := map[string]int64{}
	team := map[string]*account.Account{}
	for _, s := range staff {
		if s.partner == "" {
			continue
		}
		a, err := accts.ByEmail(ctx, s.email)
		if err != nil {
			return nil, fmt.Errorf("demo editions: account %s (run Team first): %w", s.email, err)
		}
		team[s.partner+":"+string(s.role)] = a
	}
	for _, slug := range []string{"cass", "riac"} {
		var id int64
		if err := db.QueryRow(ctx, `SELECT id FROM partners WHERE slug = ?`, slug).Scan(&id); err != nil {
			return nil, fmt.Errorf("demo editions: partner %s: %w", slug, err)
		}
		partner[slug] = id
	}
	actor := func(p string, role account.Role) edition.Actor {
		a := team[p+":"+string(role)]
		return edition.Actor{AccountID: a.ID, Name: a.Name, PartnerID: partner[p]}
	}
	press := &edition.Press{DB: db, Blobs: blobs, Renderers: r, BaseURL: baseURL}
	var out []*edition.Edition
	for _, s := range Editions {
		e, err := makeEdition(ctx, press, coll, s, partner, actor, now)
		if err != nil {
			return nil, fmt.Errorf("demo edition %s: %w", s.Slug, err)
		}
		out = append(out, e)
	}
	if _, err := edition.ReleaseDue(ctx, db, now); err != nil {
		return nil, fmt.Errorf("demo editions: %w", err)
	}
	for i, e := range out {
		var err error
		if out[i], err = edition.Get(ctx, db, e.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func makeEdition(ctx context.Context, press *edition.Press, coll int64, s EditionSpec, partner map[string]int64,
	actor func(string, account.Role) edition.Actor, now time.Time) (*edition.Edition, error) {
	loc, err := time.LoadLocation(s.Zone)
	if err != nil {
		return nil, err
	}
	release, clock := time.Date(2021, time.June, 1, 10, 0, 0, 0, loc), proofsDay
	if !s.Released {
		next := now.In(loc).AddDate(1, 0, 0)
		release, clock = time.Date(next.Year(), next.Month(), next.Day(), 10, 0, 0, 0, loc), now
	}
	e := &edition.Edition{CollectionID: coll, Slug: s.Slug, Langs: s.Langs,
		Formats: []book.Format{book.Web, book.EPUB, book.PDF}, ISBN: map[book.Format]string{},
		PublisherID: partner[s.Publisher], ReleaseAt: release, TimeZone: s.Zone, Territories: s.Territories,
		Imprint: s.Imprint, Notes: s.Notes, PageSize: "a5", SampleISBN: true, DOIPrefix: DOIPrefix, Preface: map[string]string{}}
	e.PublisherName, e.PublisherPlace = book.Local{}, book.Local{}
	for _, l := range s.Langs {
		e.PublisherName[l] = imprints[s.Publisher].name[l]
		e.PublisherPlace[l] = imprints[s.Publisher].place[l]
		e.Preface[l] = prefaces[l]
	}
	for f, twelve := range s.ISBN {
		e.ISBN[f] = twelve + string(isbn.CheckDigitOf(twelve))
	}
	editor := actor("cass", account.Editor)
	err = press.DB.Transact(ctx, func(tx *store.Tx) error {
		c, err := works.GetCollection(ctx, tx, coll)
		if err != nil {
			return err
		}
		hosts, err := works.Hosts(ctx, tx, coll)
		if err != nil {
			return err
		}
		if err := edition.Validate(e, c.Languages, hosts); err != nil {
			return err
		}
		return edition.Create(ctx, tx, e, editor)
	})
	if err != nil {
		return nil, err
	}
	if _, err := press.Build(ctx, e.ID, nil, editor, nil); err != nil {
		return nil, err
	}
	for _, h := range []string{"cass", "riac"} {
		err := press.DB.Transact(ctx, func(tx *store.Tx) error {
			_, err := edition.ApproveProofs(ctx, tx, e.ID, partner[h], actor(h, account.Organiser))
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("%s approves the proofs: %w", h, err)
		}
	}
	if err := press.Schedule(ctx, e.ID, editor, clock); err != nil {
		return nil, err
	}
	return edition.Get(ctx, press.DB, e.ID)
}
