package web

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

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

// videoUploadDone is a file of the item as the form lists it: every
// video, however it came (an upload, tandem video attach, the demo), and
// the uploads not (yet) made into one; what became of it, in words, and
// whether it may be removed.
type videoUploadDone struct {
	// Name is the file's name; Size its bytes (0 when not known); At when
	// it arrived, By who sent it ("" when not known).
	Name string
	Size int64
	At   time.Time
	By   string
	// SHA256 is the upload's checksum, once computed; URL downloads an
	// upload's bytes ("" for a file that came otherwise).
	SHA256 string
	URL    string
	// State names what became of the file (for styles and tests): live
	// (the video the site plays), awaiting (the newest ready video, which
	// the hosts approve), replaced, processing, failed, finishing (its
	// checksum still being computed) or unprocessed (stored while the
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
	files, err := s.itemFiles(rq, ids)
	if err != nil {
		return err
	}
	for _, f := range files {
		d := fileState(rq.T, f.upload, f.video, f.newest, f.live)
		if d.State == "awaiting" {
			// This page, unlike the delete confirmation, has the
			// Publication section where the hosts approve it.
			d.StateText = sentences(rq.T, d.StateText, rq.T.T("office.videofile.see_publication"))
		}
		if u := f.upload; u != nil {
			d.URL = uploads.BasePath + u.TusID
			if may && d.State != "live" && d.State != "processing" && d.State != "finishing" {
				d.DeleteURL = uploadDeletePath(u)
			}
		}
		byID[f.item].Done = append(byID[f.item].Done, d)
	}
	return nil
}

// itemFile is a file of a video item: a video, the upload it was made of
// (nil when it came otherwise), or an upload not made into a video; with
// the item's newest ready video and the one its page plays (nil for none).
type itemFile struct {
	item                int64
	upload              *uploads.Upload
	video, newest, live *video.Video
	at                  time.Time
}

// itemFiles returns the files of the programme items ids, newest first
// within each item, in four queries whatever their number: every video,
// however it came, with the upload it was made of, then the uploads that
// made none.
func (s *Server) itemFiles(rq *officeRequest, ids []int64) ([]itemFile, error) {
	ctx := rq.Context()
	vs, err := video.OfItems(ctx, s.db, ids)
	if err != nil {
		return nil, err
	}
	ups, err := uploads.OfSpeeches(ctx, s.db, ids)
	if err != nil {
		return nil, err
	}
	newest, err := video.ReadyFor(ctx, s.db, ids)
	if err != nil {
		return nil, err
	}
	live, err := video.PlayableFor(ctx, s.db, ids)
	if err != nil {
		return nil, err
	}
	byKey := map[string]*uploads.Upload{}
	for _, u := range ups {
		if u.BlobKey != "" {
			byKey[u.BlobKey] = u
		}
	}
	var out []itemFile
	made := map[*uploads.Upload]bool{}
	for _, v := range vs {
		f := itemFile{item: v.ItemID, video: v, newest: newest[v.ItemID], live: live[v.ItemID], at: v.CreatedAt}
		if u := byKey[v.OriginalKey]; u != nil && u.SpeechID == v.ItemID && !made[u] {
			f.upload, f.at = u, u.ReceivedAt
			made[u] = true
		}
		out = append(out, f)
	}
	for _, u := range ups {
		if !made[u] {
			out = append(out, itemFile{item: u.SpeechID, upload: u, newest: newest[u.SpeechID], live: live[u.SpeechID], at: u.ReceivedAt})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].at.After(out[j].at) })
	return out, nil
}

// fileState says what became of a file of an item: upload u (nil for a
// video that came otherwise), of which v was made (nil when nothing was),
// when newest is the item's newest ready video and live the one its page
// plays (nil for none). Only newest, when not live, awaits the hosts'
// approval; other ready videos were withdrawn or replaced
// (video.StandingOf).
func fileState(t *i18n.Printer, u *uploads.Upload, v, newest, live *video.Video) videoUploadDone {
	var d videoUploadDone
	if u != nil {
		d.Name, d.Size, d.At, d.SHA256 = u.Filename, u.Size, u.ReceivedAt, u.SHA256
	}
	if v != nil {
		d.By = v.SubmittedBy
	}
	if v != nil && u == nil {
		d.Name, d.Size, d.At = fileName(t, v), v.OriginalSize, v.CreatedAt
	}
	switch {
	case u != nil && !u.Complete():
		d.State, d.StateText = "finishing", t.T("office.upload.finishing")
		return d
	case v == nil:
		d.State, d.StateText = "unprocessed", t.T("office.videofile.unprocessed")
		return d
	}
	switch video.StandingOf(v, newest, live) {
	case video.Live:
		d.State, d.StateText = "live", t.T("office.videofile.live")
	case video.Refused:
		key := v.ErrorKey
		if key == "" {
			key = video.ErrGaveUp
		}
		d.State, d.StateText = "failed", t.T("office.videofile.failed", t.AfterColon(t.T(key)))
		if live != nil {
			d.StateText = sentences(t, d.StateText, t.T("office.videofile.still_live"))
		}
	case video.Working:
		d.State, d.StateText = "processing", t.T("office.videofile.processing", t.T("video.state."+string(v.State)), t.Number(int64(v.Progress/10)))
		if live != nil {
			d.StateText = sentences(t, d.StateText, t.T("office.videofile.still_live_until"))
		}
	case video.Awaiting:
		// The newest ready video, not on the site: it waits for the
		// hosts (the video status, Publication, says what the site
		// shows meanwhile).
		d.State, d.StateText = "awaiting", t.T("office.videofile.awaiting")
	case video.Withdrawn:
		d.State, d.StateText = "withdrawn", t.T("office.videofile.withdrawn")
	default:
		d.State, d.StateText = "replaced", t.T("office.videofile.replaced")
	}
	return d
}

// fileName is the name of the file video v was made of as the office
// shows it when no upload names it: the name tandem video attach was
// given, or the video's number.
func fileName(t *i18n.Printer, v *video.Video) string {
	if v.OriginalName != "" {
		return v.OriginalName
	}
	return t.T("office.videofile.unnamed", t.Number(v.ID))
}

// sentences joins whole sentences of the reader's language: with a space
// in English and Russian, with none after a Chinese full stop.
func sentences(t *i18n.Printer, ss ...string) string {
	return strings.Join(ss, t.Punct().Space())
}

// uploadDeletePath is the address of the page that confirms the removal
// of upload u.
func uploadDeletePath(u *uploads.Upload) string {
	return fmt.Sprintf("%s/speeches/%d/uploads/%d/delete", officePrefix, u.SpeechID, u.ID)
}
