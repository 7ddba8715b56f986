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

  var kb = window.kb, data = kb.data, all = kb.all, has = kb.has;

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
    return KEY.test(key) && kb.isObject(entry) &&
      typeof entry.box === "number" && entry.box % 1 === 0 && entry.box >= 1 &&
      entry.box <= LAST_BOX && typeof entry.due === "string" && parseDay(entry.due) !== null;
  }

  // The store, its flawed entries (and, given `known`, those of questions the site no longer
  // has) left out; `changed` says something was, so that it is written back without them.
  // Storage that cannot be read is `failed` (kb.store.load cannot tell it from an empty store).
  function load(site, lang, known) {
    var store = { items: {}, changed: false, failed: false }, raw = null, s = null;
    try { raw = localStorage.getItem(storageKey(site, lang)); } catch (e) { store.failed = true; }
    if (raw === null) return store;
    try { s = JSON.parse(raw); } catch (e) { /* unreadable: start afresh */ }
    if (!s || s.v !== VERSION || !kb.isObject(s.items)) {
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
    return kb.store.save(storageKey(site, lang), { v: VERSION, items: items });
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
    // Unreadable now: better keep the boxes than overwrite them, and say so if a miss is lost.
    if (store.failed) {
      if (Object.keys(d.questions).some(function (q) { return d.questions[q] !== 1; })) unsaved();
      return;
    }
    Object.keys(d.questions).forEach(function (question) {
      var key = [d.quiz, d.version, question].join(":"), right = d.questions[question] === 1;
      if (!KEY.test(key) || (right && !(has(store.items, key) && store.items[key].due <= today))) {
        return;
      }
      answer(store.items, key, right);
      changed = true;
    });
    // The quiz itself works on; the alert below it (form_page.md.j2) says what is not kept.
    if (changed && !save(site, d.lang, store.items)) unsaved();
  });

  function unsaved() {
    var alert = document.querySelector("[data-kb-review-unsaved]");
    if (alert) alert.hidden = false;
  }

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

  // -- The review page: `view` is one page's settings, what it read and what it shows. ------------

  function notSaved(view) {
    view.alert.textContent = view.i18n.notSaved;
    view.alert.hidden = false;
  }
  // Read afresh at each step: another tab may have added or moved questions meanwhile.
  function read(view) {
    var store = load(view.site, view.lang, view.templates);
    if (store.failed || (store.changed && !save(view.site, view.lang, store.items))) notSaved(view);
    return store;
  }

  // "N questions to review today", or when the next one is due.
  function status(view, items) {
    var root = view.root, n = dueKeys(items, day(0)).length, next = root.querySelector("[data-next]");
    root.querySelector("[data-count]").textContent =
      n ? plural(view.lang, data(root, "due-texts"), n) : view.i18n.nothingDue;
    var later = Object.keys(items).map(function (key) { return items[key].due; }).sort()[0];
    next.hidden = !!n || !later;
    next.textContent = n || !later ? "" :
      view.i18n.nextOn.replace("%(date)s", view.dateFormat.format(parseDay(later)));
  }

  // The verdict on an answer, with the options' feedback as the quiz page shows it.
  function mark(view, li) {
    var correct = li.getAttribute("data-correct").split(" ");
    var chosen = all(li, "input:checked").map(function (input) { return input.value; });
    var p = score(li.getAttribute("data-type"), chosen, correct);
    all(li, ".kb-option").forEach(function (o) {
      var id = o.getAttribute("data-option"), isRight = correct.indexOf(id) >= 0;
      if (chosen.indexOf(id) >= 0) {
        o.setAttribute("data-state", isRight ? "right" : "wrong");
        o.querySelector("[data-feedback]").hidden = false;
      } else if (isRight) {
        o.setAttribute("data-state", "missed");
        // Its own feedback speaks to whoever chose it ("Right. …"): a label instead.
        o.setAttribute("data-missed-label", view.i18n.missed);
      }
    });
    li.querySelector("[data-explanation]").hidden = false;
    // One answer per review: checking again would move the question once more.
    all(li, "input, button").forEach(function (el) { el.disabled = true; });
    li.querySelector(".kb-quiz__actions").hidden = true;
    return { right: p === 1, verdict: !chosen.length ? "unanswered" : p === 1 ? "correct" : p > 0 ? "partly" : "incorrect" };
  }

  function check(view, li, key) {
    var result = mark(view, li);
    li.setAttribute("data-state", result.verdict);
    var store = read(view), items = store.items, days = answer(items, key, result.right);
    // A store that could not be read is not overwritten with this one answer.
    if (store.failed || !save(view.site, view.lang, items)) notSaved(view);
    var said = li.querySelector("[data-verdict]"), schedule = li.querySelector("[data-schedule]");
    said.textContent = view.i18n[result.verdict];
    said.hidden = false;
    schedule.textContent = days ? plural(view.lang, data(view.root, "next-texts"), days) : view.i18n.learnt;
    schedule.hidden = false;
    status(view, items);
    said.focus();
  }

  // The due questions, the longest waiting first (in the pool's order on a tie), at most data-max.
  function due(view, items) {
    return dueKeys(items, day(0)).sort(function (a, b) {
      return items[a].due < items[b].due ? -1 : items[a].due > items[b].due ? 1 : view.rank[a] - view.rank[b];
    }).slice(0, parseInt(view.root.getAttribute("data-max"), 10));
  }

  function show(view, list, key) {
    var li = view.templates[key].content.firstElementChild.cloneNode(true);
    li.setAttribute("data-item", key);
    li.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      if (!li.hasAttribute("data-state")) check(view, li, key);
    });
    list.appendChild(li);
  }

  function setupReview(root) {
    if (root.kbReview) return;
    root.kbReview = true;
    var lang = root.getAttribute("data-lang");
    var view = { root: root, site: root.getAttribute("data-site"), lang: lang, i18n: data(root, "i18n"),
                 alert: root.querySelector("[data-not-saved]"), templates: {}, rank: {},
                 dateFormat: new Intl.DateTimeFormat(lang, { weekday: "long", year: "numeric", month: "long", day: "numeric" }) };
    all(root, "template[data-item]").forEach(function (t, i) {
      view.templates[t.getAttribute("data-item")] = t;
      view.rank[t.getAttribute("data-item")] = i;
    });
    var items = read(view).items, keys = due(view, items), list = root.querySelector("[data-items]");
    keys.forEach(function (key) { show(view, list, key); });
    root.querySelector("[data-how]").hidden = keys.length > 0;
    status(view, items);
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
