package web

import (
	"net/url"
	"strconv"
	"time"

	"github.com/tandemforum/tandem/internal/account"
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
	// ReadOnly is true for an account that may see the library but not
	// change its texts: the form has no save button.
	ReadOnly          bool
	Illustration      bool
	IllustrationLabel string
	// Job is the state of the image's renditions job, or nil.
	Job *renditionsView
	// History is the image's latest events.
	History *historyView
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
	pg.Summary = f.summary("file", "alt", "caption", "credit", "rights")
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

// refreshFor is how long after a job is queued a page keeps reloading
// itself to follow it: when no worker runs, a queued job would otherwise
// reload the page, and wipe what is being typed into its forms, forever.
const refreshFor = 5 * time.Minute

// newRenditionsView describes job for the reader of rq; nil when the image
// has no job to show (an SVG, or one uploaded before jobs were kept).
// back is the page the retry form returns to.
func newRenditionsView(rq *officeRequest, id int64, job jobs.Info, ok bool, back string) *renditionsView {
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
		if rq.can(account.SubjectMedia, account.Edit) {
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
