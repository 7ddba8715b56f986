/* kb-team.js: the team view of the self-assessment. Members' answer files, team files and share
 * codes in, the team's profile out; nothing leaves the browser. Scoring, checking and drawing
 * come from kb-assessment.js (kb.assessment), loaded before this script.
 * Imported files and codes are only ever set as text, never as HTML. */
(function () {
  "use strict";
  var A = kb.assessment, all = kb.all, fill = kb.fill, has = kb.has, isObject = kb.isObject;
  var MINUS = "\u2212", MAX_FILE = 1000000;  // as builder/report.py: such a file is a few kilobytes
  var TRENDS = { up: ["▲", "trendUp"], down: ["▼", "trendDown"], steady: ["▶", "trendSteady"] };

  // -- Helpers ----------------------------------------------------------------------------------
  function label(i) {  // A … Z, AA …
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
      done(files.map(function (f, i) { return { name: f.name, text: texts[i], big: f.size > MAX_FILE }; }));
    }
    function got(i, text) { texts[i] = text; if (!--left) finish(); }
    files.forEach(function (file, i) {
      if (file.size > MAX_FILE) { got(i, null); return; }
      var reader = new FileReader();
      reader.onload = function () { got(i, String(reader.result)); };
      reader.onerror = function () { got(i, null); };
      reader.readAsText(file);
    });
  }

  // -- What "Keep on this computer" stored: each flawed entry is left out alone and counted ------
  function teamKey(root, structure) {
    return ["kb-team", "v" + A.STORE, root.getAttribute("data-site"), structure.id, structure.version].join(":");
  }
  function validMembers(structure, list, out) {
    var good = [];
    if (!Array.isArray(list)) { if (list !== undefined) out.dropped++; return good; }
    list.forEach(function (a) {
      try { good.push(A.checkAnswers(structure, a)); } catch (e) { out.dropped++; }
    });
    return good;
  }
  function restoreBefore(structure, b, out) {
    if (!isObject(b)) { if (b !== null && b !== undefined) out.dropped++; return null; }
    var members = validMembers(structure, b.members, out);
    if (has(b, "label") && b.label !== null && !A.goodLabel(b.label)) out.dropped++;
    if (has(b, "saved") && b.saved !== null && !A.isDate(b.saved)) out.dropped++;
    if (!members.length) { out.dropped++; return null; }
    return { members: members, label: A.goodLabel(b.label) ? b.label : null, saved: A.isDate(b.saved) ? b.saved : null };
  }
  function restoreTeam(key, structure) {
    var out = { found: false, members: [], before: null, dropped: 0 }, s = kb.store.load(key);
    if (!isObject(s) || s.v !== A.STORE) return out;
    out.found = true;
    out.members = validMembers(structure, s.members, out);
    out.before = restoreBefore(structure, s.before, out);
    return out;
  }

  // -- The view's state `t`: its structure, texts, elements, members, earlier session, notes -----
  function q(t, sel) { return t.root.querySelector(sel); }
  function answers(t) { return t.members.map(function (m) { return m.answers; }); }
  function count(t, n) { return t.counts[Math.min(n, t.counts.length - 1)]; }
  function levelName(t, id) { return id ? t.structure.levelNames[id] : ""; }
  function titles(t) { return t.structure.dimensions.map(function (d) { return d.title; }); }
  function error(t, source, e) {
    var li = document.createElement("li");
    li.textContent = fill(t.i18n[e.key] || t.i18n.notAnswers, { source: source, num: e.member });
    t.errors.appendChild(li);
  }
  function begin(t) { t.errors.textContent = ""; t.notes = []; }
  // After each change: keep (if ticked), announce and redraw.
  function finish(t, added) {
    if (added.length) t.notes.unshift(fill(t.i18n.added, { labels: added.join(", ") }));
    persist(t);
    t.messages.textContent = "";
    t.notes.forEach(function (n) {
      var p = document.createElement("p");
      p.textContent = n;
      t.messages.appendChild(p);
    });
    render(t);
  }
  function persist(t) {  // a full or refused store is said so in the messages (a live region)
    if (t.keep.checked && !kb.store.save(t.key, { v: A.STORE, members: answers(t), before: t.before })) {
      t.notes.push(t.i18n.keepFailed);
    }
  }
  // Two members may answer alike: both count; the note helps when one file was loaded twice.
  function add(t, source, a) {
    var code = A.shareCode(t.structure, a), same = -1;
    t.members.forEach(function (m, i) { if (same < 0 && m.code === code) same = i; });
    if (same >= 0) t.notes.push(fill(t.i18n.sameAnswers, { source: source, label: label(same) }));
    t.members.push({ answers: a, code: code });
    return label(t.members.length - 1);
  }
  // The members of answer files and team files; the first team file names the session.
  function sessionOf(t, files) {
    var s = { members: [], sources: [], label: null, saved: null };
    files.forEach(function (f) {
      try {
        var got = f.big ? A.fail("tooBig") : f.text === null ? A.fail("notJson") : A.readAny(t.structure, f.text);
        if (got.saved && !s.saved) { s.label = got.label; s.saved = got.saved; }
        got.members.forEach(function (a, i) {
          s.members.push(a);
          s.sources.push(got.members.length > 1 ? fill(t.i18n.teamMember, { source: f.name, num: i + 1 }) : f.name);
        });
      } catch (e) { error(t, f.name, e); }
    });
    return s;
  }
  function sessionText(t, s) {
    var parts = s.label ? [s.label] : [];
    if (s.saved) {
      var p = s.saved.split("-"), d = new Date(2000, 0, 1);
      d.setFullYear(+p[0], p[1] - 1, +p[2]);
      parts.push(fill(t.i18n.savedOn, { date: new Intl.DateTimeFormat(t.lang, { dateStyle: "long" }).format(d) }));
    }
    parts.push(count(t, s.members.length));
    return fill(t.i18n.beforeSet, { session: parts.join(" · ") });
  }

  // -- CSV tables, as `kb team-report` writes them ----------------------------------------------
  function csvTable(t, stats) {
    var i18n = t.i18n, sign = t.sign, one = function (v) { return A.oneDecimal(v, sign); };
    var rows = [[i18n.csvDimension, i18n.csvMean, i18n.csvLowest, i18n.csvHighest, i18n.csvSd, i18n.csvDisagree, i18n.csvLevel]
      .concat(labels(t.members.length))];
    stats.forEach(function (s, i) {
      var none = s.mean === null;
      rows.push([t.structure.dimensions[i].title, none ? "" : one(s.mean), none ? "" : String(s.low),
                 none ? "" : String(s.high), none ? "" : one(s.sd), s.disagree ? i18n.yes : i18n.no, levelName(t, s.level)]
        .concat(s.scores.map(function (v) { return v === null ? "" : String(v); })));
    });
    return rows;
  }
  function changeCsv(t, changes) {
    var i18n = t.i18n, sign = t.sign;
    var rows = [[i18n.csvDimension, i18n.csvMeanBefore, i18n.csvMeanAfter, i18n.csvChange, i18n.csvTrend,
                 i18n.csvLevelBefore, i18n.csvLevelAfter]];
    changes.forEach(function (c, i) {
      rows.push([t.structure.dimensions[i].title, c.before === null ? "" : A.oneDecimal(c.before, sign),
                 c.after === null ? "" : A.oneDecimal(c.after, sign), c.tenths === null ? "" : A.signed(c.tenths, sign, "-"),
                 c.trend ? i18n[TRENDS[c.trend][1]] : "", levelName(t, c.levelBefore), levelName(t, c.levelAfter)]);
    });
    return rows;
  }

  // -- Drawing ----------------------------------------------------------------------------------
  function memberList(t) {
    var list = q(t, "[data-members]");
    list.textContent = "";
    t.members.forEach(function (m, i) {
      var li = document.createElement("li"), button = document.createElement("button");
      li.textContent = fill(t.i18n.member, { label: label(i) }) + " ";
      button.type = "button";
      button.className = "kb-team__remove";
      button.textContent = "×";
      button.setAttribute("aria-label", fill(t.i18n.remove, { label: label(i) }));
      button.addEventListener("click", function () { begin(t); t.members.splice(i, 1); finish(t, []); });
      li.appendChild(button);
      list.appendChild(li);
    });
  }
  function teamRows(t, stats) {
    var tbody = q(t, "[data-table]"), i18n = t.i18n, one = function (v) { return A.oneDecimal(v, t.sign); };
    tbody.textContent = "";
    stats.forEach(function (s, i) {
      var none = s.mean === null;
      A.row(tbody, [t.structure.dimensions[i].title, none ? (s.tooFew ? i18n.tooFew : i18n.noScore) : one(s.mean),
                    none ? "–" : s.low + "–" + s.high, none ? "–" : one(s.sd),
                    s.level ? { text: levelName(t, s.level), cls: "kb-level kb-level--" + s.level } : "–",
                    none ? "–" : s.disagree ? { text: "⚠ " + i18n.disagree, cls: "kb-disagree" } : i18n.agree], "row");
    });
  }
  function heatmap(t, stats) {
    var head = q(t, "[data-heatmap-head]"), heat = q(t, "[data-heatmap]");
    head.textContent = heat.textContent = "";
    A.row(head, [t.i18n.csvDimension].concat(labels(t.members.length)), "col");
    stats.forEach(function (s, i) {
      var d = t.structure.dimensions[i];
      A.row(heat, [d.title].concat(s.scores.map(function (v, k) {
        if (v !== null) return { text: String(v), cls: "kb-heat kb-level--" + A.levelOf(d.bands, v) };
        return s.answered[k] ? fill(t.i18n.tooFewOf, { answered: s.answered[k], total: d.statements.length }) : "–";
      })), "row");
    });
  }
  function comparison(t, changes) {
    q(t, "[data-compare]").hidden = !changes;
    q(t, "[data-legend-before]").hidden = !changes;
    if (!changes) return;
    q(t, "[data-compare-about]").textContent = sessionText(t, t.before);
    var tbody = q(t, "[data-compare-table]"), one = function (v) { return v === null ? "–" : A.oneDecimal(v, t.sign); };
    tbody.textContent = "";
    changes.forEach(function (c, i) {
      A.row(tbody, [t.structure.dimensions[i].title, one(c.before), one(c.after),
                    c.tenths === null ? "–" : A.signed(c.tenths, t.sign, MINUS),
                    c.trend ? { text: t.i18n[TRENDS[c.trend][1]], arrow: TRENDS[c.trend][0], cls: "kb-trend--" + c.trend } : "–",
                    (levelName(t, c.levelBefore) || "–") + " → " + (levelName(t, c.levelAfter) || "–")], "row");
    });
  }
  function render(t) {
    q(t, "[data-before-status]").textContent = t.before ? sessionText(t, t.before) : "";
    q(t, "[data-action=stop]").hidden = !t.before;
    t.results.hidden = !t.members.length;
    document.body.classList.toggle("kb-has-results", t.members.length > 0);
    if (!t.members.length) return;
    var stats = A.team(t.structure, answers(t)), changes = t.before ? A.compare(t.structure, t.before.members, answers(t)) : null;
    q(t, "[data-count]").textContent = count(t, t.members.length);
    memberList(t);
    teamRows(t, stats);
    heatmap(t, stats);
    A.radar(q(t, "[data-radar]"), titles(t), stats.map(function (s) { return s.mean; }),
            stats.map(function (s) { return s.mean === null ? null : [s.low, s.high]; }),
            changes && changes.map(function (c) { return c.before; }));
    comparison(t, changes);
    A.steps(document, q(t, "[data-steps]"),
            stats.map(function (s) { return { id: s.id, level: s.level, value: s.mean }; }),
            function (r) { return fill(t.i18n.scoreOf, { score: A.oneDecimal(r.value, t.sign) }); });
  }

  // -- Events -----------------------------------------------------------------------------------
  function bindFiles(t) {
    q(t, "[data-files]").addEventListener("change", function (event) {
      readFiles(event.target, function (files) {
        begin(t);
        var s = sessionOf(t, files), name = q(t, "[data-label]");
        if (s.label && !name.value) name.value = s.label;  // a team file saved again keeps its name
        finish(t, s.members.map(function (a, i) { return add(t, s.sources[i], a); }));
      });
    });
    q(t, "[data-before]").addEventListener("change", function (event) {
      readFiles(event.target, function (files) {
        begin(t);
        var s = sessionOf(t, files);
        if (s.members.length) {
          t.before = { members: s.members, label: s.label, saved: s.saved };
          t.notes.push(sessionText(t, t.before));
        }
        finish(t, []);
      });
    });
    q(t, "[data-action=stop]").addEventListener("click", function () { begin(t); t.before = null; finish(t, []); });
  }
  function bindCodes(t) {
    q(t, "[data-input]").addEventListener("submit", function (event) {
      event.preventDefault();
      var area = q(t, "[data-codes]"), added = [];
      begin(t);
      area.value.split(/\r?\n/).forEach(function (line, i) {
        if (!line.trim()) return;
        var source = fill(t.i18n.line, { num: i + 1 });
        try { added.push(add(t, source, A.readCode(t.structure, line))); } catch (e) { error(t, source, e); }
      });
      area.value = "";
      finish(t, added);
    });
    t.keep.addEventListener("change", function () {
      begin(t);
      if (!t.keep.checked) kb.store.remove(t.key);
      finish(t, []);
    });
  }
  function bindActions(t) {
    function on(action, f) { t.results.querySelector("[data-action=" + action + "]").addEventListener("click", f); }
    on("team-file", function () {
      var name = q(t, "[data-label]").value.trim();
      kb.download(t.structure.id + "-team-" + today() + ".json", "application/json",
                  JSON.stringify(A.teamFile(t.structure, answers(t), today(), A.goodLabel(name) ? name : null), null, 2) + "\n");
    });
    on("csv", function () {
      kb.download(t.structure.id + "-team.csv", "text/csv;charset=utf-8",
                  A.toCsv(csvTable(t, A.team(t.structure, answers(t))), t.sign));
    });
    on("compare-csv", function () {
      kb.download(t.structure.id + "-team-change.csv", "text/csv;charset=utf-8",
                  A.toCsv(changeCsv(t, A.compare(t.structure, t.before.members, answers(t))), t.sign));
    });
    on("print", function () { window.print(); });
    on("clear", function () { begin(t); t.members = []; finish(t, []); });
  }
  // The box follows the store, not what the browser restores of the form after a reload.
  function restore(t) {
    var kept = restoreTeam(t.key, t.structure);
    t.keep.checked = kept.found;
    kept.members.forEach(function (a) { t.members.push({ answers: a, code: A.shareCode(t.structure, a) }); });
    t.before = kept.before;
    if (t.members.length) t.notes.push(fill(t.i18n.restored, { labels: labels(t.members.length).join(", ") }));
    if (kept.dropped) t.notes.push(t.i18n.keepDropped);
    finish(t, []);  // rewrites the store without the flawed entries
  }
  function setupTeam(root) {
    if (root.kbTeam) return;
    root.kbTeam = true;
    var structure = kb.data(root, "structure"), lang = root.getAttribute("data-lang");
    var t = { root: root, structure: structure, i18n: kb.data(root, "i18n"), lang: lang, sign: kb.decimalSign(lang),
              counts: kb.data(root, "members-texts"), members: [], before: null, notes: [],
              key: teamKey(root, structure) };
    t.results = q(t, "[data-results]");
    t.errors = q(t, "[data-errors]");
    t.messages = q(t, "[data-messages]");
    t.keep = q(t, "[data-keep]");
    bindFiles(t);
    bindCodes(t);
    bindActions(t);
    restore(t);
  }

  function init() { all(document, "[data-kb-team]").forEach(setupTeam); }
  // Material's instant navigation swaps pages without a load event; document$ announces each.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
