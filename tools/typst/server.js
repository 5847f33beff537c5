// server.js holds one Typst compiler (typst-ts's NodeCompiler, Typst 0.14.2)
// for internal/typst, which starts it as a child process and talks to it
// over stdin and stdout. Each message either way is a frame: a 4-byte
// big-endian length and that many bytes of JSON (the header), then a
// 4-byte big-endian length and that many bytes of body (a source's bytes,
// a PDF; empty when none). Requests are answered one at a time, in order.
//
// Requests (header.op):
//   start   {fontPaths, workspace}              creates the compiler
//   source  {path}, body = UTF-8 Typst source   addSource
//   file    {path}, body = bytes                mapShadow (images, data)
//   remove  {path}                              unmapShadow
//   build   {main, pdf: {standard, tags} | null, queries: [{selector, field}],
//            evict}
//           compiles main; answers {pages, queries: [result...]} and the
//           PDF as body when pdf is given; then, when evict > 0, evicts
//           as evict {maxAge: evict} does, after the answer is sent
//   evict   {maxAge}                            evictCache
//   stats   {}                                  answers {rss, heapUsed} in bytes
// Answers: {ok: true, ...} or {ok: false, error, diagnostics: [...]}.
'use strict';

const path = require('path');
const { NodeCompiler } = require(path.join(__dirname, 'node_modules', '@myriaddreamin', 'typst-ts-node-compiler'));

let compiler = null;
let pending = Buffer.alloc(0);

function send(header, body) {
	const h = Buffer.from(JSON.stringify(header), 'utf8');
	const b = body || Buffer.alloc(0);
	const out = Buffer.alloc(8 + h.length + b.length);
	out.writeUInt32BE(h.length, 0);
	h.copy(out, 4);
	out.writeUInt32BE(b.length, 4 + h.length);
	b.copy(out, 8 + h.length);
	process.stdout.write(out);
}

function diagnostics(err) {
	let ds = [];
	try {
		ds = compiler.fetchDiagnostics(err);
	} catch (e) {
		ds = err.shortDiagnostics || [];
	}
	return ds.map((d) => ({
		severity: d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info',
		message: String(d.message || ''),
		path: d.path || '',
		line: d.range ? d.range.start.line + 1 : 0,
		column: d.range ? d.range.start.character + 1 : 0,
	}));
}

function handle(req, body) {
	switch (req.op) {
		case 'start':
			compiler = NodeCompiler.create({
				workspace: req.workspace || '/',
				fontArgs: [{ fontPaths: req.fontPaths || [] }],
			});
			return {};
		case 'source':
			compiler.addSource(req.path, body.toString('utf8'));
			return {};
		case 'file':
			compiler.mapShadow(req.path, body);
			return {};
		case 'remove':
			compiler.unmapShadow(req.path);
			return {};
		case 'evict':
			compiler.evictCache(req.maxAge || 0);
			return {};
		case 'stats': {
			const m = process.memoryUsage();
			return { rss: m.rss, heapUsed: m.heapUsed };
		}
		case 'build': {
			const r = compiler.compile({ mainFilePath: req.main });
			const err = r.takeError();
			if (err) {
				return { ok: false, error: 'compile', diagnostics: diagnostics(err) };
			}
			const doc = r.result;
			const queries = (req.queries || []).map((q) =>
				compiler.query(doc, q.field ? { selector: q.selector, field: q.field } : { selector: q.selector }));
			let pdf = null;
			if (req.pdf) {
				const opts = { pdfTags: req.pdf.tags !== false };
				if (req.pdf.standard) {
					opts.pdfStandard = req.pdf.standard;
				}
				pdf = compiler.pdf(doc, opts);
			}
			const after = req.evict > 0 ? () => compiler.evictCache(req.evict) : null;
			return { pages: doc.numOfPages, queries, __body: pdf, __after: after };
		}
		default:
			throw new Error('unknown op ' + req.op);
	}
}

function pump() {
	for (;;) {
		if (pending.length < 4) return;
		const hl = pending.readUInt32BE(0);
		if (pending.length < 8 + hl) return;
		const bl = pending.readUInt32BE(4 + hl);
		if (pending.length < 8 + hl + bl) return;
		const req = JSON.parse(pending.subarray(4, 4 + hl).toString('utf8'));
		const body = Buffer.from(pending.subarray(8 + hl, 8 + hl + bl));
		pending = pending.subarray(8 + hl + bl);
		let ans;
		try {
			if (!compiler && req.op !== 'start') {
				throw new Error('no compiler: send start first');
			}
			ans = handle(req, body);
		} catch (e) {
			// The addon throws a string of Rust diagnostics for export
			// errors (PDF/UA checks); keep its message.
			ans = { ok: false, error: String((e && (e.code || e.message)) || e) };
		}
		const out = ans.__body || null;
		const after = ans.__after || null;
		delete ans.__body;
		delete ans.__after;
		if (ans.ok === undefined) ans.ok = true;
		send(ans, out);
		if (after) {
			try {
				after();
			} catch (e) {
				process.stderr.write('evict: ' + String(e) + '\n');
			}
		}
	}
}

process.stdin.on('data', (chunk) => {
	pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
	pump();
});
process.stdin.on('end', () => process.exit(0));
