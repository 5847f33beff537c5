package web

func (s *Server) newsShow(rq *request) (result, error) {
	n, err := rq.Forums.NewsBySlug(rq.Context(), rq.PathValue("post"))
	if err != nil {
		return result{}, err
	}
	title := textIn(n.Title, rq.Lang)
	summary := textIn(n.Summary, rq.Lang)
	d := &pageData{
		Title:       title,
		Description: summary,
		Section:     "news",
		OGType:      "article",
		JSONLD:      s.newsLD(rq.Lang, n),
		Main:        n,
	}
	if n.LeadImage != nil {
		f := n.LeadImage.Largest()
		d.OGImage = &ogImage{URL: s.abs("/media/" + f.BlobKey), Width: f.Width, Height: f.Height, Alt: textIn(n.LeadAlt, rq.Lang)}
	}
	return s.html(rq, "news_post", "/news/"+n.Slug, d)
}
