// video_status.js: the programme form's video status of each video item
// (templates/office/_video_status.html) follows the processing of its
// video without reloading the form, so that what is typed in it stays.
// While a video is queued or processed, and for a minute after an upload
// on this page completes (until the video it became is seen), the
// section is read again every two seconds from its own address
// (data-poll, an HTML fragment) and swapped in. Without JavaScript the
// status is as of the page's loading.
(function () {
  'use strict';
  if (!window.fetch || !window.DOMParser) {
    return;
  }
  var every = 2000;
  var working = function (el) {
    var s = el.getAttribute('data-state');
    return s === 'queued' || s === 'probing' || s === 'processing';
  };
  // A screen reader is told when a video's state changes (not at each
  // step of its progress), in one polite live region of the page.
  var live = document.createElement('p');
  live.className = 'visually-hidden';
  live.setAttribute('role', 'status');
  live.setAttribute('data-video-announce', '');
  (document.querySelector('main') || document.body).appendChild(live);
  var announce = function (section) {
    live.textContent = section.getAttribute('data-announce') || '';
  };
  // followed: the ids of the sections being followed, each with the polls
  // left before a video is seen at work after an upload.
  var followed = {};
  var follow = function (id, waiting) {
    if (id in followed) {
      followed[id] = Math.max(followed[id], waiting);
      return;
    }
    followed[id] = waiting;
    var tick = function () {
      var el = document.getElementById(id);
      if (!el || !el.getAttribute('data-poll')) {
        delete followed[id];
        return;
      }
      fetch(el.getAttribute('data-poll'), { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'text/html' } })
        .then(function (resp) {
          if (!resp.ok) {
            throw new Error('status ' + resp.status);
          }
          return resp.text();
        })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById(id);
          var cur = document.getElementById(id);
          if (!fresh || !cur) {
            delete followed[id];
            return;
          }
          var changed = cur.getAttribute('data-state') !== fresh.getAttribute('data-state');
          cur.replaceWith(document.importNode(fresh, true));
          if (changed) {
            announce(document.getElementById(id));
          }
          if (working(fresh)) {
            followed[id] = 0;
          } else if (followed[id] > 0) {
            followed[id]--;
          } else {
            delete followed[id];
            return;
          }
          setTimeout(tick, every);
        })
        .catch(function () {
          setTimeout(tick, 5 * every);
        });
    };
    setTimeout(tick, every);
  };
  document.querySelectorAll('.video-status[data-poll]').forEach(function (el) {
    if (working(el)) {
      follow(el.id, 0);
    }
  });
  document.addEventListener('tandem:video-uploaded', function (e) {
    follow('video-' + e.detail.item, 30);
  });
})();
