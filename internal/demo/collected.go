package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/blob"
	texts "github.com/tandemforum/tandem/internal/demo/works"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
	"github.com/tandemforum/tandem/internal/works"
)

// CollectionSlug names the demo's Collected Works in preparation, their
// second volume, with contributions at every stage.
const CollectionSlug = "treaty-20-collected-works"

// Volume1Slug names the first volume of the demo's Collected Works,
// released at the forum: every contribution approved in zh, ru and en, the
// volume the demo's editions are made of.
const Volume1Slug = "treaty-20-collected-works-vol-1"

// Collected is what Works made that `tandem demo` prints: the authors'
// accounts, and the link of the invitation that still awaits its author.
type Collected struct {
	Authors []Login
	// Invited is the address of the pending invitation and InvitationPath
	// its link (under the site's address), which accepts it.
	Invited, InvitationPath string
}

// authorEmails are the demo addresses of the fictional authors, by the
// manifest's slugs.
var authorEmails = map[string]string{
	"lin-shifan":      "lin.shifan@authors.example",
	"zhou-yangwen":    "zhou.yangwen@authors.example",
	"demyan-primerov": "demyan.primerov@authors.example",
	"vera-testova":    "vera.testova@authors.example",
	"jordan-example":  "jordan.example@authors.example",
	"wu-lizheng":      "wu.lizheng@authors.example",
	"pavel-etalonov":  "pavel.etalonov@authors.example",
}

// hostOf is the host whose team works in a language: CASS in Chinese
// (and, for the demo, English), RIAC in Russian.
func hostOf(l string) string {
	if l == "ru" {
		return "riac"
	}
	return "cass"
}

// Works fills the demo's Collected Works through the office's own steps,
// run after Load and Team: the volume editors of both hosts and a deadline
// four weeks from now; the forum's termbase; the five essays of
// internal/demo/works, each brought to the stage the manifest gives it by
// the people whose step it is. The authors of the first four accept their
// invitations, which gives each an author account with password; the
// fifth's invitation stays pending. Every step is in the event log.
func Works(ctx context.Context, db *store.DB, blobs blob.Store, password string) (*Collected, error) {
	m, err := texts.Load()
	if err != nil {
		return nil, err
	}
	w := &worksLoader{ctx: ctx, db: db, blobs: blobs, accts: &account.Store{DB: db}, revs: revision.NewStore(db, blobs),
		mem: translate.NewMemory(db), manifest: m, password: password, now: time.Now(), out: &Collected{}}
	w.manuscripts = &works.Manuscripts{DB: db, Revs: w.revs}
	v1, err := texts.LoadFile(texts.Volume1)
	if err != nil {
		return nil, err
	}
	w.authors = map[string]*forum.Person{}
	for _, step := range []func() error{w.setUp, w.termbase} {
		if err := step(); err != nil {
			return nil, fmt.Errorf("demo works: %w", err)
		}
	}
	// The first volume, approved throughout, then the second, in
	// preparation.
	for _, vol := range []struct {
		slug string
		m    *texts.Manifest
	}{{Volume1Slug, v1}, {CollectionSlug, m}} {
		if err := w.theCollection(vol.slug); err != nil {
			return nil, fmt.Errorf("demo works: %w", err)
		}
		if err := w.people(vol.m.Authors); err != nil {
			return nil, fmt.Errorf("demo works: %w", err)
		}
		for _, e := range vol.m.Essays {
			if err := w.essay(e); err != nil {
				return nil, fmt.Errorf("demo works: %s: %w", e.Slug, err)
			}
		}
	}
	return w.out, nil
}

// worksLoader holds what the steps of Works share.
type worksLoader struct {
	ctx         context.Context
	db          *store.DB
	blobs       blob.Store
	accts       *account.Store
	revs        *revision.Store
	manuscripts *works.Manuscripts
	mem         *translate.Memory
	manifest    *texts.Manifest
	password    string
	now         time.Time
	out         *Collected

	forumID int64
	coll    *works.Collection
	hosts   []int64
	partner map[string]int64 // partner id by slug
	// staff are the demo team's accounts by partner slug and role.
	staff   map[string]*account.Account
	authors map[string]*forum.Person // by the manifest's slugs
}

