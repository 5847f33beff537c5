package web

func (s *Server) partnersList(rq *request) (result, error) {
	ps, err := rq.Forums.Partners(rq.Context())
	if err != nil {
		return result{}, err
	}
	d := &pageData{
		Title:       rq.T.T("partners.title"),
		Description: rq.T.T("partners.description"),
		Section:     "partners",
		Main:        ps,
	}
	return s.html(rq, "partners", "/partners", d)
}
