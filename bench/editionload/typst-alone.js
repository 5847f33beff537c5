// typst-alone.js is bench/edition.sh's anchor for the print PDF: Typst
// alone, the npm compiler internal/typst runs (typst-ts's NodeCompiler,
// Typst 0.14.2), in a bare Node process that compiles a project written
// out as files and writes its PDF, tagged PDF/UA-1 as tandem's print PDF
// is; nothing else.
//
//   node typst-alone.js TYPST_DIR PROJECT OUT.pdf [FONT_DIR...]
//
// TYPST_DIR is tools/typst with its node_modules; PROJECT holds main.typ
// and the files it reads (paths from "/" are taken from PROJECT).
'use strict';

const fs = require('fs');
const path = require('path');

const [typstDir, project, out, ...fontPaths] = process.argv.slice(2);
const { NodeCompiler } = require(path.join(path.resolve(typstDir), 'node_modules', '@myriaddreamin', 'typst-ts-node-compiler'));
const root = path.resolve(project);
const compiler = NodeCompiler.create({ workspace: root, fontArgs: [{ fontPaths }] });
const r = compiler.compile({ mainFilePath: path.join(root, 'main.typ') });
const err = r.takeError();
if (err) {
	console.error('typst-alone: compile error:', JSON.stringify(err.shortDiagnostics || String(err)));
	process.exit(1);
}
fs.writeFileSync(out, compiler.pdf(r.result, { pdfTags: true, pdfStandard: 'ua-1' }));
