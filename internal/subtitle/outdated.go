package subtitle

// Outdated reports whether track t was translated from an earlier version
// of its source language's track among tracks: that track was stored
// (uploaded or written) after t was. A track that is no translation, or
// whose source is not among tracks, is not outdated.
func Outdated(t *Track, tracks []*Track) bool {
	if t.SourceLang == "" {
		return false
	}
	for _, o := range tracks {
		if o.Lang == t.SourceLang {
			return o.CreatedAt.After(t.CreatedAt)
		}
	}
	return false
}
