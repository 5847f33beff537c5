// Keeps a contribution's form in step with its original language: when
// another language is chosen, the staff of that language (nothing is
// translated into the original) is hidden and left out of the form, the
// other languages' staff shown, and the title's and abstract's "original"
// marks move to it. Without JavaScript the server refuses staff chosen for
// the original language with a message and shows the form again.
(function () {
  'use strict';
  var select = document.getElementById('lang');
  if (!select || select.disabled) {
    return;
  }
  var follow = function () {
    var l = select.value;
    document.querySelectorAll('fieldset.staff-lang[data-lang]').forEach(function (fs) {
      var original = fs.getAttribute('data-lang') === l;
      fs.hidden = original;
      fs.disabled = original;
    });
    ['title.src', 'abstract.src'].forEach(function (name) {
      document.querySelectorAll('input[type=radio]').forEach(function (r) {
        if (r.name === name && r.value === l) {
          r.checked = true;
        }
      });
    });
  };
  select.addEventListener('change', follow);
})();
