package web

import (
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/media"
)

// partnerMarkSVG serves the monogram a page shows for a partner without an
// uploaded logo: its short name in the page's language, on a colour of its
// own.
func (s *Server) partnerMarkSVG(rq *request) (result, error) {
	p, err := rq.Forums.PartnerBySlug(rq.Context(), rq.PathValue("partner"))
	if err != nil {
		return result{}, err
	}
	colour := markColours[int((p.ID-1)%int64(len(markColours)))]
	short := shownText(p.ShortName, rq.Lang)
	return result{
		contentType: "image/svg+xml",
		body:        media.Monogram(short.Value, i18n.Locale(short.Lang), colour),
	}, nil
}

// markColours are the tiles of generated marks, one per partner in turn;
// white on each has a contrast ratio above 4.5:1.
var markColours = []string{"#2f6f75", "#4a4f8c", "#8a4b2a", "#5b6b2f", "#7a3b6b", "#2f5a8a"}
