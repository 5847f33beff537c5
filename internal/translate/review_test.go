package translate

import (
	"context"
	"errors"
	"testing"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestReviewFourEyes: who wrote a segment's current text cannot approve
// it as its reviewer; another reviewer can. A returned segment stays
// credited to its translator.
func TestReviewFourEyes(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, "ru")
		f.revise("essay-v1.md")
		seg := f.translate("Договор и соседство", "条约与睦邻", Translated)
		if _, err := Approve(ctx, db, seg.ID, seg.Version, "translator"); !errors.Is(err, ErrOwnText) {
			t.Errorf("the translator approves their own text: %v; want ErrOwnText", err)
		}
		ret, err := Return(ctx, db, seg.ID, seg.Version, "Use the treaty's official title.", "rita")
		if err != nil {
			t.Fatal(err)
		}
		if ret.UpdatedBy != "translator" || !ret.UpdatedAt.Equal(seg.UpdatedAt) {
			t.Errorf("returned segment credited to %q at %v; want the translator at %v", ret.UpdatedBy, ret.UpdatedAt, seg.UpdatedAt)
		}
		seg = f.translate("Договор и соседство", "睦邻友好合作条约", Translated)
		ok, err := Approve(ctx, db, seg.ID, seg.Version, "rita")
		if err != nil || ok.State != Reviewed {
			t.Errorf("another reviewer approves: %+v, %v", ok, err)
		}
	})
}
