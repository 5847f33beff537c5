// phrases.js keeps Chinese headings from breaking inside a word.
//
// Chromium breaks Chinese text between any two characters, and balancing a
// heading's lines (text-wrap: balance) happily puts a break inside a word
// such as 纪念; its phrase breaking (word-break: auto-phrase) serves only
// Japanese. So this script finds the words of each Chinese text in a heading
// with the browser's own dictionary (Intl.Segmenter), puts a <wbr> between
// two words, and marks the heading "phrased", which the style sheet sets in
// word-break: keep-all: lines then break only at those <wbr>s and at
// punctuation. Where the dictionary does not know a word (a name, a new
// term) it returns single characters; a run of them is kept whole, so no
// break is made next to a one-character segment. Without the script, or
// without Intl.Segmenter, Chinese headings wrap as plain text, unbalanced.
(function () {
  "use strict";
  if (!window.Intl || !Intl.Segmenter) {
    return;
  }
  var segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  var han = /\p{Script=Han}/u;

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

  function phrase(heading) {
    var walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) {
      var n = walker.currentNode;
      if (han.test(n.data) && n.parentElement && n.parentElement.matches(":lang(zh)")) {
        nodes.push(n);
      }
    }
    nodes.forEach(function (n) {
      var at = breaks(n.data);
      for (var i = at.length - 1; i >= 0; i--) {
        var rest = n.splitText(at[i]);
        n.parentNode.insertBefore(document.createElement("wbr"), rest);
      }
    });
    if (nodes.length > 0) {
      heading.classList.add("phrased");
    }
  }

  document.querySelectorAll("h1, h2, h3").forEach(phrase);
})();
