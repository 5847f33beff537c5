package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/video"
)

// videoStatus is a programme item's video as the office shows it beside
// the item (templates/office/_video_status.html): where its processing
// stands and, once ready, what it made; every text in the reader's
// language.
type videoStatus struct {
	// ID makes the section's element ids unique on the page.
	ID string
	// Poll is the address of this section alone (videoStatusShow), which
	// video_status.js reads every two seconds while the video is
	// processed, and after an upload.
	Poll    string
	Heading string
	// None is the text for a video item without a video yet.
	None string
	// State is the state's name (for tests and styles); StateLabel says
	// it in the reader's language.
	State, StateLabel string
	// Announce is what a screen reader is told when the state changes
	// while the page follows it: the heading and the state.
	Announce string
	// Working shows Percent as a progress bar.
	Working     bool
	Percent     int
	PercentText string
	// Facts are label and value pairs of a ready video: duration, size,
	// renditions, how it was made.
	Facts []videoFact
	// Error says why a video was refused, and what to do.
	Error string
	// Illustration says the video only illustrates the item (the demo's).
	Illustration string
	// NoSound warns that a ready video has no sound track.
	NoSound string
	// Publication is whether the public sees the newest ready video and
	// whose approval it awaits; nil while no video is ready.
	Publication *videoPublication
	// StillLive says, for a video being processed or refused while an
	// earlier one is on the site, that the earlier one stays there.
	StillLive string
}

type videoFact struct{ Label, Value string }

// videoStatuses returns the status of the video of each programme item
// among ids, and a "no video yet" status for each of the video items
// (by id) that has none, in one query.
func (s *Server) videoStatuses(rq *officeRequest, ids []int64, videoItems map[int64]bool) (map[int64]*videoStatus, error) {
	t := rq.T
	vs, err := video.ForItems(rq.Context(), s.db, ids)
	if err != nil {
		return nil, err
	}
	pubs, err := s.videoPublications(rq, ids)
	if err != nil {
		return nil, err
	}
	live, err := video.PlayableFor(rq.Context(), s.db, ids)
	if err != nil {
		return nil, err
	}
	out := map[int64]*videoStatus{}
	for _, id := range ids {
		v, ok := vs[id]
		switch {
		case ok:
			out[id] = newVideoStatus(t, v)
			out[id].Publication = pubs[id]
			if l := live[id]; l != nil && l.ID != v.ID && v.State != video.Ready {
				// A newer video the site does not play yet, still being
				// processed or failed. (A ready one awaits the hosts:
				// its Publication says what the site shows meanwhile.)
				key := "office.videofile.status_still_live"
				if v.State == video.Failed {
					key = "office.videofile.status_kept_live"
				}
				out[id].StillLive = t.T(key, t.Date(l.CreatedAt))
			}
		case videoItems[id]:
			out[id] = &videoStatus{ID: "video-" + strconv.FormatInt(id, 10), Poll: videoStatusPath(id), Heading: t.T("video.status.heading"), None: t.T("video.status.none")}
		}
	}
	return out, nil
}

func newVideoStatus(t *i18n.Printer, v *video.Video) *videoStatus {
	st := &videoStatus{ID: "video-" + strconv.FormatInt(v.ItemID, 10), Poll: videoStatusPath(v.ItemID), Heading: t.T("video.status.heading"),
		State: string(v.State), StateLabel: t.T("video.state." + string(v.State))}
	st.Announce = t.T("video.status.announce", st.Heading, st.StateLabel)
	if v.Illustration {
		st.Illustration = t.T("video.illustration")
	}
	if !v.State.Done() {
		st.Working = true
		st.Percent = v.Progress / 10
		st.PercentText = t.T("video.status.percent", t.Number(int64(st.Percent)))
	}
	switch v.State {
	case video.Ready:
		st.Facts = append(st.Facts,
			videoFact{t.T("video.status.duration"), clockDuration(v.Duration)},
			videoFact{t.T("video.status.size"), t.Bytes(v.Size())})
		var forms []string
		for _, r := range v.Renditions {
			// What the file really holds: a video without sound has no
			// audio codec to name.
			if r.AudioCodec == "" {
				forms = append(forms, t.T("video.status.rendition.silent", fmt.Sprintf("%d×%d", r.Width, r.Height), codecName(r.VideoCodec), t.Bytes(r.Size)))
				continue
			}
			forms = append(forms, t.T("video.status.rendition", fmt.Sprintf("%d×%d", r.Width, r.Height), codecName(r.VideoCodec), codecName(r.AudioCodec), t.Bytes(r.Size)))
		}
		if !v.HasAudio() {
			st.NoSound = t.T("video.status.no_sound")
		}
		st.Facts = append(st.Facts, videoFact{t.T("video.status.formats"), strings.Join(forms, t.T("video.status.list_sep"))})
		if v.Method != "" {
			st.Facts = append(st.Facts, videoFact{t.T("video.status.method"), t.T("video.method." + v.Method)})
		}
	case video.Failed:
		key := v.ErrorKey
		if key == "" {
			key = video.ErrGaveUp
		}
		st.Error = t.T(key)
	}
	return st
}

func videoStatusPath(itemID int64) string {
	return officePrefix + "/speeches/" + strconv.FormatInt(itemID, 10) + "/video"
}

// videoStatusShow answers the video status of programme item {id} as the
// programme form shows it, the section alone (an HTML fragment), for
// whoever may see the item's programme: video_status.js reads it every
// two seconds while the video is processed, so that the organiser sees
// the progress and then the ready video without reloading the form (and
// losing what is typed in it).
func (s *Server) videoStatusShow(w http.ResponseWriter, rq *officeRequest) error {
	sp, _, _, err := s.subtitlesSpeech(rq, account.View)
	if err != nil {
		return err
	}
	sts, err := s.videoStatuses(rq, []int64{sp.ID}, map[int64]bool{sp.ID: true})
	if err != nil {
		return err
	}
	t, ok := s.officeViews.pages["programme_form"]
	if !ok {
		return fmt.Errorf("no office view programme_form")
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "videoStatus", sts[sp.ID]); err != nil {
		return fmt.Errorf("render video status: %w", err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(buf.Bytes())
	return err
}

// isVideoItem reports whether a programme item's kind or delivery, as a
// form has them, say it takes a video (video.TakesVideo).
func isVideoItem(kind, delivery string) bool {
	return video.TakesVideo(forum.Kind(kind), forum.Delivery(delivery))
}

func codecName(c string) string {
	switch c {
	case "h264":
		return "H.264"
	case "aac":
		return "AAC"
	case "":
		return "—"
	}
	return strings.ToUpper(c)
}

// clockDuration writes d as m:ss, or h:mm:ss from an hour.
func clockDuration(d time.Duration) string {
	// Whole seconds gone by, as the browsers' players count, so that the
	// page and the player give a speech the same length.
	s := int64(d.Truncate(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
