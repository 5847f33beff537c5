package upload_test

import (
	"context"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/store"
)

const testPassword = "correct horse battery staple"

// fixture is a forum of a host partner with a video address and a report,
// a forum of another partner with a video address, and accounts: an
// organiser of the host (writing Russian), an editor of the host, a
// reviewer of the host whose API token was made while they were an editor,
// an editor of the other partner (writing Chinese) and an admin, each with
// an API token.
type fixture struct {
	video, report, othersVideo                   int64
	organiser, editor, reviewer, stranger, admin *account.Account
	tokens                                       map[string]string // by account name
}

func seed(t testing.TB, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{tokens: map[string]string{}}
	day := time.Date(2026, 6, 18, 9, 0, 0, 0, time.UTC)
	var host, other, forumA, forumB, sessA, sessB, speaker int64
	err := db.Transact(ctx, func(tx *store.Tx) error {
		var err error
		ins := func(q string, args ...any) int64 {
			if err != nil {
				return 0
			}
			var id int64
			id, err = store.InsertID(ctx, tx, q, args...)
			return id
		}
		host = ins(`INSERT INTO partners (slug, name, short_name, country) VALUES ('host', '{"en":"Host"}', '{"en":"Host"}', 'CN')`)
		other = ins(`INSERT INTO partners (slug, name, short_name, country) VALUES ('other', '{"en":"Other"}', '{"en":"Other"}', 'RU')`)
		speaker = ins(`INSERT INTO people (slug, names) VALUES ('speaker', '{"en":{"given":"A","family":"Speaker"}}')`)
		forum := `INSERT INTO forums (slug, title, starts_at, ends_at, time_zone, languages) VALUES (?, '{"en":"Forum"}', ?, ?, 'UTC', 'zh ru en')`
		forumA = ins(forum, "a", day, day.Add(8*time.Hour))
		forumB = ins(forum, "b", day, day.Add(8*time.Hour))
		if err != nil {
			return err
		}
		for _, h := range [][2]int64{{forumA, host}, {forumB, other}} {
			if _, err := tx.Exec(ctx, `INSERT INTO forum_hosts (forum_id, partner_id, position) VALUES (?, ?, 0)`, h[0], h[1]); err != nil {
				return err
			}
		}
		session := `INSERT INTO sessions (forum_id, title, starts_at, ends_at) VALUES (?, '{"en":"Opening"}', ?, ?)`
		sessA = ins(session, forumA, day, day.Add(time.Hour))
		sessB = ins(session, forumB, day, day.Add(time.Hour))
		speech := `INSERT INTO speeches (forum_id, session_id, slug, speaker_id, kind, delivery, original_lang, title, starts_at, ends_at) VALUES (?, ?, ?, ?, ?, ?, 'zh', '{"en":"Speech"}', ?, ?)`
		f.video = ins(speech, forumA, sessA, "video", speaker, "video_address", "video", day, day.Add(10*time.Minute))
		f.report = ins(speech, forumA, sessA, "report", speaker, "report", "in_person", day, day.Add(10*time.Minute))
		f.othersVideo = ins(speech, forumB, sessB, "video", speaker, "video_address", "video", day, day.Add(10*time.Minute))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	accts := &account.Store{DB: db, Hasher: account.NewHasher(account.Params{Time: 1, Memory: 8 << 10, Threads: 1, SaltLen: 16, KeyLen: 32}, 2)}
	mk := func(name, lang string, admin bool, partner int64, role account.Role) *account.Account {
		a, err := accts.Create(ctx, account.NewAccount{Email: name + "@upload.example", Name: name, Lang: lang, Password: testPassword, Admin: admin})
		if err != nil {
			t.Fatal(err)
		}
		if partner != 0 {
			if err := accts.Grant(ctx, a.ID, partner, role); err != nil {
				t.Fatal(err)
			}
		}
		if a, err = accts.ByID(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		_, tok, err := accts.CreateAPIToken(ctx, a.ID, "test")
		if err != nil {
			t.Fatal(err)
		}
		f.tokens[name] = tok
		return a
	}
	f.organiser = mk("organiser", "ru", false, host, account.Organiser)
	f.editor = mk("editor", "en", false, host, account.Editor)
	// The reviewer was an editor when the token was made; the role
	// changed since.
	f.reviewer = mk("reviewer", "en", false, host, account.Editor)
	if _, err := db.Exec(ctx, `UPDATE memberships SET role = 'reviewer' WHERE account_id = ?`, f.reviewer.ID); err != nil {
		t.Fatal(err)
	}
	if f.reviewer, err = accts.ByID(ctx, f.reviewer.ID); err != nil {
		t.Fatal(err)
	}
	f.stranger = mk("stranger", "zh", false, other, account.Editor)
	f.admin = mk("admin", "en", true, 0, "")
	return f
}