func (w *worksLoader) member(partner string, role account.Role) *account.Account {
	return w.staff[partner+":"+string(role)]
}

// slugOf returns the slug of partner id.
func (w *worksLoader) slugOf(id int64) string {
	for slug, pid := range w.partner {
		if pid == id {
			return slug
		}
	}
	return ""
}

// actor is a works actor for a team member, acting for their partner.
func (w *worksLoader) actor(a *account.Account) works.Actor {
	by := works.Actor{AccountID: a.ID, Name: a.Name}
	if ps := a.Partners(); len(ps) > 0 {
		by.PartnerID = ps[0]
	}
	return by
}

func (w *worksLoader) setUp() error {
	if err := w.db.QueryRow(w.ctx, `SELECT id FROM forums WHERE slug = ?`, ForumSlug).Scan(&w.forumID); err != nil {
		return fmt.Errorf("forum: %w", err)
	}
	w.partner = map[string]int64{}
	for _, slug := range []string{"cass", "riac"} {
		var id int64
		if err := w.db.QueryRow(w.ctx, `SELECT id FROM partners WHERE slug = ?`, slug).Scan(&id); err != nil {
			return fmt.Errorf("partner %s: %w", slug, err)
		}
		w.partner[slug] = id
	}
	w.staff = map[string]*account.Account{}
	for _, s := range staff {
		if s.partner == "" {
			continue
		}
		a, err := w.accts.ByEmail(w.ctx, s.email)
		if err != nil {
			return fmt.Errorf("account %s (run Team first): %w", s.email, err)
		}
		w.staff[s.partner+":"+string(s.role)] = a
	}
	return nil
}

// theCollection gives the collection slug its volume editors, one of each
// host, and a deadline four weeks from now at 18:00 Moscow time, so that
// invitations can still be sent whenever the demo is loaded. Volume 1
// keeps its release on the forum's day. Volume 2 (CollectionSlug) is the
// office's compilation in progress, so its release is planned after that
// deadline (eight weeks after it, at 11:00 Moscow time), and its
// description, in the three languages, says so. The steps that follow work
// in the collection.
func (w *worksLoader) theCollection(slug string) error {
	return w.db.Transact(w.ctx, func(tx *store.Tx) error {
		var id int64
		if err := tx.QueryRow(w.ctx, `SELECT id FROM collections WHERE slug = ?`, slug).Scan(&id); err != nil {
			return fmt.Errorf("collection: %w", err)
		}
		c, err := works.GetCollection(w.ctx, tx, id)
		if err != nil {
			return err
		}
		version, err := works.CollectionVersion(w.ctx, tx, id)
		if err != nil {
			return err
		}
		if w.hosts, err = works.Hosts(w.ctx, tx, id); err != nil {
			return err
		}
		due := w.now.In(msk).AddDate(0, 0, 28)
		c.Deadline = time.Date(due.Year(), due.Month(), due.Day(), 18, 0, 0, 0, msk)
		c.Editors = nil
		for _, p := range []string{"cass", "riac"} {
			ed := w.member(p, account.Editor)
			c.Editors = append(c.Editors, works.Editor{AccountID: ed.ID, AccountName: ed.Name, PartnerID: w.partner[p]})
		}
		org := w.actor(w.member("cass", account.Organiser))
		if _, err := works.UpdateCollection(w.ctx, tx, c, version, org); err != nil {
			return err
		}
		if slug != CollectionSlug {
			w.coll = c
			return nil
		}
		// A second edit, as an organiser would make it, plans the
		// release and describes the re-enactment.
		if version, err = works.CollectionVersion(w.ctx, tx, id); err != nil {
			return err
		}
		rel := c.Deadline.AddDate(0, 0, 56)
		c.ReleasedAt = time.Date(rel.Year(), rel.Month(), rel.Day(), 11, 0, 0, 0, msk)
		c.Description = collectionDescription
		if _, err := works.UpdateCollection(w.ctx, tx, c, version, org); err != nil {
			return err
		}
		w.coll = c
		return nil
	})
}

