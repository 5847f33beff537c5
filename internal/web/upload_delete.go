package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
	uploads "github.com/tandemforum/tandem/internal/upload"
	"github.com/tandemforum/tandem/internal/video"
)

// uploadDeletePage asks to confirm the removal of an uploaded video file.
type uploadDeletePage struct {
	Filename, Size, Received string
	// State says what became of the file, as the programme form says it.
	State string
	// Refusal, when set, says why the file cannot be removed now (the
	// video on the site, or one being processed); the page then offers no
	// button.
	Refusal string
	Action  string
	Back    string
}

// uploadDeleteTarget loads the upload the path names, of the speech the
// path names, checking that the account may upload to the speech's
// programme (organisers and editors of its hosts, admins).
func (s *Server) uploadDeleteTarget(rq *officeRequest) (*forum.Speech, *forum.Forum, *uploads.Upload, error) {
	sp, f, _, err := s.subtitlesSpeech(rq, account.Create)
	if err != nil {
		return nil, nil, nil, err
	}
	id, err := pathID(rq, "upload")
	if err != nil {
		return nil, nil, nil, err
	}
	u, err := uploads.ByID(rq.Context(), s.db, id)
	if errors.Is(err, uploads.ErrNotFound) || err == nil && (u.SpeechID != sp.ID || !u.Received()) {
		return nil, nil, nil, fmt.Errorf("upload %d of speech %d: %w", id, sp.ID, errkind.NotFound)
	}
	return sp, f, u, err
}

// uploadDeleteShow answers GET /office/speeches/{id}/uploads/{upload}/delete:
// the page that confirms removing an uploaded video file and what was
// made of it, or says why it cannot be removed now.
func (s *Server) uploadDeleteShow(w http.ResponseWriter, rq *officeRequest) error {
	sp, f, u, err := s.uploadDeleteTarget(rq)
	if err != nil {
		return err
	}
	return s.renderUploadDelete(w, rq, http.StatusOK, sp, f, u)
}

// renderUploadDelete writes the page that confirms removing upload u of
// speech sp, with status.
func (s *Server) renderUploadDelete(w http.ResponseWriter, rq *officeRequest, status int, sp *forum.Speech, f *forum.Forum, u *uploads.Upload) error {
	ctx := rq.Context()
	var made *video.Video
	if u.BlobKey != "" {
		vs, err := video.ByOriginals(ctx, s.db, []string{u.BlobKey})
		if err != nil {
			return err
		}
		made = vs[u.BlobKey]
	}
	ls, err := video.PlayableFor(ctx, s.db, []int64{sp.ID})
	if err != nil {
		return err
	}
	newest, err := video.ReadyFor(ctx, s.db, []int64{sp.ID})
	if err != nil {
		return err
	}
	st := fileState(rq.T, u, made, newest[sp.ID], ls[sp.ID])
	page := &uploadDeletePage{Filename: u.Filename, Size: rq.T.Bytes(u.Size), Received: rq.T.Date(u.ReceivedAt), State: st.StateText,
		Action: uploadDeletePath(u), Back: programmeVideoURL(f.ID, sp.ID)}
	switch st.State {
	case "live":
		page.Refusal = rq.T.T("office.videofile.delete.live")
	case "processing", "finishing":
		page.Refusal = rq.T.T("office.videofile.delete.busy")
	}
	return s.officeRenderStatus(w, rq, status, "upload_delete", "forums", rq.T.T("office.videofile.delete.title", u.Filename), page)
}

// uploadDelete answers POST /office/speeches/{id}/uploads/{upload}/delete:
// the uploaded file, the video made of it (its renditions and poster)
// and their records are removed, and the event log says who did it. The
// video the site plays, and one being processed, are not removed: the
// answer is the confirmation page saying why (409).
func (s *Server) uploadDelete(w http.ResponseWriter, rq *officeRequest) error {
	sp, f, u, err := s.uploadDeleteTarget(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	var keys []string
	by := video.Actor{AccountID: rq.Account.ID, Name: rq.Account.Name}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		keys = nil
		if u.BlobKey != "" {
			vs, err := video.ByOriginals(ctx, tx, []string{u.BlobKey})
			if err != nil {
				return err
			}
			if v := vs[u.BlobKey]; v != nil {
				if keys, err = video.Remove(ctx, tx, v.ID, by); err != nil {
					return err
				}
			}
		}
		if err := uploads.Remove(ctx, tx, u); err != nil {
			return err
		}
		keys = append(keys, u.BlobKey)
		if err := forum.Touch(ctx, tx); err != nil {
			return err
		}
		return appendEvent(ctx, tx, rq.Account, "upload.delete", "speech:"+strconv.FormatInt(sp.ID, 10), clientAddr(rq.Request),
			map[string]any{"upload": u.ID, "filename": u.Filename, "size": u.Size, "sha256": u.SHA256}, nil)
	})
	if errors.Is(err, video.ErrLive) || errors.Is(err, video.ErrBusy) || errors.Is(err, uploads.ErrUnfinished) {
		return s.renderUploadDelete(w, rq, http.StatusConflict, sp, f, u)
	}
	if err != nil {
		return err
	}
	s.removeBlobs(context.WithoutCancel(ctx), keys)
	s.flash(ctx, "office.videofile.deleted")
	return seeOther(w, rq.Request, programmeVideoURL(f.ID, sp.ID))
}

// removeBlobs deletes the files under keys from the blob store; one that
// cannot be deleted is logged and left (its record is gone already).
func (s *Server) removeBlobs(ctx context.Context, keys []string) {
	seen := map[string]bool{}
	for _, k := range keys {
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		if err := s.blobs.Delete(ctx, k); err != nil {
			s.log.Warn("remove video file", slog.String("key", k), slog.Any("err", err))
		}
	}
}
