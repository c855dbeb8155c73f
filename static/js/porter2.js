// The English stemmer of the search page: Snowball's English algorithm
// ("Porter2", https://snowballstem.org/algorithms/english/stemmer.html),
// written from that description for furusato. static/js/search.js calls
// window.furusatoStem on each English word of a query; it must give the
// terms the index holds, which package search of furusato makes with the
// Go snowball stemmer (internal/search/tokens.go). A test there runs this
// file under Node and checks that both agree.
(function () {
  "use strict";

  // The British endings folded to -ize before stemming, as the index does:
  // organised and organized are one word.
  var iseEndings = ["isations", "isation", "ising", "ised", "ises", "isers", "iser", "ise"];

  // Words the rules would get wrong, and what they stand for.
  var exceptions = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie",
    idly: "idl", gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl",
    sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  // Words kept as they are once step 1a has taken their plural s off.
  var afterStep1a = {
    inning: true, outing: true, canning: true, herring: true, earring: true,
    proceed: true, exceed: true, succeed: true
  };

  // Y is a y that acts as a consonant; it is not a vowel.
  function isVowel(c) { return "aeiouy".indexOf(c) >= 0; }
  function isDouble(s) { return /(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(s); }

  // The region after the first non-vowel that follows a vowel, from i on.
  function regionAfter(w, i) {
    for (; i < w.length - 1; i++) {
      if (isVowel(w[i]) && !isVowel(w[i + 1])) return i + 2;
    }
    return w.length;
  }

  // A short syllable ends s: a non-vowel, a vowel and a non-vowel other than
  // w, x or Y; or, at the start of the word, a vowel and a non-vowel.
  function endsShortSyllable(s) {
    var n = s.length;
    if (n === 2) return isVowel(s[0]) && !isVowel(s[1]);
    return n > 2 && !isVowel(s[n - 3]) && isVowel(s[n - 2]) &&
      !isVowel(s[n - 1]) && "wxY".indexOf(s[n - 1]) < 0;
  }

  // The longest of the suffixes that ends w, or "".
  function longest(w, suffixes) {
    var best = "";
    for (var i = 0; i < suffixes.length; i++) {
      var s = suffixes[i];
      if (s.length > best.length && w.slice(-s.length) === s) best = s;
    }
    return best;
  }

  function hasVowel(s) {
    for (var i = 0; i < s.length; i++) if (isVowel(s[i])) return true;
    return false;
  }

  var step2 = {
    tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent",
    izer: "ize", ization: "ize", ational: "ate", ation: "ate", ator: "ate",
    alism: "al", aliti: "al", alli: "al", fulness: "ful", ousli: "ous", ousness: "ous",
    iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogi: "og",
    fulli: "ful", lessli: "less", li: ""
  };
  var step2Suffixes = Object.keys(step2);
  var step3 = {
    tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic",
    ical: "ic", ful: "", ness: "", ative: ""
  };
  var step3Suffixes = Object.keys(step3);
  var step4Suffixes = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement",
    "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"];

  function porter2(w) {
    if (exceptions.hasOwnProperty(w)) return exceptions[w];
    if (w.length <= 2) return w;

    // A y at the start or after a vowel is a consonant.
    w = w.replace(/^y/, "Y").replace(/([aeiouy])y/g, "$1Y");
    // R1 of these starts after them, so that generous and general differ.
    var prefix = /^(gener|commun|arsen)/.exec(w);
    var r1 = prefix ? prefix[0].length : regionAfter(w, 0);
    var r2 = regionAfter(w, r1);
    var s, stem;

    // Step 1a: plurals.
    s = longest(w, ["sses", "ied", "ies", "us", "ss", "s"]);
    if (s === "sses") {
      w = w.slice(0, -2);
    } else if (s === "ied" || s === "ies") {
      w = w.slice(0, -3) + (w.length > 4 ? "i" : "ie");
    } else if (s === "s" && hasVowel(w.slice(0, -2))) {
      w = w.slice(0, -1);
    }
    if (afterStep1a.hasOwnProperty(w)) return w;

    // Step 1b: -eed, -ed, -ing.
    s = longest(w, ["eed", "eedly", "ed", "edly", "ing", "ingly"]);
    if (s === "eed" || s === "eedly") {
      if (w.length - s.length >= r1) w = w.slice(0, -s.length) + "ee";
    } else if (s && hasVowel(stem = w.slice(0, -s.length))) {
      w = stem;
      if (/(at|bl|iz)$/.test(w)) {
        w += "e";
      } else if (isDouble(w)) {
        w = w.slice(0, -1);
      } else if (r1 >= w.length && endsShortSyllable(w)) {
        w += "e";
      }
    }

    // Step 1c: a final y after a consonant, not the first letter, is i.
    if (w.length > 2 && /[yY]$/.test(w) && !isVowel(w[w.length - 2])) {
      w = w.slice(0, -1) + "i";
    }

    // Step 2: suffixes in R1.
    s = longest(w, step2Suffixes);
    if (s && w.length - s.length >= r1) {
      stem = w.slice(0, -s.length);
      if (s === "ogi" ? /l$/.test(stem) : s === "li" ? /[cdeghkmnrt]$/.test(stem) : true) {
        w = stem + step2[s];
      }
    }

    // Step 3: suffixes in R1; -ative only in R2.
    s = longest(w, step3Suffixes);
    if (s && w.length - s.length >= (s === "ative" ? r2 : r1)) {
      w = w.slice(0, -s.length) + step3[s];
    }

    // Step 4: suffixes in R2.
    s = longest(w, step4Suffixes);
    if (s && w.length - s.length >= r2) {
      stem = w.slice(0, -s.length);
      if (s !== "ion" || /[st]$/.test(stem)) w = stem;
    }

    // Step 5: a final e or the second l of ll.
    if (/e$/.test(w)) {
      stem = w.slice(0, -1);
      if (stem.length >= r2 || (stem.length >= r1 && !endsShortSyllable(stem))) w = stem;
    } else if (/ll$/.test(w) && w.length - 1 >= r2) {
      w = w.slice(0, -1);
    }
    return w.replace(/Y/g, "y");
  }

  // furusatoStem is the term of a word, as package search makes it: words
  // other than the letters a to z are kept as they are.
  window.furusatoStem = function (w) {
    if (!/^[a-z]+$/.test(w)) return w;
    for (var i = 0; i < iseEndings.length; i++) {
      var e = iseEndings[i];
      // Keep short words such as rise, wise and raised as they are.
      if (w.length - e.length >= 4 && w.slice(-e.length) === e) {
        w = w.slice(0, -e.length) + "iz" + e.slice(2);
        break;
      }
    }
    return porter2(w);
  };
})();