// termbase imports the forum's termbase, as the CASS editor would from
// the office's termbase page.
func (w *worksLoader) termbase() error {
	data, err := fs.ReadFile(texts.FS, w.manifest.Termbase)
	if err != nil {
		return err
	}
	ed := w.member("cass", account.Editor)
	return w.db.Transact(w.ctx, func(tx *store.Tx) error {
		res, err := translate.ImportTSV(w.ctx, tx, w.forumID, bytes.NewReader(data), w.manifest.Termbase, "zh", "ru", ed.Name)
		if err != nil {
			return fmt.Errorf("termbase: %w", err)
		}
		return w.event(tx, ed, "termbase.import", fmt.Sprintf("forum:%d", w.forumID),
			map[string]any{"format": "tsv", "added": res.Added, "unchanged": res.Unchanged, "skipped": res.Skipped})
	})
}

// event records what the office records beside a domain step.
func (w *worksLoader) event(q store.Querier, by *account.Account, action, subject string, after any) error {
	return eventlog.Append(w.ctx, q, &eventlog.Event{ActorID: by.ID, ActorName: by.Name, Action: action, Subject: subject, After: eventlog.State(after)})
}

// people records the fictional authors as the office records an author
// added by name: an unpublished person, to be completed in the people
// list. Their affiliations say "demo" in every language.
func (w *worksLoader) people(authors []texts.Author) error {
	ed := w.member("cass", account.Editor)
	by := approval.Actor{AccountID: ed.ID, Name: ed.Name, PartnerIDs: ed.Partners()}
	return w.db.Transact(w.ctx, func(tx *store.Tx) error {
		for _, a := range authors {
			p := &forum.Person{Slug: a.Slug, Names: a.Names, Affiliation: lang.New(a.Names.Source, a.Affiliation)}
			if _, err := approval.Create(w.ctx, tx, approval.KindPerson, p, by); err != nil {
				return fmt.Errorf("author %s: %w", a.Slug, err)
			}
			w.authors[a.Slug] = p
		}
		return nil
	})
}

// essay makes contribution e and brings it to its stage.
func (w *worksLoader) essay(e texts.Essay) error {
	src := e.Manuscript
	if src == "" {
		src = e.Revisions[0]
	}
	data, err := fs.ReadFile(texts.FS, src)
	if err != nil {
		return err
	}
	d, typ, err := works.ReadManuscript(data, e.Lang)
	if err != nil {
		return err
	}
	ed := w.member(hostOf(e.Lang), account.Editor)
	c, err := w.contribution(e, d, ed)
	if err != nil {
		return err
	}
	if e.Stage == "invited" {
		// Awaiting an author: the invitation stays pending.
		return w.invite(c, e, ed, false)
	}
	if err := w.invite(c, e, ed, true); err != nil {
		return err
	}
	author, err := w.accts.ByEmail(w.ctx, authorEmails[e.Authors[0]])
	if err != nil {
		return err
	}
	if _, err := w.manuscripts.Upload(w.ctx, c, d, revision.Source{Name: src, Type: typ, Data: data, By: author.Name}, w.actor(author)); err != nil {
		return err
	}
	if err := w.move(c, "submit", "", works.Parties{Author: true}, author); err != nil {
		return err
	}
	editor := works.Parties{Editor: true}
	switch e.Stage {
	case "returned-to-author":
		return w.move(c, "return", returnMessage, editor, ed)
	case "in-editing":
		if err := w.move(c, "edit", "", editor, ed); err != nil {
			return err
		}
		return w.comment(c, ed)
	case "in-translation", "approved":
		if err := w.move(c, "edit", "", editor, ed); err != nil {
			return err
		}
		if err := w.move(c, "final", "", editor, ed); err != nil {
			return err
		}
	default:
		return fmt.Errorf("stage %q", e.Stage)
	}
	for l, name := range e.Memory {
		if err := w.memory(e, l, name); err != nil {
			return err
		}
	}
	for l, name := range e.Pairs {
		if err := w.partial(c, l, name); err != nil {
			return err
		}
	}
	for l, name := range e.Translations {
		if err := w.full(c, l, name); err != nil {
			return err
		}
	}
	if e.Stage == "approved" {
		for _, l := range c.Languages {
			if err := w.approve(c, l.Lang); err != nil {
				return err
			}
		}
	}
	return nil
}

