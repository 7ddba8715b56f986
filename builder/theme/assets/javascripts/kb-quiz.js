/* Quizzes: checking, feedback, answers kept in this browser only. The form works without this
   script (it reads and prints); scoring as builder/scoring.py. Needs kb-common.js. */
(function () {
  "use strict";
  var VERSION = 1, all = kb.all;

  // Seeded shuffle (mulberry32), so a reload shows the same order.
  function random(seed) {
    return function () {
      seed = (seed + 0x6D2B79F5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function shuffled(items, rnd) {
    var a = items.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(rnd() * (i + 1)), x = a[i]; a[i] = a[j]; a[j] = x;
    }
    return a;
  }
  function score(type, chosen, correct) {
    if (type === "multiple") {
      var right = chosen.filter(function (c) { return correct.indexOf(c) >= 0; }).length;
      return Math.max(0, (right - (chosen.length - right)) / correct.length);
    }
    return chosen.length === 1 && correct.indexOf(chosen[0]) >= 0 ? 1 : 0;
  }

  // Storage: one versioned key per site, language and quiz.
  function fresh(seed) {
    return { v: VERSION, seed: typeof seed === "number" ? seed : Math.floor(Math.random() * 2147483647), answers: {} };
  }
  // The valid part of a stored entry is kept: its seed, answers naming this quiz's options.
  function valid(s, options) {
    var state = fresh();
    if (!kb.isObject(s) || s.v !== VERSION) return state;
    if (typeof s.seed === "number" && s.seed % 1 === 0) state.seed = s.seed;
    if (kb.isObject(s.answers)) Object.keys(s.answers).forEach(function (id) {
      var a = s.answers[id];
      if (kb.has(options, id) && Array.isArray(a) &&
          a.every(function (o) { return options[id].indexOf(o) >= 0; })) state.answers[id] = a;
    });
    state.checked = s.checked === true;
    state.solution = state.checked && s.solution === true;
    return state;
  }
  // Says so when the browser refuses (full, or private mode).
  function save(z) { z.alert.hidden = kb.store.save(z.key, z.state); }

  // From presenter mode (`?room`): every question, in the presenter's order and letters.
  function order(z) {
    var rnd = random(z.state.seed), draw = z.room ? 0 : parseInt(z.at("draw"), 10);
    var asked = !z.room && z.at("shuffle-questions") === "true" ? shuffled(z.original, rnd) : z.original.slice();
    if (draw > 0 && draw < asked.length) {
      var chosen = shuffled(z.original, rnd).slice(0, draw);
      asked = asked.filter(function (q) { return chosen.indexOf(q) >= 0; });
    }
    if (!z.room && z.at("shuffle-options") === "true") z.original.forEach(function (q) {
      // True before false, always: the order readers expect.
      if (q.getAttribute("data-type") === "true-false") return;
      var ul = q.querySelector(".kb-options");
      shuffled(all(ul, ".kb-option"), rnd).forEach(function (o) { ul.appendChild(o); });
    });
    return asked;
  }
  function arrange(z) {
    z.asked = order(z);
    z.original.forEach(function (q) {
      q.hidden = z.asked.indexOf(q) < 0;
      all(q, "input").forEach(function (input) { input.disabled = q.hidden; });
    });
    z.asked.forEach(function (q) { z.list.appendChild(q); });
    // Letters follow the order shown (the authored one on paper and in presenter mode).
    all(z.form, ".kb-options").forEach(function (ul) {
      all(ul, "[data-letter]").forEach(function (el, i) { el.textContent = String.fromCharCode(65 + i) + "."; });
    });
  }

  function chosenIn(q) { return all(q, "input:checked").map(function (input) { return input.value; }); }
  function clearFeedback(z) {
    all(z.form, "[data-feedback], [data-explanation], [data-status]").forEach(function (el) { el.hidden = true; });
    all(z.form, ".kb-option, .kb-question").forEach(function (el) {
      el.removeAttribute("data-state");
      el.removeAttribute("data-label");
    });
    z.summary.textContent = "";
    z.button("retry").hidden = z.button("solution").hidden = true;
  }

  // Feedback speaks to whoever chose the option: a right one missed gets a label instead.
  function markOption(z, o, chosen, correct, solution) {
    var id = o.getAttribute("data-option"), right = correct.indexOf(id) >= 0, picked = chosen.indexOf(id) >= 0;
    var state = picked ? (right ? "right" : "wrong") : right ? "missed" : solution ? "other" : "";
    var label = state === "missed" ? z.i18n.missed : solution && right ? z.i18n.solution : "";
    if (state) o.setAttribute("data-state", state);
    if (label) o.setAttribute("data-label", label);
    o.querySelector("[data-feedback]").hidden = !(picked || (solution && !right));
  }
  // Marks a question's verdict, options and explanation; returns its points.
  function markQuestion(z, q, chosen, solution) {
    var correct = q.getAttribute("data-correct").split(" "), status = q.querySelector("[data-status]");
    var p = score(q.getAttribute("data-type"), chosen, correct);
    var verdict = !chosen.length ? "unanswered" : p === 1 ? "correct" : p > 0 ? "partly" : "incorrect";
    q.setAttribute("data-state", verdict);
    status.textContent = z.i18n[verdict];
    status.hidden = q.querySelector("[data-explanation]").hidden = false;
    all(q, ".kb-option").forEach(function (o) { markOption(z, o, chosen, correct, solution); });
    return p;
  }
  function paragraph(z, name, text) {
    var p = z.summary.appendChild(document.createElement("p"));
    p.className = "kb-quiz__" + name;
    p.textContent = text;
    return p;
  }
  function summarise(z, percent, passed, full, solution) {
    var band = 0;
    kb.data(z.form, "bands").forEach(function (b, i) { if (percent >= b[0] && percent <= b[1]) band = i; });
    paragraph(z, "score", kb.data(z.form, "score-texts")[full] + " " +
      kb.fill(z.i18n.score, { percent: z.percent.format(percent / 100) }) + " " +
      (passed ? z.i18n.passed : z.i18n.failed)).setAttribute("data-passed", passed);
    if (solution) paragraph(z, "shown", z.i18n.shown);
    var message = z.form.querySelector("[data-band='" + band + "']");
    if (message) z.summary.appendChild(message.content.cloneNode(true));
  }

  // Scores the learner's own answers, beside a shown solution too. For whoever records results
  // (SCORM, review, sharing): `solution` = not a check of its own, `restored` = a reload.
  function check(z, focus) {
    clearFeedback(z);
    var solution = !!z.state.solution, points = 0, full = 0, each = {}, answers = {};
    z.asked.forEach(function (q) {
      var id = q.getAttribute("data-question"), chosen = answers[id] = chosenIn(q);
      points += each[id] = markQuestion(z, q, chosen, solution);
      if (each[id] === 1) full++;
    });
    var percent = z.asked.length ? Math.floor(points / z.asked.length * 100 + 1e-9) : 0;
    var passed = percent >= parseInt(z.at("pass"), 10);
    summarise(z, percent, passed, full, solution);
    z.button("retry").hidden = false;
    z.button("solution").hidden = solution;
    z.state.checked = true;
    save(z);
    if (focus) z.summary.focus();
    // `questions`: points per asked question (0 to 1); `answers`: chosen option ids.
    z.form.dispatchEvent(new CustomEvent("kb-quiz:checked", { bubbles: true, detail: {
      quiz: z.at("kb-quiz"), version: z.at("version"), lang: z.lang, percent: percent, passed: passed,
      solution: solution, restored: !focus, questions: each, answers: answers } }));
  }

  // Under a shown solution the answers stay as they were, until "Try again".
  function lock(z, on) {
    z.asked.forEach(function (q) { all(q, "input").forEach(function (input) { input.disabled = on; }); });
    z.form.querySelector("[type=submit]").hidden = on;
  }
  function afresh(z, state) {
    all(z.form, "input").forEach(function (input) { input.checked = false; });
    z.state = state;
    save(z);
    lock(z, false);
    clearFeedback(z);
  }
  var ACTIONS = {
    retry: function (z) {
      afresh(z, fresh(z.state.seed));
      var first = z.form.querySelector(".kb-question:not([hidden]) input");
      if (first) first.focus();
    },
    reset: function (z) {
      kb.store.remove(z.key);
      afresh(z, fresh());
      arrange(z);
    },
    solution: function (z) {
      z.state.solution = true;
      lock(z, true);
      check(z, true);
    }
  };

  function restore(z) {
    z.asked.forEach(function (q) {
      var chosen = z.state.answers[q.getAttribute("data-question")] || [];
      all(q, "input").forEach(function (input) { input.checked = chosen.indexOf(input.value) >= 0; });
    });
    lock(z, z.state.solution);
    if (z.state.checked) check(z, false);
  }
  function listen(z) {
    z.form.addEventListener("change", function (event) {
      var q = event.target.closest(".kb-question");
      if (!q) return;
      z.state.answers[q.getAttribute("data-question")] = chosenIn(q);
      save(z);
    });
    z.form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!z.state.solution) check(z, true);
    });
    z.form.addEventListener("click", function (event) {
      var name = (event.target.closest("[data-action]") || event.target).getAttribute("data-action");
      if (kb.has(ACTIONS, name)) ACTIONS[name](z);
    });
  }

  function setup(form) {
    if (form.kbQuiz) return;
    var at = function (name) { return form.getAttribute("data-" + name); }, options = {};
    var lang = at("lang"), key = ["kb-quiz", "v" + VERSION, at("site"), lang, at("kb-quiz")].join(":");
    var original = all(form, ".kb-question");
    original.forEach(function (q) { options[q.getAttribute("data-question")] = q.getAttribute("data-options").split(" "); });
    var z = form.kbQuiz = {
      form: form, at: at, lang: lang, key: key, i18n: kb.data(form, "i18n"), original: original,
      list: form.querySelector(".kb-quiz__questions"), summary: form.querySelector("[data-summary]"),
      alert: form.querySelector("[data-not-saved]"), state: valid(kb.store.load(key), options),
      room: /(^|&)room(=|&|$)/.test(location.search.slice(1)),
      percent: new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }),
      button: function (name) { return form.querySelector("[data-action=" + name + "]"); }
    };
    save(z);  // a new seed too: a reload shows the same order
    listen(z);
    arrange(z);
    restore(z);
    form.classList.add("kb-quiz--ready");
  }

  function init() { all(document, "form.kb-quiz").forEach(setup); }
  // Material's instant navigation announces each page on document$ (there is no load event).
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
