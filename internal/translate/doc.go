// Package translate is the translation of documents: segments and their
// states, the translation memory and termbase in the database, the
// workbench's logic, and the exchange with desktop CAT tools.
package translate
