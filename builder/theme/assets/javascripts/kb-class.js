/* The class view (quizzes/class/, docs/results.md "Class statistics"): result files and codes
   in, per quiz the figures of kb-results.js out, and the CSV that `kb quiz-report` writes
   (builder/class_report.py). What a file holds is only ever set as text; names are never shown;
   nothing is sent anywhere or kept after the page closes. */
(function () {
  "use strict";
  var MAX_FILE = 1000000, FORMULA = /^[=+\-@]/, MINUS = "\u2212";
  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  var kb = window.kb, fill = kb.fill;
  // An element with its text (never markup) and attributes; `parent` gets it.
  function el(parent, tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== null && text !== undefined) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }
  // Two decimals, the language's sign, and U+2212 below 0 (as builder/class_report.py).
  function twoDecimals(value, sign) {
    var h = Math.round(value * 100), a = Math.abs(h);
    return (h < 0 ? MINUS : "") + Math.floor(a / 100) + sign + (a % 100 < 10 ? "0" : "") + (a % 100);
  }
  // As builder/report.py's to_csv, after the formula guard of builder/class_report.py.
  function toCsv(rows, sign) {
    var delimiter = sign === "," ? ";" : ",";
    return "\ufeff" + rows.map(function (r) {
      return r.map(function (c) {
        if (FORMULA.test(c)) c = "'" + c;
        return /["\n\r]/.test(c) || c.indexOf(delimiter) >= 0 ? '"' + c.replace(/"/g, '""') + '"' : c;
      }).join(delimiter) + "\r\n";
    }).join("");
  }
  function find(list, id) {
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i];
    return null;
  }
  // Read the files in the order given (text null: unreadable, as UTF-8 or at all).
  function readFiles(files, done) {
    var texts = [], left = files.length;
    if (!left) return;
    files.forEach(function (file, i) {
      if (file.size > MAX_FILE) { texts[i] = { tooLarge: true }; if (!--left) done(files, texts); return; }
      var reader = new FileReader();
      reader.onload = function () {
        try { texts[i] = new TextDecoder("utf-8", { fatal: true }).decode(reader.result); }
        catch (e) { texts[i] = null; }
        if (!--left) done(files, texts);
      };
      reader.onerror = function () { texts[i] = null; if (!--left) done(files, texts); };
      reader.readAsArrayBuffer(file);
    });
  }

  // -- Reading (`v` is one class view: its settings, the results loaded, its parts) ----------------

  function plural(v, name, n, values) {
    var texts = v.plurals[name], filled = values || {};
    filled.num = n;
    return fill(texts[v.rules.select(n)] || texts.other, filled);
  }
  function percent(v, whole) { return v.percentFormat.format(whole / 100); }
  function error(v, source, key) {
    el(v.errors, "li", fill(v.i18n[key] || v.i18n.notResult, { source: source, max: v.i18n.nameMax }));
  }
  function add(v, source, read) {
    try { v.loaded.push(read()); return 1; } catch (e) { error(v, source, e.key || "notResult"); return 0; }
  }
  // As builder/results.py's read_results: a text starting with `{` is a result file, any other
  // a list of codes, one a line.
  function addText(v, source, text, lines) {
    var R = window.kbResults, site = v.site;
    if (/^\s*\{/.test(text)) {
      // A result pasted whole is read as a file.
      return add(v, lines ? fill(v.i18n.line, { num: 1 }) : source,
                 function () { return R.readFile(site.quizzes, site.languages, text); });
    }
    var added = 0, found = 0;
    text.split(/\r\n|\r|\n/).forEach(function (line, i) {
      if (!line.trim()) return;
      found++;
      var where = lines ? fill(v.i18n.line, { num: i + 1 }) : fill(v.i18n.fileLine, { source: source, num: i + 1 });
      added += add(v, where, function () { return R.readCode(site.quizzes, site.languages, line); });
    });
    if (!found && !lines) error(v, source, "noResults");
    return added;
  }
  function begin(v) { v.errors.textContent = ""; v.messages.textContent = ""; }
  function finish(v, added) {
    if (added) el(v.messages, "p", plural(v, "added", added));
    render(v);
  }
  function addFiles(v, files) {
    readFiles(Array.prototype.slice.call(files), function (list, texts) {
      begin(v);
      var added = 0;
      list.forEach(function (f, i) {
        var t = texts[i];
        if (t && t.tooLarge) error(v, f.name, "notJson");
        else if (t === null || t === undefined) error(v, f.name, "unreadable");
        else added += addText(v, f.name, t, false);
      });
      finish(v, added);
    });
  }

  // -- Drawing ----------------------------------------------------------------------------------
  function groups(v) {
    var out = [];
    v.loaded.forEach(function (r) {
      var g = find(out, r.quiz);
      if (!g) { g = { id: r.quiz, quiz: find(v.site.quizzes, r.quiz), results: [] }; out.push(g); }
      g.results.push(r);
    });
    out.forEach(function (g) { g.stats = window.kbResults.quizStats(g.quiz, g.results); });
    return out;
  }
  function wrapTable(parent, caption, head) {
    var wrap = el(parent, "div", null, { "class": "kb-class__wrap" });
    var table = el(wrap, "table", null, { "class": "kb-class__table" });
    if (caption) el(table, "caption", caption);
    if (head.length) {
      var tr = el(el(table, "thead"), "tr");
      head.forEach(function (h) { el(tr, "th", h, { scope: "col" }); });
    }
    return el(table, "tbody");
  }
  // A bar in a track of fixed width beside its count, so that the counts line up; for the eye
  // only (the count says it).
  function bar(cell, share) {
    var track = el(cell, "span", null, { "class": "kb-class__track", "aria-hidden": "true" });
    el(track, "span", null, { "class": "kb-class__bar", style: "width:" + (share * 100).toFixed(1) + "%" });
  }
  function countCell(tr, n, share) {
    var td = el(tr, "td", null, { "class": "kb-class__count" });
    bar(td, share);
    el(td, "span", String(n));
  }
  function distribution(v, section, stats) {
    var body = wrapTable(section, v.i18n.distribution, [v.i18n.score, v.i18n.csvLearners]);
    var tallest = Math.max.apply(null, stats.distribution) || 1;
    stats.distribution.forEach(function (n, i) {
      var tr = el(body, "tr");
      el(tr, "th", i === 9 ? "90–100" : 10 * i + "–" + (10 * i + 9), { scope: "row" });
      countCell(tr, n, n / tallest);
    });
  }
  function figures(v, li, q, s) {
    var i18n = v.i18n, p = el(li, "p", null, { "class": "kb-class__figures" });
    el(p, "span", i18n.csvLearners + ": " + s.asked);
    el(p, "span", i18n.facility + ": " + percent(v, s.facility_percent));
    el(p, "span", i18n.discrimination + ": " + (s.discrimination === null ? "–" : twoDecimals(s.discrimination, v.sign)));
    s.flags.forEach(function (f) { el(p, "span", i18n[f], { "class": "kb-flag", "data-flag": f }); });
    options(v, li, q, s);
  }
  // The wrong option chosen most, and the misconception card it stands for.
  function wrongest(v, li, q, s) {
    var k = q.options.map(function (o) { return o.id; }).indexOf(s.wrong);
    var p = el(li, "p", null, { "class": "kb-class__wrong" });
    el(p, "strong", v.i18n.csvWrong + ":");
    p.appendChild(document.createTextNode(" " + LETTERS[k] + ": " + q.options[k].text + " (" + s.counts[s.wrong] + ")"));
    if (s.misconception) {
      p.appendChild(document.createTextNode(" — " + v.i18n.misconception + " "));
      el(p, "a", v.site.cards[s.misconception], { href: v.site.cardsPage + "#" + s.misconception });
    }
  }
  function question(v, list, quiz, s) {
    var q = quiz.questions[s.number - 1], li = el(list, "li", null, { "class": "kb-class__question" });
    el(li, "h4", fill(v.i18n.question, { num: s.number, total: quiz.questions.length }) + ": " + q.text);
    if (s.asked) figures(v, li, q, s);
    else el(li, "p", v.i18n.nobody);
    if (s.wrong) wrongest(v, li, q, s);
    var link = el(li, "p", null, { "class": "kb-class__present" });
    el(link, "a", v.i18n.present, { href: quiz.present + "#q" + s.number });
  }
  function options(v, li, q, s) {
    var i18n = v.i18n, body = wrapTable(li, null, [i18n.option, i18n.answer, i18n.chosenBy]);
    q.options.forEach(function (o, i) {
      var tr = el(body, "tr", null, o.id === s.wrong ? { "data-wrong": "" } : {});
      var th = el(tr, "th", LETTERS[i], { scope: "row" });
      if (o.correct) {
        el(th, "span", " ✓", { "aria-hidden": "true" });
        el(th, "span", " " + i18n.correct, { "class": "kb-class__sr" });
      }
      el(tr, "td", o.text);
      countCell(tr, s.counts[o.id], s.counts[o.id] / s.asked);
    });
    var none = el(body, "tr");
    el(none, "th", "–", { scope: "row" });
    el(none, "td", i18n.csvUnanswered);
    countCell(none, s.unanswered, s.unanswered / s.asked);
  }
  function misconceptions(v, section, stats) {
    if (!stats.misconceptions.length) return;
    var i18n = v.i18n, site = v.site;
    el(section, "h4", i18n.misconceptions);
    var body = wrapTable(section, i18n.fellCaption, [i18n.csvMisconception, i18n.fell, i18n.share]);
    stats.misconceptions.forEach(function (m) {
      var tr = el(body, "tr"), th = el(tr, "th", null, { scope: "row" });
      el(th, "a", site.cards[m.misconception], { href: site.cardsPage + "#" + m.misconception });
      el(tr, "td", plural(v, "fell", m.exposed, { fell: m.fell }));
      el(tr, "td", m.exposed ? percent(v, Math.floor(100 * m.fell / m.exposed + 0.5)) : "–", { "class": "kb-class__count" });
    });
  }
  // "N learners · Languages: Polski (2), English (1)".
  function about(v, g) {
    var languages = [];
    g.results.forEach(function (r) {
      var seen = find(languages, r.lang);
      if (seen) seen.n++; else languages.push({ id: r.lang, n: 1 });
    });
    return plural(v, "learners", g.stats.learners) + " · " + fill(v.i18n.languages, {
      languages: languages.map(function (l) { return v.site.names[l.id] + " (" + l.n + ")"; }).join(", ") });
  }
  function overview(v, section, quiz, stats) {
    var i18n = v.i18n, box = el(section, "div", null, { "class": "kb-class__overview" });
    var body = wrapTable(box, i18n.scores, []);
    [[i18n.mean, v.oneDecimal.format(stats.mean / 100)],
     [i18n.median, v.oneDecimal.format(stats.median / 100)],
     [i18n.passed, plural(v, "passed", stats.learners, { passed: stats.passed, mark: percent(v, quiz.pass_mark) })]
    ].forEach(function (pair) {
      var row = el(body, "tr");
      el(row, "th", pair[0], { scope: "row" });
      el(row, "td", pair[1]);
    });
    distribution(v, box, stats);
  }
  function quizSection(v, parent, g) {
    var quiz = g.quiz, stats = g.stats;
    var section = el(parent, "section", null, { "class": "kb-class__quiz", "data-quiz": quiz.id });
    el(section, "h3", quiz.title);
    el(section, "p", about(v, g), { "class": "kb-class__about" });
    if (stats.learners < 5) el(section, "p", v.i18n.indicative, { "class": "kb-class__indicative" });
    overview(v, section, quiz, stats);
    el(section, "h4", v.i18n.missed);
    var list = el(section, "ol", null, { "class": "kb-class__questions" });
    window.kbResults.byFacility(stats).forEach(function (s) { question(v, list, quiz, s); });
    misconceptions(v, section, stats);
  }
  function render(v) {
    var gs = groups(v), out = v.root.querySelector("[data-quizzes]");
    v.results.hidden = !v.loaded.length;
    out.textContent = "";
    if (!v.loaded.length) return;
    v.root.querySelector("[data-count]").textContent =
      plural(v, "learners", v.loaded.length) + " · " + plural(v, "quizzes", gs.length);
    gs.forEach(function (g) { quizSection(v, out, g); });
  }

  // -- The CSV (docs/results.md "The CSV") -------------------------------------------------------
  function csvRow(v, quiz, s, k, width) {
    var i18n = v.i18n, x = quiz.questions[k], ids = x.options.map(function (o) { return o.id; });
    var w = ids.indexOf(s.wrong);
    var row = [quiz.title, String(s.number), x.text, String(s.asked),
               s.facility_percent === null ? "" : String(s.facility_percent),
               s.discrimination === null ? "" : twoDecimals(s.discrimination, v.sign),
               s.flags.map(function (f) { return i18n[f]; }).join(", "),
               s.wrong ? LETTERS[w] + ": " + x.options[w].text : "",
               s.misconception ? v.site.cards[s.misconception] : "", String(s.unanswered)];
    for (var i = 0; i < width; i++) row.push(i < ids.length ? String(s.counts[ids[i]]) : "");
    return row;
  }
  function csv(v) {
    var i18n = v.i18n, gs = groups(v), width = 0;
    gs.forEach(function (g) { g.quiz.questions.forEach(function (x) { width = Math.max(width, x.options.length); }); });
    var rows = [[i18n.csvQuiz, i18n.csvNumber, i18n.csvQuestion, i18n.csvLearners, i18n.csvFacility,
                 i18n.csvDiscrimination, i18n.csvFlags, i18n.csvWrong, i18n.csvMisconception,
                 i18n.csvUnanswered].concat(LETTERS.slice(0, width).split(""))];
    gs.forEach(function (g) {
      g.stats.questions.forEach(function (s, k) { rows.push(csvRow(v, g.quiz, s, k, width)); });
    });
    return toCsv(rows, v.sign);
  }

  // -- Input ------------------------------------------------------------------------------------
  // Dropping files anywhere on the form adds them, as choosing them does.
  function listenForDrops(v, form) {
    form.addEventListener("dragover", function (event) {
      if (!event.dataTransfer || Array.prototype.indexOf.call(event.dataTransfer.types, "Files") < 0) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
      form.classList.add("kb-class__input--over");
    });
    form.addEventListener("dragleave", function (event) {
      if (!form.contains(event.relatedTarget)) form.classList.remove("kb-class__input--over");
    });
    form.addEventListener("drop", function (event) {
      form.classList.remove("kb-class__input--over");
      if (!event.dataTransfer || !event.dataTransfer.files.length) return;
      event.preventDefault();
      addFiles(v, event.dataTransfer.files);
    });
  }
  function listen(v) {
    var root = v.root, form = root.querySelector("[data-input]");
    root.querySelector("[data-files]").addEventListener("change", function (event) {
      addFiles(v, event.target.files);
      event.target.value = "";
    });
    listenForDrops(v, form);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var area = root.querySelector("[data-codes]");
      begin(v);
      var added = addText(v, "", area.value, true);
      area.value = "";
      finish(v, added);
    });
    root.querySelector("[data-action=csv]").addEventListener("click", function () {
      kb.download("class-results-" + v.lang + ".csv", "text/csv;charset=utf-8", csv(v));
    });
    root.querySelector("[data-action=print]").addEventListener("click", function () { window.print(); });
    root.querySelector("[data-action=clear]").addEventListener("click", function () {
      begin(v);
      v.loaded = [];
      render(v);
    });
  }

  function setupClass(root) {
    if (root.kbClass) return;
    root.kbClass = true;
    var lang = root.getAttribute("data-lang");
    var v = {
      root: root, lang: lang, sign: kb.decimalSign(lang), loaded: [],
      site: kb.data(root, "class"), i18n: kb.data(root, "i18n"), plurals: kb.data(root, "plurals"),
      rules: new Intl.PluralRules(lang),
      percentFormat: new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }),
      oneDecimal: new Intl.NumberFormat(lang, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      results: root.querySelector("[data-results]"), errors: root.querySelector("[data-errors]"),
      messages: root.querySelector("[data-messages]")
    };
    listen(v);
    root.kbClassApi = { csv: function () { return csv(v); }, count: function () { return v.loaded.length; } };
  }

  function init() {
    if (!window.kbResults) return;
    kb.all(document, "[data-kb-class]").forEach(setupClass);
  }
  // Material's instant navigation swaps pages without a load event; document$ announces each.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