// collectionDescription is what volume 2 says of itself once the
// office has planned its release, in zh, ru and en.
var collectionDescription = lang.New("zh", map[string]string{
	"zh": "为纪念《中华人民共和国和俄罗斯联邦睦邻友好合作条约》签署二十周年，中国社会科学院与俄罗斯国际事务委员会共同编纂文集，第一卷于2021年6月1日在中俄高端智库论坛上发布。第二卷正在编纂之中，两国学者应邀撰稿，仍以中文和俄文出版。\n\n本演示展示第二卷的编纂过程：交稿截止日期和出版日期均从加载演示之日起计算，部分文章仍在撰写、编辑和翻译之中。报道没有给出文集的确切书名，这里使用的是描述性标题。",
	"ru": "К 20-летию Договора о добрососедстве, дружбе и сотрудничестве между Российской Федерацией и Китайской Народной Республикой Китайская академия общественных наук и Российский совет по международным делам совместно готовят сборник; первый том вышел 1 июня 2021 года на Российско-китайском форуме высокого уровня аналитических центров. Второй том готовится: для него пишут приглашённые учёные двух стран, и он тоже выйдет на китайском и русском языках.\n\nДемо показывает подготовку второго тома: срок сдачи рукописей и дата выхода отсчитываются от дня загрузки демо, а часть статей ещё пишется, редактируется и переводится. Точное название сборника в сообщении не указано; здесь приведено описательное название.",
	"en": "For the 20th anniversary of the Treaty of Good-Neighbourliness and Friendly Cooperation between the People's Republic of China and the Russian Federation, the Chinese Academy of Social Sciences and the Russian International Affairs Council are compiling Collected Works together; the first volume was released on 1 June 2021 at the China–Russia high-level think-tank forum. The second volume is in preparation: scholars of both countries were invited to write for it, and it too will be published in Chinese and in Russian.\n\nThis demo shows the second volume being compiled: the manuscript deadline and the release date are counted from the day the demo was loaded, and some essays are still being written, edited and translated. The report the demo rests on does not give the collection's exact title, so the title here is descriptive.",
})

// returnMessage is what RIAC's editor writes to the author of D when
// returning revision 1: it answers her Word comment and asks for what
// revision 2 changes.
const returnMessage = "Спасибо за текст. Отвечаем на ваш вопрос: при первом упоминании даём полное название договора, дальше достаточно краткого. " +
	"Просим уточнить в разделе «Экономика», чего именно договор не устанавливает, и упомянуть в разделе «Гуманитарные связи» форум 2021 года."

