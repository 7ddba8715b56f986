/* Quizzes: check answers, teach with feedback, keep answers in this browser only.
   The form works without this script (it reads and prints); scoring rules match builder/scoring.py. */
(function () {
  "use strict";
  var VERSION = 1;

  function data(el, name) { return JSON.parse(el.getAttribute("data-" + name) || "null"); }
  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }

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

  // Storage: one versioned key per site, language and quiz; bad or old data is ignored.
  function load(key) {
    try {
      var s = JSON.parse(localStorage.getItem(key));
      if (s && s.v === VERSION && typeof s.seed === "number" && s.answers &&
          typeof s.answers === "object" && !Array.isArray(s.answers)) return s;
    } catch (e) { /* unreadable: start afresh */ }
    return null;
  }
  function save(key, state) {
    try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  function score(type, chosen, correct) {
    if (type === "multiple") {
      var right = chosen.filter(function (c) { return correct.indexOf(c) >= 0; }).length;
      return Math.max(0, (right - (chosen.length - right)) / correct.length);
    }
    return chosen.length === 1 && correct.indexOf(chosen[0]) >= 0 ? 1 : 0;
  }

  function setup(form) {
    if (form.kbQuiz) return;
    form.kbQuiz = true;
    var lang = form.getAttribute("data-lang"), i18n = data(form, "i18n");
    var key = ["kb-quiz", "v" + VERSION, form.getAttribute("data-site"), lang,
               form.getAttribute("data-kb-quiz")].join(":");
    var list = form.querySelector(".kb-quiz__questions");
    var original = all(form, ".kb-question");
    var summary = form.querySelector("[data-summary]");
    var percentFormat = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 });
    var state = load(key);
    if (!state) {
      // A new reader: draw a seed and keep it, so a reload shows the same order.
      state = { v: VERSION, seed: Math.floor(Math.random() * 2147483647), answers: {} };
      save(key, state);
    }
    var asked = [];

    // Opened from presenter mode (`?room`): every question, in the presenter's order and letters.
    var room = /(^|&)room(=|&|$)/.test(location.search.slice(1));

    function arrange() {
      var rnd = random(state.seed), draw = room ? 0 : parseInt(form.getAttribute("data-draw"), 10);
      var order = !room && form.getAttribute("data-shuffle-questions") === "true"
        ? shuffled(original, rnd) : original.slice();
      if (draw > 0 && draw < order.length) {
        var chosen = shuffled(original, rnd).slice(0, draw);
        order = order.filter(function (q) { return chosen.indexOf(q) >= 0; });
      }
      original.forEach(function (q) {
        var on = order.indexOf(q) >= 0;
        q.hidden = !on;
        all(q, "input").forEach(function (input) { input.disabled = !on; });
      });
      order.forEach(function (q) { list.appendChild(q); });
      if (!room && form.getAttribute("data-shuffle-options") === "true") {
        original.forEach(function (q) {
          // True before false, always: the order readers expect.
          if (q.getAttribute("data-type") === "true-false") return;
          var ul = q.querySelector(".kb-options");
          shuffled(all(ul, ".kb-option"), rnd).forEach(function (o) { ul.appendChild(o); });
        });
      }
      // Letters follow the order shown: the authored one on paper and from presenter mode.
      all(form, ".kb-options").forEach(function (ul) {
        all(ul, "[data-letter]").forEach(function (el, i) {
          el.textContent = String.fromCharCode(65 + i) + ".";
        });
      });
      asked = order;
    }

    function chosenIn(q) {
      return all(q, "input:checked").map(function (input) { return input.value; });
    }

    function clearFeedback() {
      all(form, "[data-feedback], [data-explanation], [data-status]").forEach(function (el) {
        el.hidden = true;
      });
      all(form, ".kb-option").forEach(function (o) { o.removeAttribute("data-state"); });
      all(form, ".kb-question").forEach(function (q) { q.removeAttribute("data-state"); });
      summary.textContent = "";
      form.querySelector("[data-action=retry]").hidden = true;
      form.querySelector("[data-action=solution]").hidden = true;
    }

    function check(focus) {
      clearFeedback();
      var points = 0, full = 0, each = {}, answers = {};
      asked.forEach(function (q) {
        var correct = q.getAttribute("data-correct").split(" ");
        var chosen = chosenIn(q), p = score(q.getAttribute("data-type"), chosen, correct);
        points += p;
        each[q.getAttribute("data-question")] = p;
        answers[q.getAttribute("data-question")] = chosen;
        if (p === 1) full++;
        var status = q.querySelector("[data-status]");
        var verdict = !chosen.length ? "unanswered" : p === 1 ? "correct" : p > 0 ? "partly" : "incorrect";
        q.setAttribute("data-state", verdict);
        status.textContent = i18n[verdict];
        status.hidden = false;
        all(q, ".kb-option").forEach(function (o) {
          var id = o.getAttribute("data-option"), isRight = correct.indexOf(id) >= 0;
          if (chosen.indexOf(id) >= 0) {
            o.setAttribute("data-state", isRight ? "right" : "wrong");
            o.querySelector("[data-feedback]").hidden = false;
          } else if (isRight) {
            o.setAttribute("data-state", "missed");
            o.setAttribute("data-missed-label", i18n.missed);
            o.querySelector("[data-feedback]").hidden = false;
          }
        });
        q.querySelector("[data-explanation]").hidden = false;
      });
      var percent = asked.length ? Math.floor(points / asked.length * 100 + 1e-9) : 0;
      var passed = percent >= parseInt(form.getAttribute("data-pass"), 10);
      var bands = data(form, "bands"), band = 0;
      bands.forEach(function (b, i) { if (percent >= b[0] && percent <= b[1]) band = i; });
      var line = document.createElement("p");
      line.className = "kb-quiz__score";
      line.setAttribute("data-passed", passed);
      line.textContent = data(form, "score-texts")[full] + " " +
        i18n.score.replace("%(percent)s", percentFormat.format(percent / 100)) + " " +
        (passed ? i18n.passed : i18n.failed);
      summary.appendChild(line);
      var message = form.querySelector("[data-band='" + band + "']");
      if (message) summary.appendChild(message.content.cloneNode(true));
      form.querySelector("[data-action=retry]").hidden = false;
      form.querySelector("[data-action=solution]").hidden = false;
      state.checked = true;
      save(key, state);
      if (focus) summary.focus();
      // For whoever records results (the SCORM package, the personal review); a shown
      // solution was not earned; `restored` is a reload showing an earlier check again.
      // `questions`: each asked question's points, 0 to 1; `answers`: its chosen option ids.
      form.dispatchEvent(new CustomEvent("kb-quiz:checked", { bubbles: true, detail: {
        quiz: form.getAttribute("data-kb-quiz"), version: form.getAttribute("data-version"),
        lang: lang, percent: percent, passed: passed, solution: !!state.solution,
        restored: !focus, questions: each, answers: answers } }));
    }

    function restore() {
      asked.forEach(function (q) {
        var chosen = state.answers[q.getAttribute("data-question")];
        if (!Array.isArray(chosen)) return;
        all(q, "input").forEach(function (input) { input.checked = chosen.indexOf(input.value) >= 0; });
      });
      if (state.checked) check(false);
    }

    form.addEventListener("change", function (event) {
      var q = event.target.closest(".kb-question");
      if (!q) return;
      state.answers[q.getAttribute("data-question")] = chosenIn(q);
      save(key, state);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      check(true);
    });
    form.querySelector("[data-action=retry]").addEventListener("click", function () {
      all(form, "input").forEach(function (input) { input.checked = false; });
      state.answers = {};
      state.checked = false;
      state.solution = false;
      save(key, state);
      clearFeedback();
      var first = form.querySelector(".kb-question:not([hidden]) input");
      if (first) first.focus();
    });
    form.querySelector("[data-action=solution]").addEventListener("click", function () {
      asked.forEach(function (q) {
        var correct = q.getAttribute("data-correct").split(" ");
        all(q, "input").forEach(function (input) { input.checked = correct.indexOf(input.value) >= 0; });
        state.answers[q.getAttribute("data-question")] = chosenIn(q);
      });
      state.solution = true;
      check(true);
    });
    form.querySelector("[data-action=reset]").addEventListener("click", function () {
      try { localStorage.removeItem(key); } catch (e) { /* nothing stored */ }
      state = { v: VERSION, seed: Math.floor(Math.random() * 2147483647), answers: {} };
      save(key, state);
      all(form, "input").forEach(function (input) { input.checked = false; });
      clearFeedback();
      arrange();
    });

    arrange();
    restore();
    form.classList.add("kb-quiz--ready");
  }

  function init() { all(document, "form.kb-quiz").forEach(setup); }
  // Material's instant navigation swaps pages without a load event; document$ announces each one.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
