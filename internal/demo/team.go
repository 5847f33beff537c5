package demo

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

// Login is one demo account as `tandem demo` prints it.
type Login struct {
	Email, Name, Lang string
	// Role is "admin" or partner-slug:role.
	Role string
}

// staff are the demo's people in the office: for each partner an
// organiser, an editor, a translator and a reviewer, each with the UI in
// their institution's language, and an instance admin. The names are
// made up.
var staff = []struct {
	email, name, lang, partner string
	role                       account.Role
	// names is the person the account acts for, named in each language,
	// so that an edition credits its editors and translators in its own
	// language (Лю Ян in the Russian edition, not 刘洋).
	names lang.Names
}{
	{"organiser@cass.example", "陈静", "zh", "cass", account.Organiser, chinese("陈", "静", "Чэнь", "Цзин", "Chen", "Jing")},
	{"editor@cass.example", "刘洋", "zh", "cass", account.Editor, chinese("刘", "洋", "Лю", "Ян", "Liu", "Yang")},
	{"translator@cass.example", "王芳", "zh", "cass", account.Translator, chinese("王", "芳", "Ван", "Фан", "Wang", "Fang")},
	{"reviewer@cass.example", "赵磊", "zh", "cass", account.Reviewer, chinese("赵", "磊", "Чжао", "Лэй", "Zhao", "Lei")},
	{"organiser@riac.example", "Анна Смирнова", "ru", "riac", account.Organiser, russian("Смирнова", "Анна", "", "斯米尔诺娃", "安娜", "Smirnova", "Anna")},
	{"editor@riac.example", "Дмитрий Козлов", "ru", "riac", account.Editor, russian("Козлов", "Дмитрий", "", "科兹洛夫", "德米特里", "Kozlov", "Dmitry")},
	{"translator@riac.example", "Елена Новикова", "ru", "riac", account.Translator, russian("Новикова", "Елена", "", "诺维科娃", "叶莲娜", "Novikova", "Elena")},
	{"reviewer@riac.example", "Павел Морозов", "ru", "riac", account.Reviewer, russian("Морозов", "Павел", "", "莫罗佐夫", "帕维尔", "Morozov", "Pavel")},
	{"admin@tandem.example", "Demo Admin", "en", "", "", lang.Names{}},
}

// NewPassword returns a password for the demo's accounts: 20 letters and
// digits from the system's random source, in groups of five.
func NewPassword() string {
	const alphabet = "abcdefghijkmnpqrstuvwxyz23456789"
	b := make([]byte, 20)
	rand.Read(b)
	var out strings.Builder
	for i, c := range b {
		if i > 0 && i%5 == 0 {
			out.WriteByte('-')
		}
		out.WriteByte(alphabet[int(c)%len(alphabet)])
	}
	return out.String()
}

// Team creates the demo's accounts, all with password, and leaves one
// change awaiting approval: the CASS organiser has added a line to the
// forum's note and asked to publish it, so RIAC's organiser finds it on
// the dashboard. Run it after Load.
func Team(ctx context.Context, db *store.DB, password string) ([]Login, error) {
	accts := &account.Store{DB: db}
	var logins []Login
	var cassOrganiser *account.Account
	for _, s := range staff {
		a, err := accts.Create(ctx, account.NewAccount{Email: s.email, Name: s.name, Lang: s.lang, Password: password, Admin: s.partner == ""})
		if err != nil {
			return nil, fmt.Errorf("demo account %s: %w", s.email, err)
		}
		role := "admin"
		if s.partner != "" {
			var pid int64
			if err := db.QueryRow(ctx, `SELECT id FROM partners WHERE slug = ?`, s.partner).Scan(&pid); err != nil {
				return nil, fmt.Errorf("demo partner %s: %w", s.partner, err)
			}
			if err := accts.Grant(ctx, a.ID, pid, s.role); err != nil {
				return nil, fmt.Errorf("demo account %s: %w", s.email, err)
			}
			role = s.partner + ":" + string(s.role)
			if s.partner == "cass" && s.role == account.Organiser {
				if cassOrganiser, err = accts.ByID(ctx, a.ID); err != nil {
					return nil, err
				}
			}
		}
		if len(s.names.Values) > 0 {
			if err := actsFor(ctx, db, a, s.names); err != nil {
				return nil, fmt.Errorf("demo account %s: %w", s.email, err)
			}
		}
		logins = append(logins, Login{Email: s.email, Name: s.name, Lang: s.lang, Role: role})
	}
	if err := pendingNote(ctx, db, cassOrganiser); err != nil {
		return nil, err
	}
	return logins, nil
}

// actsFor records the person account a acts for, as the office records a
// staff member added to the people list: unpublished, named in each
// language.
func actsFor(ctx context.Context, db *store.DB, a *account.Account, names lang.Names) error {
	by := approval.Actor{AccountID: a.ID, Name: a.Name, PartnerIDs: a.Partners()}
	slug := "staff-" + strings.ToLower(names.Values["en"].Family+"-"+names.Values["en"].Given)
	return db.Transact(ctx, func(tx *store.Tx) error {
		p := &forum.Person{Slug: slug, Names: names}
		if _, err := approval.Create(ctx, tx, approval.KindPerson, p, by); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO person_accounts (person_id, account_id) VALUES (?, ?)`, p.ID, a.ID)
		return err
	})
}

// pendingNote has the CASS organiser add a line to the forum's note in
// every language and ask to publish it.
func pendingNote(ctx context.Context, db *store.DB, by *account.Account) error {
	if by == nil {
		return errors.New("demo: no CASS organiser")
	}
	actor := approval.Actor{AccountID: by.ID, Name: by.Name, PartnerIDs: by.Partners()}
	return db.Transact(ctx, func(tx *store.Tx) error {
		var id int64
		if err := tx.QueryRow(ctx, `SELECT id FROM forums WHERE slug = ?`, ForumSlug).Scan(&id); err != nil {
			return fmt.Errorf("demo forum: %w", err)
		}
		subj := approval.Subject{Kind: approval.KindForum, ID: id}
		d, err := approval.Load(ctx, tx, subj)
		if err != nil {
			return err
		}
		f := d.Content.(*forum.Forum)
		f.Note = text(f.Note.Source,
			f.Note.Values["zh"]+"致辞视频将于论坛结束后在本网站发布。",
			f.Note.Values["ru"]+" Видеозаписи выступлений будут опубликованы на этом сайте после форума.",
			f.Note.Values["en"]+" Recordings of the addresses will be published on this site after the forum.")
		if _, err := approval.Save(ctx, tx, subj, f, actor); err != nil {
			return fmt.Errorf("demo change: %w", err)
		}
		if _, err := approval.Submit(ctx, tx, subj, actor); err != nil {
			return fmt.Errorf("demo change: %w", err)
		}
		return nil
	})
}
