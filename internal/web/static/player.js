// player.js joins a speech's video to its transcript on the speech page.
//
// The page works without it: the browser's own player plays the video with
// its subtitles, and the transcript is a list of paragraphs, each cue's time
// a link to the video file from there (main.mp4#t=12.5, a media fragment the
// browser plays from that time). With it, a click on (or Enter at) a cue's time seeks the
// video there and plays; the cue being spoken is highlighted and kept in
// view, and this following stops as soon as the reader scrolls the
// transcript themselves, until they press the button that resumes it (or
// choose a cue); a
// search field hides the cues that do not hold every word typed (in any
// order), marks the words and says how many cues there are (read out by
// screen readers), matching without regard to case, ё and е, or full- and
// half-width forms (ＡＢＣ１２ and ABC12); and the bilingual view,
// the original beside the reader's language, can be switched off. An
// address ending in #t=SECONDS moves the video there.
(function () {
  "use strict";
  var videoEl = document.getElementById("speech-video");
  if (!videoEl) {
    return;
  }

  // The player's box takes the video's shape, so that the style sheet's
  // bound on its height narrows a portrait video's box (centred) instead
  // of leaving black bars beside it; the page's own markup cannot say the
  // shape, as its style rules allow no inline styles. The video's own size
  // replaces the one the page names once it is known.
  function fit() {
    var w = videoEl.videoWidth || Number(videoEl.getAttribute("width"));
    var h = videoEl.videoHeight || Number(videoEl.getAttribute("height"));
    if (w > 0 && h > 0) {
      videoEl.parentNode.style.aspectRatio = w + " / " + h;
    }
  }
  fit();
  videoEl.addEventListener("loadedmetadata", fit);

  var section = document.getElementById("transcript");
  if (!section) {
    return;
  }
  var box = document.getElementById("transcript-cues");
  var cues = Array.prototype.slice.call(box.querySelectorAll(".cue"));
  var starts = cues.map(function (c) { return Number(c.dataset.start) / 1000; });
  var ends = cues.map(function (c) { return Number(c.dataset.end) / 1000; });
  var tools = section.querySelector(".transcript-tools");
  var search = document.getElementById("transcript-search");
  var count = document.getElementById("transcript-count");
  var resume = section.querySelector(".transcript-resume");
  var bilingual = section.querySelector(".transcript-bilingual");
  var lang = section.dataset.lang || document.documentElement.lang;
  var forms = {};
  try {
    forms = JSON.parse(section.dataset.msgCount || "{}");
  } catch (e) {
    forms = {};
  }
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  tools.hidden = false;
  box.classList.add("scripted");

  // seek moves the video to t seconds and plays it; playing may be refused
  // (no user gesture, a browser's rules), which leaves it paused there.
  function seek(t) {
    videoEl.currentTime = t;
    var p = videoEl.play();
    if (p && p.catch) {
      p.catch(function () {});
    }
  }

  // timeOf reads the time of an address ending in #t=SECONDS: the page's
  // own (#t=12.5) or a cue link's to the video file (main.mp4#t=12.5).
  function timeOf(href) {
    var m = /#t=(\d+(?:\.\d+)?)$/.exec(href || "");
    return m ? Number(m[1]) : null;
  }

  box.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a.cue-time") : null;
    if (!a) {
      return;
    }
    var t = timeOf(a.getAttribute("href"));
    if (t === null) {
      return;
    }
    ev.preventDefault();
    following = true;
    resume.hidden = true;
    seek(t);
    show(indexAt(t));
  });

  // startAt moves the video to the time the address names, if any, once
  // the video's length is known.
  function startAt() {
    var t = timeOf(location.hash);
    if (t === null) {
      return;
    }
    if (videoEl.readyState >= 1) {
      videoEl.currentTime = t;
    } else {
      videoEl.addEventListener("loadedmetadata", function () {
        videoEl.currentTime = t;
      }, { once: true });
    }
  }
  startAt();
  window.addEventListener("hashchange", startAt);

  // Following the video: the current cue is marked and scrolled into the
  // box's view, unless the reader has scrolled the box themselves.
  var current = -1;
  var following = true;
  var ownScroll = -1e9; // when the script last scrolled the box

  function indexAt(t) {
    for (var i = cues.length - 1; i >= 0; i--) {
      if (starts[i] <= t) {
        return t < ends[i] || (i + 1 < cues.length && t < starts[i + 1]) ? i : -1;
      }
    }
    return -1;
  }

  function show(i) {
    if (i === current) {
      return;
    }
    if (current >= 0) {
      cues[current].classList.remove("current");
      cues[current].removeAttribute("aria-current");
    }
    current = i;
    if (i < 0) {
      return;
    }
    cues[i].classList.add("current");
    cues[i].setAttribute("aria-current", "true");
    if (following && !cues[i].hidden) {
      scrollTo(cues[i]);
    }
  }

  // scrollTo scrolls the box (never the page) so that cue is a third of
  // the way down it.
  function scrollTo(cue) {
    var top = cue.offsetTop - box.offsetTop - box.clientHeight / 3;
    top = Math.max(0, Math.min(top, box.scrollHeight - box.clientHeight));
    if (Math.abs(box.scrollTop - top) < 1) {
      return;
    }
    ownScroll = performance.now();
    box.scrollTop = top;
  }

  // reveal scrolls the box to cue, then the page only as far as it takes
  // to show the cue in the window, if it is not shown already.
  function reveal(cue) {
    scrollTo(cue);
    ownScroll = performance.now();
    cue.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  videoEl.addEventListener("timeupdate", function () {
    show(indexAt(videoEl.currentTime));
  });
  videoEl.addEventListener("seeked", function () {
    show(indexAt(videoEl.currentTime));
  });

  box.addEventListener("scroll", function () {
    if (performance.now() - ownScroll < 250) {
      return;
    }
    if (following) {
      following = false;
      resume.hidden = false;
    }
  });
  // A scroll by the reader that comes with a wheel, a touch or a key in
  // the box is theirs even right after one of the script's.
  ["wheel", "touchmove", "keydown"].forEach(function (name) {
    box.addEventListener(name, function () {
      ownScroll = -1e9;
    }, { passive: true });
  });

  // Resuming shows the current cue where the reader is; the focus, which
  // the button hiding itself would drop, goes to the transcript's box
  // without moving the page (to the video, it took the page up to the
  // player and the transcript out of view).
  resume.addEventListener("click", function () {
    following = true;
    resume.hidden = true;
    box.focus({ preventScroll: true });
    if (current >= 0 && !cues[current].hidden) {
      reveal(cues[current]);
    }
  });

  // Search: the cues whose text (either language) holds the query stay,
  // with the matches marked; the count is announced.
  var texts = cues.map(function (c) {
    return Array.prototype.slice.call(c.querySelectorAll(".cue-text, .cue-original"));
  });
  var originals = texts.map(function (els) {
    return els.map(function (el) { return el.textContent; });
  });
  var foldeds = originals.map(function (ts) { return ts.map(fold); });

  function say(n) {
    if (n === 0) {
      count.textContent = section.dataset.msgNone || "";
      return;
    }
    var form = forms[plural ? plural.select(n) : "other"] || forms.other || forms.many || "%s";
    count.textContent = form.replace("%s", n.toLocaleString(lang));
  }

  // fold returns text as search compares it, with at[k] the index in text
  // of the character that made its k-th: each character lower-cased, ё
  // read as е (also when written е and a combining diaeresis), and
  // full-width letters, digits and signs as their usual forms (NFKC).
  function fold(text) {
    var out = "";
    var at = [];
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i);
      var ch = String.fromCodePoint(cp);
      var f = ch.normalize("NFKC").toLocaleLowerCase(lang).replace(/ё/g, "е");
      if (cp === 0x308 && out.charAt(out.length - 1) === "е") {
        f = "";
      }
      for (var k = 0; k < f.length; k++) {
        at.push(i);
      }
      out += f;
      i += ch.length;
    }
    at.push(text.length);
    return { text: out, at: at };
  }

  // spans returns where in folded's text each of words occurs, as
  // [start, end) pairs sorted and merged where they overlap or touch.
  function spans(folded, words) {
    var found = [];
    words.forEach(function (w) {
      for (var i = folded.text.indexOf(w); i >= 0; i = folded.text.indexOf(w, i + w.length)) {
        found.push([i, i + w.length]);
      }
    });
    found.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    found.forEach(function (f) {
      var last = merged[merged.length - 1];
      if (last && f[0] <= last[1]) {
        last[1] = Math.max(last[1], f[1]);
      } else {
        merged.push(f);
      }
    });
    return merged;
  }

  // mark writes text into el with the folded spans marked.
  function mark(el, text, folded, found) {
    el.textContent = "";
    var at = 0;
    found.forEach(function (f) {
      var start = folded.at[f[0]];
      var end = folded.at[f[1]];
      el.appendChild(document.createTextNode(text.slice(at, start)));
      var m = document.createElement("mark");
      m.textContent = text.slice(start, end);
      el.appendChild(m);
      at = end;
    });
    el.appendChild(document.createTextNode(text.slice(at)));
  }

  // filter keeps the cues that hold every word of the query, in any order
  // and in either language, with each word marked where it occurs. Words
  // are split at spaces after folding, so a full-width space, as a Chinese
  // input method types it, separates them too.
  var timer = 0;
  function filter() {
    var words = fold(search.value).text.split(/\s+/).filter(function (w) { return w !== ""; });
    var n = 0;
    cues.forEach(function (c, i) {
      var hit = words.length > 0 && words.every(function (w) {
        return foldeds[i].some(function (f) { return f.text.indexOf(w) >= 0; });
      });
      texts[i].forEach(function (el, j) {
        var found = hit ? spans(foldeds[i][j], words) : [];
        if (found.length > 0) {
          mark(el, originals[i][j], foldeds[i][j], found);
        } else if (el.firstElementChild) {
          el.textContent = originals[i][j];
        }
      });
      c.hidden = words.length > 0 && !hit;
      if (hit) {
        n++;
      }
    });
    if (words.length === 0) {
      count.textContent = "";
    } else {
      say(n);
    }
  }
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(filter, 150);
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && search.value !== "") {
      ev.preventDefault();
      search.value = "";
      filter();
    }
  });

  if (bilingual) {
    bilingual.addEventListener("click", function () {
      var on = bilingual.getAttribute("aria-pressed") !== "true";
      bilingual.setAttribute("aria-pressed", on ? "true" : "false");
      box.classList.toggle("bilingual", on);
    });
  }
})();
