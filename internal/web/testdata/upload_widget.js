// Runs static/upload.js (path in argv[2]) against a stand-in page and
// tus-js-client, and prints as JSON what its status line says: while a
// file is sent, and after errors the server answers with or without a
// sentence of its own (Content-Language), as a proxy would; and after
// Cancel, whether the upload was terminated and its stored URL forgotten;
// which chosen files it refuses as no video before sending them; and
// whether it resumes an upload this browser stored for another item.
"use strict";
const fs = require("fs");
const src = fs.readFileSync(process.argv[2], "utf8");
const lang = process.argv[3];
const dataset = JSON.parse(process.argv[4]);

function el() {
  return { hidden: false, value: 0, textContent: "", setAttribute() {}, listeners: {},
    addEventListener(type, f) { this.listeners[type] = f; }, click() { (this.listeners.click || (() => {}))(); } };
}
const parts = { "[data-upload-file]": el(), ".upload-progress": el(), "[data-upload-pause]": el(), "[data-upload-resume]": el(),
  "[data-upload-cancel]": el(), ".upload-status": el(), progress: el() };
parts[".upload-progress"].querySelector = () => parts.progress;
const section = { dataset, querySelector: (s) => parts[s] };
let options = null;
let created = 0;
const resumed = [];
let terminated = false;
const forgotten = [];
global.window = { addEventListener() {}, confirm: () => true };
global.document = { documentElement: { lang }, querySelectorAll: () => [section], dispatchEvent() {} };
global.CustomEvent = function () {};
global.tus = window.tus = {
  isSupported: true,
  defaultOptions: { urlStorage: {
    findAllUploads: () => Promise.resolve([{ metadata: { item: "1", filename: "old.mp4" }, urlStorageKey: "tus::1", uploadUrl: "/api/uploads/a" },
      { metadata: { item: "2", filename: "other.mp4" }, urlStorageKey: "tus::2", uploadUrl: "/api/uploads/b" }]),
    removeUpload: (key) => { forgotten.push(key); return Promise.resolve(); } } },
  Upload: function (file, opts) {
    options = opts;
    created++;
    // The same file stored for another item (as its fingerprint would be
    // before it named the item) and for this one.
    this.findPreviousUploads = () => Promise.resolve([{ metadata: { item: "2", filename: file.name }, uploadUrl: "/api/uploads/b" },
      { metadata: { item: "1", filename: file.name }, uploadUrl: "/api/uploads/a" }]);
    this.resumeFromPreviousUpload = (u) => { resumed.push(u.uploadUrl); };
    this.start = () => {};
    this.abort = (terminate) => { terminated = terminated || terminate === true; return Promise.resolve(); };
  },
};
eval(src);

const out = {};
const input = parts["[data-upload-file]"];
input.files = [{ name: "speech.mp4", size: 170078618, type: "video/mp4" }];
input.listeners.change();
setTimeout(() => {
  options.onProgress(386000, 170078618);
  out.progress = parts[".upload-status"].textContent;
  const answer = (status, body, language) => ({ originalResponse: {
    getStatus: () => status, getBody: () => body, getHeader: (h) => (h === "Content-Language" ? language : null) } });
  options.onError(answer(409, "ERR_MISMATCHED_OFFSET: mismatched offset\n", null));
  out.proxy409 = parts[".upload-status"].textContent;
  options.onError(answer(502, "<html>Bad Gateway</html>", null));
  out.proxy502 = parts[".upload-status"].textContent;
  options.onError(answer(403, "Ours.\n", lang));
  out.ours = parts[".upload-status"].textContent;
  input.files = [{ name: "huge.mp4", size: 9 * 1024 ** 3, type: "video/mp4" }];
  input.listeners.change();
  out.tooLarge = parts[".upload-status"].textContent;
  // No video: refused before an upload is made, whatever the name says
  // when the type is known to be something else.
  const before = created;
  input.files = [{ name: "song.mp3", size: 1000, type: "audio/mpeg" }];
  input.listeners.change();
  out.notVideo = parts[".upload-status"].textContent;
  input.files = [{ name: "speech.mp4", size: 1000, type: "text/plain" }];
  input.listeners.change();
  out.textAsMP4 = parts[".upload-status"].textContent;
  out.refusedSent = String(created - before);
  // Videos the browser knows no type for, or gives another kind's type
  // for a shared ending (.ts), are taken.
  input.files = [{ name: "speech.mkv", size: 1000, type: "" }];
  input.listeners.change();
  input.files = [{ name: "speech.ts", size: 1000, type: "text/vnd.trolltech.linguist" }];
  input.listeners.change();
  out.videosTaken = String(created - before);
  out.itemHeader = options.headers["Tandem-Item"];
  input.files = [{ name: "speech.mp4", size: 1000, type: "video/mp4" }];
  input.listeners.change();
  setTimeout(() => {
    out.resumed = resumed.join(",");
    out.cancelShown = String(!parts["[data-upload-cancel]"].hidden);
    parts["[data-upload-cancel]"].click();
    setTimeout(() => {
      out.cancelled = parts[".upload-status"].textContent;
      out.terminated = String(terminated);
      out.forgotten = forgotten.join(",");
      out.cancelHidden = String(parts["[data-upload-cancel]"].hidden);
      console.log(JSON.stringify(out));
    }, 10);
  }, 10);
}, 10);
