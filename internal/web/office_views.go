package web

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"

	"github.com/tandemforum/tandem/internal/i18n"
)

// officeViewNames are the office pages that must exist; a missing one fails
// the server at start-up.
var officeViewNames = []string{
	"error",
	"signin",
	"signin_totp",
	"dashboard",
	"editions",
	"edition",
	"edition_form",
	"edition_preview",
	"forums",
	"forum_form",
	"programme_form",
	"reset",
	"reset_password",
	"link_invalid",
	"team",
	"invitation",
	"account",
	"account_totp",
	"account_recovery",
	"account_totp_off",
	"account_tokens",
	"upload_delete",
	"accounts",
	"outbox",
	"outbox_message",
	"jobs",
	"events",
	"partners",
	"partner_form",
	"people",
	"person_form",
	"news",
	"news_form",
	"media",
	"media_form",
	"approvals",
	"approval",
	"approval_missing",
	"collections",
	"collection",
	"collection_form",
	"editions_all",
	"contribution",
	"contribution_form",
	"contribute",
	"manuscript",
	"manuscript_diff",
	"workbench",
	"memory_index",
	"termbase_index",
	"sitetexts",
	"termbase_entry",
	"exchange",
	"exchange_report",
}

// loadOfficeViews parses templates/office: the shared files (named _*.html)
// into every page, and one page per other file.
func loadOfficeViews(as *assets) (*officeViews, error) {
	funcs := templateFuncs(as)
	for k, v := range officeFuncs {
		funcs[k] = v
	}
	base := template.New("office").Funcs(funcs)
	shared, err := fs.Glob(templateFiles, "templates/office/_*.html")
	if err != nil {
		return nil, err
	}
	if _, err := base.ParseFS(templateFiles, shared...); err != nil {
		return nil, fmt.Errorf("office templates: %w", err)
	}
	pages, err := fs.Glob(templateFiles, "templates/office/[a-z]*.html")
	if err != nil {
		return nil, err
	}
	vs := &officeViews{pages: map[string]*template.Template{}}
	for _, p := range pages {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.ParseFS(templateFiles, p); err != nil {
			return nil, fmt.Errorf("office templates: %w", err)
		}
		vs.pages[strings.TrimSuffix(path.Base(p), ".html")] = t
	}
	for _, need := range officeViewNames {
		if vs.pages[need] == nil {
			return nil, fmt.Errorf("office templates: no view %q", need)
		}
	}
	return vs, nil
}

// officeFuncs are the template functions of the office only.
var officeFuncs = template.FuncMap{
	"officeMenu": officeMenu,
	"langList":   func() []string { return i18n.Languages },
	// objectEvents gives the "objectEvents" partial the events of one
	// thing (from Server.eventsOf) for the page's reader.
	"objectEvents": objectEvents,
	// teamPasswordData gives the "teamNewPassword" partial its form.
	"teamPasswordData": func(d *officeData, f *form) teamPasswordData { return teamPasswordData{T: d.T, Form: f} },
	"videoUploadData": func(d *officeData, prefix string, v *videoUpload) videoUploadData {
		return videoUploadData{T: d.T, Prefix: prefix, Video: v}
	},
	// fieldErrors returns the messages for one field of a form.
	"fieldErrors": func(f *form, field string) []string {
		if f == nil {
			return nil
		}
		return f.errors[field]
	},
	// formValue returns what the user typed into a field, or the stored
	// value when the form is new.
	"formValue": func(f *form, field string) string {
		if f == nil {
			return ""
		}
		return f.values.Get(field)
	},
}
