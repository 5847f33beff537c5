package web

import (
	"net/url"
	"strconv"

	"github.com/tandemforum/tandem/internal/forum"
)

// pageParam reads the page number of a paginated list from the query: 1
// when absent, a 400 when it is not a number from 1 to 100000.
func pageParam(rq *request) (int, error) {
	return pageNumber(rq.Query)
}

// pageNumber reads the page number of a paginated list from the query q,
// as pageParam does; the office's lists read it so.
func pageNumber(q url.Values) (int, error) {
	v := q.Get("page")
	if v == "" && !q.Has("page") {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 100000 {
		return 0, badRequest("page %q", v)
	}
	return n, nil
}

// pager is where a page of a paginated list stands: its number, the number
// of pages, and the neighbours (0 where there is none). Path is the list's
// path after the language prefix.
type pager struct {
	Path               string
	Page, Pages        int
	PrevPage, NextPage int
}

// newPager places page among the pages of a list of total items, perPage to
// a page. A page past the end is not found; the first page of an empty list
// exists.
func newPager(path string, page, total, perPage int) (pager, error) {
	pages := (total + perPage - 1) / perPage
	if page > 1 && page > pages {
		return pager{}, forum.ErrNotFound
	}
	p := pager{Path: path, Page: page, Pages: pages, PrevPage: page - 1}
	if page < pages {
		p.NextPage = page + 1
	}
	return p, nil
}

// URL returns the path of page n of the list, after the language prefix.
func (p pager) URL(n int) string {
	if n <= 1 {
		return p.Path
	}
	return p.Path + "?page=" + strconv.Itoa(n)
}

// listPages calls page for each page of a paginated list of n items, perPage
// to a page, with the page's path and the range of items on it. An empty
// list has its first page.
func listPages(path string, n, perPage int, page func(path string, from, to int)) {
	pg := pager{Path: path}
	for i := 0; i == 0 || i*perPage < n; i++ {
		page(pg.URL(i+1), i*perPage, min(n, (i+1)*perPage))
	}
}
