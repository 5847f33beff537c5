package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/subtitle"
	uploads "github.com/tandemforum/tandem/internal/upload"
	"github.com/tandemforum/tandem/internal/video"
)

// videoPublication is where the publication of a programme item's video
// stands, in the video status box: whether the public sees it, whose
// approval it awaits, each host's approval, and the buttons to approve
// (for the hosts the account approves for) and to withdraw. Its buttons
// belong to the form "videoPublishForms" writes after the programme's.
type videoPublication struct {
	// State is public, awaiting or withdrawn (for tests and styles); Say
	// tells it in the reader's language, Older the approved video that
	// stays public meanwhile, if any.
	State, Say, Older string
	// File names the video approved: its file, when and by whom it came.
	File string
	// FormID names the form the buttons send; VideoID is the video
	// approved, WithdrawAction the address of the withdrawal.
	FormID         string
	VideoID        int64
	WithdrawAction string
	CanWithdraw    bool
	Hosts          []hostVerdict
	// Heading, WithdrawLabel and WithdrawHint are the box's words.
	Heading, WithdrawLabel, WithdrawHint string
}

// hostVerdict is one host's approval of a video or a subtitle track's
// version: Say tells who approved it when, or that it has not; CanApprove
// shows the account the button to approve for it (Label).
type hostVerdict struct {
	PartnerID  int64
	Name       string
	Say        string
	Approved   bool
	CanApprove bool
	Label      string
}

// videoForm is the form the buttons of an item's video publication send.
type videoForm struct{ ID, Action string }

func videoPublishForm(itemID int64) videoForm {
	return videoForm{ID: fmt.Sprintf("video-%d-publish", itemID), Action: videoStatusPath(itemID) + "/approve"}
}

// approvesVideoFor reports whether the account approves videos and
// subtitles for host partner h: it is an organiser or editor there.
func approvesVideoFor(rq *officeRequest, h int64) bool {
	return rq.Account != nil && account.Allowed(rq.Account.RolesAt(h), false, account.SubjectVideo, account.Approve)
}

// hostApprovals says, for each of hosts, who approved (approvals: by
// partner, the account and when) and offers the account the button for
// the hosts it approves for, but for none when it approved for another
// host already: one person approves for one host.
func hostApprovals(rq *officeRequest, names map[int64]string, hosts []int64, approvals map[int64]hostDecision) []hostVerdict {
	mine := false
	for p, d := range approvals {
		if rq.Account != nil && d.accountID == rq.Account.ID && slices.Contains(hosts, p) {
			mine = true
		}
	}
	var out []hostVerdict
	for _, h := range hosts {
		ha := hostVerdict{PartnerID: h, Name: names[h]}
		if d, ok := approvals[h]; ok {
			ha.Approved = true
			ha.Say = rq.T.T("video.publish.approved_by", names[h], d.name, rq.T.Date(d.at)+" "+rq.T.Time(d.at))
		} else {
			ha.Say = rq.T.T("video.publish.not_yet", names[h])
			ha.CanApprove = !mine && approvesVideoFor(rq, h)
			ha.Label = rq.T.T("video.publish.approve", names[h])
		}
		out = append(out, ha)
	}
	return out
}

// hostDecision is one host's approval as hostApprovals reads it.
type hostDecision struct {
	accountID int64
	name      string
	at        time.Time
}

// awaiting names the hosts that have not approved, as a list in the
// reader's language.
func awaiting(t *i18n.Printer, has []hostVerdict) string {
	var names []string
	for _, h := range has {
		if !h.Approved {
			names = append(names, h.Name)
		}
	}
	return t.List(names)
}

