package crossref

import "fmt"

// Kind is a reason the editions cannot make a valid Crossref deposit.
type Kind struct{ text, key string }

// The kinds of Problem. Each has a message in the catalog
// (internal/i18n/locales/crossref.*.json).
var (
	ErrHead      = &Kind{"the deposit head lacks a valid %s", "crossref.head"}
	ErrPrefix    = &Kind{"%q is not a DOI prefix (10. and 4 to 9 digits)", "crossref.prefix"}
	ErrNoEdition = &Kind{"no edition to deposit", "crossref.no_edition"}
	ErrDOI       = &Kind{"%s: DOI %q is not under the prefix %s", "crossref.doi"}
	ErrSameDOI   = &Kind{"DOI %s is given to both %s and %s", "crossref.same_doi"}
	ErrLanguage  = &Kind{"edition %s: language %q is not one Crossref takes here", "crossref.language"}
	ErrTitle     = &Kind{"%s has no title in %s", "crossref.title"}
	ErrPublisher = &Kind{"edition %s has no publisher name in %s", "crossref.publisher"}
	ErrNoRelease = &Kind{"edition %s has no release date", "crossref.no_release"}
	ErrURL       = &Kind{"%s: %q is not an absolute web address", "crossref.url"}
	ErrName      = &Kind{"%s: Crossref does not take the name %q (digits, or more than 60 characters)", "crossref.name"}
	ErrORCID     = &Kind{"%s: %q is not an ORCID iD", "crossref.orcid"}
)

// Problem is why Write refused the editions: a Kind with its arguments
// (edition slugs, chapter IDs, DOIs, names).
type Problem struct {
	Kind *Kind
	Args []any
}

func problem(k *Kind, args ...any) *Problem { return &Problem{Kind: k, Args: args} }

func (p *Problem) Error() string { return "crossref: " + fmt.Sprintf(p.Kind.text, p.Args...) }

// MessageKey gives the catalog message that says the problem to a person,
// with its arguments.
func (p *Problem) MessageKey() (string, []any) { return p.Kind.key, p.Args }

// Is reports whether target is p's Kind, so that errors.Is(err,
// crossref.ErrSameDOI) tests the kind of a returned problem.
func (p *Problem) Is(target error) bool {
	k, ok := target.(*Kind)
	return ok && k == p.Kind
}

// Error makes a Kind usable as the target of errors.Is.
func (k *Kind) Error() string { return k.key }
