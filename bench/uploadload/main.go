// Command uploadload is the helper of bench/upload.sh. It has two jobs:
//
//	uploadload seed DATA   prepares tandem's data folder DATA: a forum with
//	                       a video address and an admin with an API token,
//	                       and prints "ITEM TOKEN"
//	uploadload tusd ADDR DIR
//	                       serves tus at http://ADDR/files/ with tusd alone
//	                       (the same module and version as tandem's, its
//	                       file store and file locker in DIR, defaults
//	                       otherwise), the anchor tandem is measured against
package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/tus/tusd/v2/pkg/filelocker"
	"github.com/tus/tusd/v2/pkg/filestore"
	"github.com/tus/tusd/v2/pkg/handler"
	expslog "golang.org/x/exp/slog"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/store"
)

func main() {
	var err error
	switch {
	case len(os.Args) == 3 && os.Args[1] == "seed":
		err = seed(os.Args[2])
	case len(os.Args) == 4 && os.Args[1] == "tusd":
		err = serveTusd(os.Args[2], os.Args[3])
	default:
		err = fmt.Errorf("usage: uploadload seed DATA | uploadload tusd ADDR DIR")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "uploadload:", err)
		os.Exit(1)
	}
}

func seed(data string) error {
	ctx := context.Background()
	db, err := store.Open(ctx, "", data)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	day := time.Date(2026, 6, 18, 9, 0, 0, 0, time.UTC)
	var item int64
	err = db.Transact(ctx, func(tx *store.Tx) error {
		partner, err := store.InsertID(ctx, tx, `INSERT INTO partners (slug, name, short_name, country) VALUES ('bench', '{"en":"Bench"}', '{"en":"Bench"}', 'CN')`)
		if err != nil {
			return err
		}
		speaker, err := store.InsertID(ctx, tx, `INSERT INTO people (slug, names) VALUES ('bench-speaker', '{}')`)
		if err != nil {
			return err
		}
		forum, err := store.InsertID(ctx, tx, `INSERT INTO forums (slug, title, starts_at, ends_at, time_zone, languages) VALUES ('bench', '{"en":"Bench"}', ?, ?, 'UTC', 'en')`, day, day.Add(time.Hour))
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO forum_hosts (forum_id, partner_id, position) VALUES (?, ?, 0)`, forum, partner); err != nil {
			return err
		}
		session, err := store.InsertID(ctx, tx, `INSERT INTO sessions (forum_id, title, starts_at, ends_at) VALUES (?, '{"en":"Bench"}', ?, ?)`, forum, day, day.Add(time.Hour))
		if err != nil {
			return err
		}
		item, err = store.InsertID(ctx, tx, `INSERT INTO speeches (forum_id, session_id, slug, speaker_id, kind, delivery, original_lang, title, starts_at, ends_at) VALUES (?, ?, 'bench', ?, 'video_address', 'video', 'en', '{"en":"Bench"}', ?, ?)`,
			forum, session, speaker, day, day.Add(10*time.Minute))
		return err
	})
	if err != nil {
		return err
	}
	accts := &account.Store{DB: db}
	a, err := accts.Create(ctx, account.NewAccount{Email: "bench@upload.example", Name: "Bench", Lang: "en", Password: "bench upload password", Admin: true})
	if err != nil {
		return err
	}
	_, token, err := accts.CreateAPIToken(ctx, a.ID, "bench")
	if err != nil {
		return err
	}
	fmt.Println(item, token)
	return nil
}

func serveTusd(addr, dir string) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	composer := handler.NewStoreComposer()
	filestore.New(dir).UseIn(composer)
	filelocker.New(dir).UseIn(composer)
	h, err := handler.NewHandler(handler.Config{BasePath: "/files/", StoreComposer: composer,
		Logger: expslog.New(expslog.NewTextHandler(io.Discard, &expslog.HandlerOptions{Level: expslog.LevelError + 1}))})
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/files/", http.StripPrefix("/files/", h))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	return http.ListenAndServe(addr, mux)
}
