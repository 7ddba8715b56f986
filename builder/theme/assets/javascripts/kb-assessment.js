/* kb-assessment.js: the team self-assessment and its team view. Vanilla, no network.
 * Scoring follows builder/assessment.py; tests check both against tests/vectors/assessment.json.
 * Imported files and codes are only ever set as text, never as HTML. */
(function () {
  "use strict";
  var STORE = 1, SCALE = 5, DONT_KNOW = "dont-know", FORMAT = "kb-assessment-answers";
  var TEAM_FORMAT = "kb-assessment-team", LABEL_MAX = 80, TREND_TENTHS = 50, MINUS = "\u2212";
  var SCALE_POINT = 100 / (SCALE - 1), ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
  var MAX_FILE = 1000000;  // as builder/report.py: an answer or team file is a few kilobytes

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function json(el, name) { return JSON.parse(el.getAttribute("data-" + name)); }
  function isObject(v) { return !!v && typeof v === "object" && !Array.isArray(v); }
  function fill(text, values) {
    return text.replace(/%\((\w+)\)[sd]/g, function (m, k) { return has(values, k) ? values[k] : m; });
  }

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
  function chars(s) { return s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, "_").length; }
  function goodLabel(v) { return typeof v === "string" && chars(v) >= 1 && chars(v) <= LABEL_MAX; }
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

  // -- Shared rendering ---------------------------------------------------------------------------
  var SVG = "http://www.w3.org/2000/svg";
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
  // A radar chart drawn by hand: grid rings at 25/50/75/100, one axis per dimension, an optional
  // range (lowest to highest) per axis, the scores as a polygon, and optionally an earlier
  // session's as a dashed outline.
  function radar(svg, titles, values, range, before) {
    all(svg, "g").forEach(function (g) { g.remove(); });
    var n = titles.length, g = svgEl(svg, "g", { "aria-hidden": "true" });
    [25, 50, 75, 100].forEach(function (r) {
      svgEl(g, "polygon", { "class": "kb-radar__grid", points: polygon(titles.map(function () { return r; })) });
    });
    titles.forEach(function (title, i) {
      var end = at(i, n, 100), p = at(i, n, 112);
      svgEl(g, "line", { "class": "kb-radar__axis", x1: 0, y1: 0, x2: end[0].toFixed(1), y2: end[1].toFixed(1) });
      var lines = wrap(title, 18), anchor = p[0] > 20 ? "start" : p[0] < -20 ? "end" : "middle";
      var dy = p[1] < -20 ? -(lines.length - 1) * 12 : p[1] > 20 ? 8 : 4 - (lines.length - 1) * 6;
      var text = svgEl(g, "text", { "class": "kb-radar__label", x: p[0].toFixed(1), y: (p[1] + dy).toFixed(1), "text-anchor": anchor });
      lines.forEach(function (line, k) {
        var span = svgEl(text, "tspan", { x: p[0].toFixed(1), dy: k ? 12 : 0 });
        span.textContent = line;
      });
      if (range && range[i]) {
        var a = at(i, n, range[i][0]), b = at(i, n, range[i][1]);
        svgEl(g, "line", { "class": "kb-radar__range", x1: a[0].toFixed(1), y1: a[1].toFixed(1), x2: b[0].toFixed(1), y2: b[1].toFixed(1) });
      }
    });
    if (before) svgEl(g, "polygon", { "class": "kb-radar__before", points: polygon(before) });
    svgEl(g, "polygon", { "class": "kb-radar__score", points: polygon(values) });
    values.forEach(function (v, i) {
      if (v === null) return;
      var p = at(i, n, v);
      svgEl(g, "circle", { "class": "kb-radar__point", cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: 3 });
    });
  }
  function decimalSign(lang) {
    var part = new Intl.NumberFormat(lang).formatToParts(1.5).filter(function (p) { return p.type === "decimal"; })[0];
    return part ? part.value : ".";
  }
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
  function download(name, type, text) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);  // some browsers follow only links in the document
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  // -- The assessment page ------------------------------------------------------------------------
  function storageKey(form, structure) {
    return ["kb-assessment", "v" + STORE, form.getAttribute("data-site"), structure.id, structure.version].join(":");
  }
  function load(key, structure) {
    try {
      var s = JSON.parse(localStorage.getItem(key));
      if (s && s.v === STORE) return { v: STORE, answers: checkAnswers(structure, s.answers), done: !!s.done };
    } catch (e) { /* unreadable, old or tampered: start afresh */ }
    return { v: STORE, answers: {}, done: false };
  }
  function save(key, state) {
    try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  function setupAssessment(form) {
    if (form.kbAssessment) return;
    form.kbAssessment = true;
    var structure = json(form, "structure"), i18n = json(form, "i18n");
    var key = storageKey(form, structure), state = load(key, structure);
    var results = document.getElementById("assessment-results"), total = statements(structure).length;
    var progress = form.querySelector("[data-progress]");

    function value(input) { return input.value === DONT_KNOW ? DONT_KNOW : +input.value; }
    function collect() {
      var answers = {};
      all(form, "input[type=radio]:checked").forEach(function (i) { answers[i.name] = value(i); });
      return answers;
    }
    function showProgress() {
      progress.textContent = fill(i18n.answered, { num: Object.keys(state.answers).length, total: total });
    }
    function show(focus) {
      var scores = profile(structure, state.answers), tbody = results.querySelector("[data-table]");
      tbody.textContent = "";
      scores.forEach(function (r, i) {
        var d = structure.dimensions[i];
        row(tbody, [d.title, r.tooFew ? i18n.tooFew : r.score === null ? i18n.noScore : String(r.score),
                    r.level ? { text: structure.levelNames[r.level], cls: "kb-level kb-level--" + r.level } : "–",
                    r.answered + "/" + r.total], "row");
      });
      radar(results.querySelector("[data-radar]"), structure.dimensions.map(function (d) { return d.title; }),
            scores.map(function (r) { return r.score; }));
      steps(document, results.querySelector("[data-steps]"),
            scores.map(function (r) { return { id: r.id, level: r.level, value: r.score }; }),
            function (r) { return fill(i18n.scoreOf, { score: r.value }); });
      var note = results.querySelector("[data-note]");
      note.textContent = i18n.missing;
      note.hidden = Object.keys(state.answers).length >= total;
      results.querySelector("[data-code]").value = shareCode(structure, state.answers);
      results.hidden = false;
      document.body.classList.add("kb-has-results");
      if (focus) results.focus();
    }

    all(form, "input[type=radio]").forEach(function (input) {
      if (has(state.answers, input.name) && String(state.answers[input.name]) === input.value) input.checked = true;
    });
    showProgress();
    if (state.done && Object.keys(state.answers).length) show(false);

    // Answers are saved as they are given; results come only from the submit button.
    form.addEventListener("change", function () {
      state.answers = collect();
      save(key, state);
      showProgress();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      state.answers = collect();
      if (!Object.keys(state.answers).length) { progress.textContent = fill(i18n.answered, { num: 0, total: total }); return; }
      state.done = true;
      save(key, state);
      show(true);
    });
    form.querySelector("[data-action=reset]").addEventListener("click", function () {
      all(form, "input[type=radio]").forEach(function (i) { i.checked = false; });
      state = { v: STORE, answers: {}, done: false };
      try { localStorage.removeItem(key); } catch (e) { /* private mode */ }
      results.hidden = true;
      document.body.classList.remove("kb-has-results");
      showProgress();
    });
    results.querySelector("[data-action=download]").addEventListener("click", function () {
      download(structure.id + ".json", "application/json",
               JSON.stringify(answerFile(structure, state.answers), null, 2) + "\n");
    });
    results.querySelector("[data-action=copy]").addEventListener("click", function () {
      var input = results.querySelector("[data-code]"), status = results.querySelector("[data-copied]");
      input.select();
      var done = function () { status.textContent = i18n.copied; };
      var byHand = function () { status.textContent = i18n.copyByHand; };
      if (navigator.clipboard) navigator.clipboard.writeText(input.value).then(done, byHand);
      else byHand();
    });
    results.querySelector("[data-action=print]").addEventListener("click", function () { window.print(); });
  }

  // -- The team view ------------------------------------------------------------------------------
  var TRENDS = { up: ["▲", "trendUp"], down: ["▼", "trendDown"], steady: ["▶", "trendSteady"] };
  function label(i) {
    var s = "";
    for (i += 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + (i - 1) % 26) + s;
    return s;
  }
  function labels(n) { var out = []; for (var i = 0; i < n; i++) out.push(label(i)); return out; }
  function today() {  // the reader's calendar, as a file name and a team file's date
    var d = new Date(), pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  // Read the chosen files, then hand them on in the order chosen (text null: unreadable, or
  // too large to be an answer or team file, which is then not read at all).
  function readFiles(input, done) {
    var files = Array.prototype.slice.call(input.files), texts = [], left = files.length;
    function finish() {
      input.value = "";
      done(files.map(function (f, i) {
        return { name: f.name, text: texts[i], big: f.size > MAX_FILE };
      }));
    }
    files.forEach(function (file, i) {
      if (file.size > MAX_FILE) { texts[i] = null; if (!--left) finish(); return; }
      var reader = new FileReader();
      reader.onload = function () { texts[i] = String(reader.result); if (!--left) finish(); };
      reader.onerror = function () { texts[i] = null; if (!--left) finish(); };
      reader.readAsText(file);
    });
  }
  function teamKey(root, structure) {
    return ["kb-team", "v" + STORE, root.getAttribute("data-site"), structure.id, structure.version].join(":");
  }
  // What "Keep on this computer" stored: each flawed entry is left out alone and counted.
  function restoreTeam(key, structure) {
    var out = { found: false, members: [], before: null, dropped: 0 }, s = null;
    try { s = JSON.parse(localStorage.getItem(key)); } catch (e) { /* unreadable: nothing kept */ }
    if (!isObject(s) || s.v !== STORE) return out;
    function valid(list) {
      var good = [];
      if (!Array.isArray(list)) { if (list !== undefined) out.dropped++; return good; }
      list.forEach(function (a) {
        try { good.push(checkAnswers(structure, a)); } catch (e) { out.dropped++; }
      });
      return good;
    }
    out.found = true;
    out.members = valid(s.members);
    if (isObject(s.before)) {
      var b = s.before, members = valid(b.members);
      if (has(b, "label") && b.label !== null && !goodLabel(b.label)) out.dropped++;
      if (has(b, "saved") && b.saved !== null && !isDate(b.saved)) out.dropped++;
      if (members.length) out.before = { members: members, label: goodLabel(b.label) ? b.label : null,
                                         saved: isDate(b.saved) ? b.saved : null };
      else out.dropped++;
    } else if (s.before !== null && s.before !== undefined) out.dropped++;
    return out;
  }

  function setupTeam(root) {
    if (root.kbTeam) return;
    root.kbTeam = true;
    var structure = json(root, "structure"), i18n = json(root, "i18n"), lang = root.getAttribute("data-lang");
    var counts = json(root, "members-texts"), sign = decimalSign(lang), members = [], before = null, notes = [];
    var results = q("[data-results]"), errors = q("[data-errors]"), messages = q("[data-messages]");
    var keep = q("[data-keep]"), key = teamKey(root, structure);

    function q(sel) { return root.querySelector(sel); }
    function answers() { return members.map(function (m) { return m.answers; }); }
    function count(n) { return counts[Math.min(n, counts.length - 1)]; }
    function level(id) { return id ? structure.levelNames[id] : "–"; }
    function titles() { return structure.dimensions.map(function (d) { return d.title; }); }
    function error(source, e) {
      var li = document.createElement("li");
      li.textContent = fill(i18n[e.key] || i18n.notAnswers, { source: source, num: e.member });
      errors.appendChild(li);
    }
    function begin() { errors.textContent = ""; notes = []; }
    // After each change: announce, keep (if ticked) and redraw.
    function finish(added) {
      if (added.length) notes.unshift(fill(i18n.added, { labels: added.join(", ") }));
      persist();
      messages.textContent = "";
      notes.forEach(function (n) {
        var p = document.createElement("p");
        p.textContent = n;
        messages.appendChild(p);
      });
      render();
    }
    function persist() {
      if (!keep.checked) return;
      try {
        localStorage.setItem(key, JSON.stringify({ v: STORE, members: answers(), before: before }));
      } catch (e) { notes.push(i18n.keepFailed); }  // quota or private mode
    }
    // Two members may answer alike: both count; the note helps when one file was loaded twice.
    function add(source, a) {
      var code = shareCode(structure, a), same = -1;
      members.forEach(function (m, i) { if (same < 0 && m.code === code) same = i; });
      if (same >= 0) notes.push(fill(i18n.sameAnswers, { source: source, label: label(same) }));
      members.push({ answers: a, code: code });
      return label(members.length - 1);
    }
    // The members of answer files and team files; the first team file names the session.
    function sessionOf(files) {
      var s = { members: [], sources: [], label: null, saved: null };
      files.forEach(function (f) {
        try {
          var got = f.big ? fail("tooBig") : f.text === null ? fail("notJson") : readAny(structure, f.text);
          if (got.saved && !s.saved) { s.label = got.label; s.saved = got.saved; }
          got.members.forEach(function (a, i) {
            s.members.push(a);
            s.sources.push(got.members.length > 1 ? fill(i18n.teamMember, { source: f.name, num: i + 1 }) : f.name);
          });
        } catch (e) { error(f.name, e); }
      });
      return s;
    }
    function sessionText(s) {
      var parts = s.label ? [s.label] : [];
      if (s.saved) {
        var p = s.saved.split("-"), d = new Date(2000, 0, 1);
        d.setFullYear(+p[0], p[1] - 1, +p[2]);
        parts.push(fill(i18n.savedOn, { date: new Intl.DateTimeFormat(lang, { dateStyle: "long" }).format(d) }));
      }
      parts.push(count(s.members.length));
      return fill(i18n.beforeSet, { session: parts.join(" · ") });
    }
    function table(stats) {
      var rows = [[i18n.csvDimension, i18n.csvMean, i18n.csvLowest, i18n.csvHighest, i18n.csvSd, i18n.csvDisagree, i18n.csvLevel]
        .concat(labels(members.length))];
      stats.forEach(function (s, i) {
        var none = s.mean === null;
        rows.push([structure.dimensions[i].title, none ? "" : oneDecimal(s.mean, sign), none ? "" : String(s.low),
                   none ? "" : String(s.high), none ? "" : oneDecimal(s.sd, sign), s.disagree ? i18n.yes : i18n.no,
                   s.level ? structure.levelNames[s.level] : ""]
          .concat(s.scores.map(function (v) { return v === null ? "" : String(v); })));
      });
      return rows;
    }
    function changeTable(changes) {
      var rows = [[i18n.csvDimension, i18n.csvMeanBefore, i18n.csvMeanAfter, i18n.csvChange, i18n.csvTrend,
                   i18n.csvLevelBefore, i18n.csvLevelAfter]];
      changes.forEach(function (c, i) {
        rows.push([structure.dimensions[i].title, c.before === null ? "" : oneDecimal(c.before, sign),
                   c.after === null ? "" : oneDecimal(c.after, sign), c.tenths === null ? "" : signed(c.tenths, sign, "-"),
                   c.trend ? i18n[TRENDS[c.trend][1]] : "", c.levelBefore ? structure.levelNames[c.levelBefore] : "",
                   c.levelAfter ? structure.levelNames[c.levelAfter] : ""]);
      });
      return rows;
    }
    function memberList() {
      var list = q("[data-members]");
      list.textContent = "";
      members.forEach(function (m, i) {
        var li = document.createElement("li"), button = document.createElement("button");
        li.textContent = fill(i18n.member, { label: label(i) }) + " ";
        button.type = "button";
        button.className = "kb-team__remove";
        button.textContent = "×";
        button.setAttribute("aria-label", fill(i18n.remove, { label: label(i) }));
        button.addEventListener("click", function () { begin(); members.splice(i, 1); finish([]); });
        li.appendChild(button);
        list.appendChild(li);
      });
    }
    function teamRows(stats) {
      var tbody = q("[data-table]"), head = q("[data-heatmap-head]"), heat = q("[data-heatmap]");
      tbody.textContent = head.textContent = heat.textContent = "";
      stats.forEach(function (s, i) {
        var none = s.mean === null;
        row(tbody, [structure.dimensions[i].title, none ? (s.tooFew ? i18n.tooFew : i18n.noScore) : oneDecimal(s.mean, sign),
                    none ? "–" : s.low + "–" + s.high, none ? "–" : oneDecimal(s.sd, sign),
                    s.level ? { text: structure.levelNames[s.level], cls: "kb-level kb-level--" + s.level } : "–",
                    none ? "–" : s.disagree ? { text: "⚠ " + i18n.disagree, cls: "kb-disagree" } : i18n.agree], "row");
      });
      row(head, [i18n.csvDimension].concat(labels(members.length)), "col");
      stats.forEach(function (s, i) {
        var d = structure.dimensions[i];
        row(heat, [d.title].concat(s.scores.map(function (v, k) {
          if (v !== null) return { text: String(v), cls: "kb-heat kb-level--" + levelOf(d.bands, v) };
          return s.answered[k] ? fill(i18n.tooFewOf, { answered: s.answered[k], total: d.statements.length }) : "–";
        })), "row");
      });
    }
    function comparison(changes) {
      q("[data-compare]").hidden = !changes;
      q("[data-legend]").hidden = !changes;
      if (!changes) return;
      q("[data-compare-about]").textContent = sessionText(before);
      var tbody = q("[data-compare-table]");
      tbody.textContent = "";
      changes.forEach(function (c, i) {
        row(tbody, [structure.dimensions[i].title, c.before === null ? "–" : oneDecimal(c.before, sign),
                    c.after === null ? "–" : oneDecimal(c.after, sign), c.tenths === null ? "–" : signed(c.tenths, sign, MINUS),
                    c.trend ? { text: i18n[TRENDS[c.trend][1]], arrow: TRENDS[c.trend][0], cls: "kb-trend--" + c.trend } : "–",
                    level(c.levelBefore) + " → " + level(c.levelAfter)], "row");
      });
    }
    function render() {
      q("[data-before-status]").textContent = before ? sessionText(before) : "";
      q("[data-action=stop]").hidden = !before;
      results.hidden = !members.length;
      document.body.classList.toggle("kb-has-results", members.length > 0);
      if (!members.length) return;
      var stats = team(structure, answers()), changes = before ? compare(structure, before.members, answers()) : null;
      q("[data-count]").textContent = count(members.length);
      memberList();
      teamRows(stats);
      radar(q("[data-radar]"), titles(), stats.map(function (s) { return s.mean; }),
            stats.map(function (s) { return s.mean === null ? null : [s.low, s.high]; }),
            changes && changes.map(function (c) { return c.before; }));
      comparison(changes);
      steps(document, q("[data-steps]"),
            stats.map(function (s) { return { id: s.id, level: s.level, value: s.mean }; }),
            function (r) { return fill(i18n.scoreOf, { score: oneDecimal(r.value, sign) }); });
    }

    q("[data-files]").addEventListener("change", function (event) {
      readFiles(event.target, function (files) {
        begin();
        var s = sessionOf(files), name = q("[data-label]");
        // A team file loaded again keeps its name when it is saved again.
        if (s.label && !name.value) name.value = s.label;
        finish(s.members.map(function (a, i) { return add(s.sources[i], a); }));
      });
    });
    q("[data-before]").addEventListener("change", function (event) {
      readFiles(event.target, function (files) {
        begin();
        var s = sessionOf(files);
        if (s.members.length) {
          before = { members: s.members, label: s.label, saved: s.saved };
          notes.push(sessionText(before));
        }
        finish([]);
      });
    });
    q("[data-action=stop]").addEventListener("click", function () { begin(); before = null; finish([]); });
    q("[data-input]").addEventListener("submit", function (event) {
      event.preventDefault();
      var area = q("[data-codes]"), added = [];
      begin();
      area.value.split(/\r?\n/).forEach(function (line, i) {
        if (!line.trim()) return;
        var source = fill(i18n.line, { num: i + 1 });
        try { added.push(add(source, readCode(structure, line))); } catch (e) { error(source, e); }
      });
      area.value = "";
      finish(added);
    });
    keep.addEventListener("change", function () {
      begin();
      if (!keep.checked) { try { localStorage.removeItem(key); } catch (e) { /* private mode */ } }
      finish([]);
    });
    results.querySelector("[data-action=team-file]").addEventListener("click", function () {
      var name = q("[data-label]").value.trim();
      download(structure.id + "-team-" + today() + ".json", "application/json",
               JSON.stringify(teamFile(structure, answers(), today(), goodLabel(name) ? name : null), null, 2) + "\n");
    });
    results.querySelector("[data-action=csv]").addEventListener("click", function () {
      download(structure.id + "-team.csv", "text/csv;charset=utf-8", toCsv(table(team(structure, answers())), sign));
    });
    results.querySelector("[data-action=compare-csv]").addEventListener("click", function () {
      download(structure.id + "-team-change.csv", "text/csv;charset=utf-8",
               toCsv(changeTable(compare(structure, before.members, answers())), sign));
    });
    results.querySelector("[data-action=print]").addEventListener("click", function () { window.print(); });
    results.querySelector("[data-action=clear]").addEventListener("click", function () { begin(); members = []; finish([]); });

    // The box follows the store, not what the browser restores of the form after a reload.
    var kept = restoreTeam(key, structure);
    keep.checked = kept.found;
    kept.members.forEach(function (a) { members.push({ answers: a, code: shareCode(structure, a) }); });
    before = kept.before;
    if (members.length) notes.push(fill(i18n.restored, { labels: labels(members.length).join(", ") }));
    if (kept.dropped) notes.push(i18n.keepDropped);
    finish([]);  // rewrites the store without the flawed entries
  }

  // Pure functions for the shared test vectors.
  window.kbAssessment = { profile: profile, team: team, compare: compare, needed: needed, signed: signed,
                          shareCode: shareCode, readCode: readCode, readFile: readFile, readTeam: readTeam,
                          readAny: readAny, answerFile: answerFile, teamFile: teamFile };

  function init() {
    all(document, "form[data-kb-assessment]").forEach(setupAssessment);
    all(document, "[data-kb-team]").forEach(setupTeam);
  }
  // Material's instant navigation swaps pages without a load event; document$ announces each.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
