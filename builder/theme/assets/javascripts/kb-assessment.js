/* kb-assessment.js: the team self-assessment and its team view. Vanilla, no network.
 * Scoring follows builder/assessment.py; tests check both against tests/vectors/assessment.json.
 * Imported files and codes are only ever set as text, never as HTML. */
(function () {
  "use strict";
  var STORE = 1, SCALE = 5, DONT_KNOW = "dont-know", FORMAT = "kb-assessment-answers";
  var ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function json(el, name) { return JSON.parse(el.getAttribute("data-" + name)); }
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
  function scoreDimension(dim, answers) {
    var sum = 0, n = 0;
    dim.statements.forEach(function (s) {
      var p = has(answers, s[0]) ? points(answers[s[0]], s[1]) : null;
      if (p !== null) { sum += p; n++; }
    });
    var score = n ? Math.floor((50 * sum + n) / (2 * n)) : null;
    return { id: dim.id, score: score, level: n ? levelOf(dim.bands, score) : null,
             answered: n, total: dim.statements.length };
  }
  function profile(structure, answers) {
    return structure.dimensions.map(function (d) { return scoreDimension(d, answers); });
  }
  function team(structure, members) {
    return structure.dimensions.map(function (d) {
      var scores = members.map(function (a) { return scoreDimension(d, a).score; });
      var given = scores.filter(function (s) { return s !== null; });
      var r = { id: d.id, scores: scores, mean: null, low: null, high: null, sd: null,
                disagree: false, level: null };
      if (!given.length) return r;
      var sum = 0, sq = 0;
      given.forEach(function (s) { sum += s; });
      r.mean = sum / given.length;
      given.forEach(function (s) { var x = s - r.mean; sq += x * x; });
      r.sd = Math.sqrt(sq / given.length);
      r.low = Math.min.apply(null, given);
      r.high = Math.max.apply(null, given);
      r.disagree = r.sd >= 100 / (SCALE - 1);
      r.level = levelOf(d.bands, Math.floor(r.mean + 0.5));
      return r;
    });
  }

  // -- Answers: checking, files, share codes ------------------------------------------------------
  function statements(structure) {
    var ids = [];
    structure.dimensions.forEach(function (d) { d.statements.forEach(function (s) { ids.push(s[0]); }); });
    return ids;
  }
  function fail(key) { var e = new Error(key); e.key = key; throw e; }
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
  function readFile(structure, text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { fail("notJson"); }
    if (!data || typeof data !== "object" || data.format !== FORMAT) fail("notAnswers");
    if (data.instrument !== structure.id) fail("notAnswers");
    if (data.version !== structure.version) fail("otherVersion");
    return checkAnswers(structure, data.answers);
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
  // range (lowest to highest) per axis, and the scores as a polygon.
  function radar(svg, titles, values, range) {
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
  // A table row; `scope` "row" makes the first cell its header, "col" makes every cell one.
  function row(tbody, cells, scope) {
    var tr = document.createElement("tr");
    cells.forEach(function (c, i) {
      var heading = scope === "col" || (scope === "row" && i === 0);
      var cell = document.createElement(heading ? "th" : "td");
      if (heading) cell.scope = scope;
      if (c && typeof c === "object") { cell.textContent = c.text; if (c.cls) cell.className = c.cls; }
      else cell.textContent = c;
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
        row(tbody, [d.title, r.score === null ? i18n.noScore : String(r.score),
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
  function label(i) {
    var s = "";
    for (i += 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + (i - 1) % 26) + s;
    return s;
  }

  function setupTeam(root) {
    if (root.kbTeam) return;
    root.kbTeam = true;
    var structure = json(root, "structure"), i18n = json(root, "i18n"), lang = root.getAttribute("data-lang");
    var counts = json(root, "members-texts"), sign = decimalSign(lang), members = [];
    var results = root.querySelector("[data-results]"), errors = root.querySelector("[data-errors]");
    var messages = root.querySelector("[data-messages]");

    function error(source, key) {
      var li = document.createElement("li");
      li.textContent = fill(i18n[key] || i18n.notAnswers, { source: source });
      errors.appendChild(li);
    }
    function add(source, parse) {
      try {
        var answers = parse(), code = shareCode(structure, answers);
        if (members.some(function (m) { return m.code === code; })) { error(source, "duplicate"); return null; }
        members.push({ answers: answers, code: code });
        return label(members.length - 1);
      } catch (e) { error(source, e.key); return null; }
    }
    function announce(added) {
      if (added.length) messages.textContent = fill(i18n.added, { labels: added.join(", ") });
      render(false);
    }
    function titles() { return structure.dimensions.map(function (d) { return d.title; }); }
    function table(stats) {
      var rows = [[i18n.csvDimension, i18n.csvMean, i18n.csvLowest, i18n.csvHighest, i18n.csvSd, i18n.csvDisagree, i18n.csvLevel]
        .concat(members.map(function (m, i) { return label(i); }))];
      stats.forEach(function (s, i) {
        var none = s.mean === null;
        rows.push([structure.dimensions[i].title, none ? "" : oneDecimal(s.mean, sign), none ? "" : String(s.low),
                   none ? "" : String(s.high), none ? "" : oneDecimal(s.sd, sign), s.disagree ? i18n.yes : i18n.no,
                   s.level ? structure.levelNames[s.level] : ""]
          .concat(s.scores.map(function (v) { return v === null ? "" : String(v); })));
      });
      return rows;
    }
    function render(focus) {
      results.hidden = !members.length;
      document.body.classList.toggle("kb-has-results", members.length > 0);
      if (!members.length) return;
      var stats = team(structure, members.map(function (m) { return m.answers; }));
      results.querySelector("[data-count]").textContent = counts[Math.min(members.length, counts.length - 1)];
      var list = results.querySelector("[data-members]");
      list.textContent = "";
      members.forEach(function (m, i) {
        var li = document.createElement("li"), button = document.createElement("button");
        li.textContent = fill(i18n.member, { label: label(i) }) + " ";
        button.type = "button";
        button.className = "kb-team__remove";
        button.textContent = "×";
        button.setAttribute("aria-label", fill(i18n.remove, { label: label(i) }));
        button.addEventListener("click", function () { members.splice(i, 1); messages.textContent = ""; render(false); });
        li.appendChild(button);
        list.appendChild(li);
      });
      var tbody = results.querySelector("[data-table]");
      tbody.textContent = "";
      stats.forEach(function (s, i) {
        var none = s.mean === null;
        row(tbody, [structure.dimensions[i].title, none ? i18n.noScore : oneDecimal(s.mean, sign),
                    none ? "–" : s.low + "–" + s.high, none ? "–" : oneDecimal(s.sd, sign),
                    s.level ? { text: structure.levelNames[s.level], cls: "kb-level kb-level--" + s.level } : "–",
                    none ? "–" : s.disagree ? { text: "⚠ " + i18n.disagree, cls: "kb-disagree" } : i18n.agree], "row");
      });
      var head = results.querySelector("[data-heatmap-head]"), heat = results.querySelector("[data-heatmap]");
      head.textContent = "";
      heat.textContent = "";
      row(head, [i18n.csvDimension].concat(members.map(function (m, i) { return label(i); })), "col");
      stats.forEach(function (s, i) {
        var d = structure.dimensions[i];
        row(heat, [d.title].concat(s.scores.map(function (v) {
          return v === null ? "–" : { text: String(v), cls: "kb-heat kb-level--" + levelOf(d.bands, v) };
        })), "row");
      });
      radar(results.querySelector("[data-radar]"), titles(), stats.map(function (s) { return s.mean; }),
            stats.map(function (s) { return s.mean === null ? null : [s.low, s.high]; }));
      steps(document, results.querySelector("[data-steps]"),
            stats.map(function (s) { return { id: s.id, level: s.level, value: s.mean }; }),
            function (r) { return fill(i18n.scoreOf, { score: oneDecimal(r.value, sign) }); });
      if (focus) results.focus();
    }

    root.querySelector("[data-files]").addEventListener("change", function (event) {
      var input = event.target, files = Array.prototype.slice.call(input.files), texts = [], left = files.length;
      errors.textContent = "";
      // Read all, then add in the order chosen, so labels follow the file order.
      function done() {
        var added = [];
        files.forEach(function (file, i) {
          var l = texts[i] === null ? (error(file.name, "notJson"), null)
            : add(file.name, function () { return readFile(structure, texts[i]); });
          if (l) added.push(l);
        });
        input.value = "";
        announce(added);
      }
      files.forEach(function (file, i) {
        var reader = new FileReader();
        reader.onload = function () { texts[i] = String(reader.result); if (!--left) done(); };
        reader.onerror = function () { texts[i] = null; if (!--left) done(); };
        reader.readAsText(file);
      });
    });
    root.querySelector("[data-input]").addEventListener("submit", function (event) {
      event.preventDefault();
      var area = root.querySelector("[data-codes]"), added = [];
      errors.textContent = "";
      area.value.split(/\r?\n/).forEach(function (line, i) {
        if (!line.trim()) return;
        var l = add(fill(i18n.line, { num: i + 1 }), function () { return readCode(structure, line); });
        if (l) added.push(l);
      });
      area.value = "";
      announce(added);
    });
    results.querySelector("[data-action=csv]").addEventListener("click", function () {
      var delimiter = sign === "," ? ";" : ",";
      var csv = table(team(structure, members.map(function (m) { return m.answers; }))).map(function (r) {
        return r.map(function (c) {
          return /["\n\r]/.test(c) || c.indexOf(delimiter) >= 0 ? '"' + c.replace(/"/g, '""') + '"' : c;
        }).join(delimiter);
      }).join("\r\n") + "\r\n";
      download(structure.id + "-team.csv", "text/csv;charset=utf-8", "\ufeff" + csv);
    });
    results.querySelector("[data-action=print]").addEventListener("click", function () { window.print(); });
    results.querySelector("[data-action=clear]").addEventListener("click", function () {
      members = [];
      errors.textContent = "";
      messages.textContent = "";
      render(false);
    });
  }

  // Pure functions for the shared test vectors.
  window.kbAssessment = { profile: profile, team: team, shareCode: shareCode, readCode: readCode,
                          readFile: readFile, answerFile: answerFile };

  function init() {
    all(document, "form[data-kb-assessment]").forEach(setupAssessment);
    all(document, "[data-kb-team]").forEach(setupTeam);
  }
  // Material's instant navigation swaps pages without a load event; document$ announces each.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
