// upload.js: the video upload on the programme form. Each .video-upload
// section sends the chosen file to tandem's tus endpoint with
// tus-js-client (tus.min.js, bundled from npm at build time), shows its
// progress, pauses and resumes. tus-js-client keeps each upload's URL in
// localStorage, so that after a reload choosing the same file again goes on
// from where it stopped; after a dropped connection it retries by itself,
// for minutes, and once more when the browser is back online.
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

  function mib(bytes) {
    return Math.ceil(bytes / 1048576).toLocaleString(document.documentElement.lang || undefined);
  }

  function percent(sent, total) {
    return total > 0 ? Math.floor((sent / total) * 100) : 0;
  }

  // serverMessage is the sentence tandem answered a refusal with, in the
  // reader's language, or "" for a network failure.
  function serverMessage(err) {
    var res = err && err.originalResponse;
    if (!res) return "";
    var status = res.getStatus();
    if (status >= 400 && status < 500) return (res.getBody() || "").trim();
    return "";
  }

  function setup(section) {
    var input = section.querySelector("[data-upload-file]");
    if (!input) return;
    var progressBox = section.querySelector(".upload-progress");
    var bar = progressBox.querySelector("progress");
    var pause = section.querySelector("[data-upload-pause]");
    var resume = section.querySelector("[data-upload-resume]");
    var status = section.querySelector(".upload-status");
    var d = section.dataset;
    var item = d.item;
    var upload = null;

    function say(text) { status.textContent = text; }

    function showProgress(sent, total) {
      progressBox.hidden = false;
      bar.value = percent(sent, total);
      bar.setAttribute("aria-valuetext", percent(sent, total) + "%");
      say(fill(d.msgProgress, [mib(sent), mib(total), percent(sent, total)]));
    }

    function paused(isPaused) {
      pause.hidden = isPaused;
      resume.hidden = !isPaused;
    }

    // An upload this browser left unfinished for this item: say so, so
    // that the organiser chooses the same file again.
    tus.defaultOptions.urlStorage.findAllUploads().then(function (all) {
      all.forEach(function (u) {
        if (u.metadata && u.metadata.item === item && !upload) {
          say(fill(d.msgPending, [u.metadata.filename]));
        }
      });
    }).catch(function () {});

    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      if (upload) upload.abort();
      if (file.size > Number(d.maxMib) * 1048576) {
        say(fill(d.msgToolarge, [mib(file.size)]));
        return;
      }
      upload = new tus.Upload(file, {
        endpoint: d.endpoint,
        chunkSize: chunkSize,
        retryDelays: retryDelays,
        removeFingerprintOnSuccess: true,
        storeFingerprintForResuming: true,
        metadata: { filename: file.name, filetype: file.type, item: item },
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
          say(serverMessage(err) || d.msgFailed);
        },
        onSuccess: function () {
          pause.hidden = true;
          resume.hidden = true;
          bar.value = 100;
          say(fill(d.msgDone, [file.name]));
          // The item's video status (video_status.js) follows the
          // processing of the video the upload became.
          document.dispatchEvent(new CustomEvent("tandem:video-uploaded", { detail: { item: item } }));
        }
      });
      upload.findPreviousUploads().then(function (previous) {
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
