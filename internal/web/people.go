package web

import (
	"slices"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/lang"
)

// personName returns how a reader of language l sees a person's name, and
// whether the name is also written differently in its own script.
func personName(ns lang.Names, l string) shown {
	n, written := ns.In(l)
	return shown{Value: plain(n.Full(written)), Lang: written, Fallback: written != l}
}

// sortPeople sorts people the reader's way: by family name, then given name,
// as written in the reader's language, in that language's collation (pinyin
// order for Chinese).
func sortPeople(l string, people []*forum.Person) {
	keys := make(map[int64]string, len(people))
	for _, p := range people {
		n, _ := p.Names.In(l)
		keys[p.ID] = n.SortKey()
	}
	slices.SortStableFunc(people, func(a, b *forum.Person) int {
		return i18n.Compare(l, keys[a.ID], keys[b.ID])
	})
}
