package account

import (
	"slices"
	"strconv"
	"strings"
)

// Role is what an account does in one partner's team.
type Role string

const (
	Organiser  Role = "organiser"  // runs the partner's team: invites, approves, asks to publish
	Editor     Role = "editor"     // writes and edits the partner's content
	Translator Role = "translator" // writes the other languages of multilingual texts
	Reviewer   Role = "reviewer"   // reads everything of the partner; changes nothing but approves or returns translated segments
	Author     Role = "author"     // a contributor: sees their own person and speeches
)

// Roles lists every role, from most to least powerful.
var Roles = []Role{Organiser, Editor, Translator, Reviewer, Author}

// ParseRole returns the role named s, or a *RoleError (ErrInvalidRole).
func ParseRole(s string) (Role, error) {
	r := Role(s)
	if !slices.Contains(Roles, r) {
		return "", &RoleError{Role: s}
	}
	return r, nil
}

func roleList() string {
	names := make([]string, len(Roles))
	for i, r := range Roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

func quote(s string) string { return strconv.Quote(s) }

// Subject is a kind of thing in the office that permissions are about.
type Subject string

const (
	SubjectForum     Subject = "forum"     // forums: title, theme, dates, hosts
	SubjectProgramme Subject = "programme" // sessions and speeches
	SubjectNews      Subject = "news"      // news posts
	SubjectPartner   Subject = "partner"   // a partner's public profile
	SubjectPerson    Subject = "person"    // speakers, authors and other people
	SubjectMedia     Subject = "media"     // the media library
	SubjectTeam      Subject = "team"      // memberships and invitations
	SubjectApproval  Subject = "approval"  // requests for publication and their decisions
	SubjectOutbox    Subject = "outbox"    // mail sent or waiting
	SubjectEventLog  Subject = "eventlog"  // the record of changes
	// SubjectCollection is a forum's Collected Works: its texts, languages,
	// deadline, volume editors and the order of its contributions.
	SubjectCollection Subject = "collection"
	// SubjectContribution is one chapter: its metadata, authors, staff and
	// the invitations to its authors.
	SubjectContribution Subject = "contribution"
	// SubjectTranslation is the translation of a document in the
	// workbench, segment by segment.
	SubjectTranslation Subject = "translation"
	SubjectMemory      Subject = "memory"   // the installation's translation memory
	SubjectTermbase    Subject = "termbase" // a forum's termbase
	// SubjectEdition is an edition of a collection: its data, its builds,
	// the hosts' approval of its proofs and its release.
	SubjectEdition Subject = "edition"
	// SubjectVideo is the publication of a speech's video and subtitle
	// tracks: each host's approval for the public, and their withdrawal.
	SubjectVideo Subject = "video"
)

// Subjects lists every subject.
var Subjects = []Subject{SubjectForum, SubjectProgramme, SubjectNews, SubjectPartner, SubjectPerson,
	SubjectMedia, SubjectTeam, SubjectApproval, SubjectOutbox, SubjectEventLog, SubjectCollection, SubjectContribution,
	SubjectTranslation, SubjectMemory, SubjectTermbase, SubjectEdition, SubjectVideo}

// Action is what is done to a subject.
type Action string

const (
	View    Action = "view"    // read, drafts included
	Create  Action = "create"  // add a new one
	Edit    Action = "edit"    // change an existing one
	Publish Action = "publish" // ask for publication (the hosts' approval)
	Approve Action = "approve" // approve a request for publication, or return it
	Invite  Action = "invite"  // invite people into the partner's team
	Manage  Action = "manage"  // remove, revoke, resend, change roles; delete
)

// Actions lists every action.
var Actions = []Action{View, Create, Edit, Publish, Approve, Invite, Manage}

// Permissions is the permission table: for each subject and action, the
// roles that may do it. An instance admin may do everything; nobody else
// may do what the table does not list. It is the one place the office asks.
//
// The table says what a role may do at its own partner: a caller asks
// with the roles the account has at the partner the thing belongs to
// (Account.RolesAt), so that an editor of one partner is nobody at
// another. Where a thing belongs to several partners (a forum and its
// hosts), the caller asks with the roles at each host and allows when one
// of them does. Author's "own" (their person, their speeches) is also the
// caller's check: the table lets authors view persons and programme, the
// caller narrows that to what names them. Media are seen by every team:
// the caller asks about viewing with the account's own partners, and about
// editing an image's texts with the partner that owns it (any partner for
// an image that belongs to none).
//
// The policy:
//   - organiser: everything on the partner's subjects, including asking to
//     publish, approving or returning, inviting and managing the team, and
//     the event log (the outbox is for admins only);
//   - editor: view, create and edit forum, programme, news, person, media
//     (the texts of its own partner's images and of images of no partner)
//     and partner; no publication requests, no approvals, no team;
//   - translator: view and edit the multilingual texts (forum, programme,
//     news, person, partner) and view media; creates nothing;
//   - reviewer: views everything of the partner, team and approvals
//     included, and changes nothing but the state of translated segments;
//   - author: views persons and programme (narrowed by the caller to their
//     own), and views and edits the metadata of their own contributions
//     (the caller narrows it to the contributions that name the account's
//     person, and editing to those whose text is not final), nothing else;
//   - translations in the workbench: translators and editors translate,
//     reviewers and organisers approve or return segments, and all four
//     read them.
//
// The Collected Works belong to the forum's hosts: their organisers and
// editors make collections and contributions and invite authors; their
// translators and reviewers read them (what they translate or review is
// the contribution's staff, which the workbench checks).
//
// The translation memory is the installation's, shared by every team: an
// account sees it and exports it when it may at one of its partners, and
// imports TMX files into it as an organiser or editor. A forum's termbase
// belongs to its hosts: their translators edit it as their organisers and
// editors do, and their reviewers read it.
var Permissions = map[Subject]map[Action][]Role{
	SubjectForum:     content(true, false),
	SubjectProgramme: content(true, true),
	SubjectNews:      content(true, false),
	SubjectPartner:   content(false, false),
	SubjectPerson:    content(true, true),
	SubjectMedia: {
		View:    {Organiser, Editor, Translator, Reviewer},
		Create:  {Organiser, Editor},
		Edit:    {Organiser, Editor},
		Publish: {Organiser},
		Manage:  {Organiser},
	},
	SubjectTeam: {
		View:   {Organiser, Reviewer},
		Invite: {Organiser},
		Manage: {Organiser},
	},
	SubjectApproval: {
		View:    {Organiser, Editor, Reviewer},
		Create:  {Organiser},
		Approve: {Organiser},
	},
	// The outbox holds every partner's mail (reset and invitation links
	// included), so only admins see it, as /office/outbox does.
	SubjectOutbox: {},
	SubjectEventLog: {
		View: {Organiser, Reviewer},
	},
	SubjectCollection: {
		View:   {Organiser, Editor, Translator, Reviewer},
		Create: {Organiser, Editor},
		Edit:   {Organiser, Editor},
		Invite: {Organiser, Editor},
	},
	// A contribution belongs to its forum's hosts. Its authors act on their
	// own contributions only, and the translators and reviewers assigned to
	// it through the contribution itself (the caller's check).
	SubjectContribution: {
		View:    {Organiser, Editor, Translator, Reviewer, Author},
		Create:  {Organiser, Editor},
		Edit:    {Organiser, Editor, Author},
		Publish: {Organiser},
		Approve: {Organiser},
		Invite:  {Organiser, Editor},
		Manage:  {Organiser},
	},
	SubjectTranslation: {
		View:    {Organiser, Editor, Translator, Reviewer},
		Edit:    {Translator, Editor},
		Approve: {Reviewer, Organiser},
	},
	SubjectMemory: {
		View:   {Organiser, Editor, Translator, Reviewer},
		Create: {Organiser, Editor},
	},
	SubjectTermbase: {
		View: {Organiser, Editor, Translator, Reviewer},
		Edit: {Organiser, Editor, Translator},
	},
	// An edition belongs to its forum's hosts: their organisers and
	// editors make it, build it, read and approve its proofs (each for its
	// own partner, one person for one host), and those of its publisher
	// of record schedule its release (the office asks Publish with that
	// partner alone); the collection's translators and reviewers follow
	// it, without its proofs, which are under embargo.
	SubjectEdition: {
		View:    {Organiser, Editor, Translator, Reviewer},
		Create:  {Organiser, Editor},
		Edit:    {Organiser, Editor},
		Approve: {Organiser, Editor},
		Publish: {Organiser, Editor},
	},
	// A speech's video and subtitles go public when an organiser or
	// editor of each host has approved them (each for its own partner,
	// one person for one host); an organiser of any host withdraws the
	// public video at once. Translators and reviewers follow it.
	SubjectVideo: {
		View:    {Organiser, Editor, Translator, Reviewer},
		Approve: {Organiser, Editor},
		Manage:  {Organiser},
	},
}

// content is the row of a multilingual content subject; creatable is false
// for partners, which only an organiser (or an admin) adds; authorViews is
// true for the subjects an author sees (their own, by the caller's
// narrowing).
func content(creatable, authorViews bool) map[Action][]Role {
	m := map[Action][]Role{
		View:    {Organiser, Editor, Translator, Reviewer},
		Create:  {Organiser},
		Edit:    {Organiser, Editor, Translator},
		Publish: {Organiser},
		Approve: {Organiser},
		Manage:  {Organiser},
	}
	if creatable {
		m[Create] = []Role{Organiser, Editor}
	}
	if authorViews {
		m[View] = append(m[View], Author)
	}
	return m
}

// Allowed reports whether an account with roles (at the partner concerned)
// may do action to subject; admin allows everything.
func Allowed(roles []Role, admin bool, subject Subject, action Action) bool {
	if admin {
		return true
	}
	for _, r := range Permissions[subject][action] {
		if slices.Contains(roles, r) {
			return true
		}
	}
	return false
}
