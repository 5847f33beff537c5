// Package approval holds the rule that makes tandem different: a jointly
// convened forum belongs to all its host partners, and what the public
// sees needs the approval of every host.
//
// The office never edits what the public sees. It edits a draft: a working
// copy of a subject's whole content, saved in versions. Asking for
// publication (Submit) counts as the approval of the asker's partner; every
// other approver partner then approves that exact version or returns it
// with a comment. A later save re-opens it. When every approver has
// approved, the draft is applied to the live tables in the same
// transaction, or at its publish-at time by PublishDue. Every step is
// recorded in the event log in the transaction that makes it.
package approval

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/errkind"
)

// Kind names what a subject is.
type Kind string

const (
	// KindForum is a forum's own fields and its hosts.
	KindForum Kind = "forum"
	// KindProgramme is a forum's sessions and speeches; its id is the
	// forum's.
	KindProgramme Kind = "programme"
	KindNews      Kind = "news"
	// KindPartner is a partner's public profile.
	KindPartner Kind = "partner"
	KindPerson  Kind = "person"
)

// Kinds lists every kind of subject.
var Kinds = []Kind{KindForum, KindProgramme, KindNews, KindPartner, KindPerson}

func (k Kind) valid() bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Subject is what a draft, an approval and an event are about.
type Subject struct {
	Kind Kind
	ID   int64
}

// String returns the subject as kind:id ("forum:3"), as the event log and
// URLs write it.
func (s Subject) String() string { return string(s.Kind) + ":" + strconv.FormatInt(s.ID, 10) }

// ParseSubject reads a subject written as kind:id, with a known kind and a
// positive decimal id.
func ParseSubject(s string) (Subject, error) {
	k, id, ok := strings.Cut(s, ":")
	if !ok {
		return Subject{}, fmt.Errorf("subject %q: want kind:id: %w", s, ErrInvalid)
	}
	if !Kind(k).valid() {
		return Subject{}, fmt.Errorf("subject %q: unknown kind: %w", s, ErrInvalid)
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 || strconv.FormatInt(n, 10) != id {
		return Subject{}, fmt.Errorf("subject %q: want a positive decimal id: %w", s, ErrInvalid)
	}
	return Subject{Kind: Kind(k), ID: n}, nil
}

// State says where a draft stands.
type State string

const (
	// Editing: saved, not (or no longer) asked to be published.
	Editing State = "editing"
	// Submitted: asked to be published, awaiting approvals of its version.
	Submitted State = "submitted"
	// Returned: an approver sent it back with a comment.
	Returned State = "returned"
	// Scheduled: approved by every host, to be published at its PublishAt.
	Scheduled State = "scheduled"
)

// Actor is who acts in the office: an account, and the partners for
// which it is an organiser (whose approval it may give).
type Actor struct {
	AccountID  int64
	Name       string
	PartnerIDs []int64
	ClientAddr string // for the event log; may be empty
}

// Draft is the working copy of a subject, or, when Version is 0, the live
// content as the office sees it (there is no draft).
type Draft struct {
	Subject Subject
	// Version grows by one with every save; 0 means there is no draft and
	// Content is what is live.
	Version int
	State   State // "" when there is no draft
	Comment string
	// PublishAt is the time before which an approved draft is not
	// published; zero is at once.
	PublishAt       time.Time
	AuthorID        int64 // the account that saved the last version
	AuthorName      string
	SubmittedBy     int64 // the account that last asked to publish it
	SubmittedByName string
	// ReturnedByName names the approver who last returned it, for the
	// partner ReturnedFor; the time is UpdatedAt while State is Returned.
	ReturnedByName string
	ReturnedFor    int64
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// Content is *forum.Forum, *forum.Programme, *forum.NewsPost,
	// *forum.Partner or *forum.Person, after Subject.Kind, without media
	// and other loaded pointers.
	Content any
	// Approvals lists the approvers of the submitted version in order,
	// each with its decision (At zero: awaited). Empty while editing.
	Approvals []Approval
}

// Approval is one approver partner's decision on a version.
type Approval struct {
	PartnerID int64
	AccountID int64 // 0 while awaited
	Name      string
	At        time.Time
}

// Approved reports whether every approver has approved the draft's version.
func (d *Draft) Approved() bool {
	if len(d.Approvals) == 0 {
		return false
	}
	for _, a := range d.Approvals {
		if a.At.IsZero() {
			return false
		}
	}
	return true
}

// The error kinds. Each error the package returns wraps one of them, so
// that the web adapter maps it to a status and a message (MessageKey).
var (
	// ErrNotFound: no such subject or no draft of it (404).
	ErrNotFound = fmt.Errorf("draft %w", errkind.NotFound)
	// ErrStale: the decision is on a version that is no longer the
	// draft's current one (409).
	ErrStale = fmt.Errorf("not the current version: %w", errkind.Conflict)
	// ErrState: the draft is not in a state that allows the step (409).
	ErrState = fmt.Errorf("not possible in the draft's state: %w", errkind.Conflict)
	// ErrNotApprover: the partner is not an approver of the subject, or
	// the actor does not act for it (403).
	ErrNotApprover = fmt.Errorf("not an approver: %w", errkind.Forbidden)
	// ErrInvalid: the content or the request is not valid (422); a
	// FieldErrors says where.
	ErrInvalid = fmt.Errorf("content %w", errkind.Invalid)
)

// FieldError is one problem at one field of the content: Field is a path
// as Diff writes it ("theme", "sessions[2].speeches[0].title"), Lang the
// language for a multilingual field, Key the i18n message key.
type FieldError struct {
	Field string
	Lang  string
	Key   string
}

// FieldErrors lists the problems that make a request invalid; it wraps
// ErrInvalid.
type FieldErrors []FieldError

func (fe FieldErrors) Error() string {
	var b strings.Builder
	b.WriteString("invalid:")
	for _, e := range fe {
		b.WriteString(" " + e.Field)
		if e.Lang != "" {
			b.WriteString("[" + e.Lang + "]")
		}
		b.WriteString(" (" + e.Key + ")")
	}
	return b.String()
}

// Unwrap makes errors.Is(fe, ErrInvalid) and errors.Is(fe,
// errkind.Invalid) true.
func (fe FieldErrors) Unwrap() error { return ErrInvalid }

// Message keys for FieldError.Key.
const (
	KeyMissingLanguage = "approval.field.missing_language"
	KeyCommentRequired = "approval.field.comment_required"
	// KeyUnpublishedSpeaker: a speech of a programme names a speaker
	// whose page the public does not see yet.
	KeyUnpublishedSpeaker = "approval.field.unpublished_speaker"
)

// MessageKey returns the i18n key of the message that tells a user what
// went wrong with err, or "" for an error of none of the package's kinds.
func MessageKey(err error) string {
	for _, k := range []struct {
		err error
		key string
	}{
		{ErrNotFound, "approval.error.not_found"},
		{ErrStale, "approval.error.stale"},
		{ErrState, "approval.error.state"},
		{ErrNotApprover, "approval.error.not_approver"},
		{ErrInvalid, "approval.error.invalid"},
	} {
		if errors.Is(err, k.err) {
			return k.key
		}
	}
	return ""
}
