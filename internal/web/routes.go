package web

import (
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/i18n"
)

// routes lists every URL the server answers, in groups, each of which
// registers its routes on the one mux:
//   - siteRoutes: the addresses outside the languages (the root, health
//     check, assets, media, sitemap, robots.txt);
//   - publicRoutes: the public site, each page once per language under the
//     language's prefix, GET only, through the publicPage adapter (cached,
//     errors rendered in the page's language);
//   - officeRoutes: the office, under /office/, any method, never cached,
//     each route through the office adapter and its chain.
//
// In front of the mux, canonical sends a path with a trailing slash to its
// address without one and refuses with 405 a method no route takes there;
// what no route takes is a 404 in the reader's language.
func (s *Server) routes() http.Handler {
	return s.withRoutes(
		s.siteRoutes,
		s.publicRoutes,
		s.officeRoutes,
		s.apiRoutes,
	)
}

// withRoutes returns the handler of a mux that holds the routes of groups,
// with the 404 page as its fallback, behind canonical.
func (s *Server) withRoutes(groups ...func(mux *http.ServeMux)) http.Handler {
	mux := http.NewServeMux()
	for _, g := range groups {
		g(mux)
	}
	mux.HandleFunc("/", s.notFound)
	return s.canonical(mux)
}

// siteRoutes registers the addresses that belong to no language: the root,
// which sends the reader to their language, the health check, the
// fingerprinted assets, the media files, the sitemap and robots.txt.
func (s *Server) siteRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.languageChoose)
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /assets/{name}", s.assetFile)
	mux.HandleFunc("GET /media/{key...}", s.mediaFile)
	mux.HandleFunc("GET /sitemap.xml", s.sitemapShow)
	mux.HandleFunc("GET /robots.txt", s.robotsShow)
}

// publicRoutes registers the pages of the public site, once per language
// under its prefix (/en/forums, /ru/forums, /zh/forums), each to GET (and
// so to HEAD) through publicPage. The home page's address has a trailing
// slash; its prefix alone redirects there.
func (s *Server) publicRoutes(mux *http.ServeMux) {
	for _, l := range i18n.Languages {
		page := func(pattern string, fn pageFunc, params ...string) {
			mux.Handle("GET /"+l+pattern, s.publicPage(l, fn, params...))
		}
		mux.Handle("GET /"+l, homeRedirect(l))
		page("/{$}", s.homeShow)
		page("/forums", s.forumsList, "page")
		page("/forums/{forum}", s.forumShow)
		page("/forums/{forum}/programme", s.programmeShow)
		page("/forums/{forum}/programme.ics", s.programmeCalendar)
		page("/forums/{forum}/speakers", s.speakersList)
		page("/forums/{forum}/speeches/{speech}", s.speechShow)
		page("/forums/{forum}/speeches/{speech}/subtitles/{file}", s.subtitleShow)
		mux.Handle("GET /"+l+"/forums/{forum}/speeches/{speech}/video/{file}", s.speechVideoFile(l))
		mux.Handle("GET /"+l+"/forums/{forum}/speeches/{speech}/video/{version}/{file}", s.speechVideoFile(l))
		page("/people/{person}", s.personShow)
		page("/news", s.newsList, "page")
		page("/news.atom", s.newsFeed)
		page("/news/{post}", s.newsShow)
		page("/partners", s.partnersList)
		page("/partners/{partner}", s.partnerShow)
		page("/partners/{partner}/mark.svg", s.partnerMarkSVG)
		page("/editions", s.editionsList)
		page("/editions/{edition}", s.editionShow)
		page("/editions/{edition}/{chapter}", s.editionChapter)
		page("/editions/{edition}/media/{name}", s.editionMedia)
		mux.Handle("GET /"+l+"/editions/{edition}/files/{file}", s.editionFileServe(l))
	}
}

