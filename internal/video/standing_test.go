package video

import (
	"testing"
	"time"
)

// TestStandingOf: an older video taken off the site reads withdrawn even
// when a newer one awaits approval; the newest one, withdrawn or not, is
// the one that awaits it.
func TestStandingOf(t *testing.T) {
	at := time.Date(2021, 7, 16, 3, 0, 0, 0, time.UTC)
	live := &Video{ID: 3, State: Ready, ApprovedAt: at}
	newest := &Video{ID: 13, State: Ready}
	withdrawnNewest := &Video{ID: 14, State: Ready, WithdrawnAt: at}
	for _, c := range []struct {
		name         string
		v            *Video
		newest, live *Video
		want         Standing
	}{
		{"the live one", live, newest, live, Live},
		{"the newest", newest, newest, live, Awaiting},
		{"withdrawn, then a newer one came", &Video{ID: 11, State: Ready, ApprovedAt: at, WithdrawnAt: at}, newest, nil, Withdrawn},
		{"withdrawn and the newest", withdrawnNewest, withdrawnNewest, nil, Awaiting},
		{"older, never public", &Video{ID: 2, State: Ready}, newest, live, Replaced},
	} {
		if got := StandingOf(c.v, c.newest, c.live); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
