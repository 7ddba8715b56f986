/* The class view (quizzes/class/, docs/results.md "Class statistics"): result files and codes
   in, per quiz the figures of kb-results.js out, and the CSV that `kb quiz-report` writes
   (builder/class_report.py). What a file holds is only ever set as text; names are never shown;
   nothing is sent anywhere or kept after the page closes. */
(function () {
  "use strict";
  var MAX_FILE = 1000000, FORMULA = /^[=+\-@]/, MINUS = "\u2212";
  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function json(el, name) { return JSON.parse(el.getAttribute("data-" + name)); }
  function fill(text, values) {
    return text.replace(/%\((\w+)\)[sd]/g, function (m, k) { return has(values, k) ? String(values[k]) : m; });
  }
  // An element with its text (never markup) and attributes; `parent` gets it.
  function el(parent, tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== null && text !== undefined) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }
  function decimalSign(lang) {
    var part = new Intl.NumberFormat(lang).formatToParts(1.5).filter(function (p) { return p.type === "decimal"; })[0];
    return part ? part.value : ".";
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

  function setupClass(root) {
    if (root.kbClass) return;
    root.kbClass = true;
    var R = window.kbResults, site = json(root, "class"), i18n = json(root, "i18n");
    var plurals = json(root, "plurals"), lang = root.getAttribute("data-lang"), sign = decimalSign(lang);
    var percentFormat = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 });
    var oneDecimal = new Intl.NumberFormat(lang, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
    var rules = new Intl.PluralRules(lang), loaded = [];
    var results = q("[data-results]"), errors = q("[data-errors]"), messages = q("[data-messages]");

    function q(sel) { return root.querySelector(sel); }
    function plural(name, n, values) {
      var texts = plurals[name], values2 = values || {};
      values2.num = n;
      return fill(texts[rules.select(n)] || texts.other, values2);
    }
    function percent(whole) { return percentFormat.format(whole / 100); }
    function error(source, key) {
      el(errors, "li", fill(i18n[key] || i18n.notResult, { source: source, max: i18n.nameMax }));
    }
    function add(source, read) {
      try { loaded.push(read()); return 1; } catch (e) { error(source, e.key || "notResult"); return 0; }
    }
    // As builder/results.py's read_results: a text starting with `{` is a result file, any other
    // a list of codes, one a line.
    function addText(source, text, lines) {
      if (/^\s*\{/.test(text)) {
        // A result pasted whole is read as a file.
        return add(lines ? fill(i18n.line, { num: 1 }) : source,
                   function () { return R.readFile(site.quizzes, site.languages, text); });
      }
      var added = 0, found = 0;
      text.split(/\r\n|\r|\n/).forEach(function (line, i) {
        if (!line.trim()) return;
        found++;
        var where = lines ? fill(i18n.line, { num: i + 1 }) : fill(i18n.fileLine, { source: source, num: i + 1 });
        added += add(where, function () { return R.readCode(site.quizzes, site.languages, line); });
      });
      if (!found && !lines) error(source, "noResults");
      return added;
    }
    function begin() { errors.textContent = ""; messages.textContent = ""; }
    function finish(added) {
      if (added) el(messages, "p", plural("added", added));
      render();
    }
    function addFiles(files) {
      readFiles(Array.prototype.slice.call(files), function (list, texts) {
        begin();
        var added = 0;
        list.forEach(function (f, i) {
          var t = texts[i];
          if (t && t.tooLarge) error(f.name, "notJson");
          else if (t === null || t === undefined) error(f.name, "unreadable");
          else added += addText(f.name, t, false);
        });
        finish(added);
      });
    }

    // -- Drawing ----------------------------------------------------------------------------------
    function groups() {
      var out = [];
      loaded.forEach(function (r) {
        var g = find(out, r.quiz);
        if (!g) { g = { id: r.quiz, quiz: find(site.quizzes, r.quiz), results: [] }; out.push(g); }
        g.results.push(r);
      });
      out.forEach(function (g) { g.stats = R.quizStats(g.quiz, g.results); });
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
    function distribution(section, stats) {
      var body = wrapTable(section, i18n.distribution, [i18n.score, i18n.csvLearners]);
      var tallest = Math.max.apply(null, stats.distribution) || 1;
      stats.distribution.forEach(function (n, i) {
        var tr = el(body, "tr");
        el(tr, "th", i === 9 ? "90–100" : 10 * i + "–" + (10 * i + 9), { scope: "row" });
        var td = el(tr, "td", null, { "class": "kb-class__count" });
        bar(td, n / tallest);
        el(td, "span", String(n));
      });
    }
    function question(list, quiz, s) {
      var q = quiz.questions[s.number - 1], li = el(list, "li", null, { "class": "kb-class__question" });
      el(li, "h4", fill(i18n.question, { num: s.number, total: quiz.questions.length }) + ": " + q.text);
      if (s.asked) {
        var figures = el(li, "p", null, { "class": "kb-class__figures" });
        el(figures, "span", i18n.csvLearners + ": " + s.asked);
        el(figures, "span", i18n.facility + ": " + percent(s.facility_percent));
        el(figures, "span", i18n.discrimination + ": " + (s.discrimination === null ? "–" : twoDecimals(s.discrimination, sign)));
        s.flags.forEach(function (f) { el(figures, "span", i18n[f], { "class": "kb-flag", "data-flag": f }); });
        options(li, q, s);
      } else el(li, "p", i18n.nobody);
      if (s.wrong) {
        var k = q.options.map(function (o) { return o.id; }).indexOf(s.wrong);
        var p = el(li, "p", null, { "class": "kb-class__wrong" });
        el(p, "strong", i18n.csvWrong + ":");
        p.appendChild(document.createTextNode(" " + LETTERS[k] + ": " + q.options[k].text + " (" + s.counts[s.wrong] + ")"));
        if (s.misconception) {
          p.appendChild(document.createTextNode(" — " + i18n.misconception + " "));
          el(p, "a", site.cards[s.misconception], { href: site.cardsPage + "#" + s.misconception });
        }
      }
      var link = el(li, "p", null, { "class": "kb-class__present" });
      el(link, "a", i18n.present, { href: quiz.present + "#q" + s.number });
    }
    function options(li, q, s) {
      var body = wrapTable(li, null, [i18n.option, i18n.answer, i18n.chosenBy]);
      q.options.forEach(function (o, i) {
        var tr = el(body, "tr", null, o.id === s.wrong ? { "data-wrong": "" } : {});
        var th = el(tr, "th", LETTERS[i], { scope: "row" });
        if (o.correct) {
          el(th, "span", " ✓", { "aria-hidden": "true" });
          el(th, "span", " " + i18n.correct, { "class": "kb-class__sr" });
        }
        el(tr, "td", o.text);
        var td = el(tr, "td", null, { "class": "kb-class__count" });
        bar(td, s.counts[o.id] / s.asked);
        el(td, "span", String(s.counts[o.id]));
      });
      var none = el(body, "tr");
      el(none, "th", "–", { scope: "row" });
      el(none, "td", i18n.csvUnanswered);
      var count = el(none, "td", null, { "class": "kb-class__count" });
      bar(count, s.unanswered / s.asked);
      el(count, "span", String(s.unanswered));
    }
    function misconceptions(section, stats) {
      if (!stats.misconceptions.length) return;
      el(section, "h4", i18n.misconceptions);
      var body = wrapTable(section, i18n.fellCaption, [i18n.csvMisconception, i18n.fell, i18n.share]);
      stats.misconceptions.forEach(function (m) {
        var tr = el(body, "tr"), th = el(tr, "th", null, { scope: "row" });
        el(th, "a", site.cards[m.misconception], { href: site.cardsPage + "#" + m.misconception });
        el(tr, "td", plural("fell", m.exposed, { fell: m.fell }));
        el(tr, "td", m.exposed ? percent(Math.floor(100 * m.fell / m.exposed + 0.5)) : "–", { "class": "kb-class__count" });
      });
    }
    function quizSection(parent, g) {
      var quiz = g.quiz, stats = g.stats, languages = [];
      var section = el(parent, "section", null, { "class": "kb-class__quiz", "data-quiz": quiz.id });
      el(section, "h3", quiz.title);
      g.results.forEach(function (r) {
        var seen = find(languages, r.lang);
        if (seen) seen.n++; else languages.push({ id: r.lang, n: 1 });
      });
      el(section, "p", plural("learners", stats.learners) + " · " + fill(i18n.languages, {
        languages: languages.map(function (l) { return site.names[l.id] + " (" + l.n + ")"; }).join(", ") }),
        { "class": "kb-class__about" });
      if (stats.learners < 5) el(section, "p", i18n.indicative, { "class": "kb-class__indicative" });
      var figures = el(section, "div", null, { "class": "kb-class__overview" });
      var body = wrapTable(figures, i18n.scores, []), row;
      row = el(body, "tr"); el(row, "th", i18n.mean, { scope: "row" }); el(row, "td", oneDecimal.format(stats.mean / 100));
      row = el(body, "tr"); el(row, "th", i18n.median, { scope: "row" }); el(row, "td", oneDecimal.format(stats.median / 100));
      row = el(body, "tr"); el(row, "th", i18n.passed, { scope: "row" });
      el(row, "td", plural("passed", stats.learners, { passed: stats.passed, mark: percent(quiz.pass_mark) }));
      distribution(figures, stats);
      el(section, "h4", i18n.missed);
      var list = el(section, "ol", null, { "class": "kb-class__questions" });
      R.byFacility(stats).forEach(function (s) { question(list, quiz, s); });
      misconceptions(section, stats);
    }
    function render() {
      var gs = groups(), out = q("[data-quizzes]");
      results.hidden = !loaded.length;
      out.textContent = "";
      if (!loaded.length) return;
      q("[data-count]").textContent = plural("learners", loaded.length) + " · " + plural("quizzes", gs.length);
      gs.forEach(function (g) { quizSection(out, g); });
    }

    // -- The CSV (docs/results.md "The CSV") -------------------------------------------------------
    function csv() {
      var gs = groups(), width = 0;
      gs.forEach(function (g) { g.quiz.questions.forEach(function (x) { width = Math.max(width, x.options.length); }); });
      var rows = [[i18n.csvQuiz, i18n.csvNumber, i18n.csvQuestion, i18n.csvLearners, i18n.csvFacility,
                   i18n.csvDiscrimination, i18n.csvFlags, i18n.csvWrong, i18n.csvMisconception,
                   i18n.csvUnanswered].concat(LETTERS.slice(0, width).split(""))];
      gs.forEach(function (g) {
        g.stats.questions.forEach(function (s, k) {
          var x = g.quiz.questions[k], ids = x.options.map(function (o) { return o.id; }), w = ids.indexOf(s.wrong);
          var row = [g.quiz.title, String(s.number), x.text, String(s.asked),
                     s.facility_percent === null ? "" : String(s.facility_percent),
                     s.discrimination === null ? "" : twoDecimals(s.discrimination, sign),
                     s.flags.map(function (f) { return i18n[f]; }).join(", "),
                     s.wrong ? LETTERS[w] + ": " + x.options[w].text : "",
                     s.misconception ? site.cards[s.misconception] : "", String(s.unanswered)];
          for (var i = 0; i < width; i++) row.push(i < ids.length ? String(s.counts[ids[i]]) : "");
          rows.push(row);
        });
      });
      return toCsv(rows, sign);
    }

    q("[data-files]").addEventListener("change", function (event) {
      var input = event.target;
      addFiles(input.files);
      input.value = "";
    });
    // Dropping files anywhere on the form adds them, as choosing them does.
    var form = q("[data-input]");
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
      addFiles(event.dataTransfer.files);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var area = q("[data-codes]");
      begin();
      var added = addText("", area.value, true);
      area.value = "";
      finish(added);
    });
    q("[data-action=csv]").addEventListener("click", function () {
      R.download("class-results-" + lang + ".csv", "text/csv;charset=utf-8", csv());
    });
    q("[data-action=print]").addEventListener("click", function () { window.print(); });
    q("[data-action=clear]").addEventListener("click", function () { begin(); loaded = []; render(); });

    root.kbClassApi = { csv: csv, count: function () { return loaded.length; } };
  }

  function init() {
    if (!window.kbResults) return;
    Array.prototype.slice.call(document.querySelectorAll("[data-kb-class]")).forEach(setupClass);
  }
  // Material's instant navigation swaps pages without a load event; document$ announces each.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