// canonical stands in front of mux so that every resource has one address
// and each method one answer:
//   - GET or HEAD of a path that a route takes once its trailing slash,
//     doubled slashes or dot segments are gone is sent there in one
//     permanent redirect, query kept (/en/forums/ → /en/forums,
//     /en//forums → /en/forums); the home pages are the only addresses
//     with a trailing slash (/en/) and keep it;
//   - another method goes to mux when a route takes that method at the
//     path as it is, without doubled slashes or dot segments (a form's
//     POST); the public site has no such route;
//   - any other method on a path some route takes is refused with 405
//     Method Not Allowed, an Allow header naming the methods the path
//     takes, and a page in the language of the path's prefix, or else in
//     the reader's;
//   - anything else goes to mux, whose fallback is a 404 page.
func (s *Server) canonical(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.EscapedPath()
		get := r.Method == http.MethodGet || r.Method == http.MethodHead
		clean := !strings.Contains(p, "//") && !strings.Contains(p, "/.")
		if clean && get && !strings.HasSuffix(p, "/") {
			// Already an address, or none: mux serves it or says 404.
			mux.ServeHTTP(w, r)
			return
		}
		if clean && !get && taken(route(mux, r, r.Method, p)) {
			mux.ServeHTTP(w, r)
			return
		}
		target, ok := canonicalPath(mux, r, p)
		if !ok && !get && strings.HasPrefix(p, "/") {
			target = path.Clean(p)
		}
		switch {
		case get:
			if ok && target != p {
				if r.URL.RawQuery != "" {
					target += "?" + r.URL.RawQuery
				}
				http.Redirect(w, r, target, http.StatusMovedPermanently)
				return
			}
			mux.ServeHTTP(w, r)
		case target != "" && allowed(mux, r, target) != "":
			w.Header().Set("Allow", allowed(mux, r, target))
			s.renderErrorIn(w, r, s.pathLanguage(r), errMethodNotAllowed)
		default:
			s.notFound(w, r)
		}
	})
}

// routeMethods are the methods a route may take, but HEAD, which the routes
// of GET take too.
var routeMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// allowed returns the Allow header of the escaped path p: the methods the
// routes of mux take there, HEAD with GET ("GET, HEAD", "GET, HEAD,
// POST"), or "" when no route takes p.
func allowed(mux *http.ServeMux, r *http.Request, p string) string {
	var ms []string
	for _, m := range routeMethods {
		if taken(route(mux, r, m, p)) {
			ms = append(ms, m)
			if m == http.MethodGet {
				ms = append(ms, http.MethodHead)
			}
		}
	}
	return strings.Join(ms, ", ")
}

// canonicalPath returns the address of the resource at the escaped path p
// (p itself when it is one), and whether a route of mux takes it to GET.
func canonicalPath(mux *http.ServeMux, r *http.Request, p string) (string, bool) {
	if !strings.HasPrefix(p, "/") {
		return "", false
	}
	clean := path.Clean(p)
	if home := strings.TrimSuffix(clean, "/") + "/"; strings.HasSuffix(route(mux, r, http.MethodGet, home), "/{$}") {
		return home, true
	}
	if taken(route(mux, r, http.MethodGet, clean)) {
		return clean, true
	}
	return "", false
}

// route returns the pattern of the route of mux that takes method at the
// escaped path p, "/" when only the fallback does, or "" when none does.
func route(mux *http.ServeMux, r *http.Request, method, p string) string {
	u, err := url.Parse(p)
	if err != nil {
		return ""
	}
	_, pattern := mux.Handler(&http.Request{Method: method, URL: u, Host: r.Host})
	return pattern
}

// taken reports whether a route pattern, as route returns it, is a route's
// and not the fallback's.
func taken(pattern string) bool {
	return pattern != "" && pattern != "/"
}