// contribution records e with its metadata (from the manuscript and the
// manifest), its author and its translators and reviewers: for each target
// language those of the host that works in it.
func (w *worksLoader) contribution(e texts.Essay, d *doc.Document, ed *account.Account) (*works.Contribution, error) {
	abstract := map[string]string{e.Lang: d.Abstract}
	keywords := map[string][]string{}
	if len(d.Keywords) > 0 {
		keywords[e.Lang] = d.Keywords
	}
	for l, a := range e.Abstract {
		abstract[l] = a
	}
	for l, k := range e.Keywords {
		keywords[l] = k
	}
	for l, name := range e.Translations {
		data, err := fs.ReadFile(texts.FS, name)
		if err != nil {
			return nil, err
		}
		td, _, err := works.ReadManuscript(data, l)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		abstract[l], keywords[l] = td.Abstract, td.Keywords
	}
	c := &works.Contribution{CollectionID: w.coll.ID, Lang: e.Lang, Title: lang.New(e.Lang, e.Title),
		Abstract: lang.New(e.Lang, abstract), Keywords: keywords}
	for _, slug := range e.Authors {
		p := w.authors[slug]
		c.Authors = append(c.Authors, works.Author{PersonID: p.ID, Names: p.Names})
	}
	for _, l := range w.coll.Languages {
		if l == e.Lang {
			continue
		}
		h := hostOf(l)
		c.Staff = append(c.Staff,
			works.Staff{Lang: l, AccountID: w.member(h, account.Translator).ID, Role: works.RoleTranslator},
			works.Staff{Lang: l, AccountID: w.member(h, account.Reviewer).ID, Role: works.RoleReviewer})
	}
	err := w.db.Transact(w.ctx, func(tx *store.Tx) error {
		if err := works.CreateContribution(w.ctx, tx, c, w.actor(ed)); err != nil {
			return err
		}
		return works.InsertStaff(w.ctx, tx, c.ID, c.Staff)
	})
	if err != nil {
		return nil, err
	}
	return works.GetContribution(w.ctx, w.db, c.ID)
}

// invite invites e's first author in the language of the essay. With
// accept the author accepts at once, as the office's acceptance page does
// for someone without an account: the account is made (an author at the
// first host) and linked to the person. Without it the invitation stays
// pending, with its reminders scheduled, and its link is kept for the
// demo's printout.
func (w *worksLoader) invite(c *works.Contribution, e texts.Essay, ed *account.Account, accept bool) error {
	slug := e.Authors[0]
	p := w.authors[slug]
	email := authorEmails[slug]
	var prep *account.Prepared
	if accept {
		name, _ := p.Names.In(e.Lang)
		var err error
		prep, err = w.accts.Prepare(w.ctx, account.NewAccount{Email: email, Name: name.Full(e.Lang), Lang: e.Lang, Password: w.password})
		if err != nil {
			return err
		}
	}
	return w.db.Transact(w.ctx, func(tx *store.Tx) error {
		inv, token, err := works.Invite(w.ctx, tx, c, w.coll, p.ID, email, e.Lang, w.now, w.actor(ed))
		if err != nil {
			return err
		}
		if !accept {
			w.out.Invited = inv.Email
			w.out.InvitationPath = "/office/contribute/" + token + "?lang=" + url.QueryEscape(inv.Lang)
			return works.ScheduleReminders(w.ctx, tx, inv.ID, w.coll.Deadline, w.now)
		}
		acct, err := w.accts.AddPrepared(w.ctx, tx, prep)
		if err != nil {
			return err
		}
		if err := account.GrantIn(w.ctx, tx, acct.ID, w.hosts[0], account.Author); err != nil {
			return err
		}
		if err := works.AcceptInvitation(w.ctx, tx, inv, acct.ID, w.now, works.Actor{AccountID: acct.ID, Name: acct.Name}); err != nil {
			return err
		}
		c.State = works.Accepted
		w.out.Authors = append(w.out.Authors, Login{Email: acct.Email, Name: acct.Name, Lang: acct.Lang, Role: w.slugOf(w.hosts[0]) + ":" + string(account.Author)})
		return nil
	})
}

// starter creates a contribution's translations when its text becomes
// final, as the office does.
type starter struct{ revs *revision.Store }

func (s starter) Start(ctx context.Context, tx *store.Tx, c *works.Contribution, l string) error {
	if c.DocumentID == 0 {
		return nil
	}
	_, _, err := translate.Sync(ctx, tx, s.revs, c.DocumentID, l, "contribution", c.ID)
	return err
}

