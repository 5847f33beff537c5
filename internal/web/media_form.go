package web

import (
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/media"
)

// mediaPerPage is how many images a page of the library shows.
const mediaPerPage = 24

// mediaMetaPage is the form of what is said about an image: alt text,
// caption and credit per language, whether it is an illustration, and its
// rights.
type mediaMetaPage struct {
	Form                 *form
	Image                *media.Image
	Action               string
	Summary              *errorSummary
	Message              string
	Alt, Caption, Credit mlField
	Rights               inputField
	FileError            []string
	// ReadOnly is true for an account that may see the image but not
	// change its texts: the page shows them with no form.
	ReadOnly          bool
	Illustration      bool
	IllustrationLabel string
	// Job is the state of the image's renditions job, or nil.
	Job *renditionsView
	// History is the image's latest events.
	History *historyView
	// Owner names the partner whose team changes the image's texts; ""
	// when it belongs to none.
	Owner string
	// Partner chooses the partner an upload belongs to; nil when there
	// is no choice (the account may add media at one partner only).
	Partner *selectField
	// owners are the partners an upload may belong to, by id as the
	// select writes it ("0" for none).
	owners []string
}

// selfRefresh makes the page reload itself while the renditions job runs.
func (pg *mediaMetaPage) selfRefresh() bool { return refreshing(pg.Job) }

// mediaValues returns the form values of an image's metadata.
func mediaValues(im *media.Image) url.Values {
	v := url.Values{}
	putText(v, "alt", im.Alt)
	putText(v, "caption", im.Caption)
	putText(v, "credit", im.Credit)
	v.Set("rights", im.Rights)
	if im.Illustration {
		v.Set("illustration", "1")
	}
	return v
}

// readMediaMeta reads the metadata of an image from the form.
func readMediaMeta(f *form) media.Meta {
	return media.Meta{
		Alt:          f.mltext("alt", contentLangs, false, false, 300),
		Caption:      f.mltext("caption", contentLangs, false, false, 500),
		Credit:       f.mltext("credit", contentLangs, false, false, 300),
		Rights:       f.text("rights", false, 300),
		Illustration: f.values.Get("illustration") != "",
	}
}

// fill gives the page the views of its form's fields.
func (pg *mediaMetaPage) fill(t *i18n.Printer) {
	f := pg.Form
	pg.Alt = f.field("alt", t.T("office.content.image.alt"), contentLangs, false, false, 300)
	pg.Alt.Hint = t.T("office.content.image.althint")
	pg.Caption = f.field("caption", t.T("office.content.image.caption"), contentLangs, false, false, 500)
	pg.Credit = f.field("credit", t.T("office.content.image.credit"), contentLangs, false, false, 300)
	pg.Rights = f.input("rights", t.T("office.content.image.rights"), "", "text", false, 300)
	pg.Illustration = f.values.Get("illustration") != ""
	pg.IllustrationLabel = t.T("office.content.image.illustration")
	pg.FileError = f.errors["file"]
	if pg.Partner != nil {
		pg.Partner.Chosen, pg.Partner.Errors = f.values.Get("partner"), f.errors["partner"]
	}
	if pg.ReadOnly {
		for _, m := range []*mlField{&pg.Alt, &pg.Caption, &pg.Credit} {
			m.ReadOnly = true
		}
		pg.Rights.ReadOnly = true
	}
	pg.Summary = f.summary("file", "partner", "alt", "caption", "credit", "rights")
}

// withOwners offers the partners an image the account uploads may belong
// to: those where it may add media, and for an admin every partner or
// none. With one choice only there is no select.
func (pg *mediaMetaPage) withOwners(rq *officeRequest, partners []*forum.Partner) {
	sel := &selectField{Name: "partner", Label: rq.T.T("office.content.media.owner.choose")}
	if rq.Account != nil && rq.Account.Admin {
		sel.Options = append(sel.Options, selectOption{"0", rq.T.T("office.content.media.owner.none")})
	}
	for _, p := range partners {
		if rq.Account != nil && (rq.Account.Admin || rq.can(account.SubjectMedia, account.Create, p.ID)) {
			name, _ := p.Name.In(rq.Lang)
			sel.Options = append(sel.Options, selectOption{itoa(p.ID), name})
		}
	}
	pg.owners = nil
	for _, o := range sel.Options {
		pg.owners = append(pg.owners, o.Value)
	}
	if len(sel.Options) > 1 {
		pg.Partner = sel
	}
}

