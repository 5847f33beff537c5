package web

import (
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/i18n"
)

// listState is what an office list says of one thing's publication: the
// state of its draft, or "published" or "draft" when it has none.
type listState struct {
	// State is "published", "draft", "submitted", "returned" or
	// "scheduled"; Name says it in the reader's language.
	State, Name string
	// Public says whether the public sees the thing, whatever its draft.
	Public bool
	// Hint, for a public thing with a draft in progress, says that the
	// public sees the version last published.
	Hint string
}

// draftListState returns the list state of a thing whose draft is d (nil
// when it has none) and whose live row is published or not.
func draftListState(t *i18n.Printer, d *approval.Draft, published bool) listState {
	st := listState{Public: published}
	switch {
	case d != nil && d.State != "" && d.State != approval.Editing:
		st.State = string(d.State)
	case d != nil && d.Version > 0:
		st.State = "draft"
	case published:
		st.State = "published"
	default:
		st.State = "draft"
	}
	st.Name = t.T("office.forum.state." + st.State)
	if published && st.State != "published" {
		st.Hint = t.T("office.forum.list.public")
	}
	return st
}