// move makes the workflow's move name on c, checked as the office checks
// it for someone playing ps.
func (w *worksLoader) move(c *works.Contribution, name, message string, ps works.Parties, by *account.Account) error {
	m, ok := works.MoveNamed(name)
	if !ok {
		return fmt.Errorf("no move %q", name)
	}
	if err := m.Check(c, ps); err != nil {
		return err
	}
	return w.db.Transact(w.ctx, func(tx *store.Tx) error {
		return works.Advance(w.ctx, tx, c, m, message, starter{w.revs}, w.actor(by))
	})
}

// moveLang makes move name of language l, checked for someone playing ps.
func (w *worksLoader) moveLang(c *works.Contribution, l, name string, ps works.Parties, by *account.Account) error {
	m, ok := works.LangMoveNamed(name)
	if !ok {
		return fmt.Errorf("no language move %q", name)
	}
	if err := m.Check(c, l, ps); err != nil {
		return err
	}
	return w.db.Transact(w.ctx, func(tx *store.Tx) error {
		return works.AdvanceLang(w.ctx, tx, c, l, m, "", w.actor(by))
	})
}

// comment has the editor ask, on the block of C that gives the interval
// between the forum and the anniversary loosely, for the exact number.
func (w *worksLoader) comment(c *works.Contribution, ed *account.Account) error {
	rev, err := w.revs.Latest(w.ctx, c.DocumentID)
	if err != nil {
		return err
	}
	var block string
	rev.Doc.Walk(func(b *doc.Block) {
		if block == "" && strings.Contains(doc.PlainText(b.Inlines), "约一个半月") {
			block = b.ID
		}
	})
	if block == "" {
		return errors.New("no block gives the interval to comment on")
	}
	return w.db.Transact(w.ctx, func(tx *store.Tx) error {
		_, err := works.AddComment(w.ctx, tx, c, rev.Number, block,
			"“约一个半月”请改为确切的天数：6月1日至7月16日为45天。数字写明后，译者也便于核对。", w.actor(ed))
		return err
	})
}

// translation returns c's translation into l and its segments in order.
func (w *worksLoader) translation(c *works.Contribution, l string) (*translate.Translation, []translate.Segment, error) {
	tr, err := translate.ByDocument(w.ctx, w.db, c.DocumentID, l)
	if err != nil {
		return nil, nil, err
	}
	segs, err := translate.Segments(w.ctx, w.db, tr.ID)
	return tr, segs, err
}

// segmentEvent is what the office's workbench logs of a segment's save.
type segmentEvent struct {
	Segment int64           `json:"segment"`
	Key     string          `json:"key"`
	State   translate.State `json:"state"`
	Version int             `json:"version"`
}

// confirm saves target as the translation of seg, confirmed by the
// translator (and so in the memory at once), and with review the
// reviewer approves it, logging each as the workbench does.
func (w *worksLoader) confirm(tx *store.Tx, tr *translate.Translation, seg translate.Segment, target interchange.Content, translator, reviewer *account.Account) error {
	after, _, err := translate.SaveIn(w.ctx, tx, w.mem, translate.Edit{SegmentID: seg.ID, Version: seg.Version, Target: target, State: translate.Translated, By: translator.Name})
	if err != nil {
		return fmt.Errorf("segment %s: %w", seg.Key, err)
	}
	subject := fmt.Sprintf("translation:%d", tr.ID)
	if err := w.event(tx, translator, "translation.segment.save", subject, segmentEvent{after.ID, after.Key, after.State, after.Version}); err != nil {
		return err
	}
	if reviewer == nil {
		return nil
	}
	if after, _, err = translate.ApproveIn(w.ctx, tx, after.ID, after.Version, reviewer.Name); err != nil {
		return fmt.Errorf("segment %s: %w", seg.Key, err)
	}
	return w.event(tx, reviewer, "translation.segment.approve", subject, segmentEvent{after.ID, after.Key, after.State, after.Version})
}