// readOwner reads the partner an upload belongs to: the one chosen, which
// must be one of those offered, or the only one there is.
func (pg *mediaMetaPage) readOwner(f *form) int64 {
	v := f.values.Get("partner")
	switch {
	case pg.Partner == nil && len(pg.owners) == 1:
		v = pg.owners[0]
	case v == "" && slices.Contains(pg.owners, "0"):
		v = "0"
	}
	if !slices.Contains(pg.owners, v) {
		f.fail("partner", "office.form.choice")
		return 0
	}
	id, _ := strconv.ParseInt(v, 10, 64)
	return id
}

// mediaTile is an image as the library shows it.
type mediaTile struct {
	*media.Image
	Thumb                media.File
	Name                 string
	Alt, Caption, Credit []langState
	// Job is the state of the image's renditions job, or nil.
	Job *renditionsView
}

func newMediaTile(t *i18n.Printer, l string, im *media.Image) mediaTile {
	name, _ := im.Alt.In(l)
	if name == "" {
		name, _ = im.Caption.In(l)
	}
	if name == "" {
		name = "#" + strconv.FormatInt(im.ID, 10)
	}
	return mediaTile{Image: im, Thumb: im.Smallest(), Name: name,
		Alt: langStates(t, im.Alt, contentLangs), Caption: langStates(t, im.Caption, contentLangs), Credit: langStates(t, im.Credit, contentLangs)}
}

// metaTexts are an image's texts by field, for the event log.
func metaTexts(m media.Meta) map[string]lang.Text {
	return map[string]lang.Text{"alt": m.Alt, "caption": m.Caption, "credit": m.Credit}
}

// renditionsView is the state of an image's renditions job as the library
// and the image's page show it.
type renditionsView struct {
	// State is queued, working, done or failed (jobs.State).
	State string
	// Label says the state in words; Error, for a failed job, why.
	Label, Error string
	// HasProgress shows a <progress> of Done out of Total; a working job
	// without it shows one that only says it is busy.
	HasProgress bool
	Done, Total int64
	// Retry is the address of the form that queues the job again; empty
	// unless the job failed and the reader may edit the image. Back is
	// the page to return to after it.
	Retry, Back string
	// Name names the job ("Scaled copies"); RetryLabel is the retry
	// button's text.
	Name, RetryLabel string
	// Follow is true while the job is yet to end and was queued less
	// than refreshFor ago: the page follows it (office.js swaps in the
	// element of this ID; without JavaScript the page reloads).
	Follow bool
	ID     string
}

// refreshFor is how long after a job is queued a page keeps following it:
// when no worker runs, a queued job would otherwise have the page read
// again (or, without JavaScript, reloaded) forever.
const refreshFor = 5 * time.Minute

// newRenditionsView describes job for the reader of rq; nil when the image
// has no job to show (an SVG, or one uploaded before jobs were kept).
// back is the page the retry form returns to; the form is offered to those
// who may edit the image.
func newRenditionsView(rq *officeRequest, im *media.Image, job jobs.Info, ok bool, back string) *renditionsView {
	id := im.ID
	if !ok {
		return nil
	}
	v := &renditionsView{State: string(job.State), Label: rq.T.T("office.content.media.job." + string(job.State)),
		ID: "job-media-" + itoa(id), Name: rq.T.T("office.content.media.job"), RetryLabel: rq.T.T("office.content.media.job.retry"), Back: back,
		Follow:      job.State.Active() && time.Since(job.CreatedAt) < refreshFor,
		HasProgress: job.HasProgress && job.Progress.Total > 0, Done: job.Progress.Done, Total: job.Progress.Total}
	if job.State == jobs.StateFailed {
		reason := "other"
		switch media.Failure(job.LastError) {
		case media.ErrUnsupported:
			reason = "unsupported"
		case media.ErrTooLarge:
			reason = "toolarge"
		case media.ErrNotFound:
			reason = "notfound"
		}
		v.Error = rq.T.T("office.content.media.job.error." + reason)
		if rq.mayEditImage(im) {
			v.Retry = officePrefix + "/media/" + itoa(id) + "/renditions"
		}
	}
	return v
}

// refreshing reports whether a page showing these jobs should reload
// itself to follow them: while one of them is yet to end (and was queued
// lately).
func refreshing(views ...*renditionsView) bool {
	for _, v := range views {
		if v != nil && v.Follow {
			return true
		}
	}
	return false
}
