package translate

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"slices"
	"strings"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

// TermbaseImport says what an import of a termbase file did.
type TermbaseImport struct {
	Added int // entries added
	// Unchanged counts the file's entries whose terms an entry of the
	// termbase already has, all of them: importing a file twice adds
	// nothing the second time.
	Unchanged int
	// Skipped counts the file's entries left without a usable term.
	Skipped int
	// WrongScript counts the file's terms left out because they are not in
	// the script of the language their tag says (see lang.InScript).
	WrongScript int
	Warnings    []interchange.Warning
}

// ImportTBX adds the entries of a TBX file (v2 or v3) to forumID's
// termbase through q, which should be a transaction, so that a refused
// file stores nothing. A file that is not TBX is refused with the
// reader's *interchange.Error, one without entries with ErrEmptyTermbase;
// either way nothing is stored.
func ImportTBX(ctx context.Context, q store.Querier, forumID int64, r io.Reader, name, by string) (TermbaseImport, error) {
	tb, err := interchange.ReadTBX(r, name)
	if err != nil {
		return TermbaseImport{}, err
	}
	return importTermbase(ctx, q, forumID, tb, by)
}

// ImportTSV adds the entries of a tab-separated glossary to forumID's
// termbase through q, which should be a transaction: a first line naming the columns' languages
// ("zh<TAB>ru") says which they are, else the first column is in srcLang
// and the second in tgtLang (see interchange.ReadTSV). A file that is not
// a glossary, or one of another pair of languages, is refused with an
// *interchange.Error, one without entries with ErrEmptyTermbase; either
// way nothing is stored.
func ImportTSV(ctx context.Context, q store.Querier, forumID int64, r io.Reader, name, srcLang, tgtLang, by string) (TermbaseImport, error) {
	tb, err := interchange.ReadTSV(r, name, srcLang, tgtLang)
	if err != nil {
		return TermbaseImport{}, err
	}
	return importTermbase(ctx, q, forumID, tb, by)
}

func importTermbase(ctx context.Context, q store.Querier, forumID int64, tb *interchange.Termbase, by string) (TermbaseImport, error) {
	res := TermbaseImport{Warnings: tb.Warnings}
	if len(tb.Entries) == 0 {
		return res, ErrEmptyTermbase
	}
	err := func() error {
		have, err := Entries(ctx, q, forumID)
		if err != nil {
			return err
		}
		known := map[string]bool{}
		for _, e := range have {
			known[termsKey(e.Terms)] = true
		}
		for _, c := range tb.Entries {
			e := &Entry{ForumID: forumID, Note: c.Definition, UpdatedBy: by}
			for _, t := range c.Terms {
				if !lang.InScript(t.Lang, t.Text) {
					res.WrongScript++
					continue
				}
				dup := slices.ContainsFunc(e.Terms, func(o EntryTerm) bool {
					return lang.SameLanguage(o.Lang, t.Lang) && strings.EqualFold(o.Text, t.Text)
				})
				if !dup {
					e.Terms = append(e.Terms, EntryTerm{Lang: t.Lang, Text: t.Text, Status: t.Status, Note: t.Note})
				}
			}
			if e.Validate() != nil {
				res.Skipped++
				continue
			}
			k := termsKey(e.Terms)
			if known[k] {
				res.Unchanged++
				continue
			}
			known[k] = true
			if err := CreateEntry(ctx, q, e); err != nil {
				return err
			}
			res.Added++
		}
		return nil
	}()
	if err != nil {
		return TermbaseImport{}, err
	}
	return res, nil
}

// termsKey identifies an entry by its terms, whatever their order, case
// or the region of their language tags.
func termsKey(ts []EntryTerm) string {
	ks := make([]string, len(ts))
	for k, t := range ts {
		l, err := memoryLang(t.Lang)
		if err != nil {
			l = t.Lang
		}
		ks[k] = l + "\x00" + strings.ToLower(t.Text)
	}
	slices.Sort(ks)
	return strings.Join(ks, "\x01")
}

// ExportTBX writes forumID's termbase as TBX v2 (TBX-Basic style, which
// OmegaT, Weblate and Trados read); sourceLang is the file's main
// language.
func ExportTBX(ctx context.Context, q store.Querier, w io.Writer, forumID int64, sourceLang string) error {
	tb, err := Terms(ctx, q, forumID)
	if err != nil {
		return err
	}
	return interchange.WriteTBX(w, tb, sourceLang)
}

// ExportTSV writes forumID's termbase as an OmegaT glossary from srcLang
// into tgtLang: a line per pair of usable terms, the entry's note as
// comment.
func ExportTSV(ctx context.Context, q store.Querier, w io.Writer, forumID int64, srcLang, tgtLang string) error {
	tb, err := Terms(ctx, q, forumID)
	if err != nil {
		return err
	}
	return interchange.WriteTSV(w, tb, srcLang, tgtLang)
}

// TermbaseFormat says in which format a termbase file is written, from its
// content: "tbx" for XML whose root element is martif (TBX v2) or tbx
// (TBX v3), or for any other XML without a tab on its first line, which
// ImportTBX then refuses; "tsv" for anything else, to be read as a
// tab-separated glossary by ImportTSV. A byte-order mark is skipped; a
// UTF-16 file is taken for XML, as a TSV glossary is UTF-8.
func TermbaseFormat(data []byte) string {
	if bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) {
		return "tbx"
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("<")) {
		return "tsv"
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	for range 64 {
		tok, err := d.RawToken()
		if err != nil {
			break
		}
		if se, ok := tok.(xml.StartElement); ok {
			if n := strings.ToLower(se.Name.Local); n == "martif" || n == "tbx" {
				return "tbx"
			}
			break
		}
	}
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if bytes.Contains(first, []byte("\t")) {
		return "tsv"
	}
	return "tbx"
}
