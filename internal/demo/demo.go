// Package demo loads the demo forum that `tandem demo` offers: the think-tank
// forum that the Chinese Academy of Social Sciences and the Russian
// International Affairs Council convened on 1 June 2021 for the 20th
// anniversary of the China–Russia treaty of 2001, with its speakers, its
// programme, the Collected Works it released and the news about it, in zh, ru
// and en. The facts come from a news report of the forum; every sentence is
// the project's own.
package demo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
)

// ForumSlug names the demo forum; while a forum has it, the demo counts as
// loaded.
const ForumSlug = "treaty-20-forum"

// ErrAlreadyLoaded is returned by Load when the demo forum already exists.
var ErrAlreadyLoaded = errors.New("the demo forum is already loaded")

// TimeZone is the zone the demo programme is given in.
const TimeZone = "Europe/Moscow"

// msk is Moscow time, which has been UTC+3 all year since 2014; a fixed zone
// keeps the demo's instants independent of the time zone database.
var msk = time.FixedZone("MSK", 3*60*60)

// onForumDay returns a time of 1 June 2021, the forum's day, in Moscow time.
func onForumDay(hour, min int) time.Time {
	return time.Date(2021, time.June, 1, hour, min, 0, 0, msk)
}

// Load records the demo forum in one transaction: partners, people, forum,
// programme, collection and news. The images' files go to blobs first, as
// media.Store does for every upload. When the forum's slug is taken it
// returns ErrAlreadyLoaded and changes nothing.
func Load(ctx context.Context, db *store.DB, blobs blob.Store) error {
	err := db.Transact(ctx, func(tx *store.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM forums WHERE slug = ?`, ForumSlug).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrAlreadyLoaded
		}
		l := &loader{ctx: ctx, tx: tx, media: &media.Store{DB: db, Blobs: blobs}}
		return l.load()
	})
	if err != nil && !errors.Is(err, ErrAlreadyLoaded) {
		return fmt.Errorf("load demo: %w", err)
	}
	return err
}

// loader holds what the steps of Load share.
type loader struct {
	ctx   context.Context
	tx    *store.Tx
	media *media.Store

	cass, riac                *forum.Partner
	wang, lavrov, xie, ivanov *forum.Person
	forum                     *forum.Forum
	addresses, presentation   *forum.Session
}

func (l *loader) load() error {
	for _, step := range []func() error{
		l.partners,
		l.people,
		l.theForum,
		l.programme,
		l.collection,
		l.news,
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// text returns a text written in source, complete in zh, ru and en.
func text(source, zh, ru, en string) lang.Text {
	return lang.New(source, map[string]string{"zh": zh, "ru": ru, "en": en})
}

// credit is the credit line of every image the demo draws.
var credit = text("en", "插图：tandem 演示", "Иллюстрация: демо tandem", "Illustration: tandem demo")

// image stores a drawn image and returns it.
func (l *loader) image(data []byte, meta media.Meta) (*media.Image, error) {
	meta.Illustration = true
	meta.Credit = credit
	im, err := l.media.Add(l.ctx, l.tx, bytes.NewReader(data), meta)
	if err != nil {
		return nil, fmt.Errorf("demo image: %w", err)
	}
	// The demo makes its renditions at once rather than as a job, so that
	// its pages are complete before any worker runs.
	if im, err = l.media.MakeRenditions(l.ctx, l.tx, im.ID); err != nil {
		return nil, fmt.Errorf("demo image: %w", err)
	}
	return im, nil
}
