package web

import (
	"errors"
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/store"
)

// mediaUpload answers POST /office/media: it adds one image to the library
// with its alt text, caption and credit, owned by the uploader's partner
// (the one chosen when the account may add media at several; an admin may
// choose none), and queues its renditions. A file
// over the limit is refused with 413, one that is not a JPEG, PNG or SVG
// image with 422, each with a message at the file field and nothing
// stored.
func (s *Server) mediaUpload(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectMedia, account.Create); err != nil {
		return err
	}
	up, err := readUpload(w, rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	f := newForm(rq.T, up.values)
	pg := &mediaMetaPage{Form: f, Action: officePrefix + "/media"}
	partners, err := s.forums.WithDrafts().Partners(ctx)
	if err != nil {
		return err
	}
	pg.withOwners(rq, partners)
	owner := pg.readOwner(f)
	meta := readMediaMeta(f)
	file := up.files["file"]
	switch {
	case up.oversized():
		f.fail("file", "office.content.image.toolarge", f.t.Bytes(maxUploadFile))
	case up.empty("file"):
		f.fail("file", "office.upload.empty", uploadName(up.names["file"]))
	case file == nil:
		f.fail("file", "office.content.image.nofile")
	}
	if !f.ok() {
		return s.renderMediaLibrary(w, rq, formStatus(up, nil), 1, pg)
	}
	var id int64
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if id, err = s.storeImage(ctx, tx, f, "file", file, meta, owner); err != nil {
			return err
		}
		return appendEvent(ctx, tx, rq.Account, "media.upload", "media:"+itoa(id), clientAddr(rq.Request), nil, metaTexts(meta))
	})
	if errors.Is(err, errFormInvalid) {
		return s.renderMediaLibrary(w, rq, formStatus(up, err), 1, pg)
	}
	if err != nil {
		return err
	}
	s.flash(ctx, "office.content.media.uploaded")
	return seeOther(w, rq.Request, officePrefix+"/media/"+itoa(id))
}
