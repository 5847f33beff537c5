package web

import (
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/jobs"
)

// jobsPerPage is how many jobs a page of /office/jobs lists.
const jobsPerPage = 50

// jobsPage is a page of the background jobs, newest first.
type jobsPage struct {
	// Intro is the page's introduction, its sentences joined as the
	// reader's language joins them.
	Intro      string
	Rows       []jobRow
	Page       int
	Pages      int
	Prev, Next int
}

// jobRow is one job as the admins' list shows it, in the reader's
// language.
type jobRow struct {
	ID int64
	// Kind and State in words; StateClass is the state's name.
	Kind, State, StateClass string
	Attempts                string
	// HasProgress shows Done of Total as a bar and Percent; a job that
	// ended well shows Progress ("done") instead of where it last was.
	HasProgress bool
	Done, Total int64
	Percent     string
	Progress    string
	LastError   string
	Queued      string
	Finished    string
}

// jobsList answers GET /office/jobs?page=N (admins): the background jobs
// the database holds, newest first, with their state, attempts, progress
// and last error, a page at a time.
func (s *Server) jobsList(w http.ResponseWriter, rq *officeRequest) error {
	page, err := pageNumber(rq.URL.Query())
	if err != nil {
		return err
	}
	infos, total, err := jobs.Recent(rq.Context(), s.db, jobsPerPage, (page-1)*jobsPerPage)
	if err != nil {
		return err
	}
	p := &jobsPage{Page: page, Pages: max(1, (total+jobsPerPage-1)/jobsPerPage), Prev: page - 1}
	if page < p.Pages {
		p.Next = page + 1
	}
	t := rq.T
	p.Intro = sentences(t, t.T("office.jobs.intro"), t.T("office.team.events.utc"))
	for _, in := range infos {
		kind := t.T("office.jobs.kind." + in.Kind)
		if kind == "office.jobs.kind."+in.Kind {
			kind = in.Kind
		}
		r := jobRow{ID: in.ID, Kind: kind, State: t.T("office.jobs.state." + string(in.State)), StateClass: string(in.State),
			Attempts:    t.T("office.jobs.attempts", strconv.Itoa(in.Attempt), strconv.Itoa(in.MaxAttempts)),
			HasProgress: in.HasProgress && in.Progress.Total > 0 && in.State != jobs.StateDone, Done: in.Progress.Done, Total: in.Progress.Total,
			LastError: in.LastError,
			Queued:    t.T("office.team.events.when", t.DateShort(in.CreatedAt), t.Time(in.CreatedAt))}
		if r.HasProgress {
			r.Percent = t.T("office.jobs.percent", t.Number(min(100, in.Progress.Done*100/in.Progress.Total)))
		}
		if in.State == jobs.StateDone && in.HasProgress {
			r.Progress = t.T("office.jobs.state.done")
		}
		if !in.FinalizedAt.IsZero() {
			r.Finished = t.T("office.team.events.when", t.DateShort(in.FinalizedAt), t.Time(in.FinalizedAt))
		}
		p.Rows = append(p.Rows, r)
	}
	return s.officeRender(w, rq, "jobs", "jobs", t.T("office.nav.jobs"), p)
}
