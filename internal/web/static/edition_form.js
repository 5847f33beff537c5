// The edition form's time zone follows the publisher of record: choosing
// another publisher puts its country's zone (each radio's data-zone) in
// the zone field, unless the field holds a zone typed by hand (neither
// empty nor the zone of the publisher chosen before). Without JavaScript
// the office sets the zone itself; the server's default is the first
// publisher's.
(function () {
  'use strict';
  var zone = document.querySelector('input[name="zone"]');
  var radios = document.querySelectorAll('input[name="publisher"][data-zone]');
  if (!zone || !radios.length) {
    return;
  }
  var checked = document.querySelector('input[name="publisher"]:checked');
  var previous = checked ? checked.getAttribute('data-zone') : '';
  radios.forEach(function (r) {
    r.addEventListener('change', function () {
      var next = r.getAttribute('data-zone');
      if (next && (zone.value === '' || zone.value === previous)) {
        zone.value = next;
      }
      previous = next;
    });
  });
})();
