// upload.js: the video upload on the programme form. Each .video-upload
// section sends the chosen file to tandem's tus endpoint with
// tus-js-client (tus.min.js, bundled from npm at build time), shows its
// progress, pauses and resumes. tus-js-client keeps each upload's URL in
// localStorage, so that after a reload choosing the same file again goes on
// from where it stopped; after a dropped connection it retries by itself,
// for minutes, and once more when the browser is back online. Cancel ends
// the upload on the server (tus termination), whether it is running,
// paused or left over from an earlier page, and forgets its stored URL.
// A stored upload belongs to its programme item: its fingerprint names the
// item, so that the same file chosen in another item's section starts an
// upload of its own rather than finishing this one, and every request
// names the item too (Tandem-Item), which the server holds it to.
(function () {
  "use strict";
  if (!window.tus || !tus.isSupported) return;

  // Waits between retries after a failure: a poor link may be gone for a
  // while.
  var retryDelays = [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000, 60000, 60000, 120000, 120000, 300000];
  // 50 MiB requests pass proxies that limit a request's body (100 MB on
  // some) and lose little when cut.
  var chunkSize = 50 * 1024 * 1024;

  function fill(template, args) {
    var i = 0;
    return template.replace(/%s/g, function () { return i < args.length ? String(args[i++]) : ""; });
  }

  var lang = document.documentElement.lang || undefined;

  // size writes a size in bytes as the server's Printer.Bytes does: whole
  // bytes with the language's plural under 1 KiB, else the largest binary
  // unit that keeps the number under 1024, to the nearest tenth, in the
  // language's number format ("162.2 MiB", "162,2 МиБ"). words are the
  // section's data-size-words: {bytes: {one: "%s byte", ...}, units:
  // ["%s KiB", ...]}.
  function size(bytes, words) {
    if (bytes < 1024) {
      var forms = words.bytes || {};
      var form = forms[new Intl.PluralRules(lang).select(bytes)] || forms.other || "%s";
      return fill(form, [bytes.toLocaleString(lang)]);
    }
    var v = bytes / 1024, unit = 0;
    while (unit < words.units.length - 1 && Math.round(v * 10) / 10 >= 1024) {
      v /= 1024;
      unit++;
    }
    var num = (Math.round(v * 10) / 10).toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return fill(words.units[unit], [num]);
  }

  // isVideo applies the server's rule (data-file-rule, from
  // upload.VideoFileRule) to a chosen file: a type that is known and no
  // video's refuses it unless its name ending is one that other kinds of
  // files share; else a video type, or a video's name ending, takes it.
  function isVideo(file, rule) {
    if (!rule.Exts) return true;
    var name = file.name.toLowerCase();
    var dot = name.lastIndexOf(".");
    var ext = dot >= 0 ? name.slice(dot) : "";
    var type = (file.type || "").toLowerCase().split(";")[0].trim();
    var top = type.split("/")[0];
    var typeOK = type === "" || top === "video" ||
      (top === "application" ? rule.Application.indexOf(type) >= 0 : rule.NotVideo.indexOf(top) < 0);
    if (!typeOK && rule.Shared.indexOf(ext) < 0) return false;
    return top === "video" || rule.Exts.indexOf(ext) >= 0;
  }

  function percent(sent, total) {
    return total > 0 ? Math.floor((sent / total) * 100) : 0;
  }

  // serverMessage is the sentence tandem answered a refusal with, in the
  // reader's language (marked by its Content-Language), else the
  // section's own message for the status (byStatus, from
  // data-msg-status: an answer of a proxy, or one cut short), or "" for a
  // network failure.
  function serverMessage(err, byStatus) {
    var res = err && err.originalResponse;
    if (!res) return "";
    var status = res.getStatus();
    if (status < 400) return "";
    var body = (res.getBody() || "").trim();
    if (res.getHeader("Content-Language") && body) return body;
    return byStatus[status] || byStatus[status >= 500 ? 500 : 400] || "";
  }

  function setup(section) {
    var input = section.querySelector("[data-upload-file]");
    if (!input) return;
    var progressBox = section.querySelector(".upload-progress");
    var bar = progressBox.querySelector("progress");
    var pause = section.querySelector("[data-upload-pause]");
    var resume = section.querySelector("[data-upload-resume]");
    var cancel = section.querySelector("[data-upload-cancel]");
    var storage = tus.defaultOptions.urlStorage;
    var status = section.querySelector(".upload-status");
    var d = section.dataset;
    var item = d.item;
    var words = JSON.parse(d.sizeWords || "{}");
    var byStatus = JSON.parse(d.msgStatus || "{}");
    var rule = JSON.parse(d.fileRule || "{}");
    if (!words.units) words.units = ["%s KiB", "%s MiB", "%s GiB", "%s TiB"];
    var upload = null;
    // pending are the uploads for this item that this browser left
    // unfinished on an earlier page, as tus-js-client stored them.
    var pending = [];

    function say(text) { status.textContent = text; }

    function showProgress(sent, total) {
      progressBox.hidden = false;
      bar.value = percent(sent, total);
      bar.setAttribute("aria-valuetext", new Intl.NumberFormat(lang, { style: "percent" }).format(percent(sent, total) / 100));
      say(fill(d.msgProgress, [size(sent, words), size(total, words), percent(sent, total)]));
    }

    function paused(isPaused) {
      pause.hidden = isPaused;
      resume.hidden = !isPaused;
      if (cancel) cancel.hidden = false;
    }

    function ofItem(all) {
      return all.filter(function (u) { return u.metadata && u.metadata.item === item; });
    }

    // An upload this browser left unfinished for this item: say so, so
    // that the organiser chooses the same file again, or cancels it.
    storage.findAllUploads().then(function (all) {
      pending = ofItem(all);
      pending.forEach(function (u) {
        if (!upload) {
          say(fill(d.msgPending, [u.metadata.filename]));
          if (cancel) cancel.hidden = false;
        }
      });
    }).catch(function () {});

    // forget removes the stored URLs of this item's uploads.
    function forget() {
      return storage.findAllUploads().then(function (all) {
        return Promise.all(ofItem(all).map(function (u) { return storage.removeUpload(u.urlStorageKey); }));
      }).catch(function () {});
    }

    // stopped is what Cancel says once the server has answered: an upload
    // that is gone (404, 410) is as cancelled; one complete (409) cannot
    // be, and the server says why; without an answer it may be tried
    // again.
    function stopped(err) {
      var res = err && err.originalResponse;
      var s = res ? res.getStatus() : 0;
      if (!err || s === 404 || s === 410) {
        upload = null;
        pending = [];
        input.value = "";
        bar.value = 0;
        progressBox.hidden = true;
        pause.hidden = false;
        resume.hidden = true;
        if (cancel) cancel.hidden = true;
        return forget().then(function () { say(d.msgCancelled); });
      }
      if (s === 409) {
        upload = null;
        pending = [];
        if (cancel) cancel.hidden = true;
        return forget().then(function () { say(serverMessage(err, byStatus)); });
      }
      say(serverMessage(err, byStatus) || d.msgCancelFailed);
    }

    if (cancel) {
      cancel.addEventListener("click", function () {
        if (!window.confirm(d.msgCancelConfirm)) return;
        var ending;
        if (upload) {
          ending = upload.abort(true);
        } else {
          ending = Promise.all(pending.map(function (u) { return tus.Upload.terminate(u.uploadUrl, { retryDelays: [0, 1000, 3000] }); }));
        }
        paused(true);
        resume.hidden = true;
        ending.then(function () { return stopped(null); }, stopped);
      });
    }

    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      // A file the server would refuse is refused here, before a byte of
      // it is sent, and an upload under way goes on.
      if (!isVideo(file, rule)) {
        say(fill(d.msgNotVideo, [file.name]));
        return;
      }
      if (file.size > Number(d.maxSize)) {
        say(fill(d.msgToolarge, [size(file.size, words)]));
        return;
      }
      if (upload) upload.abort();
      upload = new tus.Upload(file, {
        endpoint: d.endpoint,
        chunkSize: chunkSize,
        retryDelays: retryDelays,
        removeFingerprintOnSuccess: true,
        storeFingerprintForResuming: true,
        metadata: { filename: file.name, filetype: file.type, item: item },
        headers: { "Tandem-Item": item },
        fingerprint: function (file, options) {
          return tus.defaultOptions.fingerprint(file, options).then(function (fp) {
            return fp && "item-" + item + "-" + fp;
          });
        },
        onProgress: showProgress,
        onShouldRetry: function (err, attempt, options) {
          var res = err.originalResponse;
          var s = res ? res.getStatus() : 0;
          // tandem's refusals (a 4xx with a sentence) are final; the
          // network and the server's own failures are tried again.
          if (s >= 400 && s < 500 && s !== 409 && s !== 423 && s !== 429) return false;
          say(fill(d.msgRetrying, [bar.value]));
          return true;
        },
        onError: function (err) {
          paused(true);
          say(serverMessage(err, byStatus) || d.msgFailed);
        },
        onSuccess: function () {
          pause.hidden = true;
          resume.hidden = true;
          if (cancel) cancel.hidden = true;
          bar.value = 100;
          say(fill(d.msgDone, [file.name]));
          // The item's video status (video_status.js) follows the
          // processing of the video the upload became.
          document.dispatchEvent(new CustomEvent("tandem:video-uploaded", { detail: { item: item } }));
        }
      });
      upload.findPreviousUploads().then(function (previous) {
        previous = ofItem(previous);
        if (previous.length > 0) {
          upload.resumeFromPreviousUpload(previous[0]);
          say(d.msgResumed);
        } else {
          say(d.msgWaiting);
        }
        progressBox.hidden = false;
        paused(false);
        upload.start();
      });
    });

    pause.addEventListener("click", function () {
      if (!upload) return;
      upload.abort();
      paused(true);
      say(fill(d.msgPaused, [bar.value]));
    });
    resume.addEventListener("click", function () {
      if (!upload) return;
      paused(false);
      say(d.msgResumed);
      upload.start();
    });
    // Back online after a long outage that outlasted the retries.
    window.addEventListener("online", function () {
      if (upload && !resume.hidden && bar.value < 100) resume.click();
    });
  }

  document.querySelectorAll(".video-upload").forEach(setup);
})();
