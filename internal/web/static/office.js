// Follows work under way on an office page without reloading it, so that
// what is being typed into the page's forms stays: every three seconds it
// reads the page again and swaps in the new state of each element marked
// data-follow (matched by id), until the page marks none. Without
// JavaScript the page reloads itself instead (the <noscript> refresh in
// the layout).
(function () {
  'use strict';
  var followed = function (doc) { return doc.querySelectorAll('[data-follow][id]'); };
  if (!followed(document).length || !window.fetch || !window.DOMParser) {
    return;
  }
  var tick = function () {
    fetch(location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (resp) {
        if (!resp.ok) {
          throw new Error('status ' + resp.status);
        }
        return resp.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        followed(document).forEach(function (el) {
          var next = fresh.getElementById(el.id);
          if (next) {
            el.replaceWith(document.importNode(next, true));
          }
        });
        if (followed(document).length) {
          setTimeout(tick, 3000);
        }
      })
      .catch(function () {
        setTimeout(tick, 10000);
      });
  };
  setTimeout(tick, 3000);
})();
