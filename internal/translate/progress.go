package translate

import (
	"context"
	"fmt"
	"unicode"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/store"
)

// Count is a number of segments and of the characters of their sources.
type Count struct {
	Segments, Chars int
}

// Counts is where a translation stands: segments and characters per state,
// and in all.
type Counts struct {
	ByState map[State]Count
	Total   Count
}

// Confirmed counts the segments translated, reviewed or approved.
func (c Counts) Confirmed() Count {
	var out Count
	for _, s := range []State{Translated, Reviewed, Approved} {
		out.Segments += c.ByState[s].Segments
		out.Chars += c.ByState[s].Chars
	}
	return out
}

// Percent is the share of the source's characters that are confirmed, in
// whole percent, rounded down so that 100 means all.
func (c Counts) Percent() int {
	if c.Total.Chars == 0 {
		if c.Total.Segments == 0 {
			return 0
		}
		return 100 * c.Confirmed().Segments / c.Total.Segments
	}
	return 100 * c.Confirmed().Chars / c.Total.Chars
}

func (c *Counts) add(s State, chars int) {
	if c.ByState == nil {
		c.ByState = map[State]Count{}
	}
	n := c.ByState[s]
	n.Segments++
	n.Chars += chars
	c.ByState[s] = n
	c.Total.Segments++
	c.Total.Chars += chars
}

// Progress counts the segments of translation translationID, and the
// characters of their sources, per state (archived segments left out).
func Progress(ctx context.Context, q store.Querier, translationID int64) (Counts, error) {
	var c Counts
	rows, err := q.Query(ctx, `SELECT state, COUNT(*), COALESCE(SUM(chars), 0) FROM translation_segments
		WHERE translation_id = ? AND archived_at IS NULL GROUP BY state`, translationID)
	if err != nil {
		return c, fmt.Errorf("progress of translation %d: %w", translationID, err)
	}
	defer rows.Close()
	c.ByState = map[State]Count{}
	for rows.Next() {
		var s string
		var n Count
		if err := rows.Scan(&s, &n.Segments, &n.Chars); err != nil {
			return c, err
		}
		c.ByState[State(s)] = n
		c.Total.Segments += n.Segments
		c.Total.Chars += n.Chars
	}
	return c, rows.Err()
}

// CountSegments is Progress of segments already read.
func CountSegments(segs []Segment) Counts {
	c := Counts{ByState: map[State]Count{}}
	for _, s := range segs {
		c.add(s.State, chars(s.Source))
	}
	return c
}

// chars counts the characters of c's text that are not white space, as
// translators are paid by and as the sizes are given.
func chars(c interchange.Content) int {
	n := 0
	for _, r := range c.Plain() {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}