// officeRoutes registers the office, under /office/: each route with the
// methods it takes and who may reach it (visitors, members, admins), and
// each passing the office chain (no-store, cross-origin refusal, login
// session) before the office adapter. The routes for visitors are the
// doors in: sign-in, password reset, invitations.
func (s *Server) officeRoutes(mux *http.ServeMux) {
	route := func(pattern string, access officeAccess, fn officeFunc) {
		mux.Handle(pattern, s.officeChain(s.office(access, fn)))
	}
	mux.Handle("GET /office", http.RedirectHandler(officePrefix+"/", http.StatusMovedPermanently))
	route("GET /office/signin", visitors, s.signinShow)
	route("POST /office/signin", visitors, s.signinSubmit)
	route("GET /office/signin/totp", visitors, s.signinTOTPShow)
	route("POST /office/signin/totp", visitors, s.signinTOTPSubmit)
	route("POST /office/signout", visitors, s.signoutSubmit)
	route("GET /office/{$}", members, s.dashboardShow)
	// forums and their programmes
	route("GET /office/forums", members, s.forumIndex)
	route("GET /office/forums/new", members, s.forumNew)
	route("POST /office/forums", members, s.forumCreate)
	route("GET /office/forums/{id}", members, s.forumEdit)
	route("POST /office/forums/{id}", members, s.forumSave)
	route("GET /office/forums/{id}/programme", members, s.programmeEdit)
	route("POST /office/forums/{id}/programme", members, s.programmeSave)
	// the subtitles of the programme's video items, by the item's id
	route("POST /office/speeches/{id}/subtitles/{lang}/translate", members, s.subtitleTranslate)
	route("POST /office/speeches/{id}/subtitles/{lang}/text", members, s.subtitleText)
	route("POST /office/speeches/{id}/subtitles", members, s.subtitleUpload)
	route("GET /office/speeches/{id}/subtitles/{file}", members, s.subtitleDownload)
	route("POST /office/speeches/{id}/subtitles/{lang}/delete", members, s.subtitleDelete)
	route("POST /office/speeches/{id}/subtitles/{lang}/approve", members, s.subtitleApprove)
	// the hosts' approval of an item's video for the public, and its withdrawal
	route("POST /office/speeches/{id}/video/approve", members, s.videoApprove)
	route("POST /office/speeches/{id}/video/withdraw", members, s.videoWithdraw)
	// the programme form's video status of an item, polled while it is processed
	route("GET /office/speeches/{id}/video", members, s.videoStatusShow)
	// an uploaded video file removed with what was made of it, once it is
	// not the video on the site
	route("GET /office/speeches/{id}/uploads/{upload}/delete", members, s.uploadDeleteShow)
	route("POST /office/speeches/{id}/uploads/{upload}/delete", members, s.uploadDelete)
	// Accounts and teams: password reset, invitations, the account's own
	// page, the admins' accounts and outbox, the event log.
	route("GET /office/reset", visitors, s.resetShow)
	route("POST /office/reset", visitors, s.resetRequest)
	route("GET /office/reset/{token}", visitors, s.resetEdit)
	route("POST /office/reset/{token}", visitors, s.resetSave)
	route("GET /office/invitations/{token}", visitors, s.invitationShow)
	route("POST /office/invitations/{token}", visitors, s.invitationAccept)
	route("GET /office/team", members, s.teamShow)
	route("POST /office/team/invitations", members, s.invitationCreate)
	route("POST /office/team/invitations/{id}/resend", members, s.invitationResend)
	route("POST /office/team/invitations/{id}/revoke", members, s.invitationRevoke)
	route("POST /office/team/members/remove", members, s.memberRemove)
	route("GET /office/account", members, s.accountShow)
	route("POST /office/account", members, s.accountSave)
	route("POST /office/account/password", members, s.passwordChange)
	route("POST /office/account/signout-everywhere", members, s.signoutEverywhere)
	route("GET /office/account/totp", members, s.totpShow)
	route("GET /office/account/totp.png", members, s.totpQR)
	route("POST /office/account/totp", members, s.totpConfirm)
	route("POST /office/account/totp/disable", members, s.totpDisable)
	route("POST /office/account/totp/recovery", members, s.recoveryCodesCreate)
	route("POST /office/account/tokens", members, s.apiTokenCreate)
	route("POST /office/account/tokens/{id}/revoke", members, s.apiTokenRevoke)
	route("GET /office/accounts", admins, s.accountsList)
	route("GET /office/accounts/{id}/tokens", admins, s.accountTokensShow)
	route("POST /office/accounts/{id}/tokens/{token}/revoke", admins, s.accountTokenRevoke)
	route("GET /office/accounts/{id}/totp-off", admins, s.accountTOTPOffShow)
	route("POST /office/accounts/{id}/totp-off", admins, s.accountTOTPOff)
	route("GET /office/outbox", admins, s.outboxList)
	route("GET /office/outbox/{name}", admins, s.outboxShow)
	route("GET /office/jobs", admins, s.jobsList)
	route("GET /office/events", members, s.eventsList)
	route("GET /office/events.jsonl", admins, s.eventsExport)
	// Content: partners, people, news posts and the media library.
	route("GET /office/partners", members, s.partnerIndex)
	route("GET /office/partners/new", admins, s.partnerNew)
	route("POST /office/partners/new", admins, s.partnerCreate)
	route("GET /office/partners/{id}", members, s.partnerEdit)
	route("POST /office/partners/{id}", members, s.partnerSave)
	route("GET /office/people", members, s.personIndex)
	route("GET /office/people/new", members, s.personNew)
	route("POST /office/people/new", members, s.personCreate)
	route("GET /office/people/{id}", members, s.personEdit)
	route("POST /office/people/{id}", members, s.personSave)
	route("GET /office/news", members, s.newsIndex)
	route("GET /office/news/new", members, s.newsNew)
	route("POST /office/news/new", members, s.newsCreate)
	route("GET /office/news/{id}", members, s.newsEdit)
	route("POST /office/news/{id}", members, s.newsSave)
	route("GET /office/media", members, s.mediaIndex)
	route("POST /office/media", members, s.mediaUpload)
	route("GET /office/media/{id}", members, s.mediaEdit)
	route("POST /office/media/{id}", members, s.mediaSave)
	route("POST /office/media/{id}/renditions", members, s.mediaRetry)
	// office_approval: the hosts' approval of changes, and the preview of
	// drafts.
	route("GET /office/approvals", members, s.approvalsList)
	route("GET /office/approvals/{kind}/{id}", members, s.approvalShow)
	route("POST /office/approvals/{kind}/{id}/submit", members, s.approvalSubmit)
	route("POST /office/approvals/{kind}/{id}/approve", members, s.approvalApprove)
	route("POST /office/approvals/{kind}/{id}/return", members, s.approvalReturn)
	route("POST /office/approvals/{kind}/{id}/schedule", members, s.approvalSchedule)
	route("GET /office/preview/{kind}/{id}", members, s.previewShow)
	route("GET /office/preview/{kind}/{id}/{lang}", members, s.previewShow)
	// manuscripts (C2): a contribution's manuscript, its workflow and the
	// hosts' approval of each language
	route("GET /office/contributions/{id}/manuscript", members, s.manuscriptShow)
	route("POST /office/contributions/{id}/manuscript", members, s.manuscriptUpload)
	route("GET /office/contributions/{id}/manuscript/diff", members, s.manuscriptDiff)
	route("GET /office/contributions/{id}/manuscript/revisions/{n}/{format}", members, s.manuscriptDownload)
	route("POST /office/contributions/{id}/manuscript/comments", members, s.manuscriptComment)
	route("POST /office/contributions/{id}/manuscript/comments/{comment}/resolve", members, s.manuscriptResolve)
	route("GET /office/contributions/{id}/manuscript/correct", members, s.manuscriptCorrectForm)
	route("POST /office/contributions/{id}/manuscript/correct", members, s.manuscriptCorrect)
	route("POST /office/contributions/{id}/move", members, s.contributionMove)
	route("POST /office/contributions/{id}/languages/{lang}/move", members, s.contributionLangMove)
	route("POST /office/contributions/{id}/languages/{lang}/approve", members, s.contributionApprove)
	route("GET /office/contributions/{id}/languages/{lang}/changes", members, s.contributionChanges)
	route("GET /office/preview/{kind}/{id}/{lang}/speeches/{speech}", members, s.previewShow)
	// works (collection_*, contribution_*): the Collected Works'
	// collections, their contributions, and the invitations to contribute,
	// answered by link.
	route("GET /office/collections", members, s.collectionIndex)
	route("GET /office/collections/new", members, s.collectionNew)
	route("POST /office/collections/new", members, s.collectionCreate)
	route("GET /office/collections/{id}", members, s.collectionShow)
	route("GET /office/collections/{id}/edit", members, s.collectionEdit)
	route("POST /office/collections/{id}/edit", members, s.collectionSave)
	route("POST /office/collections/{id}/order", members, s.collectionOrder)
	route("GET /office/collections/{id}/contributions/new", members, s.contributionNew)
	route("POST /office/collections/{id}/contributions/new", members, s.contributionCreate)
	route("GET /office/contributions/{id}", members, s.contributionShow)
	route("GET /office/contributions/{id}/edit", members, s.contributionEdit)
	route("POST /office/contributions/{id}/edit", members, s.contributionSave)
	route("POST /office/contributions/{id}/invitations", members, s.contributionInvite)
	route("POST /office/contributions/{id}/invitations/{inv}/resend", members, s.contributionInvitationResend)
	route("POST /office/contributions/{id}/invitations/{inv}/revoke", members, s.contributionInvitationRevoke)
	// editions (edition_office): a collection's editions, their builds,
	// the hosts' approval of their proofs and their release.
	route("GET /office/collections/{id}/editions", members, s.editionIndex)
	route("GET /office/collections/{id}/editions/new", members, s.editionNew)
	route("POST /office/collections/{id}/editions/new", members, s.editionCreate)
	route("GET /office/editions", members, s.editionAll)
	route("GET /office/editions/{id}", members, s.editionOffice)
	route("GET /office/editions/{id}/edit", members, s.editionEdit)
	route("POST /office/editions/{id}/edit", members, s.editionSave)
	route("POST /office/editions/{id}/build", members, s.editionBuild)
	route("GET /office/editions/{id}/proofs/{format}", members, s.editionProof)
	route("POST /office/editions/{id}/approve", members, s.editionApprove)
	route("POST /office/editions/{id}/schedule", members, s.editionSchedule)
	route("POST /office/editions/{id}/unschedule", members, s.editionUnschedule)
	for _, f := range exportFormats {
		route("GET /office/editions/{id}/"+f, members, s.editionExport(f))
		route("GET /office/collections/{id}/editions/"+f, members, s.collectionExport(f))
	}
	route("GET /office/contribute/{token}", visitors, s.contributeShow)
	route("POST /office/contribute/{token}", visitors, s.contributeAccept)
	route("GET /office/contribute/{token}/decline", visitors, s.contributeDeclineShow)
	route("POST /office/contribute/{token}/decline", visitors, s.contributeDecline)
	// workbench: translations segment by segment (internal/translate),
	// the page and its script's JSON endpoints.
	route("GET /office/translations/{id}", members, s.workbenchShow)
	route("POST /office/translations/{id}/segments/{seg}", members, s.workbenchSave)
	route("GET /office/translations/{id}/segments/{seg}/suggestions", members, s.workbenchSuggest)
	route("POST /office/translations/{id}/segments/{seg}/offer", members, s.workbenchOfferTake)
	// memory_, termbase_: the installation's translation memory and each
	// forum's termbase.
	route("GET /office/memory", members, s.memoryIndex)
	route("POST /office/memory", members, s.memoryImport)
	route("GET /office/memory/export", members, s.memoryExport)
	route("GET /office/forums/{id}/termbase", members, s.termbaseIndex)
	route("POST /office/forums/{id}/termbase", members, s.termbaseCreate)
	route("POST /office/forums/{id}/termbase/import", members, s.termbaseImport)
	route("GET /office/forums/{id}/termbase/export", members, s.termbaseExport)
	route("GET /office/forums/{id}/termbase/{entry}", members, s.termbaseEdit)
	route("POST /office/forums/{id}/termbase/{entry}", members, s.termbaseSave)
	route("POST /office/forums/{id}/termbase/{entry}/delete", members, s.termbaseDelete)
	// exchange: a translation's files: XLIFF for desktop CAT tools and its
	// upload, an existing translation imported by alignment, and the
	// translated document (workbench_xliff_*, workbench_align_*,
	// workbench_translated_*).
	route("GET /office/translations/{id}/exchange", members, s.workbenchExchangeShow)
	route("GET /office/translations/{id}/xliff", members, s.workbenchXLIFFDownload)
	route("POST /office/translations/{id}/xliff", members, s.workbenchXLIFFUpload)
	route("POST /office/translations/{id}/align", members, s.workbenchAlignUpload)
	route("GET /office/translations/{id}/translated/{format}", members, s.workbenchTranslatedDownload)
	// sitetexts_: a forum's own short texts translated in the workbench
	// (internal/sitetext).
	route("GET /office/forums/{id}/texts", members, s.siteTextsShow)
	route("POST /office/forums/{id}/texts", members, s.siteTextsOpen)
	route("POST /office/forums/{id}/texts/{tr}/apply", members, s.siteTextsApply)
	// What no office route takes is a 404 in the office's layout for a
	// member; a visitor is sent to sign in, as on every other page, so
	// that the doors alone say what exists.
	route("/office/", members, func(w http.ResponseWriter, rq *officeRequest) error {
		return errkind.NotFound
	})
}
