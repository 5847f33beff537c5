package edition

import (
	"context"
	"errors"
	"fmt"
	isbnpkg "github.com/tandemforum/tandem/internal/isbn"
	"github.com/tandemforum/tandem/internal/store"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // zones are checked against the IANA database the binary carries, whatever the machine has

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/forum"
)

// FieldError is one field of an edition that is not acceptable: Field is
// the form's field ("isbn.epub", "territories"), Key the i18n message
// (locales/edition.*.json) that says why, Args its arguments.
type FieldError struct {
	Field string
	Key   string
	Args  []any
}

// Invalid lists what is wrong with an edition's fields. It is of kind
// errkind.Invalid.
type Invalid []FieldError

func (v Invalid) Error() string {
	var b strings.Builder
	b.WriteString("edition: invalid:")
	for _, f := range v {
		fmt.Fprintf(&b, " %s (%s %v);", f.Field, f.Key, f.Args)
	}
	return b.String()
}

// Unwrap returns errkind.Invalid.
func (v Invalid) Unwrap() error { return errkind.Invalid }

// World is the territory code for a release everywhere.
const World = "WORLD"

// CheckTerritory returns nil when code is an ISO 3166-1 alpha-2 country
// code in upper case ("CN", "RU"), or World.
func CheckTerritory(code string) error {
	if code == World {
		return nil
	}
	if len(code) != 2 || strings.ToUpper(code) != code {
		return fmt.Errorf("territory %q: want two capital letters (ISO 3166-1 alpha-2)", code)
	}
	if !slices.Contains(countries, code) {
		return fmt.Errorf("territory %q: no ISO 3166-1 country", code)
	}
	return nil
}

// countries are the officially assigned ISO 3166-1 alpha-2 codes (249,
// as of 2024), sorted: the codes ONIX's sales rights and a book trade
// know, without the reserved or withdrawn ones (UK, SU, YU, EU).
var countries = strings.Fields(`
	AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
	BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
	DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
	GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
	KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
	MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
	PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
	SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
	VN VU WF WS YE YT ZA ZM ZW
`)

// CheckZone returns nil when zone is an IANA time zone name
// ("Asia/Shanghai", "Europe/Moscow").
func CheckZone(zone string) error {
	if zone == "" || zone == "Local" {
		return fmt.Errorf("time zone %q: want an IANA name such as Europe/Moscow", zone)
	}
	if _, err := time.LoadLocation(zone); err != nil {
		return fmt.Errorf("time zone %q: %w", zone, err)
	}
	return nil
}

// Validate checks e's fields against the collection's languages, as the
// office's form and the command line enter them, and normalises its ISBNs
// and territories; it returns Invalid listing every problem. hosts are the
// forum's host partners, of which the publisher must be one.
func Validate(e *Edition, collectionLangs []string, hosts []int64) error {
	var v Invalid
	add := func(field, key string, args ...any) { v = append(v, FieldError{Field: field, Key: key, Args: args}) }
	if !forum.ValidSlug(e.Slug) {
		add("slug", "edition.invalid.slug")
	}
	switch {
	case len(e.Langs) == 0 || len(e.Langs) > 2:
		add("languages", "edition.invalid.languages")
	case len(e.Langs) == 2 && e.Langs[0] == e.Langs[1]:
		add("languages", "edition.invalid.languages")
	}
	for _, l := range e.Langs {
		if !slices.Contains(collectionLangs, l) {
			add("languages", "edition.invalid.language", l)
		}
	}
	if len(e.Formats) == 0 {
		add("formats", "edition.invalid.formats")
	}
	for _, f := range e.Formats {
		if !slices.Contains(book.Formats, f) {
			add("formats", "edition.invalid.formats")
		}
	}
	for f, isbn := range e.ISBN {
		if isbn == "" {
			delete(e.ISBN, f)
			continue
		}
		if !e.Has(f) {
			add("isbn."+string(f), "edition.invalid.isbn_format", string(f))
			continue
		}
		n, err := isbnpkg.Parse(isbn)
		if err != nil {
			// The reason in the reader's words: which check failed,
			// and the check digit it should have.
			var ie *isbnpkg.Error
			if errors.As(err, &ie) {
				key, args := ie.MessageKey()
				add("isbn."+string(f), key, args...)
			} else {
				add("isbn."+string(f), "edition.invalid.isbn", isbn)
			}
			continue
		}
		e.ISBN[f] = n
	}
	seen := map[string]book.Format{}
	for _, f := range book.Formats {
		if n := e.ISBN[f]; n != "" {
			if g, ok := seen[n]; ok {
				add("isbn."+string(f), "edition.invalid.isbn_twice", string(g))
			}
			seen[n] = f
		}
	}
	if !slices.Contains(hosts, e.PublisherID) {
		add("publisher", "edition.invalid.publisher")
	}
	if e.TimeZone != "" || !e.ReleaseAt.IsZero() {
		if err := CheckZone(e.TimeZone); err != nil {
			add("zone", "edition.invalid.zone", e.TimeZone)
		}
	}
	terr := make([]string, 0, len(e.Territories))
	for _, t := range e.Territories {
		t = strings.ToUpper(strings.TrimSpace(t))
		if t == "" || slices.Contains(terr, t) {
			continue
		}
		if err := CheckTerritory(t); err != nil {
			add("territories", "edition.invalid.territory", t)
			continue
		}
		terr = append(terr, t)
	}
	if slices.Contains(terr, World) && len(terr) > 1 {
		add("territories", "edition.invalid.world")
	}
	e.Territories = terr
	if e.Notes != book.PerPage && e.Notes != book.PerChapter {
		add("notes", "edition.invalid.notes")
	}
	if _, ok := PageSizes[e.PageSize]; !ok {
		add("page_size", "edition.invalid.page_size")
	}
	if e.DOIPrefix != "" && !validDOIPrefix(e.DOIPrefix) {
		add("doi_prefix", "edition.invalid.doi_prefix", e.DOIPrefix)
	}
	if len(v) > 0 {
		return v
	}
	return nil
}

// validDOIPrefix reports whether p is a DOI prefix: "10." and a
// registrant code of digits and dots ("10.99999", "10.1000.10").
func validDOIPrefix(p string) bool {
	rest, ok := strings.CutPrefix(p, "10.")
	if !ok || rest == "" || strings.HasPrefix(rest, ".") || strings.HasSuffix(rest, ".") {
		return false
	}
	for _, r := range rest {
		if (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return true
}

// ISBNUsed returns the slug of another edition than e (by ID; 0 for a
// new one) that already has isbn (thirteen digits, as Validate leaves it)
// for any of its formats, and "" when none has: an ISBN names one product,
// so no two editions may share one.
func ISBNUsed(ctx context.Context, q store.Querier, e *Edition, isbn string) (string, error) {
	all, err := All(ctx, q)
	if err != nil {
		return "", err
	}
	for _, o := range all {
		if o.ID == e.ID {
			continue
		}
		for _, n := range o.ISBN {
			if n == isbn {
				return o.Slug, nil
			}
		}
	}
	return "", nil
}
