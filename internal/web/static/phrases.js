// phrases.js keeps Chinese headings and short texts from breaking inside a
// word.
//
// Chromium breaks Chinese text between any two characters, and balancing a
// heading's lines (text-wrap: balance) happily puts a break inside a word
// such as 纪念; a byline or a caption set on a phone breaks 照/片 as readily;
// phrase breaking (word-break: auto-phrase) serves only Japanese. So this
// script finds the words of each Chinese text in a heading or a short text
// (see phrased) with the browser's own dictionary (Intl.Segmenter), puts a
// <wbr> between two words, and marks the element "phrased", which the style
// sheet sets in word-break: keep-all: lines then break only at those <wbr>s
// and at punctuation. Where the dictionary does not know a word (a name, a
// new term) it returns single characters; a run of them is kept whole, so
// no break is made next to a one-character segment. A text whose writer
// marked its breaks (class "hinted": 中国|社会科学院) keeps their marks
// only, and a date or number kept whole (class "nw": 二十周年) gets none. Without the script, or without Intl.Segmenter, Chinese headings wrap
// as plain text, unbalanced.
(function () {
  "use strict";
  if (!window.Intl || !Intl.Segmenter) {
    return;
  }
  var segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  var han = /\p{Script=Han}/u;

  // phrased are the elements whose Chinese text is phrased: headings, and
  // the short texts of the site's pages: bylines and other lines of
  // metadata, captions with their credits, themes, breadcrumbs, positions,
  // facts, tags, links to the previous and next speech. Running text
  // (articles, summaries, notes) breaks between characters, as Chinese
  // print does.
  var phrased = "h1, h2, h3, .kicker, .meta, .theme, figcaption, .crumbs li, .person-position, .position, " +
    ".facts dd, .related, .tag, .zone, .speech-pager a, .overview li";

  // breaks returns the offsets in text where a line may break: between two
  // adjacent word-like segments of two or more characters each.
  function breaks(text) {
    var out = [];
    var prev = null;
    for (var s of segmenter.segment(text)) {
      var long = s.isWordLike && Array.from(s.segment).length >= 2;
      if (prev && prev.long && long && (han.test(prev.segment) || han.test(s.segment))) {
        out.push(s.index);
      }
      prev = { segment: s.segment, long: long };
    }
    return out;
  }

  function phrase(el) {
    if (el.classList.contains("phrased") || el.parentElement.closest(".phrased")) {
      return; // inside one already done
    }
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) {
      var n = walker.currentNode;
      if (han.test(n.data) && n.parentElement && n.parentElement.matches(":lang(zh)")) {
        nodes.push(n);
      }
    }
    nodes.forEach(function (n) {
      if (n.parentElement.closest(".hinted, .nw")) {
        return; // the writer's breaks; a unit kept whole (a <wbr> would break it)
      }
      var at = breaks(n.data);
      for (var i = at.length - 1; i >= 0; i--) {
        var rest = n.splitText(at[i]);
        n.parentNode.insertBefore(document.createElement("wbr"), rest);
      }
    });
    if (nodes.length > 0) {
      el.classList.add("phrased");
    }
  }

  document.querySelectorAll(phrased).forEach(phrase);
})();
