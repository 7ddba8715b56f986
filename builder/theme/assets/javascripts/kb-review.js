/* Personal review (docs/results.md, "Personal review"): Leitner boxes kept in this browser, one
   store per site and language. A checked quiz puts each question missed in box 1, due tomorrow;
   the review page asks the due ones again and moves them; the quizzes index counts them.
   Scoring follows kb-quiz.js and builder/scoring.py. Nothing is sent anywhere. */
(function () {
  "use strict";
  var VERSION = 1, LAST_BOX = 5;
  // Box → days until it is due again; box 1 is always tomorrow. As builder/review.py INTERVALS
  // (a unit test compares them): the quiz page, which records misses too, has no copy of them.
  var INTERVALS = { 2: 2, 3: 4, 4: 8, 5: 16 };
  // quiz:version:question — quiz and question ids are slugs, the version 8 hex digits.
  var KEY = /^[a-z0-9-]+:[0-9a-f]{8}:[a-z0-9-]+$/;

  function data(el, name) { return JSON.parse(el.getAttribute("data-" + name) || "null"); }
  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }

  // The one place that reads the clock, so that tests can fix it (tests/browser/test_review.py
  // sets Playwright's page.clock, which fixes `new Date()` before this script runs).
  function now() { return new Date(); }

  // Dates are days of the reader's local calendar, written YYYY-MM-DD.
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function iso(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  // The day `n` days after today, YYYY-MM-DD.
  function day(n) {
    var today = now();
    // Built from the calendar day, so a change to or from summer time cannot skip a day.
    return iso(new Date(today.getFullYear(), today.getMonth(), today.getDate() + n));
  }
  function parseDay(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return null;
    var d = new Date(+m[1], +m[2] - 1, +m[3]);
    return iso(d) === text ? d : null;  // refuses 2026-02-30 and the like
  }

  function storageKey(site, lang) { return ["kb-review", "v" + VERSION, site, lang].join(":"); }

  function valid(key, entry) {
    return KEY.test(key) && entry !== null && typeof entry === "object" && !Array.isArray(entry) &&
      typeof entry.box === "number" && entry.box % 1 === 0 && entry.box >= 1 &&
      entry.box <= LAST_BOX && typeof entry.due === "string" && parseDay(entry.due) !== null;
  }

  // The store, its flawed entries (and, given `known`, those of questions the site no longer
  // has) left out; `changed` says something was, so that it is written back without them.
  function load(site, lang, known) {
    var store = { items: {}, changed: false, failed: false }, raw = null, s = null;
    try { raw = localStorage.getItem(storageKey(site, lang)); } catch (e) { store.failed = true; }
    if (raw === null) return store;
    try { s = JSON.parse(raw); } catch (e) { /* unreadable: start afresh */ }
    if (!s || s.v !== VERSION || !s.items || typeof s.items !== "object" || Array.isArray(s.items)) {
      store.changed = true;
      return store;
    }
    Object.keys(s.items).forEach(function (key) {
      var entry = s.items[key];
      if (valid(key, entry) && (!known || has(known, key))) {
        store.items[key] = { box: entry.box, due: entry.due };
      } else {
        store.changed = true;
      }
    });
    return store;
  }
  // False when the browser refuses (storage full, turned off, private mode).
  function save(site, lang, items) {
    try {
      localStorage.setItem(storageKey(site, lang), JSON.stringify({ v: VERSION, items: items }));
      return true;
    } catch (e) { return false; }
  }

  // The builder emits one form per CLDR category its integers use (Polish: one, few, many).
  function plural(lang, texts, n) {
    var form = texts[new Intl.PluralRules(lang).select(n)] || texts.other ||
      texts[Object.keys(texts)[0]];
    return form.replace("%(num)d", String(n));
  }

  function dueKeys(items, today) {
    return Object.keys(items).filter(function (key) { return items[key].due <= today; });
  }

  // One answer to a question, as the review counts it: right moves it up a box (right in the last
  // box retires it), anything less sends it back to box 1, due tomorrow. Returns the days until
  // it is due again, or 0 when it is learnt.
  function answer(items, key, right) {
    var box = has(items, key) ? items[key].box : 1;
    if (!right) {
      items[key] = { box: 1, due: day(1) };
      return 1;
    }
    if (box >= LAST_BOX) {
      delete items[key];
      return 0;
    }
    var days = INTERVALS[box + 1];
    items[key] = { box: box + 1, due: day(days) };
    return days;
  }

  // A quiz checked by the learner: each question missed goes to box 1, due tomorrow, and one
  // answered right that is due for review moves up as on the review page (one not yet due, as
  // right after "Try again" with the feedback in view, is left where it is). A shown solution
  // was not earned, and a reload showing an earlier check was counted already.
  document.addEventListener("kb-quiz:checked", function (event) {
    var d = event.detail, form = event.target;
    if (!d || d.solution || d.restored || !d.questions || !form.getAttribute) return;
    var site = form.getAttribute("data-site");
    if (!site || !d.lang || !d.quiz || !d.version) return;
    var store = load(site, d.lang), today = day(0), changed = store.changed;
    if (store.failed) return;  // unreadable now: better keep the boxes than overwrite them
    Object.keys(d.questions).forEach(function (question) {
      var key = [d.quiz, d.version, question].join(":"), right = d.questions[question] === 1;
      if (!KEY.test(key) || (right && !(has(store.items, key) && store.items[key].due <= today))) {
        return;
      }
      answer(store.items, key, right);
      changed = true;
    });
    // Nothing to tell the learner here when saving fails: the quiz itself works on.
    if (changed) save(site, d.lang, store.items);
  });

  function known(keys) {
    var set = {};
    keys.forEach(function (key) { set[key] = true; });
    return set;
  }

  // The quizzes index: "N questions to review today", a link shown only when some are.
  function setupNotice(el) {
    if (el.kbReview) return;
    el.kbReview = true;
    var site = el.getAttribute("data-site"), lang = el.getAttribute("data-lang");
    var store = load(site, lang, known(data(el, "known") || []));
    if (store.changed && !store.failed) save(site, lang, store.items);
    var n = dueKeys(store.items, day(0)).length;
    el.querySelector("a").textContent = n ? plural(lang, data(el, "due-texts"), n) : "";
    el.hidden = !n;
  }

  function score(type, chosen, correct) {
    if (type === "multiple") {
      var right = chosen.filter(function (c) { return correct.indexOf(c) >= 0; }).length;
      return Math.max(0, (right - (chosen.length - right)) / correct.length);
    }
    return chosen.length === 1 && correct.indexOf(chosen[0]) >= 0 ? 1 : 0;
  }

  function setupReview(root) {
    if (root.kbReview) return;
    root.kbReview = true;
    var site = root.getAttribute("data-site"), lang = root.getAttribute("data-lang");
    var i18n = data(root, "i18n");
    var list = root.querySelector("[data-items]"), alert = root.querySelector("[data-not-saved]");
    var templates = {}, rank = {};
    all(root, "template[data-item]").forEach(function (t, i) {
      templates[t.getAttribute("data-item")] = t;
      rank[t.getAttribute("data-item")] = i;
    });
    var dateFormat = new Intl.DateTimeFormat(lang, {
      weekday: "long", year: "numeric", month: "long", day: "numeric" });

    function notSaved() {
      alert.textContent = i18n.notSaved;
      alert.hidden = false;
    }
    // Read afresh at each step: another tab may have added or moved questions meanwhile.
    function read() {
      var store = load(site, lang, templates);
      if (store.failed || (store.changed && !save(site, lang, store.items))) notSaved();
      return store;
    }

    function status(items) {
      var today = day(0), n = dueKeys(items, today).length;
      var next = root.querySelector("[data-next]");
      root.querySelector("[data-count]").textContent =
        n ? plural(lang, data(root, "due-texts"), n) : i18n.nothingDue;
      var later = Object.keys(items).map(function (key) { return items[key].due; }).sort()[0];
      next.hidden = !!n || !later;
      next.textContent = n || !later ? "" :
        i18n.nextOn.replace("%(date)s", dateFormat.format(parseDay(later)));
    }

    function check(li, key) {
      var correct = li.getAttribute("data-correct").split(" ");
      var chosen = all(li, "input:checked").map(function (input) { return input.value; });
      var p = score(li.getAttribute("data-type"), chosen, correct);
      var verdict = !chosen.length ? "unanswered" : p === 1 ? "correct" : p > 0 ? "partly" : "incorrect";
      li.setAttribute("data-state", verdict);
      all(li, ".kb-option").forEach(function (o) {
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
      li.querySelector("[data-explanation]").hidden = false;
      // One answer per review: checking again would move the question once more.
      all(li, "input, button").forEach(function (el) { el.disabled = true; });
      li.querySelector(".kb-quiz__actions").hidden = true;

      var store = read(), items = store.items, days = answer(items, key, p === 1);
      var text = days ? plural(lang, data(root, "next-texts"), days) : i18n.learnt;
      // A store that could not be read is not overwritten with this one answer.
      if (store.failed || !save(site, lang, items)) notSaved();
      var said = li.querySelector("[data-verdict]"), schedule = li.querySelector("[data-schedule]");
      said.textContent = i18n[verdict];
      said.hidden = false;
      schedule.textContent = text;
      schedule.hidden = false;
      status(items);
      said.focus();
    }

    var items = read().items, today = day(0);
    var due = dueKeys(items, today).sort(function (a, b) {
      return items[a].due < items[b].due ? -1 : items[a].due > items[b].due ? 1 : rank[a] - rank[b];
    }).slice(0, parseInt(root.getAttribute("data-max"), 10));
    due.forEach(function (key) {
      var li = templates[key].content.firstElementChild.cloneNode(true);
      li.setAttribute("data-item", key);
      li.querySelector("form").addEventListener("submit", function (event) {
        event.preventDefault();
        if (!li.hasAttribute("data-state")) check(li, key);
      });
      list.appendChild(li);
    });
    root.querySelector("[data-how]").hidden = due.length > 0;
    status(items);
    root.classList.add("kb-review--ready");
  }

  function init() {
    all(document, "[data-kb-review-due]").forEach(setupNotice);
    all(document, "[data-kb-review]").forEach(setupReview);
  }
  // Material's instant navigation swaps pages without a load event; document$ announces each one.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