// full fills c's translation into l from the complete translation in
// file name, which has the original's texts and, in each, as many
// sentences: its translator confirms every segment and its reviewer
// approves each; then the language goes translated → in review →
// reviewed.
func (w *worksLoader) full(c *works.Contribution, l, name string) error {
	data, err := fs.ReadFile(texts.FS, name)
	if err != nil {
		return err
	}
	td, _, err := works.ReadManuscript(data, l)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	x, err := translate.FromDocument(td, "", l, c.Lang)
	if err != nil {
		return err
	}
	tr, segs, err := w.translation(c, l)
	if err != nil {
		return err
	}
	// Pair the texts in order, and the sentences of each in order.
	var units [][]translate.Segment
	for i, s := range segs {
		unit, _, _ := strings.Cut(s.Key, "/")
		if prev, _, _ := strings.Cut(segs[max(i-1, 0)].Key, "/"); i == 0 || prev != unit {
			units = append(units, nil)
		}
		units[len(units)-1] = append(units[len(units)-1], s)
	}
	us := x.Units()
	if len(us) != len(units) {
		return fmt.Errorf("%s has %d texts, the original %d", name, len(us), len(units))
	}
	h := hostOf(l)
	translator, reviewer := w.member(h, account.Translator), w.member(h, account.Reviewer)
	err = w.db.Transact(w.ctx, func(tx *store.Tx) error {
		for i, u := range us {
			if len(u.Segments) != len(units[i]) {
				return fmt.Errorf("%s: text %d has %d sentences, the original %d", name, i+1, len(u.Segments), len(units[i]))
			}
			for k, s := range u.Segments {
				target := placeSpans(units[i][k].Source, s.Source)
				if err := w.confirm(tx, tr, units[i][k], target, translator, reviewer); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, step := range []struct {
		move string
		ps   works.Party
		by   *account.Account
	}{{"translated", works.PartyTranslator, translator}, {"review", works.PartyReviewer, reviewer}, {"reviewed", works.PartyReviewer, reviewer}} {
		ps := works.Parties{Langs: map[string][]works.Party{l: {step.ps}}}
		if err := w.moveLang(c, l, step.move, ps, step.by); err != nil {
			return err
		}
	}
	return nil
}

// partial has c's translator into l confirm the first segments, from the
// pairs in file name, which must be the segments' sources in order.
func (w *worksLoader) partial(c *works.Contribution, l, name string) error {
	_, to, pairs, err := texts.ReadPairs(name)
	if err != nil {
		return err
	}
	if to != l {
		return fmt.Errorf("%s translates into %s, not %s", name, to, l)
	}
	tr, segs, err := w.translation(c, l)
	if err != nil {
		return err
	}
	if len(pairs) > len(segs) {
		return fmt.Errorf("%s has %d pairs for %d segments", name, len(pairs), len(segs))
	}
	translator := w.member(hostOf(l), account.Translator)
	return w.db.Transact(w.ctx, func(tx *store.Tx) error {
		for i, p := range pairs {
			s := segs[i]
			if s.Source.Plain() != p.Source {
				return fmt.Errorf("%s: pair %d is for %q, segment %d is %q", name, i+1, p.Source, i+1, s.Source.Plain())
			}
			if len(s.Source.Codes()) > 0 {
				return fmt.Errorf("%s: segment %d has inline codes a plain pair cannot place", name, i+1)
			}
			if err := w.confirm(tx, tr, s, interchange.PlainText(p.Target), translator, nil); err != nil {
				return err
			}
		}
		return nil
	})
}

// memory adds the translation-memory units of file name, from e's
// language into l, as an editor's import for the collection would.
func (w *worksLoader) memory(e texts.Essay, l, name string) error {
	from, to, pairs, err := texts.ReadPairs(name)
	if err != nil {
		return err
	}
	if from != e.Lang || to != l {
		return fmt.Errorf("%s is %s→%s, want %s→%s", name, from, to, e.Lang, l)
	}
	ed := w.member(hostOf(l), account.Editor)
	return w.db.Transact(w.ctx, func(tx *store.Tx) error {
		for _, p := range pairs {
			u := translate.MemoryUnit{From: from, To: to, Source: interchange.PlainText(p.Source), Target: interchange.PlainText(p.Target),
				Origin: name, CollectionID: w.coll.ID, By: ed.Name, Changed: w.now}
			if err := w.mem.Add(w.ctx, tx, u); err != nil {
				return err
			}
		}
		return w.event(tx, ed, "memory.import", "memory", map[string]any{"from": from, "to": to, "collection": w.coll.ID, "units": len(pairs), "skipped": 0})
	})
}

// approve has the organiser of each host approve language l's current
// text of c, for its fingerprint, as the office's approval does.
func (w *worksLoader) approve(c *works.Contribution, l string) error {
	var fp string
	err := w.db.Transact(w.ctx, func(tx *store.Tx) error {
		var snap []byte
		var err error
		fp, snap, err = w.currentText(tx, c, l)
		if err != nil {
			return err
		}
		for _, h := range []string{"cass", "riac"} {
			cur, err := works.GetContribution(w.ctx, tx, c.ID)
			if err != nil {
				return err
			}
			org := w.member(h, account.Organiser)
			if _, err := works.Approve(w.ctx, tx, cur, l, w.partner[h], fp, snap, works.Actor{AccountID: org.ID, Name: org.Name}); err != nil {
				return fmt.Errorf("approve %s for %s: %w", l, h, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// The approval queued the job that keeps the text for editions; the
	// demo keeps it at once, as that job does, so that its editions can be
	// built before any worker runs (the job then finds it kept).
	id, err := works.Keep(w.ctx, w.db, w.revs, w.blobs, works.KeepArgs{ContributionID: c.ID, Lang: l, Fingerprint: fp})
	if err == nil && id == 0 {
		err = fmt.Errorf("the approved %s text was not kept", l)
	}
	return err
}

// currentText returns the fingerprint and the snapshot of language l's
// text of c: the manuscript's latest revision for the original, the
// translated document for a translation.
func (w *worksLoader) currentText(tx *store.Tx, c *works.Contribution, l string) (string, []byte, error) {
	if l == c.Lang {
		rev, err := w.revs.Latest(w.ctx, c.DocumentID)
		if err != nil {
			return "", nil, err
		}
		return works.Fingerprint(rev.Number, rev.Doc)
	}
	tr, err := translate.ByDocument(w.ctx, tx, c.DocumentID, l)
	if err != nil {
		return "", nil, err
	}
	fp, err := translate.Fingerprint(w.ctx, tx, tr.ID)
	if err != nil {
		return "", nil, err
	}
	d, err := translate.Document(w.ctx, tx, w.revs, tr.ID)
	if err != nil {
		return "", nil, err
	}
	snap, err := json.Marshal(d)
	return fp, snap, err
}

// placeSpans returns target with each span of source it lacks put around
// the same words in target, as a translator keeps a foreign-language span
// on the words it marks: the Russian title quoted in a Chinese sentence
// stays marked in its Russian translation. A span whose words the target
// does not have is left for the save to refuse.
func placeSpans(source, target interchange.Content) interchange.Content {
	has := map[string]bool{}
	for _, r := range target.Codes() {
		has[r.ID] = true
	}
	for i, r := range source {
		if r.Kind != interchange.Open || has[r.ID] {
			continue
		}
		var words strings.Builder
		end := -1
		for j := i + 1; j < len(source) && end < 0; j++ {
			switch {
			case source[j].Kind == interchange.Close && source[j].ID == r.ID:
				end = j
			case source[j].Kind == interchange.Text:
				words.WriteString(source[j].Text)
			}
		}
		if end < 0 || words.Len() == 0 {
			continue
		}
		for k, t := range target {
			before, after, ok := strings.Cut(t.Text, words.String())
			if t.Kind != interchange.Text || !ok {
				continue
			}
			spanned := interchange.Content{
				{Kind: interchange.Text, Text: before}, r, {Kind: interchange.Text, Text: words.String()}, source[end], {Kind: interchange.Text, Text: after}}
			target = append(target[:k:k], append(spanned, target[k+1:]...)...)
			break
		}
	}
	return target
}
