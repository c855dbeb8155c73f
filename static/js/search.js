// The search page. The index (package search of furusato, which says what
// it holds) is split in files: index.json names them, and a query fetches
// only the shards of its terms and the chunks of the pages it shows, and
// the pages of the results on the screen, for their excerpts. Every
// word shown comes from site.yaml through the template's data attributes;
// results are built from text nodes, never from HTML.
(function () {
  "use strict";
  var root = document.querySelector("[data-search]");
  if (!root) return;
  var form = root.querySelector("form");
  var input = form.querySelector("input[name=q]");
  var status = root.querySelector("[role=status]");
  var list = root.querySelector("[data-results]");
  var indexURL = new URL(root.getAttribute("data-search"), location.href);
  var langNames = {};
  root.querySelectorAll("[data-langs] [data-code]").forEach(function (el) {
    langNames[el.getAttribute("data-code")] = el.textContent;
  });
  var MAX_QUERY = 100; // characters of a query that are read
  var SHOWN = 50; // results shown

  var files = {};
  function load(name) {
    if (!files[name]) {
      files[name] = fetch(new URL(name, indexURL)).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + name);
        return r.json();
      });
      files[name].catch(function () { delete files[name]; });
    }
    return files[name];
  }

  // The same normalization and splitting as package search.
  function normalize(s) {
    return s.normalize("NFKC").toLowerCase().replace(/[\u30a1-\u30f6]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0x60);
    });
  }
  var cjkRe = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆ゝゞヽヾ]/u;
  var wordRe = /[\p{L}\p{Nd}\p{Mn}]/u;
  function kind(ch) {
    var cp = ch.codePointAt(0);
    if ("ー々〆ゝゞヽヾ".indexOf(ch) >= 0 || (cp >= 0x2e80 && cjkRe.test(ch))) return 1;
    return wordRe.test(ch) ? 2 : 0;
  }
  function isKana(ch) {
    var cp = ch.codePointAt(0);
    return (cp >= 0x3041 && cp <= 0x309f) || ch === "ー";
  }
  // runs splits normalized text into runs of CJK characters and words,
  // each with where it starts (in UTF-16 units).
  function runs(s) {
    var out = [], cur = "", k = 0, start = 0, i = 0;
    for (var ch of s) {
      var kk = kind(ch);
      if (kk !== k) {
        if (k) out.push({ text: cur, cjk: k === 1, start: start });
        cur = "";
        k = kk;
        start = i;
      }
      cur += ch;
      i += ch.length;
    }
    if (k) out.push({ text: cur, cjk: k === 1, start: start });
    return out;
  }
  var stems = new Map();
  function stem(w) {
    var s = stems.get(w);
    if (s === undefined) {
      s = stemWord(w);
      if (stems.size < 50000) stems.set(w, s);
    }
    return s;
  }
  // porter2.js folds -ise to -ize and stems, as the index does.
  function stemWord(w) {
    return window.furusatoStem ? window.furusatoStem(w) : w;
  }

  // Shards: meta.t lists the first term of each, in order.
  function shardOf(meta, term) {
    var lo = 0, hi = meta.t.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (meta.t[mid][0] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  // decode reads a term's pages: [page - previous page, score, ...], the
  // score of a Japanese term shifted left by meta.mask over its mask.
  function decode(meta, term, arr) {
    var m = new Map(), doc = 0, bits = kind(String.fromCodePoint(term.codePointAt(0))) === 1 ? meta.mask : 0;
    for (var i = 0; i < arr.length; i += 2) {
      doc += arr[i];
      m.set(doc, { score: arr[i + 1] >>> bits, mask: arr[i + 1] & ((1 << bits) - 1) });
    }
    return m;
  }
  var decoded = new Map(); // term → its pages, as read once
  function exact(meta, term) {
    if (!meta.t.length) return Promise.resolve(new Map());
    if (decoded.has(term)) return Promise.resolve(decoded.get(term));
    return load(meta.t[shardOf(meta, term)][1]).then(function (shard) {
      var m = Object.prototype.hasOwnProperty.call(shard, term) ? decode(meta, term, shard[term]) : new Map();
      if (decoded.size < 1000) decoded.set(term, m);
      return m;
    });
  }
  // prefix merges the pages of every term that starts with p.
  function prefix(meta, p) {
    if (!meta.t.length) return Promise.resolve(new Map());
    var i = shardOf(meta, p), names = [meta.t[i][1]];
    while (i + 1 < meta.t.length && meta.t[i + 1][0].lastIndexOf(p, 0) === 0 && names.length < 8) {
      names.push(meta.t[++i][1]);
    }
    return Promise.all(names.map(load)).then(function (shards) {
      var out = new Map();
      shards.forEach(function (shard) {
        Object.keys(shard).forEach(function (term) {
          if (term.lastIndexOf(p, 0) !== 0) return;
          decode(meta, term, shard[term]).forEach(function (v, doc) {
            var o = out.get(doc);
            if (!o || o.score < v.score) out.set(doc, v);
          });
        });
      });
      return out;
    });
  }
  function rotate(mask, n, bits) {
    n %= bits;
    return ((mask >>> n) | (mask << (bits - n))) & ((1 << bits) - 1);
  }

  // match finds the pages of one run of the query: a map of page to score.
  function match(meta, r, last) {
    if (!r.cjk) {
      var w = r.text, lookups = [exact(meta, stem(w))];
      if (last && w.length >= 3) lookups.push(prefix(meta, w));
      return Promise.all(lookups).then(function (maps) {
        var out = new Map();
        maps.forEach(function (m) {
          m.forEach(function (v, doc) { out.set(doc, Math.max(out.get(doc) || 0, v.score)); });
        });
        return out;
      });
    }
    var chars = Array.from(r.text);
    if (chars.length === 1) {
      return prefix(meta, r.text).then(function (m) {
        var out = new Map();
        m.forEach(function (v, doc) { out.set(doc, v.score); });
        return out;
      });
    }
    // Pairs where kana meets kanji are not indexed (package search): the
    // others keep their offsets, which the masks check.
    var pairs = [], offsets = [];
    for (var i = 0; i + 1 < chars.length; i++) {
      if (isKana(chars[i]) === isKana(chars[i + 1])) {
        pairs.push(chars[i] + chars[i + 1]);
        offsets.push(i);
      }
    }
    if (!pairs.length) return match(meta, { text: chars[0], cjk: true }, last);
    var lookups = pairs.map(function (p) { return exact(meta, p); });
    if (chars.length >= 3) lookups.push(exact(meta, r.text)); // a whole word of a title
    return Promise.all(lookups).then(function (maps) {
      var word = chars.length >= 3 ? maps.pop() : new Map();
      var out = new Map();
      maps[0].forEach(function (v, doc) {
        var mask = v.mask, score = v.score;
        for (var k = 1; k < maps.length && mask; k++) {
          var o = maps[k].get(doc);
          if (!o) { mask = 0; break; }
          mask &= rotate(o.mask, offsets[k] - offsets[0], meta.mask);
          score = Math.min(score, o.score);
        }
        if (mask) out.set(doc, score + (word.has(doc) ? word.get(doc).score : 0));
      });
      return out;
    });
  }

  function search(q) {
    var norm = normalize(q.slice(0, MAX_QUERY));
    var rs = runs(norm).slice(0, 10);
    if (!rs.length) return Promise.resolve(null);
    var endsInWord = kind(Array.from(norm).pop() || " ") !== 0;
    rs[rs.length - 1].last = endsInWord;
    return load("index.json").then(function (meta) {
      return Promise.all(rs.map(function (r, i) { return match(meta, r, i === rs.length - 1 && endsInWord); }))
        .then(function (maps) {
          var scores = maps[0];
          for (var i = 1; i < maps.length; i++) {
            var next = new Map();
            scores.forEach(function (s, doc) {
              if (maps[i].has(doc)) next.set(doc, s + maps[i].get(doc));
            });
            scores = next;
          }
          var docs = Array.from(scores.keys());
          docs.sort(function (a, b) {
            return (a >= meta.own) - (b >= meta.own) || scores.get(b) - scores.get(a) || a - b;
          });
          return { meta: meta, docs: docs, runs: rs };
        });
    });
  }

  function chunkOf(meta, doc) {
    var i = 0;
    while (i + 1 < meta.d.length && meta.d[i + 1][0] <= doc) i++;
    return i;
  }
  function pages(meta, docs) {
    var need = {};
    docs.forEach(function (d) { need[chunkOf(meta, d)] = true; });
    return Promise.all(Object.keys(need).map(function (i) {
      return load(meta.d[i][1]).then(function (chunk) { return [+i, chunk]; });
    })).then(function (chunks) {
      var byChunk = {};
      chunks.forEach(function (c) { byChunk[c[0]] = c[1]; });
      return docs.map(function (d) {
        var i = chunkOf(meta, d);
        return byChunk[i][d - meta.d[i][0]];
      });
    });
  }

  // A result's excerpt is cut out of its page, fetched when the result
  // is shown near the screen (the index holds no text): the text of the
  // page's elements marked data-search-body (its Markdown, as the index
  // read it), or, in a theme that marks none, of its article or main
  // without title, navigation and scripts; a line per block, normalized
  // once to find the query in it.
  var MAX_TEXT = 20000; // characters of a page read for its excerpt
  var BLOCK = /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|BR|CAPTION|DD|DIV|DL|DT|FIGCAPTION|FIGURE|FOOTER|H[2-6]|HEADER|HR|LI|OL|P|PRE|SECTION|TABLE|TD|TH|TR|UL)$/;
  var SKIP = /^(BUTTON|H1|IFRAME|NAV|NOSCRIPT|SCRIPT|SELECT|STYLE|SVG|TEMPLATE|TEXTAREA)$/;
  function pageText(doc) {
    var parts = [];
    function walk(el) {
      for (var n = el.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === 3) {
          parts.push(n.data.replace(/[ \t\n\r\f]+/g, " "));
        } else if (n.nodeType === 1) {
          var tag = n.tagName.toUpperCase();
          if (SKIP.test(tag) || n.hidden || n.getAttribute("aria-hidden") === "true") continue;
          var block = BLOCK.test(tag);
          if (block) parts.push("\n");
          walk(n);
          if (block) parts.push("\n");
        }
      }
    }
    var roots = Array.prototype.filter.call(doc.querySelectorAll("[data-search-body]"), function (el) {
      return !el.parentElement.closest("[data-search-body]");
    });
    if (!roots.length) roots = [doc.querySelector("main article") || doc.querySelector("main") || doc.body];
    roots.forEach(function (el) {
      walk(el);
      parts.push("\n");
    });
    return parts.join("").replace(/ *\n[\n ]*/g, "\n").trim().slice(0, MAX_TEXT);
  }
  // prepare normalizes a page's text, with where each character of the
  // normalized text comes from in the text, and its words.
  function prepare(text) {
    var norm = "", at = [];
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i), ch = String.fromCodePoint(cp), n = cp < 0x80 ? ch.toLowerCase() : normalize(ch);
      for (var k = 0; k < n.length; k++) at.push(i);
      norm += n;
      i += ch.length;
    }
    at.push(text.length);
    return { text: text, norm: norm, at: at, words: runs(norm).filter(function (w) { return !w.cjk; }) };
  }
  var texts = new Map(); // URL → the promise of its page's prepared text
  function textOf(url) {
    if (!texts.has(url)) {
      if (texts.size >= 60) texts.delete(texts.keys().next().value); // the oldest
      var p = fetch(new URL(url, location.href)).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + url);
        return r.text();
      }).then(function (html) {
        return prepare(pageText(new DOMParser().parseFromString(html, "text/html")));
      });
      p.catch(function () { if (texts.get(url) === p) texts.delete(url); });
      texts.set(url, p);
    }
    return texts.get(url);
  }

  // hitsIn finds the query's runs in a prepared text (see prepare): where
  // each match starts and ends in the text, in order.
  function hitsIn(page, rs) {
    var norm = page.norm, at = page.at;
    var hits = [];
    rs.forEach(function (r) {
      if (r.cjk) {
        for (var from = 0, p; (p = norm.indexOf(r.text, from)) >= 0 && hits.length < 50; from = p + r.text.length) {
          hits.push([at[p], at[p + r.text.length]]);
        }
        return;
      }
      // A word is marked where a word of the text has its stem, or,
      // for the word being typed, starts with it.
      var want = stem(r.text);
      page.words.forEach(function (w) {
        if (hits.length < 50 && (stem(w.text) === want || (r.last && w.text.lastIndexOf(r.text, 0) === 0))) {
          hits.push([at[w.start], at[w.start + w.text.length]]);
        }
      });
    });
    return hits.sort(function (a, b) { return a[0] - b[0]; });
  }

  // appendMarked appends text[from:to] to el as text nodes made by show,
  // the hits in it each in a mark element.
  function appendMarked(el, text, hits, from, to, show) {
    var pos = from;
    hits.forEach(function (h) {
      if (h[0] < pos || h[0] >= to) return;
      el.appendChild(show(text.slice(pos, h[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(h[0], Math.min(h[1], to));
      el.appendChild(mark);
      pos = Math.min(h[1], to);
    });
    el.appendChild(show(text.slice(pos, to)));
  }
  function textNode(s) { return document.createTextNode(s); }

  // excerpt shows a page's text around the first match, the matches
  // marked. Offsets into the normalized text are mapped back to the text.
  function excerpt(page, rs) {
    var text = page.text;
    var hits = hitsIn(page, rs);
    var first = hits.length ? hits[0][0] : 0;
    var start = Math.max(0, first - 30);
    // Spaced text starts and stops between words, not inside one.
    var space = /[\s]/;
    if (start > 0 && !space.test(text[start - 1])) {
      for (var j = start; j < first; j++) {
        if (space.test(text[j])) { start = j + 1; break; }
      }
    }
    // More than three lines hold, even on a wide screen: the clamp (CSS)
    // shows three, so that an excerpt takes the room kept for it.
    var stop = Math.min(text.length, start + 320);
    if (stop < text.length && !space.test(text[stop])) {
      for (var e = stop - 1; e > Math.max(start, first) && e > stop - 30; e--) {
        if (space.test(text[e])) { stop = e; break; }
      }
    }
    var p = document.createElement("p");
    p.className = "search-excerpt";
    // The text has a line per block: a heading and the paragraph after it
    // are shown apart.
    if (start > 0) p.appendChild(textNode("…"));
    appendMarked(p, text, hits, start, stop, function (s) { return textNode(s.replace(/\s*\n\s*/g, " — ")); });
    if (stop < text.length) p.appendChild(textNode("…"));
    return p;
  }

  function count(n) {
    if (n === 0) return root.getAttribute("data-none");
    var t = n === 1 ? root.getAttribute("data-count-one") : root.getAttribute("data-count");
    return t.replace("{n}", String(n));
  }

  var NEAR = 400; // px below the screen within which a result's excerpt is filled
  var fills = new Map(); // a result below the screen → what fills its excerpt
  var observer = window.IntersectionObserver && new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      var fill = fills.get(e.target);
      if (e.isIntersecting && fill) {
        observer.unobserve(e.target);
        fills.delete(e.target);
        fill();
      }
    });
  }, { rootMargin: NEAR + "px 0px" });

  var seq = 0;
  function run(push) {
    var q = input.value, section = (form.querySelector("input[name=section]:checked") || {}).value || "";
    var mine = ++seq;
    if (push) {
      var params = new URLSearchParams();
      if (q) params.set("q", q);
      if (section) params.set("section", section);
      var s = params.toString();
      history.replaceState(null, "", location.pathname + (s ? "?" + s : ""));
    }
    return search(q).then(function (res) {
      if (mine !== seq) return;
      if (!res) {
        list.replaceChildren();
        status.textContent = q.trim() ? count(0) : "";
        return;
      }
      var meta = res.meta, docs = res.docs;
      if (section) {
        var idx = meta.sections.indexOf(section);
        docs = docs.filter(function (d) { return meta.ds[d] === idx; });
      }
      var shown = docs.slice(0, SHOWN);
      return pages(meta, shown).then(function (ps) {
        if (mine !== seq) return;
        var items = ps.map(function (page) {
          var li = document.createElement("li");
          if (page.l) li.lang = page.l;
          var a = document.createElement("a");
          a.href = page.u;
          // The title marks the query too: it may be the only place a
          // page has it.
          appendMarked(a, page.t, hitsIn(prepare(page.t), res.runs), 0, page.t.length, textNode);
          var h = document.createElement("h2");
          h.appendChild(a);
          li.appendChild(h);
          var info = document.createElement("p");
          info.className = "search-info";
          var sec = meta.titles[meta.sections.indexOf(page.s)];
          if (sec) {
            var s = document.createElement("span");
            s.lang = document.documentElement.lang;
            s.textContent = sec;
            info.appendChild(s);
          }
          if (page.l) {
            var l = document.createElement("span");
            l.className = "search-lang";
            l.textContent = langNames[page.l] || page.l;
            info.appendChild(l);
          }
          li.appendChild(info);
          var p = document.createElement("p");
          p.className = "search-excerpt";
          li.appendChild(p);
          return li;
        });
        if (observer) observer.disconnect();
        fills = new Map();
        list.replaceChildren.apply(list, items);
        status.textContent = count(docs.length);
        // The excerpts of the results on the screen or just below it now;
        // the others' when they come near it.
        var now = [];
        items.forEach(function (li, i) {
          var fill = function () {
            return textOf(ps[i].u).then(function (page) {
              if (mine === seq) li.replaceChild(excerpt(page, res.runs), li.lastChild);
            }).catch(function () {
              li.lastChild.hidden = true; // a page that does not load shows no excerpt, nor its room
            });
          };
          if (!observer || li.getBoundingClientRect().top < innerHeight + NEAR) {
            now.push(fill());
          } else {
            fills.set(li, fill);
            observer.observe(li);
          }
        });
        return Promise.all(now);
      });
    }).catch(function () {
      if (mine === seq) status.textContent = root.getAttribute("data-failed");
    });
  }

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  var wanted = params.get("section");
  form.querySelectorAll("input[name=section]").forEach(function (r) {
    if (wanted !== null) r.checked = r.value === wanted;
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    run(true);
  });
  input.addEventListener("input", function () { run(true); });
  form.addEventListener("change", function (e) {
    if (e.target.name === "section") run(true);
  });
  root.removeAttribute("data-nojs");
  if (input.value) run(false);
  // For tests and for measuring: the promise of the last query.
  window.furusatoSearch = function (q, section) {
    input.value = q;
    form.querySelectorAll("input[name=section]").forEach(function (r) { r.checked = r.value === (section || ""); });
    return run(true);
  };
})();
