// The translation workbench's editor. The page is readable without it;
// with it each segment's translation becomes editable, with the keys the
// page lists: Ctrl+Enter confirms (a reviewer: approves) and goes to the
// next open segment, Alt/Ctrl+Up/Down move (a changed translation is saved
// as a draft on the way), Ctrl+Alt+1..5 put in a memory suggestion,
// Alt+Shift+1..9 put term N's translation at the cursor, Ctrl+Alt+S copies
// the source, Ctrl+Alt+K puts back a missing inline code, Ctrl+S saves a
// draft, Ctrl+Alt+R returns a segment (reviewer). Keys browsers keep for
// themselves (Ctrl+1..5 switch tabs, Ctrl+Shift+R reloads, Ctrl+Shift+K
// opens a console) have these others; the old ones still work where a
// browser passes them on. Inline codes are chips that can be moved but not
// typed; the server refuses a translation that loses or invents one, and a
// save of a segment someone else changed meanwhile, which is then shown
// with both texts.
(function () {
  'use strict';
  var wb = document.getElementById('workbench');
  if (!wb || !window.fetch) {
    return;
  }
  var base = '/office/translations/' + wb.getAttribute('data-translation') + '/segments/';
  var review = wb.hasAttribute('data-review');
  var editable = wb.hasAttribute('data-translate') && !review;
  var msg = function (name) { return wb.getAttribute('data-msg-' + name) || ''; };
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.seg'));
  var active = null;
  var matches = [];
  var termHits = [];
  var OPEN = { 'new': true, draft: true, needs_review: true };

  var targetOf = function (row) { return row.querySelector('[data-target]'); };
  var sourceOf = function (row) { return row.querySelector('.source'); };

  // serialize reads an element's text and chips as runs.
  var serialize = function (el) {
    var runs = [];
    var text = function (s) {
      if (!s) {
        return;
      }
      var last = runs[runs.length - 1];
      if (last && last.c === undefined) {
        last.t += s;
      } else {
        runs.push({ t: s });
      }
    };
    var walk = function (node) {
      node.childNodes.forEach(function (n) {
        if (n.nodeType === 3) {
          text(n.nodeValue.replace(/\u00a0/g, ' '));
        } else if (n.nodeType === 1 && n.classList.contains('code')) {
          runs.push({ c: n.getAttribute('data-c'), id: n.getAttribute('data-id') });
        } else if (n.nodeType === 1 && n.nodeName === 'BR') {
          // A line break typed by accident is not part of a sentence.
        } else if (n.nodeType === 1) {
          walk(n);
        }
      });
    };
    walk(el);
    return runs;
  };
  var same = function (a, b) { return JSON.stringify(a) === JSON.stringify(b); };

  // chip returns a chip for code run r: the source's own, cloned, so that
  // it keeps its label and tooltip.
  var chip = function (row, r) {
    var found = sourceOf(row).querySelector('.code[data-c="' + r.c + '"][data-id="' + CSS.escape(r.id) + '"]');
    var el;
    if (found) {
      el = found.cloneNode(true);
    } else {
      el = document.createElement('span');
      el.className = 'code';
      el.setAttribute('data-c', r.c);
      el.setAttribute('data-id', r.id);
      el.textContent = r.id;
    }
    el.setAttribute('contenteditable', 'false');
    el.setAttribute('draggable', 'true');
    return el;
  };
  var render = function (row, el, runs) {
    el.textContent = '';
    runs.forEach(function (r) {
      el.appendChild(r.c ? chip(row, r) : document.createTextNode(r.t));
    });
  };

  var codes = function (runs) {
    return runs.filter(function (r) { return r.c; }).map(function (r) { return r.c + ':' + r.id; });
  };
  // missing lists the source's codes the translation lacks.
  var missing = function (row) {
    var have = codes(serialize(targetOf(row)));
    return serialize(sourceOf(row)).filter(function (r) {
      if (!r.c) {
        return false;
      }
      var i = have.indexOf(r.c + ':' + r.id);
      if (i >= 0) {
        have.splice(i, 1);
        return false;
      }
      return true;
    });
  };
  var showMissing = function (row) {
    var box = row.querySelector('.wb-missing');
    var lost = missing(row);
    box.textContent = '';
    box.hidden = !lost.length;
    if (!lost.length) {
      return;
    }
    box.appendChild(document.createTextNode(msg('missing') + ' '));
    lost.forEach(function (r) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'link';
      b.appendChild(chip(row, r));
      b.addEventListener('click', function () { insertNode(row, chip(row, r)); });
      box.appendChild(b);
    });
  };

  // insertNode puts node at the caret in the row's translation, or at its
  // end when the caret is elsewhere.
  var insertNode = function (row, node) {
    var t = targetOf(row);
    var sel = window.getSelection();
    if (sel.rangeCount && t.contains(sel.getRangeAt(0).startContainer)) {
      var range = sel.getRangeAt(0);
      range.deleteContents();
      range.insertNode(node);
      range.setStartAfter(node);
      range.collapse(true);
      sel.removeAllRanges();
      sel.addRange(range);
    } else {
      t.appendChild(node);
    }
    showMissing(row);
  };
  var caretToEnd = function (el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    range.collapse(false);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  };

  var status = function (row, text, bad) {
    var p = row.querySelector('.wb-status');
    p.textContent = text;
    p.classList.toggle('bad', !!bad);
  };

  // apply shows a segment as the server returned it.
  var apply = function (row, seg) {
    row.setAttribute('data-version', seg.version);
    row.setAttribute('data-state', seg.state);
    var badge = row.querySelector('.wb-meta .wb-state');
    badge.className = 'wb-state state-' + seg.state;
    badge.textContent = seg.stateLabel;
    row.querySelector('.wb-who').textContent = seg.who;
    var t = targetOf(row);
    if (!same(serialize(t), seg.target)) {
      render(row, t, seg.target);
    }
    t.setAttribute('data-saved', JSON.stringify(seg.target));
    row.classList.toggle('returned', seg.returned);
    var comment = row.querySelector('.wb-comment');
    if (comment && !seg.returned) {
      comment.remove();
    }
    var list = row.querySelector('.wb-findings');
    list.textContent = '';
    (seg.findings || []).forEach(function (f) {
      var li = document.createElement('li');
      li.className = f.Error ? 'error' : 'warning';
      li.setAttribute('data-check', f.Check);
      var strong = document.createElement('strong');
      strong.textContent = f.Label;
      var detail = document.createElement('span');
      detail.textContent = f.Detail;
      li.appendChild(strong);
      li.appendChild(document.createTextNode(' '));
      li.appendChild(detail);
      list.appendChild(li);
    });
    var old = row.querySelector('.wb-conflict');
    if (old) {
      old.remove();
    }
    showMissing(row);
  };

  // counts shows the number of segments in each state, from a save's
  // answer, in the table of states and the state filter's choices.
  var counts = function (states) {
    states.forEach(function (st) {
      var tr = document.querySelector('.wb-states tr[data-state="' + st.state + '"]');
      if (tr) {
        tr.querySelector('.wb-n').textContent = st.segments;
        tr.querySelector('.wb-chars').textContent = st.chars;
        tr.hidden = st.segments === 0;
      }
      var opt = document.querySelector('.wb-filters select[name=state] option[value="' + st.state + '"]');
      if (opt) {
        opt.textContent = opt.getAttribute('data-label') + ' (' + st.segments + ')';
      }
    });
  };

  // post sends an edit of a row's segment; it resolves to true when it was
  // stored.
  var post = function (row, body) {
    body.version = parseInt(row.getAttribute('data-version'), 10);
    status(row, msg('saving'));
    return fetch(base + row.getAttribute('data-id'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body)
    }).then(function (resp) {
      var type = resp.headers.get('Content-Type') || '';
      if (type.indexOf('application/json') !== 0) {
        status(row, msg('signin'), true);
        return false;
      }
      return resp.json().then(function (data) {
        if (resp.ok) {
          apply(row, data.segment);
          status(row, data.notice || msg('saved'), data.noticeBad);
          var bar = document.getElementById('wb-progress');
          bar.value = data.percent;
          bar.textContent = data.percent + '%';
          document.getElementById('wb-progress-text').textContent = data.progress;
          counts(data.states || []);
          return data;
        }
        status(row, data.error || msg('failed'), true);
        if (resp.status === 409 && data.conflict) {
          conflict(row, data.conflict, body);
        }
        return false;
      });
    }).catch(function () {
      status(row, msg('failed'), true);
      return false;
    });
  };

  // conflict shows the text someone else saved beside the reader's, and
  // lets them keep either.
  var conflict = function (row, theirs, body) {
    // The badge and who/when say where the segment now stands; the
    // version stays the one the reader edited until they choose.
    var badge = row.querySelector('.wb-meta .wb-state');
    badge.className = 'wb-state state-' + theirs.state;
    badge.textContent = theirs.stateLabel;
    row.querySelector('.wb-who').textContent = theirs.who;
    var box = document.createElement('div');
    box.className = 'wb-conflict';
    var line = function (label, runs) {
      var p = document.createElement('p');
      var l = document.createElement('span');
      l.className = 'wb-label';
      l.textContent = label + ' ';
      var text = document.createElement('span');
      render(row, text, runs);
      p.appendChild(l);
      p.appendChild(text);
      box.appendChild(p);
    };
    line(msg('theirs'), theirs.target);
    var mine = body.target || serialize(targetOf(row));
    line(msg('mine'), mine);
    var keep = document.createElement('button');
    keep.type = 'button';
    keep.textContent = msg('keep-theirs');
    keep.addEventListener('click', function () {
      apply(row, theirs);
      status(row, '');
      targetOf(row).focus();
    });
    var over = document.createElement('button');
    over.type = 'button';
    over.textContent = msg('keep-mine');
    over.addEventListener('click', function () {
      row.setAttribute('data-version', theirs.version);
      box.remove();
      post(row, body);
    });
    box.appendChild(keep);
    box.appendChild(document.createTextNode(' '));
    box.appendChild(over);
    var old = row.querySelector('.wb-conflict');
    if (old) {
      old.remove();
    }
    row.querySelector('.wb-tgt').appendChild(box);
    if (row !== active) {
      // Raised by the draft saved on the way out of the segment: back to
      // it, so that the choice is not missed.
      go(row);
      keep.focus();
    }
  };

  var changed = function (row) {
    var t = targetOf(row);
    return !same(serialize(t), JSON.parse(t.getAttribute('data-saved')));
  };
  // save posts the row's text as a draft or a confirmation; anyway
  // confirms it despite a QA error the reader has seen (without it the
  // server holds such a confirmation as a draft). It resolves to the
  // server's answer, or false.
  var save = function (row, state, anyway) {
    return post(row, { action: 'save', state: state, target: serialize(targetOf(row)), anyway: !!anyway });
  };

  // Suggestions of the memory and terms of the termbase for the active
  // segment.
  var suggest = function (row) {
    var list = document.getElementById('wb-matches');
    var terms = document.getElementById('wb-terms');
    matches = [];
    termHits = [];
    if (!list && !terms) {
      return;
    }
    if (list) {
      list.innerHTML = '';
      var li = document.createElement('li');
      li.className = 'wb-hint';
      li.textContent = msg('loading');
      list.appendChild(li);
    }
    fetch(base + row.getAttribute('data-id') + '/suggestions', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (resp) { return resp.ok ? resp.json() : null; })
      .then(function (data) {
        if (!data || row !== active) {
          return;
        }
        matches = data.memory || [];
        termHits = data.terms || [];
        if (list) {
          list.textContent = '';
          if (!matches.length) {
            var none = document.createElement('li');
            none.className = 'wb-hint';
            none.textContent = msg('no-matches');
            list.appendChild(none);
          }
          matches.forEach(function (m, i) {
            var li = document.createElement('li');
            if (m.kind) {
              li.className = 'wb-' + m.kind;
            }
            var score = document.createElement('span');
            score.className = 'wb-score';
            score.textContent = m.score + '%';
            var src = document.createElement('span');
            src.className = 'wb-match-src';
            // Words of the match the segment lacks are marked; words of
            // the segment the match lacks are shown inserted.
            m.source.forEach(function (part) {
              var el = document.createElement(part.missing ? 'ins' : part.diff ? 'mark' : 'span');
              el.textContent = part.text;
              src.appendChild(el);
            });
            var tgt = document.createElement('span');
            tgt.className = 'wb-match-tgt';
            render(row, tgt, m.target);
            var use = document.createElement('button');
            use.type = 'button';
            use.className = 'link';
            use.textContent = msg('insert') + ' (Ctrl+Alt+' + (i + 1) + ')';
            use.addEventListener('click', function () { useMatch(i); });
            // An uploaded file's text is no match: it has no score.
            if (m.kind !== 'offer') {
              li.appendChild(score);
            }
            if (m.label) {
              var label = document.createElement('span');
              label.className = 'wb-match-label';
              label.textContent = m.label;
              li.appendChild(label);
            }
            li.appendChild(src);
            li.appendChild(tgt);
            if (editable && i < 5) {
              li.appendChild(use);
            }
            list.appendChild(li);
          });
        }
        if (terms) {
          terms.textContent = '';
          if (!(data.terms || []).length) {
            var no = document.createElement('li');
            no.className = 'wb-hint';
            no.textContent = msg('no-terms');
            terms.appendChild(no);
          }
          (data.terms || []).forEach(function (h, n) {
            var li = document.createElement('li');
            if (editable && n < 9) {
              var k = document.createElement('kbd');
              k.className = 'wb-term-key';
              k.textContent = 'Alt+Shift+' + (n + 1);
              li.appendChild(k);
              li.appendChild(document.createTextNode(' '));
            }
            li.appendChild(document.createTextNode(h.source + ' → '));
            (h.targets || []).forEach(function (t, k) {
              var b = document.createElement(editable ? 'button' : 'span');
              b.className = 'wb-term-t' + (editable ? ' link' : '');
              b.textContent = t;
              if (editable) {
                b.type = 'button';
                b.addEventListener('click', function () { insertNode(row, document.createTextNode(t)); });
              }
              if (k > 0) {
                li.appendChild(document.createTextNode(', '));
              }
              li.appendChild(b);
            });
            if (h.note) {
              li.appendChild(document.createTextNode(' (' + h.note + ')'));
            }
            terms.appendChild(li);
          });
        }
      })
      .catch(function () {});
  };

  var useMatch = function (i) {
    if (!active || !editable || !matches[i]) {
      return;
    }
    var t = targetOf(active);
    render(active, t, matches[i].target);
    t.focus();
    caretToEnd(t);
    showMissing(active);
  };

  // useTerm puts the first translation of term hit n at the caret.
  var useTerm = function (n) {
    var h = termHits[n];
    if (!active || !editable || !h || !(h.targets || []).length) {
      return;
    }
    var t = targetOf(active);
    if (!t.contains(window.getSelection().anchorNode)) {
      t.focus();
      caretToEnd(t);
    }
    insertNode(active, document.createTextNode(h.targets[0]));
  };

  var activate = function (row) {
    if (row === active) {
      return;
    }
    var prev = active;
    if (prev) {
      prev.classList.remove('active');
      if (editable && changed(prev)) {
        save(prev, 'draft');
      }
    }
    active = row;
    row.classList.add('active');
    var panel = document.getElementById(review ? 'wb-review' : 'wb-actions');
    if (panel) {
      panel.hidden = false;
    }
    suggest(row);
  };

  var go = function (row) {
    if (!row) {
      return;
    }
    var t = targetOf(row);
    t.focus();
    if (editable) {
      caretToEnd(t);
    }
    row.scrollIntoView({ block: 'nearest' });
  };
  var move = function (delta) {
    var i = active ? rows.indexOf(active) + delta : 0;
    go(rows[Math.max(0, Math.min(rows.length - 1, i))]);
  };
  // nextOpen is the next segment after the active one that waits for the
  // reader: for a translator one new, draft, needing review or returned;
  // for a reviewer one translated and not yet reviewed.
  var nextOpen = function () {
    var start = active ? rows.indexOf(active) : -1;
    for (var k = 1; k <= rows.length; k++) {
      var row = rows[(start + k) % rows.length];
      var st = row.getAttribute('data-state');
      if (review ? st === 'translated' : OPEN[st] || row.classList.contains('returned')) {
        return row;
      }
    }
    return null;
  };

  // hold keeps the reader on a segment whose confirmation the server
  // held as a draft for a QA error, with a way on: Ctrl+Enter again or
  // the button confirms it as it is.
  var hold = function (row) {
    row.setAttribute('data-held', targetOf(row).getAttribute('data-saved'));
    status(row, msg('held'), true);
    var p = row.querySelector('.wb-status');
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'wb-anyway';
    b.textContent = msg('anyway');
    b.addEventListener('click', function () { confirmAnyway(row); });
    p.appendChild(document.createTextNode(' '));
    p.appendChild(b);
  };
  var confirmAnyway = function (row) {
    save(row, 'translated', true).then(function (ok) {
      if (!ok) {
        return;
      }
      row.removeAttribute('data-held');
      active = row;
      go(nextOpen());
    });
  };
  var confirmActive = function () {
    var row = active;
    if (!row) {
      return;
    }
    if (!review && row.getAttribute('data-held') !== null && row.getAttribute('data-held') === targetOf(row).getAttribute('data-saved') &&
        !changed(row)) {
      // Held, its error seen and the text unchanged: confirmed as it is.
      confirmAnyway(row);
      return;
    }
    var done = review ? post(row, { action: 'approve' }) : save(row, 'translated');
    done.then(function (answer) {
      if (!answer) {
        return;
      }
      if (!review && answer.held) {
        hold(row);
        return;
      }
      row.removeAttribute('data-held');
      go(nextOpen());
    });
  };
  var returnActive = function () {
    var row = active;
    var box = document.getElementById('wb-comment');
    if (!row || !box) {
      return;
    }
    post(row, { action: 'return', comment: box.value }).then(function (ok) {
      if (ok) {
        status(row, msg('returned'));
        box.value = '';
        go(nextOpen());
      }
    });
  };

  rows.forEach(function (row) {
    var t = targetOf(row);
    t.setAttribute('data-saved', JSON.stringify(serialize(t)));
    t.setAttribute('tabindex', '0');
    if (editable) {
      t.setAttribute('contenteditable', 'true');
      t.setAttribute('role', 'textbox');
      t.setAttribute('aria-label', row.getAttribute('data-label'));
      t.querySelectorAll('.code').forEach(function (c) { c.setAttribute('draggable', 'true'); });
      t.addEventListener('input', function () { showMissing(row); });
      t.addEventListener('paste', function (e) {
        // Pasted text comes in as text: no formatting the source does
        // not have.
        e.preventDefault();
        var text = (e.clipboardData || window.clipboardData).getData('text/plain').replace(/[\r\n]+/g, ' ');
        insertNode(row, document.createTextNode(text));
      });
    }
    t.addEventListener('focus', function () { activate(row); });
    row.addEventListener('click', function (e) {
      if (!t.contains(e.target) && !e.target.closest('button, a, summary, details')) {
        t.focus();
      }
    });
  });

  document.querySelectorAll('[data-goto]').forEach(function (a) {
    a.addEventListener('click', function (e) {
      var row = document.getElementById('seg-' + a.getAttribute('data-goto'));
      if (row) {
        e.preventDefault();
        go(row);
      }
    });
  });
  var bind = function (id, fn) {
    var el = document.getElementById(id);
    if (el) {
      el.addEventListener('click', fn);
    }
  };
  bind('wb-confirm', confirmActive);
  bind('wb-draft', function () {
    if (active) {
      save(active, 'draft');
    }
  });
  bind('wb-approve', confirmActive);
  bind('wb-return', returnActive);

  // digit is the number key pressed, 0 for none: by its place on the
  // keyboard, since Shift or AltGr change the character it types.
  var digit = function (e) {
    var m = /^(?:Digit|Numpad)([1-9])$/.exec(e.code || '');
    if (m) {
      return parseInt(m[1], 10);
    }
    return /^[1-9]$/.test(e.key) ? parseInt(e.key, 10) : 0;
  };
  // letter is the letter key pressed, in lower case, by its place.
  var letter = function (e) {
    var m = /^Key([A-Z])$/.exec(e.code || '');
    return m ? m[1].toLowerCase() : (e.key || '').toLowerCase();
  };
  document.addEventListener('keydown', function (e) {
    var ctrl = e.ctrlKey || e.metaKey;
    var key = e.key;
    var n = digit(e);
    var l = letter(e);
    // Ctrl+Alt+letter is also how some layouts type a letter (AltGr):
    // taken only in the workbench's own keys.
    var ctrlAlt = ctrl && e.altKey && !e.shiftKey;
    var handled = true;
    if (ctrl && key === 'Enter') {
      confirmActive();
    } else if ((e.altKey || ctrl) && !e.shiftKey && (key === 'ArrowDown' || key === 'ArrowUp')) {
      move(key === 'ArrowDown' ? 1 : -1);
    } else if (n && n <= 5 && ctrl && !e.shiftKey && editable) {
      // Ctrl+Alt+N; Ctrl+N where the browser leaves it to the page.
      useMatch(n - 1);
    } else if (n && e.altKey && e.shiftKey && !ctrl && editable) {
      useTerm(n - 1);
    } else if (editable && active && (ctrlAlt && l === 's' || ctrl && e.shiftKey && !e.altKey && l === 's')) {
      var t = targetOf(active);
      render(active, t, serialize(sourceOf(active)));
      t.focus();
      caretToEnd(t);
      showMissing(active);
    } else if (editable && active && (ctrlAlt && l === 'k' || ctrl && e.shiftKey && !e.altKey && l === 'k')) {
      var lost = missing(active);
      if (lost.length) {
        insertNode(active, chip(active, lost[0]));
      }
    } else if (ctrl && !e.shiftKey && !e.altKey && l === 's' && editable && active) {
      save(active, 'draft');
    } else if (review && active && (ctrlAlt && l === 'r' || ctrl && e.shiftKey && !e.altKey && l === 'r')) {
      returnActive();
    } else if (key === 'Enter' && editable && active && targetOf(active).contains(e.target)) {
      // A segment is one sentence: Enter does not break it.
    } else {
      handled = false;
    }
    if (handled) {
      e.preventDefault();
    }
  });

  // A translator sees the segments returned to them first.
  var returned = document.querySelector('tr.seg.returned');
  if (editable && returned) {
    go(returned);
  }
})();
