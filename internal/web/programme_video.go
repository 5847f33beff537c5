package web

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	uploads "github.com/tandemforum/tandem/internal/upload"
	"github.com/tandemforum/tandem/internal/video"
)

// videoUpload is a video item's upload control on the programme form: the
// files already uploaded for it and, for whom may upload, the widget of
// static/upload.js (tus-js-client), which sends the file to the resumable
// upload endpoint, shows its progress, pauses and resumes, and after a
// reload or a dropped connection goes on from where it stopped.
type videoUpload struct {
	ItemID    int64
	Endpoint  string
	CanUpload bool
	// Attached is set when the item has a video, however it came (an
	// upload, tandem video attach, the demo): the section then does not
	// say that none was uploaded.
	Attached bool
	// MaxSize is the largest file the endpoint takes, in bytes.
	MaxSize int64
	// SizeWords (JSON) are the words upload.js writes sizes with, as
	// Printer.Bytes does: the plural forms of "%s bytes" and the units
	// from KiB up. StatusMessages (JSON) are its messages for an error
	// answer without a sentence of ours, by status.
	SizeWords, StatusMessages string
	// FileRule (JSON) is uploads.VideoFileRule, by which upload.js
	// refuses a file that is no video before sending any of it.
	FileRule string
	Done     []videoUploadDone
}

// videoUploadData is what the "videoUpload" partial gets.
type videoUploadData struct {
	T      *i18n.Printer
	Prefix string
	Video  *videoUpload
}

// videoUploadDone is an uploaded file of the item as the form lists it:
// what became of it, in words, and whether it may be removed.
type videoUploadDone struct {
	*uploads.Upload
	URL string
	// State names what became of the file (for styles and tests): live
	// (the video the site plays), processing, failed, replaced, finishing
	// (its checksum still being computed) or unprocessed (stored while the
	// item took no video). StateText says it in the reader's language.
	State, StateText string
	// DeleteURL, when set, asks to remove the file and what was made of
	// it: for whoever may upload, once the file is not the one on the site
	// nor being processed.
	DeleteURL string
}

// videoUploads gives every stored speech of the form that is a video item
// its upload control, with its completed uploads read in one query.
func (s *Server) videoUploads(rq *officeRequest, p *programmePage, hosts []int64) error {
	if s.uploads == nil {
		return nil
	}
	fm := p.Form
	byID := map[int64]*videoUpload{}
	var ids []int64
	// Organisers and editors add to the programme; a translator, who
	// edits its texts only, uploads no files.
	may := rq.can(account.SubjectProgramme, account.Create, hosts...)
	for i := range p.Sessions {
		for j := range p.Sessions[i].Speeches {
			row := &p.Sessions[i].Speeches[j]
			id, err := strconv.ParseInt(fm.values.Get(row.Prefix+"id"), 10, 64)
			if err != nil || id <= 0 || !video.TakesVideo(forum.Kind(fm.values.Get(row.Prefix+"kind")), forum.Delivery(fm.values.Get(row.Prefix+"delivery"))) {
				continue
			}
			row.Video = &videoUpload{ItemID: id, Endpoint: uploads.BasePath, CanUpload: may, MaxSize: s.uploads.MaxSize()}
			byID[id] = row.Video
			ids = append(ids, id)
		}
	}
	if len(byID) > 0 {
		words, err := json.Marshal(map[string]any{
			"bytes": rq.T.Forms("size.bytes"),
			"units": []string{rq.T.T("size.kib", "%s"), rq.T.T("size.mib", "%s"), rq.T.T("size.gib", "%s"), rq.T.T("size.tib", "%s")},
		})
		if err != nil {
			return err
		}
		msgs, err := json.Marshal(uploads.StatusMessages(rq.T, s.uploads.MaxSize()))
		if err != nil {
			return err
		}
		rule, err := json.Marshal(uploads.VideoFileRule())
		if err != nil {
			return err
		}
		for _, v := range byID {
			v.SizeWords, v.StatusMessages, v.FileRule = string(words), string(msgs), string(rule)
		}
	}
	done, err := uploads.OfSpeeches(rq.Context(), s.db, ids)
	if err != nil {
		return err
	}
	var keys []string
	for _, u := range done {
		if u.BlobKey != "" {
			keys = append(keys, u.BlobKey)
		}
	}
	made, err := video.ByOriginals(rq.Context(), s.db, keys)
	if err != nil {
		return err
	}
	live, err := video.PlayableFor(rq.Context(), s.db, ids)
	if err != nil {
		return err
	}
	for _, u := range done {
		v := byID[u.SpeechID]
		d := uploadState(rq.T, u, made[u.BlobKey], live[u.SpeechID])
		if d.State == "awaiting" {
			// This page, unlike the delete confirmation, has the
			// Publication section where the hosts approve it.
			d.StateText += " " + rq.T.T("office.videofile.see_publication")
		}
		d.URL = uploads.BasePath + u.TusID
		if may && d.State != "live" && d.State != "processing" && d.State != "finishing" {
			d.DeleteURL = uploadDeletePath(u)
		}
		v.Done = append(v.Done, d)
	}
	return nil
}

// uploadState says what became of upload u, of which v was made (nil when
// nothing was), when live is the video the site plays for its item (nil
// when none). A processed video newer than live, or with none live, is
// "awaiting": the hosts have not all approved it (or it was withdrawn).
func uploadState(t *i18n.Printer, u *uploads.Upload, v, live *video.Video) videoUploadDone {
	d := videoUploadDone{Upload: u}
	switch {
	case !u.Complete():
		d.State, d.StateText = "finishing", t.T("office.upload.finishing")
	case v == nil:
		d.State, d.StateText = "unprocessed", t.T("office.videofile.unprocessed")
	case live != nil && live.ID == v.ID:
		d.State, d.StateText = "live", t.T("office.videofile.live")
	case v.State == video.Failed:
		key := v.ErrorKey
		if key == "" {
			key = video.ErrGaveUp
		}
		d.State, d.StateText = "failed", t.T("office.videofile.failed", t.T(key))
		if live != nil {
			d.StateText += " " + t.T("office.videofile.still_live")
		}
	case !v.State.Done():
		d.State, d.StateText = "processing", t.T("office.videofile.processing", t.T("video.state."+string(v.State)), t.Number(int64(v.Progress/10)))
		if live != nil {
			d.StateText += " " + t.T("office.videofile.still_live_until")
		}
	case live == nil || v.ID > live.ID:
		// Processed after the video the site plays (or with none
		// there): it waits for the hosts, and may be withdrawn.
		d.State, d.StateText = "awaiting", t.T("office.videofile.awaiting")
		if live != nil {
			d.StateText += " " + t.T("office.videofile.still_live_approval")
		}
	default:
		d.State, d.StateText = "replaced", t.T("office.videofile.replaced")
	}
	return d
}

// uploadDeletePath is the address of the page that confirms the removal
// of upload u.
func uploadDeletePath(u *uploads.Upload) string {
	return fmt.Sprintf("%s/speeches/%d/uploads/%d/delete", officePrefix, u.SpeechID, u.ID)
}
