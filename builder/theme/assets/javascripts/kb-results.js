/* Quiz results (docs/results.md): the result file and code a learner shares from a quiz page, read
   back for the class view, and the class statistics. The same rules as builder/results.py and
   builder/itemstats.py, checked against tests/vectors/quiz_results.json; every sum is a plain loop
   in the order of builder/itemstats.py, so that both give the same bits. Nothing is sent anywhere. */
(function () {
  "use strict";
  var FORMAT = "kb-quiz-result", MAX_FILE = 1000000, NAME_MAX = 60;
  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
  var SINGLE = ["single", "true-false", "spot-misconception"];
  var FLAGS_FROM = 5, EASY = 0.9, HARD = 0.2, MIN_DISCRIMINATION = 3, BINS = 10;

  // kb-common.js's helpers (loaded before this script).
  var has = kb.has, all = kb.all, isObject = kb.isObject, chars = kb.chars;
  function fail(key) { var e = new Error(key); e.key = key; throw e; }
  function find(list, id) {
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i];
    return null;
  }
  function optionIds(q) { return q.options.map(function (o) { return o.id; }); }

  // -- Scoring (builder/scoring.py) -----------------------------------------------------------------
  function questionScore(q, chosen) {
    var correct = q.options.filter(function (o) { return o.correct; }).map(function (o) { return o.id; });
    if (q.type === "multiple") {
      var right = 0, wrong = 0;
      chosen.forEach(function (c) { if (correct.indexOf(c) >= 0) right++; else wrong++; });
      return Math.max(0, (right - wrong) / correct.length);
    }
    return chosen.length === 1 && correct.indexOf(chosen[0]) >= 0 ? 1 : 0;
  }
  // The percentage over the questions asked (the answers' keys), as the quiz page shows it.
  function percentOf(quiz, answers) {
    var total = 0, n = 0;
    quiz.questions.forEach(function (q) {
      if (!has(answers, q.id)) return;
      total += questionScore(q, answers[q.id]);
      n++;
    });
    // The epsilon keeps 0.7 * 100 from flooring to 69, as in kb-quiz.js.
    return n ? Math.floor(total / n * 100 + 1e-9) : 0;
  }
  // Answers in authored order, each question's options in authored order too.
  function authored(quiz, answers) {
    var out = {};
    quiz.questions.forEach(function (q) {
      if (!has(answers, q.id)) return;
      out[q.id] = optionIds(q).filter(function (id) { return answers[q.id].indexOf(id) >= 0; });
    });
    return out;
  }

  // -- Result files ---------------------------------------------------------------------------------
  function resultFile(quiz, lang, answers, name) {
    var doc = { format: FORMAT, quiz: quiz.id, version: quiz.version, lang: lang };
    var trimmed = typeof name === "string" ? name.trim() : "";
    if (trimmed) doc.name = trimmed;
    doc.answers = authored(quiz, answers);
    doc.score = percentOf(quiz, doc.answers);
    return doc;
  }
  function byteLength(text) {
    return typeof TextEncoder === "function" ? new TextEncoder().encode(text).length : text.length;
  }
  function parse(text) {
    if (byteLength(text) > MAX_FILE) fail("notJson");
    try {
      // 1e309 is no number (Python refuses it too).
      return JSON.parse(text, function (k, v) {
        if (typeof v === "number" && !isFinite(v)) throw new Error("not finite");
        return v;
      });
    } catch (e) { return fail("notJson"); }
  }
  function knownQuiz(quizzes, id) {
    var quiz = typeof id === "string" ? find(quizzes, id) : null;
    return quiz || fail("unknownQuiz");
  }
  function language(languages, lang, fold) {
    for (var i = 0; i < languages.length; i++) {
      if (typeof lang === "string" && (fold ? languages[i].toLowerCase() === lang : languages[i] === lang)) {
        return languages[i];
      }
    }
    return fail("badLanguage");
  }
  function fileAnswers(quiz, raw) {
    if (!isObject(raw)) fail("badAnswers");
    var chosen = {}, n = 0;
    Object.keys(raw).forEach(function (key) {
      var q = find(quiz.questions, key), value = raw[key];
      if (!q || !Array.isArray(value)) fail("badAnswers");
      var ids = optionIds(q);
      value.forEach(function (o, i) {
        if (typeof o !== "string" || ids.indexOf(o) < 0 || value.indexOf(o) !== i) fail("badAnswers");
      });
      if (SINGLE.indexOf(q.type) >= 0 && value.length > 1) fail("badAnswers");
      chosen[key] = value;
      n++;
    });
    if (!n) fail("badAnswers");
    return authored(quiz, chosen);
  }
  // A learner's file, checked in the order of builder/results.py (the first problem's key).
  function readFile(quizzes, languages, text) {
    var data = parse(text);
    if (!isObject(data) || data.format !== FORMAT) fail("notResult");
    var quiz = knownQuiz(quizzes, data.quiz);
    if (data.version !== quiz.version) fail("otherVersion");
    var lang = language(languages, data.lang, false), answers = fileAnswers(quiz, data.answers);
    var given = data.score;
    if (typeof given !== "number" || given % 1 !== 0 || given < 0 || given > 100) fail("badScore");
    if (given !== percentOf(quiz, answers)) fail("badScore");
    var name = null;
    if (has(data, "name")) {
      if (typeof data.name !== "string") fail("badName");
      name = data.name.trim();
      if (chars(name) < 1 || chars(name) > NAME_MAX) fail("badName");
    }
    return { quiz: quiz.id, version: quiz.version, lang: lang, name: name, answers: answers };
  }

  // -- Result codes ---------------------------------------------------------------------------------
  function tokenWidth(options) {
    var width = 1;
    while (Math.pow(36, width) < Math.pow(2, options) + 1) width++;
    return width;
  }
  function base36(value, width) {
    var out = "";
    for (var i = 0; i < width; i++) { out = DIGITS[value % 36] + out; value = Math.floor(value / 36); }
    return out;
  }
  // FNV-1a over code points, as builder/results.py (a checked code is ASCII either way).
  function check(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      var c = text.codePointAt(i);
      if (c > 0xffff) i++;
      h = Math.imul(h ^ c, 0x01000193) >>> 0;
    }
    return base36(h % 1679616, 4);  // 36^4
  }
  function resultCode(quiz, lang, answers) {
    var payload = quiz.questions.map(function (q) {
      var value = 0;
      if (has(answers, q.id)) {
        value = 1;
        // Arithmetic, not bit operations: a mask of 26 options needs more than 31 bits with its 1.
        q.options.forEach(function (o, i) { if (answers[q.id].indexOf(o.id) >= 0) value += Math.pow(2, i); });
      }
      return base36(value, tokenWidth(q.options.length));
    }).join("");
    var head = quiz.id + "." + quiz.version + "." + lang.toLowerCase() + "." + payload;
    return head + "." + check(head.replace(/\./g, ":"));
  }
  // JavaScript's \s is the white space builder/results.py removes.
  function readCode(quizzes, languages, code) {
    var parts = String(code).replace(/\s+/g, "").toLowerCase().split(".");
    if (parts.length !== 5) fail("badCode");
    if (parts[4] !== check(parts.slice(0, 4).join(":"))) fail("badCode");
    var quiz = knownQuiz(quizzes, parts[0]);
    if (parts[1] !== quiz.version) fail("otherVersion");
    var lang = language(languages, parts[2], true), payload = parts[3];
    var widths = quiz.questions.map(function (q) { return tokenWidth(q.options.length); });
    var length = 0;
    widths.forEach(function (w) { length += w; });
    if (payload.length !== length || !/^[0-9a-z]*$/.test(payload)) fail("badCode");
    var answers = {}, start = 0, n = 0;
    quiz.questions.forEach(function (q, k) {
      var value = parseInt(payload.slice(start, start + widths[k]), 36);
      start += widths[k];
      if (value === 0) return;
      var mask = value - 1;
      if (mask >= Math.pow(2, q.options.length)) fail("badAnswers");
      var chosen = q.options.filter(function (o, i) { return Math.floor(mask / Math.pow(2, i)) % 2 === 1; })
        .map(function (o) { return o.id; });
      if (SINGLE.indexOf(q.type) >= 0 && chosen.length > 1) fail("badAnswers");
      answers[q.id] = chosen;
      n++;
    });
    if (!n) fail("badAnswers");
    return { quiz: quiz.id, version: quiz.version, lang: lang, name: null, answers: answers };
  }

  // -- Class statistics (builder/itemstats.py) ------------------------------------------------------
  function halfUp(value, decimals) {
    var scale = Math.pow(10, decimals);
    return Math.floor(value * scale + 0.5) / scale;
  }
  // Each learner's item scores over the questions asked, in authored order: [[id, score], …].
  function itemScores(quiz, results) {
    return results.map(function (r) {
      return quiz.questions.filter(function (q) { return has(r.answers, q.id); })
        .map(function (q) { return [q.id, questionScore(q, r.answers[q.id])]; });
    });
  }
  function scoreOf(scores, id) {
    for (var i = 0; i < scores.length; i++) if (scores[i][0] === id) return scores[i][1];
    return null;
  }
  function discrimination(id, items) {
    var xs = [], ys = [];
    items.forEach(function (scores) {
      var x = scoreOf(scores, id);
      if (x === null || scores.length < 2) return;
      var rest = 0;
      scores.forEach(function (s) { if (s[0] !== id) rest += s[1]; });
      xs.push(x);
      ys.push(rest / (scores.length - 1));
    });
    var m = xs.length;
    if (m < MIN_DISCRIMINATION) return null;
    var sx = 0, sy = 0, i;
    for (i = 0; i < m; i++) { sx += xs[i]; sy += ys[i]; }
    var mx = sx / m, my = sy / m, sxy = 0, sxx = 0, syy = 0;
    for (i = 0; i < m; i++) {
      sxy += (xs[i] - mx) * (ys[i] - my);
      sxx += (xs[i] - mx) * (xs[i] - mx);
      syy += (ys[i] - my) * (ys[i] - my);
    }
    if (sxx === 0 || syy === 0) return null;
    return halfUp(sxy / Math.sqrt(sxx * syy), 2);
  }
  function questionStats(q, number, results, items) {
    var counts = {}, asked = 0, unanswered = 0, points = 0;
    q.options.forEach(function (o) { counts[o.id] = 0; });
    results.forEach(function (r, i) {
      var s = scoreOf(items[i], q.id);
      if (s === null) return;
      asked++;
      points += s;
      var chosen = r.answers[q.id];
      if (!chosen.length) unanswered++;
      chosen.forEach(function (o) { counts[o]++; });
    });
    var facility = asked ? points / asked : null, disc = discrimination(q.id, items), wrong = null;
    q.options.forEach(function (o) {
      if (!o.correct && counts[o.id] && (wrong === null || counts[o.id] > counts[wrong.id])) wrong = o;
    });
    var flags = [];
    if (facility !== null && asked >= FLAGS_FROM) {
      if (facility >= EASY) flags.push("easy");
      else if (facility <= HARD) flags.push("hard");
      if (disc !== null && disc < 0) flags.push("negative");
    }
    return { question: q.id, number: number, asked: asked, facility: facility,
             facility_percent: facility === null ? null : Math.floor(100 * facility + 0.5),
             discrimination: disc, counts: counts, unanswered: unanswered,
             wrong: wrong ? wrong.id : null, misconception: wrong ? wrong.misconception || null : null,
             flags: flags };
  }
  function misconceptionStats(quiz, results, items) {
    // Per card, the questions testing it: its wrong options there, and whether it is a spot
    // question whose right option is the card.
    var order = [], tests = {};
    quiz.questions.forEach(function (q) {
      var cards = [], byCard = {};
      q.options.forEach(function (o) {
        var card = o.misconception;
        if (!card) return;
        if (!has(byCard, card)) { byCard[card] = { wrong: [], spot: false }; cards.push(card); }
        if (o.correct) byCard[card].spot = true; else byCard[card].wrong.push(o.id);
      });
      cards.forEach(function (card) {
        if (!has(tests, card)) { tests[card] = []; order.push(card); }
        tests[card].push({ q: q, wrong: byCard[card].wrong, spot: byCard[card].spot });
      });
    });
    var stats = order.map(function (card) {
      var exposed = 0, fell = 0;
      results.forEach(function (r, i) {
        var met = false, fallen = false;
        tests[card].forEach(function (t) {
          if (!has(r.answers, t.q.id)) return;
          met = true;
          var chosen = r.answers[t.q.id];
          fallen = fallen || chosen.some(function (c) { return t.wrong.indexOf(c) >= 0; }) ||
            (t.spot && scoreOf(items[i], t.q.id) !== 1);
        });
        if (met) exposed++;
        if (fallen) fell++;
      });
      return { misconception: card, fell: fell, exposed: exposed };
    });
    return stats.sort(function (a, b) {
      var x = a.exposed ? a.fell / a.exposed : 0, y = b.exposed ? b.fell / b.exposed : 0;
      return y - x || (a.misconception < b.misconception ? -1 : a.misconception > b.misconception ? 1 : 0);
    });
  }
  function quizStats(quiz, results) {
    var items = itemScores(quiz, results);
    var percents = results.map(function (r) { return percentOf(quiz, r.answers); });
    var distribution = [], total = 0, passed = 0, i;
    for (i = 0; i < BINS; i++) distribution.push(0);
    percents.forEach(function (p) {
      distribution[Math.min(Math.floor(p / 10), BINS - 1)]++;
      total += p;
      if (p >= quiz.pass_mark) passed++;
    });
    var ordered = percents.slice().sort(function (a, b) { return a - b; }), n = ordered.length;
    var median = !n ? null : n % 2 ? ordered[(n - 1) / 2] : (ordered[n / 2 - 1] + ordered[n / 2]) / 2;
    return {
      quiz: quiz.id, learners: n, percents: percents,
      questions: quiz.questions.map(function (q, k) { return questionStats(q, k + 1, results, items); }),
      misconceptions: misconceptionStats(quiz, results, items), distribution: distribution,
      mean: n ? halfUp(total / n, 1) : null, median: median === null ? null : halfUp(median, 1),
      passed: passed
    };
  }
  // The questions most people missed first; ties, and the questions nobody was asked (last), in
  // authored order (Array.prototype.sort is stable).
  function byFacility(stats) {
    return stats.questions.slice().sort(function (a, b) {
      if ((a.facility === null) !== (b.facility === null)) return a.facility === null ? 1 : -1;
      return (a.facility || 0) - (b.facility || 0);
    });
  }

  // -- Sharing on a quiz page -----------------------------------------------------------------------
  // The quiz as the form holds it, in authored order (kb-quiz.js may have shuffled the page).
  function formQuiz(form) {
    var questions = all(form, ".kb-question[data-question]").map(function (li) {
      var correct = li.getAttribute("data-correct").split(" ");
      return { id: li.getAttribute("data-question"), type: li.getAttribute("data-type"),
               number: +li.getAttribute("data-number"),
               options: li.getAttribute("data-options").split(" ").map(function (id) {
                 return { id: id, correct: correct.indexOf(id) >= 0 };
               }) };
    }).sort(function (a, b) { return a.number - b.number; });
    return { id: form.getAttribute("data-kb-quiz"), version: form.getAttribute("data-version"),
             questions: questions };
  }
  function shareBlock(form) {
    return document.querySelector('[data-kb-share="' + form.getAttribute("data-kb-quiz") + '"]');
  }
  function setupShare(block) {
    if (block.kbShare) return block.kbShare;
    var form = document.getElementById("quiz-" + block.getAttribute("data-kb-share"));
    if (!form || !form.getAttribute("data-kb-quiz")) return null;
    var quiz = formQuiz(form), lang = form.getAttribute("data-lang"), earned = null;
    var name = block.querySelector("[data-share-name]"), code = block.querySelector("[data-share-code]");
    var status = block.querySelector("[data-share-copied]"), note = block.querySelector("[data-share-note]");

    // Only a check the learner made is theirs to share: a shown solution keeps the result earned
    // before it, and a reload showing a solution has none (nothing earned is known).
    function checked(d) {
      if (!d.solution) earned = authored(quiz, d.answers || {});
      block.hidden = !earned;
      note.hidden = !(earned && d.solution);
      status.textContent = "";
      if (earned) code.value = resultCode(quiz, lang, earned);
    }
    form.addEventListener("click", function (event) {
      var action = event.target.closest && event.target.closest("[data-action]");
      if (action && /^(retry|reset)$/.test(action.getAttribute("data-action"))) {
        earned = null;
        block.hidden = true;
      }
    });
    block.querySelector("[data-action=share-file]").addEventListener("click", function () {
      if (!earned) return;
      kb.download(quiz.id + "-" + lang + "-result.json", "application/json",
               JSON.stringify(resultFile(quiz, lang, earned, name.value), null, 2) + "\n");
    });
    block.querySelector("[data-action=share-copy]").addEventListener("click", function () {
      kb.copy(code, status, block.getAttribute("data-copied"), block.getAttribute("data-copy-by-hand"));
    });
    block.kbShare = { checked: checked };
    return block.kbShare;
  }
  // On the document from the start: kb-quiz.js may restore an earlier check before this
  // script's own set-up has run.
  document.addEventListener("kb-quiz:checked", function (event) {
    var d = event.detail, form = event.target, block = form && form.getAttribute && shareBlock(form);
    var share = block && setupShare(block);
    if (share && d && d.quiz === form.getAttribute("data-kb-quiz")) share.checked(d);
  });

  // Pure functions, for the class view (kb-class.js) and the shared test vectors.
  window.kbResults = {
    questionScore: questionScore, percentOf: percentOf, resultFile: resultFile, readFile: readFile,
    resultCode: resultCode, readCode: readCode, tokenWidth: tokenWidth, quizStats: quizStats,
    byFacility: byFacility, download: kb.download, copy: kb.copy
  };

  function init() { all(document, "[data-kb-share]").forEach(setupShare); }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
