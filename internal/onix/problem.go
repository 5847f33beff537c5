package onix

import "fmt"

// Kind is a reason the editions cannot make a valid ONIX message.
type Kind struct{ text, key string }

// The kinds of Problem. Each has a message in the catalog
// (internal/i18n/locales/onix.*.json).
var (
	ErrNoSender  = &Kind{"the message has no sender name", "onix.no_sender"}
	ErrNoISBN    = &Kind{"no edition has an ISBN", "onix.no_isbn"}
	ErrSameISBN  = &Kind{"ISBN %s is given to both %s and %s", "onix.same_isbn"}
	ErrLanguage  = &Kind{"edition %s: language %q has no ONIX code", "onix.language"}
	ErrTitle     = &Kind{"%s has no title in %s", "onix.title"}
	ErrPublisher = &Kind{"edition %s has no publisher name in %s", "onix.publisher"}
	ErrNoRelease = &Kind{"edition %s has no release date", "onix.no_release"}
	ErrURL       = &Kind{"edition %s: %q is not an absolute web address", "onix.url"}
	ErrTerritory = &Kind{"edition %s: %q is not an ISO 3166 country code or WORLD", "onix.territory"}
	ErrORCID     = &Kind{"edition %s: %q is not an ORCID iD", "onix.orcid"}
)

// Problem is why Write refused the editions: a Kind with its arguments
// (edition slugs, codes, ISBNs).
type Problem struct {
	Kind *Kind
	Args []any
}

func problem(k *Kind, args ...any) *Problem {
	return &Problem{Kind: k, Args: args}
}

func (p *Problem) Error() string { return "onix: " + fmt.Sprintf(p.Kind.text, p.Args...) }

// MessageKey gives the catalog message that says the problem to a person,
// with its arguments.
func (p *Problem) MessageKey() (string, []any) { return p.Kind.key, p.Args }

// Is reports whether target is p's Kind, so that errors.Is(err,
// onix.ErrSameISBN) tests the kind of a returned problem.
func (p *Problem) Is(target error) bool {
	k, ok := target.(*Kind)
	return ok && k == p.Kind
}

// Error makes a Kind usable as the target of errors.Is.
func (k *Kind) Error() string { return k.key }
