// Package forum holds what the public site shows: partners, people, forums
// with their programmes, released collections and news, and the hand-written
// SQL that reads and writes them.
package forum

import (
	"fmt"
	"time"

	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/media"
)

// Partner is an institution that hosts forums or employs people.
type Partner struct {
	ID          int64
	Slug        string
	Name        lang.Text
	ShortName   lang.Text
	Description lang.Text
	Country     string // ISO 3166-1 alpha-2
	Website     string
	LogoID      int64
	Logo        *media.Image
	// Published says whether the public sees the partner's profile.
	Published bool
}

// Person is a speaker, author, editor or translator; a person need not have
// an account.
type Person struct {
	ID          int64
	Slug        string
	Names       lang.Names
	Position    lang.Text
	Bio         lang.Text
	PartnerID   int64
	Partner     *Partner
	Affiliation lang.Text // when the person's institution is not a partner
	PhotoID     int64
	Photo       *media.Image
	// Published says whether the public sees the person's page.
	Published bool
}

// Forum is one jointly convened forum.
type Forum struct {
	ID        int64
	Slug      string
	Title     lang.Text
	Theme     lang.Text
	Summary   lang.Text
	Note      lang.Text // a remark shown with the programme
	StartsAt  time.Time
	EndsAt    time.Time
	TimeZone  string
	Venue     lang.Text
	Online    bool
	Languages []string
	Published bool
	Hosts     []*Partner // in the order they are named
}

// Location returns the forum's time zone; an unknown zone name means UTC.
func (f *Forum) Location() *time.Location {
	loc, err := time.LoadLocation(f.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Session is a part of a forum's programme.
type Session struct {
	ID       int64
	ForumID  int64
	Title    lang.Text
	StartsAt time.Time
	EndsAt   time.Time
	Room     lang.Text
	Speeches []*Speech
}

// Kind says what a speech is.
type Kind string

const (
	OpeningAddress Kind = "opening_address"
	VideoAddress   Kind = "video_address"
	Report         Kind = "report"
	Remark         Kind = "remark"
)

// Kinds lists every kind of speech.
var Kinds = []Kind{OpeningAddress, VideoAddress, Report, Remark}

// Delivery says how a speech reached the forum. The empty value means it was
// not stated.
type Delivery string

const (
	InPerson   Delivery = "in_person"
	Video      Delivery = "video"
	RemoteLive Delivery = "remote_live"
)

// Deliveries lists every stated delivery.
var Deliveries = []Delivery{InPerson, Video, RemoteLive}

// Speech is one item of the programme, given by one speaker.
type Speech struct {
	ID           int64
	ForumID      int64
	SessionID    int64
	Slug         string
	SpeakerID    int64
	Speaker      *Person
	Kind         Kind
	Delivery     Delivery
	OriginalLang string
	Title        lang.Text
	Summary      lang.Text // what the speech was about, as reported
	Body         lang.Text // the text of the speech, when published
	StartsAt     time.Time
	EndsAt       time.Time
}

// Collection is a publication released at a forum (the Collected Works).
type Collection struct {
	ID          int64
	ForumID     int64
	Slug        string
	Title       lang.Text
	Description lang.Text
	Languages   []string // the languages it is published in
	ReleasedAt  time.Time
}

// NewsPost is an article of the site's news.
type NewsPost struct {
	ID          int64
	Slug        string
	ForumID     int64
	Forum       *Forum
	Title       lang.Text
	Dateline    lang.Text // the place it was written
	Summary     lang.Text
	Body        lang.Text // paragraphs separated by blank lines
	Source      lang.Text
	PublishedAt time.Time
	LeadImageID int64
	// LeadAlt, LeadCaption and LeadCredit are what the post says of its
	// lead image: its alt text, caption and credit, approved with the
	// post. The library's texts of the image are only where they start.
	LeadAlt, LeadCaption, LeadCredit lang.Text
	LeadImage                        *media.Image
	// Figures are the images in the body, in order; a post's reads load
	// their images too.
	Figures []*Figure
	// Published says whether the public sees the post (when its forum,
	// if it has one, is published too).
	Published bool
}

// Figure is an image in the body of a news post, with what the post says
// of it, approved with the post like the lead image's texts.
type Figure struct {
	// ID is the figure's row, 0 for one not recorded yet.
	ID int64
	// ImageID is the image of the media library it shows.
	ImageID int64
	// After is the number of body paragraphs the figure follows: 0 puts
	// it before the first. It is the same in every language, whose bodies
	// keep their paragraphs aligned; when a language's body has fewer
	// paragraphs, the figure comes at its end.
	After int
	// Alt, Caption and Credit are the figure's alt text, caption and
	// credit per language; the library's texts are only where they start.
	Alt, Caption, Credit lang.Text
	// Image is the loaded image, nil in a draft.
	Image *media.Image
}

// Limits of a figure, in paragraphs and characters per language.
const (
	FigureAfterMax   = 10000
	FigureAltMax     = 300
	FigureCaptionMax = 500
	FigureCreditMax  = 300
	// FiguresMax bounds the figures of one post.
	FiguresMax = 100
)

func timeZone(name string) (*time.Location, error) {
	if name == "" {
		return nil, fmt.Errorf("no time zone")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q", name)
	}
	return loc, nil
}
