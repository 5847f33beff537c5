package web

import (
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	uploads "github.com/tandemforum/tandem/internal/upload"
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
	MaxMiB    int64
	Done      []videoUploadDone
}

// videoUploadData is what the "videoUpload" partial gets.
type videoUploadData struct {
	T      *i18n.Printer
	Prefix string
	Video  *videoUpload
}

type videoUploadDone struct {
	*uploads.Upload
	URL string
	MiB int64
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
			if err != nil || id <= 0 || !uploads.IsVideo(forum.Kind(fm.values.Get(row.Prefix+"kind")), forum.Delivery(fm.values.Get(row.Prefix+"delivery"))) {
				continue
			}
			row.Video = &videoUpload{ItemID: id, Endpoint: uploads.BasePath, CanUpload: may, MaxMiB: s.uploads.MaxSize() >> 20}
			byID[id] = row.Video
			ids = append(ids, id)
		}
	}
	done, err := uploads.OfSpeeches(rq.Context(), s.db, ids)
	if err != nil {
		return err
	}
	for _, u := range done {
		v := byID[u.SpeechID]
		v.Done = append(v.Done, videoUploadDone{Upload: u, URL: uploads.BasePath + u.TusID, MiB: (u.Size + 1<<20 - 1) >> 20})
	}
	return nil
}
