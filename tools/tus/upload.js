// upload.js sends one file to a tus endpoint with tus-js-client, as the
// office's upload widget does, for tandem's upload tests and
// bench/upload.sh. It prints one JSON line per event on stdout:
//   {"event":"stopped","url":…,"offset":…}  after --stop-at (a fraction)
//   {"event":"success","url":…,"bytes":…,"ms":…,"resumedFrom":…}
//   {"event":"error","status":…,"body":…,"message":…}  (exit status 1)
// Usage: node upload.js --endpoint URL --file PATH [--token T] [--item ID]
//   [--stop-at 0.4] [--store FILE] [--chunk-size BYTES] [--filetype TYPE]
// --store keeps the upload URLs in FILE (tus-js-client's FileUrlStorage),
// so that a second run with the same file resumes the first one's upload
// from the URL stored, as a browser does after a reload.
"use strict";
const fs = require("fs");
const path = require("path");
const tus = require("tus-js-client");

function args(argv) {
  const a = {};
  for (let i = 2; i < argv.length; i += 2) a[argv[i].replace(/^--/, "")] = argv[i + 1];
  return a;
}

const opt = args(process.argv);
const file = fs.createReadStream(opt.file);
const size = fs.statSync(opt.file).size;
const stopAt = opt["stop-at"] ? parseFloat(opt["stop-at"]) : 0;
const print = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const started = Date.now();
let resumedFrom = 0;

const options = {
  endpoint: opt.endpoint,
  uploadSize: size,
  metadata: { filename: path.basename(opt.file), filetype: opt.filetype || "video/mp4" },
  headers: {},
  retryDelays: [0, 300, 1000, 2000, 3000, 5000, 5000, 5000],
  removeFingerprintOnSuccess: true,
  chunkSize: opt["chunk-size"] ? parseInt(opt["chunk-size"], 10) : Infinity,
  onProgress(sent, total) {
    if (stopAt > 0 && sent / total >= stopAt && !stopped) {
      stopped = true;
      upload.abort(false).then(() => {
        print({ event: "stopped", url: upload.url, offset: sent });
        process.exit(0);
      });
    }
  },
  onError(err) {
    const res = err.originalResponse;
    print({ event: "error", status: res ? res.getStatus() : 0, body: res ? res.getBody() : "", message: String(err.message || err) });
    process.exit(1);
  },
  onAfterResponse(req, res) {
    if (req.getMethod() === "HEAD" && !resumedFrom) resumedFrom = parseInt(res.getHeader("Upload-Offset"), 10) || 0;
  },
  onSuccess() {
    print({ event: "success", url: upload.url, bytes: size, ms: Date.now() - started, resumedFrom });
  },
};
if (opt.item) options.metadata.item = opt.item;
if (opt.token) options.headers.Authorization = "Bearer " + opt.token;
if (opt.store) {
  options.urlStorage = new tus.FileUrlStorage(opt.store);
  options.fingerprint = async () => "tandem-test-" + path.resolve(opt.file) + "-" + size;
}
let stopped = false;
const upload = new tus.Upload(file, options);
upload.findPreviousUploads().then((previous) => {
  if (previous.length > 0) upload.resumeFromPreviousUpload(previous[0]);
  upload.start();
});