// videoPublications returns the publication of the newest ready video of
// each of the items ids that has one, by item.
func (s *Server) videoPublications(rq *officeRequest, ids []int64) (map[int64]*videoPublication, error) {
	ctx := rq.Context()
	out := map[int64]*videoPublication{}
	ready, err := video.ReadyFor(ctx, s.db, ids)
	if err != nil || len(ready) == 0 {
		return out, err
	}
	public, err := video.PlayableFor(ctx, s.db, ids)
	if err != nil {
		return nil, err
	}
	var vids []int64
	for _, v := range ready {
		vids = append(vids, v.ID)
	}
	approvals, err := video.ApprovalsOf(ctx, s.db, vids)
	if err != nil {
		return nil, err
	}
	names, _, err := s.partnerNames(ctx, rq.Lang)
	if err != nil {
		return nil, err
	}
	ups, err := uploads.OfSpeeches(ctx, s.db, ids)
	if err != nil {
		return nil, err
	}
	filenames := map[string]string{}
	for _, u := range ups {
		if u.BlobKey != "" {
			filenames[u.BlobKey] = u.Filename
		}
	}
	for id, v := range ready {
		hosts, err := forum.SpeechHosts(ctx, s.db, id)
		if err != nil {
			return nil, err
		}
		ds := map[int64]hostDecision{}
		for _, a := range approvals[v.ID] {
			ds[a.PartnerID] = hostDecision{a.AccountID, a.AccountName, a.ApprovedAt}
		}
		f := videoPublishForm(id)
		p := &videoPublication{FormID: f.ID, VideoID: v.ID, WithdrawAction: videoStatusPath(id) + "/withdraw",
			Hosts: hostApprovals(rq, names, hosts, ds), Heading: rq.T.T("video.publish.heading"),
			WithdrawLabel: rq.T.T("video.publish.withdraw"), WithdrawHint: rq.T.T("video.publish.withdraw.hint")}
		p.File = publishedFile(rq.T, v, filenames[v.OriginalKey])
		pub := public[id]
		switch {
		case !v.ApprovedAt.IsZero():
			p.State, p.Say = "public", rq.T.T("video.publish.public", rq.T.Date(v.ApprovedAt))
		case !v.WithdrawnAt.IsZero():
			p.State, p.Say = "withdrawn", rq.T.T("video.publish.withdrawn", v.WithdrawnBy, rq.T.Date(v.WithdrawnAt), awaiting(rq.T, p.Hosts))
		default:
			p.State, p.Say = "awaiting", rq.T.T("video.publish.awaiting", awaiting(rq.T, p.Hosts))
		}
		if pub != nil && pub.ID != v.ID {
			p.Older = rq.T.T("video.publish.older", rq.T.Date(pub.ApprovedAt))
		}
		p.CanWithdraw = pub != nil && rq.can(account.SubjectVideo, account.Manage, hosts...)
		out[id] = p
	}
	return out, nil
}

// publishedFile names video v in its Publication: its file's name
// (upload's, when it came by one, else fileName's), when and by whom it
// was added.
func publishedFile(t *i18n.Printer, v *video.Video, uploaded string) string {
	name := uploaded
	if name == "" {
		name = fileName(t, v)
	}
	if v.SubmittedBy == "" {
		return t.T("video.publish.file.anon", name, t.Date(v.CreatedAt))
	}
	return t.T("video.publish.file", name, t.Date(v.CreatedAt), v.SubmittedBy)
}

// videoApprove answers POST /office/speeches/{id}/video/approve: the
// account approves the item's video (the form's video, the one it looked
// at) for the form's host partner, one it is an organiser or editor of.
// Once every host has, the video is the one the speech page plays.
func (s *Server) videoApprove(w http.ResponseWriter, rq *officeRequest) error {
	sp, f, hosts, err := s.subtitlesSpeech(rq, account.View)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectVideo, account.Approve, hosts...); err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("approve form: %v", err)
	}
	partner, err := approvingPartner(rq, hosts)
	if err != nil {
		return err
	}
	id, _ := strconv.ParseInt(rq.PostForm.Get("video"), 10, 64)
	if id <= 0 {
		return badRequest("approve video: no video named")
	}
	ctx := rq.Context()
	var published bool
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		v, err := video.Get(ctx, tx, id)
		if err != nil {
			return err
		}
		if v.ItemID != sp.ID {
			return fmt.Errorf("video %d is not of item %d: %w", id, sp.ID, errkind.NotFound)
		}
		published, err = video.Approve(ctx, tx, id, partner, video.Actor{AccountID: rq.Account.ID, Name: rq.Account.Name, PartnerID: partner})
		return err
	})
	var refused *video.Refusal
	if errors.As(err, &refused) {
		return s.publishRefused(w, rq, f, hosts, refused.Key)
	}
	if err != nil {
		return err
	}
	if published {
		s.flash(ctx, "video.publish.done.public")
	} else {
		s.flash(ctx, "video.publish.done")
	}
	return seeOther(w, rq.Request, programmeVideoURL(f.ID, sp.ID))
}

// videoWithdraw answers POST /office/speeches/{id}/video/withdraw: an
// organiser of a host takes the public video off the speech page at once,
// its subtitles with it; every host must approve a video again.
func (s *Server) videoWithdraw(w http.ResponseWriter, rq *officeRequest) error {
	sp, f, hosts, err := s.subtitlesSpeech(rq, account.View)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectVideo, account.Manage, hosts...); err != nil {
		return err
	}
	ctx := rq.Context()
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		_, err := video.Withdraw(ctx, tx, sp.ID, video.Actor{AccountID: rq.Account.ID, Name: rq.Account.Name}, "")
		return err
	})
	var refused *video.Refusal
	if errors.As(err, &refused) {
		return s.publishRefused(w, rq, f, hosts, refused.Key)
	}
	if err != nil {
		return err
	}
	s.flash(ctx, "video.publish.done.withdrawn")
	return seeOther(w, rq.Request, programmeVideoURL(f.ID, sp.ID))
}

