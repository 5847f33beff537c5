// Reorders a collection's contributions by dragging their rows: once a row
// is dropped in its new place, the order of every row is sent as the
// form's "order" field (ids, comma-separated), as the server's order
// handler reads it. Without JavaScript the up and down buttons of each
// row do the same one place at a time.
(function () {
  'use strict';
  var body = document.querySelector('tbody[data-reorder]');
  var form = document.getElementById('reorder-form');
  if (!body || !form) {
    return;
  }
  var dragged = null;
  body.addEventListener('dragstart', function (e) {
    dragged = e.target.closest('tr');
    if (dragged) {
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', dragged.dataset.id);
      dragged.classList.add('dragging');
    }
  });
  body.addEventListener('dragover', function (e) {
    var over = e.target.closest('tr');
    if (!dragged || !over || over === dragged) {
      return;
    }
    e.preventDefault();
    var box = over.getBoundingClientRect();
    var after = e.clientY > box.top + box.height / 2;
    body.insertBefore(dragged, after ? over.nextSibling : over);
  });
  body.addEventListener('dragend', function () {
    if (dragged) {
      dragged.classList.remove('dragging');
    }
  });
  body.addEventListener('drop', function (e) {
    if (!dragged) {
      return;
    }
    e.preventDefault();
    var ids = Array.prototype.map.call(body.querySelectorAll('tr[data-id]'), function (tr) { return tr.dataset.id; });
    dragged = null;
    form.elements.order.value = ids.join(',');
    form.submit();
  });
})();
