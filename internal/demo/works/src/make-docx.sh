#!/bin/sh
# Makes the DOCX revisions of essay D from their Flat ODT sources with
# LibreOffice, which writes the Word comment of revision 1 (an
# office:annotation in the source) as a real Word comment. Run it from
# this directory after editing a source, then run the package's tests.
set -eu
for rev in 1 2; do
	soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir .. "d-ru.rev$rev.fodt"
done