// subtitleApprove answers POST /office/speeches/{id}/subtitles/{lang}/approve:
// the account approves the version of the track it looked at (the form's
// hash) for the form's host partner. Once every host has, that version is
// the one the public sees.
func (s *Server) subtitleApprove(w http.ResponseWriter, rq *officeRequest) error {
	sp, f, hosts, err := s.subtitlesSpeech(rq, account.View)
	if err != nil {
		return err
	}
	l := rq.PathValue("lang")
	if !slices.Contains(i18n.Languages, l) {
		return errkind.NotFound
	}
	if err := rq.must(account.SubjectVideo, account.Approve, hosts...); err != nil {
		return err
	}
	if refused, err := s.subtitlesNotVideo(w, rq, sp, f, hosts); refused {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("approve form: %v", err)
	}
	partner, err := approvingPartner(rq, hosts)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	var published bool
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		published, err = subtitle.Approve(ctx, tx, sp.ID, l, partner, rq.PostForm.Get("hash"), subtitle.Approver{AccountID: rq.Account.ID, Name: rq.Account.Name})
		return err
	})
	var refused *subtitle.Refusal
	if errors.As(err, &refused) {
		return s.publishRefused(w, rq, f, hosts, refused.Key)
	}
	if err != nil {
		return err
	}
	if published {
		s.flash(ctx, "office.subtitles.publish.done.public")
	} else {
		s.flash(ctx, "video.publish.done")
	}
	return seeOther(w, rq.Request, programmeSubtitlesURL(f.ID, sp.ID))
}

// approvingPartner returns the host the form approves for: its partner,
// or, when it names none, the first host the account approves for. One
// the account does not approve for is forbidden.
func approvingPartner(rq *officeRequest, hosts []int64) (int64, error) {
	partner, _ := strconv.ParseInt(rq.PostForm.Get("partner"), 10, 64)
	if partner == 0 {
		for _, h := range hosts {
			if approvesVideoFor(rq, h) {
				partner = h
				break
			}
		}
	}
	if !slices.Contains(hosts, partner) || !approvesVideoFor(rq, partner) {
		return 0, fmt.Errorf("approve for partner %d: %w", partner, errkind.Forbidden)
	}
	return partner, nil
}

// publishRefused shows the programme form with why an approval or a
// withdrawal was refused (409).
func (s *Server) publishRefused(w http.ResponseWriter, rq *officeRequest, f *forum.Forum, hosts []int64, key string) error {
	d, err := approval.Load(rq.Context(), s.db, approval.Subject{Kind: approval.KindProgramme, ID: f.ID})
	if err != nil {
		return err
	}
	fm := newForm(rq.T, programmeValues(d.Content.(*forum.Programme), f.Location(), d.Version))
	return s.renderProgrammeWith(w, rq, http.StatusConflict, f, hosts, fm, d, rq.T.T(key), nil)
}

// programmeVideoURL is the programme form at an item's video.
func programmeVideoURL(forumID, itemID int64) string {
	return officePrefix + "/forums/" + strconv.FormatInt(forumID, 10) + "/programme#video-" + strconv.FormatInt(itemID, 10)
}

// trackPublication fills in where the publication of track t stands, as
// the subtitles section shows it: public as it is, awaiting the hosts'
// approval, or changed since the version the public sees was approved.
func trackPublication(rq *officeRequest, tv *subtitleTrackView, t *subtitle.Track, hosts []int64, names map[int64]string, as []subtitle.Approval) {
	hash := t.Hash()
	ds := map[int64]hostDecision{}
	for _, a := range as {
		if a.Hash == hash {
			ds[a.PartnerID] = hostDecision{a.AccountID, a.AccountName, a.ApprovedAt}
		}
	}
	tv.Hash = hash
	tv.ApproveFormID = fmt.Sprintf("subtitles-%d-%s-approve", t.SpeechID, t.Lang)
	tv.ApproveAction = subtitlesPath(t.SpeechID) + "/" + t.Lang + "/approve"
	tv.Hosts = hostApprovals(rq, names, hosts, ds)
	for _, h := range tv.Hosts {
		tv.CanApprove = tv.CanApprove || h.CanApprove
	}
	switch {
	case t.Approved():
		tv.PubState, tv.PubSay = "approved", rq.T.T("office.subtitles.publish.approved", rq.T.Date(t.PublishedAt))
	case t.Public() != nil:
		tv.PubState, tv.PubSay = "changed", rq.T.T("office.subtitles.publish.changed", rq.T.Date(t.PublishedAt), awaiting(rq.T, tv.Hosts))
	default:
		tv.PubState, tv.PubSay = "awaiting", rq.T.T("office.subtitles.publish.awaiting", awaiting(rq.T, tv.Hosts))
	}
}
