package web

import (
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/video"
)

// TestFileStateWithdrawn: on the programme form, a video taken off the
// site reads withdrawn, not replaced, once a newer one awaits approval.
func TestFileStateWithdrawn(t *testing.T) {
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2021, 7, 16, 3, 0, 0, 0, time.UTC)
	newest := &video.Video{ID: 13, State: video.Ready}
	withdrawn := &video.Video{ID: 11, State: video.Ready, ApprovedAt: at, WithdrawnAt: at, WithdrawnBy: "陈静"}
	d := fileState(catalog.Printer("en"), nil, withdrawn, newest, nil)
	if d.State != "withdrawn" || !strings.HasPrefix(d.StateText, "Withdrawn from the site") {
		t.Errorf("withdrawn video 11 with 13 awaiting: %q %q, want withdrawn", d.State, d.StateText)
	}
	if d := fileState(catalog.Printer("en"), nil, &video.Video{ID: 12, State: video.Ready}, newest, nil); d.State != "replaced" {
		t.Errorf("older video never public: %q, want replaced", d.State)
	}
}
