/* kb-assessment.js: the self-assessment page, and the scoring, checking and drawing that the team
 * view (kb-team.js) shares through `kb.assessment`. Vanilla, no network. Scoring follows
 * builder/assessment.py; tests check both against tests/vectors/assessment.json.
 * Imported files and codes are only ever set as text, never as HTML. */
(function () {
  "use strict";
  var has = kb.has, all = kb.all, fill = kb.fill, isObject = kb.isObject;
  var STORE = 1, SCALE = 5, DONT_KNOW = "dont-know", FORMAT = "kb-assessment-answers";
  var TEAM_FORMAT = "kb-assessment-team", LABEL_MAX = 80, TREND_TENTHS = 50;
  var SCALE_POINT = 100 / (SCALE - 1), ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

  // -- Scoring --------------------------------------------------------------------------------
  function points(answer, reverse) {
    if (typeof answer !== "number" || answer % 1 !== 0 || answer < 1 || answer > SCALE) return null;
    return reverse ? SCALE - answer : answer - 1;
  }
  function levelOf(bands, score) {
    for (var i = 0; i < bands.length; i++) if (score >= bands[i][0] && score <= bands[i][1]) return bands[i][2];
    return null;
  }
  // Half the statements (rounded up), at least two where there are two: one answer is no score.
  function needed(total) { return Math.max(Math.min(2, total), Math.ceil(total / 2)); }
  function scoreDimension(dim, answers) {
    var sum = 0, n = 0, total = dim.statements.length;
    dim.statements.forEach(function (s) {
      var p = has(answers, s[0]) ? points(answers[s[0]], s[1]) : null;
      if (p !== null) { sum += p; n++; }
    });
    var ok = n >= needed(total), score = ok ? Math.floor((50 * sum + n) / (2 * n)) : null;
    return { id: dim.id, score: score, level: ok ? levelOf(dim.bands, score) : null,
             answered: n, total: total, tooFew: n > 0 && !ok };
  }
  function profile(structure, answers) {
    return structure.dimensions.map(function (d) { return scoreDimension(d, answers); });
  }
  function team(structure, members) {
    return structure.dimensions.map(function (d) {
      var each = members.map(function (a) { return scoreDimension(d, a); });
      var scores = each.map(function (m) { return m.score; });
      var given = scores.filter(function (s) { return s !== null; });
      var r = { id: d.id, scores: scores, mean: null, low: null, high: null, sd: null,
                disagree: false, level: null, answered: each.map(function (m) { return m.answered; }),
                tooFew: false };
      if (!given.length) { r.tooFew = each.some(function (m) { return m.tooFew; }); return r; }
      var sum = 0, sq = 0;
      given.forEach(function (s) { sum += s; });
      r.mean = sum / given.length;
      given.forEach(function (s) { var x = s - r.mean; sq += x * x; });
      r.sd = Math.sqrt(sq / given.length);
      r.low = Math.min.apply(null, given);
      r.high = Math.max.apply(null, given);
      r.disagree = r.sd >= SCALE_POINT || r.high - r.low >= 2 * SCALE_POINT;
      r.level = levelOf(d.bands, Math.floor(r.mean + 0.5));
      return r;
    });
  }
  function sumCount(scores) {
    var sum = 0, n = 0;
    scores.forEach(function (s) { if (s !== null) { sum += s; n++; } });
    return [sum, n];
  }
  // The change of the mean, in tenths rounded half away from zero from the exact fractions
  // (integers only, so 4.95 is 5.0 here and in builder/assessment.py), and its trend.
  function compare(structure, before, after) {
    var b = team(structure, before), a = team(structure, after);
    return b.map(function (x, i) {
      var y = a[i], r = { id: x.id, before: x.mean, after: y.mean, change: null, tenths: null,
                          trend: null, levelBefore: x.level, levelAfter: y.level };
      if (x.mean === null || y.mean === null) return r;
      var sb = sumCount(x.scores), sa = sumCount(y.scores);
      var num = sa[0] * sb[1] - sb[0] * sa[1], den = sa[1] * sb[1];
      r.change = y.mean - x.mean;
      r.tenths = (num < 0 ? -1 : 1) * Math.floor((20 * Math.abs(num) + den) / (2 * den));
      r.trend = r.tenths >= TREND_TENTHS ? "up" : r.tenths <= -TREND_TENTHS ? "down" : "steady";
      return r;
    });
  }

  // -- Answers: checking, files, share codes ------------------------------------------------------
  function statements(structure) {
    var ids = [];
    structure.dimensions.forEach(function (d) { d.statements.forEach(function (s) { ids.push(s[0]); }); });
    return ids;
  }
  function fail(key, member) { var e = new Error(key); e.key = key; e.member = member; throw e; }
  function checkAnswers(structure, raw) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) fail("empty");
    var known = statements(structure), out = {}, n = 0;
    Object.keys(raw).forEach(function (k) {
      var v = raw[k];
      if (known.indexOf(k) < 0 || (v !== DONT_KNOW && points(v, false) === null)) fail("outOfRange");
      out[k] = v; n++;
    });
    if (!n) fail("empty");
    return out;
  }
  function parse(text) {
    try { return JSON.parse(text); } catch (e) { return fail("notJson"); }
  }
  function answersOf(structure, data) {
    if (!data || typeof data !== "object" || data.format !== FORMAT) fail("notAnswers");
    if (data.instrument !== structure.id) fail("notAnswers");
    if (data.version !== structure.version) fail("otherVersion");
    return checkAnswers(structure, data.answers);
  }
  function readFile(structure, text) { return answersOf(structure, parse(text)); }
  // Characters as Python counts them (code points), not UTF-16 units.
  function goodLabel(v) { return typeof v === "string" && kb.chars(v) >= 1 && kb.chars(v) <= LABEL_MAX; }
  function isDate(v) {
    var m = typeof v === "string" && /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(v), d = new Date(0);
    if (!m || +m[1] < 1) return false;
    d.setUTCFullYear(+m[1], +m[2] - 1, +m[3]);  // not Date.UTC, which moves years 0-99 to 19xx
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  }
  // A team file, checked in the order builder/assessment.py checks it (the same key for a file).
  function teamOf(structure, data) {
    if (!isObject(data) || data.format !== TEAM_FORMAT || data.instrument !== structure.id) fail("notTeam");
    if (data.version !== structure.version) fail("otherVersion");
    if (has(data, "label") && !goodLabel(data.label)) fail("badLabel");
    if (!isDate(data.saved)) fail("badDate");
    if (!Array.isArray(data.members) || !data.members.length) fail("noMembers");
    var members = data.members.map(function (m, i) {
      try { return checkAnswers(structure, m); } catch (e) { return fail("badMember", i + 1); }
    });
    return { members: members, label: has(data, "label") ? data.label : null, saved: data.saved };
  }
  function readTeam(structure, text) { return teamOf(structure, parse(text)); }
  // An answer file (one member) or a team file, told apart by its format.
  function readAny(structure, text) {
    var data = parse(text);
    if (isObject(data) && data.format === TEAM_FORMAT) return teamOf(structure, data);
    return { members: [answersOf(structure, data)], label: null, saved: null };
  }
  function teamFile(structure, members, saved, label) {
    var doc = { format: TEAM_FORMAT, instrument: structure.id, version: structure.version, saved: saved };
    if (label) doc.label = label;
    doc.members = members.map(function (a) { return answerFile(structure, a).answers; });
    return doc;
  }
  function answerFile(structure, answers) {
    var out = {};
    statements(structure).forEach(function (id) { if (has(answers, id)) out[id] = answers[id]; });
    return { format: FORMAT, instrument: structure.id, version: structure.version, answers: out };
  }
  function check(structure, digits) {
    var h = 0x811c9dc5, s = structure.id + ":" + structure.version + ":" + digits, out = "";
    for (var i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    h %= 1679616;  // 36^4
    for (var k = 0; k < 4; k++) { out = ALPHABET[h % 36] + out; h = Math.floor(h / 36); }
    return out;
  }
  function shareCode(structure, answers) {
    var digits = statements(structure).map(function (id) {
      return !has(answers, id) ? "0" : answers[id] === DONT_KNOW ? String(SCALE + 1) : String(answers[id]);
    }).join("");
    return structure.version + "-" + digits + "-" + check(structure, digits);
  }
  function readCode(structure, code) {
    var parts = code.replace(/\s+/g, "").split("-"), ids = statements(structure), out = {}, n = 0;
    if (parts.length !== 3 || !/^\d+$/.test(parts[0]) || !/^\d+$/.test(parts[1])) fail("badCode");
    if (+parts[0] !== structure.version) fail("otherVersion");
    if (parts[1].length !== ids.length || parts[2].toLowerCase() !== check(structure, parts[1])) fail("badCode");
    ids.forEach(function (id, i) {
      var d = +parts[1][i];
      if (d > SCALE + 1) fail("badCode");
      if (d) { out[id] = d === SCALE + 1 ? DONT_KNOW : d; n++; }
    });
    if (!n) fail("empty");
    return out;
  }

  // Stored answers, each checked alone: one flawed entry costs itself, not the other answers.
  function keepValid(structure, raw) {
    var known = statements(structure), out = { answers: {}, dropped: 0 };
    if (!isObject(raw)) { out.dropped = raw === undefined || raw === null ? 0 : 1; return out; }
    Object.keys(raw).forEach(function (k) {
      var v = raw[k];
      if (known.indexOf(k) >= 0 && (v === DONT_KNOW || points(v, false) !== null)) out.answers[k] = v;
      else out.dropped++;
    });
    return out;
  }

  // -- The radar chart ----------------------------------------------------------------------------
  // Drawn by hand: grid rings at 25/50/75/100 with their figures, one axis per dimension, an
  // optional range (lowest to highest) per axis, the scores as a polygon, and optionally an
  // earlier session's as a dashed outline. Its text is sized for the SVG as rendered: at least
  // MIN_PX on screen, on a phone too, where the SVG is scaled down.
  var SVG = "http://www.w3.org/2000/svg", MIN_PX = 12.5, AIM_PX = 14, FONT = 11;
  function svgEl(parent, name, attrs) {
    var el = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    parent.appendChild(el);
    return el;
  }
  function at(i, n, value) {
    var a = -Math.PI / 2 + 2 * Math.PI * i / n, r = value;  // radius 100 = score 100
    return [r * Math.cos(a), r * Math.sin(a)];
  }
  function polygon(values) {
    return values.map(function (v, i) {
      var p = at(i, values.length, v || 0);
      return p[0].toFixed(1) + "," + p[1].toFixed(1);
    }).join(" ");
  }
  function wrap(text, width) {
    var lines = [""];
    text.split(" ").forEach(function (w) {
      var last = lines.length - 1;
      if (lines[last] && (lines[last] + " " + w).length > width) lines.push(w);
      else lines[last] = lines[last] ? lines[last] + " " + w : w;
    });
    return lines;
  }
  function radar(svg, titles, values, range, before) {
    svg.kbChart = { titles: titles, values: values, range: range, before: before };
    fitRadar(svg);
  }
  // The SVG's width comes from CSS and its scale from the viewBox, which framing sets: draw,
  // frame, and draw again with the text resized until it renders at about AIM_PX (never below
  // MIN_PX: the last pass only grows it).
  function fitRadar(svg) {
    var width = svg.getBoundingClientRect().width, font = FONT;
    for (var pass = 0; pass < 5; pass++) {
      drawRadar(svg, svg.kbChart, font);
      var px = font * width / frame(svg, font);
      if (!width || (px >= MIN_PX && (pass === 4 || Math.abs(px - AIM_PX) < 0.75))) return;
      font *= AIM_PX / px;
    }
  }
  function frame(svg, font) {
    var b = svg.querySelector("g").getBBox(), pad = font / 2;
    if (!b.width) return 420;  // not rendered (hidden): keep the template's viewBox
    svg.setAttribute("viewBox", [b.x - pad, b.y - pad, b.width + 2 * pad, b.height + 2 * pad]
      .map(function (v) { return v.toFixed(1); }).join(" "));
    return b.width + 2 * pad;
  }
  function drawRadar(svg, c, font) {
    all(svg, "g").forEach(function (g) { g.remove(); });
    var n = c.titles.length, g = svgEl(svg, "g", { "aria-hidden": "true", "font-size": font.toFixed(2) });
    [25, 50, 75, 100].forEach(function (r) {
      svgEl(g, "polygon", { "class": "kb-radar__grid", points: polygon(c.titles.map(function () { return r; })) });
    });
    c.titles.forEach(function (title, i) { axis(g, i, n, title, font); });
    (c.range || []).forEach(function (r, i) {
      if (!r) return;
      var a = at(i, n, r[0]), b = at(i, n, r[1]);
      svgEl(g, "line", { "class": "kb-radar__range", x1: a[0].toFixed(1), y1: a[1].toFixed(1), x2: b[0].toFixed(1), y2: b[1].toFixed(1) });
    });
    if (c.before) svgEl(g, "polygon", { "class": "kb-radar__before", points: polygon(c.before) });
    svgEl(g, "polygon", { "class": "kb-radar__score", points: polygon(c.values) });
    c.values.forEach(function (v, i) {
      if (v === null) return;
      var p = at(i, n, v);
      svgEl(g, "circle", { "class": "kb-radar__point", cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: 3 });
    });
    scaleFigures(g, font);
  }
  // An axis and its title, wrapped shorter as the text grows, set outside the ring.
  function axis(g, i, n, title, font) {
    var end = at(i, n, 100), p = at(i, n, 100 + font), lh = font * 1.15;
    svgEl(g, "line", { "class": "kb-radar__axis", x1: 0, y1: 0, x2: end[0].toFixed(1), y2: end[1].toFixed(1) });
    var lines = wrap(title, Math.max(8, Math.round(200 / font)));
    var anchor = p[0] > 20 ? "start" : p[0] < -20 ? "end" : "middle";
    var dy = p[1] < -20 ? -(lines.length - 1) * lh : p[1] > 20 ? font * 0.8 : font * 0.35 - (lines.length - 1) * lh / 2;
    var text = svgEl(g, "text", { "class": "kb-radar__label", x: p[0].toFixed(1), y: (p[1] + dy).toFixed(1), "text-anchor": anchor });
    lines.forEach(function (line, k) {
      svgEl(text, "tspan", { x: p[0].toFixed(1), dy: k ? lh.toFixed(1) : 0 }).textContent = line;
    });
  }
  // 25, 50, 75 and 100 just inside each ring, beside the first (upright) axis; drawn last, with
  // a halo, so that neither the polygon nor the title above hides them.
  function scaleFigures(g, font) {
    [25, 50, 75, 100].forEach(function (r) {
      svgEl(g, "text", { "class": "kb-radar__scale", x: (font * 0.3).toFixed(1), y: (-r + font * 0.9).toFixed(1) })
        .textContent = String(r);
    });
  }
  // A phone turned sideways: the same charts, sized again.
  var resizing = 0;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      all(document, "svg[data-radar]").forEach(function (svg) { if (svg.kbChart) fitRadar(svg); });
    }, 150);
  });

  // -- Figures, tables, next steps ----------------------------------------------------------------
  // One decimal, rounded half up, with the language's decimal sign (as the CLI report does).
  function oneDecimal(value, sign) {
    var tenths = Math.floor(value * 10 + 0.5);
    return Math.floor(tenths / 10) + sign + (tenths % 10);
  }
  // A change in tenths with its sign (+5.0, −5.0, 0.0); `minus` is "-" in CSV, for spreadsheets.
  function signed(tenths, sign, minus) {
    var t = Math.abs(tenths);
    return (tenths > 0 ? "+" : tenths < 0 ? minus : "") + Math.floor(t / 10) + sign + (t % 10);
  }
  // RFC 4180 with the delimiter spreadsheets expect in the language (as builder/report.py).
  function toCsv(rows, sign) {
    var delimiter = sign === "," ? ";" : ",";
    return "\ufeff" + rows.map(function (r) {
      return r.map(function (c) {
        return /["\n\r]/.test(c) || c.indexOf(delimiter) >= 0 ? '"' + c.replace(/"/g, '""') + '"' : c;
      }).join(delimiter) + "\r\n";
    }).join("");
  }
  // A table row; `scope` "row" makes the first cell its header, "col" makes every cell one. A cell
  // is a text or {text, cls, arrow}; an arrow is hidden from screen readers, the text says it.
  function row(tbody, cells, scope) {
    var tr = document.createElement("tr");
    cells.forEach(function (c, i) {
      var heading = scope === "col" || (scope === "row" && i === 0);
      var cell = document.createElement(heading ? "th" : "td");
      if (heading) cell.scope = scope;
      if (c && typeof c === "object") {
        cell.textContent = c.text;
        if (c.cls) cell.className = c.cls;
        if (c.arrow) {
          var arrow = document.createElement("span");
          arrow.setAttribute("aria-hidden", "true");
          arrow.textContent = c.arrow + " ";
          cell.insertBefore(arrow, cell.firstChild);
        }
      } else cell.textContent = c;
      tr.appendChild(cell);
    });
    tbody.appendChild(tr);
  }
  // The message and recommendations of each dimension's level, weakest dimension first.
  function steps(root, container, items, scoreText) {
    container.textContent = "";
    items.filter(function (r) { return r.level; })
      .sort(function (a, b) { return a.value - b.value; })
      .forEach(function (r, rank) {
        var t = root.querySelector('template[data-step="' + r.id + '"][data-level="' + r.level + '"]');
        if (!t) return;
        var node = t.content.cloneNode(true), article = node.querySelector("article");
        node.querySelector("[data-score]").textContent = scoreText(r);
        if (rank >= 3) article.classList.add("kb-step--more");
        container.appendChild(node);
      });
  }

  // -- The assessment page ------------------------------------------------------------------------
  // `a`, one per form: its structure, texts, elements and state ({answers, done}).
  function storageKey(form, structure) {
    return ["kb-assessment", "v" + STORE, form.getAttribute("data-site"), structure.id, structure.version].join(":");
  }
  function load(key, structure) {
    var s = kb.store.load(key);
    if (!isObject(s) || s.v !== STORE) return { answers: {}, done: false, dropped: 0 };  // none, or old
    var kept = keepValid(structure, s.answers);
    return { answers: kept.answers, done: !!s.done, dropped: kept.dropped };
  }
  function note(a, text) { a.note.textContent = text; }
  // A browser that refuses to keep the answers is said so; the page keeps working.
  function save(a) {
    if (kb.store.save(a.key, { v: STORE, answers: a.state.answers, done: a.state.done })) {
      if (a.note.textContent === a.i18n.storeFailed) note(a, "");
    } else note(a, a.i18n.storeFailed);
  }
  function collect(a) {
    var answers = {};
    all(a.form, "input[type=radio]:checked").forEach(function (i) {
      answers[i.name] = i.value === DONT_KNOW ? DONT_KNOW : +i.value;
    });
    return answers;
  }
  function count(answers) { return Object.keys(answers).length; }
  function showProgress(a) {
    a.progress.textContent = fill(a.i18n.answered, { num: count(a.state.answers), total: a.total });
  }
  function resultsTable(a, scores) {
    var tbody = a.results.querySelector("[data-table]"), i18n = a.i18n, structure = a.structure;
    tbody.textContent = "";
    scores.forEach(function (r, i) {
      row(tbody, [structure.dimensions[i].title, r.tooFew ? i18n.tooFew : r.score === null ? i18n.noScore : String(r.score),
                  r.level ? { text: structure.levelNames[r.level], cls: "kb-level kb-level--" + r.level } : "–",
                  r.answered + "/" + r.total], "row");
    });
  }
  function showResults(a, focus) {
    var scores = profile(a.structure, a.state.answers), results = a.results, missing = results.querySelector("[data-note]");
    results.hidden = false;  // first: the radar measures itself
    document.body.classList.add("kb-has-results");
    resultsTable(a, scores);
    radar(results.querySelector("[data-radar]"), a.structure.dimensions.map(function (d) { return d.title; }),
          scores.map(function (r) { return r.score; }));
    steps(document, results.querySelector("[data-steps]"),
          scores.map(function (r) { return { id: r.id, level: r.level, value: r.score }; }),
          function (r) { return fill(a.i18n.scoreOf, { score: r.value }); });
    missing.textContent = a.i18n.missing;
    missing.hidden = count(a.state.answers) >= a.total;
    results.querySelector("[data-code]").value = shareCode(a.structure, a.state.answers);
    if (focus) results.focus();
  }
  function clearAnswers(a) {
    all(a.form, "input[type=radio]").forEach(function (i) { i.checked = false; });
    a.state = { answers: {}, done: false };
    kb.store.remove(a.key);
    note(a, "");
    a.results.hidden = true;
    document.body.classList.remove("kb-has-results");
    showProgress(a);
  }
  // Answers are saved as they are given; results come only from the submit button.
  function bindForm(a) {
    a.form.addEventListener("change", function () {
      a.state.answers = collect(a);
      save(a);
      showProgress(a);
    });
    a.form.addEventListener("submit", function (event) {
      event.preventDefault();
      a.state.answers = collect(a);
      showProgress(a);
      if (!count(a.state.answers)) return;
      a.state.done = true;
      save(a);
      showResults(a, true);
    });
    a.form.querySelector("[data-action=reset]").addEventListener("click", function () { clearAnswers(a); });
  }
  function bindShare(a) {
    var results = a.results;
    results.querySelector("[data-action=download]").addEventListener("click", function () {
      kb.download(a.structure.id + ".json", "application/json",
                  JSON.stringify(answerFile(a.structure, a.state.answers), null, 2) + "\n");
    });
    // On plain http (an intranet) there is no Clipboard API: kb.copy selects the code and says how.
    results.querySelector("[data-action=copy]").addEventListener("click", function () {
      kb.copy(results.querySelector("[data-code]"), results.querySelector("[data-copied]"), a.i18n.copied, a.i18n.copyByHand);
    });
    results.querySelector("[data-action=print]").addEventListener("click", function () { window.print(); });
  }
  // What was kept comes back; flawed entries are left out, said so, and the store rewritten.
  function restoreChoices(a) {
    all(a.form, "input[type=radio]").forEach(function (input) {
      if (has(a.state.answers, input.name) && String(a.state.answers[input.name]) === input.value) input.checked = true;
    });
    if (a.state.dropped) { note(a, a.i18n.storeDropped); save(a); }
    showProgress(a);
    if (a.state.done && count(a.state.answers)) showResults(a, false);
  }
  function setupAssessment(form) {
    if (form.kbAssessment) return;
    form.kbAssessment = true;
    var structure = kb.data(form, "structure");
    var a = { form: form, structure: structure, i18n: kb.data(form, "i18n"), key: storageKey(form, structure),
              total: statements(structure).length, results: document.getElementById("assessment-results"),
              progress: form.querySelector("[data-progress]"), note: form.querySelector("[data-store-note]") };
    a.state = load(a.key, structure);
    restoreChoices(a);
    bindForm(a);
    bindShare(a);
  }

  // Pure functions for the shared test vectors.
  window.kbAssessment = { profile: profile, team: team, compare: compare, needed: needed, signed: signed,
                          shareCode: shareCode, readCode: readCode, readFile: readFile, readTeam: readTeam,
                          readAny: readAny, answerFile: answerFile, teamFile: teamFile };
  // What the team view (kb-team.js) shares.
  kb.assessment = { STORE: STORE, levelOf: levelOf, team: team, compare: compare, checkAnswers: checkAnswers,
                    fail: fail, readAny: readAny, readCode: readCode, shareCode: shareCode, teamFile: teamFile,
                    goodLabel: goodLabel, isDate: isDate, radar: radar, oneDecimal: oneDecimal, signed: signed,
                    toCsv: toCsv, row: row, steps: steps };

  function init() { all(document, "form[data-kb-assessment]").forEach(setupAssessment); }
  // Material's instant navigation swaps pages without a load event; document$ announces each.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
